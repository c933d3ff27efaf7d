// Dutch words for the candidate and placement values the API sends as codes, and for the rules its forms can break.
import type { components } from "../api/ledger";
import { dutchRules } from "../forms/fieldErrors";

type S = components["schemas"];

export const targetGroups: Record<S["TargetGroup"], string> = {
  participatiewet: "Participatiewet (gemeentelijke uitkering)",
  ww: "WW",
  wia: "WIA",
  banenafspraak: "Banenafspraak (doelgroepregister)",
  "no-benefit": "Zonder uitkering",
  "young-without-qualification": "Jongere zonder startkwalificatie",
};

export const benefitActs: Record<S["BenefitAct"], string> = {
  participatiewet: "Participatiewet",
  ioaw: "IOAW",
  ioaz: "IOAZ",
};

export const placementKinds: Record<S["PlacementKind"], string> = {
  regular: "Regulier werk",
  garantiebaan: "Garantiebaan",
  "beschut-werk": "Beschut werk",
  werkervaringsplaats: "Werkervaringsplaats",
  leerwerkplek: "Leerwerkplek",
  "self-employed": "Zelfstandig ondernemer",
};

export const placementChannels: Record<S["PlacementChannel"], string> = {
  wsp: "Via het WSP",
  sroi: "Via een SROI-contract",
  "job-market": "Via de arbeidsmarkt",
  "temp-agency": "Via een uitzendbureau",
  matcher: "Via een matcher",
  other: "Anders",
};

export const schoolTypes: Record<S["SchoolType"], string> = { pro: "Praktijkonderwijs", vso: "Voortgezet speciaal onderwijs (VSO)" };

export const benefitEndReasons: Record<S["BenefitEndReason"], string> = { "work-income": "Inkomen uit werk", other: "Andere reden" };

export const scopes: Record<S["ContractScope"], string> = { local: "lokaal", regional: "regionaal" };

export const treden = [1, 2, 3, 4, 5, 6] as const;

/** The participatieladder's steps, as the WSP names them. */
export const tredeNames: Record<number, string> = {
  1: "1 — geïsoleerd",
  2: "2 — sociale contacten buiten de deur",
  3: "3 — deelname georganiseerde activiteiten",
  4: "4 — onbetaald werk",
  5: "5 — betaald werk met ondersteuning",
  6: "6 — betaald werk",
};

export const keys = <K extends string>(labels: Record<K, string>) => Object.keys(labels) as K[];

dutchRules({
  "candidate.already-registered": "Er is al een kandidaat met dit nummer in uw gemeente.",
  "candidate.registered-in-future": "De registratiedatum ligt in de toekomst; leg vast wat al gebeurd is.",
  "candidate.benefit-in-no-benefit-group": "Een kandidaat zonder uitkering heeft geen datum 'uitkering sinds'.",
  "candidate.benefit-since-in-future": "De uitkering kan niet in de toekomst ingaan.",
  "candidate.benefit-act-without-municipal-benefit": "Een wet voor de uitkering hoort alleen bij een gemeentelijke uitkering (Participatiewet met 'uitkering sinds').",
  "candidate.school-year-in-future": "Dat schooljaar is nog niet begonnen.",
  "candidate.school-year-invalid": "Een schooljaar als 2017-2018.",
  "candidate.trede-change-before-registration": "De trede kan niet wijzigen vóór de registratie van de kandidaat.",
  "candidate.trede-change-in-future": "De ingangsdatum ligt in de toekomst; leg vast wat al gebeurd is.",
  "candidate.trede-change-out-of-order": "Er is al een tredewijziging op of na deze datum.",
  "candidate.trede-unchanged": "De kandidaat staat al op deze trede.",
  "candidate.trede-out-of-range": "Een trede van 1 tot en met 6.",
  "candidate.not-registered": "Deze kandidaat is niet geregistreerd.",
  "placement.before-registration": "Een plaatsing kan niet beginnen vóór de registratie van de kandidaat.",
  "placement.started-in-future": "De begindatum ligt in de toekomst; leg een plaatsing vast als het werk begonnen is.",
  "placement.ended-in-future": "De einddatum ligt in de toekomst; leg het einde vast als het zover is.",
  "placement.ends-before-start": "De einddatum ligt vóór de begindatum van de plaatsing.",
  "placement.already-ended": "Deze plaatsing is al beëindigd; corrigeer zo nodig het einde.",
  "placement.already-withdrawn": "Deze plaatsing is al ingetrokken.",
  "placement.not-ended": "Deze plaatsing is niet beëindigd; er is geen einde om te corrigeren.",
  "placement.correction-without-change": "De correctie verandert niets aan de plaatsing.",
  "placement.employer-by-kind": "Een werkgever hoort bij elke soort plaatsing behalve zelfstandig ondernemer.",
  "placement.self-employed-kind-change": "Een plaatsing als zelfstandig ondernemer kan niet in een andere soort worden gecorrigeerd (of andersom): trek haar in en registreer een nieuwe.",
  "placement.hours-out-of-range": "Meer dan 0 en ten hoogste het maximum aantal uren per week.",
  "placement.sroi-contract-required": "Kies het SROI-contract waaronder de plaatsing tot stand kwam.",
  "placement.sroi-contract-unknown": "Dit SROI-contract bestaat niet in uw gemeente.",
  "placement.sroi-contract-without-sroi-channel": "Alleen een plaatsing via een SROI-contract noemt een contract.",
});
