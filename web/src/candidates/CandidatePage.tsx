// /dashboard/kandidaten/{n}: one candidate as GET /candidates/{n} answers — registration, trede history, benefit and
// placements, programmes, school leaver and day activity — with the WSP's forms: a trede change, a new placement, and
// per placement correct, end (or correct the end) and withdraw; issue 22's facts: the benefit's act, the WSP's service,
// the day activity, and enrolments on programmes with their outcomes (record, withdraw). One form open at a time; each sends the version read here (If-Match), and after a change the page
// reads the candidate again, so it shows the service's state, not the form's guess.
import { useEffect, useRef, useState } from "react";
import { useLocation, useParams, useSearchParams } from "react-router";
import { Alert, Button, ButtonGroup, Heading1, Heading2, Link, Paragraph } from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import { Failure, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { useSession } from "../shell/SessionContext";
import { mayWrite } from "../forms/writers";
import { CandidateFacts } from "./CandidateFacts";
import { candidateNumberProblem } from "./candidateNumber";
import { CorrectPlacementEndForm } from "./CorrectPlacementEndForm";
import { CorrectPlacementForm } from "./CorrectPlacementForm";
import { EndPlacementForm } from "./EndPlacementForm";
import { describe, PlacementTable, type PlacementAction } from "./PlacementTable";
import { RecordPlacementForm } from "./RecordPlacementForm";
import { TredeChangeForm } from "./TredeChangeForm";
import { TredeHistory } from "./TredeHistory";
import { useMunicipalityName } from "./useMunicipalityName";
import { WithdrawPlacementForm } from "./WithdrawPlacementForm";
import { BenefitActForm } from "./facts/BenefitActForm";
import { DayActivityForm } from "./facts/DayActivityForm";
import { WspServiceForm } from "./facts/WspServiceForm";
import { EndEnrolmentForm } from "./programmes/EndEnrolmentForm";
import { EnrolForm } from "./programmes/EnrolForm";
import { OutcomeForm } from "./programmes/OutcomeForm";
import { ProgrammeTable, type ProgrammeAction } from "./programmes/ProgrammeTable";
import { programmeName, useProgrammes } from "./programmes/useProgrammes";
import { WithdrawOutcomeForm } from "./programmes/WithdrawOutcomeForm";

type Open =
  | { form: "trede" | "placement" | "benefit-act" | "wsp-service" | "day-activity" | "enrol" }
  | { form: PlacementAction; placementId: string }
  | ProgrammeAction
  | null;

export function CandidatePage() {
  const { number = "" } = useParams();
  const session = useSession();
  const location = useLocation();
  // An administrator reads a candidate of the municipality it names (?gemeente=, as the candidate list links).
  const [search] = useSearchParams();
  const named = session.role === "admin" ? search.get("gemeente") : null;
  const municipality = useMunicipalityName(session.municipality ?? named);
  // A number that could be a BSN is not even asked for: it would land in the service's logs.
  const refused = candidateNumberProblem(number);
  const candidate = useAnswer(
    (signal) => refused ? Promise.reject(new Error(refused)) : read(() => api.GET("/candidates/{candidateNumber}", {
      params: { path: { candidateNumber: number }, query: named ? { municipality: named } : {} }, signal })),
    [number, named]);
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>((location.state as { done?: string } | null)?.done ?? null);
  const canWrite = mayWrite("kandidaat-wijzigen", session.role);
  // The programmes' names and outcomes: for the WSP's forms and the enrolments' names.
  const programmes = useProgrammes();

  useEffect(() => {
    document.title = `Kandidaat ${number} — SROI-dashboard`;
  }, [number]);

  // The button that opened a form is gone once it is open (focus would fall to <body>): the opened form's heading takes
  // it, here for every form the page opens, so a keyboard or screen-reader user lands where the form begins.
  const forms = useRef<HTMLDivElement>(null);
  const opened = open ? JSON.stringify(open) : null;
  useEffect(() => {
    const heading = opened ? forms.current?.querySelector<HTMLElement>("h2") : null;
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [opened]);

  const finished = (message: string) => {
    setOpen(null);
    setDone(message);
    candidate.reload();
  };
  const choose = (next: Open) => {
    setDone(null);
    setOpen(next);
  };

  const c = candidate.data;
  const placement = open && "placementId" in open ? c?.placements.find((p) => p.id === open.placementId) : undefined;
  const common = c ? { candidateNumber: c.candidateNumber, version: c.version, onDone: finished, onCancel: () => setOpen(null) } : null;

  return (
    <>
      <Heading1>Kandidaat {number}</Heading1>
      <Paragraph>
        <Link href="/dashboard/kandidaten">Terug naar kandidaten</Link>
      </Paragraph>
      <div role="status" className="sroi-done">
        {done && <Alert type="ok"><Paragraph>{done}</Paragraph></Alert>}
      </div>
      {candidate.loading && !c && <Loading what="Kandidaat wordt opgehaald…" />}
      {refused && <Failure message={refused} />}
      {!refused && candidate.error && (
        <Failure message={candidate.error.status === 404 ? `Er is geen kandidaat ${number} in ${municipality}.` : candidate.error.message}
          retry={candidate.reload} />
      )}
      {c && common && (
        <>
          <CandidateFacts candidate={c} municipality={municipality} />
          {/* The tables below are named by these headings (aria-labelledby). */}
          <Heading2 id="tredeverloop-kop">Tredeverloop</Heading2>
          <TredeHistory treden={c.treden} />
          <Heading2 id="plaatsingen-kop">Plaatsingen</Heading2>
          <PlacementTable placements={c.placements} onAction={canWrite ? (placementId, form) => choose({ form, placementId }) : null} />
          <Heading2 id="trajecten-kop">Trajecten</Heading2>
          <ProgrammeTable enrolments={c.programmes} programmes={programmes} onAction={canWrite ? choose : null} />
          {canWrite && open === null && (
            <ButtonGroup className="sroi-actions">
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "trede" })}>Trede wijzigen</Button>
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "placement" })}>Plaatsing registreren</Button>
              {/* Only a municipal benefit has an act (the service refuses the others). */}
              {c.benefitAct && (
                <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "benefit-act" })}>Wet van de uitkering wijzigen</Button>
              )}
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "wsp-service" })}>Begeleiding wijzigen</Button>
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "day-activity" })}>Dagbesteding vastleggen</Button>
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "enrol" })}>Inschrijven op traject</Button>
            </ButtonGroup>
          )}
          <div ref={forms}>
          {open?.form === "trede" && <TredeChangeForm {...common} current={c.trede} />}
          {open?.form === "placement" && <RecordPlacementForm {...common} />}
          {placement && open?.form === "correct" && <CorrectPlacementForm key={placement.id} {...common} placement={placement} describedAs={describe(placement)} />}
          {placement && open?.form === "end" && <EndPlacementForm {...common} placementId={placement.id} describedAs={describe(placement)} />}
          {placement && open?.form === "end-correction" && (
            <CorrectPlacementEndForm {...common} placementId={placement.id} endedOn={placement.endedOn ?? ""} describedAs={describe(placement)} />
          )}
          {placement && open?.form === "withdraw" && <WithdrawPlacementForm {...common} placementId={placement.id} describedAs={describe(placement)} />}
          {open?.form === "benefit-act" && c.benefitAct && <BenefitActForm {...common} current={c.benefitAct} />}
          {open?.form === "wsp-service" && <WspServiceForm {...common} served={c.servedByWsp} />}
          {open?.form === "day-activity" && <DayActivityForm {...common} />}
          {open?.form === "enrol" && <EnrolForm {...common} programmes={programmes} />}
          {open?.form === "end-enrolment" && (
            <EndEnrolmentForm {...common} code={open.code} describedAs={programmeName(programmes, open.code)} />
          )}
          {open?.form === "outcome" && (
            <OutcomeForm {...common} code={open.code} describedAs={programmeName(programmes, open.code)}
              outcomes={programmes?.find((p) => p.code === open.code)?.outcomes ?? []} />
          )}
          {open?.form === "withdraw-outcome" && (
            <WithdrawOutcomeForm {...common} code={open.code} outcome={open.outcome} on={open.on} />
          )}
          </div>
        </>
      )}
    </>
  );
}
