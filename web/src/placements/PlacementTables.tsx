// The placements page's tables: each a caption, row headers, and its own scroll box on a phone.
import {
  Table, TableBody, TableCaption, TableCell, TableFooter, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import { HeaderRow, numeric } from "../tables/HeaderRow";
import { ScrollBox } from "../tables/ScrollBox";
import type { components } from "../api/ledger";
import { count, percent, signed } from "../format/dutch";

type Schemas = components["schemas"];

const orDash = (n: number | null | undefined) => (n === null || n === undefined ? "–" : count(n));

function YearCells({ label, y }: { label: string; y: Schemas["PlacementsReport"] }) {
  return (
    <>
      <TableHeaderCell scope="row">{label}</TableHeaderCell>
      <TableCell numericColumn>{count(y.total)}</TableCell>
      <TableCell numericColumn>{orDash(y.ambition)}</TableCell>
      <TableCell numericColumn>{signed(y.difference)}</TableCell>
      <TableCell numericColumn>{count(y.fullTime)}</TableCell>
      <TableCell numericColumn>{count(y.partTime)}</TableCell>
      <TableCell numericColumn>{count(y.viaSroi)}</TableCell>
      <TableCell numericColumn>{count(y.benefitEndedAfterPlacement)}</TableCell>
    </>
  );
}

export function YearsTable({ report }: { report: Schemas["PlacementsRangeReport"] }) {
  const caption = "Plaatsingen per jaar: totaal, ambitie, voltijd en deeltijd, via SROI en uitkering beëindigd na plaatsing";
  return (
    <ScrollBox label="Plaatsingen per jaar">
      <Table id="plaatsingen" className="sroi-figures">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Jaar", ...["Plaatsingen", "Ambitie", "Verschil", "Voltijd", "Deeltijd", "Via SROI", "Uitkering beëindigd"].map(numeric)]} />
        <TableBody>
          {report.years.map((y) => (
            <TableRow key={y.year} data-jaar={y.year}>
              <YearCells label={String(y.year)} y={y} />
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow data-jaar="totaal">
            <YearCells label="Totaal" y={report.total} />
          </TableRow>
        </TableFooter>
      </Table>
    </ScrollBox>
  );
}

/** Label and value rows: one report's figures. */
function FiguresTable({ id, caption, rows }: { id: string; caption: string; rows: readonly [string, string, string][] }) {
  return (
    <ScrollBox label={caption}>
      <Table id={id} className="sroi-figures sroi-figures--narrow">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Cijfer", numeric("Waarde")]} />
        <TableBody>
          {rows.map(([key, label, value]) => (
            <TableRow key={key} data-cijfer={key}>
              <TableHeaderCell scope="row">{label}</TableHeaderCell>
              <TableCell numericColumn>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}

export function SroiPlacementsTable({ report, period }: { report: Schemas["SroiPlacementsReport"]; period: string }) {
  return (
    <FiguresTable id="sroi" caption={`Plaatsingen via SROI in ${period}: regionaal en lokaal`} rows={[
      ["count", "Plaatsingen via SROI", count(report.count)],
      ["regional", "Regionaal", count(report.regional)],
      ["local", "Lokaal", count(report.local)],
      ["regionalShare", "Regionaal aandeel", report.regionalShare === null || report.regionalShare === undefined ? "–" : percent(Math.round(report.regionalShare * 1000) / 10)],
      ["distinctEmployers", "Verschillende werkgevers", count(report.distinctEmployers)],
      ["distinctContracts", "Verschillende contracten", count(report.distinctContracts)],
      ["ambition", "Ambitie", orDash(report.ambition)],
      ["difference", "Verschil met de ambitie", signed(report.difference)],
    ]} />
  );
}

export function TredeFlowTables({ report, period }: { report: Schemas["TredeFlowReport"]; period: string }) {
  const moves = [...report.matrix].sort((a, b) => a.from - b.from || a.to - b.to);
  const caption = `Tredewisselingen in ${period}, van trede naar trede`;
  return (
    <>
      <FiguresTable id="doorstroom" caption={`Doorstroom op de participatieladder in ${period}`} rows={[
        ["changes", "Tredewisselingen", count(report.changes)],
        ["up", "Omhoog", count(report.up)],
        ["down", "Omlaag", count(report.down)],
        ["outOfBenefit", "Uitkering beëindigd", count(report.outOfBenefit.total)],
        ["workIncome", "waarvan door inkomsten uit werk", count(report.outOfBenefit.workIncome)],
        ["other", "waarvan om een andere reden", count(report.outOfBenefit.other)],
      ]} />
      {moves.length > 0 && (
        <ScrollBox label={caption}>
          <Table id="wisselingen" className="sroi-figures sroi-figures--narrow">
            <TableCaption>{caption}</TableCaption>
            <HeaderRow columns={["Van trede", "Naar trede", numeric("Aantal")]} />
            <TableBody>
              {moves.map((m) => (
                <TableRow key={`${m.from}-${m.to}`} data-van={m.from} data-naar={m.to}>
                  <TableHeaderCell scope="row">{`Trede ${m.from}`}</TableHeaderCell>
                  <TableCell>{`Trede ${m.to}`}</TableCell>
                  <TableCell numericColumn>{count(m.count)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollBox>
      )}
    </>
  );
}

export function TredenTable({ report, on }: { report: Schemas["TredeDistributionReport"]; on: string }) {
  const caption = `Uitkeringsgerechtigden per trede op ${on}`;
  return (
    <ScrollBox label={caption}>
      <Table id="treden" className="sroi-figures sroi-figures--narrow">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Trede", numeric("Aantal"), numeric("Percentage")]} />
        <TableBody>
          {report.treden.map((t) => (
            <TableRow key={t.trede} data-trede={t.trede}>
              <TableHeaderCell scope="row">{`Trede ${t.trede}`}</TableHeaderCell>
              <TableCell numericColumn>{count(t.count)}</TableCell>
              <TableCell numericColumn>{percent(t.percentage)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow data-trede="totaal">
            <TableHeaderCell scope="row">Totaal</TableHeaderCell>
            <TableCell numericColumn>{count(report.total)}</TableCell>
            <TableCell numericColumn></TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </ScrollBox>
  );
}
