// One change the person makes (a form's submit, a button): busy while it runs, the errors placed at the form's
// controls, and one Idempotency-Key per attempt, kept when the outcome is unknown (no answer: the same key makes a
// repeat safe) and renewed once the service answered (a corrected form is another request).
import { useCallback, useRef, useState } from "react";
import { ApiError, newIdempotencyKey } from "../api/client";
import { noErrors, placeErrors, type FormErrors } from "./fieldErrors";

export interface Change<T> {
  busy: boolean;
  errors: FormErrors;
  /** Runs the change with this attempt's key; resolves to its answer, or to null when it failed (see errors). */
  run: (change: (idempotencyKey: string) => Promise<T | undefined>) => Promise<T | undefined | null>;
  clear: () => void;
  /** Shows errors the form found itself, before anything is sent (e.g. a number that looks like a BSN). */
  refuse: (errors: FormErrors) => void;
}

/** `controls`: the service's field paths → the form's control ids (see placeErrors). */
export function useChange<T>(controls: Record<string, string> = {}): Change<T> {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const key = useRef(newIdempotencyKey());
  const controlsRef = useRef(controls);
  controlsRef.current = controls;

  // One request at a time per form: a double click or a second Enter arrives before React has drawn the busy button,
  // so the state cannot guard it; this ref can. A submit while one is under way is ignored (null: nothing done).
  const running = useRef(false);

  const run = useCallback(async (change: (idempotencyKey: string) => Promise<T | undefined>) => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setErrors(noErrors);
    try {
      const answer = await change(key.current);
      key.current = newIdempotencyKey();
      return answer;
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : new ApiError(0, "Er ging iets mis; probeer het opnieuw.");
      if (error.status !== "offline") key.current = newIdempotencyKey();
      setErrors(placeErrors(error, controlsRef.current));
      return null;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, errors, run, clear: useCallback(() => setErrors(noErrors), []), refuse: setErrors };
}
