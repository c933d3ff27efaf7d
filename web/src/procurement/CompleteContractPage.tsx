// /dashboard/contracten/{id}/afronden: the end of the work (POST …/completion), after a confirmation step, because a
// completed contract can no longer be amended. Sent with the version the page read (If-Match).
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { Alert, Button, ButtonGroup, Heading1, Heading2, Link, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import type { FormErrors } from "../forms/fieldErrors";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { SaveButton } from "../forms/SaveButton";
import { todayInNetherlands } from "../reporting/useReportContext";
import { date, euro } from "../format/dutch";
import { Failure, Loading } from "../shell/States";
import "./rules";
import { confirmed } from "../shell/Confirmation";
import { ifMatch, useContract, type Contract } from "./useContract";

const labels: Record<string, string> = { einddatum: "Datum einde werk" };

export function CompleteContractPage() {
  const { id = "" } = useParams();
  const contract = useContract(id);
  useEffect(() => {
    document.title = "Contract afronden — SROI-dashboard";
  }, []);
  return (
    <>
      <Heading1>Contract afronden</Heading1>
      {contract.loading && <Loading what="Het contract wordt opgehaald…" />}
      {contract.error && <Failure message={contract.error.message} retry={contract.reload} />}
      {contract.data && <CompletionForm contract={contract.data} />}
    </>
  );
}

function CompletionForm({ contract }: { contract: Contract }) {
  const navigate = useNavigate();
  const change = useChange<Contract>({ completedOn: "einddatum" });
  const [completedOn, setCompletedOn] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [local, setLocal] = useState<FormErrors | null>(null);

  if (contract.status === "completed")
    return (
      <Paragraph>
        Dit contract is al afgerond op {date(contract.completedOn)}.{" "}
        <Link href={`/dashboard/contracten/${contract.id}`}>Terug naar het contract</Link>
      </Paragraph>
    );

  const ask = (event: FormEvent) => {
    event.preventDefault();
    // The service's bounds (Contracts/CompletingContract: required; not before the start, not after today) first.
    const check = new Checks();
    if (completedOn === "") check.fail("einddatum", "Vul de datum in waarop het werk is geëindigd.");
    else if (check.date("einddatum", completedOn)) {
      if (completedOn < contract.startsOn) check.fail("einddatum", "Het werk kan niet geëindigd zijn vóór de startdatum van het contract.");
      else if (completedOn > todayInNetherlands()) check.fail("einddatum", "Een contract wordt afgerond als het werk klaar is: de datum ligt na vandaag.");
    }
    if (!check.ok) {
      setLocal(check.errors);
      return;
    }
    setLocal(null);
    change.clear();
    setConfirming(true);
  };

  const complete = async () => {
    const completed = await change.run((key) => send(() => api.POST("/contracts/{id}/completion", {
      params: { path: { id: contract.id }, header: { "Idempotency-Key": key, "If-Match": ifMatch(contract) } },
      body: { completedOn },
    })));
    setConfirming(false);
    if (completed)
      navigate(`/dashboard/contracten/${contract.id}`, { state: confirmed(`Contract ${completed.reference} is afgerond per ${date(completed.completedOn)}.`) });
  };

  const errors = local ?? change.errors;
  return (
    <>
      <Paragraph appearance="lead">
        {contract.reference} — {contract.title} ({contract.contractor.name}), {euro(contract.contractValue)}, looptijd {date(contract.startsOn)} tot en met {date(contract.endsOn)}.
      </Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      {!confirming ? (
        <form onSubmit={ask} noValidate className="sroi-form">
          <Field id="einddatum" label={labels.einddatum!} description="De dag waarop het werk klaar was; niet na vandaag." error={errors.fields.einddatum}>
            <Textbox type="date" value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} />
          </Field>
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit">Afronden</Button>
            <Link href={`/dashboard/contracten/${contract.id}`}>Annuleren</Link>
          </ButtonGroup>
        </form>
      ) : (
        <ConfirmCompletion contract={contract} completedOn={completedOn} busy={change.busy} onConfirm={complete} onBack={() => setConfirming(false)} />
      )}
    </>
  );
}

function ConfirmCompletion({ contract, completedOn, busy, onConfirm, onBack }: {
  contract: Contract; completedOn: string; busy: boolean; onConfirm: () => void; onBack: () => void;
}) {
  return (
    <section aria-labelledby="bevestig-kop" className="sroi-confirm">
      <Alert type="warning">
        <Heading2 id="bevestig-kop" tabIndex={-1} ref={(heading) => heading?.focus()}>Weet u het zeker?</Heading2>
        <Paragraph>
          Contract {contract.reference} wordt afgerond per {date(completedOn)}. Daarna kan de contractwaarde niet meer worden gewijzigd.
        </Paragraph>
      </Alert>
      <ButtonGroup>
        <SaveButton appearance="primary-action-button" type="button" busy={busy} onClick={onConfirm}>
          Ja, contract afronden
        </SaveButton>
        <Button appearance="secondary-action-button" type="button" disabled={busy} onClick={onBack}>
          Terug
        </Button>
      </ButtonGroup>
    </section>
  );
}
