// What both report pages read: the contract (its version for If-Match, its municipality, its term), the building-block
// tables of its municipality (the one in force explains the values) and the municipality's name.
import { api, read } from "../api/client";
import type { components } from "../api/ledger";
import { useAnswer } from "../shell/useAnswer";
import type { Table } from "./TableInForce";

export type Contract = components["schemas"]["ContractResponse"];

export interface ReportContext {
  contract: Contract;
  tables: Table[];
  municipalityName: string;
}

export async function readReportContext(id: string, signal: AbortSignal): Promise<ReportContext> {
  const contract = await read(() => api.GET("/contracts/{id}", { params: { path: { id } }, signal }));
  const [tables, municipalities] = await Promise.all([
    read(() => api.GET("/building-block-tables", { params: { query: { municipality: contract.municipality } }, signal })),
    read(() => api.GET("/municipalities", { signal })),
  ]);
  const name = municipalities.find((m) => m.code === contract.municipality)?.name ?? contract.municipality;
  return { contract, tables, municipalityName: name };
}

export const useReportContext = (id: string) => useAnswer((signal) => readReportContext(id, signal), [id]);

/** The contract's version as the ETag the service compares If-Match with. */
export const ifMatch = (contract: Contract) => `"${contract.version}"`;

/** Today in the Netherlands (ISO), the day the service values a report without a date on. */
export const todayInNetherlands = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());
