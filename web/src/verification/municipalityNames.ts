// Municipality names from the service's shipped CBS table (GET /municipalities), read once per page load: pages show
// names, never bare codes.
import { api, read } from "../api/client";

let names: Promise<Map<string, string>> | null = null;

export function municipalityNames(): Promise<Map<string, string>> {
  names ??= read(() => api.GET("/municipalities")).then(
    (list) => new Map(list.map((m) => [m.code, m.name])),
    (failure: unknown) => {
      names = null; // a failed read is tried again next time
      throw failure;
    },
  );
  return names;
}

/** "Rijswijk"; a code the table does not know stays a code. */
export const nameOf = (names: Map<string, string>, code: string) => names.get(code) ?? code;
