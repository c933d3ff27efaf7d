// The one way the pages reach the API: openapi-fetch over the types generated from the service's own OpenAPI document
// (ledger.d.ts; WebClientTests fails when they are stale). Same origin, the session cookie (HttpOnly: never seen here),
// and on every change the session's anti-forgery token in X-CSRF-TOKEN (from /dashboard/sessie).
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./ledger";
import { csrfToken, sessionEnded } from "./session";

const changes = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const sameOriginSession: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept", "application/json");
    const token = csrfToken();
    if (changes.has(request.method) && token) request.headers.set("X-CSRF-TOKEN", token);
    return request;
  },
  onResponse({ response }) {
    // The cookie's session ended (expired, or signed out in another tab): the shell offers the sign-in again.
    if (response.status === 401) sessionEnded();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "/api/v1", credentials: "same-origin", cache: "no-store" });
api.use(sameOriginSession);

/** An answer the page cannot use, in Dutch for the person (never the browser's English "Failed to fetch"). */
export class ApiError extends Error {
  constructor(
    readonly status: number | "offline",
    message: string,
    /** For a 400: the query or body fields the service named. */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
  }
}

interface Problem {
  errors?: Record<string, unknown>;
}

export function dutchError(status: number, problem: unknown, retryAfter: string | null): ApiError {
  const fields = Object.keys((problem as Problem | undefined)?.errors ?? {});
  switch (status) {
    case 400:
      return new ApiError(status, `Het verzoek is niet geldig${fields.length ? ` (${fields.join(", ")})` : ""}.`, fields);
    case 401:
      return new ApiError(status, "Uw sessie is verlopen of beëindigd. Log opnieuw in.");
    case 403:
      return new ApiError(status, "U mag deze gegevens niet inzien met uw rol.");
    case 404:
      return new ApiError(status, "Niet gevonden, of niet zichtbaar voor u.");
    case 429:
      return new ApiError(status, `Te veel verzoeken; probeer het over ${retryAfter ?? "enkele"} seconden opnieuw.`);
    case 503:
      return new ApiError(status, "De gegevens zijn even niet bereikbaar; probeer het zo opnieuw.");
    default:
      return new ApiError(status, `Het ophalen van de gegevens is mislukt (status ${status}).`);
  }
}

export const offline = () =>
  new ApiError("offline", "De gegevens zijn niet bereikbaar: de verbinding met de server is verbroken. Probeer het zo opnieuw.");

/**
 * The answer's data, or an ApiError in Dutch. A request that never got an answer (the service down, the network gone)
 * throws in fetch: that becomes "niet bereikbaar" too. An aborted request (a newer one replaced it) is rethrown as is.
 */
export async function read<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call();
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw offline();
  }
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  throw dutchError(answer.response.status, answer.error, answer.response.headers.get("Retry-After"));
}
