// The contract list's state as the page's URL holds it (shareable, the back button restores it) and as GET /contracts
// is asked for it. The one place that knows which of its parameters the API has.
import type { components, operations } from "../api/ledger";
import { UrlReader, type UrlProblem } from "../url/urlState";

export type ListQuery = NonNullable<operations["listContracts"]["parameters"]["query"]>;
export type StatusFilter = NonNullable<ListQuery["status"]>;
export type Category = components["schemas"]["ContractCategory"];
export type Sort = "awardedOn" | "-awardedOn" | "reference" | "-reference" | "value" | "-value";

export const sorts: readonly Sort[] = ["-awardedOn", "awardedOn", "reference", "-reference", "-value", "value"];
export const defaultSort: Sort = "-awardedOn";
export const pageSize = 20;

export interface ListState {
  q: string;
  status: StatusFilter | null;
  category: Category | null;
  municipality: string | null;
  awardYear: number | null;
  sort: Sort;
  page: number;
}

/**
 * `q`, `awardYear` and `sort` come to GET /contracts in a parallel change. Until this client's types have them the
 * service refuses them (an undeclared query parameter is a 400), so they stay in the URL but are not sent. After
 * ledger.d.ts is generated with them, this type turns `true` and the build fails here until the value is `true` too:
 * that one word is the switch.
 */
type ApiHasSearch = "q" extends keyof ListQuery ? true : false;
export const apiHasSearch: ApiHasSearch = true;

/** The request for the generated client. */
export function toQuery(state: ListState): ListQuery {
  const query: ListQuery = { page: state.page, pageSize };
  if (state.status) query.status = state.status;
  if (state.category) query.category = state.category;
  if (state.municipality) query.municipality = state.municipality;
  if (apiHasSearch) {
    const coming: Record<string, string | number> = {};
    if (state.q) coming.q = state.q;
    if (state.awardYear !== null) coming.awardYear = state.awardYear;
    if (state.sort !== defaultSort) coming.sort = state.sort;
    Object.assign(query, coming);
  }
  return query;
}

/** What the page asks for that the API does not do yet (shown to the person, so nobody trusts an unfiltered list). */
export function notYetApplied(state: ListState): string[] {
  if (apiHasSearch) return [];
  const missing: string[] = [];
  if (state.q) missing.push("zoeken");
  if (state.awardYear !== null) missing.push("gunningsjaar");
  if (state.sort !== defaultSort) missing.push("sorteren");
  return missing;
}

// The page's own URL: Dutch names, as people read and share it.
const names = { q: "zoeken", status: "status", category: "categorie", municipality: "gemeente", awardYear: "jaar", sort: "sortering", page: "pagina" } as const;

const statuses: readonly StatusFilter[] = ["active", "completed", "behind", "on-track", "fulfilled", "overdue", "settled", "not-applicable"];
const categories: readonly Category[] = ["werken", "diensten", "leveringen"];

/** A URL's state and what of it the page ignores (shown to the person: UrlNotice), read the one shared way. */
export function readSearch(search: URLSearchParams): { state: ListState; problems: readonly UrlProblem[] } {
  const url = new UrlReader(search);
  const municipality = url.text(names.municipality)?.toUpperCase() ?? null;
  if (municipality !== null && !/^GM\d{4}$/.test(municipality)) url.reject(names.municipality, municipality, "geen CBS-gemeentecode (GM en vier cijfers)");
  const state: ListState = {
    q: url.text(names.q) ?? "",
    status: url.oneOf(names.status, statuses, "status van deze lijst"),
    category: url.oneOf(names.category, categories, "categorie (werken, diensten of leveringen)"),
    municipality: municipality && /^GM\d{4}$/.test(municipality) ? municipality : null,
    awardYear: url.whole(names.awardYear, 2000, 2100, "gunningsjaar"),
    sort: url.oneOf(names.sort, sorts, "sortering van deze lijst") ?? defaultSort,
    page: url.whole(names.page, 1, 100_000, "paginanummer") ?? 1,
  };
  return { state, problems: url.problems() };
}

/** A URL's state; what does not parse is left out (readSearch says what). */
export const fromSearch = (search: URLSearchParams): ListState => readSearch(search).state;

/** The URL's query for a state: only what differs from the defaults, in a fixed order. */
export function toSearch(state: ListState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.q) search.set(names.q, state.q);
  if (state.status) search.set(names.status, state.status);
  if (state.category) search.set(names.category, state.category);
  if (state.municipality) search.set(names.municipality, state.municipality);
  if (state.awardYear !== null) search.set(names.awardYear, String(state.awardYear));
  if (state.sort !== defaultSort) search.set(names.sort, state.sort);
  if (state.page !== 1) search.set(names.page, String(state.page));
  return search;
}

export const statusLabels: Record<StatusFilter, string> = {
  active: "lopend",
  completed: "afgerond",
  behind: "achter",
  "on-track": "op schema",
  fulfilled: "vervuld",
  overdue: "verlopen",
  settled: "afgerekend",
  "not-applicable": "niet van toepassing",
};

export const categoryLabels: Record<Category, string> = { werken: "werken", diensten: "diensten", leveringen: "leveringen" };

export const sortLabels: Record<Sort, string> = {
  "-awardedOn": "Gunningsdatum, nieuwste eerst",
  awardedOn: "Gunningsdatum, oudste eerst",
  reference: "Kenmerk, A–Z",
  "-reference": "Kenmerk, Z–A",
  "-value": "Waarde, hoogste eerst",
  value: "Waarde, laagste eerst",
};

export { statuses, categories };
