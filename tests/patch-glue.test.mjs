// scripts/patch-glue.mjs on a sample of the glue that the pinned wasm-bindgen (0.2.130) emits for
// the widget (tests/patch-glue/glue.js: excerpts of its www/pkg/delivery_tracker.js before the
// build's rewrites) and of the mapping wasm-opt prints (tests/patch-glue/wasm-opt-map.txt):
// each step gives the expected glue, and a glue or mapping a step does not fit fails the step.
// Run: node --test tests/patch-glue.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PatchError,
  parseWasmOptMap,
  pruneStreamAdapters,
  renameImportsAndExports,
} from '../scripts/patch-glue.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.join(HERE, '..', 'scripts', 'patch-glue.mjs');
const GLUE = readFileSync(path.join(HERE, 'patch-glue', 'glue.js'), 'utf8');
const MAP_TEXT = readFileSync(path.join(HERE, 'patch-glue', 'wasm-opt-map.txt'), 'utf8');

// The sample's Tracker class, registry, a helper and the imports, as wasm-bindgen wrote them.
const TRACKER_CLASS = `export class Tracker {
    static __wrap(ptr) {
        const obj = Object.create(Tracker.prototype);
        obj.__wbg_ptr = ptr;
        TrackerFinalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        TrackerFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_tracker_free(ptr, 0);
    }
}
if (Symbol.dispose) Tracker.prototype[Symbol.dispose] = Tracker.prototype.free;
`;

const PRUNED = `


${TRACKER_CLASS}
const TrackerFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_tracker_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_Number_ff192a72a0dcdf6d: function(arg0) {
            const ret = Number(arg0);
            return ret;
        },
    };
    return {
        __proto__: null,
        "./delivery_tracker_bg.js": import0,
    };
}
`;

const RENAMED = `


export class Tracker {
    static __wrap(ptr) {
        const obj = Object.create(Tracker.prototype);
        obj.__wbg_ptr = ptr;
        TrackerFinalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        TrackerFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm["ac"](ptr, 0);
    }
}
if (Symbol.dispose) Tracker.prototype[Symbol.dispose] = Tracker.prototype.free;

const TrackerFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm["ac"](ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm["tc"]();
    wasm["uc"].set(idx, obj);
    return idx;
}

function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        "Mb": function(arg0, arg1) {
            const ret = Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        "Lb": function(arg0) {
            const ret = Number(arg0);
            return ret;
        },
    };
    return {
        __proto__: null,
        "a": import0,
    };
}
`;

const MAP = {
  imports: [
    ['./delivery_tracker_bg.js', '__wbg_Number_ff192a72a0dcdf6d', 'Lb'],
    ['./delivery_tracker_bg.js', '__wbg_Error_208446807d0d1e30', 'Mb'],
  ],
  exports: [
    ['memory', '$b'],
    ['__wbg_tracker_free', 'ac'],
    ['_WASM_SPLIT_MARKER_732e786d2a082da8version', 'bc'],
    ['__externref_table_alloc', 'tc'],
    ['__wbindgen_externrefs', 'uc'],
  ],
};

const fails = (run, message) => assert.throws(run, (e) => e instanceof PatchError && message.test(e.message));

test('prune-stream-adapters removes the three classes and their registries, and nothing else', () => {
  assert.equal(pruneStreamAdapters(GLUE), PRUNED);
});

test('prune-stream-adapters fails when a class, its Symbol.dispose line or its registry is missing', () => {
  const withoutSink = GLUE.replace(/export class IntoUnderlyingSink \{[\s\S]*?\n\}\n/, '');
  fails(() => pruneStreamAdapters(withoutSink), /^no class IntoUnderlyingSink ending in its Symbol\.dispose line$/);
  const withoutDispose = GLUE.replace(/if \(Symbol\.dispose\) IntoUnderlyingSource\..*\n/, '');
  fails(() => pruneStreamAdapters(withoutDispose), /^no class IntoUnderlyingSource ending/);
  const withoutRegistry = GLUE.replace(/const IntoUnderlyingByteSourceFinalization = [\s\S]*?\);\n/, '');
  fails(() => pruneStreamAdapters(withoutRegistry), /^no IntoUnderlyingByteSourceFinalization registry$/);
});

test('prune-stream-adapters fails when the glue still uses a stream adapter elsewhere', () => {
  const used = `${GLUE}export function source(ptr) { return IntoUnderlyingSource.__wrap(ptr); }\n`;
  fails(
    () => pruneStreamAdapters(used),
    /^the glue still mentions the stream adapters: export function source\(ptr\) \{ return IntoUnderlyingSource\.__wrap\(ptr\); \}$/,
  );
});

test("wasm-opt's printed mapping is read", () => {
  assert.deepEqual(parseWasmOptMap(MAP_TEXT), MAP);
  fails(() => parseWasmOptMap('[wasm-validator error]'), /^wasm-opt printed no import and export mapping$/);
  fails(() => parseWasmOptMap('{ "imports": [] }'), /has no "imports" and "exports" lists/);
});

test('rename rewrites the import keys, the export uses and the import module', () => {
  assert.equal(renameImportsAndExports(PRUNED, MAP, ['a']), RENAMED);
});

test('rename fails when an import, the module key or an export rename cannot apply', () => {
  const extraImport = { ...MAP, imports: [...MAP.imports, ['./delivery_tracker_bg.js', '__wbg_gone_0123456789abcdef', 'Z']] };
  fails(() => renameImportsAndExports(PRUNED, extraImport, ['a']), /^no import __wbg_gone_0123456789abcdef in the glue$/);
  const otherModule = { ...MAP, imports: [['env', 'memory', 'a']] };
  fails(() => renameImportsAndExports(PRUNED, otherModule, ['a']), /^an import from env$/);
  fails(() => renameImportsAndExports(PRUNED, MAP, ['a', 'b']), /^expected one import module, found a, b$/);
  const noModuleKey = PRUNED.replace('"./delivery_tracker_bg.js": import0', 'import0');
  fails(() => renameImportsAndExports(noModuleKey, MAP, ['a']), /^no import module key "\.\/delivery_tracker_bg\.js": import0 in the glue$/);
  const notInMap = PRUNED.replace('return idx;', 'wasm.__externref_table_dealloc(idx);\n    return idx;');
  fails(() => renameImportsAndExports(notInMap, MAP, ['a']), /^exports left unrenamed: wasm\.__externref_table_dealloc$/);
});

test('the build step exits 1 with its message, and leaves the glue as it was, when it cannot apply', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dt-patch-glue-'));
  try {
    const file = path.join(dir, 'delivery_tracker.js');
    const glue = GLUE.replace(/const IntoUnderlyingSinkFinalization = [\s\S]*?\);\n/, '');
    writeFileSync(file, glue);
    const run = spawnSync(process.execPath, [SCRIPT, 'prune-stream-adapters', file], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'build: pruning the unused stream-adapter classes from the glue: no IntoUnderlyingSinkFinalization registry\n',
    );
    assert.equal(readFileSync(file, 'utf8'), glue);

    writeFileSync(file, GLUE);
    const ok = spawnSync(process.execPath, [SCRIPT, 'prune-stream-adapters', file], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stderr, 'build: pruned 2353 bytes of unused stream-adapter classes from the glue\n');
    assert.equal(readFileSync(file, 'utf8'), PRUNED);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
