// Every report of the contract: when and what was reported, the period and the candidate (the WSP's pseudonymous
// number, never a name), its value and how the building-block table arrived at it, the review (who, when, why) and,
// by role, what may be done with it now: the WSP reviews a pending report here, the contractor corrects its own.
import {
  Link, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow,
  UnorderedList, UnorderedListItem,
} from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import type { Role } from "../api/session";
import { date, euro } from "../format/dutch";
import { ReviewActions } from "../fulfilments/ReviewActions";
import { mayWrite } from "../forms/writers";
import { kindLabels, reportStatusLabels } from "./labels";

type Report = components["schemas"]["FulfilmentResponse"];

interface Props {
  contractId: string;
  reports: Report[];
  reviewers: Map<string, string> | null;
  role: Role | null;
  /** The contract's ETag as read; null when the page shows an earlier moment (nothing is changed from there). */
  version: string | null;
  onReviewed: () => void;
}

/** The period a report covers: employment and the like a from–to, an invoice or activity its date. */
export function periodOf(report: Report): string {
  const r = report.report as Record<string, unknown>;
  if (typeof r.periodStart === "string" && typeof r.periodEnd === "string") return `${date(r.periodStart)} t/m ${date(r.periodEnd)}`;
  if (typeof r.invoiceDate === "string") return `factuur ${date(r.invoiceDate)}`;
  if (typeof r.date === "string") return date(r.date);
  return "–";
}

export const candidateOf = (report: Report) => {
  const number = (report.report as Record<string, unknown>).candidateNumber;
  return typeof number === "string" ? number : "–";
};

const noteOf = (r: Report) => r.rejectionReason ?? r.reviewNote ?? r.withdrawalReason ?? "";

export function ReportsTable({ contractId, reports, reviewers, role, version, onReviewed }: Props) {
  if (reports.length === 0) return <Paragraph id="rapportages" className="sroi-empty">Nog geen rapportages.</Paragraph>;
  const caption = "Rapportages van invulling, in de volgorde waarin ze zijn gedaan";
  const acts = version !== null && (role === "wsp" || role === "opdrachtnemer");
  return (
    <div className="sroi-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table id="rapportages" className="sroi-reports">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Gemeld op</TableHeaderCell>
            <TableHeaderCell scope="col">Soort</TableHeaderCell>
            <TableHeaderCell scope="col">Periode</TableHeaderCell>
            <TableHeaderCell scope="col">Kandidaat</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Waarde</TableHeaderCell>
            <TableHeaderCell scope="col">Waarde per bouwsteen</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Beoordeeld op</TableHeaderCell>
            <TableHeaderCell scope="col">Beoordeeld door</TableHeaderCell>
            <TableHeaderCell scope="col">Reden of toelichting</TableHeaderCell>
            {acts && <TableHeaderCell scope="col">Actie</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {reports.map((report, i) => {
            const described = `rapportage ${i + 1} (${kindLabels[report.kind]}, ${euro(report.value)}) van ${date(report.reportedOn)}`;
            return (
              <TableRow key={report.id} data-rapportage={report.id}>
                <TableCell>{date(report.reportedOn)}</TableCell>
                <TableCell>{kindLabels[report.kind]}</TableCell>
                <TableCell>{periodOf(report)}</TableCell>
                <TableCell>{candidateOf(report)}</TableCell>
                <TableCell numericColumn>{euro(report.value)}</TableCell>
                <TableCell>
                  <UnorderedList className="sroi-breakdown">
                    {report.breakdown.map((line, n) => (
                      <UnorderedListItem key={n}>
                        {/* The table's own wording, as the API gives it (English): marked so a reader pronounces it right. */}
                        <span lang="en">{line.description}</span>: {euro(line.amount)}
                      </UnorderedListItem>
                    ))}
                  </UnorderedList>
                </TableCell>
                <TableCell>{reportStatusLabels[report.status]}</TableCell>
                <TableCell>{date(report.reviewedOn)}</TableCell>
                <TableCell>{report.reviewedOn ? (reviewers?.get(report.id) ?? "–") : "–"}</TableCell>
                <TableCell>{noteOf(report)}</TableCell>
                {acts && (
                  <TableCell>
                    {report.status === "pending" && mayWrite("rapportage-beoordelen", role) && (
                      <ReviewActions contractId={contractId} fulfilmentId={report.id} version={version}
                        describedAs={described} onReviewed={onReviewed} />
                    )}
                    {report.status === "pending" && role === "opdrachtnemer" && report.reportedBy === "opdrachtnemer" && (
                      <Link href={`/dashboard/contracten/${contractId}/rapportages/${report.id}/corrigeren`} aria-label={`Corrigeren: ${described}`}>
                        Corrigeren
                      </Link>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
