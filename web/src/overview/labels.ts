import type { components } from "../api/ledger";

export type BalanceStatus = components["schemas"]["BalanceStatus"];

/** The status words of the contract list (contracts/listQuery.ts), for the statuses a balance has. */
export const balanceStatusLabels: Record<BalanceStatus, string> = {
  "on-track": "op schema",
  behind: "achter",
  fulfilled: "vervuld",
  overdue: "verlopen",
  settled: "afgerekend",
  "not-applicable": "niet van toepassing",
};
