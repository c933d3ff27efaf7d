// /dashboard/contracten/nieuw: procurement registers an awarded contract (POST /contracts) with every field the service
// takes, and sees the obligation the policy will give before saving (the service's own rule: GET …/obligation-preview).
// After saving: to the new contract's page, which says it was registered.
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ButtonGroup, Heading1, Paragraph, Select, SelectOption, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import type { FormErrors } from "../forms/fieldErrors";
import { Checks } from "../forms/checks";
import { useChange } from "../forms/useChange";
import { markLoaded } from "../shell/loaded";
import { apiEuros, parseEuro } from "./money";
import { ObligationPreview } from "./ObligationPreview";
import { parsePercentage } from "./rules";
import { confirmed } from "../shell/Confirmation";
import { useObligationPreview } from "./useObligationPreview";
import { SaveButton } from "../forms/SaveButton";

type Contract = components["schemas"]["ContractResponse"];
type Category = components["schemas"]["ContractCategory"];
type Scope = components["schemas"]["ContractScope"];
type SroiChoice = "beleid" | "percentage" | "vrijstelling";

const labels: Record<string, string> = {
  kenmerk: "Kenmerk", titel: "Titel", categorie: "Categorie", waarde: "Contractwaarde", kvk: "KvK-nummer opdrachtnemer",
  opdrachtnemer: "Naam opdrachtnemer", gunning: "Gunningsdatum", start: "Startdatum", einde: "Einddatum", scope: "Aanbesteding",
  "sroi-keuze": "SROI-verplichting", percentage: "Percentage", toelichting: "Toelichting (pas toe of leg uit)", vrijstelling: "Reden van vrijstelling",
};

// The service's field paths → this form's controls.
const controls = {
  reference: "kenmerk", title: "titel", category: "categorie", contractValue: "waarde", "contractor.kvkNumber": "kvk",
  "contractor.name": "opdrachtnemer", contractor: "kvk", awardedOn: "gunning", startsOn: "start", endsOn: "einde", scope: "scope",
  "sroi.percentage": "percentage", "sroi.reason": "toelichting", "sroi.exemptionReason": "vrijstelling", sroi: "sroi-keuze",
};

