// End-to-end tests of refreshing a shown result: a refresh bringing the same data changes no
// node of the timeline and keeps "show more" open, one bringing a new event adds only that
// event; refreshes ask HTTP caches to revalidate (the first load does not); and an answer a
// proxy served from its cache because the API could not serve (marked stale) is shown as such,
// in Korean and in English. Request headers are read from the fixture API's own log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, serverRequests } from './harness.mjs';
import { assertFields } from './support/assertions.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };

const eventCount = (tp, sel, n) =>
  tp.page.waitForFunction(
    ([sel, n]) => document.querySelector(sel).shadowRoot.querySelectorAll('li[part=event]').length === n,
    [sel, n],
    { timeout: 10000 },
  );

/** Opens "show more" and waits for `n` events. */
async function showAll(tp, sel, n) {
  await tp.page.locator(`${sel} button[part=more]`).click();
  await eventCount(tp, sel, n);
  assert.equal(await tp.attr(sel, 'button[part=more]', 'aria-expanded'), 'true');
}

/**
 * Keeps the timeline's nodes in the page (`window.__held`) and starts counting the mutations of
 * its subtree (`window.__mutations`).
 */
async function holdTimeline(tp, sel) {
  await tp.page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const timeline = root.querySelector('ol[part=timeline]');
    window.__held = {
      timeline,
      more: root.querySelector('button[part=more]'),
      days: [...timeline.querySelectorAll(':scope > li')],
      events: [...timeline.querySelectorAll('li[part=event]')],
    };
    window.__mutations = [];
    new MutationObserver((records) => window.__mutations.push(...records.map((r) => r.type))).observe(timeline, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }, sel);
}

/** Refreshes `sel` and waits for its `loads`-th dt-load. */
async function refresh(tp, sel, loads) {
  await tp.page.evaluate((sel) => document.querySelector(sel).refresh(), sel);
  await tp.waitForEvents('dt-load', sel, loads);
}

