// /dashboard/contracten: every contract the person may see, searched, filtered, sorted and paged by the service; the
// whole state in the URL (shareable; each change is a history entry, so the back button restores the one before).
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { api, read, ApiError } from "../api/client";
import type { components } from "../api/ledger";
import { useSession } from "../shell/SessionContext";
import { Failure, Loading } from "../shell/States";
import { markLoaded } from "../shell/loaded";
import { ContractFilters } from "./ContractFilters";
import { ContractTable } from "./ContractTable";
import { Paging } from "./Paging";
import { fromSearch, notYetApplied, toQuery, toSearch, type ListState } from "./listQuery";

type ContractPage = components["schemas"]["ContractPage"];
type View = { kind: "loading" } | { kind: "shown"; page: ContractPage } | { kind: "failed"; error: ApiError };

export function ContractListPage() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const key = search.toString();
  const state = fromSearch(search);
  const [view, setView] = useState<View>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    document.title = "Contracten — SROI-dashboard";
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setView({ kind: "loading" });
    markLoaded(false);
    read(() => api.GET("/contracts", { params: { query: toQuery(fromSearch(new URLSearchParams(key))) }, signal: abort.signal }))
      .then((page) => setView({ kind: "shown", page }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setView({ kind: "failed", error: error instanceof ApiError ? error : new ApiError(0, "Er ging iets mis bij het ophalen van de contracten.") });
      })
      .finally(() => {
        if (!abort.signal.aborted) markLoaded(true);
      });
    return () => abort.abort();
  }, [key, attempt]);

  const go = (next: ListState) => setSearch(toSearch(next));
  const missing = notYetApplied(state);
  // An administrator sees every municipality, a contractor its contracts in each; the others only their own.
  const chooseMunicipality = session.role === "admin" || (session.role === "opdrachtnemer" && !session.municipality);

  return (
    <>
      <Heading1>Contracten</Heading1>
      <Paragraph appearance="lead">
        {chooseMunicipality ? "Alle contracten die u mag inzien." : `De contracten van ${session.municipality ?? "uw organisatie"}.`}
      </Paragraph>
      <ContractFilters key={key} state={state} chooseMunicipality={chooseMunicipality} onChange={go} />
      {missing.length > 0 && (
        <Alert type="info">
          <Paragraph>
            De server kan nog niet op {missing.join(", ")}: de lijst hieronder is daarop niet aangepast.
          </Paragraph>
        </Alert>
      )}
      <div aria-live="polite" className="sroi-results">
        {view.kind === "loading" && <Loading what="Contracten worden opgehaald…" />}
        {view.kind === "failed" && <Failure message={view.error.message} retry={() => setAttempt((n) => n + 1)} />}
        {view.kind === "shown" && (
          <>
            <ContractTable page={view.page} />
            <Paging page={view.page} state={state} />
          </>
        )}
      </div>
    </>
  );
}
