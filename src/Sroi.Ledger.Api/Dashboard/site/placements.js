// Plaatsingen: placements per year from 2018 against the ambition (fulltime, parttime, via SROI, benefit ended), and the
// benefit recipients by trede on a chosen date, with the percentages as the API publishes them.
import { get, session } from "./api.js";
import { el, message, table, fill } from "./dom.js";
import { chartFigure, colours } from "./charts.js";
import { count, date, percent, today } from "./format.js";
import { chosenMunicipality, municipalityForm } from "./municipality.js";

const firstYear = 2018;

export async function placementsPage(main, params) {
  document.title = "Plaatsingen — SROI-dashboard";
  const municipality = chosenMunicipality(params);
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get("peildatum") ?? "") ? params.get("peildatum") : today();
  const heading = el("h1", {}, municipality ? `Plaatsingen ${municipality}` : "Plaatsingen");
  if (session.isAdmin() && !municipality) {
    fill(main, heading, municipalityForm(params, ["peildatum"]), el("p", {}, "Kies een gemeente om haar plaatsingen te zien."));
    return;
  }
  const [years, treden] = await Promise.all([
    get("/reports/placements", { from: firstYear, to: Number(today().slice(0, 4)), municipality }),
    get("/reports/trede-distribution", { asOf, municipality }),
  ]);
  const yearChart = placementsChart(years.years);
  const tredeChart = treden.total > 0 ? distributionChart(treden, asOf) : null;
  fill(main,
    heading,
    el("p", { class: "lead" }, `Gemeente ${years.municipality}: plaatsingen op werk per jaar van de startdatum, en de uitkeringsgerechtigden per trede.`),
    municipalityForm(params, ["peildatum"]),
    el("section", { "aria-labelledby": "kop-jaren" },
      el("h2", { id: "kop-jaren" }, `Plaatsingen per jaar tegen de ambitie, ${firstYear}–${years.years.at(-1).year}`),
      yearChart.figure,
      yearsTable(years)),
    el("section", { "aria-labelledby": "kop-treden" },
      el("h2", { id: "kop-treden" }, `Treden op ${date(asOf)}`),
      dateForm(params, asOf),
      tredeChart ? tredeChart.figure : message(`Op ${date(asOf)} waren er geen uitkeringsgerechtigden.`),
      tredeTable(treden, asOf)));
  yearChart.draw();
  tredeChart?.draw();
}

function placementsChart(years) {
  return chartFigure({
    name: "Staafdiagram: plaatsingen per jaar, met de ambitie als lijn. De cijfers staan in de tabel hieronder.",
    caption: "Plaatsingen per jaar (staven) en de ambitie van dat jaar (lijn); zonder ambitie geen punt.",
    config: {
      data: {
        labels: years.map((y) => String(y.year)),
        datasets: [
          { type: "bar", label: "Plaatsingen", data: years.map((y) => y.total), backgroundColor: colours.obligation, order: 2 },
          { type: "line", label: "Ambitie", data: years.map((y) => y.ambition), borderColor: colours.ambition, backgroundColor: colours.ambition,
            pointRadius: 5, pointStyle: "rectRot", spanGaps: false, order: 1 },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    },
  });
}

const orDash = (n) => (n === null || n === undefined ? "–" : count(n));

const yearsTable = (report) => table({
  caption: "Plaatsingen per jaar: totaal, ambitie, voltijd en deeltijd, via SROI en uitkering beëindigd na plaatsing",
  attributes: { id: "plaatsingen" },
  columns: [{ title: "Jaar" }, { title: "Plaatsingen", number: true }, { title: "Ambitie", number: true }, { title: "Verschil", number: true },
    { title: "Voltijd", number: true }, { title: "Deeltijd", number: true }, { title: "Via SROI", number: true }, { title: "Uitkering beëindigd", number: true }],
  rows: report.years.map((y) => ({
    attributes: { "data-jaar": y.year },
    cells: [String(y.year), count(y.total), orDash(y.ambition), y.difference === null ? "–" : signed(y.difference),
      count(y.fullTime), count(y.partTime), count(y.viaSroi), count(y.benefitEndedAfterPlacement)],
  })),
  footer: {
    attributes: { "data-jaar": "totaal" },
    cells: ["Totaal", count(report.total.total), orDash(report.total.ambition), report.total.difference === null ? "–" : signed(report.total.difference),
      count(report.total.fullTime), count(report.total.partTime), count(report.total.viaSroi), count(report.total.benefitEndedAfterPlacement)],
  },
});

const signed = (n) => (n > 0 ? `+${count(n)}` : count(n));

function dateForm(params, asOf) {
  const municipality = params.get("gemeente");
  return el("form", { class: "kiezen", method: "get", action: location.pathname },
    el("div", {}, el("label", { for: "peildatum" }, "Peildatum"), el("input", { id: "peildatum", name: "peildatum", type: "date", value: asOf, required: true })),
    municipality ? el("input", { type: "hidden", name: "gemeente", value: municipality }) : null,
    el("button", { type: "submit", class: "hoofd" }, "Tonen"));
}

function distributionChart(report, asOf) {
  return chartFigure({
    name: `Staafdiagram: uitkeringsgerechtigden per trede op ${date(asOf)}, ${count(report.total)} in totaal. De cijfers staan in de tabel hieronder.`,
    caption: "Aantal uitkeringsgerechtigden per trede van de participatieladder; het percentage staat bij elke staaf en in de tabel.",
    config: {
      type: "bar",
      data: {
        labels: report.treden.map((t) => [`Trede ${t.trede}`, percent(t.percentage)]),
        datasets: [{ label: "Uitkeringsgerechtigden", data: report.treden.map((t) => t.count), backgroundColor: colours.obligation }],
      },
      options: {
        scales: { y: { beginAtZero: true } },
        plugins: { tooltip: { callbacks: { label: (c) => `${count(c.raw)} (${percent(report.treden[c.dataIndex].percentage)})` } } },
      },
    },
  });
}

const tredeTable = (report, asOf) => table({
  caption: `Uitkeringsgerechtigden per trede op ${date(asOf)}`,
  attributes: { id: "treden" },
  columns: [{ title: "Trede" }, { title: "Aantal", number: true }, { title: "Percentage", number: true }],
  rows: report.treden.map((t) => ({ attributes: { "data-trede": t.trede }, cells: [`Trede ${t.trede}`, count(t.count), percent(t.percentage)] })),
  footer: { attributes: { "data-trede": "totaal" }, cells: ["Totaal", count(report.total), ""] },
});
