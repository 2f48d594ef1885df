// The cross-engine end-to-end suite (issue 15): the packed package, installed into a plain site
// by tests/install-package.sh, in one engine (Chromium, Firefox or WebKit, see engines.mjs)
// through WebDriver, against the demo server's fixture API on another origin. Each engine's file
// (chromium/firefox/webkit.test.mjs) runs `crossEngineSuite(name)` with a demo server of its own,
// one test at a time, so the fixture API's request log (`serverRequests`) is that engine's.
//
// The facts asserted are the Playwright suite's (tests/e2e/v1.test.mjs, v2.test.mjs,
// hostile-pages.test.mjs), with its literals. Where engines differ legitimately (the ICU text of
// a date heading, fonts) the assertions name what a shopper must see: the date and the weekday.
// Full-window screenshots of every state go to tests/screenshots/<engine>/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { startAll, startDemoServer, sleep } from '../e2e/harness.mjs';
import { assertFields, assertStageLabels, currentStage, expectFallback, linkHrefs, luminance } from '../e2e/support/assertions.mjs';
import {
  BAD_FORMAT_MESSAGE,
  CJ,
  FALLBACK_TEXT,
  FIXTURE_CARRIER_IDS,
  INVALID_HEADING,
  KEY,
  LINK_TEXT,
  MORE_TEXT,
  NOT_FOUND_HEADING,
  NOT_FOUND_MESSAGE,
  STAGES_EN,
  STAGES_KO,
} from '../e2e/support/expected.mjs';
import { defaultLink, injectedMarkup } from '../e2e/support/hostile.mjs';
import { startEngine } from './engines.mjs';
import { BLANK_PAGE, CSP_STRICT_PAGE, EnginePage, preparePages } from './page.mjs';

const T = { timeout: 90000 };

const CURSOR_5 = 'eyJpbmRleCI6NX0=';
const CURSOR_25 = 'eyJpbmRleCI6MjV9';
const OLDER_OMITTED_KO = '더 오래된 기록은 표시되지 않습니다';

// The fixture scenarios (README, docs/contract.md) with what each must end in; literals from
// tests/e2e/v1.test.mjs and v2.test.mjs. `attempts`: track requests the fixture API must have
// received for the number once the element settled (a retryable failure is retried once).
const SHARED_SCENARIOS = [
  { name: 'not-found', number: '4040404040', state: 'not-found', heading: NOT_FOUND_HEADING, attempts: 1 },
  { name: 'invalid', number: '4000000000', state: 'invalid', heading: INVALID_HEADING, attempts: 1 },
  { name: 'unknown-carrier', carrier: 'xx.nowhere', number: '1234567890', state: 'invalid', heading: INVALID_HEADING, error: { kind: 'invalid' } },
  { name: 'rate-limited', number: '4290000000', state: 'fallback', attempts: 2, retryAfterMs: 900 },
  { name: 'rate-limited-unreadable', number: '4291000000', state: 'fallback', error: { kind: 'rate-limited', httpStatus: 429 }, attempts: 1 },
  { name: 'timeout', number: '9990000000', attrs: { timeout: '500' }, state: 'fallback', error: { kind: 'timeout', httpStatus: null }, attempts: 2 },
  { name: 'truncated', number: '8880000000', state: 'fallback', error: { kind: 'bad-response', httpStatus: 200 }, attempts: 1 },
  { name: 'carrier-down', number: '5000000000', state: 'fallback', attempts: 2 },
  // The hostile answers (tests/e2e/hostile-responses.test.mjs, hostile-load.test.mjs).
  ...[
    ['not-json', '8881000000'],
    ['numbers-for-strings', '8882000000'],
    ['object-for-list', '8883000000'],
    ['ten-mib', '8884000000'],
    ['html-page', '8885000000'],
  ].map(([name, number]) => ({ name, number, state: 'fallback', error: { kind: 'bad-response', httpStatus: 200 }, attempts: 1 })),
  { name: 'empty-204', number: '8886000000', state: 'fallback', error: { kind: 'bad-response', httpStatus: 204 }, attempts: 1 },
  { name: 'teapot', number: '4180000000', state: 'fallback', error: { kind: 'unavailable', httpStatus: 418 }, attempts: 2 },
  { name: 'redirect-elsewhere', number: '3020000000', state: 'fallback', error: { kind: 'bad-response', httpStatus: 200 } },
  { name: 'redirect-loop', number: '3021000000', state: 'fallback', error: { kind: 'unavailable', httpStatus: null } },
  { name: 'trickle', number: '9991000000', attrs: { timeout: '1500' }, state: 'fallback', error: { kind: 'timeout', httpStatus: null }, attempts: 2 },
  { name: 'bad-gateway', number: '5020000000', state: 'fallback', error: { kind: 'unavailable', httpStatus: 502 }, attempts: 2 },
  { name: 'rate-limited-2s', number: '4292000000', state: 'fallback', error: { kind: 'rate-limited', httpStatus: 429 }, attempts: 2, retryAfterMs: 1900 },
  { name: 'slow-delivered', number: '9980000000', state: 'ready', status: { code: 'DELIVERED', text: '배송완료' }, stage: 5 },
  { name: 'control-characters', number: '7100000000', state: 'ready' },
  { name: 'control-characters-not-found', number: '7101000000', state: 'not-found', heading: NOT_FOUND_HEADING, error: { kind: 'not-found' }, attempts: 1 },
];

