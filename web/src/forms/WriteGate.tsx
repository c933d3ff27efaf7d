// A form page for a person whose role may not use it: the page's heading, then why there is nothing to fill in and the
// way back, never the form (whose save the service would refuse with a 403). The form page itself, with its reads,
// is drawn only for a role the table in writers.ts allows.
import { useEffect, type ReactNode } from "react";
import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { useSession } from "../shell/SessionContext";
import { markLoaded } from "../shell/loaded";
import { mayWrite, onlyWho, roleNames, type WritePage } from "./writers";

interface Props {
  page: WritePage;
  /** The page's h1, shown in the refusal too. */
  title: string;
  /** Where the person came from: the contract's page, the candidates. */
  back: { href: string; label: string };
  children: ReactNode;
}

export function WriteGate({ page, title, back, children }: Props) {
  const session = useSession();
  const allowed = mayWrite(page, session.role);
  useEffect(() => {
    if (allowed) return;
    document.title = `${title} — SROI-dashboard`;
    markLoaded(true);
  }, [allowed, title]);
  if (allowed) return <>{children}</>;
  return (
    <>
      <Heading1>{title}</Heading1>
      <Refusal page={page} />
      <Paragraph>
        <Link href={back.href}>{back.label}</Link>
      </Paragraph>
    </>
  );
}

/** The sentence itself, also for a form inside a page others may read (the candidate's page). */
export function Refusal({ page }: { page: WritePage }) {
  const session = useSession();
  return (
    <Paragraph className="sroi-refusal">
      U kunt hier niets vastleggen: {onlyWho(page)}.{" "}
      {session.role ? `U bent aangemeld als ${roleNames[session.role]}.` : "U bent aangemeld zonder rol."}
    </Paragraph>
  );
}
