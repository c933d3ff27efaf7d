// Municipality names from GET /api/v1/municipalities (the service's shipped CBS table), read once per page load: the
// table changes with a release, not while a page is open.
import { useEffect, useState } from "react";
import { api, read } from "../api/client";
import type { components } from "../api/ledger";

export type Municipality = components["schemas"]["Municipality"];

let loaded: Promise<Municipality[]> | null = null;

export function loadMunicipalities(): Promise<Municipality[]> {
  loaded ??= read(() => api.GET("/municipalities")).catch((error: unknown) => {
    loaded = null; // a failed read is tried again by the next page that asks
    throw error;
  });
  return loaded;
}

/** The name of a code ("Rijswijk"), or the code itself where the table has none (a test municipality). */
export function nameOf(municipalities: readonly Municipality[], code: string): string {
  return municipalities.find((m) => m.code === code)?.name ?? code;
}

/** "Rijswijk", "Rijswijk en Ede", "Delft, Ede en Rijswijk": names as a sentence says them. */
export function namesInDutch(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} en ${names[names.length - 1]}`;
}

/** The table for a component that only names (not one that must wait for it): empty until it is read. */
export function useMunicipalityNames(): readonly Municipality[] {
  const [names, setNames] = useState<Municipality[]>([]);
  useEffect(() => {
    let current = true;
    loadMunicipalities().then((list) => current && setNames(list), () => undefined);
    return () => void (current = false);
  }, []);
  return names;
}
