// The API on the same origin, with the key from this tab's session storage: never in a URL, gone when the tab closes.

const keyName = "sroi-ledger.api-key";
const adminName = "sroi-ledger.is-admin";

export const session = {
  key: () => sessionStorage.getItem(keyName),
  isAdmin: () => sessionStorage.getItem(adminName) === "ja",
  signIn(key, isAdmin) {
    sessionStorage.setItem(keyName, key);
    sessionStorage.setItem(adminName, isAdmin ? "ja" : "nee");
  },
  signOut() {
    sessionStorage.removeItem(keyName);
    sessionStorage.removeItem(adminName);
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
    case 401: return "Deze API-sleutel is onbekend of ingetrokken. Log opnieuw in.";
    case 403: return "Deze API-sleutel mag deze gegevens niet inzien.";
    case 404: return "Niet gevonden, of niet zichtbaar met deze API-sleutel.";
    case 429: return `Te veel verzoeken met deze sleutel; probeer het over ${retryAfter ?? "enkele"} seconden opnieuw.`;
    case 503: return "De gegevens zijn even niet bereikbaar; probeer het zo opnieuw.";
    default: return `Het ophalen van de gegevens mislukte (status ${status}).`;
  }
}

/** GET /api/v1{path}?{query} as JSON; a 401 ends the session, so the next page shows the sign-in form. */
export async function get(path, query = {}, key = session.key()) {
  const url = new URL(`/api/v1${path}`, location.origin);
  for (const [name, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${key}`, Accept: "application/json" }, cache: "no-store" });
  if (response.ok) return response.json();
  const problem = await response.json().catch(() => null);
  if (response.status === 401 && key === session.key()) session.signOut();
  throw new ApiError(response.status, dutch(response.status, problem, response.headers.get("Retry-After")));
}

/** Every contract the key may see (pages of 100). */
export async function allContracts(municipality) {
  const items = [];
  for (let page = 1; ; page++) {
    const answer = await get("/contracts", { page, pageSize: 100, municipality });
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length === 0) return items;
  }
}

/** f over items, at most `width` requests at a time (a municipality's few hundred balances, well within the rate limit). */
export async function inParallel(items, width, f) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
