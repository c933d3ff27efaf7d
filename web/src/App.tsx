import { BrowserRouter, Route, Routes } from "react-router";
import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { ContractListPage } from "./contracts/ContractListPage";
import { StartPage } from "./overview/StartPage";
import { PlacementsPage } from "./placements/PlacementsPage";
import { Shell } from "./shell/Shell";
import { markLoaded } from "./shell/loaded";
import { useEffect } from "react";

// The routes this app draws; the service serves its page on the same paths (Dashboard/WebApp.cs, Routes). The others
// under /dashboard are still the old pages', reached by plain links.
export function App() {
  return (
    <BrowserRouter>
      <Shell>
        <Routes>
          <Route path="/dashboard" element={<StartPage />} />
          <Route path="/dashboard/contracten" element={<ContractListPage />} />
          <Route path="/dashboard/plaatsingen" element={<PlacementsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Shell>
    </BrowserRouter>
  );
}

function NotFound() {
  useEffect(() => markLoaded(true), []);
  return (
    <>
      <Heading1>Pagina niet gevonden</Heading1>
      <Paragraph>
        Deze pagina bestaat niet. Ga naar het <Link href="/dashboard">overzicht</Link>.
      </Paragraph>
    </>
  );
}
