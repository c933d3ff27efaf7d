// "Beëindigen": the work ended, on a date, for a reason.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { changeHeaders, orNull, type FormProps } from "./changeHeaders";
import { SaveButton } from "../forms/SaveButton";

const labels = { "einde-op": "Einddatum", "einde-reden": "Reden van het einde" };

export function EndPlacementForm({ candidateNumber, version, placementId, describedAs, onDone, onCancel }:
  FormProps & { placementId: string; describedAs: string }) {
  const change = useChange({ endedOn: "einde-op", reason: "einde-reden" });
  const [endedOn, setEndedOn] = useState("");
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Placements/EndingPlacement/EndPlacementEndpoint.cs: the end date and a reason (at most 1000 characters).
    const check = new Checks();
    check.date("einde-op", endedOn);
    check.text("einde-reden", reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/placements/{placementId}/end", {
      params: { path: { candidateNumber, placementId }, header: changeHeaders(key, version) },
      body: { endedOn: orNull(endedOn) as string, reason: orNull(reason) as string },
    })));
    if (done) onDone("Plaatsing beëindigd.");
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="einde-kop" className="sroi-form">
      <Heading2 id="einde-kop">Plaatsing beëindigen: {describedAs}</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="einde-op" label="Einddatum" error={change.errors.fields["einde-op"]}>
        <Textbox type="date" required value={endedOn} onChange={(e) => setEndedOn(e.target.value)} />
      </Field>
      <Field id="einde-reden" label="Reden van het einde" error={change.errors.fields["einde-reden"]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Einde vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
