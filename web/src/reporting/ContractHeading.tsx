// Which contract the page reports on, and the way back to it.
import { Link, Paragraph } from "@utrecht/component-library-react";
import { date } from "../format/dutch";
import type { ReportContext } from "./useReportContext";

export function ContractHeading({ context }: { context: ReportContext }) {
  const { contract, municipalityName } = context;
  return (
    <Paragraph appearance="lead">
      Contract <Link href={`/dashboard/contracten/${contract.id}`}>{contract.reference}</Link> — {contract.title}, gemeente{" "}
      {municipalityName}, looptijd {date(contract.startsOn)} tot en met {date(contract.endsOn)}.
    </Paragraph>
  );
}
