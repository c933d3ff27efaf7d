// The controls of one kind of report. Only the chosen kind's fields are drawn (and sent): the service refuses a field
// of another kind.
import { Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { CheckboxField } from "../forms/CheckboxField";
import { Field } from "../forms/Field";
import type { FormErrors } from "../forms/fieldErrors";
import {
  internshipLevels, isPersonKind, recognitionLabels, targetGroupLabels, type Recognition, type TargetGroup,
} from "./kinds";
import { ids, type ReportValues } from "./reportValues";

interface Props {
  values: ReportValues;
  errors: FormErrors;
  set: (change: Partial<ReportValues>) => void;
}

const amountHelp = "In euro's, zoals 1.234,56; ten hoogste twee cijfers achter de komma.";

export function ReportFields({ values: v, errors, set }: Props) {
  const error = (key: keyof typeof ids) => errors.fields[ids[key]];
  const text = (key: keyof ReportValues) => ({
    value: v[key] as string,
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value } as Partial<ReportValues>),
  });
  return (
    <>
      {isPersonKind(v.kind) && (
        <>
          <Field id={ids.candidateNumber} label="Kandidaatnummer (optioneel)" error={error("candidateNumber")}
            description="Het nummer dat de WSP aan de kandidaat gaf; nooit een BSN. Zonder nummer telt het maximum per kandidaat alleen binnen deze rapportage.">
            <Textbox autoComplete="off" spellCheck={false} {...text("candidateNumber")} />
          </Field>
          {v.kind === "employment" && (
            <Field id={ids.targetGroup} label="Doelgroep" error={error("targetGroup")}>
              <Select {...text("targetGroup")}>
                <SelectOption value="">Kies de doelgroep</SelectOption>
                {(Object.keys(targetGroupLabels) as TargetGroup[]).map((g) => <SelectOption key={g} value={g}>{targetGroupLabels[g]}</SelectOption>)}
              </Select>
            </Field>
          )}
          {v.kind === "internship" && (
            <Field id={ids.level} label="Niveau van de stage" error={error("level")}>
              <Select {...text("level")}>
                <SelectOption value="">Kies het niveau</SelectOption>
                {Object.entries(internshipLevels).map(([value, label]) => <SelectOption key={value} value={value}>{label}</SelectOption>)}
              </Select>
            </Field>
          )}
          {v.kind === "bbl" && (
            <Field id={ids.level} label="Mbo-niveau" error={error("level")}>
              <Select {...text("level")}>
                <SelectOption value="">Kies het niveau</SelectOption>
                {["1", "2", "3", "4"].map((level) => <SelectOption key={level} value={level}>Niveau {level}</SelectOption>)}
              </Select>
            </Field>
          )}
          <Field id={ids.hoursPerWeek} label="Uren per week" error={error("hoursPerWeek")}
            description="Zoals 32 of 32,5; meer dan 0 en ten hoogste 60.">
            <Textbox inputMode="decimal" autoComplete="off" size={6} {...text("hoursPerWeek")} />
          </Field>
          <Field id={ids.periodStart} label="Periode van" error={error("periodStart")}>
            <Textbox type="date" {...text("periodStart")} />
          </Field>
          <Field id={ids.periodEnd} label="Periode tot en met" error={error("periodEnd")}
            description="Niet na vandaag: u rapporteert wat gedaan is.">
            <Textbox type="date" {...text("periodEnd")} />
          </Field>
          {(v.kind === "employment" || v.kind === "bbl") && (
            <>
              <CheckboxField id={ids.age55Plus} label="De kandidaat is 55 jaar of ouder" checked={v.age55Plus}
                onChange={(age55Plus) => set({ age55Plus })} error={error("age55Plus")} />
              <CheckboxField id={ids.workLimitation} label="De kandidaat heeft een arbeidsbeperking" checked={v.workLimitation}
                onChange={(workLimitation) => set({ workLimitation })} error={error("workLimitation")} />
            </>
          )}
          {v.kind === "employment" && (
            <CheckboxField id={ids.hiredAfterVsoInternship} label="In dienst genomen na een stage in het vso of praktijkonderwijs"
              checked={v.hiredAfterVsoInternship} onChange={(hiredAfterVsoInternship) => set({ hiredAfterVsoInternship })}
              error={error("hiredAfterVsoInternship")} />
          )}
        </>
      )}
      {v.kind === "social-procurement" && (
        <>
          <Field id={ids.supplierKvk} label="KvK-nummer van de leverancier" error={error("supplierKvk")} description="8 cijfers.">
            <Textbox inputMode="numeric" autoComplete="off" size={10} {...text("supplierKvk")} />
          </Field>
          <Field id={ids.supplierName} label="Naam van de leverancier" error={error("supplierName")}>
            <Textbox autoComplete="off" {...text("supplierName")} />
          </Field>
          <Field id={ids.supplierRecognition} label="Erkenning van de leverancier" error={error("supplierRecognition")}>
            <Select {...text("supplierRecognition")}>
              <SelectOption value="">Kies de erkenning</SelectOption>
              {(Object.keys(recognitionLabels) as Recognition[]).map((r) => <SelectOption key={r} value={r}>{recognitionLabels[r]}</SelectOption>)}
            </Select>
          </Field>
          <Field id={ids.invoiceNumber} label="Factuurnummer" error={error("invoiceNumber")}>
            <Textbox autoComplete="off" {...text("invoiceNumber")} />
          </Field>
          <Field id={ids.invoiceDate} label="Factuurdatum" error={error("invoiceDate")}>
            <Textbox type="date" {...text("invoiceDate")} />
          </Field>
          <Field id={ids.amountExclVat} label="Bedrag exclusief btw" error={error("amountExclVat")} description={amountHelp}>
            <Textbox inputMode="decimal" autoComplete="off" size={14} {...text("amountExclVat")} />
          </Field>
        </>
      )}
      {(v.kind === "training" || v.kind === "social-activity") && (
        <>
          <Field id={ids.description} label="Omschrijving" error={error("description")}
            description="Wat er is gedaan; geen namen of andere persoonsgegevens.">
            <Textarea {...text("description")} />
          </Field>
          {v.kind === "training" ? (
            <Field id={ids.cost} label="Kosten" error={error("cost")} description={amountHelp}>
              <Textbox inputMode="decimal" autoComplete="off" size={14} {...text("cost")} />
            </Field>
          ) : (
            <Field id={ids.hours} label="Aantal uren" error={error("hours")} description="Zoals 12 of 12,5.">
              <Textbox inputMode="decimal" autoComplete="off" size={8} {...text("hours")} />
            </Field>
          )}
          <Field id={ids.date} label="Datum (optioneel)" error={error("date")}
            description="Leeg: vandaag. De waarde volgt de tabel die op deze datum geldt.">
            <Textbox type="date" {...text("date")} />
          </Field>
        </>
      )}
    </>
  );
}
