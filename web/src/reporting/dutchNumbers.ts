// Amounts and hours as people type them in Dutch (1.234,56), read exactly: the text is turned into the decimal's own
// digits ("1234.56") and only then into a number. A number of at most 15 significant digits survives JSON.stringify
// unchanged (its shortest round-trip form is those digits), so the service receives exactly what was typed — never a
// value a float rounded, and never more than two decimals (refused here, as the service would).

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/** Groups of three after the first, with points; or no points at all. A comma and one or two decimals may follow. */
const dutch = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

/** The largest integer part that keeps the value exact (13 digits + 2 decimals = 15 significant digits). */
const maxIntegerDigits = 13;

export function parseDutchDecimal(text: string, { euro }: { euro: boolean }): Parsed {
  const trimmed = text.replace(/\s+/g, "").replace(euro ? /^€/ : /^$/, "");
  if (trimmed === "") return { ok: false, error: "Vul dit in." };
  const match = dutch.exec(trimmed);
  if (!match)
    return {
      ok: false,
      error: euro
        ? "Schrijf het bedrag zoals 1.234,56 (punten tussen de duizendtallen, een komma voor de centen)."
        : "Schrijf het getal zoals 32 of 32,5 (een komma voor de decimalen).",
    };
  const whole = match[1]!.replace(/\./g, "").replace(/^0+(?=\d)/, "");
  const decimals = match[2] ?? "";
  if (decimals.length > 2) return { ok: false, error: "Ten hoogste twee cijfers achter de komma." };
  if (whole.length > maxIntegerDigits) return { ok: false, error: "Dit getal is te groot." };
  return { ok: true, value: Number(decimals ? `${whole}.${decimals}` : whole) };
}

/** The other way, for a form filled with a report's values: 1234.5 → "1.234,50" (euro) or "32,5". */
export function toDutchDecimal(value: number, { euro }: { euro: boolean }): string {
  return new Intl.NumberFormat("nl-NL", {
    minimumFractionDigits: euro ? 2 : 0, maximumFractionDigits: 2, useGrouping: euro,
  }).format(value);
}
