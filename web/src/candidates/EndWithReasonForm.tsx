// Something of the candidate's ends on a date, for a reason (a placement's work, an enrolment on a programme): one form,
// two uses. The service checks the same (a date, a reason of at most `maxReason` characters) and names what it refuses.
import { useState, type FormEvent, type ReactNode } from "react";
import { Button, ButtonGroup, Heading2, Textarea, Textbox } from "@utrecht/component-library-react";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { SaveButton } from "../forms/SaveButton";
import { orNull } from "./changeHeaders";

export interface EndWithReasonProps {
  /** The prefix of the controls' ids ("einde" → einde-op, einde-reden, einde-kop). */
  id: string;
  heading: ReactNode;
  reasonLabel: string;
  reasonDescription?: string;
  maxReason: number;
  /** Sends the change with this attempt's Idempotency-Key; rejects with the service's ApiError. */
  send: (idempotencyKey: string, body: { endedOn: string; reason: string }) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

export function EndWithReasonForm({ id, heading, reasonLabel, reasonDescription, maxReason, send, onDone, onCancel }: EndWithReasonProps) {
  const [on, reasonId] = [`${id}-op`, `${id}-reden`];
  const change = useChange({ endedOn: on, reason: reasonId });
  const [endedOn, setEndedOn] = useState("");
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = new Checks();
    check.date(on, endedOn);
    check.text(reasonId, reason, maxReason);
    if (!check.ok) return change.refuse(check.errors);
    // An empty field goes as null, so the service names it with everything else it refuses (one 400).
    const done = await change.run((key) => send(key, { endedOn: orNull(endedOn) as string, reason: orNull(reason) as string }));
    if (done) onDone();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-kop`} className="sroi-form">
      <Heading2 id={`${id}-kop`}>{heading}</Heading2>
      <ErrorSummary errors={change.errors} labels={{ [on]: "Einddatum", [reasonId]: reasonLabel }} />
      <Field id={on} label="Einddatum" error={change.errors.fields[on]}>
        <Textbox type="date" required value={endedOn} onChange={(e) => setEndedOn(e.target.value)} />
      </Field>
      <Field id={reasonId} label={reasonLabel} description={reasonDescription} error={change.errors.fields[reasonId]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Einde vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
