// What a contract and its balance were right after one event (the history's statesAfter), as a description list.
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";
import { statusLabels } from "./eventLabels";

type Contract = components["schemas"]["ContractResponse"];
type Balance = components["schemas"]["BalanceAfterEvent"];

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${value.toLocaleString("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

export function StateAfter({ contract, balance, id }: { contract: Contract; balance: Balance | null; id?: string }) {
  const lastAmendment = contract.amendments.at(-1);
  return (
    <dl className="sroi-state" id={id} data-state-version={contract.version}>
      <dt>Contractwaarde</dt>
      <dd>{euro(contract.contractValue)}</dd>
      <dt>Status</dt>
      <dd>{contract.status === "completed" ? `afgerond op ${date(contract.completedOn)}` : "lopend"}</dd>
      <dt>Looptijd</dt>
      <dd>{date(contract.startsOn)} tot en met {date(contract.endsOn)}</dd>
      <dt>Wijzigingen</dt>
      <dd>{contract.amendments.length === 0 ? "geen" : `${contract.amendments.length} (laatste: ${lastAmendment?.reason ?? "–"})`}</dd>
      {balance && (
        <>
          <dt>SROI-verplichting</dt>
          <dd>{balance.obligationApplies ? euro(balance.obligation) : "geen verplichting"}</dd>
          <dt>Geaccepteerd</dt>
          <dd>{euro(balance.accepted)} ({percent(balance.percentage)})</dd>
          <dt>In behandeling</dt>
          <dd>{euro(balance.pending)}</dd>
          <dt>Afgewezen</dt>
          <dd>{euro(balance.rejected)}</dd>
          <dt>Nog te doen</dt>
          <dd>{euro(balance.remaining)}</dd>
          <dt>Stand op {date(balance.asOf)}</dt>
          <dd>{statusLabels[balance.status] ?? balance.status}</dd>
        </>
      )}
      {contract.settlement && (
        <>
          <dt>Afrekening</dt>
          <dd>vastgelegd</dd>
        </>
      )}
    </dl>
  );
}
