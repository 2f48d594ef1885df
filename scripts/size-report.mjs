// Prints the raw, gzip (-9) and brotli (-q 11) size of every file the npm package ships (the
// list `npm pack` would pack from www/), and the total a page downloads for the widget: the
// entry module, the element module, the wasm-bindgen glue (and its snippets) and the .wasm.
//
// Usage: node scripts/size-report.mjs [--json]     (also: npm run size-report)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../www/", import.meta.url));

if (!existsSync(join(root, "pkg", "delivery_tracker_bg.wasm"))) {
  console.error("size-report: www/pkg/ is missing: run scripts/build.sh first");
  process.exit(1);
}

// Exactly what `npm pack ./www` ships (files, README, package.json), without writing a tarball.
function shippedFiles() {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--loglevel=error"], {
    cwd: root,
    encoding: "utf8",
  });
  return JSON.parse(out)[0].files.map((file) => file.path).sort();
}

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});

// What a page loads at run time: types, the manifest, docs and the type-only stubs are not.
const loaded = (file) =>
  file === "index.js" || file === "element.js" || /^pkg\/.*\.(js|wasm)$/.test(file);

const rows = shippedFiles().map((file) => ({ file, ...sizes(readFileSync(join(root, file))) }));
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const row of rows.filter((r) => loaded(r.file))) for (const k of Object.keys(total)) total[k] += row[k];
const packed = { raw: 0, gzip: 0, brotli: 0 };
for (const row of rows) for (const k of Object.keys(packed)) packed[k] += row[k];

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ files: rows, pageDownload: total, allFiles: packed }, null, 2));
} else {
  const width = Math.max(34, ...rows.map((r) => r.file.length + 2));
  const pad = (v, n) => String(v).padStart(n);
  const line = (name, r) => `${name.padEnd(width)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`;
  console.log(`delivery-tracker-widget: sizes in bytes (gzip -9, brotli -q 11)`);
  console.log(`${"file".padEnd(width)} ${pad("raw", 9)} ${pad("gzip", 9)} ${pad("brotli", 9)}`);
  for (const r of rows) console.log(line(`${loaded(r.file) ? "* " : "  "}${r.file}`, r));
  console.log(line("all shipped files", packed));
  console.log(line("page download (* files)", total));
}

export { rows, total };
