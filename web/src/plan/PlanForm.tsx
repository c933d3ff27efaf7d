// The contractor's (or procurement's) form to submit a revision of the plan of approach: every line of the plan —
// kind, building block where the kind has them, period within the contract's term, amount in the kind's unit. The
// amounts are sent as the exact decimal text typed (no float on the way); the service's 400 and 422 land at the lines.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Heading3, Paragraph, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { Checks } from "../forms/checks";
import { parseDutchAmount } from "../forms/dutchAmount";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { dutchRules } from "../forms/fieldErrors";
import { SaveButton } from "../forms/SaveButton";
import { useChange } from "../forms/useChange";
import { date } from "../format/dutch";
import { kindLabels } from "../contract/labels";
import { blockLabels, blocksOf, unitLabels, unitOf, type Block, type Kind } from "./labels";

dutchRules({
  "plan.no-lines": "Een plan heeft ten minste één regel.",
  "plan.amount-not-positive": "Vul een aantal of bedrag groter dan 0 in.",
  "plan.amount-not-whole": "Personen tellen in hele aantallen.",
  "plan.block-not-of-kind": "Deze bouwsteen hoort niet bij deze soort.",
  "plan.ends-before-start": "De periode eindigt vóór het begin.",
  "plan.outside-contract-term": "De periode valt buiten de looptijd van het contract.",
  "plan.lines-overlap": "Twee regels van dezelfde soort en bouwsteen overlappen in tijd.",
  "plan.no-obligation": "Dit contract heeft geen SROI-verplichting en dus geen plan van aanpak.",
});

const kinds: readonly Kind[] = ["employment", "internship", "bbl", "work-experience", "social-procurement", "training", "social-activity"];

interface Line { kind: Kind | ""; block: Block | ""; from: string; to: string; amount: string }

const empty = (): Line => ({ kind: "", block: "", from: "", to: "", amount: "" });
const id = (i: number, field: string) => `planregel-${i}-${field}`;

interface Props {
  contractId: string;
  version: string;
  term: { startsOn: string; endsOn: string };
  onSubmitted: () => void;
}

