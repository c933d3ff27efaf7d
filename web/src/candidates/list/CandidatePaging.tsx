import { Link as RouterLink } from "react-router";
import type { components } from "../../api/ledger";
import { toSearch, type ListState } from "./listQuery";

type CandidatePage = components["schemas"]["CandidatePage"];

/** Links (not buttons): each page has its own URL, to share or to open in a new tab (as the contract list's). */
export function CandidatePaging({ page, state }: { page: CandidatePage; state: ListState }) {
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
      <span>Pagina {page.page} van {pages}</span>
      {page.page < pages ? (
        <RouterLink className="utrecht-link" to={to(page.page + 1)} rel="next">Volgende pagina</RouterLink>
      ) : (
        <span aria-hidden="true" className="sroi-muted">Volgende pagina</span>
      )}
    </nav>
  );
}
