// The page's items, in the service's order: what is due and since when, the contract (reference linking to its page,
// title, contractor, municipality by name), what is still open, and what to do: review a report here, or go to the
// settlement form; a regional contract another municipality leads is there to follow only (issue 21). On a phone the table scrolls inside its own box (keyboard-reachable), never the whole page.
import {
  Link, Paragraph, Table, TableBody, TableCaption, TableCell, TableRow,
} from "@utrecht/component-library-react";
import { HeaderRow, numeric } from "../tables/HeaderRow";
import { pageRange } from "../tables/pageRange";
import { ScrollBox } from "../tables/ScrollBox";
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";
import { fulfilmentKindLabels } from "../format/labels";
import { ReviewActions } from "../fulfilments/ReviewActions";
import { mayWrite } from "../forms/writers";
import { useSession } from "../shell/SessionContext";
import type { NameOf } from "../shell/municipalityNames";
import { kindLabels } from "./worklistQuery";

type WorklistPage = components["schemas"]["WorklistPage"];
type Item = components["schemas"]["WorklistItem"];

interface Props {
  page: WorklistPage;
  nameOf: NameOf;
  filtered: boolean;
  /** After a review: what to tell the person. */
  onReviewed: (what: string) => void;
}

export function WorklistTable({ page, nameOf, filtered, onReviewed }: Props) {
  if (page.items.length === 0)
    return (
      <Paragraph className="sroi-empty">
        {filtered ? "Er is nu niets van deze soort te doen." : "Er is nu niets te doen: geen contracten die aandacht vragen en geen rapportages om te beoordelen."}
      </Paragraph>
    );
  const caption = pageRange("Werk", page, "minstens");
  return (
    <ScrollBox label={caption}>
      <Table className="sroi-worklist">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Soort", "Sinds", "Contract", "Opdrachtnemer", "Gemeente", "Einddatum", numeric("Nog open"), "Rapportage", "Actie"]} />
        <TableBody>
          {page.items.map((item) => (
            <TableRow key={`${item.kind}-${item.contractId}-${item.fulfilmentId ?? ""}`} data-kind={item.kind}
              data-contract={item.contractId} data-fulfilment={item.fulfilmentId ?? undefined}>
              <TableCell>{kindLabels[item.kind]}</TableCell>
              <TableCell>{date(item.dueSince)}</TableCell>
              <TableCell>
                <Link href={`/dashboard/contracten/${item.contractId}`}>{item.reference}</Link>
                <span className="sroi-block">{item.title}</span>
              </TableCell>
              <TableCell>
                {item.contractor.name} <span className="sroi-muted">(KvK {item.contractor.kvkNumber})</span>
              </TableCell>
              <TableCell>{nameOf(item.municipality)}</TableCell>
              <TableCell>{date(item.endsOn)}</TableCell>
              <TableCell numericColumn>{euro(item.remaining)} <span className="sroi-muted sroi-block">van {euro(item.obligation)}</span></TableCell>
              <TableCell>{report(item)}</TableCell>
              <TableCell><Action item={item} nameOf={nameOf} onReviewed={onReviewed} /></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}

const report = (item: Item) =>
  item.fulfilmentKind && item.reportedValue != null ? `${fulfilmentKindLabels[item.fulfilmentKind]}, ${euro(item.reportedValue)}` : "–";

function Action({ item, nameOf, onReviewed }: { item: Item; nameOf: NameOf; onReviewed: (what: string) => void }) {
  // The administrator reads the worklist too, but only the WSP reviews and settles (forms/writers.ts).
  const session = useSession();
  // Issue 21: a regional contract another municipality leads; the lead's WSP reviews and settles it (the API answers this
  // municipality's review or settlement with a 404), so the item is there to follow, with no action.
  if (item.takingPart) return <>Regionaal contract: de penvoerder ({nameOf(item.municipality)}) handelt dit af</>;
  if (item.kind === "report-pending-review" && item.fulfilmentId && !mayWrite("rapportage-beoordelen", session.role))
    return <>Wacht op beoordeling door de WSP</>;
  if (item.kind === "settlement-due" && !mayWrite("afrekening", session.role)) return <>Af te rekenen door de WSP</>;
  if (item.kind === "report-pending-review" && item.fulfilmentId)
    return (
      <ReviewActions contractId={item.contractId} fulfilmentId={item.fulfilmentId} version={`"${item.version}"`}
        describedAs={`rapportage ${report(item)} bij ${item.reference}`}
        onReviewed={(r) => onReviewed(`De rapportage bij ${item.reference} is ${r.status === "accepted" ? "geaccepteerd" : "afgewezen"}.`)} />
    );
  if (item.kind === "settlement-due")
    return <Link href={`/dashboard/contracten/${item.contractId}/afrekening`}>Afrekening vastleggen</Link>;
  // The plan is submitted by the contractor and approved on the contract's page (web/src/plan).
  if (item.kind === "plan-missing") return <Link href={`/dashboard/contracten/${item.contractId}`}>Naar het plan van aanpak</Link>;
  return <>–</>;
}
