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
    /** For a 400: the service's own (English) words per field, as it sent them; a form shows them at the field. */
    readonly problems: Readonly<Record<string, readonly string[]>> = {},
    /** For a 422: the broken rule's code (e.g. `fulfilment.not-pending`) and the field it blames, if any. */
    readonly rule: { code: string; field: string | null } | null = null,
    /** The service's own (English) explanation, shown beside the Dutch message in a form. */
    readonly detail: string | null = null,
  ) {
    super(message);
  }
}

interface Problem {
  errors?: Record<string, unknown>;
  detail?: unknown;
  code?: unknown;
  field?: unknown;
}

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];

/** `change`: the request was a change (POST/PUT/DELETE), so a 403 refuses changing, not seeing. */
export function dutchError(status: number, problem: unknown, retryAfter: string | null, change = false): ApiError {
  const body = (typeof problem === "object" && problem !== null ? problem : {}) as Problem;
  const problems = Object.fromEntries(Object.entries(body.errors ?? {}).map(([field, said]) => [field, texts(said)]));
  const fields = Object.keys(problems);
  const detail = typeof body.detail === "string" ? body.detail : null;
  switch (status) {
    case 400:
      return new ApiError(status, `Het verzoek is niet geldig${fields.length ? ` (${fields.join(", ")})` : ""}.`, fields, problems, null, detail);
    case 401:
      return new ApiError(status, "Uw sessie is verlopen of beëindigd. Log opnieuw in.");
    case 403:
      return new ApiError(status, change
        ? "U mag dit niet wijzigen: uw rol of uw gemeente geeft geen recht om dit vast te leggen."
        : "U mag deze gegevens niet inzien met uw rol.");
    case 404:
      return new ApiError(status, "Niet gevonden, of niet zichtbaar voor u.");
    case 409:
      return new ApiError(status, "Dit botst met wat intussen is vastgelegd. Laad de pagina opnieuw en kijk of het nog nodig is.", [], {}, null, detail);
    case 412:
      return new ApiError(status, "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het dan nog eens.", [], {}, null, detail);
    case 422: {
      const code = typeof body.code === "string" ? body.code : "onbekend";
      const field = typeof body.field === "string" ? body.field : null;
      // The service applies many rules (dates, order, state), not only the SROI policy: say only that it refused.
      return new ApiError(status, "De service weigerde dit (zie de uitleg ernaast).", field ? [field] : [], {}, { code, field }, detail);
    }
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

type Answer<T> = { data?: T; error?: unknown; response: Response };

async function answered<T>(call: () => Promise<Answer<T>>): Promise<Answer<T>> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw offline();
  }
}

/**
 * The answer's data, or an ApiError in Dutch. A request that never got an answer (the service down, the network gone)
 * throws in fetch: that becomes "niet bereikbaar" too. An aborted request (a newer one replaced it) is rethrown as is.
 */
export async function read<T>(call: () => Promise<Answer<T>>): Promise<T> {
  const answer = await answered(call);
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  throw dutchError(answer.response.status, answer.error, answer.response.headers.get("Retry-After"));
}

/**
 * A change (POST/PUT/DELETE): the answer's data (undefined for a 204), or an ApiError in Dutch. "offline" means the
 * outcome is unknown: send again with the same Idempotency-Key, and the service answers what it did the first time.
 */
export async function send<T>(call: () => Promise<Answer<T>>): Promise<T | undefined> {
  const answer = await answered(call);
  if (answer.response.ok) return answer.data;
  throw dutchError(answer.response.status, answer.error, answer.response.headers.get("Retry-After"), true);
}

/**
 * A key for one change (the Idempotency-Key header): letters only, because the service refuses a key whose digits could
 * be a BSN (a random UUID's digits pass the elfproef about one time in 120).
 */
export function newIdempotencyKey(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const random = crypto.getRandomValues(new Uint8Array(32));
  return "web-" + Array.from(random, (byte) => letters[byte % letters.length]).join("");
}
