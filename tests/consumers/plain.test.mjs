// The packed package installed with `npm install` into a project with no bundler: pages that load
// it through an import map, served by the demo server and run in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, startAll, startDemoServer, sleep } from '../e2e/harness.mjs';
import { demoServerBin, openConsumerPage, prepareProject, requestsEndingWith, step, withConsumerPage } from './lib.mjs';

let dir;
let server;
let browser;
let manifest;

before(async () => {
  dir = await prepareProject('plain');
  const pkg = path.join(dir, 'node_modules', 'delivery-tracker-widget');
  manifest = JSON.parse(readFileSync(path.join(pkg, 'custom-elements.json'), 'utf8'));
  // A second copy of the package under another URL, and the .wasm where a CDN would put it.
  rmSync(path.join(dir, 'copy'), { recursive: true, force: true });
  cpSync(pkg, path.join(dir, 'copy'), { recursive: true });
  for (const how of ['set', 'global']) {
    mkdirSync(path.join(dir, 'cdn', how), { recursive: true });
    cpSync(path.join(pkg, 'pkg', 'delivery_tracker_bg.wasm'), path.join(dir, 'cdn', how, 'tracker.wasm'));
  }
  process.env.DEMO_SERVER_BIN = demoServerBin();
  step('plain: starting the demo server and Chromium');
  [server, browser] = await startAll([startDemoServer({ root: dir }), launchBrowser()]);
});

after(async () => {
  await Promise.allSettled([browser?.close(), server?.stop()]);
});

const T = { timeout: 60000 };
const CLOUD = 'https://apis.tracker.delivery';

/** Answers the cloud API's requests from the fixture API (the README page uses the default api-base). */
async function routeCloudToFixture(page) {
  await page.route(`${CLOUD}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${server.api}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
}

test('the README page: elements in the markup render from the API; one glue and one .wasm request; the light-DOM links show until the wasm is ready', T, async () => {
  step('plain: index.html (import map + one import, three elements)');
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let wasmAsked;
  const wasmRequested = new Promise((resolve) => (wasmAsked = resolve));
  await withConsumerPage(
    browser,
    `${server.page}index.html`,
    {
      waitUntil: 'domcontentloaded',
      setup: async (page) => {
        await routeCloudToFixture(page);
        await page.route('**/*.wasm', async (route) => {
          wasmAsked();
          await gate;
          await route.continue();
        });
      },
    },
    async (tp) => {
      const { page } = tp;
      await wasmRequested;
      // The element is defined and its wasm is on its way, but not there yet.
      assert.equal(await page.evaluate(() => !!customElements.get('delivery-tracker')), true);
      for (const id of ['t1', 't2', 't3']) {
        assert.equal(await page.locator(`#link${id.slice(1)}`).isVisible(), true, `#${id}'s light-DOM link is visible while the wasm loads`);
        assert.equal(await tp.state(`#${id}`), 'loading');
        assert.equal(await page.evaluate((id) => document.getElementById(id).shadowRoot, id), null);
      }
      await sleep(200);
      assert.equal(await page.locator('#link1').isVisible(), true, 'still visible 200 ms later');
      release();

      await tp.waitForState('#t1', 'ready');
      await tp.waitForState('#t2', 'ready');
      await tp.waitForState('#t3', 'ready');
      for (const n of [1, 2, 3]) assert.equal(await page.locator(`#link${n}`).isVisible(), false, 'the shadow root replaces the light DOM');

      assert.equal(requestsEndingWith(tp, '.wasm').length, 1, 'one .wasm request for the page');
      assert.equal(requestsEndingWith(tp, '/delivery_tracker.js').length, 1, 'one glue request');
      assert.equal(
        new URL(requestsEndingWith(tp, '.wasm')[0].url).pathname,
        '/node_modules/delivery-tracker-widget/pkg/delivery_tracker_bg.wasm',
        'the .wasm is loaded relative to the module',
      );
      const apiPaths = tp.requests.filter((r) => r.url.startsWith(CLOUD)).map((r) => new URL(r.url).pathname).sort();
      assert.deepEqual(apiPaths, [
        '/carriers/kr.cjlogistics/tracks/1111111111',
        '/carriers/kr.cjlogistics/tracks/1234567890',
        '/carriers/kr.cjlogistics/tracks/2222222222',
      ]);

      // What a shop developer reads back.
      assert.equal(await tp.text('#t1', '[part=status]'), '배송완료');
      assert.equal(await tp.text('#t3', '[part=status]'), 'Out for delivery');
      const loads = await tp.events('dt-load');
      assert.deepEqual(loads.map((e) => e.id).sort(), ['t1', 't2', 't3']);
      const t1 = loads.find((e) => e.id === 't1');
      assert.equal(t1.bubbles && t1.composed, true);
      assert.equal(t1.detail.carrier, 'kr.cjlogistics');
      assert.equal(t1.detail.trackingNumber, '1234567890');
      assert.equal(t1.detail.status.code, 'DELIVERED');
      const data = await page.evaluate(() => document.getElementById('t1').data);
      assert.equal(data.trackingNumber, '1234567890');
      assert.equal(data.events.length, 6);

      // The implementation agrees with the shipped manifest.
      const observed = await page.evaluate(() => [...customElements.get('delivery-tracker').observedAttributes]);
      const declaration = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'delivery-tracker');
      assert.deepEqual([...observed].sort(), declaration.attributes.map((a) => a.name).sort(), 'observedAttributes = the manifest attributes');
      const rendered = await page.evaluate(() =>
        [...new Set(['t1', 't2', 't3'].flatMap((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part').split(/\s+/))))],
      );
      const declared = declaration.cssParts.map((p) => p.name);
      for (const part of rendered) assert.ok(declared.includes(part), `rendered part "${part}" is in the manifest`);
      for (const part of ['base', 'summary', 'status', 'stages', 'stage', 'timeline', 'event', 'link', 'copy']) {
        assert.ok(rendered.includes(part), `a ready element renders part "${part}"`);
      }
    },
  );
});

