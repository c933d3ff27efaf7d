// /dashboard/kandidaten: the WSP's candidates (GET /candidates: searched on the number's start, filtered, paged, all in
// the URL) and a look-up that opens a candidate by its whole number; the number is checked here first, so a BSN typed
// by mistake never reaches a URL or a log. An auditor reads candidates one at a time (the list is not theirs): the
// look-up only.
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Button, ButtonGroup, ButtonLink, Heading1, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { noErrors, type FormErrors } from "../forms/fieldErrors";
import { markLoaded } from "../shell/loaded";
import { useSession } from "../shell/SessionContext";
import { mayRead, mayWrite } from "../forms/writers";
import { candidateNumberProblem } from "./candidateNumber";
import { CandidateList } from "./list/CandidateList";
import { useMunicipalityName } from "./useMunicipalityName";

export function CandidateSearchPage() {
  const session = useSession();
  const municipality = useMunicipalityName(session.municipality);
  const navigate = useNavigate();
  const [number, setNumber] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const allowed = mayRead("kandidaten", session.role);
  const lists = allowed && session.role !== "auditor";

  useEffect(() => {
    document.title = "Kandidaten — SROI-dashboard";
    // The list marks the page loaded once its rows are in.
    if (!lists) markLoaded(true);
  }, [lists]);

  const open = (event: FormEvent) => {
    event.preventDefault();
    const text = number.trim();
    const problem = candidateNumberProblem(text);
    if (problem) {
      setErrors({ fields: { kandidaatnummer: { dutch: problem, server: null } }, general: [] });
      return;
    }
    void navigate(`/dashboard/kandidaten/${encodeURIComponent(text)}`);
  };

  if (!allowed)
    return (
      <>
        <Heading1>Kandidaten</Heading1>
        <Paragraph>Alleen het werkgeversservicepunt (WSP), auditors en beheerders zien kandidaten.</Paragraph>
      </>
    );

  return (
    <>
      <Heading1>Kandidaten</Heading1>
      <Paragraph appearance="lead">
        {/* An administrator has no municipality of their own: the list shows the one chosen below. */}
        De kandidaten van {session.municipality ? municipality : "de gekozen gemeente"}: elk onder het kandidaatnummer dat het WSP uitgaf, zonder
        naam, BSN of geboortedatum.
      </Paragraph>
      {mayWrite("kandidaat-registreren", session.role) && (
        <ButtonGroup>
          <ButtonLink appearance="primary-action-button" href="/dashboard/kandidaten/nieuw">
            Kandidaat registreren
          </ButtonLink>
        </ButtonGroup>
      )}
      {lists && <CandidateList admin={session.role === "admin"} />}
      <Heading2>Kandidaat opzoeken</Heading2>
      <form onSubmit={open} noValidate role="search" aria-label="Kandidaat opzoeken" className="sroi-form">
        <ErrorSummary errors={errors} labels={{ kandidaatnummer: "Kandidaatnummer" }} />
        <Field id="kandidaatnummer" label="Kandidaatnummer" error={errors.fields["kandidaatnummer"]}
          description="Het nummer dat het WSP de kandidaat gaf, zoals K-100234. Nooit een BSN.">
          <Textbox name="kandidaatnummer" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} />
        </Field>
        <Button type="submit" appearance="secondary-action-button">
          Openen
        </Button>
      </form>
    </>
  );
}
