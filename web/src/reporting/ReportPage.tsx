// /dashboard/contracten/{id}/rapporteren: the contractor (or the WSP) reports fulfilment of one kind; the service values
// it at once and the page shows that value and its breakdown. Sent with the contract's version (If-Match) and an
// Idempotency-Key, so a double click or a lost answer never makes two reports.
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { Alert, Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { Failure, Loading } from "../shell/States";
import { ContractHeading } from "./ContractHeading";
import { ReportForm } from "./ReportForm";
import { emptyValues } from "./reportValues";
import { ifMatch, todayInNetherlands, useReportContext } from "./useReportContext";
import { ValuedReport } from "./ValuedReport";

type Fulfilment = components["schemas"]["FulfilmentResponse"];

export function ReportPage() {
  const { id = "" } = useParams();
  const context = useReportContext(id);
  const [saved, setSaved] = useState<Fulfilment | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    document.title = "Rapporteren — SROI-dashboard";
  }, []);

  const contract = context.data?.contract;
  return (
    <>
      <Heading1>Rapporteren</Heading1>
      {context.loading && !context.data && <Loading what="Het contract wordt opgehaald…" />}
      {context.error && <Failure message={context.error.message} retry={context.reload} />}
      {context.data && contract && (
        <>
          <ContractHeading context={context.data} />
          {saved ? (
            <>
              <Alert type="ok" role="status">
                <Paragraph>De rapportage is opgeslagen. De WSP beoordeelt haar; tot dan kunt u haar corrigeren of intrekken.</Paragraph>
              </Alert>
              <ValuedReport report={saved} heading="Berekende waarde" />
              <Paragraph>
                <Link href={`/dashboard/contracten/${id}/rapportages/${saved.id}/corrigeren`}>Deze rapportage corrigeren</Link>
                {" · "}
                <Link href={`/dashboard/contracten/${id}/rapporteren`}
                  onClick={(e) => { e.preventDefault(); setSaved(null); setAttempt((n) => n + 1); }}>
                  Nog een rapportage
                </Link>
                {" · "}
                <Link href={`/dashboard/contracten/${id}`}>Naar het contract</Link>
              </Paragraph>
            </>
          ) : context.loading ? (
            // After a report the contract is read again: the next one is sent with its new version (If-Match).
            <Loading what="Het contract wordt opgehaald…" />
          ) : (
            <ReportForm key={attempt} initial={emptyValues("employment")} tables={context.data.tables} today={todayInNetherlands()}
              submitLabel="Rapportage opslaan"
              save={(body, key) => send(() => api.POST("/contracts/{id}/fulfilments", {
                params: { path: { id }, header: { "Idempotency-Key": key, "If-Match": ifMatch(contract) } }, body,
              }))}
              onSaved={(report) => { setSaved(report); context.reload(); }} />
          )}
        </>
      )}
    </>
  );
}
