// What the candidate is registered as: target group, trede, benefit (since, act, end) and whether the WSP serves them.
import { DataList, DataListItem, DataListKey, DataListValue } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date } from "../format/dutch";
import { benefitActs, benefitEndReasons, targetGroups, tredeNames } from "./labels";

type Candidate = components["schemas"]["CandidateResponse"];

export function CandidateFacts({ candidate, municipality }: { candidate: Candidate; municipality: string }) {
  const facts: [string, string][] = [
    ["Gemeente", municipality],
    ["Geregistreerd op", date(candidate.registeredOn)],
    ["Doelgroep", targetGroups[candidate.targetGroup]],
    ["Trede nu", tredeNames[candidate.trede] ?? String(candidate.trede)],
    ["Uitkering sinds", candidate.benefitSince ? date(candidate.benefitSince) : "geen uitkering"],
    ["Wet van de uitkering", candidate.benefitAct ? benefitActs[candidate.benefitAct] : "–"],
    ["Uitkering beëindigd", candidate.benefitEnded
      ? `${date(candidate.benefitEnded.effectiveOn)} (${benefitEndReasons[candidate.benefitEnded.reason]})` : "nee"],
    ["Begeleid door het WSP", candidate.servedByWsp ? "ja" : "nee"],
  ];
  return (
    <DataList className="sroi-facts">
      {facts.map(([key, value]) => (
        <DataListItem key={key}>
          <DataListKey>{key}</DataListKey>
          <DataListValue>{value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}
