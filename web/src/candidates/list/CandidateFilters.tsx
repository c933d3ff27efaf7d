// The list's search and filters. Choices apply at once; the number applies with "Zoek" (or Enter). Drawn anew from the
// URL whenever it changes (the page keys it on the URL), so the back button shows the earlier choices.
import { useState, type FormEvent } from "react";
import {
  Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Select, SelectOption, Textbox,
} from "@utrecht/component-library-react";
import { benefitActs, treden, tredeNames } from "../labels";
import { looksLikeBsn } from "../candidateNumber";
import { acts, type Act, type ListState } from "./listQuery";

interface Props {
  state: ListState;
  chooseMunicipality: boolean;
  onChange: (next: ListState) => void;
}

export function CandidateFilters({ state, chooseMunicipality, onChange }: Props) {
  const [q, setQ] = useState(state.q);
  const [municipality, setMunicipality] = useState(state.municipality ?? "");
  const [errors, setErrors] = useState<{ q?: string; municipality?: string }>({});

  // A new filter starts at the first page.
  const apply = (change: Partial<ListState>) => onChange({ ...state, ...change, page: 1 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    const text = q.trim();
    if (text && !/^[A-Za-z0-9-]{1,20}$/.test(text)) found.q = "Het begin van een kandidaatnummer: ten hoogste 20 letters, cijfers of streepjes.";
    // A BSN typed by mistake never reaches a URL or the service's logs.
    else if (text && looksLikeBsn(text)) found.q = "Dit lijkt op een BSN. Zoek op het kandidaatnummer dat het WSP uitgaf.";
    const m = municipality.trim().toUpperCase();
    if (m && !/^GM\d{4}$/.test(m)) found.municipality = "Een CBS-gemeentecode: GM en vier cijfers, zoals GM0603.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    apply({ q: text, municipality: m || null });
  };

  return (
    <form className="sroi-filters" role="search" aria-label="Kandidaten zoeken en filteren" onSubmit={submit} noValidate>
      <FormField className="sroi-filters__search" invalid={Boolean(errors.q)}>
        <FormLabel htmlFor="zoeken">Zoeken</FormLabel>
        <FormFieldDescription id="zoeken-uitleg">Op het begin van het kandidaatnummer, zoals K-1002.</FormFieldDescription>
        {errors.q && <FormFieldErrorMessage id="zoeken-fout">{errors.q}</FormFieldErrorMessage>}
        <div className="sroi-filters__row">
          <Textbox id="zoeken" name="zoeken" type="search" autoComplete="off" value={q} invalid={Boolean(errors.q)}
            aria-describedby={errors.q ? "zoeken-uitleg zoeken-fout" : "zoeken-uitleg"} onChange={(e) => setQ(e.target.value)} />
          <Button type="submit" appearance="primary-action-button">Zoek</Button>
        </div>
      </FormField>
      <FormField>
        <FormLabel htmlFor="filter-trede">Trede</FormLabel>
        <Select id="filter-trede" name="trede" value={state.trede === null ? "" : String(state.trede)}
          onChange={(e) => apply({ trede: e.target.value ? Number(e.target.value) : null })}>
          <SelectOption value="">Alle treden</SelectOption>
          {treden.map((t) => <SelectOption key={t} value={String(t)}>{tredeNames[t]}</SelectOption>)}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="filter-wet">Wet van de uitkering</FormLabel>
        <Select id="filter-wet" name="wet" value={state.act ?? ""} onChange={(e) => apply({ act: (e.target.value || null) as Act | null })}>
          <SelectOption value="">Alle kandidaten</SelectOption>
          {acts.map((a) => <SelectOption key={a} value={a}>{benefitActs[a]}</SelectOption>)}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="filter-begeleid">Begeleid door het WSP</FormLabel>
        <Select id="filter-begeleid" name="begeleid" value={state.served === null ? "" : state.served ? "ja" : "nee"}
          onChange={(e) => apply({ served: e.target.value === "" ? null : e.target.value === "ja" })}>
          <SelectOption value="">Alle kandidaten</SelectOption>
          <SelectOption value="ja">Ja, nu begeleid</SelectOption>
          <SelectOption value="nee">Nee, niet meer begeleid</SelectOption>
        </Select>
      </FormField>
      {chooseMunicipality && (
        <FormField invalid={Boolean(errors.municipality)}>
          <FormLabel htmlFor="gemeente">Gemeente (CBS-code)</FormLabel>
          {errors.municipality && <FormFieldErrorMessage id="gemeente-fout">{errors.municipality}</FormFieldErrorMessage>}
          <Textbox id="gemeente" name="gemeente" autoComplete="off" size={8} value={municipality} invalid={Boolean(errors.municipality)}
            aria-describedby={errors.municipality ? "gemeente-fout" : undefined} onChange={(e) => setMunicipality(e.target.value)} />
        </FormField>
      )}
    </form>
  );
}