test('importing defines the element and loads nothing more; the first element to connect loads the wasm', T, async () => {
  step('plain: lazy.html');
  await withConsumerPage(browser, `${server.page}lazy.html`, { apiOrigin: server.api }, async (tp) => {
    await tp.page.waitForFunction(() => window.imported === true);
    await sleep(500);
    assert.deepEqual(
      tp.requests.map((r) => new URL(r.url).pathname).filter((p) => p.includes('/pkg/')),
      [],
      'no glue or .wasm request before an element connects',
    );
    const a = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': await tp.page.evaluate(() => window.apiBase) });
    await tp.waitForState(a, 'ready');
    const b = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1111111111', 'api-base': await tp.page.evaluate(() => window.apiBase) });
    await tp.waitForState(b, 'ready');
    assert.equal(requestsEndingWith(tp, '.wasm').length, 1, 'one .wasm request');
  });
});

test('two copies of the package (and the same one twice) on one page: nothing throws, one wasm', T, async () => {
  step('plain: double.html');
  await withConsumerPage(browser, `${server.page}double.html`, { apiOrigin: server.api }, async (tp) => {
    await tp.page.waitForFunction(() => window.results !== undefined);
    assert.deepEqual(await tp.page.evaluate(() => window.results), {
      differentModules: true,
      definedByFirst: true,
      defineAgain: true,
    });
    await tp.waitForState('#n1234567890', 'ready');
    await tp.waitForState('#n1111111111', 'ready');
    assert.equal(requestsEndingWith(tp, '.wasm').length, 1, 'one .wasm request');
  });
});

test('the side-effect-free entry defines nothing until defineDeliveryTracker(name)', T, async () => {
  step('plain: element.html');
  await withConsumerPage(browser, `${server.page}element.html`, { apiOrigin: server.api }, async (tp) => {
    await tp.page.waitForFunction(() => window.results?.again !== undefined);
    assert.deepEqual(await tp.page.evaluate(() => window.results), {
      definedOnImport: false,
      sameClass: true,
      subclass: true,
      again: true,
      stillNotDefault: true,
    });
    await tp.waitForState('#shop-tracker', 'ready');
    await tp.waitForState('#other-tracker', 'ready');
    assert.equal(requestsEndingWith(tp, '.wasm').length, 1, 'one .wasm request for both names');
    assert.equal(requestsEndingWith(tp, '/index.js').length, 0, 'the main entry was not loaded');
  });
});

test('properties set before the package loads (apiKey, translations, trackingNumber) apply once it does; translations change live', T, async () => {
  step('plain: props.html');
  await withConsumerPage(browser, `${server.page}props.html`, { apiOrigin: server.api }, async (tp) => {
    const { page } = tp;
    await page.waitForFunction(() => typeof window.apiBase === 'string');
    await page.evaluate(() => {
      const el = document.createElement('delivery-tracker');
      el.id = 'k';
      el.setAttribute('api-base', `${window.apiBase}/keyed`);
      el.setAttribute('carrier', 'kr.cjlogistics');
      el.trackingNumber = '1234567890';
      el.apiKey = 'demo-client:demo-secret';
      el.translations = { ko: { linkText: '택배사에서 보기' } };
      document.body.append(el);
    });
    assert.equal(await page.evaluate(() => customElements.get('delivery-tracker')), undefined);
    await page.evaluate(() => import('delivery-tracker-widget'));
    await tp.waitForState('#k', 'ready');
    assert.equal(await page.evaluate(() => document.getElementById('k').getAttribute('tracking-number')), '1234567890');
    assert.equal(await page.evaluate(() => Object.prototype.hasOwnProperty.call(document.getElementById('k'), 'apiKey')), false);
    const track = tp.apiRequests('/keyed/carriers/kr.cjlogistics/tracks/1234567890');
    assert.equal(track.length, 1);
    assert.equal(await track[0].request.headerValue('authorization'), 'TRACKQL-API-KEY demo-client:demo-secret');
    assert.equal(await tp.text('#k', 'a[part=link]'), '택배사에서 보기');
    await page.evaluate(() => (document.getElementById('k').translations = { linkText: 'Track it' }));
    await page.waitForFunction(() => document.getElementById('k').shadowRoot.querySelector('a[part=link]').textContent.trim() === 'Track it');
    await page.evaluate(() => (document.getElementById('k').translations = null));
    await page.waitForFunction(
      () => document.getElementById('k').shadowRoot.querySelector('a[part=link]').textContent.trim() === 'tracker.delivery에서 조회하기',
    );
  });
});

for (const how of ['set', 'global']) {
  test(`the .wasm URL can be overridden (${how === 'set' ? 'setWasmUrl()' : 'DELIVERY_TRACKER_WASM_URL'})`, T, async () => {
    step(`plain: wasm-url.html?how=${how}`);
    await withConsumerPage(browser, `${server.page}wasm-url.html?how=${how}`, { apiOrigin: server.api }, async (tp) => {
      await tp.waitForState('#t', 'ready');
      const wasm = requestsEndingWith(tp, '.wasm').map((r) => new URL(r.url).pathname);
      assert.deepEqual(wasm, [`/cdn/${how}/tracker.wasm`]);
    });
  });
}
