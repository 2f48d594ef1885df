// custom-elements.json, the element's implementation (www/element.js and the Rust views, events
// and styles in src/) and the spec name the same attributes, properties, events, parts and CSS
// custom properties. (The .d.ts side is checked by types.test.mjs with tsc, and the loaded class's
// observedAttributes in Chromium by plain.test.mjs.) No install, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, WWW_DIR } from './lib.mjs';

// The spec (docs/element.md) as literals: the attribute table, the properties, the events
// table, the styling section. The implementation may add properties and parts (the widget adds
// `translations` and the parts notice, more, copy, refresh): the manifest must then name them too.
const SPEC_ATTRIBUTES = [
  'carrier', 'tracking-number', 'api-base', 'api-version', 'mode', 'lang', 'fallback-href',
  'link-client-id', 'timeout', 'theme', 'refresh-interval',
];
const SPEC_PROPERTIES_ONLY = { apiKey: 'settable', data: 'readonly', state: 'readonly', refresh: 'method' };
const SPEC_PARTS_MINIMUM = ['base', 'summary', 'status', 'stages', 'stage', 'timeline', 'event', 'form', 'fallback', 'link'];
const SPEC_EVENTS = ['dt-load', 'dt-error', 'dt-fallback'];
const SPEC_CSS = ['--dt-accent', '--dt-bg', '--dt-fg', '--dt-muted', '--dt-border', '--dt-radius', '--dt-font'];

const sorted = (list) => [...list].sort();
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

const manifest = JSON.parse(readFileSync(path.join(WWW_DIR, 'custom-elements.json'), 'utf8'));
const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'delivery-tracker');

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}
const srcText = (ext) => files(path.join(REPO_ROOT, 'src'), ext).map((f) => readFileSync(f, 'utf8')).join('\n');

test("the spec file still has the attributes and styling names these tests take from it", () => {
  // docs/element.md is the spec as written, followed by what this implementation adds.
  const spec = process.env.DT_SPEC ?? path.join(REPO_ROOT, 'docs', 'element.md');
  const text = readFileSync(spec, 'utf8');
  const table = text.split('## Attributes')[1].split('\n## ')[0];
  const attributes = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(attributes, SPEC_ATTRIBUTES);
  const events = [...text.split('## Events')[1].split('\n## ')[0].matchAll(/^\| `(dt-[a-z]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(events, SPEC_EVENTS);
  const styling = text.split('## Styling')[1].split('\n## ')[0];
  assert.deepEqual(sorted(new Set(styling.match(/--dt-[a-z]+/g))), sorted(SPEC_CSS));
  const parts = /`::part\(\)`: ([^.]+)\./.exec(styling)[1].match(/`([a-z]+)`/g).map((s) => s.slice(1, -1));
  assert.deepEqual(sorted(parts), sorted(SPEC_PARTS_MINIMUM));
});

test('attributes: spec = custom-elements.json = observedAttributes of www/element.js', async () => {
  assert.deepEqual(sorted(declaration.attributes.map((a) => a.name)), sorted(SPEC_ATTRIBUTES), 'manifest attributes');
  for (const a of declaration.attributes) assert.equal(a.fieldName, camel(a.name), `${a.name}: fieldName`);
  // element.js has no side effects and no DOM dependency at import: Node can load it.
  const { DeliveryTrackerElement, defineDeliveryTracker } = await import(pathToFileURL(path.join(WWW_DIR, 'element.js')).href);
  assert.deepEqual(sorted(DeliveryTrackerElement.observedAttributes), sorted(SPEC_ATTRIBUTES), 'observedAttributes');
  assert.equal(defineDeliveryTracker(), undefined, 'without customElements nothing is defined');
});

test('properties: custom-elements.json members = the properties and methods of www/element.js', async () => {
  const { DeliveryTrackerElement } = await import(pathToFileURL(path.join(WWW_DIR, 'element.js')).href);
  const proto = DeliveryTrackerElement.prototype;
  const lifecycle = ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback'];
  const implemented = Object.getOwnPropertyNames(proto).filter((n) => !lifecycle.includes(n));
  const own = declaration.members.filter((m) => !m.inheritedFrom);
  assert.deepEqual(sorted(own.map((m) => m.name)), sorted(implemented), 'own members');
  for (const name of [...SPEC_ATTRIBUTES.filter((a) => a !== 'lang').map(camel), ...Object.keys(SPEC_PROPERTIES_ONLY)]) {
    assert.ok(own.some((m) => m.name === name), `the manifest names the spec's property ${name}`);
  }
  for (const member of own) {
    const d = Object.getOwnPropertyDescriptor(proto, member.name);
    if (member.kind === 'method') {
      assert.equal(typeof d.value, 'function', `${member.name} is a method`);
      continue;
    }
    assert.equal(typeof d.get, 'function', `${member.name} has a getter`);
    assert.equal(!!member.readonly, d.set === undefined, `${member.name}: readonly in the manifest iff it has no setter`);
  }
  for (const [name, kind] of Object.entries(SPEC_PROPERTIES_ONLY)) {
    const member = own.find((m) => m.name === name);
    assert.equal(member.kind === 'method' ? 'method' : member.readonly ? 'readonly' : 'settable', kind, name);
    assert.equal(member.attribute, undefined, `${name} is never an attribute`);
  }
  const lang = declaration.members.find((m) => m.name === 'lang');
  assert.equal(lang?.inheritedFrom?.name, 'HTMLElement', 'lang is HTMLElement\'s own property');
});

test('events: spec = custom-elements.json = what src/browser/events.rs dispatches', () => {
  assert.deepEqual(sorted(declaration.events.map((e) => e.name)), sorted(SPEC_EVENTS));
  const dispatched = [...srcText('.rs').matchAll(/dispatch\(\s*host,\s*"(dt-[a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(sorted(new Set(dispatched)), sorted(SPEC_EVENTS));
});

test('parts: custom-elements.json = the part="…" names in the Rust views, which include the spec\'s', () => {
  const declared = declaration.cssParts.map((p) => p.name);
  const rendered = new Set([...srcText('.rs').matchAll(/\bpart="([a-z ]+)"/g)].flatMap((m) => m[1].split(' ')));
  assert.deepEqual(sorted(declared), sorted(rendered));
  for (const part of SPEC_PARTS_MINIMUM) assert.ok(declared.includes(part), `the spec's part ${part}`);
});

test('CSS custom properties: spec = custom-elements.json = the var(--dt-…) the styles read', () => {
  assert.deepEqual(sorted(declaration.cssProperties.map((p) => p.name)), sorted(SPEC_CSS));
  const used = new Set([...srcText('.css').matchAll(/var\((--dt-[a-z-]+)/g)].map((m) => m[1]));
  assert.deepEqual(sorted(used), sorted(SPEC_CSS));
});

test('package.json names the manifest, the types and entry points that exist in www/', () => {
  const pkg = JSON.parse(readFileSync(path.join(WWW_DIR, 'package.json'), 'utf8'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))];
  for (const target of targets) {
    if (target.startsWith('./pkg/')) continue; // generated by the build
    assert.ok(existsSync(path.join(WWW_DIR, target)), `${target} exists`);
  }
  for (const m of manifest.modules) assert.ok(existsSync(path.join(WWW_DIR, m.path)), `manifest module ${m.path} exists`);
});
