// What the person may do with this contract next, by role: links to the other pages' routes (built by their own
// parts). Only for the contract as it is now; an earlier moment is for reading.
import { mayWrite } from "../forms/writers";
import { Link, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import type { Role } from "../api/session";

type Schemas = components["schemas"];

/** The WSP may record a settlement once the term has ended with no report still waiting and none recorded yet. */
export const settlementPossible = (balance: Schemas["BalanceResponse"]) =>
  !balance.settlement && balance.obligationApplies && balance.asOf > balance.endsOn && balance.pending === 0;

interface Props {
  contract: Schemas["ContractResponse"];
  balance: Schemas["BalanceResponse"];
  role: Role | null;
  /** True when the page shows the contract as known on an earlier moment. */
  past: boolean;
}

export function ContractLinks({ contract, balance, role, past }: Props) {
  const base = `/dashboard/contracten/${contract.id}`;
  const active = contract.status === "active";
  const links: [string, string][] = [];
  if (!past && mayWrite("contract-wijzigen", role) && active) links.push([`${base}/wijzigen`, "Wijzigen"], [`${base}/afronden`, "Afronden"]);
  if (!past && mayWrite("afrekening", role) && settlementPossible(balance)) links.push([`${base}/afrekening`, "Afrekening vastleggen"]);
  if (!past && role === "opdrachtnemer" && mayWrite("rapporteren", role) && active) links.push([`${base}/rapporteren`, "Rapporteren"]);
  if (role === "auditor" || role === "admin") links.push([`${base}/geschiedenis`, "Geschiedenis"]);
  if (links.length === 0) return null;
  return (
    <nav aria-label="Acties voor dit contract" className="sroi-actions">
      <UnorderedList>
        {links.map(([href, label]) => (
          <UnorderedListItem key={href}>
            <Link href={href}>{label}</Link>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </nav>
  );
}
