// What a change that sends the person to another page did, said on arrival ("De afrekening … is vastgelegd"). Carried
// in the navigation's history state, not in the URL, so a link to the page that is shared or bookmarked never repeats it.
import { Alert, Paragraph } from "@utrecht/component-library-react";
import { useLocation } from "react-router";

interface Confirmed {
  confirmation: string;
}

/** The navigation state that makes <Confirmation /> say `text`. */
export const confirmed = (text: string): Confirmed => ({ confirmation: text });

export function Confirmation() {
  const state = useLocation().state as Partial<Confirmed> | null;
  if (typeof state?.confirmation !== "string") return null;
  return (
    <div role="status" className="sroi-confirmation">
      <Alert type="ok">
        <Paragraph>{state.confirmation}</Paragraph>
      </Alert>
    </div>
  );
}
