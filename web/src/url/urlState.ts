// The one way a page reads its state from its URL (?pagina=, ?status=, ?bekendOp=, …): the values it can use, and, for
// every parameter it cannot, a problem in Dutch the page shows (UrlNotice) instead of silently showing something else
// than the address asks for. A hand-edited or old link still opens the page, with what could be read applied.
import { counted } from "../format/dutch";
import { municipalityParameter } from "../municipalities/chosen";

export interface UrlProblem {
  /** The parameter as the URL names it (pagina). */
  name: string;
  /** What the URL gave (-1). */
  value: string;
  /** Why it is ignored, in Dutch, to follow "wordt genegeerd:" (geen paginanummer van 1 tot en met 100.000). */
  why: string;
}

/** The dates the service takes (HttpConventions/DateBounds.cs): an earlier or later one is a 400 there. */
export const earliestDate = "1900-01-01";
export const latestDate = "2999-12-31";

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dutch = (iso: string) => iso.split("-").reverse().join("-");

/** "van 01-01-1900 tot en met 31-12-2999": the dates a date control takes, as its messages name them. */
export const dateRange = `van ${dutch(earliestDate)} tot en met ${dutch(latestDate)}`;

/** Why a yyyy-mm-dd text is no date the service takes (to follow "is"), naming the bounds; null when it is one. */
export function dateProblem(text: string): string | null {
  const match = isoDate.exec(text);
  if (!match) return `geen datum (kies een datum ${dateRange})`;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return `geen bestaande datum (kies een datum ${dateRange})`;
  if (text < earliestDate || text > latestDate) return `buiten de grenzen: kies een datum ${dateRange}`;
  return null;
}

/** The Dutch words at a "Zoals bekend op" control for a ?bekendOp= the page cannot use (a date or a moment). */
export function knownOnInUrl(text: string): string {
  const why = dateProblem(text.slice(0, 10)) ?? `geen datum of moment (kies een datum ${dateRange})`;
  return `De datum in het adres (bekendOp=${text}) is ${why}.`;
}

/** 100.000 but 2000: a year is not grouped, a large count is. */
const bound = (n: number) => (n >= 10_000 ? n.toLocaleString("nl-NL") : String(n));

/** Parameters every page may carry: the shell keeps the chosen municipality on every link (chosen.ts). */
const everywhere: readonly string[] = [municipalityParameter];

/**
 * Reads one URL's parameters for one page. Each read marks the name as known; `problems()` then also names every
 * parameter no read asked for (?sorteer= where the page says ?sortering=).
 */
export class UrlReader {
  private readonly known = new Set<string>(everywhere);
  private readonly found: UrlProblem[] = [];

  constructor(private readonly search: URLSearchParams) {}

  /** The raw text, or null when absent or empty. */
  text(name: string): string | null {
    this.known.add(name);
    const value = this.search.get(name);
    return value === null || value.trim() === "" ? null : value.trim();
  }

  /** One of the values a parameter may have (?status=achter), keyed by the word the URL uses. */
  oneOf<T>(name: string, values: ReadonlyMap<string, T> | readonly (T & string)[], what: string): T | null {
    const text = this.text(name);
    if (text === null) return null;
    const map: ReadonlyMap<string, T> = values instanceof Map ? values : new Map((values as readonly (T & string)[]).map((v) => [v, v]));
    const value = map.get(text);
    if (value === undefined) this.reject(name, text, `geen ${what}`);
    return value ?? null;
  }

  /** A whole number from min to max (?pagina=2). */
  whole(name: string, min: number, max: number, what: string): number | null {
    const text = this.text(name);
    if (text === null) return null;
    const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    this.reject(name, text, `geen ${what} van ${bound(min)} tot en met ${bound(max)}`);
    return null;
  }

  /** A date the service takes (yyyy-mm-dd within its bounds). */
  date(name: string): string | null {
    const text = this.text(name);
    if (text === null) return null;
    const problem = dateProblem(text);
    if (problem) this.reject(name, text, problem);
    return problem ? null : text;
  }

  /** A value the page's own reading found unusable (a period, a moment). */
  reject(name: string, value: string, why: string): void {
    this.known.add(name);
    if (!this.found.some((p) => p.name === name)) this.found.push({ name, value, why });
  }

  /** Every problem: the values refused, then the parameters this page does not know. */
  problems(): readonly UrlProblem[] {
    const unknown = [...new Set(this.search.keys())].filter((name) => !this.known.has(name))
      .map((name) => ({ name, value: this.search.get(name) ?? "", why: "deze pagina kent die niet" }));
    return [...this.found, ...unknown];
  }
}

/** ?pagina= past a paged list's last page (the service answers it empty): said, not shown as "no rows". */
export function pageBeyond(page: number, pageSize: number, total: number): UrlProblem | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return page > pages ? { name: "pagina", value: String(page), why: `deze lijst heeft ${counted(pages, "pagina", "pagina's")}` } : null;
}
