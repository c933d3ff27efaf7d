// A contractor's extra columns in the contract list: what it still owes (the obligation less what was accepted), by
// when (the contract's end: the obligation is due then) and where that stands today, and the way to report on it.
import { Link, TableCell, TableHeaderCell } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";

type Item = components["schemas"]["ContractPage"]["items"][number];

const balanceLabels: Record<Item["balanceStatus"], string> = {
  "not-applicable": "geen verplichting", "on-track": "op schema", behind: "achter", fulfilled: "voldaan", overdue: "te laat",
  settled: "afgewikkeld",
};

export function ContractorHeaders() {
  return (
    <>
      <TableHeaderCell scope="col" numericColumn>Nog te leveren</TableHeaderCell>
      <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
      <TableHeaderCell scope="col">Stand</TableHeaderCell>
      <TableHeaderCell scope="col">Actie</TableHeaderCell>
    </>
  );
}

export function ContractorCells({ contract }: { contract: Item }) {
  const open = contract.balanceStatus !== "not-applicable" && contract.balanceStatus !== "settled";
  return (
    <>
      <TableCell numericColumn>{euro(contract.remaining)}</TableCell>
      <TableCell>{date(contract.endsOn)}</TableCell>
      <TableCell>{balanceLabels[contract.balanceStatus]}</TableCell>
      <TableCell>
        {open && (
          <Link href={`/dashboard/contracten/${contract.id}/rapporteren`} aria-label={`Rapporteren voor ${contract.reference}`}>
            Rapporteren
          </Link>
        )}
      </TableCell>
    </>
  );
}
