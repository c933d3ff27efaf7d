// /dashboard for a regional coordinator (issue 21): per region of the session (GET /dashboard/sessie's `regions`), the SROI
// placements of this year in every member municipality, from regional and from local contracts, and the region's sum
// (GET /reports/regions/{code}/sroi-placements, with its CSV). The coordinator reads nothing else of the ledger.
import { useEffect } from "react";
import {
  Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableFooter, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import type { components } from "../api/ledger";
import { CsvButton } from "../exports/CsvButton";
import { count, percent } from "../format/dutch";
import { useSession } from "../shell/SessionContext";
import { Failure, Loading } from "../shell/States";
import { markLoaded } from "../shell/loaded";
import { useAnswer } from "../shell/useAnswer";
import { HeaderRow, numeric } from "../tables/HeaderRow";
import { ScrollBox } from "../tables/ScrollBox";

type Report = components["schemas"]["RegionSroiPlacementsReport"];

/** This year in the Netherlands. */
const thisYear = () => Number(new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(new Date()));

/** A share of 0..1 as the pages show it: "66,7%". */
const share = (value: number | null | undefined) => (value === null || value === undefined ? "–" : percent(Math.round(value * 1000) / 10));

export function RegionPage() {
  const session = useSession();
  const year = thisYear();
  useEffect(() => {
    document.title = "Regio — SROI-dashboard";
    if (session.regions.length === 0) markLoaded(true);
  }, [session.regions.length]);
  return (
    <>
      <Heading1>SROI-plaatsingen in de regio, {year}</Heading1>
      {session.regions.length === 0 ? (
        <Paragraph>Uw inlog noemt geen regio. Vraag de beheerder om uw regio vast te leggen.</Paragraph>
      ) : (
        session.regions.map((code) => <RegionFigures key={code} code={code} year={year} />)
      )}
    </>
  );
}

function RegionFigures({ code, year }: { code: string; year: number }) {
  const answer = useAnswer((signal) =>
    // The report answers CSV too (by Accept); the client asks for JSON, so the answer is the JSON shape.
    read(() => api.GET("/reports/regions/{code}/sroi-placements", { params: { path: { code }, query: { year } }, signal }))
      .then((r) => r as Report),
  [code, year]);
  if (answer.loading) return <Loading />;
  if (answer.error || !answer.data) return <Failure message={answer.error?.message ?? "Er ging iets mis."} retry={answer.reload} />;
  return <RegionTable report={answer.data} year={year} />;
}

function RegionTable({ report, year }: { report: Report; year: number }) {
  const caption = `${report.name}: SROI-plaatsingen in ${year} per gemeente, regionaal en lokaal`;
  return (
    <section aria-labelledby={`regio-${report.region}`}>
      <Heading2 id={`regio-${report.region}`}>{report.name}</Heading2>
      <ScrollBox label={caption}>
        <Table className="sroi-figures" id={`regio-tabel-${report.region}`}>
          <TableCaption>{caption}</TableCaption>
          <HeaderRow columns={["Gemeente", numeric("Plaatsingen via SROI"), numeric("Regionaal"), numeric("Lokaal"), numeric("Regionaal aandeel")]} />
          <TableBody>
            {report.members.map((m) => (
              <TableRow key={m.municipality} data-gemeente={m.municipality}>
                <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                <TableCell numericColumn>{count(m.count)}</TableCell>
                <TableCell numericColumn>{count(m.regional)}</TableCell>
                <TableCell numericColumn>{count(m.local)}</TableCell>
                <TableCell numericColumn>{share(m.regionalShare)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow data-gemeente="totaal">
              <TableHeaderCell scope="row">Totaal regio</TableHeaderCell>
              <TableCell numericColumn>{count(report.count)}</TableCell>
              <TableCell numericColumn>{count(report.regional)}</TableCell>
              <TableCell numericColumn>{count(report.local)}</TableCell>
              <TableCell numericColumn>{share(report.regionalShare)}</TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </ScrollBox>
      <CsvButton url={`/api/v1/reports/regions/${encodeURIComponent(report.region)}/sroi-placements?year=${year}`}
        fileName={`sroi-placements-${report.region}-${year}.csv`} what={`SROI-plaatsingen ${report.name}`} />
    </section>
  );
}
