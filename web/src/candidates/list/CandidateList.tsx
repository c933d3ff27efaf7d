// The municipality's candidates (GET /candidates), searched, filtered and paged by the service; the whole state in the
// URL (shareable; each change is a history entry, so the back button restores the one before), as the contract list.
import { useSearchParams } from "react-router";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { api, read } from "../../api/client";
import type { components } from "../../api/ledger";
import { Failure, Loading } from "../../shell/States";
import { useAnswer } from "../../shell/useAnswer";
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
  // The service lists one municipality: an administrator names it first (then nothing is read).
  const waiting = admin && state.municipality === null;
  const { data: shown, loading, error, reload } = useAnswer<CandidatePage | null>(
    (signal) => waiting ? Promise.resolve(null)
      : read(() => api.GET("/candidates", { params: { query: toQuery(fromSearch(new URLSearchParams(key), admin)) }, signal })),
    [key, waiting, admin], "Er ging iets mis bij het ophalen van de kandidaten.");

  const go = (next: ListState) => setSearch(toSearch(next));

  return (
    <section aria-labelledby="lijst-kop">
      <Heading2 id="lijst-kop">Alle kandidaten</Heading2>
      <UrlNotice problems={[...problems, ...(shown && !loading ? [pageBeyond(state.page, shown.pageSize, shown.total)].filter((p) => p !== null) : [])]} />
      <CandidateFilters key={key} state={state} chooseMunicipality={admin} onChange={go} />
      <div aria-live="polite" aria-busy={loading} className="sroi-results">
        {waiting && <Paragraph>Vul de CBS-code van een gemeente in om haar kandidaten te zien.</Paragraph>}
        {loading && <Loading what="Kandidaten worden opgehaald…" />}
        {error && <Failure message={error.message} retry={reload} />}
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
