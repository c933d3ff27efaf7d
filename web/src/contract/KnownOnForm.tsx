// "Zoals bekend op": a date picker that puts the chosen day in the URL (?bekendOp=), so the page — and a shared link —
// shows everything as the ledger knew it at the end of that day; "Vandaag" goes back to the ledger as it is now.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Textbox } from "@utrecht/component-library-react";
import { Field } from "../forms/Field";
import { dateProblem, dateRange } from "../url/urlState";

interface Props {
  /** The date shown (yyyy-mm-dd), or "" for now. */
  date: string;
  error: string | null;
  onChoose: (date: string | null) => void;
}

export function KnownOnForm({ date, error, onChoose }: Props) {
  const [value, setValue] = useState(date);
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === "") return onChoose(null);
    if (dateProblem(value)) return setInvalid(`Kies een datum ${dateRange}, bijvoorbeeld 01-03-2026.`);
    setInvalid(null);
    onChoose(value);
  };
  const shown = invalid ?? error;
  return (
    <form onSubmit={submit} noValidate className="sroi-known-on">
      <Field id="bekend-op" label="Zoals bekend op" description="Toont het contract zoals het grootboek het aan het eind van die dag kende."
        error={shown ? { dutch: shown, server: null } : undefined}>
        <Textbox type="date" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button">Toon</Button>
        {date !== "" && (
          <Button type="button" appearance="subtle-button" onClick={() => onChoose(null)}>Vandaag</Button>
        )}
      </ButtonGroup>
    </form>
  );
}
