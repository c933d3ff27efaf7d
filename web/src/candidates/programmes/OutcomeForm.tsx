// An outcome the candidate reached during an enrolment: one of the outcomes the programme counts, on a date.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { Checks } from "../../forms/checks";
import { SaveButton } from "../../forms/SaveButton";
import { changeHeaders, orNull, type FormProps } from "../changeHeaders";

const labels = { "resultaat-code": "Resultaat", "resultaat-op": "Behaald op" };

export function OutcomeForm({ candidateNumber, version, code, describedAs, outcomes, onDone, onCancel }:
  FormProps & { code: string; describedAs: string; outcomes: string[] }) {
  const change = useChange({ outcome: "resultaat-code", on: "resultaat-op" });
  const [outcome, setOutcome] = useState("");
  const [on, setOn] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Programmes/Enrolling/EnrolmentEndpoints.cs RecordOutcomeAsync: the outcome (a code; the options are the
    // programme's own codes, so choosing one is the check) and the date required.
    const check = new Checks();
    check.chosen("resultaat-code", outcome, "Kies een resultaat.");
    check.date("resultaat-op", on);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/programmes/{code}/outcomes", {
      params: { path: { candidateNumber, code }, header: changeHeaders(key, version) },
      body: { outcome: orNull(outcome) as string, on: orNull(on) as string },
    })));
    if (done) onDone(`Resultaat ${outcome} vastgelegd.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="resultaat-kop" className="sroi-form">
      <Heading2 id="resultaat-kop">Resultaat vastleggen: {describedAs}</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="resultaat-code" label="Resultaat" description="Een van de resultaten die dit traject telt." error={change.errors.fields["resultaat-code"]}>
        <Select required value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <SelectOption value="">Kies een resultaat</SelectOption>
          {outcomes.map((o) => <SelectOption key={o} value={o}>{o}</SelectOption>)}
        </Select>
      </Field>
      <Field id="resultaat-op" label="Behaald op" error={change.errors.fields["resultaat-op"]}>
        <Textbox type="date" required value={on} onChange={(e) => setOn(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Resultaat vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
