// From a date the WSP guides the candidate towards work, or no longer does (what the WSP's caseload counts).
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import { ChoiceField } from "../../forms/ChoiceField";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { changeHeaders, orNull, type FormProps } from "../changeHeaders";

const labels = { "begeleiding-nieuw": "Begeleid door het WSP", "begeleiding-per": "Ingangsdatum" };
const options = [
  { value: "ja", label: "Ja, het WSP begeleidt de kandidaat naar werk" },
  { value: "nee", label: "Nee, het WSP begeleidt de kandidaat niet meer" },
] as const;

export function WspServiceForm({ candidateNumber, version, served, onDone, onCancel }: FormProps & { served: boolean }) {
  const change = useChange({ served: "begeleiding-nieuw", effectiveOn: "begeleiding-per" });
  // The change people make: the other of what holds now.
  const [choice, setChoice] = useState<"ja" | "nee" | null>(served ? "nee" : "ja");
  const [effectiveOn, setEffectiveOn] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/wsp-service", {
      params: { path: { candidateNumber }, header: changeHeaders(key, version) },
      body: { served: (choice === null ? null : choice === "ja") as boolean, effectiveOn: orNull(effectiveOn) as string },
    })));
    if (done) onDone(choice === "ja" ? "Vastgelegd: het WSP begeleidt de kandidaat." : "Vastgelegd: het WSP begeleidt de kandidaat niet meer.");
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="begeleiding-kop" className="sroi-form">
      <Heading2 id="begeleiding-kop">Begeleiding door het WSP wijzigen</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <ChoiceField id="begeleiding-nieuw" legend="Begeleid door het WSP" description={`Nu ${served ? "wel" : "niet"} begeleid.`}
        error={change.errors.fields["begeleiding-nieuw"]} options={options} value={choice} onChange={setChoice} />
      <Field id="begeleiding-per" label="Ingangsdatum" error={change.errors.fields["begeleiding-per"]}>
        <Textbox type="date" required value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
      </Field>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={change.busy} disabled={change.busy}>Begeleiding vastleggen</Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
