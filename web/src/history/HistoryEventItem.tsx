// One event of the replay: what happened, when, who acted (the person's name from the directory, never a key id) and
// why, its chain hash and whether the chain holds up to it, whether the newest checkpoint vouches for it, and behind a
// disclosure button the contract's state right after it.
import { useState } from "react";
import { Link as RouterLink } from "react-router";
import { Button, Heading3 } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { moment } from "../format/moment";
import { eventLabel } from "./eventLabels";
import { StateAfter } from "./StateAfter";

type HistoryEvent = components["schemas"]["HistoryEvent"];
type StateAfterEvent = components["schemas"]["ContractAfterEvent"];
type Checkpoint = components["schemas"]["StreamCheckpoint"];

interface Props {
  event: HistoryEvent;
  total: number;
  state: StateAfterEvent | undefined;
  checkpoint: Checkpoint | null;
}

function vouched(version: number, checkpoint: Checkpoint | null) {
  if (!checkpoint || !checkpoint.covers || checkpoint.version == null) return "nog niet door een controlepunt gedekt";
  if (version > checkpoint.version) return "nieuwer dan het laatste controlepunt";
  return checkpoint.holds ? `gedekt door het controlepunt van ${moment(checkpoint.createdAt)}` : "het controlepunt klopt niet meer";
}

export function HistoryEventItem({ event, total, state, checkpoint }: Props) {
  const [open, setOpen] = useState(false);
  const stateId = `stand-${event.version}`;
  return (
    <li className="sroi-event" data-version={event.version}>
      <Heading3>
        Gebeurtenis {event.version} van {total}: {eventLabel(event.type)}
      </Heading3>
      <dl className="sroi-event__facts">
        <dt>Vastgelegd op</dt>
        <dd data-field="vastgelegd">{moment(event.recordedAt)}</dd>
        <dt>Door</dt>
        <dd data-field="door">{event.actorDisplay ?? event.actorName ?? "onbekend"}</dd>
        <dt>Reden</dt>
        <dd data-field="reden">{event.metadata.reason ?? "geen reden opgegeven"}</dd>
        <dt>Hash</dt>
        <dd data-field="hash">
          <code className="sroi-hash">{event.hash ?? "geen"}</code>
        </dd>
        <dt>Hashketen</dt>
        <dd data-field="keten" className={event.chainHolds ? undefined : "sroi-broken"}>
          {event.chainHolds ? "klopt tot en met deze gebeurtenis" : "gebroken: deze of een eerdere gebeurtenis is gewijzigd"}
        </dd>
        <dt>Controlepunt</dt>
        <dd data-field="controlepunt">{vouched(event.version, checkpoint)}</dd>
      </dl>
      <div className="sroi-event__actions">
        {state && (
          <Button
            type="button"
            appearance="secondary-action-button"
            aria-expanded={open}
            aria-controls={stateId}
            data-step=""
            onClick={() => setOpen((was) => !was)}
          >
            {open ? "Verberg stand" : "Toon stand"} na gebeurtenis {event.version}
          </Button>
        )}
        <RouterLink className="utrecht-link" to={`?bekendOp=${encodeURIComponent(event.recordedAt)}`}>
          Zoals bekend na gebeurtenis {event.version}
        </RouterLink>
      </div>
      {/* Always present, hidden while closed, so the button's aria-controls names an element that exists. */}
      {state && (
        <div id={stateId} hidden={!open}>
          {open && <StateAfter contract={state.contract} balance={state.balance} />}
        </div>
      )}
    </li>
  );
}
