// The worklist's state as the page's URL holds it (Dutch names, shareable, the back button restores it) and as
// GET /worklist is asked for it: one kind or all, and the page. The service filters and pages; the page only asks.
import type { components, operations } from "../api/ledger";
import { UrlReader, type UrlProblem } from "../url/urlState";

export type WorklistQuery = NonNullable<operations["getWorklist"]["parameters"]["query"]>;
export type Kind = components["schemas"]["WorklistKind"];

export const kinds: readonly Kind[] = ["report-pending-review", "behind", "overdue", "settlement-due", "plan-missing"];
export const pageSize = 20;

/** The kind's name in the page's URL (?soort=) and in its filter, in the words a WSP uses. */
const urlNames: Record<Kind, string> = {
  "report-pending-review": "beoordelen",
  behind: "achter",
  overdue: "verlopen",
  "settlement-due": "afrekenen",
  // Listed by the service only when asked for by kind (Worklist/WorklistKind.PlanMissing): the filter is the way to it.
  "plan-missing": "plan",
};

export const kindLabels: Record<Kind, string> = {
  "report-pending-review": "Rapportage beoordelen",
  behind: "Achter op schema",
  overdue: "Verlopen met tekort",
  "settlement-due": "Afrekening nodig",
  "plan-missing": "Plan van aanpak ontbreekt",
};

export interface WorklistState {
  kind: Kind | null;
  page: number;
}

/** A URL's state and what of it the page ignores (shown to the person: UrlNotice), read the one shared way. */
export function readSearch(search: URLSearchParams): { state: WorklistState; problems: readonly UrlProblem[] } {
  const url = new UrlReader(search);
  const kind = url.oneOf("soort", new Map(kinds.map((k) => [urlNames[k], k])), "soort werk (beoordelen, achter, verlopen, afrekenen of plan)");
  const page = url.whole("pagina", 1, 100_000, "paginanummer") ?? 1;
  return { state: { kind, page }, problems: url.problems() };
}

/** A URL's state; what does not parse is left out (readSearch says what). */
export const fromSearch = (search: URLSearchParams): WorklistState => readSearch(search).state;

export function toSearch(state: WorklistState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.kind) search.set("soort", urlNames[state.kind]);
  if (state.page !== 1) search.set("pagina", String(state.page));
  return search;
}

export function toQuery(state: WorklistState): WorklistQuery {
  return { page: state.page, pageSize, ...(state.kind ? { kind: state.kind } : {}) };
}