describe('refresh', { concurrency: 4 }, () => {
  test('the same data (4500000000, 45 events): "show more" stays open, no timeline node changes', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4500000000', 'api-base': demo.server.api });
      await tp.waitForEvents('dt-load', el);
      await showAll(tp, el, 45);
      await holdTimeline(tp, el);
      await refresh(tp, el, 2);
      await refresh(tp, el, 3);
      assert.equal((await serverRequests(demo.server.api, '/tracks/4500000000')).length, 3, 'fetched three times');
      const kept = await tp.shadow(el, (root) => {
        const held = window.__held;
        const timeline = root.querySelector('ol[part=timeline]');
        const events = [...timeline.querySelectorAll('li[part=event]')];
        return {
          timeline: timeline === held.timeline,
          more: root.querySelector('button[part=more]') === held.more,
          events: events.length,
          sameEvents: events.every((node, i) => node === held.events[i]),
          mutations: window.__mutations.length,
        };
      });
      assert.deepEqual(kept, { timeline: true, more: true, events: 45, sameEvents: true, mutations: 0 });
      assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true', 'still open');
      assert.equal(await tp.text(el, 'button[part=more]'), '접기');
    }));

  test('a new event (4600000001: 45 events, then 46): only its nodes are added, "show more" stays open', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4600000001', 'api-base': demo.server.api });
      await tp.waitForEvents('dt-load', el);
      await showAll(tp, el, 45);
      await holdTimeline(tp, el);
      await refresh(tp, el, 2);
      await eventCount(tp, el, 46);
      const after = await tp.shadow(el, (root) => {
        const held = window.__held;
        const timeline = root.querySelector('ol[part=timeline]');
        const days = [...timeline.querySelectorAll(':scope > li')];
        const events = [...timeline.querySelectorAll('li[part=event]')];
        return {
          timeline: timeline === held.timeline,
          newDay: !held.days.includes(days[0]),
          oldDays: days.slice(1).every((node, i) => node === held.days[i]),
          newEvent: !held.events.includes(events[0]),
          oldEvents: events.slice(1).every((node, i) => node === held.events[i]),
          newest: events[0].querySelector('time').getAttribute('datetime'),
        };
      });
      assert.deepEqual(after, {
        timeline: true,
        newDay: true,
        oldDays: true,
        newEvent: true,
        oldEvents: true,
        newest: '2025-01-12T00:15:00+09:00',
      });
      assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true');
      const [, load] = await tp.events('dt-load', el);
      assert.equal(load.detail.data.events.length, 46);
    }));

  // `cache: "no-cache"` makes the browser revalidate with any HTTP cache on the way; the Fetch
  // standard has it say so with `Cache-Control: max-age=0` (`Pragma: no-cache` is for
  // `no-store` and `reload`, which would not let a cache answer 304).
  test('a refresh revalidates (Cache-Control: max-age=0), the first load does not: v1 and v2', T, () =>
    run(async (tp) => {
      const v1 = await tp.create({ carrier: 'kr.epost', 'tracking-number': '1111111111', 'api-base': demo.server.api });
      const v2 = await tp.create({ carrier: 'kr.hanjin', 'tracking-number': '1111111111', 'api-base': demo.server.api, 'api-version': 'v2' });
      for (const sel of [v1, v2]) {
        await tp.waitForEvents('dt-load', sel);
        await refresh(tp, sel, 2);
      }
      const cacheHeaders = (requests) => requests.map((r) => [r.cacheControl, r.pragma]);
      assert.deepEqual(cacheHeaders(await serverRequests(demo.server.api, '/carriers/kr.epost/tracks/1111111111')), [
        [null, null],
        ['max-age=0', null],
      ]);
      assert.deepEqual(cacheHeaders(await serverRequests(demo.server.api, '"carrierId":"kr.hanjin"')), [
        [null, null],
        ['max-age=0', null],
      ]);
    }));

  const STALE = {
    ko: { checked: '마지막 확인: 2024. 4. 26. 오전 9:30', note: '지금은 새 정보를 불러올 수 없어 최신 정보가 아닐 수 있습니다.' },
    en: { checked: 'Last checked Apr 26, 2024, 9:30 AM', note: "New details can't be loaded right now, so this may be out of date." },
  };
  for (const version of ['v1', 'v2']) {
    for (const lang of ['ko', 'en']) {
      test(`an answer a proxy marked stale (8887000000, ${version}, ${lang}): ready, when it was checked, that it may be out of date`, T, () =>
        run(
          async (tp) => {
            const attrs = { carrier: 'kr.cjlogistics', 'api-base': demo.server.api, 'api-version': version, lang };
            const stale = await tp.create({ ...attrs, 'tracking-number': '8887000000' });
            const fresh = await tp.create({ ...attrs, 'tracking-number': '1234567890' });
            await tp.waitForState(stale, 'ready');
            const [load] = await tp.waitForEvents('dt-load', stale);
            assertFields(load.detail, {
              carrier: 'kr.cjlogistics',
              trackingNumber: '8887000000',
              status: { code: 'DELIVERED', text: '배송완료' },
              stale: true,
              fetchedAt: '2024-04-26T09:30:00+09:00',
            }, 'dt-load detail');
            assertFields(load.detail.data, { stale: true, fetchedAt: '2024-04-26T09:30:00+09:00', stage: 5 }, 'data');
            const data = await tp.page.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).data)), stale);
            assert.deepEqual(data, load.detail.data, 'el.data is dt-load detail.data');
            assert.equal(await tp.text(stale, '[part=summary] .updated'), STALE[lang].checked);
            assert.equal(await tp.text(stale, '[part=summary] .stale'), STALE[lang].note);
            assert.deepEqual(await tp.events('dt-fallback'), [], 'not the fallback');

            const [freshLoad] = await tp.waitForEvents('dt-load', fresh);
            assertFields(freshLoad.detail, { stale: false, fetchedAt: null }, 'fresh dt-load detail');
            assertFields(freshLoad.detail.data, { stale: false, fetchedAt: null }, 'fresh data');
            assert.equal(await tp.count(fresh, '.stale'), 0);
            assert.equal(await tp.text(fresh, '.updated'), lang === 'ko' ? '방금 확인' : 'Checked just now');
          },
          { timezoneId: 'Asia/Seoul' },
        ));
    }
  }
});
