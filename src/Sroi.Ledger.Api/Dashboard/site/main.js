// Which page the path names; without a key in this tab's session the sign-in form comes first.
import { session } from "./api.js";
import { signInPage } from "./signin.js";
import { overviewPage } from "./overview.js";
import { contractPage } from "./contract.js";
import { placementsPage } from "./placements.js";
import { message } from "./dom.js";

const main = document.getElementById("inhoud");
const menu = document.getElementById("menu");

function pageFor(path) {
  const contract = path.match(/^\/dashboard\/contracten\/([0-9a-fA-F-]{36})\/?$/);
  if (contract) return (m) => contractPage(m, contract[1]);
  if (/^\/dashboard\/plaatsingen\/?$/.test(path)) return placementsPage;
  return overviewPage;
}

async function show() {
  if (!session.key()) {
    menu.hidden = true;
    signInPage(main, show);
    return;
  }
  menu.hidden = false;
  main.replaceChildren(message("Gegevens worden opgehaald…"));
  main.setAttribute("aria-busy", "true");
  try {
    await pageFor(location.pathname)(main, new URLSearchParams(location.search));
  } catch (error) {
    if (!session.key()) { signInPage(main, show, error.message); menu.hidden = true; return; }
    main.replaceChildren(message(error.message ?? String(error)));
  } finally {
    main.removeAttribute("aria-busy");
    document.body.dataset.geladen = "ja";
  }
}

document.getElementById("uitloggen").addEventListener("click", () => {
  session.signOut();
  show();
});

show();
