// Shipped bytes of the built package (www/), as scripts/size-report.mjs computes them (one
// logic for the build's report, the benchmark and tests/size-budget.test.mjs): every file
// `npm pack ./www` ships, raw, gzip -9 and brotli -q 11, and the page download: the files a page
// loads for the widget (the entry and element modules, the wasm-bindgen glue and the .wasm).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPORT = fileURLToPath(new URL('../scripts/size-report.mjs', import.meta.url));
export const BUDGET_FILE = fileURLToPath(new URL('./budget.json', import.meta.url));

/** { rows: [{ file, raw, gzip, brotli, loaded }], total: { raw, gzip, brotli } } for www/. */
export function shippedSizes() {
  let out;
  try {
    out = execFileSync(process.execPath, [REPORT, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`scripts/size-report.mjs failed (is www/ built? run scripts/build.sh):\n${e.stderr || e.message}`);
  }
  const report = JSON.parse(out);
  const loaded = report.files.filter((f) => isLoaded(f.file)).map((f) => f.file);
  return {
    rows: report.files.map((f) => ({ ...f, loaded: loaded.includes(f.file) })),
    total: report.pageDownload,
  };
}

// size-report's JSON gives the page-download total, not which files make it; for marking rows
// this repeats its rule (the total itself always comes from size-report).
function isLoaded(file) {
  return file === 'index.js' || file === 'element.js' || /^pkg\/.*\.(js|wasm)$/.test(file);
}

/** bench/budget.json: the budget and the figure the README states (the test's limit). */
export function readBudget() {
  return JSON.parse(readFileSync(BUDGET_FILE, 'utf8'));
}
