// "Corrigeren": what was recorded wrongly about a placement. The form starts from the placement as recorded and sends
// only what the person changed (the API keeps the rest), with the reason; it then counts in its corrected start's year.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { changeHeaders, hours, hoursProblem, orNull, type FormProps } from "./changeHeaders";
import { keys, placementChannels, placementKinds } from "./labels";
import { SroiContractChoice } from "./SroiContractChoice";
import { SaveButton } from "../forms/SaveButton";

type S = components["schemas"];

const controls = {
  startedOn: "correctie-start", hoursPerWeek: "correctie-uren", fullTime: "correctie-voltijd", kind: "correctie-soort",
  channel: "correctie-kanaal", sroiContractId: "correctie-contract", reason: "correctie-reden",
};
const labels = {
  "correctie-start": "Begindatum", "correctie-uren": "Uren per week", "correctie-voltijd": "Voltijd", "correctie-soort": "Soort plaatsing",
  "correctie-kanaal": "Gevonden", "correctie-contract": "SROI-contract", "correctie-reden": "Reden van de correctie",
};

const dutchHours = (n: number) => String(n).replace(".", ",");

export function CorrectPlacementForm({ candidateNumber, version, placement, describedAs, onDone, onCancel }:
  FormProps & { placement: S["PlacementResponse"]; describedAs: string }) {
  const change = useChange(controls);
  const was = {
    startedOn: placement.startedOn, hours: dutchHours(placement.hoursPerWeek), fullTime: placement.fullTime ? "ja" : "nee",
    kind: placement.kind as string, channel: placement.channel as string, contract: placement.sroiContract?.contractId ?? "",
  };
  const [f, setF] = useState({ ...was, reason: "" });
  const set = (field: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [field]: e.target.value });
  const errorAt = (id: string) => change.errors.fields[id];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changed = (field: keyof typeof was) => f[field] !== was[field];
    // Placements/CorrectingPlacement: each corrected field as a new placement would have it, and a reason.
    const check = new Checks();
    check.date("correctie-start", f.startedOn);
    check.parsed("correctie-uren", hoursProblem(f.hours));
    if (f.channel === "sroi") check.chosen("correctie-contract", f.contract, "Kies het SROI-contract waaronder de plaatsing is gevonden.");
    check.text("correctie-reden", f.reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const body: S["CorrectPlacementRequest"] = {
      startedOn: changed("startedOn") ? orNull(f.startedOn) : null,
      hoursPerWeek: changed("hours") ? hours(f.hours) : null,
      fullTime: changed("fullTime") ? f.fullTime === "ja" : null,
      kind: changed("kind") ? (f.kind as S["PlacementKind"]) : null,
      channel: changed("channel") ? (f.channel as S["PlacementChannel"]) : null,
      sroiContractId: f.channel === "sroi" && (changed("contract") || changed("channel")) ? orNull(f.contract) : null,
      reason: orNull(f.reason) as string,
    };
    if (Object.entries(body).every(([field, value]) => field === "reason" || value === null)) {
      change.refuse({ fields: {}, general: [{ dutch: "U heeft niets gewijzigd: pas ten minste één gegeven van de plaatsing aan.", server: null }] });
      return;
    }
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/placements/{placementId}/correction", {
      params: { path: { candidateNumber, placementId: placement.id }, header: changeHeaders(key, version) }, body,
    })));
    if (done) onDone("Plaatsing gecorrigeerd.");
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="correctie-kop" className="sroi-form">
      <Heading2 id="correctie-kop">Plaatsing corrigeren: {describedAs}</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="correctie-start" label="Begindatum" error={errorAt("correctie-start")}>
        <Textbox type="date" value={f.startedOn} onChange={set("startedOn")} />
      </Field>
      <Field id="correctie-uren" label="Uren per week" error={errorAt("correctie-uren")}>
        <Textbox autoComplete="off" inputMode="decimal" value={f.hours} onChange={set("hours")} />
      </Field>
      <Field id="correctie-voltijd" label="Voltijd" error={errorAt("correctie-voltijd")}>
        <Select value={f.fullTime} onChange={set("fullTime")}>
          <SelectOption value="ja">Ja</SelectOption>
          <SelectOption value="nee">Nee</SelectOption>
        </Select>
      </Field>
      <Field id="correctie-soort" label="Soort plaatsing" error={errorAt("correctie-soort")}>
        <Select value={f.kind} onChange={set("kind")}>
          {keys(placementKinds).map((k) => <SelectOption key={k} value={k}>{placementKinds[k]}</SelectOption>)}
        </Select>
      </Field>
      <Field id="correctie-kanaal" label="Gevonden" error={errorAt("correctie-kanaal")}>
        <Select value={f.channel} onChange={set("channel")}>
          {keys(placementChannels).map((c) => <SelectOption key={c} value={c}>{placementChannels[c]}</SelectOption>)}
        </Select>
      </Field>
      {f.channel === "sroi" && (
        <Field id="correctie-contract" label="SROI-contract" error={errorAt("correctie-contract")}>
          <SroiContractChoice value={f.contract} onChange={(contract) => setF({ ...f, contract })} />
        </Field>
      )}
      <Field id="correctie-reden" label="Reden van de correctie" error={errorAt("correctie-reden")}>
        <Textarea required value={f.reason} onChange={set("reason")} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Correctie vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
