// /dashboard/contracten/{id}: everything the API knows of one contract — its facts, obligation and basis, amendments,
// balance, settlement, progress and reports — now, or as known on a chosen day (?bekendOp=, in the URL so a link
// shares it); with the actions the person's role may take from here.
import { useEffect } from "react";
import { useParams, useSearchParams } from "react-router";
import { Alert, Heading1, Heading2, Link, Paragraph } from "@utrecht/component-library-react";
import type { Role } from "../api/session";
import { useSession } from "../shell/SessionContext";
import { Failed, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { date } from "../format/dutch";
import { BalanceSection, SettlementSection } from "./BalanceSection";
import { ContractFacts } from "./ContractFacts";
import { ContractLinks } from "./ContractLinks";
import { KnownOnForm } from "./KnownOnForm";
import { dutchMoment, readKnownOn } from "./knownOn";
import { knownOnInUrl } from "../url/urlState";
import { loadContract, type ContractView } from "./loadContract";
import { progressPoints } from "./progress";
import { ProgressChart, ProgressTable } from "./ProgressChart";
import { ReportsTable } from "./ReportsTable";
import { PlanSection } from "../plan/PlanSection";

export function ContractPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const knownOnText = search.get("bekendOp");
  const knownOn = readKnownOn(knownOnText);
  const moment = knownOn && knownOn !== "invalid" ? knownOn : null;
  const answer = useAnswer((signal) => loadContract(id, session.role, moment?.instant ?? null, signal), [id, moment?.instant, session.role]);
  const contract = answer.data?.contract;

  useEffect(() => {
    document.title = `${contract ? `Contract ${contract.reference}` : "Contract"} — SROI-dashboard`;
  }, [contract]);

  const choose = (day: string | null) => {
    const next = new URLSearchParams(search);
    if (day) next.set("bekendOp", day);
    else next.delete("bekendOp");
    setSearch(next);
  };
  const when = moment ? (moment.wholeDay ? `zoals bekend op ${date(moment.date)}` : `zoals bekend op ${dutchMoment(moment.instant)}`) : null;

  return (
    <>
      <Paragraph>
        <Link href="/dashboard/contracten">← Contracten</Link>
      </Paragraph>
      <Heading1>{contract ? `Contract ${contract.reference}` : "Contract"}</Heading1>
      {contract && (
        <Paragraph appearance="lead">
          {contract.title} — {contract.contractor.name}
        </Paragraph>
      )}
      <KnownOnForm key={moment?.date ?? ""} date={moment?.date ?? ""} onChoose={choose}
        error={knownOn === "invalid" ? `${knownOnInUrl(knownOnText ?? "")} De pagina toont het contract zoals het nu is.` : null} />
      {when && (
        <Alert type="info">
          <Paragraph id="bekend-op-melding">
            U ziet dit contract {when}: saldo, rapportages, grafiek en afrekening zoals het grootboek ze toen kende.
          </Paragraph>
        </Alert>
      )}
      <div aria-live="polite" aria-busy={answer.loading}>
        {answer.loading && !answer.data && <Loading what="Contract wordt opgehaald…" />}
        {answer.error && <Failed error={answer.error} retry={answer.reload} />}
      </div>
      {answer.data && contract && (
        <ContractBody view={answer.data} role={session.role} past={moment !== null} heading={when} reload={answer.reload} />
      )}
    </>
  );
}

function ContractBody({ view, role, past, heading, reload }: {
  view: ContractView;
  role: Role | null;
  past: boolean;
  heading: string | null;
  reload: () => void;
}) {
  const { contract, balance, reports, municipalities, reviewers } = view;
  const municipalityName = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;
  const points = progressPoints(balance, reports);
  return (
    <>
      <ContractLinks contract={contract} balance={balance} role={role} past={past} />
      <ContractFacts contract={contract} municipalityName={municipalityName} />
      <BalanceSection balance={balance} heading={`SROI-saldo op ${date(balance.asOf)}${heading ? `, ${heading}` : ""}`} />
      <PlanSection contractId={contract.id} plan={balance.plan} role={role} version={past ? null : `"${contract.version}"`}
        term={{ startsOn: contract.startsOn, endsOn: contract.endsOn }} onChanged={reload} />
      <SettlementSection settlement={contract.settlement} />
      <section aria-labelledby="kop-voortgang">
        <Heading2 id="kop-voortgang">Geaccepteerd deel tegen verstreken termijn</Heading2>
        {points ? (
          <>
            <ProgressChart balance={balance} points={points} />
            <ProgressTable points={points} />
          </>
        ) : (
          <Paragraph className="sroi-empty">Dit contract heeft geen SROI-verplichting: er is geen voortgang te tonen.</Paragraph>
        )}
      </section>
      <section aria-labelledby="kop-rapportages">
        <Heading2 id="kop-rapportages">Rapportages</Heading2>
        <ReportsTable contractId={contract.id} reports={reports} reviewers={reviewers} role={role}
          version={past ? null : `"${contract.version}"`} onReviewed={reload} />
      </section>
    </>
  );
}
