import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { useSession } from "../shell/SessionContext";
import { chosenMunicipality, withMunicipality } from "./chosen";

/** A function that adds the page's chosen municipality to an href: `link("/dashboard/contracten/…")`. */
export function useMunicipalityLink(): (href: string) => string {
  const [search] = useSearchParams();
  const chosen = chosenMunicipality(search, useSession());
  return useCallback((href: string) => withMunicipality(href, chosen), [chosen]);
}
