// A page's read: loading, the answer or a Dutch error, a retry, and the body's data-geladen mark the browser tests wait
// for. A newer read (the deps changed) aborts the older, so a slow answer never overwrites a newer one.
import { useCallback, useEffect, useState, type DependencyList } from "react";
import { ApiError } from "../api/client";
import { markLoaded } from "./loaded";

export interface Answer<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Reads again (after a change, or the "Opnieuw proberen" button). */
  reload: () => void;
}

/**
 * @param failure The Dutch text shown when the read fails without an answer of the service (the network, say).
 * The data shown stays while a newer read is under way, so the control just used (a page link) keeps its place and focus.
 */
export function useAnswer<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList,
  failure = "Er ging iets mis bij het ophalen van de gegevens."): Answer<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    markLoaded(false);
    load(abort.signal)
      .then((answer) => {
        setData(answer);
        setError(null);
      })
      .catch((problem: unknown) => {
        if (abort.signal.aborted) return;
        // No stale data under an error: it would pass for the answer to what was asked.
        setData(null);
        setError(problem instanceof ApiError ? problem : new ApiError(0, failure));
      })
      .finally(() => {
        if (abort.signal.aborted) return;
        setLoading(false);
        markLoaded(true);
      });
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the read depends on
  }, [...deps, attempt]);

  return { data, error, loading, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
