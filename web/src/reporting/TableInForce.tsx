// What a report of the chosen kind is worth under the municipality's building-block table in force on the report's
// date, and how the service will compute its value — so the contractor knows before saving what each field does. The
// service values the report itself (once, when it is saved); the page shows that value afterwards (ValuedReport).
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { counted, date, euro } from "../format/dutch";
import type { Kind, Recognition, TargetGroup } from "./kinds";
import { recognitionLabels, targetGroupLabels } from "./kinds";

export type Table = components["schemas"]["BuildingBlockTable"];
type BlockCode = components["schemas"]["BuildingBlockCode"];

/** The version in force on `day` (ISO): the latest that took effect on or before it. */
export function inForceOn(tables: readonly Table[], day: string): Table | null {
  return [...tables]
    .filter((t) => t.effectiveFrom <= day)
    .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : b.effectiveFrom < a.effectiveFrom ? -1 : 1))[0] ?? null;
}

const blockLabels: Record<BlockCode, string> = {
  ...(targetGroupLabels as Record<TargetGroup, string>),
  "internship-mbo-hbo": "Stage mbo/hbo",
  "internship-vso-pro": "Stage vso/praktijkonderwijs",
  "bbl-level2-or-lower": "BBL niveau 1 of 2",
  "bbl-level3-or-higher": "BBL niveau 3 of 4",
  "work-experience": "Werkervaringsplaats",
};

const blocksOf: Record<Kind, readonly BlockCode[]> = {
  employment: ["participatiewet", "ww", "wia", "banenafspraak", "no-benefit", "young-without-qualification"],
  internship: ["internship-mbo-hbo", "internship-vso-pro"],
  bbl: ["bbl-level2-or-lower", "bbl-level3-or-higher"],
  "work-experience": ["work-experience"],
  "social-procurement": [],
  training: [],
  "social-activity": [],
};

const hours = (value: number) => new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 }).format(value);

export function TableInForce({ table, kind, day }: { table: Table | null; kind: Kind; day: string }) {
  return (
    <section aria-labelledby="tabel-kop" className="sroi-table-in-force">
      <Heading2 id="tabel-kop">Zo wordt de waarde berekend</Heading2>
      {table === null ? (
        <Paragraph>
          Op {date(day)} geldt geen bouwblokkentabel van deze gemeente. Een rapportage met die datum kan niet worden gewaardeerd;
          kies een latere datum of vraag de WSP een tabel vast te leggen.
        </Paragraph>
      ) : (
        <>
          <Paragraph>
            Bouwblokkentabel <strong>{table.name}</strong> (versie {table.version}, geldig vanaf {date(table.effectiveFrom)}), die
            geldt op {date(day)}: de datum waarop uw rapportage wordt gewaardeerd.
          </Paragraph>
          <Explanation table={table} kind={kind} />
          <Paragraph className="sroi-muted">De dienst berekent de waarde bij het opslaan; u ziet die daarna op deze pagina.</Paragraph>
        </>
      )}
    </section>
  );
}

function Explanation({ table, kind }: { table: Table; kind: Kind }) {
  const fullTime = hours(table.hoursPerFullTimeWeek);
  const blocks = blocksOf[kind].map((code) => ({ code, block: table.blocks.find((b) => b.code === code) ?? null }));
  switch (kind) {
    case "social-procurement":
      return (
        <>
          <Paragraph>Telt voor een deel van het factuurbedrag exclusief btw, naar de erkenning van de leverancier:</Paragraph>
          <UnorderedList>
            {table.socialProcurementShares.map((s) => (
              <UnorderedListItem key={s.recognition}>
                {recognitionLabels[s.recognition as Recognition]}: {hours(s.percentage)}% van het bedrag
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>Eén factuur (KvK-nummer en factuurnummer) telt maar één keer, over alle contracten.</Paragraph>
        </>
      );
    case "training":
      return <Paragraph>Telt voor de werkelijke kosten exclusief btw die u opgeeft.</Paragraph>;
    case "social-activity":
      return table.socialActivityPerHour == null ? (
        <Paragraph>Deze tabel geeft maatschappelijke activiteiten geen waarde: de rapportage wordt vastgelegd met € 0,00.</Paragraph>
      ) : (
        <Paragraph>Telt voor {euro(table.socialActivityPerHour)} per uur × het aantal uren.</Paragraph>
      );
    default:
      return (
        <>
          <UnorderedList>
            {blocks.map(({ code, block }) => (
              <UnorderedListItem key={code}>
                {blockLabels[code]}:{" "}
                {block
                  ? `${euro(block.valuePerYear)} per jaar, ${block.capMonths == null ? "zonder maximum" : `ten hoogste ${counted(block.capMonths, "maand", "maanden")}`} per kandidaat`
                  : "geen bouwblok in deze tabel: gewaardeerd op € 0,00"}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>
            Waarde = bedrag per jaar × uren per week / {fullTime} (meer dan {fullTime} uur telt als {fullTime}) × dagen in de periode / 365;
            de eerste en de laatste dag tellen mee. Met een kandidaatnummer telt een bouwblok per kandidaat ten hoogste zijn maanden
            over al diens rapportages op dit contract; periodes van dezelfde kandidaat mogen niet overlappen.
          </Paragraph>
          {(kind === "employment" || kind === "bbl") && (
            <Paragraph>
              Extra per jaar, op dezelfde manier naar rato: 55 jaar of ouder {euro(table.bonuses.age55Plus)}, arbeidsbeperking{" "}
              {euro(table.bonuses.workLimitation)}.
              {kind === "employment" &&
                ` In dienst na een vso/pro-stage: eenmalig ${euro(table.bonuses.hiredAfterVsoInternship)} per kandidaat (alleen met een kandidaatnummer).`}
            </Paragraph>
          )}
        </>
      );
  }
}
