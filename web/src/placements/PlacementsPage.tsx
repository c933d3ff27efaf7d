// /dashboard/plaatsingen: placements on work per year from 2018 against the ambition, the SROI placements of a period
// (regional and local), the trede flow of that period, and the benefit recipients by trede on a date — the API's
// published figures (GET /reports/*), each with its CSV. The municipality, the period and the date are in the URL.
import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import {
  Button, FormField, FormLabel, Heading1, Heading2, Heading3, Paragraph, Textbox,
} from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import type { components } from "../api/ledger";
import { BarChart } from "../charts/BarChart";
import { CsvButton } from "../exports/CsvButton";
import { count, date } from "../format/dutch";
import { choosesMunicipality, chosenMunicipality } from "../municipalities/chosen";
import { MunicipalityChoice } from "../municipalities/MunicipalityChoice";
import { loadMunicipalities, nameOf, useMunicipalityNames } from "../municipalities/names";
import { useSession } from "../shell/SessionContext";
import { Empty, Failure, Loading } from "../shell/States";
import { markLoaded } from "../shell/loaded";
import { useAnswer } from "../shell/useAnswer";
import { UrlNotice } from "../url/UrlNotice";
import { dateProblem, UrlReader } from "../url/urlState";
import { readPeriod, periodInDutch, periodQuery, periodSearch, withPeriod } from "./period";
import { PeriodForm } from "./PeriodForm";
import { SroiPlacementsTable, TredeFlowTables, TredenTable, YearsTable } from "./PlacementTables";

type Schemas = components["schemas"];

const firstYear = 2018;
/** GET /reports/* admits these roles (ReportEndpoints.Readers); the others are told so without asking. */
const readers = new Set(["wsp", "auditor", "admin"]);

/** Today in the Netherlands, as the API's dates (2026-12-05). */
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());

export function PlacementsPage() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const municipalities = useMunicipalityNames();
  const chosen = chosenMunicipality(search, session);
  useEffect(() => {
    document.title = "Plaatsingen — SROI-dashboard";
  }, []);

  const mayRead = session.role !== null && readers.has(session.role);
  const own = session.municipality ?? chosen;
  const title = own ? `Plaatsingen ${nameOf(municipalities, own)}` : "Plaatsingen";

  return (
    <>
      <Heading1>{title}</Heading1>
      {!mayRead ? (
        <NotForRole />
      ) : (
        <>
          {choosesMunicipality(session) && (
            <MunicipalityChoice municipalities={municipalities} chosen={chosen} noneLabel="Kies een gemeente" />
          )}
          {own ? (
            <Figures key={own} municipality={chosen} search={search} setSearch={setSearch} />
          ) : (
            <ChooseFirst />
          )}
        </>
      )}
    </>
  );
}

function NotForRole() {
  useEffect(() => markLoaded(true), []);
  return <Failure message="U mag deze gegevens niet inzien met uw rol: de plaatsingscijfers zijn voor het WSP, de auditor en de beheerder." />;
}

function ChooseFirst() {
  useEffect(() => markLoaded(true), []);
  return <Paragraph id="kies-gemeente">Kies een gemeente om haar plaatsingen te zien.</Paragraph>;
}

interface FiguresProps {
  /** The municipality to name to the API (an administrator's choice), or null: the key's own. */
  municipality: string | null;
  search: URLSearchParams;
  setSearch: (next: URLSearchParams) => void;
}

