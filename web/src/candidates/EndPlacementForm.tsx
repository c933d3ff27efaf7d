// "Beëindigen": the work ended, on a date, for a reason.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { changeHeaders, orNull, type FormProps } from "./changeHeaders";

const labels = { "einde-op": "Einddatum", "einde-reden": "Reden van het einde" };

export function EndPlacementForm({ candidateNumber, version, placementId, describedAs, onDone, onCancel }:
  FormProps & { placementId: string; describedAs: string }) {
  const change = useChange({ endedOn: "einde-op", reason: "einde-reden" });
  const [endedOn, setEndedOn] = useState("");
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
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
        <Button type="submit" appearance="primary-action-button" busy={change.busy} disabled={change.busy}>Einde vastleggen</Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
