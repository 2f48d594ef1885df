// End-to-end tests of <delivery-tracker> against the v1 fixture API of the demo server, with the
// package installed from its npm tarball (tests/install-package.sh) into a bundler-free page.
// Every expected value is a literal taken from the spec (shared/spec/element.md), the internal
// contract (docs/contract.md) and the fixtures, never computed by the code under test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, sleep, waitForServerRequests } from './harness.mjs';
import { assertFields, assertStageLabels, expectFallback, currentStage, linkHrefs } from './support/assertions.mjs';
import {
  BAD_FORMAT_MESSAGE,
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
} from './support/expected.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };

// The tests share one demo server and one browser; each has its own browser context (its own
// request log, in-memory cache and localStorage), and the one-shot 503 number is used once, so
// they can run a few at a time.
describe('v1 fixture API', { concurrency: 4 }, () => {
  // ---------------------------------------------------------------------------------------------
  // Results

  test('delivered (1234567890): ready, dt-load detail, summary, 5 stages, timeline with show more, link', T, () =>
    run(
      async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api });
        await tp.waitForState(el, 'ready');

        const [load] = await tp.waitForEvents('dt-load', el);
        assert.equal(load.bubbles, true, 'dt-load bubbles');
        assert.equal(load.composed, true, 'dt-load is composed');
        assert.equal(load.detailIsObject, true);
        assertFields(load.detail, {
          carrier: 'kr.cjlogistics',
          trackingNumber: '1234567890',
          status: { code: 'DELIVERED', text: '배송완료' },
        }, 'dt-load detail');
        const data = load.detail.data;
        assertFields(data, {
          carrier: { id: 'kr.cjlogistics', name: 'CJ대한통운', tel: '+8215881255' },
          trackingNumber: '1234567890',
          status: { code: 'DELIVERED', text: '배송완료' },
          stage: 5,
          to: { name: null, time: '2024-04-25T17:19:20+09:00' },
          from: { name: null, time: '2023-12-06T14:58:57+09:00' },
        }, 'dt-load detail.data');
        // docs/contract.md says "7 progresses"; fixtures/v1/track-delivered.json (the seed's example)
      // has 6, and that is what the fixture API serves.
      assert.equal(data.events.length, 6, 'the delivered fixture has 6 progresses');
        assert.deepEqual(data.events[0], {
          time: '2023-12-06T14:58:57+09:00',
          status: { code: 'IN_TRANSIT', text: '간선상차' },
          location: '용산1',
          description: '물류터미널로 상품이 이동중입니다.',
        }, 'events are oldest first');
        assertFields(data.events[5], {
          time: '2024-04-25T17:19:20+09:00',
          status: { code: 'DELIVERED', text: '배송완료' },
          location: '충북보은',
        }, 'newest event');
        assert.equal(data.events[1].status.code, 'AT_PICKUP');
        assert.equal(data.events[4].status.code, 'OUT_FOR_DELIVERY');
        const prop = await tp.page.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).data)), el);
        assert.deepEqual(prop, data, 'el.data equals dt-load detail.data');
        assert.equal((await tp.events('dt-error')).length, 0);
        assert.equal((await tp.events('dt-fallback')).length, 0);

        // summary
        assert.notEqual(await tp.attr(el, '[part=base]', 'aria-busy'), 'true', 'not busy once ready');
        const summary = await tp.text(el, '[part=summary]');
        assert.ok(summary.includes('CJ대한통운'), `carrier name in summary: ${summary}`);
        assert.ok(summary.includes('1234567890'), `tracking number in summary: ${summary}`);
        assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
        assert.deepEqual(await tp.attrs(el, '[part=summary] a[href^="tel:"]', 'href'), ['tel:+8215881255']);
        const shadowText = await tp.text(el);
        assert.ok(!/undefined|null|NaN/.test(shadowText), `no undefined/null/NaN in the text: ${shadowText}`);

        // stages
        await assertStageLabels(tp, el, STAGES_KO);
        assert.equal(await currentStage(tp, el), 4, 'delivered is the 5th stage');

        // timeline: newest 5 events, two dates, then all 6 after "show more"
        assert.equal(await tp.count(el, 'ol[part=timeline] li[part=event]'), 5);
        assert.equal(await tp.count(el, 'ol[part=timeline] > li'), 2, 'two dates among the newest five');
        assert.deepEqual(await tp.attrs(el, 'ol[part=timeline] li[part=event] time', 'datetime'), [
          '2024-04-25T17:19:20+09:00',
          '2024-04-25T09:17:56+09:00',
          '2024-04-25T06:28:42+09:00',
          '2024-04-24T17:15:37+09:00',
          '2024-04-24T15:26:13+09:00',
        ]);
        const firstEvent = await tp.text(el, 'li[part=event]');
        for (const part of ['배송완료', '충북보은', '고객님의 상품이 배송완료 되었습니다.(담당사원:이*건 010-****-1038)']) {
          assert.ok(firstEvent.includes(part), `newest event shows ${part}: ${firstEvent}`);
        }
        // Shown in its own offset (+09:00) although the browser runs in New York: 17:19 / 오후 5:19.
        assert.match(firstEvent, /(17|5):19/, `event time shown in +09:00: ${firstEvent}`);
        assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'false');
        assert.ok((await tp.text(el, 'button[part=more]')).includes(MORE_TEXT));
        await tp.page.locator(`${el} button[part=more]`).click();
        await tp.page.waitForFunction(
          (sel) => document.querySelector(sel).shadowRoot.querySelectorAll('li[part=event]').length === 6,
          el,
          { timeout: 5000 },
        );
        assert.equal(await tp.count(el, 'ol[part=timeline] > li'), 3, 'three dates once all are shown');
        assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true');
        assert.equal(
          (await tp.attrs(el, 'li[part=event] time', 'datetime'))[5],
          '2023-12-06T14:58:57+09:00',
          'the oldest event is last',
        );

        // footer link
        assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
        assert.equal(await tp.attr(el, 'a[part=link]', 'target'), '_blank');
        assert.equal(await tp.attr(el, 'a[part=link]', 'rel'), 'noopener noreferrer');
        assert.ok((await tp.text(el, 'a[part=link]')).includes(LINK_TEXT));

        // one request, no carriers list (the track names its carrier)
        assert.deepEqual(
          tp.apiRequests().map((r) => `${r.method} ${r.url}`),
          [`GET ${demo.server.api}/carriers/kr.cjlogistics/tracks/1234567890`],
        );
      },
      { timezoneId: 'America/New_York' },
    ));

  test('in transit (1111111111, kr.epost): stage 3, carrier status text', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.epost', 'tracking-number': '1111111111', 'api-base': demo.server.api });
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assertFields(load.detail, {
        carrier: 'kr.epost',
        trackingNumber: '1111111111',
        status: { code: 'IN_TRANSIT', text: '이동중' },
      }, 'dt-load detail');
      assert.equal(load.detail.data.stage, 3);
      assert.equal(load.detail.data.carrier.name, '우체국 택배');
      assert.ok((await tp.text(el, '[part=status]')).includes('배송중'), 'status in words is the label');
      assert.equal(await currentStage(tp, el), 2);
      assert.equal(await tp.count(el, 'li[part=event]'), 4);
      assert.equal(await tp.count(el, 'button[part=more]'), 0, 'no "show more" for 4 events');
      const text = await tp.text(el);
      assert.ok(!/undefined|null|NaN/.test(text), `no undefined/null/NaN: ${text}`);
      assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.epost/1111111111']);
    }));

  test('out for delivery (2222222222, with the out_of_delivery typo): stage 4', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '2222222222', 'api-base': demo.server.api });
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assert.equal(load.detail.status.code, 'OUT_FOR_DELIVERY');
      assert.equal(load.detail.data.stage, 4);
      assert.equal(load.detail.data.events.length, 3);
      assert.ok(
        !load.detail.data.events.some((e) => e.status && e.status.code === 'UNKNOWN'),
        'out_of_delivery is out for delivery, not unknown',
      );
      assert.ok((await tp.text(el, '[part=status]')).includes('배송출발'));
      assert.equal(await currentStage(tp, el), 3);
      assert.equal(await tp.count(el, 'li[part=event]'), 3);
    }));

  test('45 progresses (4500000000): 5 events, all 45 after "show more"', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4500000000', 'api-base': demo.server.api });
      await tp.waitForState(el, 'ready');
      assert.equal(await tp.count(el, 'li[part=event]'), 5);
      await tp.page.locator(`${el} button[part=more]`).click();
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot.querySelectorAll('li[part=event]').length === 45,
        el,
        { timeout: 5000 },
      );
    }));

  test('lang="en": English stages, link, status and show-more', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'en' });
      await tp.waitForState(el, 'ready');
      await assertStageLabels(tp, el, STAGES_EN);
      assert.ok((await tp.text(el, '[part=status]')).includes('Delivered'));
      assert.ok((await tp.text(el, 'a[part=link]')).includes('Track on tracker.delivery'));
      assert.ok((await tp.text(el, 'button[part=more]')).includes('Show 1 more'));
    }));

  test('mode="compact": one line, the status, when and a link to the details', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, mode: 'compact' });
      await tp.waitForState(el, 'ready');
      await tp.waitForEvents('dt-load', el);
      assert.equal(await tp.count(el, '[part=summary]'), 1);
      assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
      assert.equal(await tp.count(el, '[part=stages]'), 0, 'no stages in compact');
      assert.equal(await tp.count(el, 'button[part=more]'), 0, 'no show-more in compact');
      assert.equal(await tp.count(el, 'li[part=event]'), 0, 'no timeline');
      assert.equal(await tp.text(el, '[part=summary]'), '배송완료 2024. 4. 25. 오후 5:19 도착 자세히 보기');
      assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
    }));

  test('mode="link": only the link, no request at all', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, mode: 'link' });
      await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelector('a[part=link]'), el, { timeout: 10000 });
      assert.equal(await tp.state(el), 'idle');
      assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
      await sleep(1500);
      assert.deepEqual(
        tp.requests.filter((r) => new URL(r.url).origin === demo.server.api).map((r) => r.url),
        [],
        'mode=link sends no request',
      );
      assert.equal(await tp.count(el, '[part=summary]'), 0);
      assert.equal(await tp.count(el, 'form[part=form]'), 0);
      assert.equal((await tp.events()).length, 0, 'no dt-* event in link mode');
    }));

  // ---------------------------------------------------------------------------------------------
  // The tracking link

  test('fallback-href template, encoding of {carrier}/{tracking}, Hangul, non-http templates refused', T, () =>
    run(async (tp) => {
      const a = await tp.create({
        carrier: 'kr.cjlogistics',
        'tracking-number': 'A B/C#1?&x',
        mode: 'link',
        'fallback-href': 'https://shop.example/track?c={carrier}&n={tracking}',
      });
      const b = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '가나다123', mode: 'link' });
      const c = await tp.create({ carrier: 'un.upu.ems', 'tracking-number': 'EE123456789KR', mode: 'link' });
      const d = await tp.create({
        carrier: 'kr.cjlogistics',
        'tracking-number': '1234567890',
        mode: 'link',
        'fallback-href': 'javascript:alert(1)//{tracking}',
      });
      for (const sel of [a, b, c, d]) {
        await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelector('a[part=link]'), sel, { timeout: 10000 });
      }
      assert.deepEqual(await linkHrefs(tp, a), ['https://shop.example/track?c=kr.cjlogistics&n=A%20B%2FC%231%3F%26x']);
      assert.deepEqual(await linkHrefs(tp, b), ['https://tracker.delivery/#/kr.cjlogistics/%EA%B0%80%EB%82%98%EB%8B%A4123']);
      assert.deepEqual(await linkHrefs(tp, c), ['https://tracker.delivery/#/un.upu.ems/EE123456789KR']);
      const refused = await linkHrefs(tp, d);
      assert.ok(
        refused.every((h) => h === null || /^https?:/.test(h)),
        `a javascript: template is never used: ${JSON.stringify(refused)}`,
      );
      assert.equal(tp.requests.filter((r) => new URL(r.url).origin === demo.server.api).length, 0);
    }));

  test('a tracking number needing encoding is one encoded path segment; not-found notice links to the template', T, () =>
    run(async (tp) => {
      const el = await tp.create({
        carrier: 'kr.cjlogistics',
        'tracking-number': 'A B/C#1?&x',
        'api-base': demo.server.api,
        'fallback-href': 'https://shop.example/track?c={carrier}&n={tracking}',
      });
      await tp.waitForState(el, 'not-found');
      assert.deepEqual(tp.apiRequests('/tracks/').map((r) => r.url), [
        `${demo.server.api}/carriers/kr.cjlogistics/tracks/A%20B%2FC%231%3F%26x`,
      ]);
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, {
        kind: 'not-found',
        httpStatus: 404,
        message: NOT_FOUND_MESSAGE,
        fallbackHref: 'https://shop.example/track?c=kr.cjlogistics&n=A%20B%2FC%231%3F%26x',
      }, 'dt-error detail');
      assert.deepEqual(await linkHrefs(tp, el, '[part=notice]'), ['https://shop.example/track?c=kr.cjlogistics&n=A%20B%2FC%231%3F%26x']);
    }));

  // ---------------------------------------------------------------------------------------------
  // Not found / invalid

  test('not found (4040404040): state, dt-error, notice with the API message and the link', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4040404040', 'api-base': demo.server.api });
      await tp.waitForState(el, 'not-found');
      const [err] = await tp.waitForEvents('dt-error', el);
      assert.equal(err.bubbles, true);
      assert.equal(err.composed, true);
      assertFields(err.detail, {
        kind: 'not-found',
        httpStatus: 404,
        message: NOT_FOUND_MESSAGE,
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/4040404040',
      }, 'dt-error detail');
      assert.equal((await tp.events('dt-fallback')).length, 0, 'not-found is not a fallback');
      assert.equal((await tp.events('dt-load')).length, 0);
      assert.equal(await tp.attr(el, '[part=notice]', 'role'), 'alert');
      const notice = await tp.text(el, '[part=notice]');
      assert.ok(notice.includes(NOT_FOUND_HEADING), `heading in notice: ${notice}`);
      assert.ok(notice.includes(NOT_FOUND_MESSAGE), `API message in notice: ${notice}`);
      assert.deepEqual(await linkHrefs(tp, el, '[part=notice]'), ['https://tracker.delivery/#/kr.cjlogistics/4040404040']);
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).data, el), null);
      await sleep(1500);
      assert.equal(tp.apiRequests('/tracks/').length, 1, 'not-found is not retried');
    }));

  test('invalid format (4000000000): state, dt-error, notice and the pre-filled form', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4000000000', 'api-base': demo.server.api });
      await tp.waitForState(el, 'invalid');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, {
        kind: 'invalid',
        httpStatus: 400,
        message: BAD_FORMAT_MESSAGE,
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/4000000000',
      }, 'dt-error detail');
      assert.equal((await tp.events('dt-fallback')).length, 0);
      assert.equal(await tp.attr(el, '[part=notice]', 'role'), 'alert');
      const notice = await tp.text(el, '[part=notice]');
      assert.ok(notice.includes(INVALID_HEADING), `heading in notice: ${notice}`);
      assert.ok(notice.includes(BAD_FORMAT_MESSAGE), `API message in notice: ${notice}`);
      // No tracking link: tracker.delivery refuses the same number (issue 12).
      assert.deepEqual(await linkHrefs(tp, el), []);
      await tp.page
        .waitForFunction(
          (sel) => document.querySelector(sel).shadowRoot.querySelector('form[part=form] select[name=carrier]')?.value === 'kr.cjlogistics',
          el,
          { timeout: 5000 },
        )
        .catch(async () => {
          const controls = await tp.shadow(el, (root) =>
            [...root.querySelectorAll('form[part=form] [name=carrier]')].map((n) => `<${n.localName} value=${n.value}>`),
          );
          assert.fail(`the form's select[name=carrier] is not pre-filled with kr.cjlogistics; carrier controls: ${JSON.stringify(controls)}`);
        });
      assert.equal(
        await tp.shadow(el, (root) => root.querySelector('form[part=form] input[name=tracking-number]').value),
        '4000000000',
      );
      await sleep(1500);
      assert.equal(tp.apiRequests('/tracks/').length, 1, 'invalid is not retried');
    }));

  test('unknown carrier (xx.nowhere): invalid', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'xx.nowhere', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await tp.waitForState(el, 'invalid');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, { kind: 'invalid', fallbackHref: 'https://tracker.delivery/#/xx.nowhere/1234567890' }, 'dt-error detail');
      assert.equal((await tp.events('dt-fallback')).length, 0);
      assert.ok((await tp.text(el, '[part=notice]')).includes(INVALID_HEADING));
      assert.equal(await tp.count(el, 'form[part=form]'), 1, 'the form is shown');
      assert.equal(
        await tp.shadow(el, (root) => root.querySelector('form[part=form] input[name=tracking-number]').value),
        '1234567890',
      );
    }));

  test('tracking number "." is invalid without a track request', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '.', 'api-base': demo.server.api });
      await tp.waitForState(el, 'invalid');
      await sleep(500);
      assert.equal(tp.apiRequests('/tracks/').length, 0);
    }));

  // ---------------------------------------------------------------------------------------------
  // Fallbacks and retries

  test('carrier down (5000000000): fallback, one retry, no more', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5000000000', 'api-base': demo.server.api });
      const { fb } = await expectFallback(tp, el, {
        kind: 'unavailable',
        httpStatus: 500,
        message: 'Request failed with status code 503',
      }, 'https://tracker.delivery/#/kr.cjlogistics/5000000000');
      assert.equal(fb.bubbles, true);
      assert.equal(fb.composed, true);
      assert.equal(await tp.attr(el, '[part=fallback]', 'role'), 'alert');
      assert.ok((await tp.text(el, '[part=fallback]')).includes(FALLBACK_TEXT));
      assert.deepEqual(await linkHrefs(tp, el, '[part=fallback]'), ['https://tracker.delivery/#/kr.cjlogistics/5000000000']);
      assert.equal(await tp.attr(el, '[part=fallback] a[part=link]', 'target'), '_blank');
      assert.equal(await tp.attr(el, '[part=fallback] a[part=link]', 'rel'), 'noopener noreferrer');
      await tp.waitForApiRequests(2, '/tracks/', 5000);
      await sleep(2500);
      assert.equal(tp.apiRequests('/tracks/').length, 2, 'exactly one retry');
      assert.equal(await tp.state(el), 'fallback');
      assert.equal((await tp.events('dt-fallback', el)).length, 1, 'dt-fallback fires once (the state became fallback once)');
      assert.equal((await tp.events('dt-load')).length, 0);
    }));

  test('503 then success (5031000001): fallback first, then ready with dt-load', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5031000001', 'api-base': demo.server.api });
      const { fb } = await expectFallback(tp, el, {
        kind: 'unavailable',
        httpStatus: 503,
        message: 'Please try again in a few minutes',
      }, 'https://tracker.delivery/#/kr.cjlogistics/5031000001');
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assertFields(load.detail, {
        carrier: 'kr.cjlogistics',
        trackingNumber: '5031000001',
        status: { code: 'DELIVERED', text: '배송완료' },
      }, 'dt-load detail');
      assert.ok(load.at > fb.at, 'dt-load comes after dt-fallback');
      assert.equal(await tp.count(el, '[part=fallback]'), 0, 'the result replaces the fallback');
      assert.equal(await tp.count(el, 'li[part=event]'), 5);
      assert.equal(tp.apiRequests('/tracks/').length, 2);
    }));

  test('429 with a readable Retry-After (4290000000): retried once after it', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4290000000', 'api-base': demo.server.api });
      await expectFallback(tp, el, {
        kind: 'rate-limited',
        httpStatus: 429,
        message: 'Too Many Requests',
      }, 'https://tracker.delivery/#/kr.cjlogistics/4290000000');
      // Times from the fixture API's own log: when each request arrived there.
      const [first, second] = await waitForServerRequests(demo.server.api, '/tracks/4290000000', 2, 5000);
      assert.ok(second.at - first.at >= 1000, `the retry waits for Retry-After: 1 (${second.at - first.at} ms)`);
      await sleep(2500);
      assert.equal(tp.apiRequests('/tracks/').length, 2, 'retried exactly once');
      assert.equal(await tp.state(el), 'fallback');
    }));

  test('429 with an unreadable Retry-After (4291000000): not retried', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4291000000', 'api-base': demo.server.api });
      await expectFallback(tp, el, { kind: 'rate-limited', httpStatus: 429 }, 'https://tracker.delivery/#/kr.cjlogistics/4291000000');
      await sleep(2500);
      assert.equal(tp.apiRequests('/tracks/').length, 1, 'not retried');
    }));

  test('timeout="500" on a slow answer (9990000000): timeout fallback, one retry', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '9990000000', 'api-base': demo.server.api, timeout: '500' });
      // The answer takes 15 s: a fallback before then (kind timeout, below) is the timeout's.
      await tp.waitForState(el, 'fallback');
      const [err] = await tp.waitForEvents('dt-error', el);
      assertFields(err.detail, {
        kind: 'timeout',
        httpStatus: null,
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/9990000000',
      }, 'dt-error detail');
      assert.equal(typeof err.detail.message, 'string');
      const [fb] = await tp.waitForEvents('dt-fallback', el);
      assert.deepEqual(fb.detail, { reason: 'timeout', href: 'https://tracker.delivery/#/kr.cjlogistics/9990000000' });
      assert.ok((await tp.text(el, '[part=fallback]')).includes(FALLBACK_TEXT));
      await tp.waitForApiRequests(2, '/tracks/', 5000);
      await sleep(2500);
      assert.equal(tp.apiRequests('/tracks/').length, 2, 'one retry only');
      assert.equal(await tp.state(el), 'fallback');
    }));

  test('truncated JSON (8880000000): bad-response fallback, not retried', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '8880000000', 'api-base': demo.server.api });
      await expectFallback(tp, el, {
        kind: 'bad-response',
        httpStatus: 200,
      }, 'https://tracker.delivery/#/kr.cjlogistics/8880000000');
      await sleep(2000);
      assert.equal(tp.apiRequests('/tracks/').length, 1, 'bad-response is not retried');
    }));

  // ---------------------------------------------------------------------------------------------
  // Safety

  test('HTML payloads (6660000000) stay inert text', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '6660000000', 'api-base': demo.server.api });
      await tp.waitForState(el, 'ready');
      if (await tp.count(el, 'button[part=more]')) await tp.page.locator(`${el} button[part=more]`).click();
      await sleep(500); // an injected <img onerror> would have fired by now
      assert.equal(await tp.count(el, 'img, script, iframe, object, embed'), 0, 'no element from the payload');
      assert.equal(await tp.count(el, '[onerror], [onload], [onmouseover]'), 0, 'no event-handler attribute from the payload');
      assert.equal(await tp.count(el, 'a[href^="javascript:"]'), 0, 'no javascript: link from the payload');
      assert.equal(await tp.page.evaluate(() => document.querySelectorAll('img').length), 0);
      assert.equal(await tp.page.evaluate(() => typeof window.__xss), 'undefined');
      const text = await tp.text(el);
      assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), `the img payload shows as text: ${text.slice(0, 600)}`);
      assert.ok(text.includes('<script>window.__xss=1</script>'), 'the script payload shows as text');
    }));

  test('apiKey with the /keyed base: unauthorized without, ready with; never in a URL or the DOM', T, () =>
    run(async (tp) => {
      const noKey = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': `${demo.server.api}/keyed` });
      await tp.waitForState(noKey, 'fallback');
      const [err] = await tp.waitForEvents('dt-error', noKey);
      assertFields(err.detail, {
        kind: 'unauthorized',
        httpStatus: 401,
        message: 'Unauthorized',
        fallbackHref: 'https://tracker.delivery/#/kr.cjlogistics/1234567890',
      }, 'dt-error detail');
      const [fb] = await tp.waitForEvents('dt-fallback', noKey);
      assert.deepEqual(fb.detail, { reason: 'unauthorized', href: 'https://tracker.delivery/#/kr.cjlogistics/1234567890' });
      assert.equal(tp.apiRequests('/tracks/').length, 1);

      const keyed = await tp.create(
        { carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': `${demo.server.api}/keyed` },
        { props: { apiKey: KEY } },
      );
      await tp.waitForState(keyed, 'ready');
      const [load] = await tp.waitForEvents('dt-load', keyed);
      assert.equal(load.detail.status.code, 'DELIVERED');
      const tracks = tp.apiRequests('/tracks/');
      assert.equal(tracks.length, 2, 'the keyed element made its own request (different key, not shared)');
      assert.equal((await tracks[1].request.allHeaders()).authorization, `TRACKQL-API-KEY ${KEY}`);
      assert.equal((await tracks[0].request.allHeaders()).authorization, undefined);

      for (const r of tp.requests) assert.ok(!r.url.includes('demo-secret'), `key in a URL: ${r.url}`);
      const dom = await tp.page.evaluate(() => {
        let html = document.documentElement.outerHTML;
        for (const el of document.querySelectorAll('delivery-tracker')) html += el.shadowRoot ? el.shadowRoot.innerHTML : '';
        return html;
      });
      assert.ok(!dom.includes('demo-secret'), 'key in the DOM');
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).getAttribute('api-key'), keyed), null);
      const storage = await tp.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert.ok(!storage.includes('demo-secret'), 'key in web storage');
      assert.ok(!JSON.stringify(await tp.events()).includes('demo-secret'), 'key in an event');
      assert.ok(!tp.console.some((m) => m.text.includes('demo-secret')), 'key in the console');
    }));

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  test('lookup form without tracking-number: carriers from the API, submitting sets the attributes and loads', T, () =>
    run(async (tp) => {
      const el = await tp.create({ 'api-base': demo.server.api });
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
      assert.ok(options.find(([v]) => v === 'kr.cjlogistics')[1].includes('CJ대한통운'), 'options show carrier names');
      assert.deepEqual(tp.apiRequests().map((r) => r.url), [`${demo.server.api}/carriers`], 'only the carriers list');

      const form = tp.page.locator(`${el} form[part=form]`);
      await form.locator('select[name=carrier]').selectOption('kr.cjlogistics');
      await form.locator('input[name=tracking-number]').fill('1234567890');
      await form.getByRole('button', { name: '조회' }).click();
      await tp.waitForState(el, 'ready');
      assert.deepEqual(
        await tp.page.evaluate((sel) => {
          const e = document.querySelector(sel);
          return [e.getAttribute('carrier'), e.getAttribute('tracking-number'), e.carrier, e.trackingNumber];
        }, el),
        ['kr.cjlogistics', '1234567890', 'kr.cjlogistics', '1234567890'],
      );
      const [load] = await tp.waitForEvents('dt-load', el);
      assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890' }, 'dt-load detail');
      assert.equal(tp.apiRequests('/carriers').filter((r) => !r.url.includes('/tracks/')).length, 1, 'carriers fetched once');
      assert.equal(tp.page.url(), `${demo.server.page}blank.html`, 'submitting did not navigate');
    }));

  test('changing attributes re-renders; data resets to null at once', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await tp.waitForState(el, 'ready');
      assert.equal(await currentStage(tp, el), 4);
      const dataAfterChange = await tp.page.evaluate((sel) => {
        const e = document.querySelector(sel);
        e.setAttribute('carrier', 'kr.epost');
        e.setAttribute('tracking-number', '1111111111');
        return e.data;
      }, el);
      assert.equal(dataAfterChange, null, 'data is null once the parcel changes');
      await tp.page.waitForFunction(
        () => window.__dtEvents.some((e) => e.type === 'dt-load' && e.detail.trackingNumber === '1111111111'),
        null,
        { timeout: 10000 },
      );
      await tp.waitForState(el, 'ready');
      const loads = await tp.events('dt-load', el);
      assertFields(loads[loads.length - 1].detail, { carrier: 'kr.epost', trackingNumber: '1111111111', status: { code: 'IN_TRANSIT', text: '이동중' } }, 'second dt-load');
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).data.trackingNumber, el), '1111111111');
      assert.equal(await currentStage(tp, el), 2);
      assert.ok((await tp.text(el, '[part=status]')).includes('배송중'));
      assert.deepEqual(await linkHrefs(tp, el), ['https://tracker.delivery/#/kr.epost/1111111111']);

      // the property mirrors the attribute
      await tp.page.evaluate((sel) => {
        document.querySelector(sel).trackingNumber = '4040404040';
      }, el);
      await tp.waitForState(el, 'not-found');
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).getAttribute('tracking-number'), el), '4040404040');
    }));

  test('removing the element mid-request (9990000000) aborts it and leaves no errors', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '9990000000', 'api-base': demo.server.api });
      await tp.waitForApiRequests(1, '/tracks/9990000000', 5000);
      // The element sends its request at connect, before the wasm has mounted its view.
      await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelector('[part=base]'), el);
      assert.equal(await tp.state(el), 'loading');
      assert.equal(await tp.attr(el, '[part=base]', 'aria-busy'), 'true');
      await tp.page.evaluate((sel) => document.querySelector(sel).remove(), el);
      const deadline = Date.now() + 3000;
      while (!tp.apiRequests('/tracks/9990000000')[0].failure && Date.now() < deadline) await sleep(25);
      assert.ok(tp.apiRequests('/tracks/9990000000')[0].failure, 'the request was aborted');
      await sleep(1500);
      assert.equal(tp.apiRequests('/tracks/').length, 1, 'no retry for a removed element');
    }));

  test('refresh(): fetches again past the 30 s reuse, keeps ready and the data meanwhile, fires dt-load again', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await tp.waitForEvents('dt-load', el);
      const during = await tp.page.evaluate(async (sel) => {
        const element = document.querySelector(sel);
        const promise = element.refresh();
        const seen = { state: element.state, trackingNumber: element.data?.trackingNumber };
        const settled = await promise;
        return { ...seen, settled: settled === undefined, after: element.state };
      }, el);
      assert.deepEqual(during, { state: 'ready', trackingNumber: '1234567890', settled: true, after: 'ready' });
      await tp.waitForEvents('dt-load', el, 2);
      assert.equal(tp.apiRequests('/tracks/1234567890').length, 2);
      // The refresh button beside "updated …" does the same.
      await tp.shadow(el, (root) => root.querySelector('button[part=refresh]').click());
      await tp.waitForEvents('dt-load', el, 3);
      assert.equal(tp.apiRequests('/tracks/1234567890').length, 3);
      assert.equal(await tp.text(el, '.updated'), '방금 확인');
    }));

  test('two elements with the same parcel share one track request', T, () =>
    run(async (tp) => {
      const a = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      const b = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      await tp.waitForState(a, 'ready');
      await tp.waitForState(b, 'ready');
      await tp.waitForEvents('dt-load', a);
      await tp.waitForEvents('dt-load', b);
      assert.equal(tp.apiRequests('/tracks/1234567890').length, 1);
    }));
});
