// Withdraw an outcome recorded by mistake, with a reason: reports as known before still count it, later ones not.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Textarea } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { Checks } from "../../forms/checks";
import { SaveButton } from "../../forms/SaveButton";
import { date } from "../../format/dutch";
import { changeHeaders, orNull, type FormProps } from "../changeHeaders";

const labels = { "intrekking-reden": "Reden van de intrekking" };

export function WithdrawOutcomeForm({ candidateNumber, version, code, outcome, on, onDone, onCancel }:
  FormProps & { code: string; outcome: string; on: string }) {
  const change = useChange({ reason: "intrekking-reden", outcome: "intrekking-reden", on: "intrekking-reden" });
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Programmes/Enrolling/EnrolmentEndpoints.cs WithdrawOutcomeAsync: a reason (at most 500 characters) required; the
    // outcome and its day come from the table as recorded.
    const check = new Checks();
    check.text("intrekking-reden", reason, 500);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/programmes/{code}/outcomes/withdrawal", {
      params: { path: { candidateNumber, code }, header: changeHeaders(key, version) },
      body: { outcome, on, reason: orNull(reason) as string },
    })));
    if (done) onDone(`Resultaat ${outcome} van ${date(on)} ingetrokken.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="intrekking-kop" className="sroi-form">
      <Heading2 id="intrekking-kop">Resultaat intrekken: {outcome} op {date(on)} ({code})</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="intrekking-reden" label="Reden van de intrekking" description="Waarom het resultaat ten onrechte is vastgelegd."
        error={change.errors.fields["intrekking-reden"]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Resultaat intrekken</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
