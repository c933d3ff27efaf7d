// /dashboard: where each person starts. The WSP's work is the worklist; someone signed in without a role sees who they
// are and whom to ask, and no figures (the API would refuse every read anyway); a regional coordinator its regions' report;
// everyone else the overview.
import { Navigate, useLocation } from "react-router";
import { OverviewPage } from "./OverviewPage";
import { NoRolePage } from "./NoRolePage";
import { RegionPage } from "../regions/RegionPage";
import { useSession } from "../shell/SessionContext";

export function StartPage() {
  const session = useSession();
  const location = useLocation();
  if (session.role === "wsp") return <Navigate replace to={`/dashboard/werklijst${location.search}`} />;
  if (session.role === null) return <NoRolePage />;
  if (session.role === "regiocoordinator") return <RegionPage />;
  return <OverviewPage />;
}
