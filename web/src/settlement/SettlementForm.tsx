// The settlement form: the outcome, the amount for a penalty or buy-off (typed the Dutch way, sent as the exact decimal
// text), the reason (required for a waiver). Sent once per attempt with an Idempotency-Key and the contract's version as
// If-Match; the service's 400 and 422 land at the fields; on success back to the contract page, which says what was done.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ButtonGroup, Heading2, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { ChoiceField } from "../forms/ChoiceField";
import { parseDutchAmount } from "../forms/dutchAmount";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { noErrors, type FormErrors } from "../forms/fieldErrors";
import { useChange } from "../forms/useChange";
import { confirmed } from "../shell/Confirmation";
import { euro } from "../format/dutch";
import { outcomeExplanations, outcomeLabels, withAmount, type Outcome } from "./labels";
import { SaveButton } from "../forms/SaveButton";

type Contract = components["schemas"]["ContractResponse"];
type Balance = components["schemas"]["BalanceResponse"];
type Settlement = components["schemas"]["SettlementResponse"];

const outcomes: readonly Outcome[] = ["met", "penalty", "buy-off", "waived"];
const labels = { uitkomst: "Uitkomst", bedrag: "Bedrag", reden: "Reden" };

/**
 * The request's JSON with the amount written as the text the person typed (normalised: "1234.56"), not as a JS number:
 * what is sent is exactly what was read, whatever its size. The amount's text is digits and at most one point.
 */
function exactJson(outcome: Outcome, amount: string | null, reason: string): string {
  const fields = [`"outcome":${JSON.stringify(outcome)}`];
  if (amount !== null) fields.push(`"amount":${amount}`);
  if (reason) fields.push(`"reason":${JSON.stringify(reason)}`);
  return `{${fields.join(",")}}`;
}

export function SettlementForm({ contract, balance }: { contract: Contract; balance: Balance }) {
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome | null>(balance.remaining === 0 ? "met" : null);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState<FormErrors>(noErrors);
  const change = useChange<Settlement>({ outcome: "uitkomst", amount: "bedrag", reason: "reden" });
  const errors = typed === noErrors ? change.errors : typed;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    change.clear();
    // What the page can tell before asking: no outcome, or an amount that is not one. The rest is the service's to say.
    const found: FormErrors = { fields: {}, general: [] };
    if (!outcome) found.fields.uitkomst = { dutch: "Kies hoe de verplichting is afgerekend.", server: null };
    const parsed = withAmount(outcome) ? parseDutchAmount(amount) : null;
    if (parsed?.error) found.fields.bedrag = { dutch: parsed.error, server: null };
    else if (parsed?.text !== undefined && Number(parsed.text) <= 0) found.fields.bedrag = { dutch: "Vul een bedrag groter dan € 0 in.", server: null };
    // The reason: required for a waiver, at most 1000 characters (Contracts/SettlingObligation/SettleObligationEndpoint.cs).
    if (outcome === "waived" && reason.trim() === "") found.fields.reden = { dutch: "Vul de reden van de kwijtschelding in.", server: null };
    else if (reason.length > 1000) found.fields.reden = { dutch: `Ten hoogste 1000 tekens (nu ${reason.length}).`, server: null };
    if (Object.keys(found.fields).length > 0 || !outcome) {
      setTyped(found);
      return;
    }
    setTyped(noErrors);
    const amountText = parsed?.text ?? null;
    const text = reason.trim();
    const settled = await change.run((key) => send(() => api.POST("/contracts/{id}/settlement", {
      params: { path: { id: contract.id }, header: { "Idempotency-Key": key, "If-Match": `"${contract.version}"` } },
      body: { outcome, ...(amountText !== null ? { amount: Number(amountText) } : {}), ...(text ? { reason: text } : {}) },
      bodySerializer: () => exactJson(outcome, amountText, text),
    })));
    if (settled)
      navigate(`/dashboard/contracten/${contract.id}`, {
        state: confirmed(`De afrekening van ${contract.reference} is vastgelegd: ${outcomeLabels[settled.outcome].toLowerCase()}` +
          `${settled.amount != null ? ` van ${euro(settled.amount)}` : ""}.`),
      });
  };

  return (
    <section aria-labelledby="vastleggen">
      <Heading2 id="vastleggen">Afrekening</Heading2>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate className="sroi-form">
        <ChoiceField id="uitkomst" legend="Uitkomst" error={errors.fields.uitkomst} value={outcome} onChange={setOutcome}
          options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o], explanation: outcomeExplanations[o] }))} />
        {withAmount(outcome) && (
          <Field id="bedrag" label="Bedrag" error={errors.fields.bedrag}
            description={<>In euro’s, zoals 1.234,56. Het tekort is {euro(balance.remaining)}.</>}>
            <Textbox inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
        )}
        <Field id="reden" label="Reden" error={errors.fields.reden}
          description={outcome === "waived" ? "Verplicht bij kwijtschelding. De opdrachtnemer en de auditor lezen deze reden." : "Niet verplicht. De opdrachtnemer en de auditor lezen deze reden."}>
          <Textarea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ButtonGroup>
          <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>
            Afrekening vastleggen
          </SaveButton>
        </ButtonGroup>
      </form>
    </section>
  );
}
