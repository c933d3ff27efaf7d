// "Zoals bekend op": the page as the ledger knew it then, kept in the URL as ?bekendOp=. A date (2026-03-01) means the
// end of that day in the Netherlands — everything recorded on it counts — and an exact moment (2026-03-01T10:15:00Z,
// as the history lists them) is taken as it is, so the auditor can open the page between two events of one day.

export interface KnownOn {
  /** What the URL said, for the date field and the headings. */
  text: string;
  /** The date part (yyyy-mm-dd), for the date field. */
  date: string;
  /** The recorded moment the API is asked for (asKnownOn), as an ISO instant in UTC. */
  instant: string;
  /** True for a whole day, false for an exact moment. */
  wholeDay: boolean;
}

import { dateProblem } from "../url/urlState";

const day = /^(\d{4})-(\d{2})-(\d{2})$/;
const moment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The URL's value read, or null when there is none; "invalid" when it names no date or moment. */
export function readKnownOn(text: string | null): KnownOn | null | "invalid" {
  if (!text) return null;
  // The service takes no moment outside its date bounds (a 400 naming asKnownOn): the page says so in Dutch instead.
  if (dateProblem(text.slice(0, 10))) return "invalid";
  if (day.test(text)) {
    const instant = endOfDutchDay(text);
    return instant ? { text, date: text, instant, wholeDay: true } : "invalid";
  }
  if (moment.test(text)) {
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) return "invalid";
    // A UTC moment goes to the API as written: the history's moments have microseconds, which a Date would cut to
    // milliseconds — and so fall just before the event they name.
    return { text, date: dutchDateOf(at), instant: text.endsWith("Z") ? text : at.toISOString(), wholeDay: false };
  }
  return "invalid";
}

/** The last millisecond of the day in Europe/Amsterdam (23:59:59.999 at +01:00 or +02:00), in UTC. */
function endOfDutchDay(iso: string): string | null {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d, 12));
  if (probe.getUTCDate() !== d || probe.getUTCMonth() !== m - 1) return null;
  const offset = amsterdamOffsetMinutes(new Date(Date.UTC(y, m - 1, d, 23, 59, 59, 999)));
  return new Date(Date.UTC(y, m - 1, d, 23, 59, 59, 999) - offset * 60_000).toISOString();
}

/** Minutes Amsterdam is ahead of UTC at that moment (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Amsterdam", timeZoneName: "longOffset" })
    .formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT+01:00";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 60;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The date in the Netherlands of a moment (yyyy-mm-dd). */
function dutchDateOf(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** 01-03-2026 14:05 for a moment, in Dutch time. */
export function dutchMoment(instant: string): string {
  const parts = new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}-${part("month")}-${part("year")} ${part("hour")}:${part("minute")}:${part("second")}`;
}
