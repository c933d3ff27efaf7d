// Issue 22's facts in Dutch: what a school leaver does by day, and the rules the facts' forms can break.
import type { components } from "../../api/ledger";
import { dutchRules } from "../../forms/fieldErrors";

type S = components["schemas"];

export const dayActivities: Record<S["DayActivity"], string> = {
  "at-school": "Op school (meestal mbo)",
  working: "Aan het werk",
  "supported-without-benefit": "In begeleiding, zonder uitkering",
  "supported-with-benefit": "In begeleiding, met bijstandsuitkering",
  "wmo-or-care": "Wmo-indicatie of indicatie zorgverzekering",
  "basic-qualification": "Startkwalificatie behaald",
  wajong: "Wajong-uitkering (UWV)",
  "under-investigation": "Wordt onderzocht door de gemeente",
  "early-school-leaver": "Voortijdig schoolverlater",
};

dutchRules({
  "candidate.benefit-act": "Kies de wet waaronder de uitkering valt.",
  "candidate.benefit-act-change-in-future": "De ingangsdatum ligt in de toekomst; leg vast wat al gebeurd is.",
  "candidate.benefit-act-change-before-registration": "De wijziging van de wet kan niet ingaan vóór de registratie van de kandidaat.",
  "candidate.benefit-act-change-out-of-order": "Er is al een wijziging van de wet vastgelegd op of na deze datum.",
  "candidate.benefit-act-unchanged": "De uitkering valt al onder deze wet.",
  "candidate.benefit-end-before-act-change": "De wet van de uitkering is op of na deze datum nog gewijzigd; de uitkering kan niet eerder eindigen.",
  "candidate.wsp-service": "Kies of het WSP de kandidaat begeleidt.",
  "candidate.wsp-service-change-in-future": "De ingangsdatum ligt in de toekomst; leg vast wat al gebeurd is.",
  "candidate.wsp-service-change-before-registration": "De begeleiding door het WSP kan niet wijzigen vóór de registratie van de kandidaat.",
  "candidate.wsp-service-change-out-of-order": "Er is al een wijziging van de begeleiding vastgelegd op of na deze datum.",
  "candidate.wsp-service-unchanged": "Dat is al zo vastgelegd voor deze kandidaat.",
  "candidate.day-activity-before-registration": "De dagbesteding kan niet ingaan vóór de registratie van de kandidaat.",
  "candidate.day-activity-in-future": "De ingangsdatum ligt in de toekomst; leg vast wat al gebeurd is.",
  "candidate.day-activity-out-of-order": "Er is al een dagbesteding vastgelegd op of na deze datum.",
  "candidate.day-activity-unchanged": "De kandidaat heeft deze dagbesteding al.",
  "programme.already-enrolled": "De kandidaat is al ingeschreven op dit traject.",
  "programme.ended": "Dit traject is afgelopen.",
  "programme.not-started": "Dit traject is op die datum nog niet begonnen.",
  "programme.not-registered": "Dit traject bestaat niet in uw gemeente.",
  "programme.not-enrolled": "De kandidaat is op die datum niet ingeschreven op dit traject.",
  "programme.enrolment-before-registration": "De inschrijving kan niet vóór de registratie van de kandidaat liggen.",
  "programme.enrolment-in-future": "De inschrijfdatum ligt in de toekomst; leg vast wat al gebeurd is.",
  "programme.enrolment-overlaps": "Deze inschrijving overlapt een eerdere op hetzelfde traject.",
  "programme.enrolment-end-in-future": "De einddatum ligt in de toekomst; leg het einde vast als het zover is.",
  "programme.enrolment-ends-before-start": "De einddatum ligt vóór de inschrijfdatum.",
  "programme.enrolment-ends-before-outcome": "Er is een resultaat vastgelegd na deze einddatum.",
  "programme.outcome-before-enrolment": "Het resultaat ligt vóór de inschrijving op het traject.",
  "programme.outcome-after-enrolment": "Het resultaat ligt na het einde van de inschrijving.",
  "programme.outcome-in-future": "De datum van het resultaat ligt in de toekomst.",
  "programme.outcome-not-counted": "Dit traject telt dit resultaat niet.",
  "programme.outcome-already-recorded": "Dit resultaat is al vastgelegd voor deze inschrijving.",
  "programme.outcome-twice": "Dit resultaat is al vastgelegd voor deze inschrijving.",
  "programme.outcome-not-recorded": "Dit resultaat is niet (meer) vastgelegd.",
  "programme.outcome-invalid": "Kies een resultaat dat het traject telt.",
});
