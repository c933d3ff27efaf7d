// The Dutch loading, empty and error states every page uses.
import { Alert, Button, Paragraph } from "@utrecht/component-library-react";

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

export function Failure({ message, retry }: { message: string; retry?: () => void }) {
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
