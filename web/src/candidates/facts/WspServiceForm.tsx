// From a date the WSP guides the candidate towards work, or no longer does (what the WSP's caseload counts).
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading2, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../../api/client";
import { ChoiceField } from "../../forms/ChoiceField";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { Field } from "../../forms/Field";
import { useChange } from "../../forms/useChange";
import { Checks } from "../../forms/checks";
import { SaveButton } from "../../forms/SaveButton";
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
    // Candidates/ChangingWspService/ChangeWspServiceEndpoint.cs: served (yes or no) and the date required.
    const check = new Checks();
    check.chosen("begeleiding-nieuw", choice, "Kies of het WSP de kandidaat begeleidt.");
    check.date("begeleiding-per", effectiveOn);
    if (!check.ok) return change.refuse(check.errors);
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
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Begeleiding vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
