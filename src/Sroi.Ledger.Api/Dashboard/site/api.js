// The API on the same origin with the dashboard's session cookie (HttpOnly: this script never sees it, nor any token).
// Who is signed in comes from /dashboard/sessie, with the anti-forgery token a change must send in X-CSRF-TOKEN.

let current = null;

export const session = {
  /** The signed-in person ({ name, role, municipality, kvkNumber, csrfToken }), or null. */
  current: () => current,
  isAdmin: () => current?.role === "admin",
  /** Asks the service who is signed in; null without a session (204). */
  async load() {
    const response = await fetch("/dashboard/sessie", { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" });
    current = response.status === 200 ? await response.json() : null;
    return current;
  },
  signOut() {
    current = null;
  },
};

/** An answer other than 2xx, with a Dutch sentence for the page. */
export class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

function dutch(status, problem, retryAfter) {
  switch (status) {
    case 400: {
      const fields = problem?.errors ? Object.keys(problem.errors).join(", ") : "";
      return `Het verzoek is niet geldig${fields ? ` (${fields})` : ""}.`;
    }
    case 401: return "Uw sessie is verlopen of beëindigd. Log opnieuw in.";
    case 403: return "U mag deze gegevens niet inzien.";
    case 404: return "Niet gevonden, of u mag het niet inzien.";
    case 429: return `Te veel verzoeken; probeer het over ${retryAfter ?? "enkele"} seconden opnieuw.`;
    case 503: return "De gegevens zijn even niet bereikbaar; probeer het zo opnieuw.";
    default: return `Het ophalen van de gegevens mislukte (status ${status}).`;
  }
}

/** GET /api/v1{path}?{query} as JSON; a 401 ends the session, so the next page shows the sign-in. */
export async function get(path, query = {}) {
  const url = new URL(`/api/v1${path}`, location.origin);
  for (const [name, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" });
  if (response.ok) return response.json();
  const problem = await response.json().catch(() => null);
  if (response.status === 401) session.signOut();
  throw new ApiError(response.status, dutch(response.status, problem, response.headers.get("Retry-After")));
}
