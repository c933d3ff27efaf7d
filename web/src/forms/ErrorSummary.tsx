// Above a form that came back with errors: what went wrong, each linking to its field, and focused, so a keyboard or
// screen-reader user lands on it (the GOV.UK / NL Design System error-summary pattern).
import { useEffect, useRef } from "react";
import { Alert, Heading2, Link, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { FormErrors } from "./fieldErrors";

export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels: Record<string, string> }) {
  const box = useRef<HTMLDivElement>(null);
  const fields = Object.entries(errors.fields);
  const any = fields.length > 0 || errors.general.length > 0;
  useEffect(() => {
    if (any) box.current?.focus();
  }, [errors, any]);
  if (!any) return null;
  return (
    <div ref={box} tabIndex={-1} className="sroi-error-summary">
      <Alert type="error" role="alert">
        <Heading2>Er is iets niet goed gegaan</Heading2>
        {errors.general.map((error, i) => (
          <Paragraph key={i}>
            {error.dutch}
            {error.server && <> (<span lang="en">{error.server}</span>)</>}
          </Paragraph>
        ))}
        {fields.length > 0 && (
          <UnorderedList>
            {fields.map(([id, error]) => (
              <UnorderedListItem key={id}>
                <Link href={`#${id}`}>{labels[id] ?? id}</Link>: {error.dutch}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </Alert>
    </div>
  );
}
