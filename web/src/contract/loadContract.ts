// Everything the page shows of one contract, read in parallel and all as known on the same moment when one is chosen:
// the contract (with its amendments, basis and settlement), its balance, its reports, the municipalities' names and —
// for the roles that may read the history — who reviewed each report, in words from the people directory.
import { api, read, ApiError } from "../api/client";
import type { components } from "../api/ledger";
import type { Role } from "../api/session";

type Schemas = components["schemas"];

export interface ContractView {
  contract: Schemas["ContractResponse"];
  balance: Schemas["BalanceResponse"];
  reports: Schemas["FulfilmentResponse"][];
  municipalities: Schemas["Municipality"][];
  /** Report id → who reviewed it ("S. Bakker (WSP Rijswijk)"); null when the role may not read the history. */
  reviewers: Map<string, string> | null;
}

// The history says who acted; the contractor may not read it (the API answers 403), so it is not asked.
const historyReaders: readonly Role[] = ["inkoop", "wsp", "auditor", "admin"];
const reviewTypes = new Set(["contract.fulfilment-accepted.v1", "contract.fulfilment-rejected.v1"]);

export async function loadContract(id: string, role: Role | null, asKnownOn: string | null, signal: AbortSignal): Promise<ContractView> {
  const query = asKnownOn ? { asKnownOn } : {};
  const path = { id };
  try {
    const [contract, balance, reports, municipalities, reviewers] = await Promise.all([
      read(() => api.GET("/contracts/{id}", { params: { path, query }, signal })),
      read(() => api.GET("/contracts/{id}/balance", { params: { path, query }, signal })),
      read(() => api.GET("/contracts/{id}/fulfilments", { params: { path, query }, signal })),
      read(() => api.GET("/municipalities", { signal })),
      role && historyReaders.includes(role) ? reviewersOf(id, asKnownOn, signal) : Promise.resolve(null),
    ]);
    return { contract, balance, reports: reports.items, municipalities, reviewers };
  } catch (failure) {
    // As known on a moment before the contract was registered, the API answers 404 too: say which it is.
    if (asKnownOn && failure instanceof ApiError && failure.status === 404) {
      const now = await api.GET("/contracts/{id}", { params: { path }, signal }).catch(() => null);
      if (now?.response.ok) throw new ApiError(404, "Op het gekozen moment was dit contract nog niet vastgelegd.");
    }
    throw failure;
  }
}

/** Every review event's actor in words, page by page (at most 1000 events a page). */
async function reviewersOf(id: string, asKnownOn: string | null, signal: AbortSignal): Promise<Map<string, string>> {
  const reviewers = new Map<string, string>();
  for (let page = 1; ; page++) {
    // The history answers CSV too (by Accept); the client asks for JSON, so the answer is the JSON document.
    const history = (await read(() =>
      api.GET("/contracts/{id}/history", { params: { path: { id }, query: { pageSize: 1000, page, ...(asKnownOn ? { asKnownOn } : {}) } }, signal }))) as Schemas["ContractHistory"];
    for (const event of history.events) {
      const data = event.data as { fulfilmentId?: unknown } | null;
      if (reviewTypes.has(event.type) && typeof data?.fulfilmentId === "string")
        reviewers.set(data.fulfilmentId, event.actorDisplay ?? event.actorName ?? "onbekend");
    }
    if (history.events.length === 0 || page * history.pageSize >= history.total) return reviewers;
  }
}
