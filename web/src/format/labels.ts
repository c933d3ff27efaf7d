// Dutch words for the API's vocabularies, as the old pages use them (Dashboard/site/format.js).
import type { components } from "../api/ledger";

export const fulfilmentKindLabels: Record<components["schemas"]["FulfilmentKind"], string> = {
  employment: "dienstverband",
  internship: "stage",
  bbl: "BBL-traject",
  "work-experience": "werkervaringsplaats",
  "social-procurement": "sociaal inkopen",
  training: "opleiding",
  "social-activity": "maatschappelijke activiteit",
};
