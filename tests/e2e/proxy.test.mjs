// End-to-end tests of the shop's tracking proxy (proxy/, issue #10): the packed widget in
// Chromium, on the page origin, pointed at the proxy on a third origin, the proxy in front of
// the fixture API's key-requiring base with the key in its environment. The widget only changes
// `api-base`; the key never reaches the page. Upstream requests are counted from the fixture
// API's own log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, serverRequests } from './harness.mjs';
import { assertFields } from './support/assertions.mjs';
import { CJ } from './support/expected.mjs';

// The proxy: in front of `${api}/keyed`, the demo key in its environment, CORS for the page;
// answers stay fresh for 1 s, so a refresh after that asks upstream again.
const demo = useDemoSuite({ withProxy: true, proxyArgs: ['--cache-ttl', '1', '--cache-ttl-delivered', '1'] });
const { run } = demo;
const T = { timeout: 30000 };

/** Waits until the fixture API's clock (the test machine's) passes `at` (ms since the epoch). */
const waitUntil = (at) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

// The fixture's v2 delivered parcel (fixtures/v2/track-delivered.json), oldest first.
const DELIVERED_EVENTS = [
  { time: '2024-04-24T15:26:13.000+09:00', status: { code: 'AT_PICKUP', text: '집화처리' }, location: '경기고양신삼송' },
  { time: '2024-04-24T17:15:37.000+09:00', status: { code: 'IN_TRANSIT', text: 'SM입고' }, location: '덕양AMP' },
  { time: '2024-04-25T09:17:56.000+09:00', status: { code: 'OUT_FOR_DELIVERY', text: '배송출발' }, location: '충북보은' },
  { time: '2024-04-25T17:19:20.000+09:00', status: { code: 'DELIVERED', text: '배송완료' }, location: '충북보은' },
];

async function expectDelivered(tp, el, number) {
  await tp.waitForState(el, 'ready');
  const [load] = await tp.waitForEvents('dt-load', el);
  assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: number, status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load');
  const data = load.detail.data;
  assert.deepEqual(data.carrier, CJ);
  assert.deepEqual(
    data.events.map(({ time, status, location }) => ({ time, status, location })),
    DELIVERED_EVENTS,
  );
  assert.equal(data.to.time, '2024-04-25T17:19:20.000+09:00');
  assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
  assert.equal(await tp.count(el, '[part=event]'), 4);
}

/** Nothing the page holds or sent carries the key. */
async function assertNoKeyInPage(tp) {
  const html = await tp.page.evaluate(() => {
    const shadows = [...document.querySelectorAll('delivery-tracker')].map((el) => el.shadowRoot?.innerHTML ?? '');
    return document.documentElement.outerHTML + shadows.join('') + JSON.stringify(window.__dtEvents) + JSON.stringify(localStorage);
  });
  assert.ok(!html.includes('demo-secret'), 'no key in the page');
  for (const request of tp.requests) {
    assert.ok(!request.url.includes('demo-secret'), request.url);
    const headers = await request.request.allHeaders();
    assert.equal(headers.authorization, undefined, `${request.url} carries no Authorization`);
  }
}

