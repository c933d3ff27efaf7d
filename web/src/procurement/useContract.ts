// The contract a procurement form changes, with the version it read: every change is sent with it (If-Match), so a
// change made meanwhile by someone else is a 412 rather than overwritten.
import { api, read } from "../api/client";
import type { components } from "../api/ledger";
import { useAnswer } from "../shell/useAnswer";

export type Contract = components["schemas"]["ContractResponse"];

export function useContract(id: string) {
  return useAnswer<Contract>((signal) => read(() => api.GET("/contracts/{id}", { params: { path: { id } }, signal })), [id]);
}

/** The If-Match of a change to the contract as read: its version, as the ETag the service sent. */
export const ifMatch = (contract: Contract) => `"${contract.version}"`;
