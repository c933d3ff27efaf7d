// Which page the path names; without a session the sign-in comes first. The menu shows who is signed in. The overview and
// the placements page moved to the web app (web/); only the contract page is drawn here until it is ported too.
import { session } from "./api.js";
import { signInPage } from "./signin.js";
import { contractPage } from "./contract.js";
import { message } from "./dom.js";

const main = document.getElementById("inhoud");
const menu = document.getElementById("menu");
const who = document.getElementById("wie");
const signOut = document.getElementById("uitloggen");

// The role as the menu names it.
const roles = { inkoop: "inkoop", wsp: "WSP", auditor: "auditor", admin: "beheerder", opdrachtnemer: "opdrachtnemer" };

function pageFor(path) {
  const contract = path.match(/^\/dashboard\/contracten\/([0-9a-fA-F-]{36})\/?$/);
  if (contract) return (m) => contractPage(m, contract[1]);
  return (m) => m.replaceChildren(message("Deze pagina bestaat niet."));
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
