// What `npm pack ./www` ships: the files, the manifest fields, the README's promises, that the
// installed package imports in Node without a DOM, and the size report.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, packTarball, prepareProject, runOk, step } from './lib.mjs';

let tarball;
let files;
let pkg;

before(async () => {
  tarball = (await packTarball()).path;
  const { stdout } = await runOk('tar', ['-tzf', tarball]);
  files = stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).filter((f) => !f.endsWith('/'));
  pkg = JSON.parse((await runOk('tar', ['-xzOf', tarball, 'package/package.json'])).stdout);
});

test('the tarball holds the entry modules, their types, the manifest, the glue and the .wasm, and nothing else', () => {
  const expected = [
    'LICENSE', 'README.md', 'package.json', 'custom-elements.json',
    'index.js', 'index.d.ts', 'element.js', 'element.d.ts', 'data.d.ts',
    'react.js', 'react.d.ts', 'vue.js', 'vue.d.ts',
    'pkg/delivery_tracker.js', 'pkg/delivery_tracker_bg.wasm',
  ];
  const snippets = files.filter((f) => f.startsWith('pkg/snippets/'));
  assert.deepEqual([...files].sort(), [...expected, ...snippets].sort());
  for (const f of snippets) assert.match(f, /\.js$/, 'snippets are JS modules');
});

test('package.json: name, module type, exports, types, sideEffects, customElements, license, repository, keywords', () => {
  assert.equal(pkg.name, 'delivery-tracker-widget');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.license, 'MIT');
  assert.ok(pkg.repository?.url, 'repository');
  assert.ok(pkg.keywords.includes('web-component') && pkg.keywords.includes('custom-element'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.equal(pkg.types, './index.d.ts');
  assert.deepEqual(pkg.sideEffects, ['./index.js'], 'only the main entry has side effects');
  assert.deepEqual(pkg.exports['.'], { types: './index.d.ts', default: './index.js' });
  assert.deepEqual(pkg.exports['./element'], { types: './element.d.ts', default: './element.js' });
  assert.equal(pkg.exports['./pkg/delivery_tracker_bg.wasm'], './pkg/delivery_tracker_bg.wasm');
  const targets = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.exports).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))];
  for (const target of targets) assert.ok(files.includes(target.replace(/^\.\//, '')), `${target} is in the tarball`);
  for (const [sub, [target]] of Object.entries(pkg.typesVersions['*'])) {
    assert.ok(files.includes(target.replace(/^\.\//, '')), `typesVersions ${sub} → ${target}`);
  }
});

test('the README covers install, no-bundler, CDN and Vite use, attributes, events, theming and the key warning', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'www', 'README.md'), 'utf8');
  for (const phrase of [
    'npm install delivery-tracker-widget',
    'import "delivery-tracker-widget";',
    '"imports"',
    'cdn.jsdelivr.net/npm/delivery-tracker-widget@',
    'optimizeDeps: { exclude: ["delivery-tracker-widget"] }',
    'delivery-tracker-widget/react',
    'delivery-tracker-widget/vue',
    'setWasmUrl(',
    'DELIVERY_TRACKER_WASM_URL',
    'defineDeliveryTracker(',
    'npm run size-report',
    'Anything you put in a public page is public',
    'proxy_set_header Authorization',
  ]) {
    assert.ok(readme.includes(phrase), `README mentions ${phrase}`);
  }
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'www', 'custom-elements.json'), 'utf8'));
  const declaration = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'delivery-tracker');
  for (const a of declaration.attributes) assert.ok(readme.includes(`| \`${a.name}\` |`), `README's attribute table has ${a.name}`);
  for (const m of declaration.members.filter((m) => !m.inheritedFrom && !m.attribute)) {
    assert.ok(readme.includes(`\`${m.name}`), `README names the property ${m.name}`);
  }
  for (const e of declaration.events) assert.ok(readme.includes(`| \`${e.name}\` |`), `README's event table has ${e.name}`);
  for (const p of declaration.cssProperties) assert.ok(readme.includes(`| \`${p.name}\` |`), `README's theming table has ${p.name}`);
  for (const p of declaration.cssParts) assert.ok(readme.includes(`\`${p.name}\``), `README names the part ${p.name}`);
});

test('the installed package imports in Node (server-side rendering) without throwing, and defines nothing', async () => {
  const dir = await prepareProject('plain');
  step('package: importing the installed entries in Node');
  const { stdout } = await runOk(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const main = await import("delivery-tracker-widget");
       const element = await import("delivery-tracker-widget/element");
       await import("delivery-tracker-widget/react");
       console.log(JSON.stringify([typeof main.DeliveryTrackerElement, main.DeliveryTrackerElement === element.DeliveryTrackerElement, main.defineDeliveryTracker()]));`,
    ],
    { cwd: dir },
  );
  assert.deepEqual(JSON.parse(stdout), ['function', true, null]);
});

test('the size report lists every shipped file with raw, gzip and brotli bytes, and the page total', async () => {
  const { stdout } = await runOk(process.execPath, [path.join(REPO_ROOT, 'scripts', 'size-report.mjs'), '--json']);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.files.map((f) => f.file).sort(), [...files].sort());
  for (const f of report.files) {
    assert.ok(f.raw > 0 && f.gzip > 0 && f.brotli > 0, `${f.file} has sizes`);
  }
  const loaded = report.files.filter((f) => ['index.js', 'element.js'].includes(f.file) || /^pkg\/.*\.(js|wasm)$/.test(f.file));
  for (const k of ['raw', 'gzip', 'brotli']) {
    assert.equal(report.pageDownload[k], loaded.reduce((sum, f) => sum + f[k], 0), `page download ${k}`);
  }
  const text = (await runOk(process.execPath, [path.join(REPO_ROOT, 'scripts', 'size-report.mjs')])).stdout;
  assert.match(text, /page download/);
});
