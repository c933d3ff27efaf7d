// The obligation the service's own rule gives, shown while procurement types (GET …/obligation-preview): the amount and
// its basis worded in Dutch from the structured fields, or why there is none. Announced politely to screen readers.
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { euro } from "../format/dutch";
import type { Preview } from "./useObligationPreview";

type Basis = components["schemas"]["ObligationBasisResponse"];

const categoryNames: Record<components["schemas"]["ContractCategory"], string> = {
  werken: "werken", diensten: "diensten", leveringen: "leveringen",
};

const percent = (value: number) => `${value.toLocaleString("nl-NL", { maximumFractionDigits: 2 })}%`;

/** The basis as a Dutch sentence (the API's `reason` is English). */
export function basisSentence(basis: Basis, applies: boolean, category: components["schemas"]["ContractCategory"]): string {
  const policy = basis.policyVersion ? `SROI-beleid ${basis.policyVersion}` : "geen SROI-beleid van kracht";
  switch (basis.kind) {
    case "policy":
      return applies
        ? `Volgens ${policy}: ${percent(basis.percentage ?? 0)} vanaf de drempel van ${euro(basis.threshold ?? 0)} voor ${categoryNames[category]}.`
        : `Geen SROI-verplichting: onder de drempel van ${euro(basis.threshold ?? 0)} voor ${categoryNames[category]} (${policy}).`;
    case "set-by-procurement":
      return `Percentage door inkoop vastgesteld: ${percent(basis.percentage ?? 0)} (${policy}).`;
    case "exempted":
      return `Vrijgesteld door inkoop: geen SROI-verplichting (${policy}).`;
  }
}

export function ObligationPreview({ preview, category, title = "SROI-verplichting na opslaan" }: {
  preview: Preview;
  category: components["schemas"]["ContractCategory"];
  title?: string;
}) {
  return (
    <section aria-labelledby="voorbeeld-kop" className="sroi-preview" data-voorbeeld={preview.kind}>
      <Heading2 id="voorbeeld-kop">{title}</Heading2>
      <div aria-live="polite" id="voorbeeld">
        {preview.kind === "incomplete" && <Paragraph>{preview.missing}</Paragraph>}
        {preview.kind === "loading" && <Paragraph>De verplichting wordt berekend…</Paragraph>}
        {preview.kind === "failed" && <Paragraph>{preview.message}</Paragraph>}
        {preview.kind === "ready" && (
          <>
            <Paragraph className="sroi-preview__amount">
              {preview.answer.obligation.applies
                ? `${euro(preview.answer.obligation.amount)} (${percent(preview.answer.obligation.percentage)} van ${euro(preview.answer.contractValue)})`
                : "Geen SROI-verplichting"}
            </Paragraph>
            <Paragraph>{basisSentence(preview.answer.obligationBasis, preview.answer.obligation.applies, category)}</Paragraph>
          </>
        )}
      </div>
    </section>
  );
}
