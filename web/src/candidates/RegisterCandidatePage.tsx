// /dashboard/kandidaten/nieuw: "Kandidaat registreren" — what POST /candidates takes, in the WSP's own municipality.
// Nothing about the person but a pseudonymous number, dates, trede and target group; a number that looks like a BSN is
// refused here, in Dutch, before it is sent.
import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ButtonGroup, Heading1, Link, Paragraph, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
import { api, send } from "../api/client";
import type { components } from "../api/ledger";
import { ErrorSummary } from "../forms/ErrorSummary";
import { Field } from "../forms/Field";
import { useChange } from "../forms/useChange";
import { Checks } from "../forms/checks";
import { markLoaded } from "../shell/loaded";
import { useSession } from "../shell/SessionContext";
import { candidateNumberProblem } from "./candidateNumber";
import { useMunicipalityName } from "./useMunicipalityName";
import { benefitActs, keys, schoolTypes, targetGroups, treden, tredeNames } from "./labels";
import { SaveButton } from "../forms/SaveButton";

type S = components["schemas"];
type Candidate = S["CandidateResponse"];

// The service's field paths → this form's controls (and the summary's words for each).
const controls = {
  candidateNumber: "nummer", registeredOn: "geregistreerd-op", trede: "trede", targetGroup: "doelgroep",
  benefitSince: "uitkering-sinds", benefitAct: "wet", servedByWsp: "begeleid", "schoolLeaver.schoolType": "schoolsoort",
  "schoolLeaver.schoolYearLeft": "schooljaar", schoolLeaver: "schoolsoort", municipality: "nummer",
};
const labels: Record<string, string> = {
  nummer: "Kandidaatnummer", "geregistreerd-op": "Registratiedatum", trede: "Trede", doelgroep: "Doelgroep",
  "uitkering-sinds": "Uitkering sinds", wet: "Wet van de uitkering", begeleid: "Begeleid door het WSP",
  schoolsoort: "Schoolverlater", schooljaar: "Schooljaar van uitstroom",
};

