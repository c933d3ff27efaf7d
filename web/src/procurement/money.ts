// Amounts as Dutch people type them ("400.000", "1.234,56", "€ 12,5") read exactly into what the API takes. The digits
// are checked as text and turned into whole cents (a BigInt), never through a float: a typed amount is either read
// exactly or refused with a Dutch reason, never rounded.

export type Amount = { ok: true; cents: bigint } | { ok: false; message: string };

/** The API's largest contract value: € 100 miljard (Money.Max). */
const maxCents = 100_000_000_000_00n;

const grouped = /^\d{1,3}(\.\d{3})+$/; // 1.234.567: points group thousands
const plain = /^\d+$/;

export function parseEuro(typed: string): Amount {
  const text = typed.replace(/[\s\u00a0\u202f]/g, "").replace(/^€/, "");
  if (text === "") return { ok: false, message: "Vul een bedrag in." };
  if (text.startsWith("-")) return { ok: false, message: "Vul een bedrag groter dan € 0 in." };
  const [whole = "", fraction, ...more] = text.split(",");
  if (more.length > 0 || !(plain.test(whole) || grouped.test(whole)) || (fraction !== undefined && !plain.test(fraction)))
    return { ok: false, message: "Vul een bedrag in euro's in, zoals 400.000 of 1.234,56 (punten tussen de duizendtallen, een komma voor de centen)." };
  if (fraction !== undefined && fraction.length > 2)
    return { ok: false, message: "Een bedrag heeft ten hoogste twee cijfers achter de komma (centen)." };
  const cents = BigInt(whole.replaceAll(".", "")) * 100n + BigInt((fraction ?? "").padEnd(2, "0"));
  if (cents > maxCents) return { ok: false, message: "Een bedrag is ten hoogste € 100.000.000.000,00." };
  return { ok: true, cents };
}

/**
 * The amount as the JSON number the API reads: at most 14 significant digits (€ 100 miljard with cents), which a double
 * holds exactly and JavaScript writes back as the same shortest text ("1234.56"), so the service reads exactly these cents.
 */
export function apiEuros(cents: bigint): number {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return Number(`${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`);
}

/** The API's amount (a JSON number with at most two decimals) as whole cents, read from its shortest text. */
export function centsOf(euros: number): bigint {
  const [whole = "0", fraction = ""] = Math.abs(euros).toString().split(".");
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
  return euros < 0 ? -cents : cents;
}
