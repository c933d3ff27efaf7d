// One kind of work or all of it; a choice applies at once (and is a history entry, so the back button undoes it).
import { FormField, FormLabel, Select, SelectOption } from "@utrecht/component-library-react";
import { kindLabels, kinds, type Kind } from "./worklistQuery";

export function KindFilter({ kind, onChange }: { kind: Kind | null; onChange: (kind: Kind | null) => void }) {
  return (
    <form className="sroi-filters" role="search" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
      <FormField>
        <FormLabel htmlFor="soort">Soort werk</FormLabel>
        <Select id="soort" name="soort" value={kind ?? ""} onChange={(e) => onChange((e.target.value || null) as Kind | null)}>
          <SelectOption value="">Alles</SelectOption>
          {kinds.map((k) => <SelectOption key={k} value={k}>{kindLabels[k]}</SelectOption>)}
        </Select>
      </FormField>
    </form>
  );
}
