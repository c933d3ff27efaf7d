// What the settlement rests on, as the service gives it: the obligation and its basis (the policy version, or
// procurement's own percentage) and, where a PSO certificate reduced it, the reduction per period, what was accepted, what is still pending review, and the shortfall still open.
import { DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { statusLabels } from "../contracts/listQuery";
import { date, euro } from "../format/dutch";
import { PsoReductionTable } from "./PsoReductionTable";

type Contract = components["schemas"]["ContractResponse"];
type Balance = components["schemas"]["BalanceResponse"];

const percent = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });

function basis(contract: Contract): string {
  const b = contract.obligationBasis;
  const share = `${percent.format(b?.percentage ?? contract.obligation.percentage)}% van de contractwaarde`;
  switch (b?.kind) {
    case "policy":
      return `volgens het SROI-beleid ${b.policyVersion ?? ""}: ${share}${b.threshold != null ? ` (drempel ${euro(b.threshold)})` : ""}`;
    // The explanation is procurement's reason with the service's English note on the policy: worded here from the fields.
    case "set-by-procurement":
      return `door inkoop vastgesteld: ${share} (${b.policyVersion ? `het SROI-beleid ${b.policyVersion} was van kracht` : "geen SROI-beleid van kracht op de gunningsdatum"})`;
    case "exempted":
      return `vrijgesteld${b.exemptionReason ? `: ${b.exemptionReason}` : ""}`;
    default:
      return share;
  }
}

export function SettlementFacts({ contract, balance }: { contract: Contract; balance: Balance }) {
  const reduced = balance.pso && balance.pso.reduction > 0 ? balance.pso : null;
  return (
    <section aria-labelledby="stand">
      <Heading2 id="stand">Wat nog openstaat</Heading2>
      <DataList className="sroi-facts">
        {/* Where a PSO certificate reduced it: the obligation as decided, the reduction, then the one in force (issue 21). */}
        {reduced && (
          <>
            <DataListItem>
              <DataListKey>Verplichting vóór PSO</DataListKey>
              <DataListValue>{euro(balance.obligationBeforePso)}, {basis(contract)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>PSO-korting</DataListKey>
              <DataListValue>− {euro(reduced.reduction)} (per periode hieronder)</DataListValue>
            </DataListItem>
          </>
        )}
        <DataListItem>
          <DataListKey>Verplichting</DataListKey>
          <DataListValue>{reduced ? `${euro(balance.obligation)}, na PSO-korting` : `${euro(balance.obligation)}, ${basis(contract)}`}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Geaccepteerd</DataListKey>
          <DataListValue>{euro(balance.accepted)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>In behandeling</DataListKey>
          <DataListValue>{euro(balance.pending)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Nog open (tekort)</DataListKey>
          <DataListValue>{euro(balance.remaining)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Looptijd</DataListKey>
          <DataListValue>{date(balance.startsOn)} tot en met {date(balance.endsOn)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Stand</DataListKey>
          <DataListValue>{statusLabels[balance.status]}</DataListValue>
        </DataListItem>
      </DataList>
      {reduced && <PsoReductionTable pso={reduced} />}
      <Paragraph>
        Na de einddatum legt de WSP vast hoe de verplichting is afgerekend. Staat er niets meer open, dan is zij voldaan.
        Staat er een tekort open, dan volgt een boete of afkoop (met bedrag) of een kwijtschelding (met reden).
        Rapportages die nog in behandeling zijn, worden eerst beoordeeld.
      </Paragraph>
      {balance.pending > 0 && (
        <Paragraph>
          <strong>Let op:</strong> er zijn nog rapportages in behandeling ({euro(balance.pending)}). Beoordeel die eerst op de{" "}
          <a className="utrecht-link" href="/dashboard/werklijst?soort=beoordelen">werklijst</a>.
        </Paragraph>
      )}
      {balance.asOf <= balance.endsOn && (
        <Paragraph><strong>Let op:</strong> het contract loopt nog tot en met {date(balance.endsOn)}; afrekenen kan pas daarna.</Paragraph>
      )}
    </section>
  );
}
