// The rewrites scripts/build.sh makes to the JS glue that wasm-bindgen emits. Each step either
// applies fully or fails the build with a message naming what it did not find (a new
// wasm-bindgen or Leptos that emits other glue must be looked at, not shipped half-patched).
// tests/patch-glue.test.mjs runs the steps on a sample of the pinned wasm-bindgen's output.
//
//   node scripts/patch-glue.mjs prune-stream-adapters GLUE.js
//   node scripts/patch-glue.mjs rename GLUE.js MODULE.wasm WASM_OPT_MAP
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A rewrite step that cannot apply to the glue it was given. */
export class PatchError extends Error {}

// Leptos always links server_fn, whose wasm-streams dependency exports these #[wasm_bindgen]
// classes; the element never creates one.
export const STREAM_ADAPTERS = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
// The import module wasm-bindgen --target web names after the output (--out-name).
export const GLUE_IMPORT_MODULE = './delivery_tracker_bg.js';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Replaces the one match of `pattern` in `text`, or throws with `missing` when there is none.
function replaceOnce(text, pattern, missing) {
  const found = text.match(pattern);
  if (!found) throw new PatchError(missing);
  return text.replace(pattern, '');
}

/**
 * Removes the stream-adapter classes (each up to and including its `Symbol.dispose` line) and
 * their FinalizationRegistry constants from the glue. Throws a PatchError when one is missing or
 * when the glue still mentions them afterwards.
 */
export function pruneStreamAdapters(glue) {
  for (const name of STREAM_ADAPTERS) {
    glue = replaceOnce(
      glue,
      new RegExp(
        `export class ${name} \\{[\\s\\S]*?\\nif \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`,
      ),
      `no class ${name} ending in its Symbol.dispose line`,
    );
    glue = replaceOnce(
      glue,
      new RegExp(`const ${name}Finalization = [\\s\\S]*?\\);\\n`),
      `no ${name}Finalization registry`,
    );
  }
  const left = glue.match(/.*(?:IntoUnderlying|intounderlying).*/);
  if (left) throw new PatchError(`the glue still mentions the stream adapters: ${left[0].trim()}`);
  return glue;
}

/**
 * The mapping that `wasm-opt --minify-imports-and-exports-and-modules` prints:
 * `{ imports: [[module, name, renamed]], exports: [[name, renamed]] }`.
 */
export function parseWasmOptMap(text) {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new PatchError('wasm-opt printed no import and export mapping');
  let map;
  try {
    map = JSON.parse(text.slice(start, end + 1));
  } catch (error) {
    throw new PatchError(`wasm-opt's mapping is not JSON: ${error.message}`);
  }
  if (!Array.isArray(map.imports) || !Array.isArray(map.exports)) {
    throw new PatchError('wasm-opt\'s mapping has no "imports" and "exports" lists');
  }
  return map;
}

/**
 * Rewrites the glue for a wasm whose imports and exports wasm-opt renamed: every import key of
 * the imports object, every `wasm.name` use of an export, and the import module's key (renamed
 * to `modules[0]`, the one import module the minified wasm names). Throws a PatchError when any
 * import rename finds nothing to rewrite, or when a use of an export is left unrenamed.
 */
export function renameImportsAndExports(glue, map, modules) {
  if (modules.length !== 1) throw new PatchError(`expected one import module, found ${modules.join(', ') || 'none'}`);
  for (const [from, name, renamed] of map.imports) {
    if (from !== GLUE_IMPORT_MODULE) throw new PatchError(`an import from ${from}`);
    const key = new RegExp(`(^|[{,\\s])${escapeRegExp(name)}(?=\\s*:)`, 'gm');
    if (!key.test(glue)) throw new PatchError(`no import ${name} in the glue`);
    glue = glue.replace(key, (_, before) => `${before}${JSON.stringify(renamed)}`);
  }
  // Not every export is used by the glue (the wasm also exports a split marker, for one): the
  // check that applies is that no use of an export is left with its old name.
  for (const [name, renamed] of map.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${escapeRegExp(name)}\\b`, 'g'), `wasm[${JSON.stringify(renamed)}]`);
  }
  const moduleKey = `${JSON.stringify(GLUE_IMPORT_MODULE)}: import0`;
  if (!glue.includes(moduleKey)) throw new PatchError(`no import module key ${moduleKey} in the glue`);
  glue = glue.replace(moduleKey, `${JSON.stringify(modules[0])}: import0`);
  const left = glue.match(/\bwasm\.[A-Za-z_$][\w$]*/g);
  if (left) throw new PatchError(`exports left unrenamed: ${[...new Set(left)].join(', ')}`);
  return glue;
}

const STEPS = {
  'prune-stream-adapters': {
    files: ['GLUE.js'],
    what: 'pruning the unused stream-adapter classes from the glue',
    run([glueFile]) {
      const glue = readFileSync(glueFile, 'utf8');
      const pruned = pruneStreamAdapters(glue);
      writeFileSync(glueFile, pruned);
      console.error(`build: pruned ${glue.length - pruned.length} bytes of unused stream-adapter classes from the glue`);
    },
  },
  rename: {
    files: ['GLUE.js', 'MODULE.wasm', 'WASM_OPT_MAP'],
    what: "renaming the wasm's imports and exports in the glue",
    run([glueFile, wasmFile, mapFile]) {
      const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmFile)));
      const modules = [...new Set(imports.map((i) => i.module))];
      const map = parseWasmOptMap(readFileSync(mapFile, 'utf8'));
      writeFileSync(glueFile, renameImportsAndExports(readFileSync(glueFile, 'utf8'), map, modules));
    },
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, ...files] = process.argv.slice(2);
  const step = STEPS[name];
  if (!step || files.length !== step.files.length) {
    for (const [usage, { files: names }] of Object.entries(STEPS)) {
      console.error(`usage: node scripts/patch-glue.mjs ${usage} ${names.join(' ')}`);
    }
    process.exit(2);
  }
  try {
    step.run(files);
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    console.error(`build: ${step.what}: ${error.message}`);
    process.exit(1);
  }
}
