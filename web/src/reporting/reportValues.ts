// The report form's values (text as typed) and the request body made of them. The form checks every field the service
// checks in the body (Api/Fulfilments/FulfilmentReportShape.cs: required per kind, hours above 0 and at most 60 a week
// or 10.000 for an activity, amounts above 0 and exact in Dutch notation, the period's order, text lengths, no BSN)
// before anything is sent; the service's 422 is left for what only it knows (dates within the term, overlaps).
import type { components } from "../api/ledger";
import { candidateNumberProblem } from "./candidateNumber";
import { parseDutchDecimal, toDutchDecimal } from "./dutchNumbers";
import { isPersonKind, type Kind } from "./kinds";

export type ReportBody = components["schemas"]["FulfilmentReport"];
type ReportShape = components["schemas"]["FulfilmentResponse"]["report"];

export interface ReportValues {
  kind: Kind;
  candidateNumber: string;
  targetGroup: string;
  level: string;
  hoursPerWeek: string;
  periodStart: string;
  periodEnd: string;
  age55Plus: boolean;
  workLimitation: boolean;
  hiredAfterVsoInternship: boolean;
  supplierKvk: string;
  supplierName: string;
  supplierRecognition: string;
  invoiceNumber: string;
  invoiceDate: string;
  amountExclVat: string;
  description: string;
  cost: string;
  hours: string;
  date: string;
}

export const emptyValues = (kind: Kind): ReportValues => ({
  kind, candidateNumber: "", targetGroup: "", level: "", hoursPerWeek: "", periodStart: "", periodEnd: "",
  age55Plus: false, workLimitation: false, hiredAfterVsoInternship: false, supplierKvk: "", supplierName: "",
  supplierRecognition: "", invoiceNumber: "", invoiceDate: "", amountExclVat: "", description: "", cost: "", hours: "", date: "",
});

/** The control of each field; the service's field paths map to the same ids (see `controls`). */
export const ids = {
  kind: "soort", candidateNumber: "kandidaatnummer", targetGroup: "doelgroep", level: "niveau", hoursPerWeek: "uren-per-week",
  periodStart: "periode-van", periodEnd: "periode-tot", age55Plus: "ouder-dan-55", workLimitation: "arbeidsbeperking",
  hiredAfterVsoInternship: "na-vso-stage", supplierKvk: "leverancier-kvk", supplierName: "leverancier-naam",
  supplierRecognition: "leverancier-erkenning", invoiceNumber: "factuurnummer", invoiceDate: "factuurdatum",
  amountExclVat: "bedrag-excl-btw", description: "omschrijving", cost: "kosten", hours: "uren", date: "datum",
} as const satisfies Record<keyof ReportValues, string>;

/** The service's field paths (its 400 `errors` keys, its 422 `field`) → the form's controls. */
export const controls: Record<string, string> = {
  kind: ids.kind, candidateNumber: ids.candidateNumber, targetGroup: ids.targetGroup, level: ids.level,
  hoursPerWeek: ids.hoursPerWeek, periodStart: ids.periodStart, periodEnd: ids.periodEnd, age55Plus: ids.age55Plus,
  workLimitation: ids.workLimitation, hiredAfterVsoInternship: ids.hiredAfterVsoInternship,
  "supplier.kvkNumber": ids.supplierKvk, "supplier.name": ids.supplierName, "supplier.recognition": ids.supplierRecognition,
  supplier: ids.supplierKvk, invoiceNumber: ids.invoiceNumber, invoiceDate: ids.invoiceDate, amountExclVat: ids.amountExclVat,
  description: ids.description, cost: ids.cost, hours: ids.hours, date: ids.date,
};

/** What each control is called, for the error summary's links. */
export const labels: Record<string, string> = {
  [ids.kind]: "Soort", [ids.candidateNumber]: "Kandidaatnummer", [ids.targetGroup]: "Doelgroep", [ids.level]: "Niveau",
  [ids.hoursPerWeek]: "Uren per week", [ids.periodStart]: "Periode van", [ids.periodEnd]: "Periode tot en met",
  [ids.age55Plus]: "55 jaar of ouder", [ids.workLimitation]: "Arbeidsbeperking", [ids.hiredAfterVsoInternship]: "In dienst na vso/pro-stage",
  [ids.supplierKvk]: "KvK-nummer leverancier", [ids.supplierName]: "Naam leverancier", [ids.supplierRecognition]: "Erkenning leverancier",
  [ids.invoiceNumber]: "Factuurnummer", [ids.invoiceDate]: "Factuurdatum", [ids.amountExclVat]: "Bedrag exclusief btw",
  [ids.description]: "Omschrijving", [ids.cost]: "Kosten", [ids.hours]: "Aantal uren", [ids.date]: "Datum",
};

export type Made = { body: ReportBody; problems: Record<string, string> };

