// The list's search and filters. Choices in a list apply at once; what is typed applies with "Zoek" (or Enter). Drawn
// anew from the URL whenever it changes (the page keys it on the URL), so the back button shows the earlier choices.
import { useState, type FormEvent } from "react";
import {
  Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Select, SelectOption, Textbox,
} from "@utrecht/component-library-react";
import {
  categories, categoryLabels, sortLabels, sorts, statusLabels, statuses,
  type Category, type ListState, type Sort, type StatusFilter,
} from "./listQuery";

interface Props {
  state: ListState;
  chooseMunicipality: boolean;
  onChange: (next: ListState) => void;
}

export function ContractFilters({ state, chooseMunicipality, onChange }: Props) {
  const [q, setQ] = useState(state.q);
  const [year, setYear] = useState(state.awardYear === null ? "" : String(state.awardYear));
  const [municipality, setMunicipality] = useState(state.municipality ?? "");
  const [errors, setErrors] = useState<{ q?: string; year?: string; municipality?: string }>({});

  // A new filter starts at the first page.
  const apply = (change: Partial<ListState>) => onChange({ ...state, ...change, page: 1 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    const text = q.trim();
    if (text.length === 1 || text.length > 100) found.q = "Zoek op 2 tot 100 tekens.";
    const y = year.trim();
    if (y && !(/^\d{4}$/.test(y) && Number(y) >= 2000 && Number(y) <= 2100)) found.year = "Een jaar van 2000 tot en met 2100.";
    const m = municipality.trim().toUpperCase();
    if (m && !/^GM\d{4}$/.test(m)) found.municipality = "Een CBS-gemeentecode: GM en vier cijfers, zoals GM0603.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    apply({ q: text, awardYear: y ? Number(y) : null, municipality: m || null });
  };

  return (
    <form className="sroi-filters" role="search" aria-label="Filters" onSubmit={submit} noValidate>
      <FormField className="sroi-filters__search" invalid={Boolean(errors.q)}>
        <FormLabel htmlFor="zoeken">Zoeken</FormLabel>
        <FormFieldDescription id="zoeken-uitleg">Op kenmerk, titel of opdrachtnemer (naam of KvK-nummer).</FormFieldDescription>
        {errors.q && <FormFieldErrorMessage id="zoeken-fout">{errors.q}</FormFieldErrorMessage>}
        <div className="sroi-filters__row">
          <Textbox id="zoeken" name="zoeken" type="search" value={q} invalid={Boolean(errors.q)}
            aria-describedby={errors.q ? "zoeken-uitleg zoeken-fout" : "zoeken-uitleg"} onChange={(e) => setQ(e.target.value)} />
          <Button type="submit" appearance="primary-action-button">Zoek</Button>
        </div>
      </FormField>
      <FormField>
        <FormLabel htmlFor="status">Status</FormLabel>
        <Select id="status" name="status" value={state.status ?? ""}
          onChange={(e) => apply({ status: (e.target.value || null) as StatusFilter | null })}>
          <SelectOption value="">Alle statussen</SelectOption>
          {statuses.map((s) => <SelectOption key={s} value={s}>{statusLabels[s]}</SelectOption>)}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="categorie">Categorie</FormLabel>
        <Select id="categorie" name="categorie" value={state.category ?? ""}
          onChange={(e) => apply({ category: (e.target.value || null) as Category | null })}>
          <SelectOption value="">Alle categorieën</SelectOption>
          {categories.map((c) => <SelectOption key={c} value={c}>{categoryLabels[c]}</SelectOption>)}
        </Select>
      </FormField>
      <FormField invalid={Boolean(errors.year)}>
        <FormLabel htmlFor="jaar">Gunningsjaar</FormLabel>
        {errors.year && <FormFieldErrorMessage id="jaar-fout">{errors.year}</FormFieldErrorMessage>}
        <Textbox id="jaar" name="jaar" inputMode="numeric" autoComplete="off" size={6} value={year} invalid={Boolean(errors.year)}
          aria-describedby={errors.year ? "jaar-fout" : undefined} onChange={(e) => setYear(e.target.value)} />
      </FormField>
      {chooseMunicipality && (
        <FormField invalid={Boolean(errors.municipality)}>
          <FormLabel htmlFor="gemeente">Gemeente (CBS-code)</FormLabel>
          {errors.municipality && <FormFieldErrorMessage id="gemeente-fout">{errors.municipality}</FormFieldErrorMessage>}
          <Textbox id="gemeente" name="gemeente" autoComplete="off" size={8} value={municipality} invalid={Boolean(errors.municipality)}
            aria-describedby={errors.municipality ? "gemeente-fout" : undefined} onChange={(e) => setMunicipality(e.target.value)} />
        </FormField>
      )}
      <FormField>
        <FormLabel htmlFor="sortering">Sorteren</FormLabel>
        <Select id="sortering" name="sortering" value={state.sort} onChange={(e) => apply({ sort: e.target.value as Sort })}>
          {sorts.map((s) => <SelectOption key={s} value={s}>{sortLabels[s]}</SelectOption>)}
        </Select>
      </FormField>
    </form>
  );
}
