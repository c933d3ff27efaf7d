// Every change on a candidate names the version the page read (If-Match: a 412 when someone changed the candidate
// meanwhile) and its attempt's Idempotency-Key (a repeat after a lost answer writes nothing twice).
export const changeHeaders = (key: string, version: number) => ({ "Idempotency-Key": key, "If-Match": `"${version}"` });

/** What every candidate form gets from the page: whose, which version, and what to do once the service agreed. */
export interface FormProps {
  candidateNumber: string;
  version: number;
  /** The service agreed: the page says `message` and reads the candidate again. */
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** An empty optional field goes as null, so the service names what is missing with everything else (one 400). */
export const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** Hours as typed in Dutch ("32,5") → the number the API takes; NaN when not a number, which the service then names. */
export const hours = (text: string) => (text.trim() === "" ? null : Number(text.trim().replace(",", ".")));

/**
 * Hours a week as the service takes them (Placements/PlacementFields.cs, CheckHours): above 0, at most 60, at most two
 * decimals, typed the Dutch way ("32" or "24,5").
 */
export function hoursProblem(text: string, required = true): { ok: true } | { ok: false; message: string } {
  const typed = text.trim();
  if (typed === "") return required ? { ok: false, message: "Vul het aantal uren per week in." } : { ok: true };
  const match = /^(\d{1,2})(?:,(\d+))?$/.exec(typed);
  if (!match) return { ok: false, message: "Schrijf de uren zoals 32 of 24,5 (een komma voor de decimalen)." };
  if ((match[2] ?? "").length > 2) return { ok: false, message: "Ten hoogste twee cijfers achter de komma." };
  const value = Number(`${match[1]}.${match[2] ?? "0"}`);
  if (value <= 0 || value > 60) return { ok: false, message: "Meer dan 0 en ten hoogste 60 uur per week." };
  return { ok: true };
}
