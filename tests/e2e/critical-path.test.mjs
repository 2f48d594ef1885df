// The critical path of the first parcel (issue 14, docs/performance.md "First parcel on a phone"):
// nothing is fetched before an element connects; then the glue and the .wasm are requested
// together, and the element's first requests travel in parallel with them (v1: the track GET;
// v2: the track POST and the carriers-list POST), taken over by the core when it has loaded:
// still one request per distinct parcel, aborted when its element leaves, and a key set as a
// property is sent as a header, never in a URL or the DOM.
//
// Orders are shown causally, never by timing the test process: a response the test holds back
// (Playwright's page.route) cannot have arrived, so a request the fixture API logged meanwhile
// (its own log, `GET {api}/__requests`) or the browser's Resource Timing started before it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverRequests, sleep, useDemoSuite, waitForServerRequests } from './harness.mjs';
import { KEY } from './support/expected.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };
// The fixture API's log is the server's, shared by the tests of this file: each test tracks its
// parcels with a carrier of its own, so its requests are its own.
const GLUE = '**/delivery-tracker-widget/pkg/delivery_tracker.js';
const WASM = '**/delivery-tracker-widget/pkg/delivery_tracker_bg.wasm';

/** Holds back the responses to `pattern` until `release()`; `requested` resolves on the first request. */
async function holdBack(page, pattern) {
  let release;
  let requested;
  const released = new Promise((resolve) => (release = resolve));
  const seen = new Promise((resolve) => (requested = resolve));
  await page.route(pattern, async (route) => {
    requested();
    await released;
    await route.continue();
  });
  return { release, requested: seen };
}

/** The fixture API's log of the GraphQL POSTs to `path` whose body contains `includes`. */
const graphqlRequests = async (path, includes) =>
  (await serverRequests(demo.server.api, includes)).filter((r) => r.method === 'POST' && r.url === path);

/** Waits until the fixture API has logged `n` GraphQL POSTs to `path` whose body contains `includes`. */
async function waitForGraphql(path, includes, n) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const requests = await graphqlRequests(path, includes);
    if (requests.length >= n) return requests;
    assert.ok(Date.now() < deadline, `the fixture API received ${requests.length} POSTs to ${path} with ${includes}, not ${n}`);
    await sleep(25);
  }
}

/** The page's Resource Timing entries whose URL contains `part`: { start, end } in ms. */
const timings = (page, part) =>
  page.evaluate(
    (part) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes(part))
        .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
    part,
  );