function Figures({ municipality, search, setSearch }: FiguresProps) {
  const thisYear = Number(today().slice(0, 4));
  const url = new UrlReader(search);
  const period = readPeriod(url, thisYear);
  const periodKey = new URLSearchParams(periodQuery(period) as Record<string, string>).toString();
  const asOf = url.date("peildatum") ?? today();
  const problems = url.problems();
  const scope = municipality ? { municipality } : {};
  // The answer carries what it was asked for: in the render between a new URL and the new read, the old figures must
  // not show under the new period or date.
  const askedFor = `${municipality ?? ""}|${periodKey}|${asOf}`;

  const answer = useAnswer(
    (signal) => Promise.all([
      read(() => api.GET("/reports/placements", { params: { query: { from: String(firstYear), to: String(thisYear), ...scope } }, signal }))
        .then((r) => r as Schemas["PlacementsRangeReport"]),
      // These reports answer CSV too (by Accept); the client asks for JSON, so the answer is the JSON shape.
      read(() => api.GET("/reports/sroi-placements", { params: { query: { ...periodQuery(period), ...scope } }, signal }))
        .then((r) => r as Schemas["SroiPlacementsReport"]),
      read(() => api.GET("/reports/trede-flow", { params: { query: { ...periodQuery(period), ...scope } }, signal }))
        .then((r) => r as Schemas["TredeFlowReport"]),
      read(() => api.GET("/reports/trede-distribution", { params: { query: { asOf, ...scope } }, signal }))
        .then((r) => r as Schemas["TredeDistributionReport"]),
      loadMunicipalities(),
      Promise.resolve(askedFor),
    ]),
    [municipality, periodKey, asOf],
  );

  if (answer.loading || (answer.data && answer.data[5] !== askedFor))
    return <><UrlNotice problems={problems} /><Loading what="De plaatsingscijfers worden opgehaald…" /></>;
  if (answer.error || !answer.data)
    return <><UrlNotice problems={problems} /><Failure message={answer.error?.message ?? "Geen antwoord."} retry={answer.reload} /></>;
  const [years, sroi, flow, treden, names] = answer.data;
  const inPeriod = periodInDutch(period, date);
  const reportUrl = (path: string, query: string) => `/api/v1/reports/${path}?${query}`;
  const scoped = (query: URLSearchParams) => {
    if (municipality) query.set("municipality", municipality);
    return query.toString();
  };

  return (
    <>
      <UrlNotice problems={problems} />
      <Paragraph appearance="lead">
        Gemeente {nameOf(names, years.municipality)}: plaatsingen op werk per jaar van de startdatum, de plaatsingen via
        SROI en de doorstroom op de participatieladder in een periode, en de uitkeringsgerechtigden per trede.
      </Paragraph>

      <section aria-labelledby="kop-jaren">
        <Heading2 id="kop-jaren">{`Plaatsingen per jaar tegen de ambitie, ${firstYear}–${years.to}`}</Heading2>
        <BarChart
          name="Staafdiagram: plaatsingen per jaar, met de ambitie als lijn. De cijfers staan in de tabel hieronder."
          caption="Plaatsingen per jaar (staven) en de ambitie van dat jaar (punten); zonder ambitie geen punt."
          labels={years.years.map((y) => String(y.year))}
          bars={[{ label: "Plaatsingen", values: years.years.map((y) => y.total), className: "sroi-chart__a" }]}
          line={{ label: "Ambitie", values: years.years.map((y) => y.ambition ?? null), className: "sroi-chart__line" }}
          format={(n) => count(Math.round(n))}
        />
        <YearsTable report={years} />
        <CsvButton url={reportUrl("placements", scoped(new URLSearchParams({ from: String(firstYear), to: String(years.to) })))}
          fileName={`plaatsingen-${years.municipality}-${firstYear}-${years.to}.csv`} what="plaatsingen per jaar" />
      </section>

      <section aria-labelledby="kop-periode">
        <Heading2 id="kop-periode">{`Plaatsingen via SROI en doorstroom in ${inPeriod}`}</Heading2>
        <PeriodForm key={periodKey} period={period} onChoose={(p) => setSearch(withPeriod(search, p))} />
        <Heading3 id="kop-sroi">Plaatsingen via SROI</Heading3>
        <Paragraph>
          Regionaal of lokaal is de reikwijdte van het contract waaronder iemand werd geplaatst.
        </Paragraph>
        <SroiPlacementsTable report={sroi} period={inPeriod} />
        <CsvButton url={reportUrl("sroi-placements", periodSearch(period, municipality))}
          fileName={`sroi-plaatsingen-${sroi.municipality}.csv`} what="plaatsingen via SROI" />
        <Heading3 id="kop-doorstroom">Doorstroom op de participatieladder</Heading3>
        <TredeFlowTables report={flow} period={inPeriod} />
        <CsvButton url={reportUrl("trede-flow", periodSearch(period, municipality))}
          fileName={`trede-doorstroom-${flow.municipality}.csv`} what="doorstroom op de participatieladder" />
      </section>

      <section aria-labelledby="kop-treden">
        <Heading2 id="kop-treden">{`Treden op ${date(asOf)}`}</Heading2>
        <AsOfForm key={asOf} asOf={asOf} onChoose={(d) => {
          const next = new URLSearchParams(search);
          next.set("peildatum", d);
          setSearch(next);
        }} />
        {treden.total === 0 && <Empty>{`Op ${date(asOf)} waren er geen uitkeringsgerechtigden.`}</Empty>}
        {treden.total > 0 && (
          <BarChart
            name={`Staafdiagram: uitkeringsgerechtigden per trede op ${date(asOf)}, ${count(treden.total)} in totaal. De cijfers staan in de tabel hieronder.`}
            caption="Aantal uitkeringsgerechtigden per trede van de participatieladder; de percentages staan in de tabel."
            labels={treden.treden.map((t) => `Trede ${t.trede}`)}
            bars={[{ label: "Uitkeringsgerechtigden", values: treden.treden.map((t) => t.count), className: "sroi-chart__a" }]}
            format={(n) => count(Math.round(n))}
          />
        )}
        <TredenTable report={treden} on={date(asOf)} />
        <CsvButton url={reportUrl("trede-distribution", scoped(new URLSearchParams({ asOf })))}
          fileName={`treden-${treden.municipality}-${asOf}.csv`} what="treden op de peildatum" />
      </section>
    </>
  );
}

function AsOfForm({ asOf, onChoose }: { asOf: string; onChoose: (date: string) => void }) {
  const [value, setValue] = useState(asOf);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The date field gives yyyy-mm-dd; one the service does not take is not asked for (the field keeps it).
    if (!dateProblem(value)) onChoose(value);
  };
  return (
    <form className="sroi-filters" aria-label="Peildatum kiezen" onSubmit={submit}>
      <FormField>
        <FormLabel htmlFor="peildatum">Peildatum</FormLabel>
        <Textbox id="peildatum" name="peildatum" type="date" required value={value} onChange={(e) => setValue(e.target.value)} />
      </FormField>
      <Button type="submit" appearance="primary-action-button">Treden tonen</Button>
    </form>
  );
}
