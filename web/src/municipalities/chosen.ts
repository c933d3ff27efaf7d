// The municipality a person looks at, kept in the URL as ?gemeente= (public: a CBS code), so a link, a bookmark and the
// back button keep it. Only who sees more than one municipality chooses (an administrator, a contractor acting in every
// municipality); everyone else sees their own, whatever the URL says.
import type { Session } from "../api/session";

export const municipalityParameter = "gemeente";
const code = /^GM\d{4}$/;

/** Whether this person sees several municipalities and so chooses one (or all). */
export const choosesMunicipality = (session: Session) =>
  session.role === "admin" || (session.role === "opdrachtnemer" && !session.municipality);

/** The chosen municipality's code from the URL's query, or null (all, or the person's own). */
export function chosenMunicipality(search: URLSearchParams, session: Session): string | null {
  if (!choosesMunicipality(session)) return null;
  const chosen = (search.get(municipalityParameter) ?? "").trim().toUpperCase();
  return code.test(chosen) ? chosen : null;
}

/**
 * The same link with the chosen municipality kept (?gemeente=), for every link of the app: the menu, lists, contract
 * links. An href that names one already keeps its own; without a choice the href is unchanged.
 */
export function withMunicipality(href: string, municipality: string | null): string {
  if (!municipality) return href;
  const [path, query = ""] = href.split("?", 2);
  const search = new URLSearchParams(query);
  if (search.has(municipalityParameter)) return href;
  search.set(municipalityParameter, municipality);
  return `${path}?${search.toString()}`;
}
