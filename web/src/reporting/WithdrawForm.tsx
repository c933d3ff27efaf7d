// Taking one's own pending report back (…/withdrawal), with an optional reason the WSP reads.
import { useState, type FormEvent } from "react";
import { ButtonGroup, Heading2, Paragraph, Textarea } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import "./rules";
import { SaveButton } from "../forms/SaveButton";

type Fulfilment = components["schemas"]["FulfilmentResponse"];

interface Props {
  contractId: string;
  fulfilmentId: string;
  version: string;
  onWithdrawn: (report: Fulfilment) => void;
}

const reasonId = "reden-intrekken";

export function WithdrawForm({ contractId, fulfilmentId, version, onWithdrawn }: Props) {
  const [reason, setReason] = useState("");
  const change = useChange<Fulfilment>({ reason: reasonId });

  const withdraw = async (event: FormEvent) => {
    event.preventDefault();
    // The reason is optional, at most 1000 characters (Fulfilments/Reviewing/ReviewFulfilmentEndpoints.cs).
    const check = new Checks();
    check.text(reasonId, reason, 1000, false);
    if (!check.ok) return change.refuse(check.errors);
    const report = await change.run((key) => send(() => api.POST("/contracts/{id}/fulfilments/{fid}/withdrawal", {
      params: { path: { id: contractId, fid: fulfilmentId }, header: { "Idempotency-Key": key, "If-Match": version } },
      body: reason.trim() ? { reason: reason.trim() } : {},
    })));
    if (report) onWithdrawn(report);
  };

  return (
    <section aria-labelledby="intrekken-kop" className="sroi-withdraw">
      <Heading2 id="intrekken-kop">Intrekken</Heading2>
      <Paragraph>Klopt de rapportage helemaal niet? Trek haar in: ze telt dan niet meer mee en de WSP hoeft haar niet te beoordelen.</Paragraph>
      <form onSubmit={withdraw} noValidate>
        <ErrorSummary errors={change.errors} labels={{ [reasonId]: "Reden van intrekken" }} />
        <Field id={reasonId} label="Reden van intrekken (optioneel)" description="De WSP leest deze reden." error={change.errors.fields[reasonId]}>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ButtonGroup>
          <SaveButton appearance="secondary-action-button" type="submit" busy={change.busy}>
            Rapportage intrekken
          </SaveButton>
        </ButtonGroup>
      </form>
    </section>
  );
}
