// "Einde corrigeren": the recorded end was wrong — another date, or the placement has not ended at all. One of the two,
// chosen explicitly: a forgotten date must not silently undo an end (the API refuses that too).
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { changeHeaders, orNull, type FormProps } from "./changeHeaders";
import { SaveButton } from "../forms/SaveButton";

const labels = { "einde-correctie-wat": "Wat is juist", "einde-correctie-op": "Juiste einddatum", "einde-correctie-reden": "Reden van de correctie" };

export function CorrectPlacementEndForm({ candidateNumber, version, placementId, endedOn, describedAs, onDone, onCancel }:
  FormProps & { placementId: string; endedOn: string; describedAs: string }) {
  const change = useChange({ endedOn: "einde-correctie-op", notEnded: "einde-correctie-wat", reason: "einde-correctie-reden" });
  const [what, setWhat] = useState<"datum" | "niet-beeindigd">("datum");
  const [date, setDate] = useState(endedOn);
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Placements/CorrectingPlacementEnd: the right end date (or "not ended") and a reason (at most 1000 characters).
    const check = new Checks();
    if (what === "datum") check.date("einde-correctie-op", date);
    check.text("einde-correctie-reden", reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const body = what === "datum"
      ? { endedOn: orNull(date), notEnded: null, reason: orNull(reason) as string }
      : { endedOn: null, notEnded: true, reason: orNull(reason) as string };
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/placements/{placementId}/end-correction", {
      params: { path: { candidateNumber, placementId }, header: changeHeaders(key, version) }, body,
    })));
    if (done) onDone(what === "datum" ? "Einde van de plaatsing gecorrigeerd." : "De plaatsing loopt weer: het einde is geschrapt.");
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="einde-correctie-kop" className="sroi-form">
      <Heading2 id="einde-correctie-kop">Einde corrigeren: {describedAs}</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="einde-correctie-wat" label="Wat is juist" error={change.errors.fields["einde-correctie-wat"]}>
        <Select value={what} onChange={(e) => setWhat(e.target.value as typeof what)}>
          <SelectOption value="datum">De plaatsing eindigde op een andere datum</SelectOption>
          <SelectOption value="niet-beeindigd">De plaatsing is niet beëindigd</SelectOption>
        </Select>
      </Field>
      {what === "datum" && (
        <Field id="einde-correctie-op" label="Juiste einddatum" error={change.errors.fields["einde-correctie-op"]}>
          <Textbox type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      )}
      <Field id="einde-correctie-reden" label="Reden van de correctie" error={change.errors.fields["einde-correctie-reden"]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Correctie van het einde vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
