// An administrator's key is bound to no municipality: the pages ask which one (a CBS code such as GM0603, in the
// address as ?gemeente=, which is public). Every other key reads its own municipality.
import { session } from "./api.js";
import { el } from "./dom.js";

const code = /^GM[0-9]{4}$/;

/** The municipality an administrator chose, or null (everyone else: null too, the API takes the key's own). */
export function chosenMunicipality(params) {
  const chosen = (params.get("gemeente") ?? "").trim().toUpperCase();
  return session.isAdmin() && code.test(chosen) ? chosen : null;
}

/** For an administrator: a small form that reloads the page for another municipality; hidden fields keep the rest. */
export function municipalityForm(params, keep = []) {
  if (!session.isAdmin()) return null;
  return el("form", { class: "kiezen", method: "get", action: location.pathname },
    el("div", {},
      el("label", { for: "gemeente" }, "Gemeente (CBS-code)"),
      el("input", { id: "gemeente", name: "gemeente", value: chosenMunicipality(params) ?? "", pattern: "GM[0-9]{4}", placeholder: "GM0603", size: 8 })),
    keep.filter((name) => params.get(name)).map((name) => el("input", { type: "hidden", name, value: params.get(name) })),
    el("button", { type: "submit", class: "hoofd" }, "Tonen"));
}