const V1_ERRORS = {
  '4040404040': { kind: 'not-found', httpStatus: 404, message: NOT_FOUND_MESSAGE },
  '4000000000': { kind: 'invalid', httpStatus: 400, message: BAD_FORMAT_MESSAGE },
  '4290000000': { kind: 'rate-limited', httpStatus: 429, message: 'Too Many Requests' },
  '5000000000': { kind: 'unavailable', httpStatus: 500, message: 'Request failed with status code 503' },
};
const V2_ERRORS = {
  '4040404040': { kind: 'not-found', httpStatus: 200, message: NOT_FOUND_MESSAGE },
  '4000000000': { kind: 'invalid', httpStatus: 200, message: BAD_FORMAT_MESSAGE },
  '4290000000': { kind: 'rate-limited', httpStatus: 429 },
  '5000000000': { kind: 'unavailable', httpStatus: 200, message: 'Please try again in a few minutes.' },
};

// Where the engines' fetch legitimately differs, the details each engine reports (the shopper
// sees the same fallback with its link in all of them). v2's POST answered by a 302 to a page on
// another origin: Chromium follows it as a GET and reads the HTML page (a bad response), Firefox
// and WebKit preflight the redirected request, the page refuses OPTIONS (405), and fetch fails as
// a network error (unavailable, no status).
const V2_ENGINE_DIFFERENCES = {
  '3020000000': {
    errorIn: { firefox: { kind: 'unavailable', httpStatus: null }, webkit: { kind: 'unavailable', httpStatus: null } },
  },
};

const V1_SCENARIOS = [
  { name: 'in-transit', carrier: 'kr.epost', number: '1111111111', state: 'ready', status: { code: 'IN_TRANSIT', text: '이동중' }, stage: 3, words: '배송중', shown: 4, carrierName: '우체국 택배' },
  { name: 'out-for-delivery', number: '2222222222', state: 'ready', status: { code: 'OUT_FOR_DELIVERY' }, stage: 4, words: '배송출발', shown: 3 },
  { name: 'carrier-id-only', number: '6662000000', state: 'ready', status: { code: 'DELIVERED', text: '배송완료' }, stage: 5, carrierName: 'CJ대한통운' },
  ...SHARED_SCENARIOS.map((s) => ({ ...s, error: s.error ?? V1_ERRORS[s.number] })),
];

const V2_SCENARIOS = [
  { name: 'in-transit', number: '1111111111', state: 'ready', status: { code: 'IN_TRANSIT' }, stage: 3 },
  { name: 'out-for-delivery', number: '2222222222', state: 'ready', status: { code: 'OUT_FOR_DELIVERY' }, stage: 4 },
  ...[
    ['attempt-fail', '7700000000', 'ATTEMPT_FAIL', '배달실패', '배달 실패', 4, 4],
    ['exception', '7800000000', 'EXCEPTION', '배송지연', '배송 이상', 3, 3],
    ['available-for-pickup', '7900000000', 'AVAILABLE_FOR_PICKUP', '보관중', '픽업 대기', 3, 3],
  ].map(([name, number, code, text, words, stage, shown]) => ({
    name, number, state: 'ready', status: { code, text }, stage, words, shown,
    data: { from: { name: '김*수', time: null }, to: { name: '이*영', time: null } },
    newest: {
      time: '2024-06-04T16:52:04.000+09:00',
      status: { code, text },
      location: '광주북구',
      description: '고객님의 상품에 대한 안내가 있습니다. 고객센터로 문의해주세요.',
    },
  })),
  { name: 'track-null', number: '3000000000', state: 'not-found', heading: NOT_FOUND_HEADING, error: { kind: 'not-found', httpStatus: 200 }, attempts: 1 },
  ...SHARED_SCENARIOS.map((s) => ({ ...s, error: s.error ?? V2_ERRORS[s.number], ...V2_ENGINE_DIFFERENCES[s.number] })),
];

