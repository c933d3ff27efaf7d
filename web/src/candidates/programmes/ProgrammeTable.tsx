// The candidate's enrolments on programmes, oldest first, with the outcomes reached in each and what the WSP can still
// do: end an open enrolment, record an outcome, withdraw one recorded by mistake.
import {
  Button, ButtonGroup, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import type { components } from "../../api/ledger";
import { date } from "../../format/dutch";
import { programmeName, type Programme } from "./useProgrammes";

type Enrolment = components["schemas"]["ProgrammeEnrolmentResponse"];

export type ProgrammeAction =
  | { form: "end-enrolment"; code: string }
  | { form: "outcome"; code: string }
  | { form: "withdraw-outcome"; code: string; outcome: string; on: string };

interface Props {
  enrolments: Enrolment[];
  programmes: Programme[] | null;
  /** Null: the person may read but not change (an auditor). */
  onAction: ((action: ProgrammeAction) => void) | null;
}

export function ProgrammeTable({ enrolments, programmes, onAction }: Props) {
  if (enrolments.length === 0) return <Paragraph className="sroi-empty">Nog niet ingeschreven op een traject.</Paragraph>;
  return (
    <div className="sroi-scroll" role="region" aria-label="Trajecten" tabIndex={0}>
      <Table aria-labelledby="trajecten-kop">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Traject</TableHeaderCell>
            <TableHeaderCell scope="col">Ingeschreven</TableHeaderCell>
            <TableHeaderCell scope="col">Einde</TableHeaderCell>
            <TableHeaderCell scope="col">Resultaten</TableHeaderCell>
            {onAction && <TableHeaderCell scope="col">Acties</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {enrolments.map((e) => {
            const name = programmeName(programmes, e.programme);
            return (
              <TableRow key={`${e.programme}-${e.enrolledOn}`} data-traject={e.programme}>
                <TableCell>{name}</TableCell>
                <TableCell>{date(e.enrolledOn)}</TableCell>
                <TableCell>{e.endedOn ? `${date(e.endedOn)}${e.endReason ? `: ${e.endReason}` : ""}` : "loopt"}</TableCell>
                <TableCell>
                  {e.outcomes.length === 0 ? "–" : (
                    <ul className="sroi-outcomes">
                      {e.outcomes.map((o) => (
                        <li key={`${o.outcome}-${o.on}`}>
                          {o.outcome} op {date(o.on)}
                          {onAction && (
                            <>
                              {" "}
                              <Button appearance="subtle-button" type="button" aria-label={`Intrekken: resultaat ${o.outcome} op ${date(o.on)} (${e.programme})`}
                                onClick={() => onAction({ form: "withdraw-outcome", code: e.programme, outcome: o.outcome, on: o.on })}>
                                Intrekken
                              </Button>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
                {onAction && (
                  <TableCell>
                    <ButtonGroup>
                      <Button appearance="subtle-button" type="button" aria-label={`Resultaat vastleggen: ${name}`}
                        onClick={() => onAction({ form: "outcome", code: e.programme })}>
                        Resultaat vastleggen
                      </Button>
                      {!e.endedOn && (
                        <Button appearance="subtle-button" type="button" aria-label={`Inschrijving beëindigen: ${name}`}
                          onClick={() => onAction({ form: "end-enrolment", code: e.programme })}>
                          Inschrijving beëindigen
                        </Button>
                      )}
                    </ButtonGroup>
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
