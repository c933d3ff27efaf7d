// A saved report as the service valued it: the value, the table version and the breakdown line by line (whose lines
// add up to the value), and where its review stands.
import {
  Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";
import { kindLabels, statusLabels } from "./kinds";

type Fulfilment = components["schemas"]["FulfilmentResponse"];

export function ValuedReport({ report, heading }: { report: Fulfilment; heading: string }) {
  const caption = `Berekening van de waarde (${report.tableVersion})`;
  return (
    <section aria-labelledby="waarde-kop" className="sroi-valued" data-rapportage={report.id}>
      <Heading2 id="waarde-kop">{heading}</Heading2>
      <Paragraph>
        {kindLabels[report.kind]}, gerapporteerd op {date(report.reportedOn)}: waarde{" "}
        <strong className="sroi-valued__value">{euro(report.value)}</strong>, {statusLabels[report.status]}.
      </Paragraph>
      <div className="sroi-scroll" role="region" aria-label={caption} tabIndex={0}>
        <Table className="sroi-breakdown">
          <TableCaption>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Onderdeel</TableHeaderCell>
              <TableHeaderCell scope="col">Toelichting</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>Bedrag</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.breakdown.map((line, i) => (
              <TableRow key={i}>
                <TableCell>{line.item}</TableCell>
                <TableCell lang="en">{line.description}</TableCell>
                <TableCell numericColumn>{euro(line.amount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