export function RegisterCandidatePage() {
  const session = useSession();
  const municipality = useMunicipalityName(session.municipality);
  const navigate = useNavigate();
  const change = useChange<Candidate>(controls);
  const [form, setForm] = useState({
    number: "", registeredOn: "", trede: "", targetGroup: "", benefitSince: "", benefitAct: "", served: "ja",
    schoolType: "", schoolYear: "",
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const errorAt = (id: string) => change.errors.fields[id];

  useEffect(() => {
    document.title = "Kandidaat registreren — SROI-dashboard";
    markLoaded(true);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = form.number.trim();
    // Every field the service requires (Candidates/RegisteringCandidate/RegisterCandidateEndpoint.cs), checked first.
    const check = new Checks();
    const problem = candidateNumberProblem(number);
    if (problem) check.fail("nummer", problem);
    check.date("geregistreerd-op", form.registeredOn);
    check.chosen("trede", form.trede, "Kies de trede.");
    check.chosen("doelgroep", form.targetGroup, "Kies de doelgroep.");
    check.date("uitkering-sinds", form.benefitSince, false);
    if (form.schoolType && check.text("schooljaar", form.schoolYear, 9) && !schoolYear(form.schoolYear.trim()))
      check.fail("schooljaar", "Schrijf het schooljaar als twee opeenvolgende jaren, zoals 2017-2018.");
    if (!check.ok) {
      change.refuse(check.errors);
      return;
    }
    const body: S["RegisterCandidateRequest"] = {
      candidateNumber: number,
      municipality: session.municipality ?? "",
      registeredOn: (form.registeredOn || null) as string,
      // Left empty, these go as they are, so the service names them (400) with everything else that is missing.
      trede: form.trede ? Number(form.trede) : (null as unknown as number),
      targetGroup: (form.targetGroup || null) as S["TargetGroup"],
      benefitSince: form.benefitSince || null,
      benefitAct: (form.benefitAct || null) as S["BenefitAct"] | null,
      servedByWsp: form.served === "ja",
      schoolLeaver: form.schoolType ? { schoolType: form.schoolType as S["SchoolType"], schoolYearLeft: form.schoolYear.trim() } : null,
    };
    const candidate = await change.run((key) =>
      send(() => api.POST("/candidates", { params: { header: { "Idempotency-Key": key } }, body })));
    if (candidate) void navigate(`/dashboard/kandidaten/${encodeURIComponent(candidate.candidateNumber)}`, { state: { done: "Kandidaat geregistreerd." } });
  };

  const municipal = form.targetGroup === "participatiewet";
  return (
    <>
      <Heading1>Kandidaat registreren</Heading1>
      <Paragraph>
        Registreer een kandidaat van {municipality} onder het kandidaatnummer van het WSP. Vul geen
        naam, BSN of geboortedatum in: het grootboek bewaart alles voor altijd. <Link href="/dashboard/kandidaten">Terug naar kandidaten</Link>
      </Paragraph>
      <form onSubmit={submit} noValidate aria-label="Kandidaat registreren" className="sroi-form">
        <ErrorSummary errors={change.errors} labels={labels} />
        <Field id="nummer" label="Kandidaatnummer" error={errorAt("nummer")}
          description="1 tot 20 letters, cijfers of streepjes, zoals K-100234. Nooit een BSN.">
          <Textbox autoComplete="off" required value={form.number} onChange={set("number")} />
        </Field>
        <Field id="geregistreerd-op" label="Registratiedatum" error={errorAt("geregistreerd-op")}>
          <Textbox type="date" required value={form.registeredOn} onChange={set("registeredOn")} />
        </Field>
        <Field id="trede" label="Trede" description="De trede op de participatieladder bij registratie." error={errorAt("trede")}>
          <Select required value={form.trede} onChange={set("trede")}>
            <SelectOption value="">Kies een trede</SelectOption>
            {treden.map((t) => <SelectOption key={t} value={String(t)}>{tredeNames[t]}</SelectOption>)}
          </Select>
        </Field>
        <Field id="doelgroep" label="Doelgroep" error={errorAt("doelgroep")}>
          <Select required value={form.targetGroup} onChange={set("targetGroup")}>
            <SelectOption value="">Kies een doelgroep</SelectOption>
            {keys(targetGroups).map((g) => <SelectOption key={g} value={g}>{targetGroups[g]}</SelectOption>)}
          </Select>
        </Field>
        <Field id="uitkering-sinds" label="Uitkering sinds (niet verplicht)" error={errorAt("uitkering-sinds")}
          description="Alleen als de kandidaat een uitkering heeft; leeg bij 'Zonder uitkering'.">
          <Textbox type="date" value={form.benefitSince} onChange={set("benefitSince")} />
        </Field>
        {municipal && (
          <Field id="wet" label="Wet van de uitkering (niet verplicht)" error={errorAt("wet")}
            description="Voor een gemeentelijke uitkering; zonder keuze de Participatiewet.">
            <Select value={form.benefitAct} onChange={set("benefitAct")}>
              <SelectOption value="">Participatiewet (standaard)</SelectOption>
              {keys(benefitActs).map((a) => <SelectOption key={a} value={a}>{benefitActs[a]}</SelectOption>)}
            </Select>
          </Field>
        )}
        <Field id="begeleid" label="Begeleid door het WSP" error={errorAt("begeleid")}
          description="Begeleidt het WSP de kandidaat naar werk?">
          <Select value={form.served} onChange={set("served")}>
            <SelectOption value="ja">Ja</SelectOption>
            <SelectOption value="nee">Nee</SelectOption>
          </Select>
        </Field>
        <Field id="schoolsoort" label="Schoolverlater" error={errorAt("schoolsoort")}
          description="Verliet de kandidaat het praktijkonderwijs of het VSO?">
          <Select value={form.schoolType} onChange={set("schoolType")}>
            <SelectOption value="">Nee</SelectOption>
            {keys(schoolTypes).map((t) => <SelectOption key={t} value={t}>{schoolTypes[t]}</SelectOption>)}
          </Select>
        </Field>
        {form.schoolType && (
          <Field id="schooljaar" label="Schooljaar van uitstroom" description="Zoals 2017-2018." error={errorAt("schooljaar")}>
            <Textbox autoComplete="off" required value={form.schoolYear} onChange={set("schoolYear")} />
          </Field>
        )}
        <ButtonGroup>
          <SaveButton type="submit" appearance="primary-action-button" busy={change.busy}>
            Kandidaat registreren
          </SaveButton>
        </ButtonGroup>
      </form>
    </>
  );
}

/** "2017-2018": two consecutive years, as the service takes them (Domain/Candidates/ProgrammeEvents.cs, SchoolYears). */
function schoolYear(text: string) {
  const match = /^(\d{4})-(\d{4})$/.exec(text);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}
