// /dashboard/contracten/{id}/wijzigen: meerwerk or minderwerk (POST …/amendments): the amount of the change, the date it
// takes effect and why; the page shows the current value, the new one and the obligation after the change (the
// service's own rule, GET …/{id}/obligation-preview) before it is saved, and sends the version it read (If-Match).
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { ButtonGroup, Heading1, Link, Paragraph, Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import type { FormErrors } from "../forms/fieldErrors";
import { Checks } from "../forms/checks";
import { useChange } from "../forms/useChange";
import { euro } from "../format/dutch";
import { Failure, Loading } from "../shell/States";
import { apiEuros, centsOf, parseEuro } from "./money";
import { basisSentence, ObligationPreview } from "./ObligationPreview";
import "./rules";
import { confirmed } from "../shell/Confirmation";
import { ifMatch, useContract, type Contract } from "./useContract";
import { useObligationPreview } from "./useObligationPreview";
import { SaveButton } from "../forms/SaveButton";

const labels: Record<string, string> = { soort: "Soort wijziging", bedrag: "Bedrag van de wijziging", ingang: "Ingangsdatum", reden: "Reden" };
const controls = { contractValue: "bedrag", effectiveOn: "ingang", reason: "reden" };

export function AmendContractPage() {
  const { id = "" } = useParams();
  const contract = useContract(id);
  useEffect(() => {
    document.title = "Contract wijzigen — SROI-dashboard";
  }, []);
  return (
    <>
      <Heading1>Contract wijzigen</Heading1>
      {contract.loading && <Loading what="Het contract wordt opgehaald…" />}
      {contract.error && <Failure message={contract.error.message} retry={contract.reload} />}
      {contract.data && <AmendmentForm contract={contract.data} />}
    </>
  );
}

function AmendmentForm({ contract }: { contract: Contract }) {
  const navigate = useNavigate();
  const change = useChange<Contract>(controls);
  const [local, setLocal] = useState<FormErrors | null>(null);
  const [form, setForm] = useState({ kind: "meerwerk", amount: "", effectiveOn: "", reason: "" });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));

  const current = centsOf(contract.contractValue);
  const amount = parseEuro(form.amount);
  const newValue = amount.ok ? (form.kind === "meerwerk" ? current + amount.cents : current - amount.cents) : null;
  // The value the amendment would send: none while the amount is unreadable or minderwerk would take it to 0 or below.
  const target = newValue !== null && newValue > 0n ? newValue : null;
  const preview = useObligationPreview(
    String(target ?? ""),
    target !== null
      ? (signal) => api.GET("/contracts/{id}/obligation-preview", { params: { path: { id: contract.id }, query: { contractValue: apiEuros(target) } }, signal })
      : null,
    "Vul het bedrag van de wijziging in om de verplichting na de wijziging te zien.",
  );

  if (contract.status === "completed")
    return <Paragraph>Dit contract is afgerond; het kan niet meer worden gewijzigd. <Link href={`/dashboard/contracten/${contract.id}`}>Terug naar het contract</Link></Paragraph>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every field the service checks (Contracts/AmendingContract/AmendContractEndpoint.cs), before anything is sent.
    const check = new Checks();
    if (!amount.ok) check.fail("bedrag", amount.message);
    else if (amount.cents <= 0n) check.fail("bedrag", "Vul een bedrag groter dan € 0 in.");
    else if (target === null) check.fail("bedrag", "Minderwerk kan niet de hele contractwaarde of meer zijn.");
    check.date("ingang", form.effectiveOn);
    check.text("reden", form.reason, 1000);
    if (!check.ok || target === null) {
      setLocal(check.errors);
      return;
    }
    setLocal(null);
    const amended = await change.run((key) => send(() => api.POST("/contracts/{id}/amendments", {
      params: { path: { id: contract.id }, header: { "Idempotency-Key": key, "If-Match": ifMatch(contract) } },
      body: { contractValue: apiEuros(target), effectiveOn: form.effectiveOn, reason: form.reason },
    })));
    if (amended)
      navigate(`/dashboard/contracten/${contract.id}`, {
        state: confirmed(`De wijziging is vastgelegd: de contractwaarde is nu ${euro(amended.contractValue)}.`),
      });
  };

  const errors = local ?? change.errors;
  return (
    <>
      <Paragraph appearance="lead">
        {contract.reference} — {contract.title} ({contract.contractor.name})
      </Paragraph>
      <dl className="sroi-facts">
        <dt>Huidige contractwaarde</dt>
        <dd data-veld="huidige-waarde">{euro(contract.contractValue)}</dd>
        <dt>Huidige SROI-verplichting</dt>
        <dd>
          {contract.obligation.applies ? euro(contract.obligation.amount) : "Geen SROI-verplichting"}
          {contract.obligationBasis && <> — {basisSentence(contract.obligationBasis, contract.obligation.applies, contract.category)}</>}
        </dd>
        <dt>Nieuwe contractwaarde</dt>
        <dd data-veld="nieuwe-waarde">{target !== null ? euro(apiEuros(target)) : "–"}</dd>
      </dl>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate className="sroi-form">
        <Field id="soort" label={labels.soort!} error={errors.fields.soort}>
          <Select value={form.kind} onChange={set("kind")}>
            <SelectOption value="meerwerk">Meerwerk (de waarde gaat omhoog)</SelectOption>
            <SelectOption value="minderwerk">Minderwerk (de waarde gaat omlaag)</SelectOption>
          </Select>
        </Field>
        <Field id="bedrag" label={labels.bedrag!} description="In euro's, zoals 50.000 of 1.234,56." error={errors.fields.bedrag}>
          <Textbox value={form.amount} inputMode="decimal" autoComplete="off" onChange={set("amount")} />
        </Field>
        <Field id="ingang" label={labels.ingang!} error={errors.fields.ingang}>
          <Textbox type="date" value={form.effectiveOn} onChange={set("effectiveOn")} />
        </Field>
        <Field id="reden" label={labels.reden!} description="Bijvoorbeeld: meerwerk riolering volgens opdrachtbrief." error={errors.fields.reden}>
          <Textarea value={form.reason} onChange={set("reason")} />
        </Field>
        <ObligationPreview preview={preview} category={contract.category} title="SROI-verplichting na de wijziging" />
        <ButtonGroup>
          <SaveButton appearance="primary-action-button" type="submit" busy={change.busy}>
            Wijziging vastleggen
          </SaveButton>
          <Link href={`/dashboard/contracten/${contract.id}`}>Annuleren</Link>
        </ButtonGroup>
      </form>
    </>
  );
}
