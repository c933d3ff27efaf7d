// /dashboard/verificatie: the ledger verified now (GET /audit/verification: every stream re-folded, every hash chain
// recomputed, every event held to its signed commit and to the municipality's newest checkpoint), shown per
// municipality with any break. For auditors (their municipality) and administrators (all).
import { useEffect, useState } from "react";
import {
  Button, Heading1, Heading2, Link, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import { api, read } from "../api/client";
import { moment } from "../format/moment";
import { useSession } from "../shell/SessionContext";
import { useAnswer } from "../shell/useAnswer";
import { Failure, Loading } from "../shell/States";
import { markLoaded } from "../shell/loaded";
import { municipalityNames, nameOf } from "./municipalityNames";
import "./verification.css";
import { counted } from "../format/dutch";

const signatureWords: Record<string, string> = {
  valid: "geldig", invalid: "ongeldig", "other-key": "andere sleutel", unreadable: "onleesbaar",
};

/** contract-<id> → the contract's replay; other streams (policy, tables, candidates) have no page of their own. */
function StreamName({ stream }: { stream: string }) {
  const contract = /^contract-([0-9a-f-]{36})$/.exec(stream);
  return contract ? <Link href={`/dashboard/contracten/${contract[1]}/geschiedenis`}>{stream}</Link> : <code>{stream}</code>;
}

export function VerificationPage() {
  const session = useSession();
  const allowed = session.role === "auditor" || session.role === "admin";
  const [ranAt, setRanAt] = useState<string | null>(null);

  useEffect(() => {
    document.title = "Verificatie — SROI-dashboard";
    if (!allowed) markLoaded(true);
  }, [allowed]);

  const answer = useAnswer(
    async (signal) => {
      if (!allowed) return null;
      const [result, names] = await Promise.all([read(() => api.GET("/audit/verification", { signal })), municipalityNames()]);
      setRanAt(new Date().toISOString());
      return { result, names };
    },
    [allowed],
  );

  if (!allowed)
    return (
      <>
        <Heading1>Verificatie</Heading1>
        <Paragraph>Alleen auditors en beheerders verifiëren het grootboek.</Paragraph>
      </>
    );

  const data = answer.data;
  return (
    <>
      <Heading1>Verificatie</Heading1>
      <Paragraph appearance="lead">
        Elke gebeurtenisstroom opnieuw opgeteld, elke hashketen opnieuw berekend en getoetst aan de ondertekende
        vastleggingen en het nieuwste controlepunt van {session.role === "admin" ? "elke gemeente" : "uw gemeente"}.
      </Paragraph>
      <Button type="button" appearance="secondary-action-button" onClick={answer.reload} disabled={answer.loading}>
        Opnieuw verifiëren
      </Button>
      <div aria-live="polite" aria-busy={answer.loading}>
        {answer.loading && <Loading what="Het grootboek wordt geverifieerd…" />}
        {answer.error && <Failure message={answer.error.message} retry={answer.reload} />}
        {data?.result && !answer.loading && (
          <>
            <Heading2>{data.result.ok ? "Resultaat: in orde" : `Resultaat: niet in orde (${counted(data.result.discrepancies.length, "afwijking", "afwijkingen")})`}</Heading2>
            <Paragraph data-resultaat={data.result.ok ? "in-orde" : "niet-in-orde"}>
              Geverifieerd op {moment(ranAt)}: {counted(data.result.streams, "stroom", "stromen")} met {counted(data.result.events, "gebeurtenis", "gebeurtenissen")}.
            </Paragraph>
            <div className="sroi-scroll" role="region" aria-label="Verificatie per gemeente" tabIndex={0}>
              <Table className="sroi-verification">
                <TableCaption>Verificatie per gemeente</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>Stromen</TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>Gebeurtenissen</TableHeaderCell>
                    <TableHeaderCell scope="col">Controlepunt</TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>Afwijkingen</TableHeaderCell>
                    <TableHeaderCell scope="col">Resultaat</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.result.municipalities.map((m) => {
                    const checkpoint = data.result.checkpoints.find((c) => c.municipality === m.municipality);
                    return (
                      <TableRow key={m.municipality} data-gemeente={m.municipality}>
                        <TableHeaderCell scope="row">{nameOf(data.names, m.municipality)}</TableHeaderCell>
                        <TableCell numericColumn>{m.streams}</TableCell>
                        <TableCell numericColumn>{m.events}</TableCell>
                        <TableCell>
                          {checkpoint ? `${moment(checkpoint.createdAt)}, ${signatureWords[checkpoint.signature] ?? checkpoint.signature}` : "nog geen"}
                        </TableCell>
                        <TableCell numericColumn>{m.discrepancies}</TableCell>
                        <TableCell>{m.ok ? "in orde" : "niet in orde"}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
            {data.result.discrepancies.length > 0 && (
              <div className="sroi-scroll" role="region" aria-label="Afwijkingen" tabIndex={0}>
                <Table className="sroi-verification">
                  <TableCaption>Afwijkingen</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                      <TableHeaderCell scope="col">Stroom</TableHeaderCell>
                      <TableHeaderCell scope="col" numericColumn>Gebeurtenis</TableHeaderCell>
                      <TableHeaderCell scope="col">Code</TableHeaderCell>
                      <TableHeaderCell scope="col">Toelichting van de dienst</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.result.discrepancies.map((d) => (
                      <TableRow key={`${d.municipality}-${d.stream}-${d.version}-${d.code}`} data-stroom={d.stream}>
                        <TableCell>{nameOf(data.names, d.municipality)}</TableCell>
                        <TableCell><StreamName stream={d.stream} /></TableCell>
                        <TableCell numericColumn>{d.version}</TableCell>
                        <TableCell><code>{d.code}</code></TableCell>
                        <TableCell lang="en">{d.detail}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </>
        )}
      </div>
    </>
  );
}
