// Copies the installed packages' built files to where they are loaded from, so that neither the service nor the tests
// need npm (or the internet) at run time: Chart.js into the service's embedded dashboard files, axe-core into the
// browser tests. Run after `npm ci`; commit what it writes.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const copies = [
  ["node_modules/chart.js/dist/chart.umd.min.js", "src/Sroi.Ledger.Api/Dashboard/site/vendor/chart.umd.min.js"],
  ["node_modules/chart.js/LICENSE.md", "src/Sroi.Ledger.Api/Dashboard/site/vendor/chart.js.LICENSE.md"],
  ["node_modules/axe-core/axe.min.js", "tests/Sroi.Ledger.Dashboard.Tests/Accessibility/axe.min.js"],
  ["node_modules/axe-core/LICENSE", "tests/Sroi.Ledger.Dashboard.Tests/Accessibility/axe-core.LICENSE"],
];
for (const [from, to] of copies) {
  mkdirSync(dirname(join(root, to)), { recursive: true });
  copyFileSync(join(here, from), join(root, to));
  console.log(`${from} -> ${to}`);
}
