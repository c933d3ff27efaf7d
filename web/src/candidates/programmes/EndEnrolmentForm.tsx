// The candidate's enrolment on a programme ends (early, or when finished), on a date, for a reason.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { Checks } from "../../forms/checks";
import { SaveButton } from "../../forms/SaveButton";
import { changeHeaders, orNull, type FormProps } from "../changeHeaders";

const labels = { "uitschrijving-op": "Einddatum", "uitschrijving-reden": "Reden" };

export function EndEnrolmentForm({ candidateNumber, version, code, describedAs, onDone, onCancel }: FormProps & { code: string; describedAs: string }) {
  const change = useChange({ endedOn: "uitschrijving-op", reason: "uitschrijving-reden" });
  const [endedOn, setEndedOn] = useState("");
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Programmes/Enrolling/EnrolmentEndpoints.cs EndAsync: the end date and a reason (at most 500 characters) required.
    const check = new Checks();
    check.date("uitschrijving-op", endedOn);
    check.text("uitschrijving-reden", reason, 500);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/programmes/{code}/enrolment/end", {
      params: { path: { candidateNumber, code }, header: changeHeaders(key, version) },
      body: { endedOn: orNull(endedOn) as string, reason: orNull(reason) as string },
    })));
    if (done) onDone(`Inschrijving op ${describedAs} beëindigd.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="uitschrijving-kop" className="sroi-form">
      <Heading2 id="uitschrijving-kop">Inschrijving beëindigen: {describedAs}</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="uitschrijving-op" label="Einddatum" error={change.errors.fields["uitschrijving-op"]}>
        <Textbox type="date" required value={endedOn} onChange={(e) => setEndedOn(e.target.value)} />
      </Field>
      <Field id="uitschrijving-reden" label="Reden" description="Bijvoorbeeld: traject afgerond, of voortijdig gestopt en waarom."
        error={change.errors.fields["uitschrijving-reden"]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Einde vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
