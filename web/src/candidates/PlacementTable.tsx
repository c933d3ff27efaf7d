// The candidate's placements, each with what the WSP can still do with it: correct it, end it (or correct its end),
// withdraw it. A withdrawn placement stays listed (the history keeps it) without actions.
import {
  Button, ButtonGroup, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date } from "../format/dutch";
import { placementChannels, placementKinds, scopes } from "./labels";

type Placement = components["schemas"]["PlacementResponse"];
export type PlacementAction = "correct" | "end" | "end-correction" | "withdraw";

/** How a placement is named in headings and buttons' accessible names: "Garantiebaan bij Bakkerij X vanaf 01-03-2026". */
export const describe = (p: Placement) =>
  `${placementKinds[p.kind]}${p.employer ? ` bij ${p.employer.name}` : ""} vanaf ${date(p.startedOn)}`;

const hoursText = (n: number) => String(n).replace(".", ",");

function status(p: Placement) {
  if (p.withdrawalReason) return `ingetrokken: ${p.withdrawalReason}`;
  if (p.endedOn) return `beëindigd op ${date(p.endedOn)}${p.endReason ? `: ${p.endReason}` : ""}`;
  return "loopt";
}

/** `onAction` null: the person may read but not change (an auditor): no action buttons. */
export function PlacementTable({ placements, onAction }: { placements: Placement[]; onAction: ((id: string, action: PlacementAction) => void) | null }) {
  if (placements.length === 0) return <Paragraph className="sroi-empty">Nog geen plaatsingen.</Paragraph>;
  return (
    <div className="sroi-scroll" role="region" aria-label="Plaatsingen" tabIndex={0}>
      <Table className="sroi-plaatsingen" aria-labelledby="plaatsingen-kop">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Soort</TableHeaderCell>
            <TableHeaderCell scope="col">Werkgever</TableHeaderCell>
            <TableHeaderCell scope="col">Begin</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Uren per week</TableHeaderCell>
            <TableHeaderCell scope="col">Voltijd</TableHeaderCell>
            <TableHeaderCell scope="col">Gevonden</TableHeaderCell>
            <TableHeaderCell scope="col">Telt in</TableHeaderCell>
            <TableHeaderCell scope="col">Stand</TableHeaderCell>
            {onAction && <TableHeaderCell scope="col">Acties</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {placements.map((p) => (
            <TableRow key={p.id} data-plaatsing={p.id}>
              <TableCell>{placementKinds[p.kind]}</TableCell>
              <TableCell>{p.employer ? `${p.employer.name} (KvK ${p.employer.kvkNumber})` : "–"}</TableCell>
              <TableCell>{date(p.startedOn)}</TableCell>
              <TableCell numericColumn>{hoursText(p.hoursPerWeek)}</TableCell>
              <TableCell>{p.fullTime ? "ja" : "nee"}</TableCell>
              <TableCell>
                {placementChannels[p.channel]}
                {p.sroiContract && ` (${scopes[p.sroiContract.scope]})`}
              </TableCell>
              <TableCell>{p.countsInYear ?? "–"}</TableCell>
              <TableCell>{status(p)}</TableCell>
              {onAction && <TableCell>
                {!p.withdrawalReason && (
                  <ButtonGroup>
                    <Button appearance="subtle-button" type="button" aria-label={`Corrigeren: ${describe(p)}`} onClick={() => onAction(p.id, "correct")}>
                      Corrigeren
                    </Button>
                    {p.endedOn ? (
                      <Button appearance="subtle-button" type="button" aria-label={`Einde corrigeren: ${describe(p)}`} onClick={() => onAction(p.id, "end-correction")}>
                        Einde corrigeren
                      </Button>
                    ) : (
                      <Button appearance="subtle-button" type="button" aria-label={`Beëindigen: ${describe(p)}`} onClick={() => onAction(p.id, "end")}>
                        Beëindigen
                      </Button>
                    )}
                    <Button appearance="subtle-button" type="button" aria-label={`Intrekken: ${describe(p)}`} onClick={() => onAction(p.id, "withdraw")}>
                      Intrekken
                    </Button>
                  </ButtonGroup>
                )}
              </TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
