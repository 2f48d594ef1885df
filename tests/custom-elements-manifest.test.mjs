// The committed www/custom-elements.json is what @custom-elements-manifest/analyzer generates now
// from the JSDoc in www/src/element.js (regenerate it with `npm run custom-elements-manifest`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(REPO, 'www');
const SOURCES = path.join(WWW, 'src');

test('www/custom-elements.json is up to date with the JSDoc of www/src/element.js', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'dt-cem-'));
  try {
    // The same command as the npm script, writing elsewhere (the analyzer takes outdir relative
    // to its working directory).
    execFileSync(
      path.join(REPO, 'node_modules', '.bin', 'cem'),
      ['analyze', '--config', '../../scripts/custom-elements-manifest.config.mjs', '--outdir', path.relative(SOURCES, out)],
      { cwd: SOURCES, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const generated = readFileSync(path.join(out, 'custom-elements.json'), 'utf8');
    const committed = readFileSync(path.join(WWW, 'custom-elements.json'), 'utf8');
    assert.equal(committed, generated, 'www/custom-elements.json is stale: run `npm run custom-elements-manifest`');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the generated manifest carries the element\'s slot, summary and a CSS property\'s syntax and default', () => {
  const manifest = JSON.parse(readFileSync(path.join(WWW, 'custom-elements.json'), 'utf8'));
  const element = manifest.modules[0].declarations.find((d) => d.tagName === 'delivery-tracker');
  assert.equal(element.summary, 'A parcel\'s status, delivery stages and timeline, or its tracking link.');
  assert.deepEqual(element.superclass, { name: 'HTMLElement', package: 'global:' });
  assert.deepEqual(element.slots.map((s) => s.name), ['']);
  assert.deepEqual(element.cssProperties.find((p) => p.name === '--dt-radius'), {
    description: 'Corner radius.',
    name: '--dt-radius',
    default: '12px',
    syntax: '<length>',
  });
  const index = manifest.modules.find((m) => m.path === 'index.js');
  assert.deepEqual(index.exports[0], {
    kind: 'custom-element-definition',
    name: 'delivery-tracker',
    declaration: { name: 'DeliveryTrackerElement', module: 'element.js' },
  });
});
