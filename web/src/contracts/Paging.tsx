import { Link as RouterLink } from "react-router";
import type { components } from "../api/ledger";
import { toSearch, type ListState } from "./listQuery";

type ContractPage = components["schemas"]["ContractPage"];

/** Links (not buttons): each page has its own URL, to share or to open in a new tab. */
export function Paging({ page, state }: { page: ContractPage; state: ListState }) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages <= 1) return null;
  const to = (n: number) => `?${toSearch({ ...state, page: n }).toString()}`;
  return (
    <nav aria-label="Paginering" className="sroi-paging">
      {page.page > 1 ? (
        <RouterLink className="utrecht-link" to={to(page.page - 1)} rel="prev">Vorige pagina</RouterLink>
      ) : (
        <span aria-hidden="true" className="sroi-muted">Vorige pagina</span>
      )}
      <span>Pagina {page.page} van {page.totalIsExact ? "" : "ongeveer "}{pages}</span>
      {page.page < pages ? (
        <RouterLink className="utrecht-link" to={to(page.page + 1)} rel="next">Volgende pagina</RouterLink>
      ) : (
        <span aria-hidden="true" className="sroi-muted">Volgende pagina</span>
      )}
    </nav>
  );
}
