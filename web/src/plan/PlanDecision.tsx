// The WSP's decision on the revision awaiting review: "Goedkeuren" at once, or "Terugsturen" with the reason the
// contractor will read. Sent with the contract's version (If-Match), so a plan that changed meanwhile is a 412.
import { useState, type FormEvent } from "react";
import { Button, ButtonGroup, Textarea } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { Checks } from "../forms/checks";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { dutchRules } from "../forms/fieldErrors";
import { SaveButton } from "../forms/SaveButton";
import { useChange } from "../forms/useChange";

dutchRules({ "plan.nothing-submitted": "Er wacht geen versie van het plan op beoordeling." });

interface Props {
  contractId: string;
  revision: number;
  version: string;
  onDecided: () => void;
}

export function PlanDecision({ contractId, revision, version, onDecided }: Props) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const change = useChange<components["schemas"]["PlanResponse"]>({ reason: "plan-reden" });
  const params = (key: string) => ({ path: { id: contractId }, header: { "Idempotency-Key": key, "If-Match": version } });

  const approve = async () => {
    const plan = await change.run((key) => send(() => api.POST("/contracts/{id}/plan/approval", { params: params(key), body: {} })));
    if (plan) onDecided();
  };

  const sendBack = async (event: FormEvent) => {
    event.preventDefault();
    // The reason is required, at most 1000 characters (Plans/PlanRequests.cs).
    const check = new Checks();
    check.text("plan-reden", reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const plan = await change.run((key) => send(() => api.POST("/contracts/{id}/plan/return", { params: params(key), body: { reason } })));
    if (plan) onDecided();
  };

  return (
    <div className="sroi-review">
      <ErrorSummary errors={change.errors} labels={{ "plan-reden": "Reden van terugsturen" }} />
      {!returning ? (
        <ButtonGroup>
          <SaveButton appearance="primary-action-button" type="button" busy={change.busy} onClick={approve}
            aria-label={`Goedkeuren: plan versie ${revision}`}>
            Goedkeuren
          </SaveButton>
          <Button appearance="secondary-action-button" type="button" disabled={change.busy} onClick={() => setReturning(true)}
            aria-label={`Terugsturen: plan versie ${revision}`}>
            Terugsturen
          </Button>
        </ButtonGroup>
      ) : (
        <form onSubmit={sendBack} noValidate>
          <Field id="plan-reden" label="Reden van terugsturen" description="De opdrachtnemer leest deze reden." error={change.errors.fields["plan-reden"]}>
            <Textarea value={reason} required onChange={(e) => setReason(e.target.value)} />
          </Field>
          <ButtonGroup>
            <SaveButton appearance="primary-action-button" type="submit" busy={change.busy} aria-label={`Terugsturen: plan versie ${revision}`}>
              Terugsturen
            </SaveButton>
            <Button appearance="secondary-action-button" type="button" disabled={change.busy} onClick={() => setReturning(false)}>
              Annuleren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </div>
  );
}
