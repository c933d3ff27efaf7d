// What the candidate is registered as: target group, trede, benefit (since, act, end), whether the WSP serves them, and
// (issue 22) the school they left (recorded with the registration: the API has no later recording) and what they do by day.
import { DataList, DataListItem, DataListKey, DataListValue } from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date } from "../format/dutch";
import { dayActivities } from "./facts/factLabels";
import { benefitActs, benefitEndReasons, schoolTypes, targetGroups, tredeNames } from "./labels";

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
    ["Schoolverlater", candidate.schoolLeaver
      ? `${schoolTypes[candidate.schoolLeaver.schoolType]}, uitgestroomd in ${candidate.schoolLeaver.schoolYearLeft}` : "nee"],
    ["Dagbesteding", dayActivity(candidate.dayActivities)],
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

/** The last day activity is in force; the earlier ones are its history. */
function dayActivity(activities: Candidate["dayActivities"]) {
  const now = activities[activities.length - 1];
  return now ? `${dayActivities[now.activity]} (sinds ${date(now.effectiveOn)})` : "niet vastgelegd";
}
