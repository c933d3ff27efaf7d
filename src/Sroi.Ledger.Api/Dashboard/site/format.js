// Dutch notation for every figure on the pages: € 1.234,56; 13,7%; 1.731; 30-06-2024. Amounts arrive from the API as
// numbers with at most two decimals and are added up in whole cents, so a total is exact.

const euroFormat = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
const countFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const instantParts = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

export const cents = (amount) => Math.round(Number(amount) * 100);

/** € 1.234,56 from an amount in euros (a number from the API) */
export const euro = (amount) => euroFormat.format(Number(amount));

export const euroFromCents = (total) => euroFormat.format(total / 100);

export const count = (n) => countFormat.format(n);

/** 13,7% from a percentage the API already rounded to one decimal; an empty dash for null */
export const percent = (p) => (p === null || p === undefined ? "–" : `${percentFormat.format(p)}%`);

/** A share (0–1) as a percentage with one decimal, rounded half away from zero like the API. */
export const share = (part, whole) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** 30-06-2024 from 2024-06-30 */
export function date(iso) {
  if (!iso) return "–";
  const [y, m, d] = iso.split("-");
  return `${d}-${m}-${y}`;
}

/** 30-06-2024 14:05 (Amsterdam time) from an instant such as 2024-06-30T12:05:00Z */
export function instant(iso) {
  const parts = Object.fromEntries(instantParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Today in the Netherlands as 2024-06-30, the day the API's statuses are for. */
export function today() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric" })
      .formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Days from one ISO date to another (UTC arithmetic: no daylight-saving hour in between). */
export const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);

export const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

export const statusLabels = {
  "on-track": "op schema",
  behind: "achter",
  fulfilled: "vervuld",
  overdue: "verlopen",
  settled: "afgerekend",
  "not-applicable": "niet van toepassing",
};

export const reportStatusLabels = {
  pending: "in behandeling",
  accepted: "geaccepteerd",
  rejected: "afgewezen",
  withdrawn: "ingetrokken",
  replaced: "vervangen",
};

export const kindLabels = {
  employment: "dienstverband",
  internship: "stage",
  bbl: "BBL-traject",
  "work-experience": "werkervaringsplaats",
  "social-procurement": "sociaal inkopen",
  training: "opleiding",
  "social-activity": "maatschappelijke activiteit",
};

export const eventLabels = {
  "contract.registered.v1": "Contract geregistreerd",
  "contract.amended.v1": "Contractwaarde gewijzigd",
  "contract.completed.v1": "Werk afgerond",
  "contract.fulfilment-reported.v1": "Invulling gemeld",
  "contract.fulfilment-accepted.v1": "Melding geaccepteerd",
  "contract.fulfilment-rejected.v1": "Melding afgewezen",
  "contract.fulfilment-withdrawn.v1": "Melding ingetrokken",
  "contract.settled.v1": "Verplichting afgerekend",
};
