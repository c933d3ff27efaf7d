// The act the candidate's municipal benefit falls under changes (Participatiewet, IOAW, IOAZ), from a date.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import type { components } from "../../api/ledger";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { Checks } from "../../forms/checks";
import { SaveButton } from "../../forms/SaveButton";
import { changeHeaders, orNull, type FormProps } from "../changeHeaders";
import { benefitActs, keys } from "../labels";

type Act = components["schemas"]["BenefitAct"];
const labels = { "wet-nieuw": "Wet van de uitkering", "wet-per": "Ingangsdatum" };

export function BenefitActForm({ candidateNumber, version, current, onDone, onCancel }: FormProps & { current: Act }) {
  const change = useChange({ benefitAct: "wet-nieuw", effectiveOn: "wet-per" });
  const [act, setAct] = useState("");
  const [effectiveOn, setEffectiveOn] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Candidates/ChangingBenefitAct/ChangeBenefitActEndpoint.cs: the act and the date required.
    const check = new Checks();
    check.chosen("wet-nieuw", act, "Kies de wet van de uitkering.");
    check.date("wet-per", effectiveOn);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/benefit-act", {
      params: { path: { candidateNumber }, header: changeHeaders(key, version) },
      body: { benefitAct: (act || null) as Act, effectiveOn: orNull(effectiveOn) as string },
    })));
    if (done) onDone(`Wet van de uitkering gewijzigd naar ${benefitActs[act as Act]}.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="wet-kop" className="sroi-form">
      <Heading2 id="wet-kop">Wet van de uitkering wijzigen</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="wet-nieuw" label="Wet van de uitkering" description={`Nu ${benefitActs[current]}.`} error={change.errors.fields["wet-nieuw"]}>
        <Select required value={act} onChange={(e) => setAct(e.target.value)}>
          <SelectOption value="">Kies een wet</SelectOption>
          {keys(benefitActs).map((a) => <SelectOption key={a} value={a}>{benefitActs[a]}</SelectOption>)}
        </Select>
      </Field>
      <Field id="wet-per" label="Ingangsdatum" error={change.errors.fields["wet-per"]}>
        <Textbox type="date" required value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Wet vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
