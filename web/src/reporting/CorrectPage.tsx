// /dashboard/contracten/{id}/rapportages/{fid}/corrigeren: a report that was not yet accepted (pending, or rejected)
// is corrected with the same form, filled with its values; the correction replaces it and is valued anew. A pending
// one can also be withdrawn. An accepted report counts for the contract and is not changed here: the page says so.
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { Alert, Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { api, read, send } from "../api/client";
import type { components } from "../api/ledger";
import { date } from "../format/dutch";
import { Failure, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { ContractHeading } from "./ContractHeading";
import { statusLabels } from "./kinds";
import { ReportForm } from "./ReportForm";
import { fromReport } from "./reportValues";
import { ifMatch, readReportContext, todayInNetherlands } from "./useReportContext";
import { ValuedReport } from "./ValuedReport";
import { WithdrawForm } from "./WithdrawForm";

type Fulfilment = components["schemas"]["FulfilmentResponse"];

export function CorrectPage() {
  const { id = "", fid = "" } = useParams();
  const answer = useAnswer(async (signal) => {
    const [context, report] = await Promise.all([
      readReportContext(id, signal),
      read(() => api.GET("/contracts/{id}/fulfilments/{fid}", { params: { path: { id, fid } }, signal })),
    ]);
    return { ...context, report };
  }, [id, fid]);
  const [done, setDone] = useState<{ report: Fulfilment; what: "corrected" | "withdrawn" } | null>(null);

  useEffect(() => {
    document.title = "Rapportage corrigeren — SROI-dashboard";
  }, []);
  useEffect(() => setDone(null), [fid]);

  const data = answer.data;
  return (
    <>
      <Heading1>Rapportage corrigeren</Heading1>
      {answer.loading && !data && <Loading what="De rapportage wordt opgehaald…" />}
      {answer.error && <Failure message={answer.error.message} retry={answer.reload} />}
      {data && (
        <>
          <ContractHeading context={data} />
          {done ? (
            <Done id={id} done={done} />
          ) : data.report.status === "pending" || data.report.status === "rejected" ? (
            <>
              <Paragraph>
                Rapportage van {date(data.report.reportedOn)}, {statusLabels[data.report.status]}
                {data.report.rejectionReason && <> — reden van afwijzing: “{data.report.rejectionReason}”</>}. Pas de waarden aan en sla de
                correctie op: zij vervangt deze rapportage en wordt opnieuw gewaardeerd en beoordeeld.
              </Paragraph>
              <ReportForm key={data.report.id} initial={fromReport(data.report.kind, data.report.report)} tables={data.tables}
                today={todayInNetherlands()} submitLabel="Correctie opslaan"
                save={(body, key) => send(() => api.POST("/contracts/{id}/fulfilments/{fid}/correction", {
                  params: { path: { id, fid }, header: { "Idempotency-Key": key, "If-Match": ifMatch(data.contract) } }, body,
                }))}
                onSaved={(report) => setDone({ report, what: "corrected" })} />
              {data.report.status === "pending" && (
                <WithdrawForm contractId={id} fulfilmentId={fid} version={ifMatch(data.contract)}
                  onWithdrawn={(report) => setDone({ report, what: "withdrawn" })} />
              )}
            </>
          ) : (
            <NotCorrectable id={id} report={data.report} />
          )}
        </>
      )}
    </>
  );
}

function Done({ id, done }: { id: string; done: { report: Fulfilment; what: "corrected" | "withdrawn" } }) {
  return done.what === "corrected" ? (
    <>
      <Alert type="ok" role="status">
        <Paragraph>De correctie is opgeslagen en vervangt de rapportage. De WSP beoordeelt haar.</Paragraph>
      </Alert>
      <ValuedReport report={done.report} heading="Berekende waarde van de correctie" />
      <Paragraph>
        <Link href={`/dashboard/contracten/${id}/rapportages/${done.report.id}/corrigeren`}>De correctie nogmaals corrigeren</Link>
        {" · "}
        <Link href={`/dashboard/contracten/${id}`}>Naar het contract</Link>
      </Paragraph>
    </>
  ) : (
    <>
      <Alert type="ok" role="status">
        <Paragraph>De rapportage is ingetrokken en telt niet meer mee.</Paragraph>
      </Alert>
      <Paragraph>
        <Link href={`/dashboard/contracten/${id}/rapporteren`}>Een nieuwe rapportage doen</Link>
        {" · "}
        <Link href={`/dashboard/contracten/${id}`}>Naar het contract</Link>
      </Paragraph>
    </>
  );
}

/** Accepted, withdrawn or replaced: nothing to correct here, and why, in Dutch. */
function NotCorrectable({ id, report }: { id: string; report: Fulfilment }) {
  return (
    <>
      <Alert type="warning" role="status">
        {report.status === "accepted" ? (
          <Paragraph>
            Deze rapportage is al geaccepteerd{report.reviewedOn ? ` op ${date(report.reviewedOn)}` : ""} en telt mee voor het contract.
            Een geaccepteerde rapportage kunt u hier niet corrigeren of intrekken. Klopt er iets niet, neem dan contact op met de WSP
            van de gemeente.
          </Paragraph>
        ) : report.status === "withdrawn" ? (
          <Paragraph>Deze rapportage is ingetrokken; er valt niets meer aan te corrigeren.</Paragraph>
        ) : (
          <Paragraph>
            Deze rapportage is vervangen door een correctie
            {report.replacedBy && (
              <>
                {" "}(<Link href={`/dashboard/contracten/${id}/rapportages/${report.replacedBy}/corrigeren`}>naar de correctie</Link>)
              </>
            )}
            .
          </Paragraph>
        )}
      </Alert>
      <ValuedReport report={report} heading="De rapportage" />
      <Paragraph>
        <Link href={`/dashboard/contracten/${id}`}>Naar het contract</Link>
      </Paragraph>
    </>
  );
}
