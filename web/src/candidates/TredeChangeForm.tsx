// A trede change (re-assessment on the participatieladder): the new trede, from when, and why.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { changeHeaders, orNull, type FormProps } from "./changeHeaders";
import { treden, tredeNames } from "./labels";
import { SaveButton } from "../forms/SaveButton";

const labels = { "trede-nieuw": "Nieuwe trede", "trede-per": "Ingangsdatum", "trede-reden": "Reden" };

export function TredeChangeForm({ candidateNumber, version, current, onDone, onCancel }: FormProps & { current: number }) {
  const change = useChange({ trede: "trede-nieuw", effectiveOn: "trede-per", reason: "trede-reden" });
  const [trede, setTrede] = useState("");
  const [effectiveOn, setEffectiveOn] = useState("");
  const [reason, setReason] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Candidates/ChangingTrede/ChangeTredeEndpoint.cs: trede, date and reason (at most 1000 characters) required.
    const check = new Checks();
    check.chosen("trede-nieuw", trede, "Kies de nieuwe trede.");
    check.date("trede-per", effectiveOn);
    check.text("trede-reden", reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/trede-changes", {
      params: { path: { candidateNumber }, header: changeHeaders(key, version) },
      body: { trede: (trede ? Number(trede) : null) as number, effectiveOn: orNull(effectiveOn) as string, reason: orNull(reason) as string },
    })));
    if (done) onDone(`Trede gewijzigd naar ${trede}.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="trede-kop" className="sroi-form">
      <Heading2 id="trede-kop">Trede wijzigen</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="trede-nieuw" label="Nieuwe trede" description={`Nu trede ${current}.`} error={change.errors.fields["trede-nieuw"]}>
        <Select required value={trede} onChange={(e) => setTrede(e.target.value)}>
          <SelectOption value="">Kies een trede</SelectOption>
          {treden.map((t) => <SelectOption key={t} value={String(t)}>{tredeNames[t]}</SelectOption>)}
        </Select>
      </Field>
      <Field id="trede-per" label="Ingangsdatum" error={change.errors.fields["trede-per"]}>
        <Textbox type="date" required value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
      </Field>
      <Field id="trede-reden" label="Reden" description="Bijvoorbeeld de herbeoordeling die tot de wijziging leidde." error={change.errors.fields["trede-reden"]}>
        <Textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Trede vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
