// The candidate list's state as the page's URL holds it (Dutch names, shareable, the back button restores it) and as
// GET /candidates is asked for it. The one place that knows the list's parameters.
import type { operations } from "../../api/ledger";
import { UrlReader, type UrlProblem } from "../../url/urlState";

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

const municipalityCode = /^GM\d{4}$/;

/**
 * A URL's state and what of it the page ignores (shown to the person: UrlNotice), read the one shared way as the
 * contract list. A WSP lists its own municipality only (the service refuses another): its ?gemeente= is ignored, said.
 */
export function readSearch(search: URLSearchParams, admin: boolean): { state: ListState; problems: readonly UrlProblem[] } {
  const url = new UrlReader(search);
  const q = url.text(names.q) ?? "";
  if (q !== "" && !/^[A-Za-z0-9-]{1,20}$/.test(q)) url.reject(names.q, q, "geen begin van een kandidaatnummer (letters, cijfers en -, ten hoogste 20)");
  const served = url.oneOf(names.served, new Map([["ja", true], ["nee", false]]), "keuze (ja of nee)");
  const given = url.text(names.municipality)?.toUpperCase() ?? null;
  let municipality: string | null = null;
  if (given !== null) {
    if (!admin) url.reject(names.municipality, given, "u ziet de kandidaten van uw eigen gemeente");
    else if (!municipalityCode.test(given)) url.reject(names.municipality, given, "geen CBS-gemeentecode (GM en vier cijfers)");
    else municipality = given;
  }
  const state: ListState = {
    q: /^[A-Za-z0-9-]{1,20}$/.test(q) ? q : "",
    trede: url.whole(names.trede, 1, 6, "trede"),
    act: url.oneOf(names.act, acts, "wet (participatiewet, ioaw of ioaz)"),
    served,
    municipality,
    page: url.whole(names.page, 1, 100_000, "paginanummer") ?? 1,
  };
  return { state, problems: url.problems() };
}

/** A URL's state; what does not parse is left out (readSearch says what). */
export const fromSearch = (search: URLSearchParams, admin: boolean): ListState => readSearch(search, admin).state;

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
