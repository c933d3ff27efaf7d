// The Dutch words for the plan of approach's codes, and which building blocks each kind has (the API's rule:
// Domain/Plans/PlanUnits.cs BlocksOf), so the form offers only blocks the service takes.
import type { components } from "../api/ledger";

type Schemas = components["schemas"];
export type Kind = Schemas["FulfilmentKind"];
export type Block = Schemas["BuildingBlockCode"];

export const unitLabels: Record<Schemas["PlanUnit"], string> = { persons: "personen", euros: "euro", hours: "uren" };

export const lineStatusLabels: Record<Schemas["PlanLineStatus"], string> = { met: "gehaald", open: "loopt", behind: "achter" };

export const revisionStatusLabels: Record<Schemas["PlanRevisionStatus"], string> = {
  submitted: "ingediend, wacht op beoordeling",
  approved: "goedgekeurd",
  returned: "teruggestuurd",
  superseded: "vervangen",
};

export const blockLabels: Record<Block, string> = {
  participatiewet: "Participatiewet",
  ww: "WW",
  wia: "WIA",
  banenafspraak: "Banenafspraak",
  "no-benefit": "zonder uitkering",
  "young-without-qualification": "jongere zonder startkwalificatie",
  "internship-mbo-hbo": "stage mbo/hbo",
  "internship-vso-pro": "stage vso/PrO",
  "bbl-level2-or-lower": "BBL niveau 2 of lager",
  "bbl-level3-or-higher": "BBL niveau 3 of hoger",
  "work-experience": "werkervaringsplaats",
};

export const blocksOf: Record<Kind, readonly Block[]> = {
  employment: ["participatiewet", "ww", "wia", "banenafspraak", "no-benefit", "young-without-qualification"],
  internship: ["internship-mbo-hbo", "internship-vso-pro"],
  bbl: ["bbl-level2-or-lower", "bbl-level3-or-higher"],
  "work-experience": ["work-experience"],
  "social-procurement": [],
  training: [],
  "social-activity": [],
};

/** What a line of the kind counts (Domain/Plans/PlanUnits.cs Of). */
export const unitOf = (kind: Kind): Schemas["PlanUnit"] =>
  kind === "social-procurement" || kind === "training" ? "euros" : kind === "social-activity" ? "hours" : "persons";
