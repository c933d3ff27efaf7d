// Which page the path names; without a session the sign-in comes first. The menu shows who is signed in.
import { session } from "./api.js";
import { signInPage } from "./signin.js";
import { overviewPage } from "./overview.js";
import { placementsPage } from "./placements.js";
import { message } from "./dom.js";

const main = document.getElementById("inhoud");
const menu = document.getElementById("menu");
const who = document.getElementById("wie");
const signOut = document.getElementById("uitloggen");

// The role as the menu names it.
const roles = { inkoop: "inkoop", wsp: "WSP", auditor: "auditor", admin: "beheerder", opdrachtnemer: "opdrachtnemer" };

function pageFor(path) {
  if (/^\/dashboard\/plaatsingen\/?$/.test(path)) return placementsPage;
  return overviewPage;
}

function showSignIn(notice) {
  menu.hidden = true;
  signInPage(main, notice);
}

async function show() {
  try {
    if (!session.current() && !(await session.load())) { showSignIn(); return; }
    const person = session.current();
    who.textContent = `${person.name ?? "Onbekend"} (${roles[person.role] ?? "geen rol"})`;
    signOut.elements.__RequestVerificationToken.value = person.csrfToken;
    menu.hidden = false;
    main.replaceChildren(message("Gegevens worden opgehaald…"));
    main.setAttribute("aria-busy", "true");
    await pageFor(location.pathname)(main, new URLSearchParams(location.search));
  } catch (error) {
    if (!session.current()) { showSignIn(error.message); return; }
    main.replaceChildren(message(error.message ?? String(error)));
  } finally {
    main.removeAttribute("aria-busy");
    document.body.dataset.geladen = "ja";
  }
}

show();
