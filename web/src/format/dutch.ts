// Dutch notation: € 1.234,56 and 30-06-2024, as on the other pages.
const euroFormat = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });

/** € 1.234,56. The API's amounts have at most two decimals, within a double's exact range for any contract value. */
export const euro = (amount: number) => euroFormat.format(amount);

/** 30-06-2024 from 2024-06-30 */
export function date(iso: string | null | undefined) {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-");
  return `${d}-${m}-${y}`;
}

const countFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1.731 */
export const count = (n: number) => countFormat.format(n);

/**
 * "1 gebeurtenis", "1.731 gebeurtenissen", "0 contracten": a count with the word that fits it. The one place a count is
 * worded, so no page says "1 gebeurtenissen".
 */
export const counted = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** 13,7% from a percentage the API rounded to one decimal; a dash for none. */
export const percent = (p: number | null | undefined) => (p === null || p === undefined ? "–" : `${percentFormat.format(p)}%`);

/** +15 or -91: a difference with its sign; a dash for none. */
export const signed = (n: number | null | undefined) => (n === null || n === undefined ? "–" : n > 0 ? `+${count(n)}` : count(n));
