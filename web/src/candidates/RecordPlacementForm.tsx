// "Plaatsing registreren": the candidate started work. An employer (KvK and name) for every kind but self-employed — a
// candidate's own business would identify them — and the SROI contract when it was found through one.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
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
  startedOn: "plaatsing-start", hoursPerWeek: "plaatsing-uren", fullTime: "plaatsing-voltijd", kind: "plaatsing-soort",
  channel: "plaatsing-kanaal", "employer.kvkNumber": "plaatsing-kvk", "employer.name": "plaatsing-werkgever",
  employer: "plaatsing-werkgever", sroiContractId: "plaatsing-contract",
};
const labels = {
  "plaatsing-soort": "Soort plaatsing", "plaatsing-werkgever": "Naam werkgever", "plaatsing-kvk": "KvK-nummer werkgever",
  "plaatsing-start": "Begindatum", "plaatsing-uren": "Uren per week", "plaatsing-voltijd": "Voltijd",
  "plaatsing-kanaal": "Gevonden", "plaatsing-contract": "SROI-contract",
};

export function RecordPlacementForm({ candidateNumber, version, onDone, onCancel }: FormProps) {
  const change = useChange(controls);
  const [f, setF] = useState({ kind: "", employer: "", kvk: "", startedOn: "", hours: "", fullTime: "", channel: "", contract: "" });
  const set = (field: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [field]: e.target.value });
  const selfEmployed = f.kind === "self-employed";
  const errorAt = (id: string) => change.errors.fields[id];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Placements/RecordingPlacement/RecordPlacementEndpoint.cs and PlacementFields.cs, checked before sending.
    const check = new Checks();
    check.chosen("plaatsing-soort", f.kind, "Kies de soort plaatsing.");
    if (!selfEmployed) {
      check.text("plaatsing-werkgever", f.employer, 200);
      if (check.text("plaatsing-kvk", f.kvk, 8) && !/^\d{8}$/.test(f.kvk.trim())) check.fail("plaatsing-kvk", "Een KvK-nummer heeft precies 8 cijfers.");
    }
    check.date("plaatsing-start", f.startedOn);
    check.parsed("plaatsing-uren", hoursProblem(f.hours));
    check.chosen("plaatsing-kanaal", f.channel, "Kies hoe de kandidaat het werk vond.");
    if (f.channel === "sroi") check.chosen("plaatsing-contract", f.contract, "Kies het SROI-contract waaronder de plaatsing is gevonden.");
    if (!check.ok) return change.refuse(check.errors);
    const body: S["RecordPlacementRequest"] = {
      kind: (f.kind || null) as S["PlacementKind"],
      employer: selfEmployed ? null : { kvkNumber: f.kvk.trim(), name: f.employer.trim() },
      startedOn: orNull(f.startedOn) as string,
      hoursPerWeek: hours(f.hours) as number,
      fullTime: f.fullTime === "" ? null : f.fullTime === "ja",
      channel: (f.channel || null) as S["PlacementChannel"],
      sroiContractId: f.channel === "sroi" ? orNull(f.contract) : null,
    };
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/placements", {
      params: { path: { candidateNumber }, header: changeHeaders(key, version) }, body,
    })));
    if (done) onDone("Plaatsing geregistreerd.");
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="plaatsing-kop" className="sroi-form">
      <Heading2 id="plaatsing-kop">Plaatsing registreren</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="plaatsing-soort" label="Soort plaatsing" error={errorAt("plaatsing-soort")}>
        <Select required value={f.kind} onChange={set("kind")}>
          <SelectOption value="">Kies een soort</SelectOption>
          {keys(placementKinds).map((k) => <SelectOption key={k} value={k}>{placementKinds[k]}</SelectOption>)}
        </Select>
      </Field>
      {!selfEmployed && (
        <>
          <Field id="plaatsing-werkgever" label="Naam werkgever" error={errorAt("plaatsing-werkgever")}>
            <Textbox autoComplete="off" required value={f.employer} onChange={set("employer")} />
          </Field>
          <Field id="plaatsing-kvk" label="KvK-nummer werkgever" description="Acht cijfers." error={errorAt("plaatsing-kvk")}>
            <Textbox autoComplete="off" inputMode="numeric" required value={f.kvk} onChange={set("kvk")} />
          </Field>
        </>
      )}
      <Field id="plaatsing-start" label="Begindatum" error={errorAt("plaatsing-start")}>
        <Textbox type="date" required value={f.startedOn} onChange={set("startedOn")} />
      </Field>
      <Field id="plaatsing-uren" label="Uren per week" description="Bijvoorbeeld 32 of 24,5." error={errorAt("plaatsing-uren")}>
        <Textbox autoComplete="off" inputMode="decimal" required value={f.hours} onChange={set("hours")} />
      </Field>
      <Field id="plaatsing-voltijd" label="Voltijd" error={errorAt("plaatsing-voltijd")}>
        <Select value={f.fullTime} onChange={set("fullTime")}>
          <SelectOption value="">Volgens de uren (voltijd vanaf 36 uur)</SelectOption>
          <SelectOption value="ja">Ja</SelectOption>
          <SelectOption value="nee">Nee</SelectOption>
        </Select>
      </Field>
      <Field id="plaatsing-kanaal" label="Gevonden" description="Hoe de kandidaat het werk vond." error={errorAt("plaatsing-kanaal")}>
        <Select required value={f.channel} onChange={set("channel")}>
          <SelectOption value="">Kies hoe</SelectOption>
          {keys(placementChannels).map((c) => <SelectOption key={c} value={c}>{placementChannels[c]}</SelectOption>)}
        </Select>
      </Field>
      {f.channel === "sroi" && (
        <Field id="plaatsing-contract" label="SROI-contract" error={errorAt("plaatsing-contract")}>
          <SroiContractChoice value={f.contract} onChange={(contract) => setF({ ...f, contract })} />
        </Field>
      )}
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Plaatsing vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
