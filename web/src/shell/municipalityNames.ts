// Municipality names from the service's CBS table (GET /municipalities), for pages whose data names codes. Read once
// per visit and with the page's own data, so the page is drawn (and marked loaded) with the names in place. A code the
// table does not know (a test municipality) is shown as the code itself, never as nothing.
import { api, read } from "../api/client";

let cached: Promise<ReadonlyMap<string, string>> | null = null;

export type NameOf = (code: string) => string;

export function municipalityNames(): Promise<NameOf> {
  cached ??= read(() => api.GET("/municipalities")).then(
    (list) => new Map(list.map((m) => [m.code, m.name])),
    (failure: unknown) => {
      cached = null; // asked again on the next read rather than keep a failure
      throw failure;
    },
  );
  return cached.then((names) => (code: string) => names.get(code) ?? code);
}
