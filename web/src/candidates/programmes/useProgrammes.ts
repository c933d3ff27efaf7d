// The municipality's programmes (GET /programmes): what a candidate can be enrolled on, and the outcomes each counts.
import { useEffect, useState } from "react";
import { api, read } from "../../api/client";
import type { components } from "../../api/ledger";

export type Programme = components["schemas"]["ProgrammeResponse"];

/** Null while unknown (or when the read failed: the forms then take a code as typed, and the service judges it). */
export function useProgrammes(): Programme[] | null {
  const [programmes, setProgrammes] = useState<Programme[] | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    read(() => api.GET("/programmes", { signal: abort.signal }))
      .then((list) => setProgrammes(list.items))
      .catch(() => setProgrammes(null));
    return () => abort.abort();
  }, []);
  return programmes;
}

export const programmeName = (programmes: Programme[] | null, code: string) => {
  const found = programmes?.find((p) => p.code === code);
  return found ? `${found.name} (${found.code})` : code;
};
