// The report form, for a new report and for a correction (the service takes the same body): the kind, that kind's
// fields, beside them the building-block table in force on the report's date explaining what the values are worth,
// and the errors at their fields — the form's own (notation, BSN) before sending, the service's after.
import { useState, type FormEvent } from "react";
import { ButtonGroup, Select, SelectOption } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { noErrors, type FormErrors } from "../forms/fieldErrors";
import { useChange } from "../forms/useChange";
import { kindLabels, kinds, type Kind } from "./kinds";
import { ReportFields } from "./ReportFields";
import { controls, emptyValues, ids, labels, toBody, valuationDate, type ReportBody, type ReportValues } from "./reportValues";
import { inForceOn, TableInForce, type Table } from "./TableInForce";
import "./rules";
import "./reporting.css";
import { SaveButton } from "../forms/SaveButton";

type Fulfilment = components["schemas"]["FulfilmentResponse"];

interface Props {
  initial: ReportValues;
  tables: readonly Table[];
  /** Today in the Netherlands (ISO): the valuation date of a report without one. */
  today: string;
  submitLabel: string;
  save: (body: ReportBody, idempotencyKey: string) => Promise<Fulfilment | undefined>;
  onSaved: (report: Fulfilment) => void;
}

export function ReportForm({ initial, tables, today, submitLabel, save, onSaved }: Props) {
  const [values, setValues] = useState(initial);
  const [own, setOwn] = useState<FormErrors>(noErrors);
  const change = useChange<Fulfilment>(controls);
  const set = (next: Partial<ReportValues>) => setValues((v) => ({ ...v, ...next }));
  const day = valuationDate(values) ?? today;
  const errors = own.general.length + Object.keys(own.fields).length > 0 ? own : change.errors;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, problems } = toBody(values);
    const found: FormErrors = {
      fields: Object.fromEntries(Object.entries(problems).map(([id, dutch]) => [id, { dutch, server: null }])),
      general: [],
    };
    setOwn(found);
    if (Object.keys(found.fields).length > 0) {
      change.clear();
      return;
    }
    const report = await change.run((key) => save(body, key));
    if (report) onSaved(report);
  };

  return (
    <div className="sroi-report">
      <form onSubmit={submit} noValidate className="sroi-report__form">
        <ErrorSummary errors={errors} labels={labels} />
        <Field id={ids.kind} label="Soort" error={errors.fields[ids.kind]} description="Elke soort heeft zijn eigen velden.">
          <Select value={values.kind} onChange={(e) => setValues({ ...emptyValues(e.target.value as Kind), ...keepCommon(values) })}>
            {kinds.map((kind) => <SelectOption key={kind} value={kind}>{kindLabels[kind]}</SelectOption>)}
          </Select>
        </Field>
        <ReportFields values={values} errors={errors} set={set} />
        <ButtonGroup>
          <SaveButton appearance="primary-action-button" type="submit" busy={change.busy}>
            {submitLabel}
          </SaveButton>
        </ButtonGroup>
      </form>
      <TableInForce table={inForceOn(tables, day)} kind={values.kind} day={day} />
    </div>
  );
}

/** Switching between the kinds about a person keeps what they share (candidate, hours, period). */
function keepCommon(v: ReportValues): Partial<ReportValues> {
  return { candidateNumber: v.candidateNumber, hoursPerWeek: v.hoursPerWeek, periodStart: v.periodStart, periodEnd: v.periodEnd };
}
