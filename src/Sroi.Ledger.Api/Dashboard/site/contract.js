// Contract: its balance today, the accepted share against the elapsed share of the term over time, its reports with
// their review, and its history (events with actor and reason) for the roles that may read it.
import { get, ApiError } from "./api.js";
import { el, figures, message, table, fill } from "./dom.js";
import { chartFigure, colours } from "./charts.js";
import {
  addDays, cents, daysBetween, euro, euroFromCents, percent, share, date, instant,
  statusLabels, reportStatusLabels, kindLabels, eventLabels,
} from "./format.js";

export async function contractPage(main, id) {
  const [contract, balance, reports] = await Promise.all([
    get(`/contracts/${id}`), get(`/contracts/${id}/balance`), get(`/contracts/${id}/fulfilments`)]);
  // Not every role may read the history (a contractor may not): the page says so instead of failing.
  const history = await wholeHistory(id).catch((e) => (e instanceof ApiError && e.status === 403 ? null : Promise.reject(e)));
  document.title = `Contract ${contract.reference} — SROI-dashboard`;

  const progress = progressPoints(balance, reports.items);
  const chart = progress && progressChart(balance, progress);
  fill(main,
    el("p", {}, el("a", { href: "/dashboard" }, "← Overzicht")),
    el("h1", {}, `Contract ${contract.reference}`),
    el("p", { class: "lead" }, `${contract.title} — ${contract.contractor.name} (KvK ${contract.contractor.kvkNumber})`),
    figures([
      ["Contractwaarde", euro(contract.contractValue)],
      ["Gegund op", date(contract.awardedOn)],
      ["Termijn", `${date(contract.startsOn)} t/m ${date(contract.endsOn)}`],
      ["Categorie", contract.category],
    ]),
    el("section", { "aria-labelledby": "kop-saldo" },
      el("h2", { id: "kop-saldo" }, `SROI-saldo op ${date(balance.asOf)}`),
      figures([
        ["Verplichting", euro(balance.obligation), { "data-veld": "obligation" }],
        ["Geaccepteerd", euro(balance.accepted), { "data-veld": "accepted" }],
        ["In behandeling", euro(balance.pending), { "data-veld": "pending" }],
        ["Resterend", euro(balance.remaining), { "data-veld": "remaining" }],
        ["Geaccepteerd deel", percent(balance.percentage), { "data-veld": "percentage" }],
        ["Status", statusLabels[balance.status] ?? balance.status, { "data-veld": "status", class: `status-${statusLabels[balance.status]?.split(" ")[0]}` }],
      ], { id: "saldo" }),
      contract.obligation?.reason ? el("p", {}, `Grondslag (zoals vastgelegd): ${contract.obligation.reason}`) : null),
    el("section", { "aria-labelledby": "kop-voortgang" },
      el("h2", { id: "kop-voortgang" }, "Geaccepteerd deel tegen verstreken termijn"),
      chart ? chart.figure : el("p", {}, "Dit contract heeft geen SROI-verplichting: er is geen voortgang te tonen."),
      progress ? progressTable(progress) : null),
    el("section", { "aria-labelledby": "kop-meldingen" },
      el("h2", { id: "kop-meldingen" }, "Meldingen"),
      reportsTable(reports.items)),
    el("section", { "aria-labelledby": "kop-geschiedenis" },
      el("h2", { id: "kop-geschiedenis" }, "Geschiedenis"),
      history ? historyPart(history) : message("U mag de geschiedenis van dit contract niet inzien.")));
  chart?.draw();
}

/** Every event of the contract: the history is paged (at most 1000 a page), the chain is checked over the whole stream. */
async function wholeHistory(id) {
  const first = await get(`/contracts/${id}/history`, { pageSize: 1000 });
  const events = [...first.events];
  for (let page = 2; events.length < first.total; page++) {
    const next = await get(`/contracts/${id}/history`, { pageSize: 1000, page });
    if (next.events.length === 0) break;
    events.push(...next.events);
  }
  return { ...first, events };
}

/**
 * The accepted share on the term's first day, on each day a report was accepted (only reports still accepted count, as
 * in the balance), and today; with the elapsed share of the term on each (on day d, d − start of N days have passed).
 */
