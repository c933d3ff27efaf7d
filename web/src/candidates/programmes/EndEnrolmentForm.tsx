// The candidate's enrolment on a programme ends (early, or when finished), on a date, for a reason
// (Programmes/Enrolling/EnrolmentEndpoints.cs EndAsync: a reason of at most 500 characters).
import { api, send } from "../../api/client";
import { changeHeaders, type FormProps } from "../changeHeaders";
import { EndWithReasonForm } from "../EndWithReasonForm";

export function EndEnrolmentForm({ candidateNumber, version, code, describedAs, onDone, onCancel }: FormProps & { code: string; describedAs: string }) {
  return (
    <EndWithReasonForm id="uitschrijving" heading={<>Inschrijving beëindigen: {describedAs}</>} reasonLabel="Reden" maxReason={500}
      reasonDescription="Bijvoorbeeld: traject afgerond, of voortijdig gestopt en waarom."
      send={(key, body) => send(() => api.POST("/candidates/{candidateNumber}/programmes/{code}/enrolment/end", {
        params: { path: { candidateNumber, code }, header: changeHeaders(key, version) }, body,
      }))}
      onDone={() => onDone(`Inschrijving op ${describedAs} beëindigd.`)} onCancel={onCancel} />
  );
}
