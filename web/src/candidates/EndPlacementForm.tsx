// "Beëindigen": the work ended, on a date, for a reason (Placements/EndingPlacement/EndPlacementEndpoint.cs: a reason of
// at most 1000 characters).
import { api, send } from "../api/client";
import { changeHeaders, type FormProps } from "./changeHeaders";
import { EndWithReasonForm } from "./EndWithReasonForm";

export function EndPlacementForm({ candidateNumber, version, placementId, describedAs, onDone, onCancel }:
  FormProps & { placementId: string; describedAs: string }) {
  return (
    <EndWithReasonForm id="einde" heading={<>Plaatsing beëindigen: {describedAs}</>} reasonLabel="Reden van het einde" maxReason={1000}
      send={(key, body) => send(() => api.POST("/candidates/{candidateNumber}/placements/{placementId}/end", {
        params: { path: { candidateNumber, placementId }, header: changeHeaders(key, version) }, body,
      }))}
      onDone={() => onDone("Plaatsing beëindigd.")} onCancel={onCancel} />
  );
}
