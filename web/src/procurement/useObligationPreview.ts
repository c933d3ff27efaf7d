// The obligation preview while the person types: asked of the service a moment after the last keystroke (not on every
// one), an older question cancelled by a newer one so that a slow answer never replaces the answer to what is typed now.
import { useEffect, useState } from "react";
import { ApiError, read } from "../api/client";
import type { components } from "../api/ledger";

export type PreviewAnswer = components["schemas"]["ObligationPreviewResponse"];

export type Preview =
  | { kind: "incomplete"; missing: string }
  | { kind: "loading" }
  | { kind: "ready"; answer: PreviewAnswer }
  | { kind: "failed"; message: string };

/** `ask` null: not enough is typed yet (`missing` says what); else the read to make. `key`: what the question depends on. */
export function useObligationPreview(
  key: string,
  ask: ((signal: AbortSignal) => Promise<{ data?: PreviewAnswer; error?: unknown; response: Response }>) | null,
  missing: string,
): Preview {
  const [preview, setPreview] = useState<Preview>({ kind: "incomplete", missing });
  useEffect(() => {
    if (!ask) {
      setPreview({ kind: "incomplete", missing });
      return;
    }
    const abort = new AbortController();
    setPreview({ kind: "loading" });
    const timer = window.setTimeout(() => {
      read(() => ask(abort.signal))
        .then((answer) => setPreview({ kind: "ready", answer }))
        .catch((failure: unknown) => {
          if (abort.signal.aborted) return;
          const error = failure instanceof ApiError ? failure : null;
          setPreview({
            kind: "failed",
            message: error?.status === 422 && error.rule?.code === "sroi.no-policy-in-force"
              ? "Op deze gunningsdatum is geen SROI-beleid van kracht: kies een eigen percentage of een vrijstelling."
              : error?.status === 400
                ? "De verplichting kan nog niet worden berekend: controleer de waarde en de data."
                : (error?.message ?? "De verplichting kan nu niet worden berekend."),
          });
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names everything `ask` depends on
  }, [key]);
  return preview;
}
