// Sign-in: the key is checked against the API and kept in this tab's session storage only. The form posts nowhere (its
// submit is handled here), and method=post keeps the key out of the address bar even if the script had not run.
import { get, session, ApiError } from "./api.js";
import { el, message, fill } from "./dom.js";

export function signInPage(main, then, notice) {
  document.title = "Inloggen — SROI-dashboard";
  const input = el("input", { id: "api-sleutel", name: "api-sleutel", type: "password", autocomplete: "off", required: true, spellcheck: "false" });
  const feedback = el("div", { "aria-live": "polite" }, notice ? message(notice) : null);
  const form = el("form", { class: "inloggen", method: "post", action: "/dashboard" },
    el("label", { for: "api-sleutel" }, "API-sleutel"),
    input,
    el("button", { type: "submit", class: "hoofd" }, "Inloggen"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    try {
      await get("/contracts", { pageSize: 1 }, key);
      // Only an administrator may list keys: that decides whether the pages ask for a municipality.
      const isAdmin = await get("/api-keys", {}, key).then(() => true, (e) => (e instanceof ApiError && e.status === 403 ? false : Promise.reject(e)));
      session.signIn(key, isAdmin);
      await then();
    } catch (error) {
      feedback.replaceChildren(message(error.message));
    }
  });
  fill(main,
    el("h1", {}, "Inloggen"),
    el("p", { class: "lead" }, "Log in met de API-sleutel die u van de beheerder kreeg. U ziet alleen wat die sleutel mag lezen; de sleutel blijft in dit tabblad en verdwijnt als u het sluit."),
    form, feedback);
  input.focus();
}