/** The body for the values' kind (only that kind's fields), and the problems the form found itself, per control id. */
export function toBody(v: ReportValues): Made {
  const problems: Record<string, string> = {};
  const fail = (id: string, dutch: string) => void (problems[id] ??= dutch);
  /** A text the service requires (RequiredText: not blank, at most `max` characters); optional ones may be empty. */
  const text = (value: string, id?: string, max = 1000, required = true) => {
    const trimmed = value.trim();
    if (id && required && trimmed === "") fail(id, "Vul dit in.");
    else if (id && value.length > max) fail(id, `Ten hoogste ${max} tekens (nu ${value.length}).`);
    return trimmed === "" ? undefined : trimmed;
  };
  const date = (value: string, id: string, required = true) => {
    if (value === "") { if (required) fail(id, "Vul een datum in."); return undefined; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) { fail(id, "Dit is geen geldige datum."); return undefined; }
    return value;
  };
  /** Required, above 0 and at most `max`; typed but not a number: the form's own problem. */
  const decimal = (value: string, id: string, euro: boolean, max?: number) => {
    if (value.trim() === "") { fail(id, euro ? "Vul een bedrag in." : "Vul een aantal in."); return undefined; }
    const parsed = parseDutchDecimal(value, { euro });
    if (!parsed.ok) { fail(id, parsed.error); return undefined; }
    if (parsed.value <= 0) { fail(id, euro ? "Vul een bedrag groter dan € 0 in." : "Vul een aantal groter dan 0 in."); return undefined; }
    if (max !== undefined && parsed.value > max) { fail(id, `Ten hoogste ${max.toLocaleString("nl-NL")}.`); return undefined; }
    return parsed.value;
  };
  const chosen = (value: string, id: string, dutch: string) => (value === "" ? (fail(id, dutch), undefined) : value);
  const body: Record<string, unknown> = { kind: v.kind };
  if (isPersonKind(v.kind)) {
    const candidate = v.candidateNumber.trim();
    const problem = candidateNumberProblem(candidate);
    if (problem) problems[ids.candidateNumber] = problem;
    else if (candidate) body.candidateNumber = candidate;
    body.hoursPerWeek = decimal(v.hoursPerWeek, ids.hoursPerWeek, false, 60);
    body.periodStart = date(v.periodStart, ids.periodStart);
    body.periodEnd = date(v.periodEnd, ids.periodEnd);
    if (body.periodStart && body.periodEnd && v.periodEnd < v.periodStart)
      fail(ids.periodEnd, "De periode kan niet eindigen voordat zij begint.");
  }
  switch (v.kind) {
    case "employment":
      Object.assign(body, {
        targetGroup: chosen(v.targetGroup, ids.targetGroup, "Kies de doelgroep."), age55Plus: v.age55Plus, workLimitation: v.workLimitation,
        hiredAfterVsoInternship: v.hiredAfterVsoInternship,
      });
      break;
    case "internship":
      body.level = chosen(v.level, ids.level, "Kies het niveau.");
      break;
    case "bbl":
      Object.assign(body, { level: chosen(v.level, ids.level, "Kies het mbo-niveau."), age55Plus: v.age55Plus, workLimitation: v.workLimitation });
      break;
    case "social-procurement": {
      const kvk = text(v.supplierKvk, ids.supplierKvk);
      if (kvk && !/^\d{8}$/.test(kvk)) fail(ids.supplierKvk, "Een KvK-nummer heeft precies 8 cijfers.");
      body.supplier = {
        kvkNumber: kvk, name: text(v.supplierName, ids.supplierName, 200),
        recognition: chosen(v.supplierRecognition, ids.supplierRecognition, "Kies de erkenning van de leverancier."),
      };
      Object.assign(body, {
        invoiceNumber: text(v.invoiceNumber, ids.invoiceNumber, 100), invoiceDate: date(v.invoiceDate, ids.invoiceDate),
        amountExclVat: decimal(v.amountExclVat, ids.amountExclVat, true),
      });
      break;
    }
    case "training":
      Object.assign(body, {
        description: text(v.description, ids.description, 1000), cost: decimal(v.cost, ids.cost, true), date: date(v.date, ids.date, false),
      });
      break;
    case "social-activity":
      Object.assign(body, {
        description: text(v.description, ids.description, 1000), hours: decimal(v.hours, ids.hours, false, 10_000),
        date: date(v.date, ids.date, false),
      });
      break;
  }
  // A field left out is sent as absent (JSON.stringify drops undefined): the service names it when it is required.
  return { body: body as ReportBody, problems };
}

/** A report's values as the form shows them (a correction starts from the report it corrects). */
export function fromReport(kind: Kind, r: ReportShape): ReportValues {
  const shape = r as Partial<Record<string, unknown>> & { supplier?: { kvkNumber?: string; name?: string; recognition?: string } | null };
  const s = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
  const n = (value: unknown, euro: boolean) => (typeof value === "number" ? toDutchDecimal(value, { euro }) : "");
  return {
    kind,
    candidateNumber: s(shape.candidateNumber), targetGroup: s(shape.targetGroup), level: s(shape.level),
    hoursPerWeek: n(shape.hoursPerWeek, false), periodStart: s(shape.periodStart), periodEnd: s(shape.periodEnd),
    age55Plus: shape.age55Plus === true, workLimitation: shape.workLimitation === true,
    hiredAfterVsoInternship: shape.hiredAfterVsoInternship === true,
    supplierKvk: shape.supplier?.kvkNumber ?? "", supplierName: shape.supplier?.name ?? "",
    supplierRecognition: shape.supplier?.recognition ?? "", invoiceNumber: s(shape.invoiceNumber), invoiceDate: s(shape.invoiceDate),
    amountExclVat: n(shape.amountExclVat, true), description: s(shape.description), cost: n(shape.cost, true),
    hours: n(shape.hours, false), date: s(shape.date),
  };
}

/** The date the service values the report on (the table in force then): the period's start, the invoice or activity date. */
export function valuationDate(v: ReportValues): string | null {
  const date = isPersonKind(v.kind) ? v.periodStart : v.kind === "social-procurement" ? v.invoiceDate : v.date;
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}