describe('the widget through the shop proxy', () => {
  test('v1 (the default api-version): the seed API served from v2 upstream, ready with the events', T, () =>
    run(
      async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.proxy.url });
        await expectDelivered(tp, el, '1234567890');
        const toProxy = tp.apiRequests('/carriers/kr.cjlogistics/tracks/1234567890');
        assert.equal(toProxy.length, 1);
        const upstream = await serverRequests(demo.server.api, '"trackingNumber":"1234567890"');
        assert.ok(upstream.length >= 1);
        for (const request of upstream) {
          assert.equal(request.url, '/keyed/graphql');
          assert.equal(request.authorization, 'demo-key', 'the proxy added the key upstream');
        }
        await assertNoKeyInPage(tp);
      },
      { apiOrigin: demo.proxy.url },
    ));

  test('v2: the widget\'s own GraphQL queries, ready with the events', T, () =>
    run(
      async (tp) => {
        const el = await tp.create({
          carrier: 'kr.cjlogistics',
          'tracking-number': '1000000301',
          'api-base': demo.proxy.url,
          'api-version': 'v2',
        });
        await tp.waitForState(el, 'ready');
        const [load] = await tp.waitForEvents('dt-load', el);
        assertFields(load.detail, { trackingNumber: '1000000301', status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load');
        assert.deepEqual(load.detail.data.carrier, CJ, 'names from the proxied carriers list, the phone from the table');
        assert.equal(load.detail.data.events.length, 4);
        const posts = tp.apiRequests('/graphql').filter((r) => r.method === 'POST');
        assert.ok(posts.length >= 2, 'the track and the carriers list');
        await assertNoKeyInPage(tp);
      },
      { apiOrigin: demo.proxy.url },
    ));

  test('v1 side states from v2 reach the widget as its side states', T, () =>
    run(
      async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '7700000000', 'api-base': demo.proxy.url });
        await tp.waitForState(el, 'ready');
        const [load] = await tp.waitForEvents('dt-load', el);
        assert.equal(load.detail.status.code, 'ATTEMPT_FAIL');
        assert.equal(load.detail.data.stage, 4, 'the last main stage reached: out for delivery');
      },
      { apiOrigin: demo.proxy.url },
    ));

  test('a hundred elements of one parcel make one upstream track request', T, () =>
    run(
      async (tp) => {
        await tp.page.evaluate((base) => {
          for (let i = 0; i < 100; i++) {
            const el = document.createElement('delivery-tracker');
            el.id = `many${i}`;
            el.setAttribute('carrier', 'kr.cjlogistics');
            el.setAttribute('tracking-number', '1000000302');
            el.setAttribute('api-base', base);
            el.setAttribute('mode', 'compact');
            document.body.append(el);
          }
        }, demo.proxy.url);
        await tp.waitForState('#many99', 'ready');
        await tp.waitForState('#many0', 'ready');
        const upstream = await serverRequests(demo.server.api, '"trackingNumber":"1000000302"');
        assert.equal(upstream.length, 1);
      },
      { apiOrigin: demo.proxy.url },
    ));

  test('a carrier the list does not have is invalid, without an upstream track request', T, () =>
    run(
      async (tp) => {
        const el = await tp.create({ carrier: 'xx.nowhere', 'tracking-number': '1234567890', 'api-base': demo.proxy.url });
        await tp.waitForState(el, 'invalid');
        assert.deepEqual(await serverRequests(demo.server.api, 'xx.nowhere'), []);
      },
      { apiOrigin: demo.proxy.url },
    ));

  for (const [version, lang, note] of [
    ['v1', 'ko', '지금은 새 정보를 불러올 수 없어 최신 정보가 아닐 수 있습니다.'],
    ['v2', 'en', "New details can't be loaded right now, so this may be out of date."],
  ]) {
    test(`upstream failing after a success (${version}, ${lang}): the proxy's cached answer, shown as stale, not the fallback`, T, () =>
      run(
        async (tp) => {
          // 504… numbers: delivered the first time upstream, 503 after.
          const number = `504${String(Date.now()).slice(-7)}`;
          const el = await tp.create({
            carrier: 'kr.cjlogistics',
            'tracking-number': number,
            'api-base': demo.proxy.url,
            'api-version': version,
            lang,
          });
          await tp.waitForState(el, 'ready');
          const [first] = await tp.waitForEvents('dt-load', el);
          assertFields(first.detail, { stale: false, fetchedAt: null }, 'the first answer is fresh');
          const firstUpstream = await serverRequests(demo.server.api, `"trackingNumber":"${number}"`);
          assert.equal(firstUpstream.length, 1);
          // Past the proxy's 1 s freshness (the upstream's own clock).
          await waitUntil(firstUpstream[0].at + 1200);
          await tp.page.evaluate((sel) => document.querySelector(sel).refresh(), el);
          const [, second] = await tp.waitForEvents('dt-load', el, 2);
          assertFields(second.detail, { stale: true, status: { code: 'DELIVERED', text: '배송완료' } }, 'the stale answer');
          assert.match(second.detail.fetchedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          assert.equal(await tp.state(el), 'ready');
          assert.equal(await tp.text(el, '[part=summary] .stale'), note);
          assert.deepEqual(await tp.events('dt-fallback', el), []);
          assert.equal((await serverRequests(demo.server.api, `"trackingNumber":"${number}"`)).length, 2, 'upstream was asked again');
        },
        { apiOrigin: demo.proxy.url },
      ));
  }

  test('the proxy logs masked numbers and never the key', T, async () => {
    const log = demo.proxy.log();
    assert.ok(log.includes('GET /carriers/kr.cjlogistics/tracks/******7890 200'), log);
    assert.ok(!log.includes('1234567890'), 'numbers are masked');
    assert.ok(!log.includes('demo-secret'), 'the key is never logged');
  });
});
