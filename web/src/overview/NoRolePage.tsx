import { useEffect } from "react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useSession } from "../shell/SessionContext";
import { markLoaded } from "../shell/loaded";

/** A person the identity provider knows but who has no role in the ledger yet (the service gives them a 403 everywhere). */
export function NoRolePage() {
  const session = useSession();
  useEffect(() => {
    document.title = "Nog geen rol — SROI-dashboard";
    markLoaded(true);
  }, []);
  return (
    <>
      <Heading1>Nog geen rol</Heading1>
      <Paragraph appearance="lead" id="geen-rol">
        U bent ingelogd als {session.name ?? "onbekende gebruiker"}, maar u heeft nog geen rol in het SROI-dashboard.
      </Paragraph>
      <Paragraph>
        Zonder rol kunt u geen contracten of cijfers inzien. Vraag de beheerder van het SROI-dashboard in uw organisatie
        (meestal de functioneel beheerder van inkoop of het werkgeversservicepunt) om u een rol te geven: inkoop, WSP,
        auditor of opdrachtnemer. Log daarna uit en opnieuw in.
      </Paragraph>
    </>
  );
}
