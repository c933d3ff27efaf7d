// /dashboard/contracten/{id}/geschiedenis: the auditor's replay of one contract, event by event, as the ledger stores it
// (GET /contracts/{id}/history), optionally limited to what was recorded by a date ("Zoals bekend op", ?bekendOp=):
// the page then shows the contract and its balance as the ledger knew them then — the API's own asKnownOn answers.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { Link as RouterLink, useParams, useSearchParams } from "react-router";
import { Button, Heading1, Heading2, Link, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import type { components } from "../api/ledger";
import { Field } from "../forms/Field";
import { moment } from "../format/moment";
import { useAnswer } from "../shell/useAnswer";
import { Empty, Failure, Loading } from "../shell/States";
import { HistoryEventItem } from "./HistoryEventItem";
import { IntegrityFacts } from "./IntegrityFacts";
import { StateAfter } from "./StateAfter";
import { knownOnOf } from "./knownOn";
import { dateProblem, dateRange, knownOnInUrl } from "../url/urlState";
import "./history.css";
import { counted } from "../format/dutch";

// The endpoint also answers CSV (Accept: text/csv); the client asks for JSON, so the answer is the JSON document.
type ContractHistory = components["schemas"]["ContractHistory"];

/** The API's largest page: a contract's history is read whole. */
const pageSize = 1000;

export function HistoryPage() {
  const { id = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const known = knownOnOf(search.get("bekendOp"));
  const asKnownOn = known && known !== "invalid" ? known.instant : undefined;
  const [typed, setTyped] = useState(known && known !== "invalid" ? known.date : "");
  const [typedError, setTypedError] = useState<string | null>(null);

  useEffect(() => {
    document.title = "Geschiedenis — SROI-dashboard";
  }, []);
  useEffect(() => setTyped(known && known !== "invalid" ? known.date : ""), [search.get("bekendOp")]); // eslint-disable-line react-hooks/exhaustive-deps

  const answer = useAnswer(
    async (signal) => {
      const query = { pageSize, ...(asKnownOn ? { asKnownOn } : {}) };
      const history = (await read(() => api.GET("/contracts/{id}/history", { params: { path: { id }, query }, signal }))) as ContractHistory;
      // The balance as known then: the API's own answer, not a sum the page makes.
      const balance = history.total === 0 ? null
        : await read(() => api.GET("/contracts/{id}/balance", { params: { path: { id }, query: asKnownOn ? { asKnownOn } : {} }, signal }));
      return { history, balance };
    },
    [id, asKnownOn],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed && dateProblem(typed)) {
      setTypedError(`Kies een datum ${dateRange}, zoals 05-12-2026.`);
      return;
    }
    setTypedError(null);
    setSearch(typed ? { bekendOp: typed } : {});
  };

  // Arrow keys step from one event's disclosure button to the next or previous one; Tab works as everywhere.
  const step = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-step]"));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))]?.focus();
  };

  const data = answer.data;
  const contract = data?.history.contract ?? null;
  const states = new Map((data?.history.statesAfter ?? []).map((s) => [s.version, s]));
  const checkpoint = data?.history.checkpoint ?? null;

  return (
    <>
      <Heading1>Geschiedenis</Heading1>
      <Paragraph appearance="lead">
        {contract ? `${contract.reference} — ${contract.title}` : "Elke vastgelegde gebeurtenis van dit contract, met de stand erna."}{" "}
        <Link href={`/dashboard/contracten/${id}`}>Naar het contract</Link>
      </Paragraph>
      <form className="sroi-known-on" onSubmit={submit} noValidate>
        <Field
          id="bekend-op"
          label="Zoals bekend op"
          description="Toon alleen wat tot en met deze dag was vastgelegd, en de stand zoals die toen bekend was."
          error={typedError ? { dutch: typedError, server: null } : known === "invalid" ? { dutch: knownOnInUrl(search.get("bekendOp") ?? ""), server: null } : undefined}
        >
          <Textbox type="date" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </Field>
        <Button type="submit" appearance="primary-action-button">Toon</Button>
        {search.get("bekendOp") && (
          <RouterLink className="utrecht-link" to="?">Alles tonen</RouterLink>
        )}
      </form>
      <div aria-live="polite" aria-busy={answer.loading}>
        {answer.loading && <Loading what="De geschiedenis wordt opgehaald en de hashketen gecontroleerd…" />}
        {answer.error && <Failure message={answer.error.message} retry={answer.reload} />}
        {/* Nothing of the previous moment while the next is read: it would pass for the answer to what was asked. */}
        {data && !answer.loading && (
          <>
            <IntegrityFacts history={data.history} />
            <section aria-labelledby="stand" data-bekend-op={data.history.asKnownOn ?? ""}>
              <Heading2 id="stand">
                {asKnownOn ? `Stand zoals bekend op ${moment(asKnownOn)}` : "Stand nu"}
              </Heading2>
              {contract ? (
                <StateAfter
                  contract={contract}
                  balance={data.balance && {
                    asOf: data.balance.asOf, status: data.balance.status, obligationApplies: data.balance.obligationApplies,
                    obligation: data.balance.obligation, accepted: data.balance.accepted, pending: data.balance.pending,
                    rejected: data.balance.rejected, remaining: data.balance.remaining, percentage: data.balance.percentage ?? null,
                  }}
                />
              ) : data.history.foldProblem ? (
                <Failure message="De gebeurtenissen laten zich niet meer tot een stand optellen: er is aan gesleuteld." />
              ) : (
                <Empty>Op deze datum was over dit contract nog niets vastgelegd.</Empty>
              )}
            </section>
            <section aria-labelledby="gebeurtenissen">
              <Heading2 id="gebeurtenissen">Gebeurtenissen ({data.history.total})</Heading2>
              {data.history.total > data.history.events.length && (
                <Paragraph>De eerste {data.history.events.length} van {counted(data.history.total, "gebeurtenis", "gebeurtenissen")}.</Paragraph>
              )}
              {data.history.events.length === 0 ? (
                <Empty>Geen gebeurtenissen om te tonen.</Empty>
              ) : (
                <ol className="sroi-events" onKeyDown={step}>
                  {data.history.events.map((event) => (
                    <HistoryEventItem key={event.version} event={event} total={data.history.total}
                      state={states.get(event.version)} checkpoint={checkpoint} />
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}
