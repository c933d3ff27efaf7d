// The Dutch words for the API's codes on the contract page.
import type { components } from "../api/ledger";

type Schemas = components["schemas"];

export const balanceStatusLabels: Record<Schemas["BalanceStatus"], string> = {
  "on-track": "op schema",
  behind: "achter",
  fulfilled: "vervuld",
  overdue: "verlopen",
  settled: "afgerekend",
  "not-applicable": "niet van toepassing",
};

export const contractStatusLabels: Record<Schemas["ContractStatus"], string> = { active: "lopend", completed: "afgerond" };

export const reportStatusLabels: Record<Schemas["FulfilmentStatus"], string> = {
  pending: "in behandeling",
  accepted: "geaccepteerd",
  rejected: "afgewezen",
  withdrawn: "ingetrokken",
  replaced: "vervangen",
};

export const kindLabels: Record<Schemas["FulfilmentKind"], string> = {
  employment: "dienstverband",
  internship: "stage",
  bbl: "BBL-traject",
  "work-experience": "werkervaringsplaats",
  "social-procurement": "sociaal inkopen",
  training: "opleiding",
  "social-activity": "maatschappelijke activiteit",
};

export const outcomeLabels: Record<Schemas["SettlementOutcome"], string> = {
  met: "verplichting nagekomen",
  penalty: "boete",
  "buy-off": "afkoop",
  waived: "kwijtgescholden",
};

export const scopeLabels: Record<Schemas["ContractScope"], string> = { regional: "regionaal", local: "lokaal" };
