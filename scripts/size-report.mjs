// Prints the raw, gzip and brotli size of every file the package ships, and the total a page
// downloads for the widget (the module, the glue and the wasm).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("../www/", import.meta.url).pathname;
const shipped = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : shipped(path);
    return [path];
  });

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});

// What a page loads at run time (types, manifest and docs are not downloaded).
const loaded = (file) => /\.(js|wasm)$/.test(file) && !file.endsWith(".d.ts");

const rows = shipped(root).sort().map((path) => ({ file: relative(root, path), ...sizes(readFileSync(path)) }));
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const row of rows.filter((r) => loaded(r.file))) for (const k of Object.keys(total)) total[k] += row[k];

const pad = (v, n) => String(v).padStart(n);
console.log(`${"file".padEnd(40)} ${pad("raw", 9)} ${pad("gzip", 9)} ${pad("brotli", 9)}`);
for (const r of rows) console.log(`${r.file.padEnd(40)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
console.log(`${"page download (js + wasm)".padEnd(40)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}`);

export { total };
