// The page's rows: number (to the candidate's page), trede, act, WSP service and open placements. On a phone the table
// scrolls inside its own box (keyboard-reachable), never the whole page.
import {
  Link, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import type { components } from "../../api/ledger";
import { benefitActs, tredeNames } from "../labels";

type CandidatePage = components["schemas"]["CandidatePage"];

export function CandidateTable({ page, admin }: { page: CandidatePage; admin: boolean }) {
  if (page.items.length === 0)
    return <Paragraph className="sroi-empty">Geen kandidaten gevonden die aan uw keuzes voldoen.</Paragraph>;
  const first = (page.page - 1) * page.pageSize + 1;
  const caption = `Kandidaten ${first}–${first + page.items.length - 1} van ${page.total}`;
  return (
    <div className="sroi-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table className="sroi-candidates">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Kandidaatnummer</TableHeaderCell>
            <TableHeaderCell scope="col">Trede</TableHeaderCell>
            <TableHeaderCell scope="col">Wet van de uitkering</TableHeaderCell>
            <TableHeaderCell scope="col">Begeleid door het WSP</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Lopende plaatsingen</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((c) => (
            <TableRow key={c.candidateNumber} data-candidate={c.candidateNumber}>
              <TableCell>
                {/* An administrator reads a candidate of the municipality it chose. */}
                <Link href={`/dashboard/kandidaten/${encodeURIComponent(c.candidateNumber)}${admin ? `?gemeente=${c.municipality}` : ""}`}>
                  {c.candidateNumber}
                </Link>
              </TableCell>
              <TableCell>{tredeNames[c.trede] ?? String(c.trede)}</TableCell>
              <TableCell>{c.benefitAct ? benefitActs[c.benefitAct] : "geen gemeentelijke uitkering"}</TableCell>
              <TableCell>{c.servedByWsp ? "ja" : "nee"}</TableCell>
              <TableCell numericColumn>{c.openPlacements}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
