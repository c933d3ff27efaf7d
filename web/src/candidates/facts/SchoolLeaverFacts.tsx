// The school-leaver fact (recorded with the registration: the API has no later recording) and the day activities, the
// last one in force.
import { DataList, DataListItem, DataListKey, DataListValue, Paragraph } from "@utrecht/component-library-react";
import type { components } from "../../api/ledger";
import { date } from "../../format/dutch";
import { schoolTypes } from "../labels";
import { dayActivities } from "./factLabels";

type Candidate = components["schemas"]["CandidateResponse"];

export function SchoolLeaverFacts({ candidate }: { candidate: Candidate }) {
  const leaver = candidate.schoolLeaver;
  const activities = candidate.dayActivities;
  return (
    <>
      <DataList className="sroi-facts">
        <DataListItem>
          <DataListKey>Schoolverlater</DataListKey>
          <DataListValue>{leaver ? `${schoolTypes[leaver.schoolType]}, uitgestroomd in ${leaver.schoolYearLeft}` : "nee"}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Dagbesteding nu</DataListKey>
          <DataListValue>
            {activities.length > 0 ? `${dayActivities[activities[activities.length - 1]!.activity]} (sinds ${date(activities[activities.length - 1]!.effectiveOn)})` : "niet vastgelegd"}
          </DataListValue>
        </DataListItem>
      </DataList>
      {activities.length > 1 && (
        <Paragraph>
          Eerder: {activities.slice(0, -1).map((a) => `${dayActivities[a.activity]} (vanaf ${date(a.effectiveOn)})`).join("; ")}.
        </Paragraph>
      )}
    </>
  );
}