/** Checks one settled scenario element: state, events and their details, what it shows, links. */
async function assertScenario(tp, sel, s) {
  const carrier = s.carrier ?? 'kr.cjlogistics';
  const href = defaultLink(carrier, s.number);
  const error = s.errorIn?.[tp.engineName] ?? s.error;
  if (s.state === 'ready') {
    await tp.waitForState(sel, 'ready');
    const [load] = await tp.waitForEvents('dt-load', sel);
    assert.equal(load.bubbles && load.composed, true, 'dt-load bubbles and is composed');
    assertFields(load.detail, { carrier, trackingNumber: s.number }, `${s.name}: dt-load detail`);
    if (s.status) assertFields(load.detail.status, s.status, `${s.name}: dt-load detail.status`);
    if (s.data) assertFields(load.detail.data, s.data, `${s.name}: detail.data`);
    if (s.carrierName) assert.equal(load.detail.data.carrier.name, s.carrierName);
    if (s.newest) assert.deepEqual(load.detail.data.events.at(-1), s.newest, `${s.name}: the newest event`);
    assert.deepEqual(await tp.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).data)), sel), load.detail.data, 'el.data is detail.data');
    if (s.stage) {
      assert.equal(load.detail.data.stage, s.stage, `${s.name}: detail.data.stage`);
      // WebKitGTK under a loaded machine once answered the query before the stage bar was in the
      // shadow root; the stages' content is what this suite checks, so it waits for the bar.
      await tp.until(async () => (await tp.count(sel, 'ol[part=stages] > li[part=stage]')) === 5, 3000, `${s.name}: the stage bar`);
      assert.equal(await currentStage(tp, sel), s.stage - 1, `${s.name}: stage ${s.stage} is marked`);
    }
    if (s.words) assert.ok((await tp.text(sel, '[part=status]')).includes(s.words), `${s.name}: [part=status] says ${s.words}`);
    if (s.shown) assert.equal(await tp.count(sel, 'li[part=event]'), s.shown, `${s.name}: events shown`);
    const text = await tp.text(sel);
    assert.ok(!/undefined|null|NaN/.test(text), `${s.name}: no undefined/null/NaN: ${text}`);
    assert.deepEqual(await linkHrefs(tp, sel), [href]);
    assert.equal((await tp.events('dt-error', sel)).length, 0);
  } else if (s.state === 'fallback') {
    const { err } = await expectFallback(tp, sel, error, href);
    assert.equal(typeof err.detail.message, 'string', 'dt-error detail.message');
    assert.equal(await tp.attr(sel, '[part=fallback]', 'role'), 'alert');
    assert.ok((await tp.text(sel, '[part=fallback]')).includes(FALLBACK_TEXT), `${s.name}: the fallback message`);
    assert.deepEqual(await linkHrefs(tp, sel, '[part=fallback]'), [href]);
  } else {
    await tp.waitForState(sel, s.state);
    const [err] = await tp.waitForEvents('dt-error', sel);
    assert.equal(err.bubbles && err.composed, true, 'dt-error bubbles and is composed');
    assertFields(err.detail, { ...error, fallbackHref: href }, `${s.name}: dt-error detail`);
    assert.equal((await tp.events('dt-fallback', sel)).length, 0, `${s.name}: no dt-fallback`);
    assert.equal(await tp.attr(sel, '[part=notice]', 'role'), 'alert');
    const notice = await tp.text(sel, '[part=notice]');
    assert.ok(notice.includes(s.heading), `${s.name}: heading in the notice: ${notice}`);
    if (error.message) assert.ok(notice.includes(error.message), `${s.name}: the API message in the notice: ${notice}`);
    if (s.state === 'not-found') assert.deepEqual(await linkHrefs(tp, sel, '[part=notice]'), [href]);
    if (s.state === 'invalid') {
      assert.equal(await tp.count(sel, 'form[part=form]'), 1, `${s.name}: the form is shown`);
      assert.equal(await tp.shadow(sel, (root) => root.querySelector('form[part=form] input[name=tracking-number]').value), s.number);
    }
    assert.equal(await tp.evaluate((sel) => document.querySelector(sel).data, sel), null);
  }
}

/** The date heading of `day` (YYYY-MM-DD) names the date and the weekday, in any engine's ICU. */
async function assertDayHeading(tp, sel, day, { date, weekday }) {
  const headings = await tp.shadow(sel, (root) =>
    [...root.querySelectorAll('ol[part=timeline] > li h3 time')].map((t) => [t.getAttribute('datetime'), t.textContent.trim()]),
  );
  const heading = headings.find(([iso]) => iso === day);
  assert.ok(heading, `a heading for ${day}: ${JSON.stringify(headings)}`);
  assert.match(heading[1], date, `the heading of ${day} names the date`);
  assert.match(heading[1], weekday, `the heading of ${day} names the weekday`);
}

/** Waits for the lookup form's carriers and returns its options as [value, text]. */
async function carrierOptions(tp, sel) {
  await tp.waitForShadow(sel);
  await tp.until(
    () => tp.shadow(sel, (root) => root.querySelectorAll('form[part=form] select[name=carrier] option').length >= 29),
    10000,
    `${sel}: the lookup form lists the carriers`,
  );
  return tp.shadow(sel, (root) =>
    [...root.querySelectorAll('form[part=form] select[name=carrier] option')].filter((o) => o.value !== '').map((o) => [o.value, o.textContent.trim()]),
  );
}

/**
 * Uses the form with the keyboard only: focuses the carrier list and types the start of the
 * carrier's name (the select's type-ahead picks it), then types `number` into the tracking-number
 * field and presses Enter.
 */
async function submitByKeyboard(tp, sel, { typeAhead, carrier }, number) {
  const select = await tp.shadowElement(sel, 'form[part=form] select[name=carrier]');
  await select.sendKeys(typeAhead);
  assert.equal(await tp.shadow(sel, (root) => root.querySelector('form[part=form] select[name=carrier]').value), carrier, `typing "${typeAhead}" picks ${carrier}`);
  const input = await tp.shadowElement(sel, 'form[part=form] input[name=tracking-number]');
  await input.sendKeys(number, Key.ENTER);
}

const CJ_BY_KEYBOARD = { typeAhead: 'CJ', carrier: 'kr.cjlogistics' };