function progressPoints(balance, reports) {
  const obligation = cents(balance.obligation);
  if (!balance.obligationApplies || obligation === 0) return null;
  const termDays = daysBetween(balance.startsOn, balance.endsOn) + 1;
  const accepted = reports.filter((r) => r.status === "accepted" && r.reviewedOn).sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn));
  const days = [...new Set([balance.startsOn, ...accepted.map((r) => r.reviewedOn), balance.asOf])].sort();
  return days.map((day) => {
    const value = accepted.filter((r) => r.reviewedOn <= day).reduce((total, r) => total + cents(r.value), 0);
    const elapsed = Math.min(Math.max(daysBetween(balance.startsOn, day), 0), termDays);
    return { day, x: daysBetween(balance.startsOn, day), accepted: value, acceptedShare: share(value, obligation), elapsedShare: share(elapsed, termDays) };
  });
}

function progressChart(balance, points) {
  const termDays = daysBetween(balance.startsOn, balance.endsOn) + 1;
  const last = Math.max(termDays, points[points.length - 1].x);
  return chartFigure({
    name: `Lijngrafiek: geaccepteerd deel van de verplichting (nu ${percent(balance.percentage)}) tegen het verstreken deel van de termijn, ` +
      `${date(balance.startsOn)} tot ${date(balance.endsOn)}. De cijfers staan in de tabel hieronder.`,
    caption: "Boven de grijze lijn loopt het contract op schema, eronder achter.",
    config: {
      type: "line",
      data: {
        datasets: [
          { label: "Verstreken deel termijn", data: [{ x: 0, y: 0 }, { x: termDays, y: 100 }], borderColor: colours.elapsed, borderDash: [6, 4], pointRadius: 0 },
          { label: "Geaccepteerd deel", data: points.map((p) => ({ x: p.x, y: p.acceptedShare })), borderColor: colours.accepted,
            backgroundColor: colours.accepted, stepped: "after", pointRadius: 3 },
        ],
      },
      options: {
        scales: {
          x: { type: "linear", min: Math.min(0, points[0].x), max: last, ticks: { includeBounds: false, callback: (v) => date(addDays(balance.startsOn, v)) } },
          y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: (v) => `${v}%` } },
        },
        plugins: {
          tooltip: { callbacks: {
            title: (items) => date(addDays(balance.startsOn, items[0].raw.x)),
            label: (c) => `${c.dataset.label}: ${percent(c.raw.y)}`,
          } },
        },
      },
    },
  });
}

const progressTable = (points) => table({
  caption: "Geaccepteerd deel en verstreken deel van de termijn per datum",
  attributes: { id: "voortgang" },
  columns: [{ title: "Datum" }, { title: "Geaccepteerd", number: true }, { title: "Geaccepteerd deel", number: true }, { title: "Verstreken termijn", number: true }],
  rows: points.map((p) => [date(p.day), euroFromCents(p.accepted), percent(p.acceptedShare), percent(p.elapsedShare)]),
});

function reportsTable(items) {
  if (items.length === 0) return el("p", { id: "meldingen" }, "Nog geen meldingen.");
  return table({
    caption: "Meldingen van invulling in de volgorde waarin ze zijn gedaan",
    attributes: { id: "meldingen" },
    columns: [{ title: "Gemeld op" }, { title: "Soort" }, { title: "Waarde", number: true }, { title: "Beoordeling" }, { title: "Beoordeeld op" }, { title: "Toelichting" }],
    rows: items.map((r) => ({
      attributes: { "data-melding": r.id },
      cells: [date(r.reportedOn), kindLabels[r.kind] ?? r.kind, euro(r.value), reportStatusLabels[r.status] ?? r.status,
        date(r.reviewedOn), r.reviewNote ?? r.rejectionReason ?? r.withdrawalReason ?? ""],
    })),
  });
}

function historyPart(history) {
  const chain = history.chain.intact
    ? `Hashketen intact: ${history.chain.eventsChecked} gebeurtenissen gecontroleerd.`
    : `Hashketen verbroken vanaf versie ${history.chain.firstBrokenVersion}.`;
  return [
    el("p", { id: "hashketen", class: history.chain.intact ? null : "melding" }, chain),
    table({
      caption: "Gebeurtenissen zoals vastgelegd, met wie en waarom",
      attributes: { id: "geschiedenis" },
      // "Door" is the actor id the event recorded; "Wie" says it in words from the people directory ("M. de Vries (WSP
      // Rijswijk)", "API-sleutel (Inkoop Den Haag)"), and loses the name once the person is erased.
      columns: [{ title: "Versie", number: true }, { title: "Gebeurtenis" }, { title: "Vastgelegd" }, { title: "Door" }, { title: "Reden" }, { title: "Wie" }],
      rows: history.events.map((e) => [String(e.version), eventLabels[e.type] ?? e.type, instant(e.recordedAt), e.metadata?.actor ?? "",
        e.metadata?.reason ?? "", e.actorDisplay ?? ""]),
    }),
  ];
}
