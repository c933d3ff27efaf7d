// The WSP's review of one pending report, wherever the report is shown (the worklist, the contract page): "Accepteren"
// at once, or "Afwijzen" with the reason the contractor will read. Sent with the contract's version (If-Match) when the
// page knows it, so a review of a report that changed meanwhile is a 412, not a silent overwrite.
import { useId, useState, type FormEvent } from "react";
import { Button, ButtonGroup, Textarea } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { dutchRules } from "../forms/fieldErrors";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { SaveButton } from "../forms/SaveButton";

type Fulfilment = components["schemas"]["FulfilmentResponse"];

dutchRules({
  "fulfilment.not-pending": "Deze rapportage is al beoordeeld of ingetrokken.",
});

interface Props {
  contractId: string;
  fulfilmentId: string;
  /** The contract's ETag as read (e.g. `"12"`), or null to review whatever the version now is. */
  version?: string | null;
  /** What the report is, for the buttons' accessible names ("Accepteren: rapportage 3 van 01-02-2026"). */
  describedAs: string;
  onReviewed: (report: Fulfilment) => void;
}

export function ReviewActions({ contractId, fulfilmentId, version, describedAs, onReviewed }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = `reden-${useId().replace(/:/g, "")}`;
  const change = useChange<Fulfilment>({ reason: reasonId });
  const headers = (key: string) => ({ "Idempotency-Key": key, ...(version ? { "If-Match": version } : {}) });
  const path = { id: contractId, fid: fulfilmentId };

  const accept = async () => {
    const report = await change.run((key) =>
      send(() => api.POST("/contracts/{id}/fulfilments/{fid}/acceptance", { params: { path, header: headers(key) }, body: {} })));
    if (report) onReviewed(report);
  };

  const reject = async (event: FormEvent) => {
    event.preventDefault();
    // A rejection needs its reason, at most 1000 characters (Fulfilments/Reviewing/ReviewFulfilmentEndpoints.cs).
    const check = new Checks();
    check.text(reasonId, reason, 1000);
    if (!check.ok) return change.refuse(check.errors);
    const report = await change.run((key) =>
      send(() => api.POST("/contracts/{id}/fulfilments/{fid}/rejection", { params: { path, header: headers(key) }, body: { reason } })));
    if (report) onReviewed(report);
  };

  return (
    <div className="sroi-review">
      <ErrorSummary errors={change.errors} labels={{ [reasonId]: "Reden van afwijzing" }} />
      {!rejecting ? (
        <ButtonGroup>
          <SaveButton appearance="primary-action-button" type="button" busy={change.busy}
            aria-label={`Accepteren: ${describedAs}`} onClick={accept}>
            Accepteren
          </SaveButton>
          <Button appearance="secondary-action-button" type="button" disabled={change.busy}
            aria-label={`Afwijzen: ${describedAs}`} onClick={() => setRejecting(true)}>
            Afwijzen
          </Button>
        </ButtonGroup>
      ) : (
        <form onSubmit={reject} noValidate>
          <Field id={reasonId} label="Reden van afwijzing" description="De opdrachtnemer leest deze reden." error={change.errors.fields[reasonId]}>
            <Textarea value={reason} required onChange={(e) => setReason(e.target.value)} />
          </Field>
          <ButtonGroup>
            <SaveButton appearance="primary-action-button" type="submit" busy={change.busy}
              aria-label={`Afwijzen: ${describedAs}`}>
              Afwijzen
            </SaveButton>
            <Button appearance="secondary-action-button" type="button" disabled={change.busy} onClick={() => setRejecting(false)}>
              Annuleren
            </Button>
          </ButtonGroup>
        </form>
      )}
    </div>
  );
}
