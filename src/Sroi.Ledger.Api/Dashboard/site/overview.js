// Overzicht: the municipality's contracts by where their SROI balance stands today, obligation against accepted per
// award year, and the contracts behind, worst first. Every figure is the API's: the list, then each contract's balance.
import { allContracts, get, inParallel } from "./api.js";
import { el, table, fill } from "./dom.js";
import { chartFigure, colours } from "./charts.js";
import { cents, count, daysBetween, euroFromCents, percent, share, statusLabels, date } from "./format.js";
import { chosenMunicipality, municipalityForm } from "./municipality.js";

const statusOrder = ["on-track", "behind", "fulfilled", "overdue", "settled", "not-applicable"];

export async function overviewPage(main, params) {
  const municipality = chosenMunicipality(params);
  const contracts = await allContracts(municipality);
  const balances = await inParallel(contracts, 6, (c) => get(`/contracts/${c.id}/balance`));
  const rows = contracts.map((contract, i) => ({ contract, balance: balances[i] }));
  const shown = municipality ?? contracts[0]?.municipality;
  document.title = "Overzicht — SROI-dashboard";

  const perYear = byAwardYear(rows);
  const chart = chartFigure({
    name: "Staafdiagram: SROI-verplichting en geaccepteerde invulling per gunningsjaar. De cijfers staan in de tabel hieronder.",
    caption: "Verplichting en geaccepteerd per gunningsjaar (alle contracten, in euro's).",
    config: {
      type: "bar",
      data: {
        labels: perYear.map((y) => y.year),
        datasets: [
          { label: "Verplichting", data: perYear.map((y) => y.obligation / 100), backgroundColor: colours.obligation },
          { label: "Geaccepteerd", data: perYear.map((y) => y.accepted / 100), backgroundColor: colours.accepted },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => euroFromCents(v * 100) } } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${euroFromCents(Math.round(c.raw * 100))}` } } },
      },
    },
  });

  fill(main,
    el("h1", {}, shown ? `Overzicht ${shown}` : "Overzicht alle gemeenten"),
    el("p", { class: "lead" }, `Stand op ${date(balances[0]?.asOf ?? null)}: ${count(contracts.length)} contracten.`),
    municipalityForm(params),
    el("section", { "aria-labelledby": "kop-status" },
      el("h2", { id: "kop-status" }, "Contracten per SROI-status"),
      statusTable(rows)),
    el("section", { "aria-labelledby": "kop-jaar" },
      el("h2", { id: "kop-jaar" }, "Verplichting en geaccepteerd per gunningsjaar"),
      perYear.length ? chart.figure : el("p", {}, "Nog geen contracten."),
      perYear.length ? yearTable(perYear) : null),
    el("section", { "aria-labelledby": "kop-achter" },
      el("h2", { id: "kop-achter" }, "Contracten met achterstand"),
      behindTable(rows)));
  if (perYear.length) chart.draw();
}

function statusTable(rows) {
  const totals = (subset) => [
    count(subset.length),
    euroFromCents(sum(subset, (r) => r.balance.obligation)),
    euroFromCents(sum(subset, (r) => r.balance.accepted)),
    euroFromCents(sum(subset, (r) => r.balance.pending)),
  ];
  return table({
    caption: "Aantal contracten en bedragen per status (vandaag)",
    attributes: { id: "per-status" },
    columns: [{ title: "Status" }, { title: "Aantal", number: true }, { title: "Verplichting", number: true },
      { title: "Geaccepteerd", number: true }, { title: "In behandeling", number: true }],
    rows: statusOrder.map((status) => ({
      attributes: { "data-status": status },
      cells: [statusLabels[status], ...totals(rows.filter((r) => r.balance.status === status))],
    })),
    footer: { attributes: { "data-status": "totaal" }, cells: ["Totaal", ...totals(rows)] },
  });
}

function byAwardYear(rows) {
  const years = new Map();
  for (const { contract, balance } of rows) {
    const year = contract.awardedOn.slice(0, 4);
    const y = years.get(year) ?? { year, contracts: 0, obligation: 0, accepted: 0 };
    y.contracts += 1;
    y.obligation += cents(balance.obligation);
    y.accepted += cents(balance.accepted);
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year.localeCompare(b.year));
}

const yearTable = (perYear) => table({
  caption: "Verplichting en geaccepteerd per gunningsjaar",
  attributes: { id: "per-jaar" },
  columns: [{ title: "Gunningsjaar" }, { title: "Contracten", number: true }, { title: "Verplichting", number: true },
    { title: "Geaccepteerd", number: true }, { title: "Geaccepteerd deel", number: true }],
  rows: perYear.map((y) => ({
    attributes: { "data-jaar": y.year },
    cells: [y.year, count(y.contracts), euroFromCents(y.obligation), euroFromCents(y.accepted), percent(share(y.accepted, y.obligation))],
  })),
});

/**
 * Behind, worst first: by the euros the accepted value lags behind the schedule (the obligation times the elapsed share
 * of the term, the same measure the API's status uses), so a large contract far behind comes before a small one.
 */
function behindTable(rows) {
  const behind = rows.filter((r) => r.balance.status === "behind").map((r) => {
    const { startsOn, endsOn, asOf } = r.balance;
    const termDays = daysBetween(startsOn, endsOn) + 1;
    const elapsedDays = daysBetween(startsOn, asOf);
    const lag = Math.round((cents(r.balance.obligation) * elapsedDays) / termDays) - cents(r.balance.accepted);
    return { ...r, lag, elapsed: share(elapsedDays, termDays) };
  }).sort((a, b) => b.lag - a.lag);
  if (behind.length === 0) return el("p", { id: "achter" }, "Geen contracten met achterstand.");
  return table({
    caption: "Contracten waarvan het geaccepteerde deel achterloopt op de verstreken termijn, grootste achterstand eerst",
    attributes: { id: "achter" },
    columns: [{ title: "Contract" }, { title: "Opdrachtnemer" }, { title: "Verplichting", number: true }, { title: "Geaccepteerd", number: true },
      { title: "Geaccepteerd deel", number: true }, { title: "Verstreken termijn", number: true }, { title: "Achterstand op schema", number: true }],
    rows: behind.map((r) => ({
      attributes: { "data-contract": r.contract.id },
      cells: [
        [el("a", { href: `/dashboard/contracten/${r.contract.id}` }, r.contract.reference), el("br"), r.contract.title],
        r.contract.contractor.name,
        euroFromCents(cents(r.balance.obligation)),
        euroFromCents(cents(r.balance.accepted)),
        percent(r.balance.percentage),
        percent(r.elapsed),
        euroFromCents(r.lag),
      ],
    })),
  });
}

const sum = (rows, amount) => rows.reduce((total, r) => total + cents(amount(r)), 0);
