// Every trede the candidate held, oldest first: from registration, then each change with its date and reason.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date } from "../format/dutch";

type Trede = components["schemas"]["TredeResponse"];

export function TredeHistory({ treden }: { treden: Trede[] }) {
  return (
    <div className="sroi-scroll" role="region" aria-label="Tredeverloop" tabIndex={0}>
      <Table className="sroi-treden" aria-labelledby="tredeverloop-kop">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Vanaf</TableHeaderCell>
            <TableHeaderCell scope="col">Trede</TableHeaderCell>
            <TableHeaderCell scope="col">Was</TableHeaderCell>
            <TableHeaderCell scope="col">Reden</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {treden.map((t, i) => (
            <TableRow key={i} data-trede={i}>
              <TableCell>{date(t.effectiveOn)}</TableCell>
              <TableCell>{t.trede}</TableCell>
              <TableCell>{t.from ?? "–"}</TableCell>
              <TableCell>{t.from === null || t.from === undefined ? "registratie" : (t.reason ?? "–")}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
