// Whether the stream can be trusted as shown: the hash chain recomputed over every event the stream holds now, and the
// municipality's newest signed checkpoint held to this stream (Auditing/History/StreamCheckpoint on the service).
import { Alert, Heading2, Paragraph } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { moment } from "../format/moment";
import { counted } from "../format/dutch";

type History = components["schemas"]["ContractHistory"];

const signatureWords: Record<string, string> = {
  valid: "de handtekening is geldig",
  invalid: "de handtekening is ongeldig (vervalst of gewijzigd)",
  "other-key": "ondertekend met een andere sleutel dan die van deze dienst",
  unreadable: "het controlepunt is onleesbaar",
};

export function IntegrityFacts({ history }: { history: History }) {
  const { chain, checkpoint } = history;
  return (
    <section aria-labelledby="integriteit">
      <Heading2 id="integriteit">Integriteit</Heading2>
      <dl className="sroi-state" data-keten={chain.intact ? "intact" : "gebroken"}>
        <dt>Hashketen</dt>
        <dd>
          {chain.intact
            ? `intact: ${counted(chain.eventsChecked, "gebeurtenis", "gebeurtenissen")} opnieuw berekend`
            : `gebroken vanaf gebeurtenis ${chain.firstBrokenVersion ?? "?"} (${counted(chain.eventsChecked, "gebeurtenis", "gebeurtenissen")} gecontroleerd)`}
        </dd>
        <dt>Nieuwste controlepunt</dt>
        <dd data-controlepunt={checkpoint ? (checkpoint.holds ? "klopt" : checkpoint.covers ? "klopt-niet" : "dekt-niet") : "geen"}>
          {!checkpoint
            ? "Er is voor deze gemeente nog geen controlepunt ondertekend."
            : `${moment(checkpoint.createdAt)}; ${signatureWords[checkpoint.signature] ?? checkpoint.signature}; ` +
              (!checkpoint.covers
                ? "het dekt dit contract niet (het contract is nieuwer)."
                : checkpoint.holds
                  ? `het dekt dit contract tot en met gebeurtenis ${checkpoint.version} en klopt.`
                  : `het dekt dit contract tot en met gebeurtenis ${checkpoint.version} maar klopt niet meer.`)}
        </dd>
      </dl>
      {checkpoint && checkpoint.discrepancies.length > 0 && (
        <Alert type="error">
          <Paragraph>Wat niet klopt:</Paragraph>
          <ul>
            {checkpoint.discrepancies.map((d) => (
              <li key={`${d.code}-${d.version}`}>
                Gebeurtenis {d.version}: <code>{d.code}</code> (<span lang="en">{d.detail}</span>)
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </section>
  );
}
