import { Alert, Paragraph } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";
import { outcomeLabels } from "./labels";

type Settled = components["schemas"]["ObligationSettled"];

/** A settlement is recorded once: the page says what was recorded instead of offering the form again. */
export function SettledAlready({ settlement }: { settlement: Settled }) {
  return (
    <Alert type="info">
      <Paragraph>
        Deze verplichting is al afgerekend op {date(settlement.settledOn)}: {outcomeLabels[settlement.outcome].toLowerCase()}
        {settlement.amount != null && <> van {euro(settlement.amount)}</>}
        {settlement.reason && <> (reden: {settlement.reason})</>}.
      </Paragraph>
    </Alert>
  );
}
