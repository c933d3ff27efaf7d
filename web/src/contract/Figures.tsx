// A list of labelled figures (<dl>), each with data-veld so the tests find one by the API's field name.
import type { ReactNode } from "react";

export type Figure = [label: string, value: ReactNode, field?: string];

export function Figures({ id, figures }: { id: string; figures: Figure[] }) {
  return (
    <dl id={id} className="sroi-figures">
      {figures.map(([label, value, field]) => (
        <div key={label} data-veld={field}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