export function RegisterContractPage() {
  const navigate = useNavigate();
  const change = useChange<Contract>(controls);
  const [local, setLocal] = useState<FormErrors | null>(null);
  const [form, setForm] = useState({
    reference: "", title: "", category: "werken" as Category, value: "", kvk: "", contractor: "", awardedOn: "", startsOn: "",
    endsOn: "", scope: "local" as Scope, sroi: "beleid" as SroiChoice, percentage: "", reason: "", exemption: "",
  });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));

  useEffect(() => {
    document.title = "Contract registreren — SROI-dashboard";
    markLoaded(true);
  }, []);

  const amount = parseEuro(form.value);
  const percentage = form.sroi === "percentage" ? parsePercentage(form.percentage) : null;
  const ready = amount.ok && /^\d{4}-\d{2}-\d{2}$/.test(form.awardedOn) && (percentage === null || percentage.ok);
  const preview = useObligationPreview(
    [form.category, amount.ok ? amount.cents : "", form.awardedOn, form.sroi, percentage?.ok ? percentage.value : ""].join("|"),
    ready && amount.ok
      ? (signal) => api.GET("/contracts/obligation-preview", {
        params: {
          query: {
            category: form.category, contractValue: apiEuros(amount.cents), awardedOn: form.awardedOn,
            ...(percentage?.ok ? { percentage: percentage.value } : {}),
            ...(form.sroi === "vrijstelling" ? { exempted: true } : {}),
          },
        },
        signal,
      })
      : null,
    "Vul de contractwaarde en de gunningsdatum in om de verplichting te zien.",
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every field the service checks (Contracts/RegisteringContract/RegisterContractRequest.cs) is checked here first,
    // with its bounds; amounts and percentages read exactly. Nothing is sent while one is wrong.
    const check = new Checks();
    if (check.text("kenmerk", form.reference, 100) && !/^[A-Za-z0-9._/-]+$/.test(form.reference))
      check.fail("kenmerk", "Alleen letters, cijfers en - _ . / (geen spaties).");
    check.text("titel", form.title, 300);
    if (!amount.ok) check.fail("waarde", amount.message);
    else if (amount.cents <= 0n) check.fail("waarde", "Vul een bedrag groter dan € 0 in.");
    if (check.text("kvk", form.kvk, 8) && !/^\d{8}$/.test(form.kvk.trim())) check.fail("kvk", "Een KvK-nummer heeft precies 8 cijfers.");
    check.text("opdrachtnemer", form.contractor, 200);
    check.date("gunning", form.awardedOn);
    check.date("start", form.startsOn);
    if (check.date("einde", form.endsOn)) {
      if (form.startsOn && form.endsOn < form.startsOn) check.fail("einde", "Het contract kan niet eindigen voordat het begint.");
      else if (form.awardedOn && form.endsOn < form.awardedOn) check.fail("einde", "Het contract kan niet eindigen vóór de gunningsdatum.");
    }
    if (percentage && !percentage.ok) check.fail("percentage", percentage.message);
    if (form.sroi === "percentage") check.text("toelichting", form.reason, 1000, false);
    if (form.sroi === "vrijstelling") check.text("vrijstelling", form.exemption, 1000);
    if (!check.ok || !amount.ok || (percentage && !percentage.ok)) {
      setLocal(check.errors);
      return;
    }
    setLocal(null);
    const sroi = form.sroi === "percentage" && percentage?.ok
      ? { percentage: percentage.value, ...(form.reason.trim() ? { reason: form.reason } : {}) }
      : form.sroi === "vrijstelling" ? { exemptionReason: form.exemption.trim() } : undefined;
    const contract = await change.run((key) => send(() => api.POST("/contracts", {
      params: { header: { "Idempotency-Key": key } },
      body: {
        reference: form.reference, title: form.title, category: form.category, contractValue: apiEuros(amount.cents),
        contractor: { kvkNumber: form.kvk, name: form.contractor },
        awardedOn: form.awardedOn, startsOn: form.startsOn, endsOn: form.endsOn, scope: form.scope,
        ...(sroi ? { sroi } : {}),
      },
    })));
    if (contract) navigate(`/dashboard/contracten/${contract.id}`, { state: confirmed(`Contract ${contract.reference} is geregistreerd.`) });
  };

  const errors = local ?? change.errors;
  const error = (id: string) => errors.fields[id];

  return (
    <>
      <Heading1>Contract registreren</Heading1>
      <Paragraph appearance="lead">
        Een gegund contract van uw gemeente. De SROI-verplichting volgt uit het beleid dat op de gunningsdatum gold.
      </Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate className="sroi-form">
        <Field id="kenmerk" label={labels.kenmerk!} description="Letters, cijfers en - _ . / (uniek in uw gemeente)." error={error("kenmerk")}>
          <Textbox value={form.reference} autoComplete="off" onChange={set("reference")} />
        </Field>
        <Field id="titel" label={labels.titel!} error={error("titel")}>
          <Textbox value={form.title} onChange={set("title")} />
        </Field>
        <Field id="categorie" label={labels.categorie!} error={error("categorie")}>
          <Select value={form.category} onChange={set("category")}>
            <SelectOption value="werken">Werken</SelectOption>
            <SelectOption value="diensten">Diensten</SelectOption>
            <SelectOption value="leveringen">Leveringen</SelectOption>
          </Select>
        </Field>
        <Field id="waarde" label={labels.waarde!} description="In euro's, zoals 400.000 of 1.234,56." error={error("waarde")}>
          <Textbox value={form.value} inputMode="decimal" autoComplete="off" onChange={set("value")} />
        </Field>
        <Field id="kvk" label={labels.kvk!} description="8 cijfers." error={error("kvk")}>
          <Textbox value={form.kvk} inputMode="numeric" autoComplete="off" onChange={set("kvk")} />
        </Field>
        <Field id="opdrachtnemer" label={labels.opdrachtnemer!} error={error("opdrachtnemer")}>
          <Textbox value={form.contractor} autoComplete="organization" onChange={set("contractor")} />
        </Field>
        <Field id="gunning" label={labels.gunning!} error={error("gunning")}>
          <Textbox type="date" value={form.awardedOn} onChange={set("awardedOn")} />
        </Field>
        <Field id="start" label={labels.start!} error={error("start")}>
          <Textbox type="date" value={form.startsOn} onChange={set("startsOn")} />
        </Field>
        <Field id="einde" label={labels.einde!} error={error("einde")}>
          <Textbox type="date" value={form.endsOn} onChange={set("endsOn")} />
        </Field>
        <Field id="scope" label={labels.scope!} error={error("scope")}>
          <Select value={form.scope} onChange={set("scope")}>
            <SelectOption value="local">Lokaal (door de gemeente alleen)</SelectOption>
            <SelectOption value="regional">Regionaal</SelectOption>
          </Select>
        </Field>
        <Field id="sroi-keuze" label={labels["sroi-keuze"]!} description="Pas toe of leg uit: volg het beleid, of leg een eigen percentage of een vrijstelling met reden vast."
          error={error("sroi-keuze")}>
          <Select value={form.sroi} onChange={set("sroi")}>
            <SelectOption value="beleid">Volgens het SROI-beleid</SelectOption>
            <SelectOption value="percentage">Eigen percentage</SelectOption>
            <SelectOption value="vrijstelling">Vrijstelling</SelectOption>
          </Select>
        </Field>
        {form.sroi === "percentage" && (
          <>
            <Field id="percentage" label={labels.percentage!} description="Zoals 5 of 3,5." error={error("percentage")}>
              <Textbox value={form.percentage} inputMode="decimal" autoComplete="off" onChange={set("percentage")} />
            </Field>
            <Field id="toelichting" label={labels.toelichting!} error={error("toelichting")}>
              <Textarea value={form.reason} onChange={set("reason")} />
            </Field>
          </>
        )}
        {form.sroi === "vrijstelling" && (
          <Field id="vrijstelling" label={labels.vrijstelling!} error={error("vrijstelling")}>
            <Textarea value={form.exemption} onChange={set("exemption")} />
          </Field>
        )}
        <ObligationPreview preview={preview} category={form.category} />
        <ButtonGroup>
          <SaveButton appearance="primary-action-button" type="submit" busy={change.busy}>
            Contract registreren
          </SaveButton>
        </ButtonGroup>
      </form>
    </>
  );
}
