// The PSO reduction the settlement rests on (issue 21), as GET …/balance gives it: per run of days the contractor's
// certificate, the policy version that decided its percentage and the amount. The obligation settled is the one after it.
import { Table, TableBody, TableCaption, TableCell, TableFooter, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { count, date, euro } from "../format/dutch";
import { HeaderRow, numeric } from "../tables/HeaderRow";
import { ScrollBox } from "../tables/ScrollBox";

type Pso = components["schemas"]["PsoBalanceResponse"];
type Level = components["schemas"]["PsoLevel"];

const levelLabels: Record<Level, string> = {
  aspirant: "aspirant",
  trede1: "trede 1",
  trede2: "trede 2",
  trede3: "trede 3",
};

const share = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });

export function PsoReductionTable({ pso }: { pso: Pso }) {
  const caption = `PSO-korting per periode (looptijd ${count(pso.termDays)} dagen)`;
  return (
    <ScrollBox label={caption}>
      <Table id="pso-korting" className="sroi-figures">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Periode", "PSO-certificaat", "Beleidsversie", numeric("Korting"), numeric("Dagen"), numeric("Bedrag")]} />
        <TableBody>
          {pso.reductionLines.map((line) => (
            <TableRow key={`${line.from}-${line.certificate}-${line.policyVersion}`}>
              <TableHeaderCell scope="row">{date(line.from)} tot en met {date(line.to)}</TableHeaderCell>
              <TableCell>
                {levelLabels[line.level]} (nr. {line.certificate}{line.certificateNumber ? `, ${line.certificateNumber}` : ""})
              </TableCell>
              <TableCell>{line.policyVersion}</TableCell>
              <TableCell numericColumn>{share.format(line.percentage)}%</TableCell>
              <TableCell numericColumn>{count(line.days)}</TableCell>
              <TableCell numericColumn>{euro(line.amount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableHeaderCell scope="row">Totaal</TableHeaderCell>
            <TableCell />
            <TableCell />
            <TableCell />
            <TableCell />
            <TableCell numericColumn>{euro(pso.reduction)}</TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </ScrollBox>
  );
}
