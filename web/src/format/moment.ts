// Recorded moments (instants) in Dutch notation and in the municipality's time zone, whatever the browser's: an auditor
// in another zone must read the same day the service's business calendar uses (Europe/Amsterdam).
const zone = "Europe/Amsterdam";

const momentFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: zone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** 05-12-2026 20:15:03 from an instant. */
export function moment(instant: string | null | undefined): string {
  if (!instant) return "–";
  const parts = Object.fromEntries(momentFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The Amsterdam date (2026-12-05) an instant falls on. */
export function dayOf(instant: string): string {
  const parts = Object.fromEntries(momentFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Minutes Amsterdam is ahead of UTC at a UTC moment (60 in winter, 120 in summer). */
function offsetMinutes(utc: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(utc).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * The last instant of an Amsterdam day (2026-12-05 → 2026-12-05T22:59:59.999999Z): "as known on" a date means everything
 * recorded on or before it. Microseconds, because the ledger records to the microsecond.
 */
export function endOfDay(isoDate: string): string {
  const [y = 1970, m = 1, d = 1] = isoDate.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d + 1);
  const midnight = guess - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(midnight - 1000).toISOString().replace(/\.\d{3}Z$/, ".999999Z");
}
