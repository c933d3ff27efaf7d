// "CSV downloaden" for a report the API also answers as CSV (by Accept: text/csv). A link cannot send that header, so the
// button reads the CSV with the session (same client, same Dutch errors) and hands it to the browser as a file.
import { useState } from "react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { ApiError } from "../api/client";

interface Props {
  /** The API path with its query, e.g. /api/v1/reports/trede-flow?year=2021. */
  url: string;
  fileName: string;
  /** What is downloaded, for the button's accessible name ("CSV downloaden: trede-doorstroom"). */
  what: string;
}

export function CsvButton({ url, fileName, what }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/csv" } });
      if (!response.ok) throw new ApiError(response.status, `Het downloaden is mislukt (status ${response.status}).`);
      const file = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = file;
      link.download = fileName;
      link.click();
      // Later, not at once: the browser reads the file after the click returns.
      window.setTimeout(() => URL.revokeObjectURL(file), 60_000);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : "Het downloaden is mislukt: de server is niet bereikbaar.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sroi-csv">
      <Button type="button" appearance="secondary-action-button" busy={busy} aria-label={`CSV downloaden: ${what}`} onClick={download}>
        CSV downloaden
      </Button>
      {error && <Paragraph role="alert">{error}</Paragraph>}
    </div>
  );
}
