// The obligation's basis in a Dutch sentence. The API gives the basis as fields (ObligationBasisResponse) beside its
// own English `obligation.reason`; the page words them, with the contract's value now (after any amendment).
import type { components } from "../api/ledger";
import { euro } from "../format/dutch";

type Contract = components["schemas"]["ContractResponse"];

const percentage = (p: number) => `${new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 }).format(p)}%`;

/** "GM0603-v2" → "beleid Rijswijk, versie 2"; a version the page cannot read is named as it is. */
export function policyWords(version: string, municipalityName: (code: string) => string): string {
  const match = /^(GM\d{4})-v(\d+)$/.exec(version);
  return match ? `beleid ${municipalityName(match[1]!)}, versie ${match[2]}` : `beleid ${version}`;
}

export function basisSentence(contract: Contract, municipalityName: (code: string) => string): string {
  const basis = contract.obligationBasis;
  const value = euro(contract.contractValue);
  const policy = basis?.policyVersion ? policyWords(basis.policyVersion, municipalityName) : null;
  if (!basis) {
    // A contract from before the basis was recorded as fields: only the API's own sentence is known.
    return contract.obligation.applies
      ? `${percentage(contract.obligation.percentage)} van de contractwaarde van ${value}.`
      : "Geen SROI-verplichting.";
  }
  switch (basis.kind) {
    case "policy":
      return contract.obligation.applies
        ? `${percentage(basis.percentage ?? contract.obligation.percentage)} van de contractwaarde van ${value}` +
            `${policy ? ` (${policy})` : ""}, omdat de waarde op of boven de drempel van ${euro(basis.threshold ?? 0)} ligt.`
        : `Geen SROI-verplichting${policy ? ` (${policy})` : ""}: de contractwaarde van ${value} ligt onder de drempel van ${euro(basis.threshold ?? 0)}.`;
    case "set-by-procurement":
      return `${percentage(basis.percentage ?? contract.obligation.percentage)} van de contractwaarde van ${value}, ` +
        `door inkoop zelf vastgesteld${policy ? ` (in plaats van ${policy})` : ""}, met als uitleg: ${basis.explanation ?? "–"}`;
    case "exempted":
      return `Geen SROI-verplichting: door inkoop vrijgesteld${policy ? ` (${policy} gold)` : ""}, met als reden: ${basis.exemptionReason ?? "–"}`;
  }
}
