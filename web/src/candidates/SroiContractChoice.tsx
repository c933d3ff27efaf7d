// The SROI contract a placement was found under: chosen from the municipality's contracts (GET /contracts), by reference
// and title, so nobody types an id.
import { Select, SelectOption } from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import { useAnswer } from "../shell/useAnswer";

interface Props {
  id?: string;
  value: string;
  onChange: (id: string) => void;
  invalid?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

export function SroiContractChoice({ value, onChange, ...control }: Props) {
  const contracts = useAnswer((signal) => read(() => api.GET("/contracts", { params: { query: { pageSize: 100, sort: "reference" } }, signal })), []);
  return (
    <Select {...control} required value={value} onChange={(e) => onChange(e.target.value)}>
      <SelectOption value="">
        {contracts.loading ? "Contracten worden opgehaald…" : contracts.error ? `Geen contracten: ${contracts.error.message}` : "Kies een contract"}
      </SelectOption>
      {contracts.data?.items.map((c) => (
        <SelectOption key={c.id} value={c.id}>
          {c.reference} — {c.title}
        </SelectOption>
      ))}
    </Select>
  );
}
