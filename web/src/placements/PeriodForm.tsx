// The period chooser: a year, a quarter, a half-year or two dates. Applied with "Periode tonen" into the URL, so the
// choice can be shared and the back button restores the one before. Drawn anew from the URL (keyed by the page).
import { useState, type FormEvent } from "react";
import {
  Button, FormField, FormFieldErrorMessage, FormLabel, Select, SelectOption, Textbox,
} from "@utrecht/component-library-react";
import type { Period, PeriodKind } from "./period";
import { dateProblem, dateRange } from "../url/urlState";

const kinds: Record<PeriodKind, string> = { jaar: "Jaar", kwartaal: "Kwartaal", halfjaar: "Halfjaar", "van-tot": "Van datum tot datum" };

export function PeriodForm({ period, onChoose }: { period: Period; onChoose: (period: Period) => void }) {
  const [kind, setKind] = useState<PeriodKind>(period.kind);
  const [year, setYear] = useState(String("year" in period ? period.year : new Date().getFullYear()));
  const [part, setPart] = useState(String(period.kind === "kwartaal" ? period.quarter : period.kind === "halfjaar" ? period.half : 1));
  const [from, setFrom] = useState(period.kind === "van-tot" ? period.from : "");
  const [to, setTo] = useState(period.kind === "van-tot" ? period.to : "");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === "van-tot") {
      if (!from || !to || from > to) return setError("Kies een begindatum en een einddatum die niet eerder is.");
      if (dateProblem(from) || dateProblem(to)) return setError(`Kies data ${dateRange}.`);
      setError(null);
      return onChoose({ kind, from, to });
    }
    const y = Number(year.trim());
    if (!/^\d{4}$/.test(year.trim()) || y < 2000 || y > 2100) return setError("Een jaar van 2000 tot en met 2100.");
    setError(null);
    if (kind === "jaar") onChoose({ kind, year: y });
    else if (kind === "kwartaal") onChoose({ kind, year: y, quarter: Number(part) as 1 | 2 | 3 | 4 });
    else onChoose({ kind, year: y, half: Math.min(2, Number(part)) as 1 | 2 });
  };

  return (
    <form className="sroi-filters" aria-label="Periode kiezen" onSubmit={submit} noValidate>
      <FormField>
        <FormLabel htmlFor="periode-soort">Periode</FormLabel>
        <Select id="periode-soort" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
          {(Object.keys(kinds) as PeriodKind[]).map((k) => <SelectOption key={k} value={k}>{kinds[k]}</SelectOption>)}
        </Select>
      </FormField>
      {kind !== "van-tot" && (
        <FormField invalid={Boolean(error)}>
          <FormLabel htmlFor="periode-jaar">Jaar</FormLabel>
          {error && <FormFieldErrorMessage id="periode-fout">{error}</FormFieldErrorMessage>}
          <Textbox id="periode-jaar" inputMode="numeric" autoComplete="off" size={6} value={year} invalid={Boolean(error)}
            aria-describedby={error ? "periode-fout" : undefined} onChange={(e) => setYear(e.target.value)} />
        </FormField>
      )}
      {kind === "kwartaal" && (
        <FormField>
          <FormLabel htmlFor="periode-kwartaal">Kwartaal</FormLabel>
          <Select id="periode-kwartaal" value={part} onChange={(e) => setPart(e.target.value)}>
            {[1, 2, 3, 4].map((q) => <SelectOption key={q} value={String(q)}>{`${q}e kwartaal`}</SelectOption>)}
          </Select>
        </FormField>
      )}
      {kind === "halfjaar" && (
        <FormField>
          <FormLabel htmlFor="periode-halfjaar">Halfjaar</FormLabel>
          <Select id="periode-halfjaar" value={part === "2" ? "2" : "1"} onChange={(e) => setPart(e.target.value)}>
            <SelectOption value="1">1e halfjaar (januari–juni)</SelectOption>
            <SelectOption value="2">2e halfjaar (juli–december)</SelectOption>
          </Select>
        </FormField>
      )}
      {kind === "van-tot" && (
        <>
          <FormField invalid={Boolean(error)}>
            <FormLabel htmlFor="periode-van">Van</FormLabel>
            {error && <FormFieldErrorMessage id="periode-fout">{error}</FormFieldErrorMessage>}
            <Textbox id="periode-van" type="date" value={from} invalid={Boolean(error)}
              aria-describedby={error ? "periode-fout" : undefined} onChange={(e) => setFrom(e.target.value)} />
          </FormField>
          <FormField>
            <FormLabel htmlFor="periode-tot">Tot en met</FormLabel>
            <Textbox id="periode-tot" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </FormField>
        </>
      )}
      <Button type="submit" appearance="primary-action-button">Periode tonen</Button>
    </form>
  );
}
