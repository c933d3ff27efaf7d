// The button that sends a form (or one change): while the change runs it says so — aria-busy, and "Bezig met
// opslaan…" in a live region a screen reader reads — and stays focusable (aria-disabled, not disabled, so the focus
// does not fall to the page's top). A second click meanwhile is ignored by useChange, which sends one request at a time.
import type { ComponentProps } from "react";
import { Button } from "@utrecht/component-library-react";
import "./forms.css";

type Props = ComponentProps<typeof Button> & { busy: boolean };

export function SaveButton({ busy, children, ...rest }: Props) {
  return (
    <>
      <Button {...rest} busy={busy} aria-disabled={busy || undefined}>
        {children}
      </Button>
      <span role="status" className="sroi-busy-status">{busy ? "Bezig met opslaan…" : ""}</span>
    </>
  );
}
