// The period the SROI placements and the trede flow count, as the page's URL holds it (Dutch names: jaar, kwartaal,
// halfjaar, van/tot) and as the API's reports take it (ReportParameters.Period: year, quarter, half, from/to).
import { dateProblem, UrlReader } from "../url/urlState";

export type Period =
  | { kind: "jaar"; year: number }
  | { kind: "kwartaal"; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: "halfjaar"; year: number; half: 1 | 2 }
  | { kind: "van-tot"; from: string; to: string };

export type PeriodKind = Period["kind"];

const validYear = (n: number) => Number.isInteger(n) && n >= 2000 && n <= 2100;

/** The URL's period, read the shared way (what it cannot use is told to the reader's problems); else this year. */
export function readPeriod(url: UrlReader, thisYear: number): Period {
  const quarterText = url.text("kwartaal");
  const halfText = url.text("halfjaar");
  const fromText = url.text("van");
  const toText = url.text("tot");
  const yearText = url.text("jaar");
  if (quarterText !== null) {
    const quarter = /^(\d{4})-K([1-4])$/.exec(quarterText);
    if (quarter && validYear(Number(quarter[1]))) return { kind: "kwartaal", year: Number(quarter[1]), quarter: Number(quarter[2]) as 1 | 2 | 3 | 4 };
    url.reject("kwartaal", quarterText, "geen kwartaal zoals 2026-K1 (jaar 2000 tot en met 2100)");
  }
  if (halfText !== null) {
    const half = /^(\d{4})-H([12])$/.exec(halfText);
    if (half && validYear(Number(half[1]))) return { kind: "halfjaar", year: Number(half[1]), half: Number(half[2]) as 1 | 2 };
    url.reject("halfjaar", halfText, "geen halfjaar zoals 2026-H1 (jaar 2000 tot en met 2100)");
  }
  if (fromText !== null || toText !== null) {
    const fromProblem = fromText === null ? "zonder ?tot= geen periode" : dateProblem(fromText);
    const toProblem = toText === null ? "zonder ?van= geen periode" : dateProblem(toText);
    if (!fromProblem && !toProblem && fromText !== null && toText !== null) {
      if (fromText <= toText) return { kind: "van-tot", from: fromText, to: toText };
      url.reject("tot", toText, "vóór de datum van ?van=");
    }
    if (fromText !== null && fromProblem) url.reject("van", fromText, fromProblem);
    if (toText !== null && toProblem) url.reject("tot", toText, toProblem);
  }
  if (yearText !== null) {
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (validYear(year)) return { kind: "jaar", year };
    url.reject("jaar", yearText, "geen jaar van 2000 tot en met 2100");
  }
  return { kind: "jaar", year: thisYear };
}

/** The URL's period; without one (or with one that does not parse) this year. */
export const periodFrom = (search: URLSearchParams, thisYear: number): Period => readPeriod(new UrlReader(search), thisYear);

/** The URL's query for a period, the other parameters (gemeente, peildatum) kept. */
export function withPeriod(search: URLSearchParams, period: Period): URLSearchParams {
  const next = new URLSearchParams(search);
  ["jaar", "kwartaal", "halfjaar", "van", "tot"].forEach((name) => next.delete(name));
  switch (period.kind) {
    case "jaar": next.set("jaar", String(period.year)); break;
    case "kwartaal": next.set("kwartaal", `${period.year}-K${period.quarter}`); break;
    case "halfjaar": next.set("halfjaar", `${period.year}-H${period.half}`); break;
    case "van-tot": next.set("van", period.from); next.set("tot", period.to); break;
  }
  return next;
}

/** The API's parameters for a period. */
export function periodQuery(period: Period): { year?: number; quarter?: string; half?: string; from?: string; to?: string } {
  switch (period.kind) {
    case "jaar": return { year: period.year };
    case "kwartaal": return { quarter: `${period.year}-Q${period.quarter}` };
    case "halfjaar": return { half: `${period.year}-H${period.half}` };
    case "van-tot": return { from: period.from, to: period.to };
  }
}

/** "2021", "het 1e kwartaal van 2021", "het 2e halfjaar van 2021", "01-03-2021 tot en met 30-06-2021". */
export function periodInDutch(period: Period, date: (iso: string) => string): string {
  switch (period.kind) {
    case "jaar": return String(period.year);
    case "kwartaal": return `het ${period.quarter}e kwartaal van ${period.year}`;
    case "halfjaar": return `het ${period.half}e halfjaar van ${period.year}`;
    case "van-tot": return `${date(period.from)} tot en met ${date(period.to)}`;
  }
}

/** The query string of a period for the API (for the CSV buttons, which fetch by URL). */
export function periodSearch(period: Period, municipality: string | null): string {
  const query = new URLSearchParams(Object.entries(periodQuery(period)).map(([k, v]) => [k, String(v)]));
  if (municipality) query.set("municipality", municipality);
  return query.toString();
}
