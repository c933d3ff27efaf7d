// The worklist's state as the page's URL holds it (Dutch names, shareable, the back button restores it) and as
// GET /worklist is asked for it: one kind or all, and the page. The service filters and pages; the page only asks.
import type { components, operations } from "../api/ledger";

export type WorklistQuery = NonNullable<operations["getWorklist"]["parameters"]["query"]>;
export type Kind = components["schemas"]["WorklistKind"];

export const kinds: readonly Kind[] = ["report-pending-review", "behind", "overdue", "settlement-due"];
export const pageSize = 20;

/** The kind's name in the page's URL (?soort=) and in its filter, in the words a WSP uses. */
const urlNames: Record<Kind, string> = {
  "report-pending-review": "beoordelen",
  behind: "achter",
  overdue: "verlopen",
  "settlement-due": "afrekenen",
};

export const kindLabels: Record<Kind, string> = {
  "report-pending-review": "Rapportage beoordelen",
  behind: "Achter op schema",
  overdue: "Verlopen met tekort",
  "settlement-due": "Afrekening nodig",
};

export interface WorklistState {
  kind: Kind | null;
  page: number;
}

/** A URL's state; what does not parse is left out (a hand-edited URL shows the whole list, not an error). */
export function fromSearch(search: URLSearchParams): WorklistState {
  const name = search.get("soort");
  const kind = kinds.find((k) => urlNames[k] === name) ?? null;
  const pageText = search.get("pagina");
  const page = pageText && /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  return { kind, page };
}

export function toSearch(state: WorklistState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.kind) search.set("soort", urlNames[state.kind]);
  if (state.page !== 1) search.set("pagina", String(state.page));
  return search;
}

export function toQuery(state: WorklistState): WorklistQuery {
  return { page: state.page, pageSize, ...(state.kind ? { kind: state.kind } : {}) };
}
