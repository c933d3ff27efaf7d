// A stand-in for the contract page (part CONTRACT builds the real one at /dashboard/contracten/{id}): where procurement's
// forms return to on this branch, with the saved notice, the figures the forms changed and the links to them. At the
// merge the real page takes the route and places <SavedNotice /> at its top.
import { useEffect } from "react";
import { useParams } from "react-router";
import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { date, euro } from "../format/dutch";
import { Failure, Loading } from "../shell/States";
import { SavedNotice } from "./SavedNotice";
import { useContract } from "./useContract";

export function ContractStandIn() {
  const { id = "" } = useParams();
  const contract = useContract(id);
  useEffect(() => {
    document.title = "Contract — SROI-dashboard";
  }, []);
  const c = contract.data;
  return (
    <>
      <SavedNotice />
      <Heading1>{c ? `Contract ${c.reference}` : "Contract"}</Heading1>
      {contract.loading && <Loading what="Het contract wordt opgehaald…" />}
      {contract.error && <Failure message={contract.error.message} retry={contract.reload} />}
      {c && (
        <>
          <Paragraph appearance="lead">{c.title} ({c.contractor.name})</Paragraph>
          <dl className="sroi-facts">
            <dt>Contractwaarde</dt>
            <dd>{euro(c.contractValue)}</dd>
            <dt>SROI-verplichting</dt>
            <dd>{c.obligation.applies ? euro(c.obligation.amount) : "Geen SROI-verplichting"}</dd>
            <dt>Status</dt>
            <dd>{c.status === "completed" ? `afgerond op ${date(c.completedOn)}` : "lopend"}</dd>
          </dl>
          {c.status === "active" && (
            <Paragraph>
              <Link href={`/dashboard/contracten/${c.id}/wijzigen`}>Wijzigen</Link>{" · "}
              <Link href={`/dashboard/contracten/${c.id}/afronden`}>Afronden</Link>
            </Paragraph>
          )}
        </>
      )}
    </>
  );
}
