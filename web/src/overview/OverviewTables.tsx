// The overview's three tables; on a phone each scrolls inside its own box (keyboard-reachable), never the page.
import {
  Link, Paragraph, Table, TableBody, TableCaption, TableCell, TableFooter, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import { HeaderRow, numeric } from "../tables/HeaderRow";
import { ScrollBox } from "../tables/ScrollBox";
import type { components } from "../api/ledger";
import { count, euro, percent } from "../format/dutch";
import { balanceStatusLabels } from "./labels";

type Report = components["schemas"]["SroiObligationsReport"];

export function StatusTable({ report }: { report: Report }) {
  const caption = "Aantal contracten en bedragen per status (vandaag)";
  return (
    <ScrollBox label={caption}>
      <Table id="per-status" className="sroi-figures">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Status", numeric("Aantal"), numeric("Verplichting"), numeric("Geaccepteerd"), numeric("In behandeling")]} />
        <TableBody>
          {report.byStatus.map((s) => (
            <TableRow key={s.status} data-status={s.status}>
              <TableHeaderCell scope="row">{balanceStatusLabels[s.status]}</TableHeaderCell>
              <TableCell numericColumn>{count(s.contracts)}</TableCell>
              <TableCell numericColumn>{euro(s.obligation)}</TableCell>
              <TableCell numericColumn>{euro(s.accepted)}</TableCell>
              <TableCell numericColumn>{euro(s.pending)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow data-status="totaal">
            <TableHeaderCell scope="row">Totaal</TableHeaderCell>
            <TableCell numericColumn>{count(report.total.contracts)}</TableCell>
            <TableCell numericColumn>{euro(report.total.obligation)}</TableCell>
            <TableCell numericColumn>{euro(report.total.accepted)}</TableCell>
            <TableCell numericColumn>{euro(report.total.pending)}</TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </ScrollBox>
  );
}

export function YearTable({ report }: { report: Report }) {
  const caption = "Verplichting, ingevuld deel en achterstand per gunningsjaar";
  return (
    <ScrollBox label={caption}>
      <Table id="per-jaar" className="sroi-figures">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Gunningsjaar", numeric("Contracten"), numeric("Verplichting"), numeric("Geaccepteerd"),
          numeric("Ingevuld (tot de verplichting)"), numeric("Achterstand"), numeric("Ingevuld deel")]} />
        <TableBody>
          {report.byAwardYear.map((y) => (
            <TableRow key={y.year} data-jaar={y.year}>
              <TableHeaderCell scope="row">{String(y.year)}</TableHeaderCell>
              <TableCell numericColumn>{count(y.contracts)}</TableCell>
              <TableCell numericColumn>{euro(y.obligation)}</TableCell>
              <TableCell numericColumn>{euro(y.accepted)}</TableCell>
              <TableCell numericColumn>{euro(y.acceptedUpToObligation)}</TableCell>
              <TableCell numericColumn>{euro(y.shortfall)}</TableCell>
              <TableCell numericColumn>{percent(y.percentage)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}

/** Behind, worst first (the API's order: by the euros the accepted value lags behind the schedule). */
export function BehindTable({ report, link }: { report: Report; link: (href: string) => string }) {
  if (report.behind.length === 0) return <Paragraph id="achter">Geen contracten met achterstand.</Paragraph>;
  const caption = "Contracten waarvan het geaccepteerde deel achterloopt op de verstreken termijn, grootste achterstand eerst";
  return (
    <ScrollBox label="Contracten met achterstand">
      <Table id="achter" className="sroi-figures sroi-behind">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Contract", "Opdrachtnemer", numeric("Verplichting"), numeric("Geaccepteerd"), numeric("Geaccepteerd deel"),
          numeric("Verstreken termijn"), numeric("Achterstand op schema")]} />
        <TableBody>
          {report.behind.map((c) => (
            <TableRow key={c.id} data-contract={c.id}>
              <TableCell>
                <Link href={link(`/dashboard/contracten/${c.id}`)}>{c.reference}</Link>
                <br />
                {c.title}
              </TableCell>
              <TableCell>{c.contractor.name}</TableCell>
              <TableCell numericColumn>{euro(c.obligation)}</TableCell>
              <TableCell numericColumn>{euro(c.accepted)}</TableCell>
              <TableCell numericColumn>{percent(c.percentage)}</TableCell>
              <TableCell numericColumn>{percent(c.elapsedPercentage)}</TableCell>
              <TableCell numericColumn>{euro(c.behindSchedule)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}
