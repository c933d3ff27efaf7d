// What the contract is: status, municipality by name, contractor, value, term; the obligation with its basis in Dutch;
// and every change of the value (meerwerk or minderwerk) with its date, reason and the obligation it gave.
import {
  Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";
import { basisSentence } from "./basis";
import { Figures } from "./Figures";
import { contractStatusLabels, scopeLabels } from "./labels";

type Contract = components["schemas"]["ContractResponse"];

export function ContractFacts({ contract, municipalityName }: { contract: Contract; municipalityName: (code: string) => string }) {
  return (
    <>
      <section aria-labelledby="kop-contract">
        <Heading2 id="kop-contract">Gegevens</Heading2>
        <Figures id="contract" figures={[
          ["Status", contractStatusLabels[contract.status] + (contract.completedOn ? ` (afgerond op ${date(contract.completedOn)})` : ""), "status"],
          ["Gemeente", municipalityName(contract.municipality), "municipality"],
          ["Opdrachtnemer", `${contract.contractor.name} (KvK ${contract.contractor.kvkNumber})`, "contractor"],
          ["Contractwaarde", euro(contract.contractValue), "contractValue"],
          ["Gegund op", date(contract.awardedOn), "awardedOn"],
          ["Termijn", `${date(contract.startsOn)} t/m ${date(contract.endsOn)}`, "term"],
          ["Categorie", contract.category, "category"],
          ["Reikwijdte", scopeLabels[contract.scope], "scope"],
        ]} />
      </section>
      <section aria-labelledby="kop-verplichting">
        <Heading2 id="kop-verplichting">SROI-verplichting</Heading2>
        <Figures id="verplichting" figures={[
          ["Verplichting", contract.obligation.applies ? euro(contract.obligation.amount) : "geen", "amount"],
          ["Grondslag", basisSentence(contract, municipalityName), "basis"],
        ]} />
      </section>
      <section aria-labelledby="kop-wijzigingen">
        <Heading2 id="kop-wijzigingen">Wijzigingen van de contractwaarde</Heading2>
        <Amendments contract={contract} />
      </section>
    </>
  );
}

function Amendments({ contract }: { contract: Contract }) {
  if (contract.amendments.length === 0)
    return <Paragraph id="wijzigingen" className="sroi-empty">Geen meerwerk of minderwerk vastgelegd.</Paragraph>;
  const caption = "Meerwerk en minderwerk, met de verplichting die daarna gold";
  return (
    <div className="sroi-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table id="wijzigingen">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Ingangsdatum</TableHeaderCell>
            <TableHeaderCell scope="col">Soort</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Was</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Wordt</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Verplichting daarna</TableHeaderCell>
            <TableHeaderCell scope="col">Reden</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {contract.amendments.map((a, i) => (
            <TableRow key={i}>
              <TableCell>{date(a.effectiveOn)}</TableCell>
              <TableCell>{a.newValue >= a.previousValue ? "meerwerk" : "minderwerk"}</TableCell>
              <TableCell numericColumn>{euro(a.previousValue)}</TableCell>
              <TableCell numericColumn>{euro(a.newValue)}</TableCell>
              <TableCell numericColumn>{a.obligation.applies ? euro(a.obligation.amount) : "geen"}</TableCell>
              <TableCell>{a.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
