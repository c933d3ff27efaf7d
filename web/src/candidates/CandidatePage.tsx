// /dashboard/kandidaten/{n}: one candidate as GET /candidates/{n} answers — registration, trede history, benefit and
// placements — with the WSP's forms: a trede change, a new placement, and per placement correct, end (or correct the
// end) and withdraw. One form open at a time; each sends the version read here (If-Match), and after a change the page
// reads the candidate again, so it shows the service's state, not the form's guess.
import { useEffect, useState } from "react";
import { useLocation, useParams } from "react-router";
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

type Open = { form: "trede" } | { form: "placement" } | { form: PlacementAction; placementId: string } | null;

export function CandidatePage() {
  const { number = "" } = useParams();
  const session = useSession();
  const location = useLocation();
  const municipality = useMunicipalityName(session.municipality);
  // A number that could be a BSN is not even asked for: it would land in the service's logs.
  const refused = candidateNumberProblem(number);
  const candidate = useAnswer(
    (signal) => refused ? Promise.reject(new Error(refused)) : read(() => api.GET("/candidates/{candidateNumber}", { params: { path: { candidateNumber: number } }, signal })),
    [number]);
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>((location.state as { done?: string } | null)?.done ?? null);
  const canWrite = mayWrite("kandidaat-wijzigen", session.role);

  useEffect(() => {
    document.title = `Kandidaat ${number} — SROI-dashboard`;
  }, [number]);

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
          {canWrite && open === null && (
            <ButtonGroup className="sroi-actions">
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "trede" })}>Trede wijzigen</Button>
              <Button appearance="secondary-action-button" type="button" onClick={() => choose({ form: "placement" })}>Plaatsing registreren</Button>
            </ButtonGroup>
          )}
          {open?.form === "trede" && <TredeChangeForm {...common} current={c.trede} />}
          {open?.form === "placement" && <RecordPlacementForm {...common} />}
          {placement && open?.form === "correct" && <CorrectPlacementForm key={placement.id} {...common} placement={placement} describedAs={describe(placement)} />}
          {placement && open?.form === "end" && <EndPlacementForm {...common} placementId={placement.id} describedAs={describe(placement)} />}
          {placement && open?.form === "end-correction" && (
            <CorrectPlacementEndForm {...common} placementId={placement.id} endedOn={placement.endedOn ?? ""} describedAs={describe(placement)} />
          )}
          {placement && open?.form === "withdraw" && <WithdrawPlacementForm {...common} placementId={placement.id} describedAs={describe(placement)} />}
        </>
      )}
    </>
  );
}
