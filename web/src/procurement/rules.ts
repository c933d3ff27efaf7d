// The rules procurement's forms can break (the 422 codes of registering, amending and completing a contract), in Dutch.
import { dutchRules } from "../forms/fieldErrors";

dutchRules({
  "sroi.no-policy-in-force": "Op deze gunningsdatum is geen SROI-beleid van kracht. Kies een eigen percentage of een vrijstelling.",
  "contract.ends-before-start": "Het contract kan niet eindigen voordat het begint.",
  "contract.already-registered": "Dit contract is al geregistreerd.",
  "contract.settled": "De verplichting is al afgerekend; de contractwaarde kan niet meer veranderen.",
  "contract.amendment-before-award": "Een wijziging kan niet ingaan vóór de gunningsdatum.",
  "contract.amendment-without-change": "De nieuwe contractwaarde is gelijk aan de huidige.",
  "contract.already-completed": "Dit contract is al afgerond; het kan niet meer veranderen.",
  "contract.not-registered": "Dit contract is niet geregistreerd.",
  "contract.completed-before-start": "Het werk kan niet geëindigd zijn vóór de startdatum van het contract.",
  "contract.completed-in-future": "Een contract wordt afgerond als het werk klaar is: de datum ligt na vandaag.",
});

/** A percentage as typed in Dutch ("5" or "3,5"): above 0, at most 100, at most two decimals; the number the API takes. */
export function parsePercentage(typed: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = typed.trim().replace(/%$/, "").trim();
  const match = /^(\d{1,3})(?:,(\d+))?$/.exec(text);
  if (!match) return { ok: false, message: "Vul een percentage in, zoals 5 of 3,5." };
  if ((match[2] ?? "").length > 2) return { ok: false, message: "Een percentage heeft ten hoogste twee cijfers achter de komma." };
  const value = Number(`${match[1]}.${match[2] ?? "0"}`);
  if (value <= 0 || value > 100) return { ok: false, message: "Een percentage is groter dan 0 en ten hoogste 100." };
  return { ok: true, value };
}
