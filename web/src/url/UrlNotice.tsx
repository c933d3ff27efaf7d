// Says which of the address's parameters the page ignores, and why, so nobody takes an unfiltered list or this year's
// figures for what the link asked. A status (read out politely), not an alert: the page itself works.
import { Alert, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { UrlProblem } from "./urlState";

export function UrlNotice({ problems }: { problems: readonly UrlProblem[] }) {
  return (
    <div role="status" className="sroi-url-notice">
      {problems.length > 0 && (
        <Alert type="warning">
          <Paragraph>
            {problems.length === 1 ? "Eén deel van het adres wordt genegeerd:" : "Delen van het adres worden genegeerd:"}
          </Paragraph>
          <UnorderedList>
            {problems.map((p) => (
              <UnorderedListItem key={p.name}>
                <code>{p.name}={p.value}</code>: {p.why}.
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      )}
    </div>
  );
}