export function PlanForm({ contractId, version, term, onSubmitted }: Props) {
  const [lines, setLines] = useState<Line[]>([empty()]);
  // The service's field paths (lines[0].amount) → the controls of this form.
  const controls: Record<string, string> = { lines: id(0, "soort") };
  lines.forEach((_, i) => {
    for (const [path, field] of [["kind", "soort"], ["block", "bouwsteen"], ["from", "van"], ["to", "tot"], ["amount", "aantal"]] as const)
      controls[`lines[${i}].${path}`] = id(i, field);
  });
  const change = useChange<components["schemas"]["PlanResponse"]>(controls);
  const set = (i: number, patch: Partial<Line>) => setLines((all) => all.map((line, n) => (n === i ? { ...line, ...patch } : line)));
  const labels = Object.fromEntries(lines.flatMap((_, i) => [
    [id(i, "soort"), `Regel ${i + 1}: soort`], [id(i, "van"), `Regel ${i + 1}: van`], [id(i, "tot"), `Regel ${i + 1}: tot en met`],
    [id(i, "aantal"), `Regel ${i + 1}: aantal of bedrag`], [id(i, "bouwsteen"), `Regel ${i + 1}: bouwsteen`],
  ]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // What the page can tell itself; the rules over the lines (overlaps, the term) are the service's to say.
    const check = new Checks();
    const texts: string[] = [];
    lines.forEach((line, i) => {
      check.chosen(id(i, "soort"), line.kind, "Kies de soort invulling.");
      check.date(id(i, "van"), line.from);
      check.date(id(i, "tot"), line.to);
      const parsed = parseDutchAmount(line.amount);
      if (parsed.error) check.fail(id(i, "aantal"), parsed.error);
      texts.push(parsed.text ?? "0");
    });
    if (!check.ok) return change.refuse(check.errors);
    // The JSON written by hand so each amount is exactly the text typed.
    const json = `{"lines":[${lines.map((line, i) => [
      `"kind":${JSON.stringify(line.kind)}`, ...(line.block ? [`"block":${JSON.stringify(line.block)}`] : []),
      `"from":${JSON.stringify(line.from)}`, `"to":${JSON.stringify(line.to)}`, `"amount":${texts[i]}`,
    ].join(",")).map((fields) => `{${fields}}`).join(",")}]}`;
    const body = { lines: lines.map((line, i) => ({ kind: line.kind as Kind, ...(line.block ? { block: line.block } : {}), from: line.from, to: line.to, amount: Number(texts[i]) })) };
    const plan = await change.run((key) => send(() => api.PUT("/contracts/{id}/plan", {
      params: { path: { id: contractId }, header: { "Idempotency-Key": key, "If-Match": version } },
      body,
      bodySerializer: () => json,
    })));
    if (plan) {
      setLines([empty()]);
      onSubmitted();
    }
  };

  return (
    <form onSubmit={submit} noValidate className="sroi-form" aria-labelledby="kop-plan-indienen">
      <Heading3 id="kop-plan-indienen">Plan indienen</Heading3>
      <Paragraph>
        Een nieuwe versie vervangt het hele plan; het werkgeversservicepunt keurt haar goed of stuurt haar terug. Periodes
        vallen binnen de looptijd, {date(term.startsOn)} t/m {date(term.endsOn)}.
      </Paragraph>
      <ErrorSummary errors={change.errors} labels={labels} />
      {lines.map((line, i) => (
        <fieldset key={i} className="sroi-plan-line">
          <legend>Regel {i + 1}</legend>
          <Field id={id(i, "soort")} label="Soort" error={change.errors.fields[id(i, "soort")]}>
            <Select value={line.kind} onChange={(e) => set(i, { kind: e.target.value as Kind, block: "" })}>
              <SelectOption value="">Kies…</SelectOption>
              {kinds.map((kind) => <SelectOption key={kind} value={kind}>{kindLabels[kind]}</SelectOption>)}
            </Select>
          </Field>
          {line.kind !== "" && blocksOf[line.kind].length > 0 && (
            <Field id={id(i, "bouwsteen")} label="Bouwsteen" description="Niet verplicht: zonder bouwsteen telt elke bouwsteen van de soort."
              error={change.errors.fields[id(i, "bouwsteen")]}>
              <Select value={line.block} onChange={(e) => set(i, { block: e.target.value as Block | "" })}>
                <SelectOption value="">alle bouwstenen</SelectOption>
                {blocksOf[line.kind].map((block) => <SelectOption key={block} value={block}>{blockLabels[block]}</SelectOption>)}
              </Select>
            </Field>
          )}
          <Field id={id(i, "van")} label="Van" error={change.errors.fields[id(i, "van")]}>
            <Textbox type="date" value={line.from} onChange={(e) => set(i, { from: e.target.value })} />
          </Field>
          <Field id={id(i, "tot")} label="Tot en met" error={change.errors.fields[id(i, "tot")]}>
            <Textbox type="date" value={line.to} onChange={(e) => set(i, { to: e.target.value })} />
          </Field>
          <Field id={id(i, "aantal")} label="Aantal of bedrag" error={change.errors.fields[id(i, "aantal")]}
            description={line.kind === "" ? "Kies eerst de soort." : `In ${unitLabels[unitOf(line.kind)]}${unitOf(line.kind) === "euros" ? ", zoals 20.000,00" : ""}.`}>
            <Textbox inputMode="decimal" autoComplete="off" value={line.amount} onChange={(e) => set(i, { amount: e.target.value })} />
          </Field>
          {lines.length > 1 && (
            <Button appearance="secondary-action-button" type="button" onClick={() => setLines((all) => all.filter((_, n) => n !== i))}>
              Regel {i + 1} verwijderen
            </Button>
          )}
        </fieldset>
      ))}
      <ButtonGroup>
        <Button appearance="secondary-action-button" type="button" onClick={() => setLines((all) => [...all, empty()])}>
          Regel toevoegen
        </Button>
        <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>
          Plan indienen
        </SaveButton>
      </ButtonGroup>
    </form>
  );
}
