// ?bekendOp= in the URL: a date (2026-12-05: everything recorded on or before that Amsterdam day) or, from an event's
// "Zoals bekend na deze gebeurtenis" link, the exact recorded moment of that event. Either becomes the API's asKnownOn.
import { dayOf, endOfDay } from "../format/moment";
import { dateProblem } from "../url/urlState";

export interface KnownOn {
  /** What the date field shows. */
  date: string;
  /** The instant asked of the API. */
  instant: string;
  /** True when the URL named an exact moment rather than a whole day. */
  exact: boolean;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The moment the URL asks for; null for "now", "invalid" for a value that is neither a date nor a moment. */
export function knownOnOf(value: string | null): KnownOn | null | "invalid" {
  if (!value) return null;
  // The service takes no moment outside its date bounds (a 400 naming asKnownOn): the page says so in Dutch instead.
  if (dateProblem(value.slice(0, 10))) return "invalid";
  if (isoDate.test(value) && !Number.isNaN(Date.parse(value))) return { date: value, instant: endOfDay(value), exact: false };
  if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return { date: dayOf(value), instant: value, exact: true };
  return "invalid";
}
