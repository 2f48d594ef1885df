// The packed package installed with `npm install` into a Vite 7 app (a plain page and a React 19
// page): `vite build`, then the built site served by the demo server and run in Chromium; and the
// same pages under `vite` (the dev server) with the config the package README gives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, launchBrowser, startAll, startDemoServer, startHttpProcess } from '../e2e/harness.mjs';
import { bin, demoServerBin, prepareProject, requestsEndingWith, runOk, step, withConsumerPage } from './lib.mjs';

let dir;
let server;
let browser;

before(async () => {
  dir = await prepareProject('vite', ['vite@7', 'react@19', 'react-dom@19'], {
    shared: [['TrackerList.tsx', 'src/TrackerList.tsx']],
  });
  step('vite: vite build');
  await runOk(bin(dir, 'vite'), ['build', '--logLevel', 'warn'], { cwd: dir });
  process.env.DEMO_SERVER_BIN = demoServerBin();
  step('vite: starting the demo server on dist/ and Chromium');
  [server, browser] = await startAll([startDemoServer({ root: path.join(dir, 'dist') }), launchBrowser()]);
});

after(async () => {
  await Promise.allSettled([browser?.close(), server?.stop()]);
});

const T = { timeout: 60000 };

async function plainPage(url, wasmPath) {
  await withConsumerPage(browser, url, { apiOrigin: server.api }, async (tp) => {
    for (const n of ['1234567890', '1111111111', '2222222222']) await tp.waitForState(`#t${n}`, 'ready');
    assert.equal(await tp.text('#t1234567890', '[part=status]'), '배송완료');
    const wasm = requestsEndingWith(tp, '.wasm');
    assert.equal(wasm.length, 1, 'one .wasm request');
    assert.match(new URL(wasm[0].url).pathname, wasmPath);
    assert.deepEqual((await tp.events('dt-load')).map((e) => e.id).sort(), ['t1111111111', 't1234567890', 't2222222222']);
  });
}

async function reactPage(url) {
  await withConsumerPage(browser, url, { apiOrigin: server.api }, async (tp) => {
    const { page } = tp;
    await tp.waitForState('#r1234567890', 'ready');
    await tp.waitForState('#r1111111111', 'ready');
    // React's own listeners (ondt-load) saw both loads.
    await page.waitForFunction(() => document.getElementById('loaded').textContent.split(' ').length === 2);
    assert.deepEqual((await page.textContent('#loaded')).split(' ').sort(), ['1111111111:IN_TRANSIT:4', '1234567890:DELIVERED:6']);
    assert.equal(await page.textContent('#errors'), '');
    // Props React set: attributes (api-base, tracking-number) and properties (mode, timeout, theme).
    assert.deepEqual(
      await page.evaluate(() => {
        const el = document.getElementById('r1111111111');
        return [el.getAttribute('api-base') !== null, el.getAttribute('mode'), el.getAttribute('timeout'), el.timeout, el.theme, el.className];
      }),
      [true, 'compact', '8000', 8000, 'light', 'tracker'],
    );
    // refresh() through a React ref fires dt-load again.
    await page.click('#refresh');
    await page.waitForFunction(() => document.getElementById('loaded').textContent.split(' ').length === 3);
    assert.equal(requestsEndingWith(tp, '.wasm').length, 1, 'one .wasm request');
  });
}

test('vite build emits the .wasm as an asset', () => {
  const assets = readdirSync(path.join(dir, 'dist', 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 1, `one .wasm in dist/assets: ${assets.join(', ')}`);
});

test('the built Vite page renders three trackings with one .wasm request', T, async () => {
  step('vite: dist/index.html');
  await plainPage(`${server.page}index.html`, /^\/assets\/.*\.wasm$/);
});

test('the built React 19 page: attributes, properties and ondt-* listeners reach the element', T, async () => {
  step('vite: dist/react.html');
  await reactPage(`${server.page}react.html`);
});

test('under the Vite dev server (optimizeDeps.exclude as the README says) both pages work', T, async () => {
  const port = await freePort();
  step(`vite: vite (dev server) on port ${port}`);
  const dev = await startHttpProcess({
    command: bin(dir, 'vite'),
    args: ['--port', String(port), '--strictPort', '--host', '127.0.0.1', '--clearScreen', 'false'],
    cwd: dir,
    port,
    name: 'vite dev server',
    timeoutMs: 30000,
  });
  try {
    const api = encodeURIComponent(server.api);
    // Warm-up: on a first visit Vite may still optimize dependencies and reload the page, which
    // would count the .wasm twice.
    for (const page of ['', 'react.html']) {
      const context = await browser.newContext();
      await (await context.newPage()).goto(`${dev.url}/${page}?api=${api}`, { waitUntil: 'networkidle', timeout: 30000 });
      await context.close();
    }
    await plainPage(`${dev.url}/?api=${api}`, /^\/node_modules\/delivery-tracker-widget\/pkg\/delivery_tracker_bg\.wasm$/);
    await reactPage(`${dev.url}/react.html?api=${api}`);
  } catch (error) {
    error.message += `\nvite dev server output:\n${dev.output()}`;
    throw error;
  } finally {
    await dev.stop();
  }
});
