// Copies axe-core's built file to where the browser tests load it from, so that the tests need no npm (or internet) at
// run time. Run after `npm ci`; commit what it writes. (The web pages are web/, built by the Api csproj.)
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const copies = [
  ["node_modules/axe-core/axe.min.js", "tests/Sroi.Ledger.Dashboard.Tests/Accessibility/axe.min.js"],
  ["node_modules/axe-core/LICENSE", "tests/Sroi.Ledger.Dashboard.Tests/Accessibility/axe-core.LICENSE"],
];
for (const [from, to] of copies) {
  mkdirSync(dirname(join(root, to)), { recursive: true });
  copyFileSync(join(here, from), join(root, to));
  console.log(`${from} -> ${to}`);
}
