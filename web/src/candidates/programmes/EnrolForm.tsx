// Enrol the candidate on one of the municipality's programmes (trajecten), from a date.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Paragraph, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { Checks } from "../../forms/checks";
import { SaveButton } from "../../forms/SaveButton";
import { changeHeaders, orNull, type FormProps } from "../changeHeaders";
import type { Programme } from "./useProgrammes";

const labels = { "traject-code": "Traject", "traject-in": "Inschrijfdatum" };

export function EnrolForm({ candidateNumber, version, programmes, onDone, onCancel }: FormProps & { programmes: Programme[] | null }) {
  const change = useChange({ code: "traject-code", enrolledOn: "traject-in" });
  const [code, setCode] = useState("");
  const [enrolledOn, setEnrolledOn] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Programmes/Enrolling/EnrolmentEndpoints.cs EnrolAsync: the programme's code (the path, so nothing to send without
    // it) and the enrolment date required.
    const check = new Checks();
    check.chosen("traject-code", code, "Kies een traject.");
    check.date("traject-in", enrolledOn);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/programmes/{code}/enrolment", {
      params: { path: { candidateNumber, code }, header: changeHeaders(key, version) },
      body: { enrolledOn: orNull(enrolledOn) as string },
    })));
    if (done) onDone(`Ingeschreven op traject ${code}.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="traject-kop" className="sroi-form">
      <Heading2 id="traject-kop">Inschrijven op een traject</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      {programmes?.length === 0 && <Paragraph>Uw gemeente heeft nog geen trajecten vastgelegd.</Paragraph>}
      <Field id="traject-code" label="Traject" error={change.errors.fields["traject-code"]}>
        <Select required value={code} onChange={(e) => setCode(e.target.value)}>
          <SelectOption value="">Kies een traject</SelectOption>
          {(programmes ?? []).map((p) => <SelectOption key={p.code} value={p.code}>{p.name} ({p.code})</SelectOption>)}
        </Select>
      </Field>
      <Field id="traject-in" label="Inschrijfdatum" error={change.errors.fields["traject-in"]}>
        <Textbox type="date" required value={enrolledOn} onChange={(e) => setEnrolledOn(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Inschrijving vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
