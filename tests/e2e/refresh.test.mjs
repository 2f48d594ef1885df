// End-to-end tests of refreshing a shown result: a refresh bringing the same data changes no
// node of the timeline and keeps "show more" open, one bringing a new event adds only that
// event. Request counts are read from the fixture API's own log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, serverRequests } from './harness.mjs';

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
});
