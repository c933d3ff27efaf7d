// The labelled choice of municipality for whoever sees several (chosen.ts): by name, applied at once, kept in the URL as
// ?gemeente= (a new history entry, so the back button returns to the choice before).
import { useSearchParams } from "react-router";
import { FormField, FormLabel, FormFieldDescription, Select, SelectOption } from "@utrecht/component-library-react";
import { municipalityParameter } from "./chosen";
import type { Municipality } from "./names";

interface Props {
  /** The service's table (GET /municipalities). */
  municipalities: readonly Municipality[];
  /** Codes that must be offered even where the table has no name (a municipality the data names). */
  alsoCodes?: readonly string[];
  /** When given, only these codes are offered (a contractor: where it has contracts, not all 342). */
  only?: readonly string[] | null;
  chosen: string | null;
  /** The first option's words: all municipalities summed, or none chosen yet. */
  noneLabel: string;
  /** Other query parameters the page drops when the municipality changes (a chosen page, say). */
  reset?: readonly string[];
}

export function MunicipalityChoice({ municipalities: table, alsoCodes = [], only = null, chosen, noneLabel, reset = [] }: Props) {
  const [search, setSearch] = useSearchParams();
  const municipalities = only ? table.filter((m) => only.includes(m.code)) : table;
  const known = new Set(municipalities.map((m) => m.code));
  const extra = [...new Set([...alsoCodes, ...(only ?? []), ...(chosen ? [chosen] : [])])].filter((c) => !known.has(c)).map((c) => ({ code: c, name: c }));
  const options = [...municipalities, ...extra].sort((a, b) => a.name.localeCompare(b.name, "nl"));

  const choose = (code: string) => {
    const next = new URLSearchParams(search);
    if (code) next.set(municipalityParameter, code);
    else next.delete(municipalityParameter);
    reset.forEach((name) => next.delete(name));
    setSearch(next);
  };

  return (
    <FormField className="sroi-municipality">
      <FormLabel htmlFor="gemeente-keuze">Gemeente</FormLabel>
      <FormFieldDescription id="gemeente-keuze-uitleg">De cijfers gaan over de gemeente die u hier kiest.</FormFieldDescription>
      <Select id="gemeente-keuze" name="gemeente" value={chosen ?? ""} aria-describedby="gemeente-keuze-uitleg"
        onChange={(e) => choose(e.target.value)}>
        <SelectOption value="">{noneLabel}</SelectOption>
        {options.map((m) => (
          <SelectOption key={m.code} value={m.code}>{m.name}</SelectOption>
        ))}
      </Select>
    </FormField>
  );
}
