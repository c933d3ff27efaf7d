import { BrowserRouter, Route, Routes, useParams } from "react-router";
import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { CandidatePage } from "./candidates/CandidatePage";
import { CandidateSearchPage } from "./candidates/CandidateSearchPage";
import { RegisterCandidatePage } from "./candidates/RegisterCandidatePage";
import { ContractListPage } from "./contracts/ContractListPage";
import { AmendContractPage } from "./procurement/AmendContractPage";
import { CompleteContractPage } from "./procurement/CompleteContractPage";
import { RegisterContractPage } from "./procurement/RegisterContractPage";
import { SettlementPage } from "./settlement/SettlementPage";
import { Confirmation } from "./shell/Confirmation";
import { ContractPage } from "./contract/ContractPage";
import { CorrectPage } from "./reporting/CorrectPage";
import { ReportPage } from "./reporting/ReportPage";
import { HistoryPage } from "./history/HistoryPage";
import { NotificationsPage } from "./notifications/NotificationsPage";
import { VerificationPage } from "./verification/VerificationPage";
import { StartPage } from "./overview/StartPage";
import { PlacementsPage } from "./placements/PlacementsPage";
import { Shell } from "./shell/Shell";
import { WriteGate } from "./forms/WriteGate";
import { markLoaded } from "./shell/loaded";
import { WorklistPage } from "./worklist/WorklistPage";
import { useEffect, type ReactNode } from "react";
import type { WritePage } from "./forms/writers";

// The routes this app draws; the service serves its page on the same paths (Dashboard/WebApp.cs, Routes). The others
// under /dashboard are still the old pages', reached by plain links.
export function App() {
  return (
    <BrowserRouter>
      <Shell>
        <Confirmation />
        <Routes>
          <Route path="/dashboard" element={<StartPage />} />
          <Route path="/dashboard/contracten" element={<ContractListPage />} />
          <Route path="/dashboard/contracten/nieuw" element={<WriteGate page="contract-registreren" title="Contract registreren" back={toContracts}><RegisterContractPage /></WriteGate>} />
          <Route path="/dashboard/contracten/:id/wijzigen" element={<ContractForm page="contract-wijzigen" title="Contract wijzigen"><AmendContractPage /></ContractForm>} />
          <Route path="/dashboard/contracten/:id/afronden" element={<ContractForm page="contract-afronden" title="Contract afronden"><CompleteContractPage /></ContractForm>} />
          <Route path="/dashboard/kandidaten" element={<CandidateSearchPage />} />
          <Route path="/dashboard/kandidaten/nieuw" element={<WriteGate page="kandidaat-registreren" title="Kandidaat registreren" back={toCandidates}><RegisterCandidatePage /></WriteGate>} />
          <Route path="/dashboard/kandidaten/:number" element={<CandidatePage />} />
          <Route path="/dashboard/werklijst" element={<WorklistPage />} />
          <Route path="/dashboard/contracten/:id/afrekening" element={<ContractForm page="afrekening" title="Afrekening vastleggen"><SettlementPage /></ContractForm>} />
          <Route path="/dashboard/contracten/:id" element={<GuidOnly><ContractPage /></GuidOnly>} />
          <Route path="/dashboard/contracten/:id/rapporteren" element={<ContractForm page="rapporteren" title="Rapporteren"><ReportPage /></ContractForm>} />
          <Route path="/dashboard/contracten/:id/rapportages/:fid/corrigeren" element={<ContractForm page="rapportage-corrigeren" title="Rapportage corrigeren"><CorrectPage /></ContractForm>} />
          <Route path="/dashboard/contracten/:id/geschiedenis" element={<GuidOnly><HistoryPage /></GuidOnly>} />
          <Route path="/dashboard/verificatie" element={<VerificationPage />} />
          <Route path="/dashboard/meldingen" element={<NotificationsPage />} />
          <Route path="/dashboard/plaatsingen" element={<PlacementsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Shell>
    </BrowserRouter>
  );
}

const toContracts = { href: "/dashboard/contracten", label: "Terug naar de contracten" };
const toCandidates = { href: "/dashboard/kandidaten", label: "Terug naar de kandidaten" };

/** A form on one contract: a role that may not use it is sent back to that contract's page. */
function ContractForm({ page, title, children }: { page: WritePage; title: string; children: ReactNode }) {
  const { id = "" } = useParams();
  return <GuidOnly><WriteGate page={page} title={title} back={{ href: `/dashboard/contracten/${id}`, label: "Terug naar het contract" }}>{children}</WriteGate></GuidOnly>;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A contract (or report) path whose id is no GUID is no page: the service answers it 404 ({id:guid} in WebApp.Routes),
// and the router, which has no such constraint, draws the same "Pagina niet gevonden".
function GuidOnly({ children }: { children: ReactNode }) {
  const { id, fid } = useParams();
  return [id, fid].every((value) => value === undefined || guid.test(value)) ? <>{children}</> : <NotFound />;
}

// Any other path under /dashboard; the service answers it with this page and status 404 (Dashboard/WebApp.cs).
function NotFound() {
  useEffect(() => {
    document.title = "Pagina niet gevonden — SROI-dashboard";
    markLoaded(true);
  }, []);
  return (
    <>
      <Heading1>Pagina niet gevonden</Heading1>
      <Paragraph>
        Deze pagina bestaat niet. Ga naar het <Link href="/dashboard">overzicht</Link>.
      </Paragraph>
    </>
  );
}
