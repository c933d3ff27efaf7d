// Which role may use which form: the one table the pages consult. It copies the API's authorization policies (each
// endpoint's `.RequireRoles(…)`), so a person never fills in a form only to be refused by the service; when a policy
// changes there, change it here. The service still decides: a 403 on a change says so in Dutch (api/client.ts).
import type { Role } from "../api/session";

export type WritePage =
  | "contract-registreren" | "contract-wijzigen" | "contract-afronden" | "afrekening"
  | "rapporteren" | "rapportage-corrigeren" | "kandidaat-registreren" | "kandidaat-wijzigen" | "rapportage-beoordelen"
  | "plan-indienen" | "plan-beoordelen";

export const writers: Record<WritePage, readonly Role[]> = {
  // Contracts/ContractApi.cs: registerContract, amendContract, completeContract → RequireRoles(Role.Inkoop).
  "contract-registreren": ["inkoop"],
  "contract-wijzigen": ["inkoop"],
  "contract-afronden": ["inkoop"],
  // Contracts/ContractApi.cs: settleObligation → RequireRoles(Role.Wsp).
  afrekening: ["wsp"],
  // Fulfilments/FulfilmentApi.cs: reportFulfilment, correctFulfilment, withdrawFulfilment →
  // RequireRoles(FulfilmentEndpoints.Reporters) = [Opdrachtnemer, Wsp].
  rapporteren: ["opdrachtnemer", "wsp"],
  "rapportage-corrigeren": ["opdrachtnemer", "wsp"],
  // Fulfilments/FulfilmentApi.cs: acceptFulfilment, rejectFulfilment → RequireRoles(Role.Wsp).
  "rapportage-beoordelen": ["wsp"],
  // Candidates/CandidateApi.cs: registerCandidate, changeTrede, … → RequireRoles(Role.Wsp); Placements/PlacementApi.cs:
  // recordPlacement, endPlacement, correctPlacement, withdrawPlacement, correctPlacementEnd → RequireRoles(Role.Wsp).
  "kandidaat-registreren": ["wsp"],
  "kandidaat-wijzigen": ["wsp"],
  // Plans/PlanApi.cs: submitContractPlan → RequireRoles(Opdrachtnemer, Inkoop); approveContractPlan, returnContractPlan → Wsp.
  "plan-indienen": ["opdrachtnemer", "inkoop"],
  "plan-beoordelen": ["wsp"],
};

/**
 * Which role may READ a page's data, copied from the API's GET policies the same way: a page refuses anyone else up
 * front, instead of showing its form and filters and then the service's 403.
 */
export type ReadPage = "werklijst" | "kandidaten";

export const readers: Record<ReadPage, readonly Role[]> = {
  // Worklist/WorklistEndpoint.cs: getWorklist → RequireRoles(WorklistEndpoint.Readers) = [Wsp, Admin].
  werklijst: ["wsp", "admin"],
  // Candidates/CandidateApi.cs: getCandidate → RequireRoles(CandidateEndpoints.Readers) = [Wsp, Auditor, Admin]
  // (listCandidates: [Wsp, Admin], so an auditor only looks a candidate up by number).
  kandidaten: ["wsp", "auditor", "admin"],
};

export const mayRead = (page: ReadPage, role: Role | null) => role !== null && readers[page].includes(role);

/** The roles as the pages name them in a sentence. */
export const roleNames: Record<Role, string> = {
  inkoop: "inkoop", wsp: "het werkgeversservicepunt (WSP)", auditor: "de auditor", admin: "de beheerder",
  opdrachtnemer: "de opdrachtnemer", regiocoordinator: "de regiocoördinator",
};

export const mayWrite = (page: WritePage, role: Role | null) => role !== null && writers[page].includes(role);

/** "alleen inkoop mag dit", "alleen de opdrachtnemer en het werkgeversservicepunt (WSP) mogen dit". */
export function onlyWho(page: WritePage): string {
  const names = writers[page].map((role) => roleNames[role]);
  const who = names.length > 1 ? `${names.slice(0, -1).join(", ")} en ${names.at(-1)}` : names[0];
  return `alleen ${who} ${names.length > 1 ? "mogen" : "mag"} dit`;
}
