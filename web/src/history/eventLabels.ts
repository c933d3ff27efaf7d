// A contract event's stored name (ContractEventTypes) in the words an auditor reads; an unknown name is shown as stored.
const labels: Record<string, string> = {
  "contract.registered.v1": "Contract geregistreerd",
  "contract.amended.v1": "Contract gewijzigd (meerwerk/minderwerk)",
  "contract.completed.v1": "Contract afgerond",
  "contract.fulfilment-reported.v1": "Invulling gerapporteerd",
  "contract.fulfilment-accepted.v1": "Rapportage geaccepteerd",
  "contract.fulfilment-rejected.v1": "Rapportage afgewezen",
  "contract.fulfilment-withdrawn.v1": "Rapportage ingetrokken",
  "contract.settled.v1": "Afrekening vastgelegd",
};

export const eventLabel = (type: string) => labels[type] ?? type;

export const statusLabels: Record<string, string> = {
  "not-applicable": "geen verplichting", "on-track": "op schema", behind: "achter", fulfilled: "vervuld", overdue: "verlopen",
  settled: "afgerekend",
};
