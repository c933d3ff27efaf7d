// /dashboard/contracten/{id}/afrekening: the WSP records how a contract's obligation is settled. The page shows what
// the service says is still owed (GET …/balance) and on what basis the obligation was set (GET /contracts/{id}), then
// the form; a contract already settled, or without an obligation, shows why there is nothing to record.
import { useEffect } from "react";
import { useParams } from "react-router";
import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import { Failure, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { SettledAlready } from "./SettledAlready";
import { SettlementFacts } from "./SettlementFacts";
import { SettlementForm } from "./SettlementForm";

export function SettlementPage() {
  const { id = "" } = useParams();
  useEffect(() => {
    document.title = "Afrekening vastleggen — SROI-dashboard";
  }, []);
  const answer = useAnswer(
    (signal) => Promise.all([
      read(() => api.GET("/contracts/{id}", { params: { path: { id } }, signal })),
      read(() => api.GET("/contracts/{id}/balance", { params: { path: { id } }, signal })),
    ]),
    [id],
  );
  const contractPage = `/dashboard/contracten/${id}`;

  return (
    <>
      <Heading1>Afrekening vastleggen</Heading1>
      {answer.loading && !answer.data && <Loading what="Het contract wordt opgehaald…" />}
      {answer.error && <Failure message={answer.error.message} retry={answer.reload} />}
      {answer.data && (() => {
        const [contract, balance] = answer.data;
        return (
          <>
            <Paragraph appearance="lead">
              {contract.reference}: {contract.title} — {contract.contractor.name}{" "}
              <Link href={contractPage}>Terug naar het contract</Link>
            </Paragraph>
            <SettlementFacts contract={contract} balance={balance} />
            {contract.settlement ? (
              <SettledAlready settlement={contract.settlement} />
            ) : !contract.obligation.applies ? (
              <Paragraph>Dit contract heeft geen SROI-verplichting: er is niets af te rekenen.</Paragraph>
            ) : (
              <SettlementForm contract={contract} balance={balance} />
            )}
          </>
        );
      })()}
    </>
  );
}
