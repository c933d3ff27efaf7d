// Where the obligation stands (required, accepted, pending, still owed, by when) and, once recorded, its settlement.
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date, euro, percent } from "../format/dutch";
import { Figures, type Figure } from "./Figures";
import { balanceStatusLabels, outcomeLabels } from "./labels";

type Schemas = components["schemas"];

export function BalanceSection({ balance, heading }: { balance: Schemas["BalanceResponse"]; heading: string }) {
  return (
    <section aria-labelledby="kop-saldo">
      <Heading2 id="kop-saldo">{heading}</Heading2>
      <Figures id="saldo" figures={[
        // Only where the policy reduced it for a PSO certificate: the obligation before, and the reduction (issue 21).
        ...(balance.pso && balance.pso.reduction > 0 ? [
          ["Verplichting vóór PSO", euro(balance.obligationBeforePso), "obligationBeforePso"],
          ["PSO-korting", `− ${euro(balance.pso.reduction)}`, "pso.reduction"],
        ] satisfies Figure[] : []),
        ["Verplichting", euro(balance.obligation), "obligation"],
        ["Geaccepteerd", euro(balance.accepted), "accepted"],
        ["In behandeling", euro(balance.pending), "pending"],
        ["Nog te leveren", euro(balance.remaining), "remaining"],
        ["Geaccepteerd deel", percent(balance.percentage), "percentage"],
        ["Uiterlijk", date(balance.endsOn), "endsOn"],
        ["Status", balanceStatusLabels[balance.status], "status"],
      ]} />
    </section>
  );
}

export function SettlementSection({ settlement }: { settlement: Schemas["ObligationSettled"] | null | undefined }) {
  return (
    <section aria-labelledby="kop-afrekening">
      <Heading2 id="kop-afrekening">Afrekening</Heading2>
      {settlement ? (
        <Figures id="afrekening" figures={[
          ["Uitkomst", outcomeLabels[settlement.outcome], "outcome"],
          ["Bedrag", settlement.amount === null || settlement.amount === undefined ? "–" : euro(settlement.amount), "amount"],
          ["Afgerekend op", date(settlement.settledOn), "settledOn"],
          ["Verplichting", euro(settlement.obligation), "obligation"],
          ["Geaccepteerd", euro(settlement.accepted), "accepted"],
          ["Tekort", euro(settlement.shortfall), "shortfall"],
          ["Reden", settlement.reason ?? "–", "reason"],
        ]} />
      ) : (
        <Paragraph id="afrekening" className="sroi-empty">Nog niet afgerekend.</Paragraph>
      )}
    </section>
  );
}
