// /dashboard/contracten: every contract the person may see, searched, filtered, sorted and paged by the service; the
// whole state in the URL (shareable; each change is a history entry, so the back button restores the one before).
import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { Alert, Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import { useSession } from "../shell/SessionContext";
import { useMunicipalityName } from "../candidates/useMunicipalityName";
import { Failure, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { ContractFilters } from "./ContractFilters";
import { ContractTable } from "./ContractTable";
import { Paging } from "./Paging";
import { fromSearch, notYetApplied, readSearch, toQuery, toSearch, type ListState } from "./listQuery";
import { UrlNotice } from "../url/UrlNotice";
import { pageBeyond } from "../url/urlState";

export function ContractListPage() {
  const session = useSession();
  const municipalityName = useMunicipalityName(session.municipality);
  const [search, setSearch] = useSearchParams();
  const key = search.toString();
  const { state, problems } = readSearch(search);

  useEffect(() => {
    document.title = "Contracten — SROI-dashboard";
  }, []);

  const { data: shown, loading, error, reload } = useAnswer(
    (signal) => read(() => api.GET("/contracts", { params: { query: toQuery(fromSearch(new URLSearchParams(key))) }, signal })),
    [key], "Er ging iets mis bij het ophalen van de contracten.");

  const go = (next: ListState) => setSearch(toSearch(next));
  const missing = notYetApplied(state);
  // An administrator sees every municipality, a contractor its contracts in each; the others only their own.
  const chooseMunicipality = session.role === "admin" || (session.role === "opdrachtnemer" && !session.municipality);

  return (
    <>
      <Heading1>Contracten</Heading1>
      <Paragraph appearance="lead">
        {chooseMunicipality ? "Alle contracten die u mag inzien." : `De contracten van ${session.municipality ? municipalityName : "uw organisatie"}.`}
      </Paragraph>
      {session.role === "inkoop" && (
        <Paragraph>
          <Link href="/dashboard/contracten/nieuw">Contract registreren</Link>
        </Paragraph>
      )}
      <UrlNotice problems={[...problems, ...(shown && !loading ? [pageBeyond(state.page, shown.pageSize, shown.total)].filter((p) => p !== null) : [])]} />
      <ContractFilters key={key} state={state} chooseMunicipality={chooseMunicipality} onChange={go} />
      {missing.length > 0 && (
        <Alert type="info">
          <Paragraph>De server kan nog niet op {missing.join(", ")}: de lijst hieronder is daarop niet aangepast.</Paragraph>
        </Alert>
      )}
      <div aria-live="polite" aria-busy={loading} className="sroi-results">
        {loading && <Loading what="Contracten worden opgehaald…" />}
        {error && <Failure message={error.message} retry={reload} />}
        {shown && (
          <>
            <ContractTable page={shown} contractor={session.role === "opdrachtnemer"} />
            <Paging page={shown} state={state} />
          </>
        )}
      </div>
    </>
  );
}
