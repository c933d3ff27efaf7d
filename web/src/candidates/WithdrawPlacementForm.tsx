// "Intrekken": the placement was recorded by mistake. It stays in the history and no longer counts anywhere.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Paragraph, Textarea } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { changeHeaders, orNull, type FormProps } from "./changeHeaders";
import { SaveButton } from "../forms/SaveButton";

export function WithdrawPlacementForm({ candidateNumber, version, placementId, describedAs, onDone, onCancel }:
  FormProps & { placementId: string; describedAs: string }) {
  const change = useChange({ reason: "intrekken-reden" });
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Placements/WithdrawingPlacement/WithdrawPlacementEndpoint.cs: a reason, at most 1000 characters.
    const check = new Checks();
    check.text("intrekken-reden", reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/placements/{placementId}/withdrawal", {
      params: { path: { candidateNumber, placementId }, header: changeHeaders(key, version) }, body: { reason: orNull(reason) as string },
    })));
    if (done) onDone("Plaatsing ingetrokken.");
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="intrekken-kop" className="sroi-form">
      <Heading2 id="intrekken-kop">Plaatsing intrekken: {describedAs}</Heading2>
      <Paragraph>Alleen voor een plaatsing die per vergissing is geregistreerd: zij blijft in de geschiedenis, maar telt nergens meer mee.</Paragraph>
      <ErrorSummary errors={change.errors} labels={{ "intrekken-reden": "Reden van intrekken" }} />
      <Field id="intrekken-reden" label="Reden van intrekken" error={change.errors.fields["intrekken-reden"]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Plaatsing intrekken</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