describe('the first parcel\'s critical path', { concurrency: 3 }, () => {
  test('no glue, .wasm or API request before an element connects; then the glue and the .wasm are requested together', T, () =>
    run(async (tp) => {
      await sleep(300); // the page has imported the package
      assert.deepEqual(tp.requests.filter((r) => /delivery_tracker(_bg\.wasm|\.js)$/.test(r.url)).map((r) => r.url), []);
      assert.deepEqual(await serverRequests(demo.server.api, '/carriers/kr.epost/tracks/1234567890'), []);

      // With the glue held back, the .wasm is requested all the same: it does not wait for it.
      const glue = await holdBack(tp.page, GLUE);
      const wasm = await holdBack(tp.page, WASM);
      wasm.release();
      const el = await tp.create({ carrier: 'kr.epost', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await glue.requested;
      await wasm.requested;
      assert.equal(await tp.state(el), 'loading');
      glue.release();
      await tp.waitForState(el, 'ready');

      const [glueTiming] = await timings(tp.page, 'pkg/delivery_tracker.js');
      const [wasmTiming] = await timings(tp.page, 'pkg/delivery_tracker_bg.wasm');
      assert.ok(wasmTiming.start < glueTiming.end, `the .wasm (from ${wasmTiming.start} ms) was requested before the glue arrived (${glueTiming.end} ms)`);
      assert.equal(tp.requests.filter((r) => r.url.endsWith('.wasm')).length, 1, 'one .wasm request');
    }));

  test('the track request reaches the API while the .wasm is still held back; the core takes it over: one request', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const el = await tp.create({ carrier: 'kr.hanjin', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await wasm.requested;
      const early = await waitForServerRequests(demo.server.api, '/carriers/kr.hanjin/tracks/1234567890', 1);
      assert.equal(early.length, 1);
      assert.equal(await tp.state(el), 'loading', 'the core has not loaded: the .wasm is held back');
      wasm.release();
      await tp.waitForState(el, 'ready');
      assert.equal(await tp.shadow(el, (root) => root.querySelector('[part=status]').textContent.trim()), '배송완료');

      assert.equal((await serverRequests(demo.server.api, '/carriers/kr.hanjin/tracks/1234567890')).length, 1, 'one track request for the parcel');
      const [track, ...more] = await timings(tp.page, '/carriers/kr.hanjin/tracks/1234567890');
      const [wasmTiming] = await timings(tp.page, 'pkg/delivery_tracker_bg.wasm');
      assert.deepEqual(more, [], 'one track request in Resource Timing');
      assert.ok(track.start < wasmTiming.end, `the track request (from ${track.start} ms) started before the .wasm arrived (${wasmTiming.end} ms)`);
    }));

  test('20 elements of one parcel and 2 of another, connected before the core loads: one request per parcel', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      await tp.page.evaluate((api) => {
        for (let i = 0; i < 22; i++) {
          const el = document.createElement('delivery-tracker');
          el.className = 'many';
          el.setAttribute('carrier', 'kr.lotte');
          el.setAttribute('tracking-number', i < 20 ? '1234567890' : '1111111111');
          el.setAttribute('api-base', api);
          document.body.append(el);
        }
      }, demo.server.api);
      await wasm.requested;
      await waitForServerRequests(demo.server.api, '/carriers/kr.lotte/tracks/1234567890', 1);
      await waitForServerRequests(demo.server.api, '/carriers/kr.lotte/tracks/1111111111', 1);
      wasm.release();
      await tp.page.waitForFunction(() => [...document.querySelectorAll('.many')].every((el) => el.state === 'ready'), null, { timeout: 10000 });
      assert.equal((await serverRequests(demo.server.api, '/carriers/kr.lotte/tracks/1234567890')).length, 1);
      assert.equal((await serverRequests(demo.server.api, '/carriers/kr.lotte/tracks/1111111111')).length, 1);
    }));

  test('a key set as a property right after connecting: one request, with the key as a header, never in a URL or the DOM', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const base = `${demo.server.api}/keyed`;
      await tp.page.evaluate(([base, key]) => {
        const el = document.createElement('delivery-tracker');
        el.id = 'keyed';
        el.setAttribute('carrier', 'kr.logen');
        el.setAttribute('tracking-number', '1234567890');
        el.setAttribute('api-base', base);
        document.body.append(el);
        el.apiKey = key; // after connect, in the same task
      }, [base, KEY]);
      await wasm.requested;
      const early = await waitForServerRequests(demo.server.api, '/keyed/carriers/kr.logen/tracks/1234567890', 1);
      assert.deepEqual(early.map((r) => r.authorization), ['demo-key']);
      wasm.release();
      await tp.waitForState('#keyed', 'ready');
      const all = await serverRequests(demo.server.api, '/keyed/carriers/');
      assert.deepEqual(all.map((r) => [r.url, r.authorization]), [['/keyed/carriers/kr.logen/tracks/1234567890', 'demo-key']]);
      for (const r of tp.requests) assert.ok(!r.url.includes('demo-secret'), `no key in ${r.url}`);
      const dom = await tp.page.evaluate(() => {
        const el = document.getElementById('keyed');
        return document.documentElement.outerHTML + el.shadowRoot.innerHTML;
      });
      assert.ok(!dom.includes('demo-secret'), 'the key is not in the DOM');
    }));

  test('an element removed before the core loads: its request is aborted and none follows', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const slow = await tp.create({ carrier: 'kr.cupost', 'tracking-number': '9990000000', 'api-base': demo.server.api });
      await wasm.requested;
      await waitForServerRequests(demo.server.api, '/carriers/kr.cupost/tracks/9990000000', 1);
      await tp.page.evaluate((sel) => document.querySelector(sel).remove(), slow);
      const deadline = Date.now() + 5000;
      while (!tp.apiRequests('/carriers/kr.cupost/tracks/9990000000')[0]?.failure && Date.now() < deadline) await sleep(25);
      assert.match(tp.apiRequests('/carriers/kr.cupost/tracks/9990000000')[0].failure ?? 'not aborted', /ABORTED/);

      // The core loads (for another element) and sends nothing for the removed one.
      const other = await tp.create({ carrier: 'kr.cupost', 'tracking-number': '1111111111', 'api-base': demo.server.api });
      wasm.release();
      await tp.waitForState(other, 'ready');
      assert.equal((await serverRequests(demo.server.api, '/carriers/kr.cupost/tracks/9990000000')).length, 1);
    }));

  test('a parcel changed before the core loads: the first request is aborted, the new parcel is requested once', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const el = await tp.create({ carrier: 'kr.kdexp', 'tracking-number': '9990000000', 'api-base': demo.server.api });
      await wasm.requested;
      await waitForServerRequests(demo.server.api, '/carriers/kr.kdexp/tracks/9990000000', 1);
      await tp.page.evaluate((sel) => document.querySelector(sel).setAttribute('tracking-number', '2222222222'), el);
      await waitForServerRequests(demo.server.api, '/carriers/kr.kdexp/tracks/2222222222', 1);
      wasm.release();
      await tp.waitForState(el, 'ready');
      assert.match(tp.apiRequests('/carriers/kr.kdexp/tracks/9990000000')[0].failure ?? 'not aborted', /ABORTED/);
      assert.equal((await serverRequests(demo.server.api, '/carriers/kr.kdexp/tracks/2222222222')).length, 1);
      assert.equal((await serverRequests(demo.server.api, '/carriers/kr.kdexp/tracks/9990000000')).length, 1);
    }));

  test('the element keeps its result\'s height while its lookup is on its way (600 px, compact 56 px; none for mode="link"), then its own', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      await tp.page.evaluate((api) => {
        for (const [id, mode] of [['full', null], ['compact', 'compact'], ['link', 'link']]) {
          const el = document.createElement('delivery-tracker');
          el.id = id;
          el.setAttribute('carrier', 'kr.chunilps');
          el.setAttribute('tracking-number', '1234567890');
          el.setAttribute('api-base', api);
          if (mode) el.setAttribute('mode', mode);
          el.innerHTML = `<a id="${id}-link" href="https://example.com/">배송 조회</a>`;
          document.body.append(el);
        }
      }, demo.server.api);
      await wasm.requested;
      const height = (id) => tp.page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
      assert.equal(await height('full'), 600);
      assert.equal(await height('compact'), 56);
      assert.ok((await height('link')) < 100, 'mode="link" reserves nothing');
      assert.equal(await tp.page.locator('#full-link').isVisible(), true, 'the fallback link stays visible');
      wasm.release();
      await tp.waitForState('#full', 'ready');
      await tp.waitForState('#compact', 'ready');
      const minHeights = await tp.page.evaluate(() => ['full', 'compact'].map((id) => getComputedStyle(document.getElementById(id)).minHeight));
      assert.deepEqual(minHeights, ['0px', '0px'], 'the reservation ends with the result');
    }));

  test('a carrier the stored carriers list lacks: invalid, and no track request, not even while the core loads', T, () =>
    run(async (tp) => {
      // The list the widget keeps in localStorage for a day, here without kr.hanips.
      await tp.page.evaluate((api) => {
        const stored = { at: Date.now(), carriers: [{ id: 'kr.cjlogistics', name: 'CJ대한통운', tel: null }] };
        localStorage.setItem(`delivery-tracker:carriers:v1:${api}`, JSON.stringify(stored));
      }, demo.server.api);
      const wasm = await holdBack(tp.page, WASM);
      const el = await tp.create({ carrier: 'kr.hanips', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await wasm.requested;
      await sleep(300); // a request started at connect would have reached the API
      wasm.release();
      await tp.waitForState(el, 'invalid');
      assert.deepEqual(await serverRequests(demo.server.api, '/carriers/kr.hanips/'), []);
    }));
  test('v2: the track POST and the carriers list\'s first POST reach the API while the .wasm is held back; the core takes both over: one of each', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const el = await tp.create({ carrier: 'kr.daesin', 'tracking-number': '1234567890', 'api-base': demo.server.api, 'api-version': 'v2' });
      await wasm.requested;
      const track = await waitForGraphql('/graphql', '"carrierId":"kr.daesin"', 1);
      const list = await waitForGraphql('/graphql', '"variables":{"after":null}', 1);
      assert.deepEqual([track.length, list.length], [1, 1]);
      assert.ok(track[0].body.includes('"variables":{"carrierId":"kr.daesin","trackingNumber":"1234567890","before":null}'), track[0].body);
      assert.ok(list[0].body.includes('carriers(first: 20, after: $after)'), list[0].body);
      assert.equal(await tp.state(el), 'loading', 'the core has not loaded: the .wasm is held back');
      wasm.release();
      await tp.waitForState(el, 'ready');
      assert.equal(await tp.shadow(el, (root) => root.querySelector('[part=status]').textContent.trim()), '배송완료');
      assert.ok((await tp.text(el, '[part=summary]')).includes('대신택배'), 'the carrier name from the carriers list');

      assert.equal((await graphqlRequests('/graphql', '"carrierId":"kr.daesin"')).length, 1, 'one track POST');
      // The fixture's 29 carriers come in two pages of 20: the second is the core's own request.
      const pages = (await graphqlRequests('/graphql', 'carriers(first: 20')).map((r) => JSON.parse(r.body).variables.after);
      assert.deepEqual(pages, [null, 'eyJpbmRleCI6MTl9'], 'one POST a page of the carriers list');
      const [wasmTiming] = await timings(tp.page, 'pkg/delivery_tracker_bg.wasm');
      const posts = await timings(tp.page, '/graphql');
      assert.equal(posts.length, 3, 'three POSTs in Resource Timing');
      for (const post of posts.slice(0, 2)) assert.ok(post.start < wasmTiming.end, `a POST (from ${post.start} ms) started before the .wasm arrived (${wasmTiming.end} ms)`);
    }));

  test('v2: a key set as a property right after connecting: the early POSTs carry it as a header, never in a URL or the DOM', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const base = `${demo.server.api}/keyed`;
      await tp.page.evaluate(([base, key]) => {
        const el = document.createElement('delivery-tracker');
        el.id = 'keyed-v2';
        el.setAttribute('carrier', 'kr.hdexp');
        el.setAttribute('tracking-number', '1234567890');
        el.setAttribute('api-base', base);
        el.setAttribute('api-version', 'v2');
        document.body.append(el);
        el.apiKey = key; // after connect, in the same task
      }, [base, KEY]);
      await wasm.requested;
      const early = [
        ...(await waitForGraphql('/keyed/graphql', '"carrierId":"kr.hdexp"', 1)),
        ...(await waitForGraphql('/keyed/graphql', '"variables":{"after":null}', 1)),
      ];
      assert.deepEqual(early.map((r) => r.authorization), ['demo-key', 'demo-key']);
      wasm.release();
      await tp.waitForState('#keyed-v2', 'ready');
      const tracks = await graphqlRequests('/keyed/graphql', '"carrierId":"kr.hdexp"');
      const lists = await graphqlRequests('/keyed/graphql', 'carriers(first: 20');
      // The track, and the carriers list's two pages.
      assert.deepEqual([...tracks, ...lists].map((r) => r.authorization), ['demo-key', 'demo-key', 'demo-key'], 'three POSTs, each with the key');
      for (const r of tp.requests) assert.ok(!r.url.includes('demo-secret'), `no key in ${r.url}`);
      const dom = await tp.page.evaluate(() => {
        const el = document.getElementById('keyed-v2');
        return document.documentElement.outerHTML + el.shadowRoot.innerHTML;
      });
      assert.ok(!dom.includes('demo-secret'), 'the key is not in the DOM');
    }));

  test('v2: a key set in a later task replaces the early keyless POSTs: the core never takes an answer fetched without the key', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/keyed`;
      // A stored v2 list: the core needs no carriers request (this test's POSTs are the track's).
      await tp.page.evaluate((base) => {
        const stored = { at: Date.now(), carriers: [{ id: 'kr.honamlogis', name: '호남택배', tel: null }] };
        localStorage.setItem(`delivery-tracker:carriers:v2:${base}`, JSON.stringify(stored));
      }, base);
      const wasm = await holdBack(tp.page, WASM);
      const el = await tp.create({ carrier: 'kr.honamlogis', 'tracking-number': '1234567890', 'api-base': base, 'api-version': 'v2' });
      await wasm.requested;
      await waitForGraphql('/keyed/graphql', '"carrierId":"kr.honamlogis"', 1);
      await tp.page.evaluate(([sel, key]) => (document.querySelector(sel).apiKey = key), [el, KEY]);
      const keyed = async () => (await graphqlRequests('/keyed/graphql', '"carrierId":"kr.honamlogis"')).filter((r) => r.authorization === 'demo-key');
      const deadline = Date.now() + 10000;
      while ((await keyed()).length < 1 && Date.now() < deadline) await sleep(25);
      wasm.release();
      // A keyless answer is UNAUTHENTICATED: taken over, it would end in the fallback.
      await tp.waitForState(el, 'ready');
      const tracks = await graphqlRequests('/keyed/graphql', '"carrierId":"kr.honamlogis"');
      assert.deepEqual(tracks.map((r) => r.authorization), ['none', 'demo-key'], 'the keyless early POST, then the keyed one');
      const keylessLists = (await graphqlRequests('/keyed/graphql', 'carriers(first: 20')).filter((r) => r.authorization === 'none');
      assert.deepEqual(keylessLists, [], 'no keyless carriers request: the list is stored');
    }));

  test('v2: an element removed before the core loads: its track POST is aborted and none follows', T, () =>
    run(async (tp) => {
      const wasm = await holdBack(tp.page, WASM);
      const slow = await tp.create({ carrier: 'kr.cway', 'tracking-number': '9990000000', 'api-base': `${demo.server.api}/hostile`, 'api-version': 'v2' });
      await wasm.requested;
      await waitForGraphql('/hostile/graphql', '"carrierId":"kr.cway"', 1);
      await waitForGraphql('/hostile/graphql', '"variables":{"after":null}', 1);
      await tp.page.evaluate((sel) => document.querySelector(sel).remove(), slow);
      // The track's answer takes 15 s; the carriers list's first page has arrived already.
      const trackFailure = () => tp.apiRequests('/hostile/graphql').find((r) => r.request.postData().includes('kr.cway'))?.failure;
      const deadline = Date.now() + 5000;
      while (!trackFailure() && Date.now() < deadline) await sleep(25);
      assert.match(trackFailure() ?? 'not aborted', /ABORTED/);

      // The core loads (for another element) and sends nothing for the removed one.
      const other = await tp.create({ carrier: 'kr.cway', 'tracking-number': '1111111111', 'api-base': demo.server.api });
      wasm.release();
      await tp.waitForState(other, 'ready');
      assert.equal((await graphqlRequests('/hostile/graphql', null)).length, 2);
    }));

  test('a stored carriers list is read once per API base a page, however many elements connect', T, () =>
    run(async (tp) => {
      await tp.page.evaluate((api) => {
        const stored = JSON.stringify({ at: Date.now(), carriers: [{ id: 'kr.slx', name: 'SLX', tel: null }] });
        localStorage.setItem(`delivery-tracker:carriers:v1:${api}`, stored);
        localStorage.setItem(`delivery-tracker:carriers:v1:${api}/hostile`, stored);
        // Counts the reads of the stored lists (the real getItem still answers them).
        window.listReads = [];
        const getItem = Storage.prototype.getItem;
        Storage.prototype.getItem = function (key) {
          if (String(key).startsWith('delivery-tracker:carriers:')) window.listReads.push(key);
          return getItem.call(this, key);
        };
      }, demo.server.api);
      const wasm = await holdBack(tp.page, WASM);
      const bases = [demo.server.api, demo.server.api, demo.server.api, demo.server.api, `${demo.server.api}/hostile`, `${demo.server.api}/hostile`];
      const els = [];
      for (const [i, base] of bases.entries()) {
        els.push(await tp.create({ carrier: 'kr.slx', 'tracking-number': i % 2 ? '1111111111' : '1234567890', 'api-base': base }));
      }
      await wasm.requested;
      await waitForServerRequests(demo.server.api, '/carriers/kr.slx/tracks/', 4);
      assert.deepEqual(await tp.page.evaluate(() => window.listReads), [
        `delivery-tracker:carriers:v1:${demo.server.api}`,
        `delivery-tracker:carriers:v1:${demo.server.api}/hostile`,
      ]);
      wasm.release();
      for (const el of els) await tp.waitForState(el, 'ready');
      const tracks = (await serverRequests(demo.server.api, '/carriers/kr.slx/tracks/')).map((r) => r.url).sort();
      assert.deepEqual(tracks, [
        '/carriers/kr.slx/tracks/1111111111',
        '/carriers/kr.slx/tracks/1234567890',
        '/hostile/carriers/kr.slx/tracks/1111111111',
        '/hostile/carriers/kr.slx/tracks/1234567890',
      ]);
    }));
});
