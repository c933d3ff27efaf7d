// The contract list's state as the page's URL holds it (shareable, the back button restores it) and as GET /contracts
// is asked for it. The one place that knows which of its parameters the API has.
import type { components, operations } from "../api/ledger";

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

const oneOf = <T extends string>(values: readonly T[], text: string | null): T | null =>
  text !== null && (values as readonly string[]).includes(text) ? (text as T) : null;

function whole(text: string | null, min: number, max: number): number | null {
  if (text === null || !/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** A URL's state; what does not parse is left out (a hand-edited URL shows the unfiltered list, not an error). */
export function fromSearch(search: URLSearchParams): ListState {
  const municipality = search.get(names.municipality)?.toUpperCase() ?? null;
  return {
    q: (search.get(names.q) ?? "").trim(),
    status: oneOf(statuses, search.get(names.status)),
    category: oneOf(categories, search.get(names.category)),
    municipality: municipality && /^GM\d{4}$/.test(municipality) ? municipality : null,
    awardYear: whole(search.get(names.awardYear), 2000, 2100),
    sort: oneOf(sorts, search.get(names.sort)) ?? defaultSort,
    page: whole(search.get(names.page), 1, 100_000) ?? 1,
  };
}

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
