// The seven kinds of fulfilment and their words in Dutch; which fields each kind has follows the service's request
// schema per kind (Fulfilments/FulfilmentReportShape.cs, Fields).
import type { components } from "../api/ledger";

export type Kind = components["schemas"]["FulfilmentKind"];
export type TargetGroup = components["schemas"]["TargetGroup"];
export type Recognition = components["schemas"]["SupplierRecognition"];
export type Status = components["schemas"]["FulfilmentStatus"];

export const kinds: readonly Kind[] = [
  "employment", "internship", "bbl", "work-experience", "social-procurement", "training", "social-activity",
];

export const kindLabels: Record<Kind, string> = {
  employment: "Dienstverband (iemand uit een doelgroep in dienst)",
  internship: "Stage",
  bbl: "BBL-leerbaan",
  "work-experience": "Werkervaringsplaats",
  "social-procurement": "Social inkoop (factuur van een sociale onderneming)",
  training: "Opleiding of extra begeleiding",
  "social-activity": "Maatschappelijke activiteit",
};

export const targetGroupLabels: Record<TargetGroup, string> = {
  participatiewet: "Participatiewet (bijstand)",
  ww: "WW",
  wia: "WIA / WAO",
  banenafspraak: "Banenafspraak (doelgroepregister)",
  "no-benefit": "Zonder uitkering",
  "young-without-qualification": "Jongere zonder startkwalificatie",
};

export const internshipLevels = { mbo: "mbo", hbo: "hbo", vso: "vso", pro: "praktijkonderwijs" } as const;

export const recognitionLabels: Record<Recognition, string> = {
  "code-sociale-ondernemingen": "Code Sociale Ondernemingen",
  "social-enterprise-nl": "Social Enterprise NL",
  none: "Geen erkenning",
};

export const statusLabels: Record<Status, string> = {
  pending: "wacht op beoordeling", accepted: "geaccepteerd", rejected: "afgewezen", withdrawn: "ingetrokken", replaced: "vervangen",
};

/** The kinds about one person's work: a period, hours per week and an optional candidate number. */
export const personKinds: readonly Kind[] = ["employment", "internship", "bbl", "work-experience"];
export const isPersonKind = (kind: Kind) => personKinds.includes(kind);
