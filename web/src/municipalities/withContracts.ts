// The municipalities that have contracts the person may see: the obligations report's `municipalities` when it is asked
// for all (an administrator: every municipality with a contract; a contractor: those where it has one). Read once per
// page load, as the municipality table is. A contractor chooses only among these; for an administrator a code that is
// neither here nor in the CBS table is unknown (a mistyped ?gemeente=), not a municipality with zero contracts.
import { api, read } from "../api/client";

let loaded: Promise<readonly string[]> | null = null;

export function loadMunicipalitiesWithContracts(): Promise<readonly string[]> {
  loaded ??= read(() => api.GET("/reports/sroi-obligations", { params: { query: {} } }))
    .then((report) => report.municipalities)
    .catch((error: unknown) => {
      loaded = null; // a failed read is tried again by the next page that asks
      throw error;
    });
  return loaded;
}
