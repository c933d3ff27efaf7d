// /dashboard/werklijst: what the WSP has to act on (GET /worklist: contracts behind, overdue, due for settlement, and
// reports to review), oldest first, one kind or all, paged by the service; the choice and the page in the URL. A report
// is accepted or rejected right here, and the list is read again so the reviewed item leaves it.
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { Alert, Heading1, Paragraph } from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import { municipalityNames } from "../shell/municipalityNames";
import { PageLinks } from "../shell/PageLinks";
import { useSession } from "../shell/SessionContext";
import { Failure, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { KindFilter } from "./KindFilter";
import { WorklistTable } from "./WorklistTable";
import { fromSearch, readSearch, toQuery, toSearch } from "./worklistQuery";
import { UrlNotice } from "../url/UrlNotice";
import { pageBeyond, type UrlProblem } from "../url/urlState";
import { mayRead } from "../forms/writers";
import { markLoaded } from "../shell/loaded";
import { municipalityParameter } from "../municipalities/chosen";

export function WorklistPage() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const key = search.toString();
  const { state, problems } = readSearch(search);
  const [done, setDone] = useState<string | null>(null);
  const allowed = mayRead("werklijst", session.role);

  useEffect(() => {
    document.title = "Werklijst — SROI-dashboard";
    if (!allowed) markLoaded(true);
  }, [allowed]);

  const answer = useAnswer(
    async (signal) => allowed ? Promise.all([
      read(() => api.GET("/worklist", { params: { query: toQuery(fromSearch(new URLSearchParams(key))) }, signal })),
      municipalityNames(),
    ]) : null,
    [key, allowed],
  );

  if (!allowed)
    return (
      <>
        <Heading1>Werklijst</Heading1>
        <Paragraph>Alleen het werkgeversservicepunt (WSP) en beheerders hebben een werklijst.</Paragraph>
      </>
    );

  // The list spans every municipality; a ?gemeente= the shell carries is only checked, so a mistyped code is said
  // (as the overview does) rather than silently passed over.
  const chosen = search.get(municipalityParameter)?.trim().toUpperCase() ?? "";
  const unknown: UrlProblem[] = answer.data && chosen !== "" && answer.data[1](chosen) === chosen
    ? [{ name: municipalityParameter, value: chosen, why: `gemeente ${chosen} is onbekend` }] : [];

  return (
    <>
      <Heading1>Werklijst</Heading1>
      <Paragraph appearance="lead">
        Wat op u wacht{session.role === "admin" ? " in alle gemeenten" : ""}, het oudste eerst: contracten die achterlopen,
        verlopen zijn met een tekort of afgerekend moeten worden, en rapportages om te beoordelen.
      </Paragraph>
      <UrlNotice problems={[...problems, ...unknown, ...(answer.data && !answer.loading
        ? [pageBeyond(state.page, answer.data[0].pageSize, answer.data[0].total)].filter((p) => p !== null) : [])]} />
      <KindFilter key={key} kind={state.kind} onChange={(kind) => setSearch(toSearch({ kind, page: 1 }))} />
      {/* Said after a review, while the list is read again without the reviewed report. */}
      <div role="status" className="sroi-done">
        {done && <Alert type="ok"><Paragraph>{done}</Paragraph></Alert>}
      </div>
      <div aria-busy={answer.loading} className="sroi-results">
        {answer.loading && <Loading what="De werklijst wordt opgehaald…" />}
        {answer.error && <Failure message={answer.error.message} retry={answer.reload} />}
        {answer.data && (
          <>
            <WorklistTable
              page={answer.data[0]}
              nameOf={answer.data[1]}
              filtered={state.kind !== null}
              onReviewed={(what) => {
                setDone(what);
                answer.reload();
              }}
            />
            <PageLinks page={answer.data[0].page} pageSize={answer.data[0].pageSize} total={answer.data[0].total}
              to={(n) => `?${toSearch({ ...state, page: n }).toString()}`} />
          </>
        )}
      </div>
    </>
  );
}
