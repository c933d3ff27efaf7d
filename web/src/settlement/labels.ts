// The settlement's outcomes in the WSP's words, and the Dutch for the rules a settlement may break (422 codes of
// SettlementDecider), registered once for every form that shows them.
import type { components } from "../api/ledger";
import { dutchRules } from "../forms/fieldErrors";

export type Outcome = components["schemas"]["SettlementOutcome"];

export const outcomeLabels: Record<Outcome, string> = {
  met: "Voldaan",
  penalty: "Boete",
  "buy-off": "Afkoop",
  waived: "Kwijtschelding",
};

export const outcomeExplanations: Record<Outcome, string> = {
  met: "De geaccepteerde waarde dekt de verplichting; er staat niets meer open.",
  penalty: "De opdrachtnemer betaalt een boete voor het tekort. Met bedrag.",
  "buy-off": "De opdrachtnemer koopt het tekort af. Met bedrag.",
  waived: "Het tekort wordt kwijtgescholden. Met de reden, verplicht.",
};

/** Outcomes that carry an amount (the service refuses one with the others). */
export const withAmount = (outcome: Outcome | null) => outcome === "penalty" || outcome === "buy-off";

dutchRules({
  "settlement.not-met": "De verplichting is niet voldaan: er staat nog een tekort open. Kies boete, afkoop of kwijtschelding.",
  "settlement.obligation-met": "De geaccepteerde waarde dekt de verplichting: er is niets te handhaven. Kies ‘Voldaan’.",
  "settlement.before-end": "Een afrekening kan pas na de einddatum van het contract.",
  "settlement.pending-reports": "Er zijn nog rapportages in behandeling. Beoordeel die eerst, zodat de afrekening op beoordeelde cijfers rust.",
  "settlement.already-settled": "Deze verplichting is al afgerekend.",
  "settlement.no-obligation": "Dit contract heeft geen SROI-verplichting om af te rekenen.",
});
