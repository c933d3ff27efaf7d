// Sign-in: the service signs the person in with their organisation's identity provider (OpenID Connect) and keeps the
// tokens itself; this page only links there, and comes back to the page the person asked for.
import { el, message, fill } from "./dom.js";

export function signInPage(main, notice) {
  document.title = "Inloggen — SROI-dashboard";
  const back = `${location.pathname}${location.search}`.replace(/[?&]inloggen=mislukt/, "");
  const link = el("a", { class: "knop hoofd", href: `/dashboard/inloggen?terug=${encodeURIComponent(back)}` }, "Inloggen");
  const failed = new URLSearchParams(location.search).get("inloggen") === "mislukt";
  const feedback = el("div", { "aria-live": "polite" },
    notice ? message(notice) : failed ? message("Het inloggen is niet gelukt of afgebroken. Probeer het opnieuw.") : null);
  fill(main,
    el("h1", {}, "Inloggen"),
    el("p", { class: "lead" }, "Log in met het account van uw organisatie. U ziet alleen wat uw rol mag inzien."),
    el("p", {}, link), feedback);
  link.focus();
}
