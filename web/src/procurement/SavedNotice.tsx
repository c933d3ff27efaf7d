// The confirmation after a form saved: the form navigates to the contract's page with the message in the history entry's
// state (not in the URL: a reload or a shared link must not say it again), and the page shows it at its top.
import { Alert, Paragraph } from "@utrecht/component-library-react";
import { useLocation } from "react-router";

interface Saved {
  melding: string;
}

export const savedState = (melding: string): Saved => ({ melding });

/** Placed at the top of the page a procurement form returns to (the contract page). */
export function SavedNotice() {
  const state = useLocation().state as Partial<Saved> | null;
  if (typeof state?.melding !== "string") return null;
  return (
    <Alert type="ok" role="status" className="sroi-saved">
      <Paragraph>{state.melding}</Paragraph>
    </Alert>
  );
}
