// The frame of every page: skip link, header with the menu for the person's role, "Uitloggen" (a POST form with the
// session's anti-forgery token, as on the old pages) when signed in and "Inloggen" when not; the page itself only once
// the service said who is signed in.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useLocation, useSearchParams } from "react-router";
import { Button, Heading1, Link, PageHeader, Paragraph, SkipLink } from "@utrecht/component-library-react";
import { loadSession, onSessionEnded, signInHref, type Role, type Session } from "../api/session";
import { SessionContext } from "./SessionContext";
import { chosenMunicipality, withMunicipality } from "../municipalities/chosen";
import { Failure, Loading } from "./States";
import { markLoaded } from "./loaded";
import { UnreadBadge } from "../notifications/UnreadBadge";

const roleNames: Record<Role, string> = {
  inkoop: "inkoop", wsp: "WSP", auditor: "auditor", admin: "beheerder", opdrachtnemer: "opdrachtnemer", regiocoordinator: "regiocoördinator",
};

interface MenuItem {
  href: string;
  label: ReactNode;
  roles: readonly Role[] | "all";
}

// Placement figures are the WSP's, the auditor's and the administrator's (GET /reports/*).
const menu: readonly MenuItem[] = [
  { href: "/dashboard", label: "Overzicht", roles: "all" },
  // A regional coordinator's overview is its regions' report (regions/RegionPage); it reads no contract.
  { href: "/dashboard/werklijst", label: "Werklijst", roles: ["wsp", "admin"] },
  { href: "/dashboard/contracten", label: "Contracten", roles: ["inkoop", "wsp", "auditor", "admin", "opdrachtnemer"] },
  { href: "/dashboard/plaatsingen", label: "Plaatsingen", roles: ["wsp", "auditor", "admin"] },
  // Candidates are registered and changed by the WSP only (the API's writes); an auditor opens one from elsewhere.
  { href: "/dashboard/kandidaten", label: "Kandidaten", roles: ["wsp"] },
  // Procurement is sent no notifications (Notifications/FeedAudience).
  { href: "/dashboard/meldingen", label: <UnreadBadge />, roles: ["wsp", "auditor", "admin", "opdrachtnemer"] },
  { href: "/dashboard/verificatie", label: "Verificatie", roles: ["auditor", "admin"] },
];

type State = { kind: "loading" } | { kind: "signed-out"; ended: boolean } | { kind: "signed-in"; session: Session } | { kind: "unreachable" };

export function Shell({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  const location = useLocation();

  const load = useCallback(() => {
    setState({ kind: "loading" });
    markLoaded(false);
    loadSession().then(
      (session) => setState(session ? { kind: "signed-in", session } : { kind: "signed-out", ended: false }),
      () => setState({ kind: "unreachable" }),
    );
  }, []);

  useEffect(load, [load]);
  useEffect(() => onSessionEnded(() => setState({ kind: "signed-out", ended: true })), []);
  useEffect(() => {
    // Only the shell's own states are final here; a signed-in page marks itself when its data is drawn.
    if (state.kind === "signed-out" || state.kind === "unreachable") markLoaded(true);
    // A page sets its own title; the shell's own states theirs.
    if (state.kind === "signed-out") document.title = "Inloggen — SROI-dashboard";
    if (state.kind === "unreachable") document.title = "SROI-dashboard";
  }, [state.kind]);

  const here = location.pathname + location.search;
  const session = state.kind === "signed-in" ? state.session : null;
  // The municipality chosen on one page stays chosen on the next (?gemeente= on every menu link).
  const [search] = useSearchParams();
  const chosen = session ? chosenMunicipality(search, session) : null;

  return (
    <>
      <SkipLink href="#inhoud" className="utrecht-skip-link--visible-on-focus">Naar de inhoud</SkipLink>
      <PageHeader className="sroi-header">
        <div className="sroi-header__inner">
          <p className="sroi-brand">SROI-dashboard</p>
          {session ? (
            <nav aria-label="Hoofdmenu" className="sroi-menu">
              <ul>
                {menu
                  .filter((item) => item.roles === "all" || (session.role !== null && item.roles.includes(session.role)))
                  .map((item) => (
                    <li key={item.href}>
                      <Link href={withMunicipality(item.href, chosen)} aria-current={location.pathname === item.href ? "page" : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  ))}
              </ul>
              <span className="sroi-who">
                {session.name ?? "Onbekend"} ({session.role ? roleNames[session.role] : "geen rol"})
              </span>
              <form method="post" action="/dashboard/uitloggen" className="sroi-signout">
                <input type="hidden" name="__RequestVerificationToken" value={session.csrfToken} />
                <Button type="submit" appearance="secondary-action-button">
                  Uitloggen
                </Button>
              </form>
            </nav>
          ) : (
            state.kind !== "loading" && state.kind !== "unreachable" && (
              <Link href={signInHref(here)} className="sroi-signin">
                Inloggen
              </Link>
            )
          )}
        </div>
      </PageHeader>
      <main id="inhoud" tabIndex={-1} className="sroi-main" aria-busy={state.kind === "loading"}>
        {state.kind === "loading" && <Loading what="Het dashboard wordt geladen…" />}
        {state.kind === "unreachable" && (
          <>
            <Heading1>SROI-dashboard</Heading1>
            <Failure message="Het dashboard kan de server niet bereiken. Controleer uw verbinding en probeer het zo opnieuw." retry={load} />
          </>
        )}
        {state.kind === "signed-out" && (
          <>
            <Heading1>Inloggen</Heading1>
            {state.ended && <Failure message="Uw sessie is verlopen of beëindigd. Log opnieuw in." />}
            <Paragraph appearance="lead">
              Log in met het account van uw organisatie (rechtsboven). U ziet alleen wat uw rol mag inzien.
            </Paragraph>
          </>
        )}
        {session && <SessionContext.Provider value={session}>{children}</SessionContext.Provider>}
      </main>
    </>
  );
}
