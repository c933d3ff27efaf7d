// /dashboard (everyone but the WSP, whose start is the worklist): where the contracts the person may see stand against
// their SROI obligations today — per status, per award year, and the contracts behind, worst first. One read of the
// API's aggregate (GET /reports/sroi-obligations) and the municipality table, whatever the number of contracts.
import { useEffect } from "react";
import { useSearchParams } from "react-router";
import { Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { api, ApiError, read } from "../api/client";
import { BarChart } from "../charts/BarChart";
import { counted, date, euro } from "../format/dutch";
import { choosesMunicipality, chosenMunicipality } from "../municipalities/chosen";
import { MunicipalityChoice } from "../municipalities/MunicipalityChoice";
import { loadMunicipalities, nameOf } from "../municipalities/names";
import { loadMunicipalitiesWithContracts } from "../municipalities/withContracts";
import { useMunicipalityLink } from "../municipalities/useMunicipalityLink";
import { useSession } from "../shell/SessionContext";
import { Empty, Failure, Loading } from "../shell/States";
import { useAnswer } from "../shell/useAnswer";
import { BehindTable, StatusTable, YearTable } from "./OverviewTables";
import { overviewHeading } from "./heading";

export function OverviewPage() {
  const session = useSession();
  const [search] = useSearchParams();
  const chosen = chosenMunicipality(search, session);
  const chooses = choosesMunicipality(session);
  const link = useMunicipalityLink();
  const answer = useAnswer(
    (signal) => Promise.all([
      read(() => api.GET("/reports/sroi-obligations", { params: { query: chosen ? { municipality: chosen } : {} }, signal })),
      loadMunicipalities(),
      chooses ? loadMunicipalitiesWithContracts() : Promise.resolve(null),
    ]),
    [chosen],
  );

  useEffect(() => {
    document.title = "Overzicht — SROI-dashboard";
  }, []);

  const [report, municipalities, withContracts] = answer.data ?? [null, [], null];
  // A code in no table and with no contracts is a mistake in the address: said, rather than shown as zeros.
  // The service answers such a code 404 (a municipality it does not know), which says the same.
  const notKnownToService = chosen !== null && answer.error instanceof ApiError && answer.error.status === 404;
  const unknown = notKnownToService
    || (chosen !== null && withContracts !== null && !withContracts.includes(chosen) && !municipalities.some((m) => m.code === chosen));
  const contractor = session.role === "opdrachtnemer";
  const heading = report && !unknown ? overviewHeading(session, chosen, report.municipalities.map((code) => nameOf(municipalities, code)), (code) => nameOf(municipalities, code)) : null;

  return (
    <>
      <Heading1>{heading?.title ?? "Overzicht"}</Heading1>
      {heading?.summed && <Paragraph id="opgeteld">{heading.summed}</Paragraph>}
      {chooses && (
        <MunicipalityChoice municipalities={municipalities} alsoCodes={report?.municipalities ?? []} chosen={chosen}
          only={contractor ? withContracts ?? [] : null}
          noneLabel={session.role === "admin" ? "Alle gemeenten" : "Alle gemeenten waar u een contract heeft"} />
      )}
      {answer.loading && <Loading what="De cijfers worden opgehaald…" />}
      {answer.error && !notKnownToService && <Failure message={answer.error.message} retry={answer.reload} />}
      {unknown && !answer.loading && (
        <Failure message={`Gemeente ${chosen} is onbekend. Kies een gemeente uit de lijst.`} />
      )}
      {report && !answer.loading && !unknown && (
        <>
          <Paragraph appearance="lead">
            Stand op {date(report.asOf)}: {counted(report.total.contracts, "contract", "contracten")}.
          </Paragraph>
          <section aria-labelledby="kop-status">
            <Heading2 id="kop-status">Contracten per SROI-status</Heading2>
            <StatusTable report={report} />
          </section>
          <section aria-labelledby="kop-jaar">
            <Heading2 id="kop-jaar">Verplichting en ingevuld deel per gunningsjaar</Heading2>
            <Paragraph id="uitleg-jaar">
              Het ingevulde deel telt per contract het geaccepteerde bedrag tot ten hoogste de verplichting van dat
              contract. Wat één contract méér doet dan nodig, maakt de achterstand van een ander dus niet goed. De
              achterstand is per contract de verplichting min het geaccepteerde bedrag (nooit minder dan nul), opgeteld.
            </Paragraph>
            {report.byAwardYear.length === 0 ? (
              <Empty>Nog geen contracten.</Empty>
            ) : (
              <>
                <BarChart
                  name="Staafdiagram: SROI-verplichting en ingevuld deel per gunningsjaar. De cijfers staan in de tabel hieronder."
                  caption="Verplichting en ingevuld deel (geaccepteerd tot de verplichting) per gunningsjaar, in euro's."
                  labels={report.byAwardYear.map((y) => String(y.year))}
                  bars={[
                    { label: "Verplichting", values: report.byAwardYear.map((y) => y.obligation), className: "sroi-chart__a" },
                    { label: "Ingevuld", values: report.byAwardYear.map((y) => y.acceptedUpToObligation), className: "sroi-chart__b" },
                  ]}
                  format={euro}
                />
                <YearTable report={report} />
              </>
            )}
          </section>
          <section aria-labelledby="kop-achter">
            <Heading2 id="kop-achter">Contracten met achterstand</Heading2>
            <BehindTable report={report} link={link} />
          </section>
        </>
      )}
    </>
  );
}

