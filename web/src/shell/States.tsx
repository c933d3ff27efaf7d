// The Dutch loading, empty and error states every page uses.
import { Alert, Button, Paragraph } from "@utrecht/component-library-react";
import type { ApiError } from "../api/client";

export function Loading({ what = "Gegevens worden opgehaald…" }: { what?: string }) {
  return (
    <Paragraph role="status" className="sroi-loading">
      {what}
    </Paragraph>
  );
}

export function Empty({ children }: { children: string }) {
  return <Paragraph className="sroi-empty">{children}</Paragraph>;
}

export function Failure({ message, retry }: { message: string; retry?: (() => void) | undefined }) {
  return (
    <Alert type="error" role="alert">
      <Paragraph>{message}</Paragraph>
      {retry && (
        <Button appearance="secondary-action-button" type="button" onClick={retry}>
          Opnieuw proberen
        </Button>
      )}
    </Alert>
  );
}

/** A failed read: the retry only where asking again may help (not for what is absent or not the person's to see). */
export function Failed({ error, retry }: { error: ApiError; retry: () => void }) {
  const final = error.status === 403 || error.status === 404;
  return <Failure message={error.message} retry={final ? undefined : retry} />;
}
