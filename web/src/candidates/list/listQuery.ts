// The candidate list's state as the page's URL holds it (Dutch names, shareable, the back button restores it) and as
// GET /candidates is asked for it. The one place that knows the list's parameters.
import type { operations } from "../../api/ledger";

export type ListQuery = NonNullable<operations["listCandidates"]["parameters"]["query"]>;
export type Act = NonNullable<ListQuery["benefitAct"]>;

export const pageSize = 20;
export const acts: readonly Act[] = ["participatiewet", "ioaw", "ioaz"];

export interface ListState {
  /** The start of a candidate number. */
  q: string;
  trede: number | null;
  act: Act | null;
  /** Whether the WSP serves the candidate now; null: both. */
  served: boolean | null;
  /** An administrator's choice (a WSP lists its own municipality). */
  municipality: string | null;
  page: number;
}

const names = { q: "zoeken", trede: "trede", act: "wet", served: "begeleid", municipality: "gemeente", page: "pagina" } as const;

function whole(text: string | null, min: number, max: number): number | null {
  if (text === null || !/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** A URL's state; what does not parse is left out (a hand-edited URL shows the unfiltered list, not an error). */
export function fromSearch(search: URLSearchParams): ListState {
  const q = (search.get(names.q) ?? "").trim();
  const act = search.get(names.act);
  const served = search.get(names.served);
  const municipality = search.get(names.municipality)?.toUpperCase() ?? null;
  return {
    q: /^[A-Za-z0-9-]{1,20}$/.test(q) ? q : "",
    trede: whole(search.get(names.trede), 1, 6),
    act: (acts as readonly string[]).includes(act ?? "") ? (act as Act) : null,
    served: served === "ja" ? true : served === "nee" ? false : null,
    municipality: municipality && /^GM\d{4}$/.test(municipality) ? municipality : null,
    page: whole(search.get(names.page), 1, 100_000) ?? 1,
  };
}

/** The URL's query for a state: only what differs from the defaults, in a fixed order. */
export function toSearch(state: ListState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.q) search.set(names.q, state.q);
  if (state.trede !== null) search.set(names.trede, String(state.trede));
  if (state.act) search.set(names.act, state.act);
  if (state.served !== null) search.set(names.served, state.served ? "ja" : "nee");
  if (state.municipality) search.set(names.municipality, state.municipality);
  if (state.page !== 1) search.set(names.page, String(state.page));
  return search;
}

/** The request for the generated client. */
export function toQuery(state: ListState): ListQuery {
  const query: ListQuery = { page: state.page, pageSize };
  if (state.q) query.q = state.q;
  if (state.trede !== null) query.trede = state.trede;
  if (state.act) query.benefitAct = state.act;
  if (state.served !== null) query.servedByWsp = state.served;
  if (state.municipality) query.municipality = state.municipality;
  return query;
}
