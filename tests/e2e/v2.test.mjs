// End-to-end tests of <delivery-tracker api-version="v2"> (issue #3: the same widget over the
// tracker.delivery GraphQL API) against the v2 fixture API of the demo server: the cloud base
// `{api}`, the self-hosted base `{api}/self-hosted` and the key-requiring base `{api}/keyed`.
// The package is installed from its npm tarball (tests/install-package.sh) into a bundler-free
// page. Every expected value is a literal taken from the spec (shared/spec/element.md,
// shared/spec/tracker-api.md), the internal contract (docs/contract.md) and the fixtures
// (fixtures/v2/track-delivered.json, demo/src/scenarios.rs), never computed by the code under test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, sleep, waitForServerRequests } from './harness.mjs';
import { assertFields, assertStageLabels, expectFallback, currentStage, linkHrefs } from './support/assertions.mjs';
import {
  BAD_FORMAT_MESSAGE,
  CJ,
  FALLBACK_TEXT,
  FIXTURE_CARRIER_IDS,
  INVALID_HEADING,
  KEY,
  NOT_FOUND_HEADING,
  NOT_FOUND_MESSAGE,
  SELF_HOSTED_CARRIER_IDS,
  STAGES_KO,
} from './support/expected.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };

const OLDER_OMITTED_KO = '더 오래된 기록은 표시되지 않습니다';

// Cursors of the fixture: base64 of {"index":N}.
const CURSOR_5 = 'eyJpbmRleCI6NX0=';
const CURSOR_19 = 'eyJpbmRleCI6MTl9';
const CURSOR_25 = 'eyJpbmRleCI6MjV9';

/**
 * The POST requests to `${base}/graphql` in the order sent, with their parsed bodies:
 * { kind: 'track' | 'carriers' | 'other', query, variables, body, request, at }.
 */
function graphqlPosts(tp, base) {
  return tp.requests
    .filter((r) => r.method === 'POST' && r.url === `${base}/graphql`)
    .map((r) => {
      const body = r.request.postData() ?? '';
      let json = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* not JSON: kind 'other' */
      }
      const query = (json && typeof json.query === 'string' && json.query) || '';
      const kind = query.includes('track(') ? 'track' : query.includes('carriers(') ? 'carriers' : 'other';
      return { kind, query, variables: (json && json.variables) || {}, body, request: r.request, at: r.at, url: r.url };
    });
}

const posts = (tp, base, kind) => graphqlPosts(tp, base).filter((p) => p.kind === kind);

/** Every request to the API origin is a POST to `${base}/graphql` (or its CORS preflight). */
function assertOnlyGraphql(tp, base) {
  const others = tp.apiRequests().filter((r) => !(r.method === 'POST' && r.url === `${base}/graphql`));
  assert.deepEqual(others.map((r) => `${r.method} ${r.url}`), [], `only POST ${base}/graphql is used by v2`);
}

/** The carriers query selects `name` inside its node selection. */
const selectsName = (query) => /node\s*\{[^}]*\bname\b/.test(query);

async function dataOf(tp, sel) {
  return tp.page.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).data)), sel);
}

async function waitForEventCount(tp, sel, n, timeoutMs = 10000) {
  await tp.page.waitForFunction(
    ([sel, n]) => document.querySelector(sel).shadowRoot.querySelectorAll('li[part=event]').length === n,
    [sel, n],
    { timeout: timeoutMs },
  );
}

/** Attributes of a v2 element on the cloud fixture base. */
const v2 = (number, extra = {}) => ({
  carrier: 'kr.cjlogistics',
  'tracking-number': number,
  'api-base': demo.server.api,
  'api-version': 'v2',
  ...extra,
});

