// The municipality's candidates (GET /candidates), searched, filtered and paged by the service; the whole state in the
// URL (shareable; each change is a history entry, so the back button restores the one before), as the contract list.
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { api, read, ApiError } from "../../api/client";
import type { components } from "../../api/ledger";
import { Failure, Loading } from "../../shell/States";
import { markLoaded } from "../../shell/loaded";
import { CandidateFilters } from "./CandidateFilters";
import { CandidatePaging } from "./CandidatePaging";
import { CandidateTable } from "./CandidateTable";
import { UrlNotice } from "../../url/UrlNotice";
import { pageBeyond } from "../../url/urlState";
import { fromSearch, readSearch, toQuery, toSearch, type ListState } from "./listQuery";

type CandidatePage = components["schemas"]["CandidatePage"];

export function CandidateList({ admin }: { admin: boolean }) {
  const [search, setSearch] = useSearchParams();
  const key = search.toString();
  const { state, problems } = readSearch(search, admin);
  // The rows shown stay while the next ones are fetched, so the control just used (a page link) keeps its place and focus.
  const [shown, setShown] = useState<CandidatePage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The service lists one municipality: an administrator names it first.
  const waiting = admin && state.municipality === null;

  useEffect(() => {
    if (waiting) {
      setShown(null);
      setLoading(false);
      markLoaded(true);
      return;
    }
    const abort = new AbortController();
    setLoading(true);
    markLoaded(false);
    read(() => api.GET("/candidates", { params: { query: toQuery(fromSearch(new URLSearchParams(key), admin)) }, signal: abort.signal }))
      .then((page) => {
        setShown(page);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (abort.signal.aborted) return;
        // No stale rows under an error: they would pass for the answer to what was asked.
        setShown(null);
        setError(failure instanceof ApiError ? failure : new ApiError(0, "Er ging iets mis bij het ophalen van de kandidaten."));
      })
      .finally(() => {
        if (abort.signal.aborted) return;
        setLoading(false);
        markLoaded(true);
      });
    return () => abort.abort();
  }, [key, attempt, waiting, admin]);

  const go = (next: ListState) => setSearch(toSearch(next));

  return (
    <section aria-labelledby="lijst-kop">
      <Heading2 id="lijst-kop">Alle kandidaten</Heading2>
      <UrlNotice problems={[...problems, ...(shown && !loading ? [pageBeyond(state.page, shown.pageSize, shown.total)].filter((p) => p !== null) : [])]} />
      <CandidateFilters key={key} state={state} chooseMunicipality={admin} onChange={go} />
      <div aria-live="polite" aria-busy={loading} className="sroi-results">
        {waiting && <Paragraph>Vul de CBS-code van een gemeente in om haar kandidaten te zien.</Paragraph>}
        {loading && <Loading what="Kandidaten worden opgehaald…" />}
        {error && <Failure message={error.message} retry={() => setAttempt((n) => n + 1)} />}
        {shown && (
          <>
            <CandidateTable page={shown} admin={admin} />
            <CandidatePaging page={shown} state={state} />
          </>
        )}
      </div>
    </section>
  );
}
