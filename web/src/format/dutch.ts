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

const percentFormat = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 13,7% from a percentage with one decimal; a dash for null (no obligation to measure against). */
export const percent = (p: number | null | undefined) => (p === null || p === undefined ? "–" : `${percentFormat.format(p)}%`);
