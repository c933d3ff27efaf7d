// A municipality's name (GET /municipalities, the CBS table the service ships) instead of its code; the code until known.
import { useEffect, useState } from "react";
import { api, read } from "../api/client";

export function useMunicipalityName(code: string | null | undefined): string {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    const abort = new AbortController();
    read(() => api.GET("/municipalities", { signal: abort.signal }))
      .then((all) => setName(all.find((m) => m.code === code)?.name ?? null))
      // The code is shown instead: the page is still right, only less friendly.
      .catch(() => setName(null));
    return () => abort.abort();
  }, [code]);
  return name ?? code ?? "uw gemeente";
}
