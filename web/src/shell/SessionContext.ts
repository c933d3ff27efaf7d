import { createContext, useContext } from "react";
import type { Session } from "../api/session";

export const SessionContext = createContext<Session | null>(null);

/** The signed-in person; pages are drawn only inside the shell's signed-in state, so there always is one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in shell");
  return session;
}
