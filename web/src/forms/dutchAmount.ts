// An amount typed the Dutch way ("1.234,56", "1234,5", "€ 300") as the exact decimal text the API reads ("1234.56"):
// text to text, never through a float, so nothing is rounded. More than two decimals is refused, not rounded: the
// service itself refuses them, and a cent that silently moved is worse than a question.

export type ParsedAmount = { text: string; error?: undefined } | { text?: undefined; error: string };

const grouped = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const plain = /^(\d+)(?:,(\d+))?$/;

export function parseDutchAmount(typed: string): ParsedAmount {
  const text = typed.replace(/^€\s*/, "").replace(/\s/g, "");
  if (text === "") return { error: "Vul een bedrag in, zoals 1.234,56." };
  const match = grouped.exec(text) ?? plain.exec(text);
  if (!match) {
    if (/^\d+\.\d{1,2}$/.test(text)) return { error: "Gebruik een komma voor de centen, zoals 1.234,56." };
    if (text.startsWith("-")) return { error: "Een bedrag is niet negatief." };
    return { error: "Dit is geen bedrag. Schrijf het zoals 1.234,56 (punt tussen duizendtallen, komma voor de centen)." };
  }
  const [, whole, decimals = ""] = match;
  if (decimals.length > 2) return { error: "Hoogstens twee cijfers achter de komma (hele centen)." };
  const integer = whole!.replace(/\./g, "").replace(/^0+(?=\d)/, "");
  return { text: decimals ? `${integer}.${decimals}` : integer };
}
