// "Vorige pagina / Pagina n van m / Volgende pagina" for any list the service pages (page, pageSize, total). Links, not
// buttons: each page has its own URL, to share or to open in a new tab.
import { Link as RouterLink } from "react-router";

interface Props {
  page: number;
  pageSize: number;
  total: number;
  /** The URL (query string) of page n. */
  to: (n: number) => string;
}

export function PageLinks({ page, pageSize, total, to }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Paginering" className="sroi-paging">
      {page > 1 ? (
        <RouterLink className="utrecht-link" to={to(page - 1)} rel="prev">Vorige pagina</RouterLink>
      ) : (
        <span aria-hidden="true" className="sroi-muted">Vorige pagina</span>
      )}
      <span>Pagina {page} van {pages}</span>
      {page < pages ? (
        <RouterLink className="utrecht-link" to={to(page + 1)} rel="next">Volgende pagina</RouterLink>
      ) : (
        <span aria-hidden="true" className="sroi-muted">Volgende pagina</span>
      )}
    </nav>
  );
}
