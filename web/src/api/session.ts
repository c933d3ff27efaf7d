// Who is signed in, from the service's backend-for-frontend (/dashboard/sessie: not part of the API, so not in the
// generated client). The session cookie is HttpOnly; the pages only learn the person and the anti-forgery token.

export type Role = "inkoop" | "wsp" | "auditor" | "admin" | "opdrachtnemer" | "regiocoordinator";

/** GET /dashboard/sessie's answer (Dashboard/SignIn/DashboardSignInEndpoints.cs, DashboardSession). */
export interface Session {
  name: string | null;
  role: Role | null;
  municipality: string | null;
  kvkNumber: string | null;
  csrfToken: string;
  /** A regional coordinator's regions (issue 21); empty for every other role. */
  regions: string[];
}

let current: Session | null = null;
const listeners = new Set<() => void>();

export const csrfToken = () => current?.csrfToken ?? null;

/** A 401 from the API: the session is gone, whatever the page still shows. */
export function sessionEnded() {
  if (current === null) return;
  current = null;
  listeners.forEach((listener) => listener());
}

export function onSessionEnded(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Asks the service who is signed in: the person, or null (204: nobody; not an error). Throws when unreachable. */
export async function loadSession(): Promise<Session | null> {
  const response = await fetch("/dashboard/sessie", {
    credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" },
  });
  if (response.status === 204) return (current = null);
  if (!response.ok) throw new Error(`sessie: ${response.status}`);
  return (current = (await response.json()) as Session);
}

/** The sign-in that brings the person back to where they were. */
export const signInHref = (back: string) => `/dashboard/inloggen?terug=${encodeURIComponent(back)}`;
