// What the candidate (mostly a school leaver) does by day, from a date on.
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
import { keys } from "../labels";
import { dayActivities } from "./factLabels";

type Activity = components["schemas"]["DayActivity"];
const labels = { "dagbesteding-nieuw": "Dagbesteding", "dagbesteding-per": "Ingangsdatum" };

export function DayActivityForm({ candidateNumber, version, onDone, onCancel }: FormProps) {
  const change = useChange({ activity: "dagbesteding-nieuw", effectiveOn: "dagbesteding-per" });
  const [activity, setActivity] = useState("");
  const [effectiveOn, setEffectiveOn] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Candidates/DayActivities/RecordDayActivityEndpoint.cs: the activity and the date required.
    const check = new Checks();
    check.chosen("dagbesteding-nieuw", activity, "Kies wat de kandidaat overdag doet.");
    check.date("dagbesteding-per", effectiveOn);
    if (!check.ok) return change.refuse(check.errors);
    const done = await change.run((key) => send(() => api.POST("/candidates/{candidateNumber}/day-activities", {
      params: { path: { candidateNumber }, header: changeHeaders(key, version) },
      body: { activity: (activity || null) as Activity, effectiveOn: orNull(effectiveOn) as string },
    })));
    if (done) onDone(`Dagbesteding vastgelegd: ${dayActivities[activity as Activity]}.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="dagbesteding-kop" className="sroi-form">
      <Heading2 id="dagbesteding-kop">Dagbesteding vastleggen</Heading2>
      <ErrorSummary errors={change.errors} labels={labels} />
      <Field id="dagbesteding-nieuw" label="Dagbesteding" error={change.errors.fields["dagbesteding-nieuw"]}>
        <Select required value={activity} onChange={(e) => setActivity(e.target.value)}>
          <SelectOption value="">Kies wat de kandidaat overdag doet</SelectOption>
          {keys(dayActivities).map((a) => <SelectOption key={a} value={a}>{dayActivities[a]}</SelectOption>)}
        </Select>
      </Field>
      <Field id="dagbesteding-per" label="Ingangsdatum" error={change.errors.fields["dagbesteding-per"]}>
        <Textbox type="date" required value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
      </Field>
      <ButtonGroup>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>Dagbesteding vastleggen</SaveButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>Annuleren</Button>
      </ButtonGroup>
    </form>
  );
}
