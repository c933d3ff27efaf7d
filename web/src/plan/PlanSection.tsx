// The contract page's "Plan van aanpak": the plan in force and the revision awaiting review, each line planned against
// realised (from the balance the page read: the same figures as GET …/plan), with the WSP's approve and send-back
// buttons for a revision awaiting review and, for the contractor and procurement, the form to submit a revision.
import { Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import type { Role } from "../api/session";
import { count, counted, date, euro } from "../format/dutch";
import { mayWrite } from "../forms/writers";
import { kindLabels } from "../contract/labels";
import { blockLabels, lineStatusLabels, revisionStatusLabels } from "./labels";
import { PlanDecision } from "./PlanDecision";
import { PlanForm } from "./PlanForm";

type Schemas = components["schemas"];
type Revision = Schemas["PlanRevisionView"];

interface Props {
  contractId: string;
  plan: Schemas["PlanBalance"];
  role: Role | null;
  /** The contract's ETag as read, or null when the page shows the past (nothing is changed from there). */
  version: string | null;
  term: { startsOn: string; endsOn: string };
  onChanged: () => void;
}

const amount = (unit: Schemas["PlanUnit"], value: number) =>
  unit === "euros" ? euro(value) : unit === "persons" ? counted(value, "persoon", "personen") : `${count(value)} uur`;

export function PlanSection({ contractId, plan, role, version, term, onChanged }: Props) {
  const pending = plan.pending ?? null;
  return (
    <section aria-labelledby="kop-plan">
      <Heading2 id="kop-plan">Plan van aanpak</Heading2>
      {plan.inForce ? (
        <PlanTable id="plan-geldend" title={`Geldend plan (versie ${plan.inForce.revision})`} revision={plan.inForce} />
      ) : (
        <Paragraph id="plan-geldend" className="sroi-empty">Er is nog geen goedgekeurd plan van aanpak.</Paragraph>
      )}
      {pending && (
        <>
          <PlanTable id="plan-ingediend" title={`Ingediende versie ${pending.revision}, wacht op beoordeling`} revision={pending} />
          {version !== null && mayWrite("plan-beoordelen", role) && (
            <PlanDecision contractId={contractId} revision={pending.revision} version={version} onDecided={onChanged} />
          )}
        </>
      )}
      {version !== null && mayWrite("plan-indienen", role) && (
        <PlanForm contractId={contractId} version={version} term={term} onSubmitted={onChanged} />
      )}
    </section>
  );
}

function PlanTable({ id, title, revision }: { id: string; title: string; revision: Revision }) {
  const caption = `${title}: gepland tegen gerealiseerd per regel`;
  return (
    <>
      <Heading3>{title}</Heading3>
      <Paragraph>
        Status: {revisionStatusLabels[revision.status]}; ingediend op {date(revision.submittedOn)}
        {revision.decidedOn ? `, beoordeeld op ${date(revision.decidedOn)}` : ""}{revision.remark ? ` — ${revision.remark}` : ""}.
      </Paragraph>
      <div className="sroi-scroll" role="region" aria-label={caption} tabIndex={0}>
        <Table id={id}>
          <TableCaption>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Bouwsteen</TableHeaderCell>
              <TableHeaderCell scope="col">Periode</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>Gepland</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>Gerealiseerd</TableHeaderCell>
              <TableHeaderCell scope="col">Stand</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {revision.lines.map((line, i) => (
              <TableRow key={i} data-planregel={i}>
                <TableCell>{kindLabels[line.kind]}</TableCell>
                <TableCell>{line.block ? blockLabels[line.block] : "alle"}</TableCell>
                <TableCell>{date(line.from)} t/m {date(line.to)}</TableCell>
                <TableCell numericColumn>{amount(line.unit, line.planned)}</TableCell>
                <TableCell numericColumn>{amount(line.unit, line.realised)}</TableCell>
                <TableCell>{lineStatusLabels[line.status]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