export function crossEngineSuite(engineName) {
  let server;
  let engine;

  before(async () => {
    [server, engine] = await startAll([startDemoServer(), startEngine(engineName)]);
    preparePages();
  });

  after(async () => {
    await Promise.allSettled([engine?.stop(), server?.stop()]);
  });

  /** Opens `page` (default the recorded blank page), runs `body(tp)`, then asserts no page errors. */
  const run = async (body, page = BLANK_PAGE) => {
    const tp = await EnginePage.open(engineName, engine.driver, `${server.page}${page}`, server.api);
    await body(tp);
    await tp.assertNoErrors();
  };
  const v2 = (number, extra = {}) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': server.api, 'api-version': 'v2', ...extra });

  describe(`cross-engine: ${engineName}`, () => {
    test('v1 delivered (1234567890): dt-load detail, summary, stages, dates, times in +09:00, "show more", link, one request', T, () =>
      run(async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': server.api });
        await tp.waitForState(el, 'ready');
        const [load] = await tp.waitForEvents('dt-load', el);
        assert.equal(load.bubbles, true, 'dt-load bubbles');
        assert.equal(load.composed, true, 'dt-load is composed');
        assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890', status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load detail');
        assertFields(load.detail.data, {
          carrier: CJ,
          trackingNumber: '1234567890',
          status: { code: 'DELIVERED', text: '배송완료' },
          stage: 5,
          to: { name: null, time: '2024-04-25T17:19:20+09:00' },
          from: { name: null, time: '2023-12-06T14:58:57+09:00' },
        }, 'dt-load detail.data');
        assert.equal(load.detail.data.events.length, 6);
        assert.deepEqual(load.detail.data.events[0], {
          time: '2023-12-06T14:58:57+09:00',
          status: { code: 'IN_TRANSIT', text: '간선상차' },
          location: '용산1',
          description: '물류터미널로 상품이 이동중입니다.',
        }, 'events are oldest first');

        const summary = await tp.text(el, '[part=summary]');
        for (const part of ['CJ대한통운', '1234567890']) assert.ok(summary.includes(part), `${part} in the summary: ${summary}`);
        assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
        assert.deepEqual(await tp.attrs(el, '[part=summary] a[href^="tel:"]', 'href'), ['tel:+8215881255']);
        await assertStageLabels(tp, el, STAGES_KO);
        assert.equal(await currentStage(tp, el), 4, 'delivered is the 5th stage');

        assert.equal(await tp.count(el, 'ol[part=timeline] li[part=event]'), 5);
        assert.equal(await tp.count(el, 'ol[part=timeline] > li'), 2, 'two dates among the newest five');
        assert.deepEqual(await tp.attrs(el, 'ol[part=timeline] li[part=event] time', 'datetime'), [
          '2024-04-25T17:19:20+09:00',
          '2024-04-25T09:17:56+09:00',
          '2024-04-25T06:28:42+09:00',
          '2024-04-24T17:15:37+09:00',
          '2024-04-24T15:26:13+09:00',
        ]);
        // ICU writes "2024년 4월 25일 목" or "2024년 4월 25일 (목)": the date and the weekday are what count.
        await assertDayHeading(tp, el, '2024-04-25', { date: /2024년\s*4월\s*25일/, weekday: /목/ });
        await assertDayHeading(tp, el, '2024-04-24', { date: /2024년\s*4월\s*24일/, weekday: /수/ });
        const newest = await tp.text(el, 'li[part=event]');
        for (const part of ['배송완료', '충북보은', '고객님의 상품이 배송완료 되었습니다.(담당사원:이*건 010-****-1038)']) {
          assert.ok(newest.includes(part), `the newest event shows ${part}: ${newest}`);
        }
        // The browser runs in New York; the event is shown in its own +09:00: 17:19 / 오후 5:19.
        assert.match(newest, /(17|5):19/, `event time shown in +09:00: ${newest}`);
        await tp.screenshot('v1-ready');

        assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'false');
        assert.ok((await tp.text(el, 'button[part=more]')).includes(MORE_TEXT));
        await tp.click(el, 'button[part=more]');
        await tp.until(async () => (await tp.count(el, 'li[part=event]')) === 6, 5000, 'all 6 events after "show more"');
        assert.equal(await tp.count(el, 'ol[part=timeline] > li'), 3, 'three dates once all are shown');
        assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true');
        await assertDayHeading(tp, el, '2023-12-06', { date: /2023년\s*12월\s*6일/, weekday: /수/ });
        await tp.screenshot('v1-ready-expanded');

        assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
        assert.equal(await tp.attr(el, 'a[part=link]', 'target'), '_blank');
        assert.equal(await tp.attr(el, 'a[part=link]', 'rel'), 'noopener noreferrer');
        assert.ok((await tp.text(el, 'a[part=link]')).includes(LINK_TEXT));
        await sleep(300);
        assert.deepEqual(
          (await tp.apiRequests()).map((r) => `${r.method} ${r.url}`),
          ['GET /carriers/kr.cjlogistics/tracks/1234567890'],
          'one request, no carriers list',
        );
      }));

    test('v2 delivered (1234567890): dt-load detail and data, summary, timeline, link; GraphQL requests', T, () =>
      run(async (tp) => {
        const el = await tp.create(v2('1234567890'));
        await tp.waitForState(el, 'ready');
        const [load] = await tp.waitForEvents('dt-load', el);
        assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890', status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load detail');
        assertFields(load.detail.data, {
          carrier: CJ,
          stage: 5,
          from: { name: null, time: null },
          to: { name: '이*영', time: '2024-04-25T17:19:20.000+09:00' },
        }, 'dt-load detail.data');
        assert.deepEqual(load.detail.data.events.map((e) => e.status.code), ['AT_PICKUP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
        const summary = await tp.text(el, '[part=summary]');
        for (const part of ['CJ대한통운', '1234567890', '이*영']) assert.ok(summary.includes(part), `${part} in the summary: ${summary}`);
        await assertStageLabels(tp, el, STAGES_KO);
        assert.equal(await currentStage(tp, el), 4);
        assert.equal(await tp.count(el, 'ol[part=timeline] li[part=event]'), 4);
        assert.equal(await tp.count(el, 'button[part=more]'), 0, 'no "show more" for 4 events');
        assert.match(await tp.text(el, 'li[part=event]'), /(17|5):19/, 'event time shown in +09:00');
        assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
        await tp.screenshot('v2-ready');
        await sleep(300);
        const requests = await tp.apiRequests();
        assert.deepEqual([...new Set(requests.map((r) => `${r.method} ${r.url}`))], ['POST /graphql'], 'only POST /graphql');
        assert.equal(requests.filter((r) => r.body.includes('track(')).length, 1, 'one track query');
        const carriers = requests.filter((r) => r.body.includes('carriers(')).length;
        assert.ok(carriers >= 1 && carriers <= 2, `the carriers list, at most its 2 pages: ${carriers}`);
      }));

    for (const [version, scenarios] of [['v1', V1_SCENARIOS], ['v2', V2_SCENARIOS]]) {
      test(`${version}: every fixture scenario ends in its state, with its events, details, links and request count`, T, () =>
        run(async (tp) => {
          const els = [];
          for (const s of scenarios) {
            const attrs = { carrier: s.carrier ?? 'kr.cjlogistics', 'tracking-number': s.number, 'api-base': server.api, ...(s.attrs ?? {}) };
            if (version === 'v2') attrs['api-version'] = 'v2';
            els.push(await tp.create(attrs, { id: `${version}-${s.name}` }));
          }
          for (const [i, s] of scenarios.entries()) {
            await assertScenario(tp, els[i], s);
            await tp.screenshot(`${version}-${s.name}`, els[i]);
          }
          await sleep(3000); // time for a retry that must not come, and for those after Retry-After: 2
          for (const [i, s] of scenarios.entries()) {
            assert.equal(await tp.state(els[i]), s.state, `${s.name}: still ${s.state}`);
            if (s.attempts === undefined) continue;
            const tracks = await tp.trackRequests(s.number);
            assert.equal(tracks.length, s.attempts, `${s.name}: track requests the fixture API received: ${JSON.stringify(tracks.map((r) => r.at))}`);
            if (s.retryAfterMs) assert.ok(tracks[1].at - tracks[0].at >= s.retryAfterMs, `${s.name}: the retry waited for Retry-After (${tracks[1].at - tracks[0].at} ms)`);
          }
        }));
    }

    test('503 then success (v1 5031000001, v2 5031000002): fallback first, then ready with dt-load', T, () =>
      run(async (tp) => {
        const v1 = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5031000001', 'api-base': server.api });
        const second = await tp.create(v2('5031000002'));
        for (const [el, number] of [[v1, '5031000001'], [second, '5031000002']]) {
          await tp.waitForState(el, 'ready');
          const [fb] = await tp.waitForEvents('dt-fallback', el);
          assert.deepEqual(fb.detail, { reason: 'unavailable', href: defaultLink('kr.cjlogistics', number) });
          const [load] = await tp.waitForEvents('dt-load', el);
          assertFields(load.detail, { trackingNumber: number, status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load detail');
          assert.ok(load.at > fb.at, 'dt-load comes after dt-fallback');
          assert.equal(await tp.count(el, '[part=fallback]'), 0, 'the result replaces the fallback');
          assert.equal((await tp.trackRequests(number)).length, 2, 'the 503, then the retry');
        }
        const [err] = await tp.waitForEvents('dt-error', v1);
        assertFields(err.detail, { kind: 'unavailable', httpStatus: 503, message: 'Please try again in a few minutes' }, 'v1 dt-error detail');
      }));

    test('45 events, v1 and v2 (4500000000): 5 shown, all 45 after "show more"; v2 pages back with `before`', T, () =>
      run(async (tp) => {
        const v1 = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4500000000', 'api-base': server.api });
        const second = await tp.create(v2('4500000000'));
        for (const el of [v1, second]) {
          await tp.waitForState(el, 'ready');
          assert.equal(await tp.count(el, 'li[part=event]'), 5);
          await tp.click(el, 'button[part=more]');
          await tp.until(async () => (await tp.count(el, 'li[part=event]')) === 45, 5000, `${el}: 45 events after "show more"`);
          assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true');
        }
        const [load] = await tp.waitForEvents('dt-load', second);
        assert.deepEqual(
          load.detail.data.events.map((e) => e.description),
          Array.from({ length: 45 }, (_, i) => `배송지역으로 상품이 이동중입니다. (${i + 1}/45)`),
          'every event once, oldest first',
        );
        const pages = (await tp.trackRequests('4500000000')).filter((r) => r.method === 'POST');
        assert.deepEqual(pages.map((r) => JSON.parse(r.body).variables.before ?? null), [null, CURSOR_25, CURSOR_5]);
        assert.equal((await tp.trackRequests('4500000000')).filter((r) => r.method === 'GET').length, 1, 'v1: one request');
      }));

    test('v2 620 events (6000000000): capped at 500, "older events are not shown"', T, () =>
      run(async (tp) => {
        const el = await tp.create(v2('6000000000'));
        await tp.waitForState(el, 'ready', 20000);
        const [load] = await tp.waitForEvents('dt-load', el);
        assert.equal(load.detail.data.events.length, 500);
        assert.equal(load.detail.data.olderEventsOmitted, true);
        assert.equal((await tp.trackRequests('6000000000')).length, 25, '500 events are 25 pages of 20');
        // Said where the history ends: under the opened "show more" (issue 12).
        assert.ok(!(await tp.text(el)).includes(OLDER_OMITTED_KO));
        await tp.click(el, 'button[part=more]');
        await tp.until(async () => (await tp.count(el, 'li[part=event]')) === 500, 10000, '500 events after "show more"');
        assert.ok((await tp.text(el)).includes(OLDER_OMITTED_KO));
      }));

    test('5,000 events (5500000000): v1 keeps all, v2 pages back to the newest 500', T, () =>
      run(async (tp) => {
        const v1 = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5500000000', 'api-base': server.api });
        const second = await tp.create(v2('5500000000'));
        await tp.waitForState(v1, 'ready', 20000);
        const [load] = await tp.waitForEvents('dt-load', v1);
        assert.equal(load.detail.data.events.length, 5000);
        assertFields(load.detail.data.events[4999], { time: '2025-08-02T16:13:00+09:00', description: '배송지역으로 상품이 이동중입니다. (5000/5000)' }, 'the newest event');
        assert.equal(await tp.count(v1, 'li[part=event]'), 5);
        await tp.waitForState(second, 'ready', 20000);
        const [load2] = await tp.waitForEvents('dt-load', second);
        assert.equal(load2.detail.data.events.length, 500, 'v2 keeps the newest 500');
        assert.equal(load2.detail.data.events[499].description, '배송지역으로 상품이 이동중입니다. (5000/5000)');
        assert.equal((await tp.trackRequests('5500000000')).filter((r) => r.method === 'POST').length, 25, '25 pages of 20');
        // Said under the opened "show more" (issue 12).
        await tp.click(second, 'button[part=more]');
        await tp.until(async () => (await tp.count(second, 'li[part=event]')) === 500, 10000, '500 events after "show more"');
        assert.ok((await tp.text(second)).includes(OLDER_OMITTED_KO));
      }));

    test('loading (9990000000 answers after 15 s): busy, then removed mid-request without a retry or an error', T, () =>
      run(async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '9990000000', 'api-base': server.api, timeout: '20000' });
        await tp.until(async () => (await tp.trackRequests('9990000000')).length === 1, 5000, 'the fixture API received the request');
        await tp.until(() => tp.evaluate((sel) => !!document.querySelector(sel).shadowRoot?.querySelector('[part=base][aria-busy=true]'), el), 5000, 'the element is busy');
        assert.equal(await tp.state(el), 'loading');
        await tp.screenshot('loading');
        assert.equal(await tp.state(el), 'loading', 'still loading when the screenshot was taken');
        await tp.evaluate((sel) => document.querySelector(sel).remove(), el);
        await sleep(1500);
        assert.equal((await tp.trackRequests('9990000000')).length, 1, 'no retry for a removed element');
        assert.deepEqual(await tp.events(), [], 'no event from a removed element');
      }));

    test('self-hosted and keyed bases: names from the shipped table, INTERNAL as a fallback, the key only as a header', T, () =>
      run(async (tp) => {
        const self = await tp.create(v2('1234567890', { 'api-base': `${server.api}/self-hosted` }));
        const hidden = await tp.create(v2('4040404040', { 'api-base': `${server.api}/self-hosted` }));
        const noKeyV1 = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': `${server.api}/keyed` });
        const noKeyV2 = await tp.create(v2('1234567890', { 'api-base': `${server.api}/keyed` }));
        const keyed = await tp.create(v2('1234567890', { 'api-base': `${server.api}/keyed` }), { props: { apiKey: KEY } });
        await tp.waitForState(self, 'ready');
        assert.ok((await tp.text(self, '[part=summary]')).includes('CJ대한통운'), 'the shipped name is shown');
        await expectFallback(tp, hidden, { kind: 'unavailable', httpStatus: 200, message: 'Internal error' }, defaultLink('kr.cjlogistics', '4040404040'));
        await expectFallback(tp, noKeyV1, { kind: 'unauthorized', httpStatus: 401, message: 'Unauthorized' }, defaultLink('kr.cjlogistics', '1234567890'));
        await expectFallback(tp, noKeyV2, { kind: 'unauthorized', httpStatus: 200, message: 'Unauthorized' }, defaultLink('kr.cjlogistics', '1234567890'));
        await tp.waitForState(keyed, 'ready');
        const [load] = await tp.waitForEvents('dt-load', keyed);
        assert.equal(load.detail.data.carrier.name, 'CJ대한통운', 'the keyed carriers list gave the name');
        const keyedRequests = await tp.apiRequests('/keyed');
        assert.deepEqual(
          [...new Set(keyedRequests.map((r) => `${r.method} ${r.url.split('/tracks/')[0]} ${r.authorization}`))].sort(),
          ['GET /keyed/carriers/kr.cjlogistics none', 'POST /keyed/graphql demo-key', 'POST /keyed/graphql none'],
          'the key is sent as the header by the keyed element only',
        );
        for (const r of await tp.apiRequests()) assert.ok(!r.url.includes('demo-') && !r.body.includes('demo-'), `key in a request: ${r.url} ${r.body}`);
        const dom = await tp.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll('delivery-tracker')].map((e) => e.shadowRoot.innerHTML).join(''));
        assert.ok(!dom.includes('demo-secret'), 'key in the DOM');
        assert.ok(!JSON.stringify(await tp.events()).includes('demo-secret'), 'key in an event');
      }));

    test('HTML payloads (6660000000 and 6661000000 ready, 6663000000 not found; v1 and v2) stay inert text', T, () =>
      run(async (tp) => {
        const els = [
          await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '6660000000', 'api-base': server.api }, { id: 'html-v1' }),
          await tp.create(v2('6660000000'), { id: 'html-v2' }),
        ];
        const everywhere = [];
        for (const [number, state] of [['6661000000', 'ready'], ['6663000000', 'not-found']]) {
          for (const version of ['v1', 'v2']) {
            const attrs = { carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': server.api, 'api-version': version };
            everywhere.push([await tp.create(attrs, { id: `html-${number}-${version}` }), state]);
          }
        }
        for (const el of els) {
          await tp.waitForState(el, 'ready');
          if (await tp.count(el, 'button[part=more]')) await tp.click(el, 'button[part=more]');
        }
        for (const [el, state] of everywhere) await tp.waitForState(el, state);
        await sleep(500); // an injected <img onerror> would have fired by now
        for (const [el] of everywhere) assert.deepEqual(await injectedMarkup(tp, el), [], `${el}: nothing from the payload became markup`);
        for (const el of els) {
          assert.deepEqual(await injectedMarkup(tp, el), [], `${el}: nothing from the payload became markup`);
          const text = await tp.text(el);
          assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), `${el}: the img payload shows as text: ${text.slice(0, 600)}`);
          assert.ok(text.includes('<script>window.__xss=1</script>'), `${el}: the script payload shows as text`);
          await tp.screenshot(`html-payload-${el.slice(6)}`, el);
        }
      }));

    for (const version of ['v1', 'v2']) {
      test(`${version} lookup form: the fixture's 29 carriers; picked, typed and submitted with Enter, it loads`, T, () =>
        run(async (tp) => {
          const el = await tp.create(version === 'v1' ? { 'api-base': server.api } : { 'api-base': server.api, 'api-version': 'v2' });
          await tp.waitForState(el, 'idle');
          const options = await carrierOptions(tp, el);
          assert.deepEqual(options.map(([v]) => v).sort(), [...FIXTURE_CARRIER_IDS].sort());
          assert.ok(options.find(([v]) => v === 'kr.cjlogistics')[1].includes('CJ대한통운'), 'options show carrier names');
          await tp.screenshot(`${version}-form`);
          const carriersAsked = (await tp.apiRequests()).length;
          if (version === 'v1') assert.deepEqual((await tp.apiRequests()).map((r) => `${r.method} ${r.url}`), ['GET /carriers'], 'only the carriers list');
          else assert.equal(carriersAsked, 2, 'the carriers list: two pages');

          await submitByKeyboard(tp, el, CJ_BY_KEYBOARD, '1234567890');
          await tp.waitForState(el, 'ready');
          assert.deepEqual(
            await tp.evaluate((sel) => {
              const e = document.querySelector(sel);
              return [e.getAttribute('carrier'), e.getAttribute('tracking-number'), location.pathname];
            }, el),
            ['kr.cjlogistics', '1234567890', `/${BLANK_PAGE}`],
            'the attributes are set; submitting did not navigate',
          );
          const [load] = await tp.waitForEvents('dt-load', el);
          assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890', status: { code: 'DELIVERED', text: '배송완료' } }, 'dt-load detail');
          const after = (await tp.apiRequests()).slice(carriersAsked);
          assert.equal(after.length, 1, `one track request after submitting, no carriers list again: ${JSON.stringify(after.map((r) => r.url))}`);
          assert.equal((await tp.trackRequests('1234567890')).length, 1);
        }));
    }

    test('mode="compact": one line, the status, when and a link to the details', T, () =>
      run(async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': server.api, mode: 'compact' });
        await tp.waitForState(el, 'ready');
        await tp.waitForEvents('dt-load', el);
        assert.equal(await tp.count(el, '[part=summary]'), 1);
        assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
        assert.equal(await tp.count(el, '[part=stages]'), 0, 'no stages');
        assert.equal(await tp.count(el, 'button[part=more]'), 0, 'no "show more"');
        assert.equal(await tp.count(el, 'li[part=event]'), 0, 'no timeline');
        assert.equal(await tp.text(el, '[part=summary]'), '배송완료 2024. 4. 25. 오후 5:19 도착 자세히 보기');
        await tp.screenshot('compact');
      }));

    test('mode="link": only the link (templates encoded, non-http refused), no request, no event', T, () =>
      run(async (tp) => {
        const plain = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': server.api, mode: 'link' });
        const template = await tp.create({
          carrier: 'kr.cjlogistics', 'tracking-number': 'A B/C#1?&x', mode: 'link', 'fallback-href': 'https://shop.example/track?c={carrier}&n={tracking}',
        });
        const hangul = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '가나다123', mode: 'link' });
        const script = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', mode: 'link', 'fallback-href': 'javascript:alert(1)//{tracking}' });
        const linkV2 = await tp.create(v2('A B/C#1?&x', { 'link-client-id': 'shop 1', mode: 'link' }));
        for (const sel of [plain, template, hangul, script, linkV2]) {
          await tp.waitForShadow(sel);
          await tp.until(() => tp.count(sel, 'a[part=link]'), 10000, `${sel} shows its link`);
        }
        assert.equal(await tp.state(plain), 'idle');
        assert.deepEqual(await linkHrefs(tp, plain), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
        assert.deepEqual(await linkHrefs(tp, template), ['https://shop.example/track?c=kr.cjlogistics&n=A%20B%2FC%231%3F%26x']);
        assert.deepEqual(await linkHrefs(tp, hangul), ['https://tracker.delivery/#/kr.cjlogistics/%EA%B0%80%EB%82%98%EB%8B%A4123']);
        const refused = await linkHrefs(tp, script);
        assert.ok(refused.every((h) => h === null || /^https?:/.test(h)), `a javascript: template is never used: ${JSON.stringify(refused)}`);
        assert.deepEqual(await linkHrefs(tp, linkV2), [
          'https://link.tracker.delivery/track?client_id=shop+1&carrier_id=kr.cjlogistics&tracking_number=A+B%2FC%231%3F%26x',
        ]);
        assert.equal(await tp.count(plain, '[part=summary]'), 0);
        assert.equal(await tp.count(plain, 'form[part=form]'), 0);
        await tp.screenshot('link', plain);
        await sleep(1500);
        assert.deepEqual(await tp.apiRequests(), [], 'mode=link sends no request');
        assert.deepEqual(await tp.events(), [], 'no dt-* event in link mode');
      }));

    test('lang="en": English stages, status, date heading, "show more" and link', T, () =>
      run(async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': server.api, lang: 'en' });
        await tp.waitForState(el, 'ready');
        await assertStageLabels(tp, el, STAGES_EN);
        assert.ok((await tp.text(el, '[part=status]')).includes('Delivered'));
        assert.ok((await tp.text(el, 'a[part=link]')).includes('Track on tracker.delivery'));
        assert.ok((await tp.text(el, 'button[part=more]')).includes('Show 1 more'));
        await assertDayHeading(tp, el, '2024-04-25', { date: /Apr(il)?\s+25,?\s+2024/, weekday: /Thu/ });
        await tp.screenshot('ready-en');
      }));

    test('theme="dark": a dark palette in every state it is shown in', T, () =>
      run(async (tp) => {
        const ready = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': server.api, theme: 'dark' });
        const down = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5000000000', 'api-base': server.api, theme: 'dark' });
        await tp.evaluate(() => {
          document.body.style.background = '#111';
        });
        await tp.waitForState(ready, 'ready');
        await tp.waitForState(down, 'fallback');
        for (const [el, name] of [[ready, 'ready-dark'], [down, 'fallback-dark']]) {
          const { bg, fg } = await tp.shadow(el, (root) => {
            const s = getComputedStyle(root.querySelector('[part=base]'));
            return { bg: s.backgroundColor, fg: s.color };
          });
          assert.ok(luminance(bg) < 0.2 && luminance(fg) > 0.5, `${name}: a dark palette (bg ${bg}, fg ${fg})`);
          await tp.screenshot(name, el);
        }
      }));

    test("a strict-CSP page (default-src 'none', Trusted Types): v1, v2, the fallback and the form work, no violation", T, () =>
      run(async (tp) => {
        const header = (await fetch(`${server.page}${CSP_STRICT_PAGE}`)).headers.get('content-security-policy');
        assert.equal(
          header,
          "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src data:; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
        );
        for (const sel of ['#v1', '#v2']) {
          await tp.waitForState(sel, 'ready');
          const [load] = await tp.waitForEvents('dt-load', sel);
          assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890', status: { code: 'DELIVERED', text: '배송완료' } }, `${sel} dt-load`);
          assert.ok((await tp.text(sel, '[part=summary]')).includes('CJ대한통운'), `${sel}: the summary`);
          await assertStageLabels(tp, sel, STAGES_KO);
          assert.deepEqual(await linkHrefs(tp, sel), [defaultLink('kr.cjlogistics', '1234567890')]);
        }
        assert.equal(await tp.count('#v2', 'li[part=event]'), 4);
        assert.equal(await tp.count('#v1', 'li[part=event]'), 5);
        await tp.click('#v1', 'button[part=more]');
        await tp.until(async () => (await tp.count('#v1', 'li[part=event]')) === 6, 5000, '#v1: 6 events after "show more"');
        await expectFallback(tp, '#down', { kind: 'unavailable', httpStatus: 500 }, defaultLink('kr.cjlogistics', '5000000000'));
        assert.ok((await tp.text('#down', '[part=fallback]')).includes(FALLBACK_TEXT));
        await tp.waitForState('#form', 'idle');
        await carrierOptions(tp, '#form');
        await submitByKeyboard(tp, '#form', CJ_BY_KEYBOARD, '1111111111');
        await tp.waitForState('#form', 'ready');
        assert.deepEqual(
          await tp.evaluate(() => [document.querySelector('#form').getAttribute('carrier'), document.querySelector('#form').getAttribute('tracking-number')]),
          ['kr.cjlogistics', '1111111111'],
        );
        // The widget's own styles (constructable stylesheets) are in force under style-src 'self'.
        const style = await tp.shadow('#v1', (root) => {
          const s = getComputedStyle(root.querySelector('[part=base]'));
          return { padding: s.paddingTop, border: s.borderTopStyle, fontSize: s.fontSize, display: s.display };
        });
        assert.deepEqual(style, { padding: '16px', border: 'solid', fontSize: '15px', display: 'block' }, 'the widget is styled');
        await tp.screenshot('csp-strict');
        assert.deepEqual(await tp.evaluate(() => window.__cspViolations), [], 'no CSP violation');
      }, CSP_STRICT_PAGE));
  });
}