describe('v2 fixture API', { concurrency: 4 }, () => {
  // ---------------------------------------------------------------------------------------------
  // Results

  test('delivered (1234567890): ready, dt-load detail, data shape, summary, stages, timeline, link', T, () =>
    run(
      async (tp) => {
        const el = await tp.create(v2('1234567890'));
        await tp.waitForState(el, 'ready');
        const [load] = await tp.waitForEvents('dt-load', el);
        assert.equal(load.bubbles, true);
        assert.equal(load.composed, true);
        assertFields(load.detail, {
          carrier: 'kr.cjlogistics',
          trackingNumber: '1234567890',
          status: { code: 'DELIVERED', text: '배송완료' },
        }, 'dt-load detail');
        const data = load.detail.data;
        assertFields(data, {
          carrier: CJ,
          trackingNumber: '1234567890',
          status: { code: 'DELIVERED', text: '배송완료' },
          stage: 5,
          from: { name: null, time: null },
          to: { name: '이*영', time: '2024-04-25T17:19:20.000+09:00' },
        }, 'dt-load detail.data');
        assert.equal(data.events.length, 4, 'fixtures/v2/track-delivered.json has 4 events');
        assert.deepEqual(data.events[0], {
          time: '2024-04-24T15:26:13.000+09:00',
          status: { code: 'AT_PICKUP', text: '집화처리' },
          location: '경기고양신삼송',
          description: '보내시는 고객님으로부터 상품을 인수받았습니다',
        }, 'events are oldest first');
        assert.deepEqual(data.events[3], {
          time: '2024-04-25T17:19:20.000+09:00',
          status: { code: 'DELIVERED', text: '배송완료' },
          location: '충북보은',
          description: '고객님의 상품이 배송완료 되었습니다.',
        }, 'newest event');
        assert.deepEqual(data.events.map((e) => e.status.code), ['AT_PICKUP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
        assert.deepEqual(await dataOf(tp, el), data, 'el.data equals dt-load detail.data');
        assert.equal((await tp.events('dt-error')).length, 0);
        assert.equal((await tp.events('dt-fallback')).length, 0);

        // summary: the name comes from the carriers list, the phone from the shipped table
        const summary = await tp.text(el, '[part=summary]');
        assert.ok(summary.includes('CJ대한통운'), `carrier name in summary: ${summary}`);
        assert.ok(summary.includes('1234567890'), `tracking number in summary: ${summary}`);
        assert.ok(summary.includes('이*영'), `recipient in summary: ${summary}`);
        assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
        assert.deepEqual(await tp.attrs(el, '[part=summary] a[href^="tel:"]', 'href'), ['tel:+8215881255']);
        const text = await tp.text(el);
        assert.ok(!/undefined|null|NaN/.test(text), `no undefined/null/NaN in the text: ${text}`);

        await assertStageLabels(tp, el, STAGES_KO);
        assert.equal(await currentStage(tp, el), 4, 'delivered is the 5th stage');

        assert.equal(await tp.count(el, 'ol[part=timeline] li[part=event]'), 4);
        assert.equal(await tp.count(el, 'button[part=more]'), 0, 'no "show more" for 4 events');
        assert.deepEqual(await tp.attrs(el, 'ol[part=timeline] li[part=event] time', 'datetime'), [
          '2024-04-25T17:19:20.000+09:00',
          '2024-04-25T09:17:56.000+09:00',
          '2024-04-24T17:15:37.000+09:00',
          '2024-04-24T15:26:13.000+09:00',
        ]);
        const newest = await tp.text(el, 'li[part=event]');
        for (const part of ['배송완료', '충북보은', '고객님의 상품이 배송완료 되었습니다.']) {
          assert.ok(newest.includes(part), `newest event shows ${part}: ${newest}`);
        }
        // Shown in its own offset (+09:00) although the browser runs in New York.
        assert.match(newest, /(17|5):19/, `event time shown in +09:00: ${newest}`);
        assert.equal(await tp.count(el, 'ol[part=timeline] > li'), 2, 'two dates');

        assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);

        // requests: only POST {api}/graphql; one track query, the carriers list (v2 always needs it)
        assertOnlyGraphql(tp, demo.server.api);
        const tracks = posts(tp, demo.server.api, 'track');
        assert.equal(tracks.length, 1, 'one track query (4 events fit one page)');
        assert.deepEqual(tracks[0].variables.carrierId, 'kr.cjlogistics');
        assert.deepEqual(tracks[0].variables.trackingNumber, '1234567890');
        assert.ok(!('before' in tracks[0].variables) || tracks[0].variables.before == null, 'no `before` on the first page');
        assert.equal(tracks[0].request.headers()['content-type']?.split(';')[0], 'application/json');
        const carriers = posts(tp, demo.server.api, 'carriers');
        assert.ok(carriers.length >= 1 && carriers.length <= 2, `the carriers list, at most its 2 pages: ${carriers.length}`);
        assert.equal(graphqlPosts(tp, demo.server.api).filter((p) => p.kind === 'other').length, 0);
      },
      { timezoneId: 'America/New_York' },
    ));

  for (const [number, code, carrierText, words, stage, eventCount] of [
    ['7700000000', 'ATTEMPT_FAIL', '배달실패', '배달 실패', 4, 4],
    ['7800000000', 'EXCEPTION', '배송지연', '배송 이상', 3, 3],
    ['7900000000', 'AVAILABLE_FOR_PICKUP', '보관중', '픽업 대기', 3, 3],
  ]) {
    test(`side state ${code} (${number}): words "${words}", stage ${stage} marked`, T, () =>
      run(async (tp) => {
        const el = await tp.create(v2(number));
        await tp.waitForState(el, 'ready');
        const [load] = await tp.waitForEvents('dt-load', el);
        assertFields(load.detail, {
          carrier: 'kr.cjlogistics',
          trackingNumber: number,
          status: { code, text: carrierText },
        }, 'dt-load detail');
        assertFields(load.detail.data, {
          carrier: CJ,
          trackingNumber: number,
          status: { code, text: carrierText },
          stage,
          from: { name: '김*수', time: null },
          to: { name: '이*영', time: null },
        }, 'data');
        assert.equal(load.detail.data.events.length, eventCount);
        assert.deepEqual(load.detail.data.events[eventCount - 1], {
          time: '2024-06-04T16:52:04.000+09:00',
          status: { code, text: carrierText },
          location: '광주북구',
          description: '고객님의 상품에 대한 안내가 있습니다. 고객센터로 문의해주세요.',
        }, 'the newest event is the side state');
        const status = await tp.text(el, '[part=status]');
        assert.ok(status.includes(words), `[part=status] says "${words}" in words: ${status}`);
        const stagesAndAround = await tp.text(el);
        assert.ok(stagesAndAround.includes(words), `the side state is shown in words: ${stagesAndAround}`);
        assert.equal(await currentStage(tp, el), stage - 1, `the last main stage reached (${stage}) is marked`);
        assert.equal(await tp.count(el, 'li[part=event]'), eventCount);
        const newest = await tp.text(el, 'li[part=event]');
        assert.ok(newest.includes(carrierText), `newest event shows the carrier's text ${carrierText}: ${newest}`);
        const text = await tp.text(el);
        assert.ok(!/undefined|null|NaN/.test(text), `no undefined/null/NaN: ${text}`);
      }));
  }

  test('45 events (4500000000): paged with `before` in 3 track queries, all 45 in data and after "show more"', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('4500000000'));
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      const data = load.detail.data;
      assert.equal(data.events.length, 45);
      assert.equal(data.olderEventsOmitted ?? false, false, 'nothing omitted');
      assertFields(data, { stage: 3, status: { code: 'IN_TRANSIT', text: '간선하차' }, to: { name: '박*영', time: null } }, 'data');
      assert.deepEqual(data.events[0], {
        time: '2025-01-06T09:00:00.000+09:00',
        status: { code: 'AT_PICKUP', text: '집화처리' },
        location: '서울송파',
        description: '배송지역으로 상품이 이동중입니다. (1/45)',
      }, 'the oldest event, from the third page');
      assert.deepEqual(data.events[44], {
        time: '2025-01-11T21:08:00.000+09:00',
        status: { code: 'IN_TRANSIT', text: '간선하차' },
        location: '옥천HUB',
        description: '배송지역으로 상품이 이동중입니다. (45/45)',
      }, 'the newest event');
      assert.deepEqual(
        data.events.map((e) => e.description),
        Array.from({ length: 45 }, (_, i) => `배송지역으로 상품이 이동중입니다. (${i + 1}/45)`),
        'every event once, oldest first',
      );
      const tracks = posts(tp, demo.server.api, 'track');
      assert.equal(tracks.length, 3, `3 track pages: ${JSON.stringify(tracks.map((t) => t.variables))}`);
      assert.deepEqual(
        tracks.map((t) => t.variables.before ?? null),
        [null, CURSOR_25, CURSOR_5],
        'pages go back with `before: startCursor`',
      );
      for (const t of tracks) {
        assert.match(t.query, /events\(\s*last:\s*20/, `asks for the newest 20 of each page: ${t.query}`);
      }

      assert.equal(await tp.count(el, 'li[part=event]'), 5);
      assert.equal(await tp.text(el, 'button[part=more]'), '40건 더보기');
      assert.equal((await tp.text(el)).includes(OLDER_OMITTED_KO), false, 'no "older events not shown" text');
      await tp.page.locator(`${el} button[part=more]`).click();
      await waitForEventCount(tp, el, 45);
      assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true');
      await sleep(300);
      assert.equal(posts(tp, demo.server.api, 'track').length, 3, '"show more" sends no request');
    }));

  test('620 events (6000000000): capped at 500, "older events are not shown"', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('6000000000'));
      await tp.waitForState(el, 'ready', 20000);
      const [load] = await tp.waitForEvents('dt-load', el);
      const data = load.detail.data;
      assert.equal(data.events.length, 500);
      assert.equal(data.olderEventsOmitted, true, 'data.olderEventsOmitted');
      assertFields(data.events[0], {
        time: '2025-01-21T09:00:00.000+09:00',
        status: { code: 'IN_TRANSIT', text: '간선하차' },
        location: '곤지암HUB',
        description: '배송지역으로 상품이 이동중입니다. (121/620)',
      }, 'the oldest kept event is the 121st');
      assertFields(data.events[499], {
        time: '2025-03-24T18:13:00.000+09:00',
        status: { code: 'IN_TRANSIT', text: '간선상차' },
        location: '칠곡HUB',
        description: '배송지역으로 상품이 이동중입니다. (620/620)',
      }, 'the newest event');
      const tracks = posts(tp, demo.server.api, 'track');
      assert.equal(tracks.length, 25, `500 events are 25 pages of 20: ${tracks.length}`);
      assert.equal(await tp.count(el, 'li[part=event]'), 5);
      // Said where the history ends: under the opened "show more" (issue 12).
      assert.equal((await tp.text(el)).includes(OLDER_OMITTED_KO), false, 'not under a collapsed "show more"');
      await tp.page.locator(`${el} button[part=more]`).click();
      await waitForEventCount(tp, el, 500);
      const text = await tp.text(el);
      assert.ok(text.includes(OLDER_OMITTED_KO), `the timeline says older events are not shown: ${text.slice(-400)}`);
    }));

  // ---------------------------------------------------------------------------------------------
  // Not found / invalid

  test('data.track null without errors (3000000000): not-found', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('3000000000'));
      await tp.waitForState(el, 'not-found');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, {
        kind: 'not-found',
        httpStatus: 200,
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/3000000000',
      }, 'dt-error detail');
      assert.equal(typeof err.detail.message, 'string');
      assert.equal((await tp.events('dt-fallback')).length, 0);
      assert.equal(await tp.attr(el, '[part=notice]', 'role'), 'alert');
      assert.ok((await tp.text(el, '[part=notice]')).includes(NOT_FOUND_HEADING));
      assert.deepEqual(await linkHrefs(tp, el, '[part=notice]'), ['https://tracker.delivery/#/kr.cjlogistics/3000000000']);
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).data, el), null);
      await sleep(1500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 1, 'not retried');
    }));

  test('NOT_FOUND (4040404040): not-found with the API message', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('4040404040'));
      await tp.waitForState(el, 'not-found');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, {
        kind: 'not-found',
        httpStatus: 200,
        message: NOT_FOUND_MESSAGE,
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/4040404040',
      }, 'dt-error detail');
      assert.equal((await tp.events('dt-fallback')).length, 0);
      assert.equal((await tp.events('dt-load')).length, 0);
      const notice = await tp.text(el, '[part=notice]');
      assert.ok(notice.includes(NOT_FOUND_HEADING), `heading: ${notice}`);
      assert.ok(notice.includes(NOT_FOUND_MESSAGE), `API message: ${notice}`);
      assert.equal(await tp.attr(el, '[part=notice]', 'role'), 'alert');
      assert.deepEqual(await linkHrefs(tp, el, '[part=notice]'), ['https://tracker.delivery/#/kr.cjlogistics/4040404040']);
      await sleep(1500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 1, 'not retried');
    }));

  test('unknown carrier (xx.nowhere, "Carrier not found"): invalid, the form pre-filled', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('1234567890', { carrier: 'xx.nowhere' }));
      await tp.waitForState(el, 'invalid');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, { kind: 'invalid', fallbackHref: 'https://tracker.delivery/#/xx.nowhere/1234567890' }, 'dt-error detail');
      // Either the carriers list refused it without a track query, or the API said so.
      if (posts(tp, demo.server.api, 'track').length > 0) {
        assertFields(err.detail, { httpStatus: 200, message: 'Carrier not found' }, 'dt-error detail after the track query');
      }
      assert.equal((await tp.events('dt-fallback')).length, 0);
      assert.ok((await tp.text(el, '[part=notice]')).includes(INVALID_HEADING));
      assert.equal(await tp.count(el, 'form[part=form]'), 1, 'the form is shown');
      assert.equal(
        await tp.shadow(el, (root) => root.querySelector('form[part=form] input[name=tracking-number]').value),
        '1234567890',
      );
      await sleep(1000);
      assert.ok(posts(tp, demo.server.api, 'track').length <= 1, 'not retried');
    }));

  test('BAD_REQUEST (4000000000): invalid with the API message and the pre-filled form', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('4000000000'));
      await tp.waitForState(el, 'invalid');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, {
        kind: 'invalid',
        httpStatus: 200,
        message: BAD_FORMAT_MESSAGE,
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/4000000000',
      }, 'dt-error detail');
      assert.equal((await tp.events('dt-fallback')).length, 0);
      const notice = await tp.text(el, '[part=notice]');
      assert.ok(notice.includes(INVALID_HEADING), `heading: ${notice}`);
      assert.ok(notice.includes(BAD_FORMAT_MESSAGE), `API message: ${notice}`);
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot.querySelector('form[part=form] [name=carrier]')?.value === 'kr.cjlogistics',
        el,
        { timeout: 5000 },
      );
      assert.equal(
        await tp.shadow(el, (root) => root.querySelector('form[part=form] input[name=tracking-number]').value),
        '4000000000',
      );
      await sleep(1500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 1, 'not retried');
    }));

  // ---------------------------------------------------------------------------------------------
  // Fallbacks and retries

  test('INTERNAL (5000000000): fallback (unavailable), one retry', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('5000000000'));
      await expectFallback(tp, el, {
        kind: 'unavailable',
        httpStatus: 200,
        message: 'Please try again in a few minutes.',
      }, 'https://tracker.delivery/#/kr.cjlogistics/5000000000');
      assert.equal(await tp.attr(el, '[part=fallback]', 'role'), 'alert');
      assert.ok((await tp.text(el, '[part=fallback]')).includes(FALLBACK_TEXT));
      assert.deepEqual(await linkHrefs(tp, el, '[part=fallback]'), ['https://tracker.delivery/#/kr.cjlogistics/5000000000']);
      const deadline = Date.now() + 5000;
      while (posts(tp, demo.server.api, 'track').length < 2 && Date.now() < deadline) await sleep(25);
      await sleep(2500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 2, 'exactly one retry');
      assert.equal(await tp.state(el), 'fallback');
    }));

  test('429 with a readable Retry-After (4290000000): rate-limited, retried once after it', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('4290000000'));
      await expectFallback(tp, el, {
        kind: 'rate-limited',
        httpStatus: 429,
      }, 'https://tracker.delivery/#/kr.cjlogistics/4290000000');
      // Times from the fixture API's own log: when each request arrived there.
      const [first, second] = await waitForServerRequests(demo.server.api, '"trackingNumber":"4290000000"', 2, 5000);
      assert.ok(second.at - first.at >= 1000, `the retry waits for Retry-After: 1 (${second.at - first.at} ms)`);
      await sleep(2500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 2, 'retried exactly once');
      assert.equal(await tp.state(el), 'fallback');
    }));

  test('429 with an unreadable Retry-After (4291000000): rate-limited, not retried', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('4291000000'));
      await expectFallback(tp, el, { kind: 'rate-limited', httpStatus: 429 }, 'https://tracker.delivery/#/kr.cjlogistics/4291000000');
      await sleep(2500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 1, 'not retried');
    }));

  test('timeout="500" on a slow answer (9990000000): timeout fallback, one retry', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('9990000000', { timeout: '500' }));
      await expectFallback(tp, el, {
        kind: 'timeout',
        httpStatus: null,
      }, 'https://tracker.delivery/#/kr.cjlogistics/9990000000');
      assert.ok((await tp.text(el, '[part=fallback]')).includes(FALLBACK_TEXT));
      const deadline = Date.now() + 5000;
      while (posts(tp, demo.server.api, 'track').length < 2 && Date.now() < deadline) await sleep(25);
      await sleep(2500);
      assert.equal(posts(tp, demo.server.api, 'track').length, 2, 'one retry only');
      assert.equal(await tp.state(el), 'fallback');
    }));

  test('truncated body (8880000000): bad-response fallback, not retried', T, () =>
    run(async (tp) => {
      const el = await tp.create(v2('8880000000'));
      await expectFallback(tp, el, {
        kind: 'bad-response',
        httpStatus: 200,
      }, 'https://tracker.delivery/#/kr.cjlogistics/8880000000');
      await sleep(2000);
      assert.equal(posts(tp, demo.server.api, 'track').length, 1, 'bad-response is not retried');
    }));

  // ---------------------------------------------------------------------------------------------
  // The self-hosted base

  test('self-hosted: carriers asked with `name`, refused, re-asked with ids only; names from the shipped table', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/self-hosted`;
      const el = await tp.create(v2('1234567890', { 'api-base': base }));
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assertFields(load.detail, {
        carrier: 'kr.cjlogistics',
        trackingNumber: '1234567890',
        status: { code: 'DELIVERED', text: '배송완료' },
      }, 'dt-load detail');
      assertFields(load.detail.data, { carrier: CJ, stage: 5 }, 'data');
      const summary = await tp.text(el, '[part=summary]');
      assert.ok(summary.includes('CJ대한통운'), `the shipped name is shown: ${summary}`);

      assertOnlyGraphql(tp, base);
      const carriers = posts(tp, base, 'carriers');
      assert.ok(carriers.length >= 2, `the carriers query is asked again without name: ${carriers.length}`);
      assert.ok(selectsName(carriers[0].query), `the first carriers query selects name: ${carriers[0].query}`);
      for (const later of carriers.slice(1)) {
        assert.ok(!/\bname\b/.test(later.query), `a later carriers query has no \`name\`: ${later.query}`);
        assert.match(later.query, /node\s*\{\s*id\s*\}/, `ids only: ${later.query}`);
      }
      assert.ok(carriers.length <= 3, `name query once, then at most the 2 pages of ids: ${carriers.length}`);
      assert.equal(posts(tp, base, 'track').length, 1);
    }));

  test('self-hosted: an unknown number ("Internal error") is a fallback (unavailable) with the link', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/self-hosted`;
      const el = await tp.create(v2('4040404040', { 'api-base': base }));
      await expectFallback(tp, el, {
        kind: 'unavailable',
        httpStatus: 200,
        message: 'Internal error',
      }, 'https://tracker.delivery/#/kr.cjlogistics/4040404040');
      assert.ok((await tp.text(el, '[part=fallback]')).includes(FALLBACK_TEXT));
      assert.deepEqual(await linkHrefs(tp, el, '[part=fallback]'), ['https://tracker.delivery/#/kr.cjlogistics/4040404040']);
    }));

  test('self-hosted: the lookup form lists the open-source server\'s 32 carriers with shipped names', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/self-hosted`;
      const el = await tp.create({ 'api-base': base, 'api-version': 'v2' });
      await tp.waitForState(el, 'idle');
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length >= 32,
        el,
        { timeout: 10000 },
      );
      const options = await tp.shadow(el, (root) =>
        [...root.querySelectorAll('form[part=form] select[name=carrier] option')]
          .filter((o) => o.value !== '')
          .map((o) => [o.value, o.textContent.trim()]),
      );
      assert.deepEqual(options.map(([v]) => v).sort(), [...SELF_HOSTED_CARRIER_IDS].sort());
      assert.equal(options.find(([v]) => v === 'kr.cjlogistics')[1], 'CJ대한통운');
      assert.equal(options.find(([v]) => v === 'kr.epost')[1], '우체국 택배');
      const carriers = posts(tp, base, 'carriers');
      assert.ok(selectsName(carriers[0].query), 'first asked with name');
      const idsOnly = carriers.slice(1);
      assert.equal(idsOnly.length, 2, `two pages of ids: ${JSON.stringify(idsOnly.map((c) => c.variables))}`);
      assert.ok(idsOnly.every((c) => !/\bname\b/.test(c.query)), 'ids-only queries have no name');
      assert.deepEqual(idsOnly.map((c) => c.variables.after ?? null), [null, CURSOR_19]);
      assert.equal(posts(tp, base, 'track').length, 0);
    }));

  // ---------------------------------------------------------------------------------------------
  // The keyed base

  test('/keyed without apiKey: unauthorized fallback', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/keyed`;
      const el = await tp.create(v2('1234567890', { 'api-base': base }));
      await expectFallback(tp, el, {
        kind: 'unauthorized',
        httpStatus: 200,
        message: 'Unauthorized',
      }, 'https://tracker.delivery/#/kr.cjlogistics/1234567890');
      for (const p of graphqlPosts(tp, base)) {
        assert.equal((await p.request.allHeaders()).authorization, undefined, 'no Authorization header without a key');
      }
      await sleep(1500);
      assert.equal(posts(tp, base, 'track').length, 1, 'unauthorized is not retried');
    }));

  test('/keyed with apiKey: ready; the key only in the Authorization header', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/keyed`;
      const el = await tp.create(v2('1234567890', { 'api-base': base }), { props: { apiKey: KEY } });
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assertFields(load.detail, { status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load detail');
      assert.equal(load.detail.data.carrier.name, 'CJ대한통운', 'the keyed carriers list gave the name');
      const all = graphqlPosts(tp, base);
      assert.ok(all.length >= 2, 'track and carriers were asked');
      for (const p of all) {
        assert.equal((await p.request.allHeaders()).authorization, `TRACKQL-API-KEY ${KEY}`, `${p.kind} query sends the key`);
        assert.ok(!p.body.includes('demo-secret') && !p.body.includes('demo-client'), `key in a request body: ${p.body}`);
      }
      for (const r of tp.requests) assert.ok(!r.url.includes('demo-secret') && !r.url.includes('demo-client'), `key in a URL: ${r.url}`);
      const dom = await tp.page.evaluate(() => {
        let html = document.documentElement.outerHTML;
        for (const e of document.querySelectorAll('delivery-tracker')) {
          html += e.shadowRoot ? e.shadowRoot.innerHTML : '';
          for (const a of e.attributes) html += ` ${a.name}=${a.value}`;
        }
        return html;
      });
      assert.ok(!dom.includes('demo-secret'), 'key in the DOM or an attribute');
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).getAttribute('api-key'), el), null);
      const storage = await tp.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert.ok(!storage.includes('demo-secret'), 'key in web storage');
      assert.ok(!JSON.stringify(await tp.events()).includes('demo-secret'), 'key in an event detail');
      assert.ok(!tp.console.some((m) => m.text.includes('demo-secret')), 'key in the console');
    }));

  // ---------------------------------------------------------------------------------------------
  // The v2 tracking link

  test('link-client-id: link.tracker.delivery link (URLSearchParams encoding); fallback-href still wins', T, () =>
    run(async (tp) => {
      const ready = await tp.create(v2('1234567890', { 'link-client-id': 'demo' }));
      const down = await tp.create(v2('5000000000', { 'link-client-id': 'shop 1' }));
      const encoded = await tp.create(v2('A B/C#1?&x', { 'link-client-id': 'shop 1', mode: 'link' }));
      const explicit = await tp.create(
        v2('1234567890', { 'link-client-id': 'demo', 'fallback-href': 'https://shop.example/track?c={carrier}&n={tracking}' }),
      );
      await tp.waitForState(ready, 'ready');
      assert.deepEqual(await linkHrefs(tp, ready), [
        'https://link.tracker.delivery/track?client_id=demo&carrier_id=kr.cjlogistics&tracking_number=1234567890',
      ]);

      await tp.waitForState(down, 'fallback');
      const HREF_DOWN = 'https://link.tracker.delivery/track?client_id=shop+1&carrier_id=kr.cjlogistics&tracking_number=5000000000';
      assert.deepEqual(await linkHrefs(tp, down, '[part=fallback]'), [HREF_DOWN]);
      const [err] = await tp.waitForEvents('dt-error', down);
      assert.equal(err.detail.fallbackHref, HREF_DOWN);
      const [fb] = await tp.waitForEvents('dt-fallback', down);
      assert.deepEqual(fb.detail, { reason: 'unavailable', href: HREF_DOWN });

      await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelector('a[part=link]'), encoded, { timeout: 10000 });
      assert.deepEqual(await linkHrefs(tp, encoded), [
        'https://link.tracker.delivery/track?client_id=shop+1&carrier_id=kr.cjlogistics&tracking_number=A+B%2FC%231%3F%26x',
      ]);

      await tp.waitForState(explicit, 'ready');
      assert.deepEqual(await linkHrefs(tp, explicit), ['https://shop.example/track?c=kr.cjlogistics&n=1234567890']);
      assert.equal(posts(tp, demo.server.api, 'track').filter((p) => p.variables.trackingNumber === 'A B/C#1?&x').length, 0, 'mode=link sends nothing');
    }));

  // ---------------------------------------------------------------------------------------------
  // The carriers list

  test('lookup form (v2): the 29 carriers from 2 pages of 20, with names; submitting looks up', T, () =>
    run(async (tp) => {
      const el = await tp.create({ 'api-base': demo.server.api, 'api-version': 'v2' });
      await tp.waitForState(el, 'idle');
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length >= 29,
        el,
        { timeout: 10000 },
      );
      const options = await tp.shadow(el, (root) =>
        [...root.querySelectorAll('form[part=form] select[name=carrier] option')]
          .filter((o) => o.value !== '')
          .map((o) => [o.value, o.textContent.trim()]),
      );
      assert.deepEqual(options.map(([v]) => v).sort(), [...FIXTURE_CARRIER_IDS].sort());
      assert.equal(options.find(([v]) => v === 'kr.cjlogistics')[1], 'CJ대한통운');
      const carriers = posts(tp, demo.server.api, 'carriers');
      assert.equal(carriers.length, 2, 'two pages');
      assert.deepEqual(carriers.map((c) => c.variables.after ?? null), [null, CURSOR_19]);
      assert.ok(carriers.every((c) => selectsName(c.query)), 'the cloud is asked for names');
      assert.match(carriers[0].query, /carriers\(\s*first:\s*20/);
      assert.equal(posts(tp, demo.server.api, 'track').length, 0);

      const form = tp.page.locator(`${el} form[part=form]`);
      await form.locator('select[name=carrier]').selectOption('kr.cjlogistics');
      await form.locator('input[name=tracking-number]').fill('1234567890');
      await form.getByRole('button', { name: '조회' }).click();
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890' }, 'dt-load detail');
      assert.equal(posts(tp, demo.server.api, 'carriers').length, 2, 'the list is not fetched again');
      assert.equal(posts(tp, demo.server.api, 'track').length, 1);
    }));

  test('carriers list: once per page per API base with several v2 elements; kept in localStorage across a reload', T, () =>
    run(async (tp) => {
      const self = `${demo.server.api}/self-hosted`;
      const els = [];
      for (const number of ['1234567890', '1111111111', '2222222222', '7700000000']) els.push(await tp.create(v2(number)));
      for (const number of ['1234567890', '1111111111']) els.push(await tp.create(v2(number, { 'api-base': self })));
      els.push(await tp.create({ 'api-base': demo.server.api, 'api-version': 'v2' })); // a form too
      for (const el of els.slice(0, 6)) await tp.waitForState(el, 'ready');
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length >= 29,
        els[6],
        { timeout: 10000 },
      );
      await sleep(300);
      const cloudCarriers = posts(tp, demo.server.api, 'carriers');
      assert.equal(cloudCarriers.length, 2, `cloud: the 2 pages once each: ${JSON.stringify(cloudCarriers.map((c) => c.variables))}`);
      assert.deepEqual(cloudCarriers.map((c) => c.variables.after ?? null).sort(), [null, CURSOR_19].sort());
      const selfCarriers = posts(tp, self, 'carriers');
      assert.ok(selfCarriers.length <= 3, `self-hosted: the name query once and the 2 pages of ids at most: ${selfCarriers.length}`);
      const selfIdsOnly = selfCarriers.filter((c) => !selectsName(c.query));
      assert.equal(new Set(selfIdsOnly.map((c) => c.variables.after ?? null)).size, selfIdsOnly.length, 'no page asked twice');

      const keys = await tp.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('delivery-tracker:carriers:v2:')));
      assert.ok(keys.length >= 1, `the list is stored under delivery-tracker:carriers:v2:…: ${JSON.stringify(keys)}`);
      assert.ok(keys.some((k) => k.includes(demo.server.api)), `the key names the API base: ${JSON.stringify(keys)}`);
      const stored = await tp.page.evaluate((k) => localStorage.getItem(k), keys.find((k) => k.includes(demo.server.api) && !k.includes('self-hosted')));
      assert.ok(stored.includes('kr.cjlogistics') && stored.includes('us.usps'), 'the stored value holds the whole list');

      // A second page load in the same browser context: the stored list is used.
      const before = tp.apiRequests().length;
      await tp.page.reload({ waitUntil: 'load' });
      await tp.page.waitForFunction(() => !!customElements.get('delivery-tracker'), null, { timeout: 15000 });
      const a = await tp.create(v2('1234567890'));
      const form = await tp.create({ 'api-base': demo.server.api, 'api-version': 'v2' });
      await tp.waitForState(a, 'ready');
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length >= 29,
        form,
        { timeout: 10000 },
      );
      const [load] = await tp.waitForEvents('dt-load', a);
      assert.equal(load.detail.data.carrier.name, 'CJ대한통운');
      await sleep(300);
      const after = tp.apiRequests().slice(before);
      const afterPosts = after.map((r) => {
        const q = r.request.postData() ?? '';
        return q.includes('carriers(') ? 'carriers' : q.includes('track(') ? 'track' : `${r.method} ${r.url}`;
      });
      assert.deepEqual(afterPosts, ['track'], 'after the reload: the track query only, no carriers request');
    }));
});
