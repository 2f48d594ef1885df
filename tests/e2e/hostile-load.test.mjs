// Issue #7, races, lifecycle and request storms: rapid attribute changes render exactly the last
// one with at most one request in flight; removing, moving and re-adding an element mid-request
// works without errors or a second shadow root; with the server down, rate limiting or failing,
// 100 elements for 100 numbers keep to the spec's retry rules (counted and timed).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, sleep, freePort } from './harness.mjs';
import { assertFields } from './support/assertions.mjs';
import { callTimes, defaultLink, fetchStats, trackRequests, waitForCount, watchTrackFetches } from './support/hostile.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 45000 };

/** `998…` numbers answer after 1 s: long enough to change or move the element meanwhile. */
const slow = (i) => `998${String(i).padStart(7, '0')}`;
/** `997…` numbers answer after 5 s: time to set up several elements and move them while loading. */
const slower = (i) => `997${String(i).padStart(7, '0')}`;

/** The widget's own console warnings (an internal error is caught and warned about). */
const widgetWarnings = (tp) => tp.console.filter((m) => m.type === 'warning' && m.text.includes('<delivery-tracker>'));

/** The element has its one shadow root (the one remembered as window.__roots[id]) and one base. */
async function assertOneShadowRoot(tp, sel) {
  const { same, bases, roots } = await tp.page.evaluate((sel) => {
    const el = document.querySelector(sel) ?? window.__detached?.[sel];
    return {
      same: el.shadowRoot === window.__roots[el.id],
      bases: el.shadowRoot.querySelectorAll('[part=base]').length,
      roots: el.shadowRoot.querySelectorAll('.root').length,
    };
  }, sel);
  assert.deepEqual({ same, bases, roots }, { same: true, bases: 1, roots: 1 }, `${sel}: one shadow root, one rendering`);
}

async function rememberShadowRoot(tp, sel) {
  await tp.page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot, sel, { timeout: 10000 });
  await tp.page.evaluate((sel) => {
    const el = document.querySelector(sel);
    window.__roots ??= {};
    window.__roots[el.id] = el.shadowRoot;
  }, sel);
}

describe('races and lifecycle', { concurrency: 4 }, () => {
  test('100 rapid changes of tracking-number: only the last renders, at most one request in flight', T, () =>
    run(async (tp) => {
      await watchTrackFetches(tp);
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': slow(0), 'api-base': demo.server.api }, { id: 'rapid' });
      await waitForCount(() => trackRequests(tp, demo.server.api).length, 1, 'the first request');
      await tp.page.evaluate(async ([sel, numbers]) => {
        const el = document.querySelector(sel);
        for (const number of numbers) {
          el.setAttribute('tracking-number', number);
          await new Promise((resolve) => setTimeout(resolve, 8));
        }
      }, [el, Array.from({ length: 100 }, (_, i) => slow(i + 1))]);
      await tp.waitForState(el, 'ready');
      await sleep(1200); // any late answer would have arrived
      const loads = await tp.events('dt-load', el);
      assert.deepEqual(loads.map((e) => e.detail.trackingNumber), ['9980000100'], 'one dt-load, for the last number');
      assert.deepEqual(await tp.events('dt-error', el), [], 'aborted requests report nothing');
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).data.trackingNumber, el), '9980000100');
      assert.ok((await tp.text(el, '[part=summary]')).includes('9980000100'), 'the summary shows the last number');
      assert.deepEqual(await tp.attrs(el, 'a[part=link]', 'href'), [defaultLink('kr.cjlogistics', '9980000100')]);
      const stats = await fetchStats(tp);
      assert.equal(stats.maxInFlight, 1, `at most one track request in flight (${stats.started.length} started)`);
      assert.ok(trackRequests(tp, demo.server.api).length <= 101, `${trackRequests(tp, demo.server.api).length} requests for 101 numbers`);
      assert.deepEqual(widgetWarnings(tp), []);
    }));

  test('100 changes of every parcel attribute in one go: exactly the last combination renders', T, () =>
    run(async (tp) => {
      await watchTrackFetches(tp);
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api }, { id: 'burst' });
      await tp.waitForState(el, 'ready');
      await tp.page.evaluate((sel) => {
        const el = document.querySelector(sel);
        const carriers = ['kr.epost', 'kr.cjlogistics', 'kr.hanjin', 'xx.nowhere'];
        const numbers = ['2222222222', '4040404040', '9980000001', '5000000000', '1111111111'];
        for (let i = 0; i < 100; i++) {
          const attribute = ['carrier', 'tracking-number', 'api-version', 'mode', 'lang'][i % 5];
          const value = {
            carrier: carriers[i % 4],
            'tracking-number': numbers[i % 5],
            'api-version': i % 2 ? 'v2' : 'v1',
            mode: ['full', 'link', 'compact'][i % 3],
            lang: i % 2 ? 'en' : 'ko',
          }[attribute];
          el.setAttribute(attribute, value);
        }
        // The last five changes, one per attribute:
        el.setAttribute('carrier', 'kr.epost');
        el.setAttribute('tracking-number', '1111111111');
        el.setAttribute('api-version', 'v2');
        el.setAttribute('mode', 'compact');
        el.setAttribute('lang', 'en');
      }, el);
      await tp.page.waitForFunction(
        (sel) => window.__dtEvents.some((e) => `#${e.id}` === sel && e.type === 'dt-load' && e.detail.trackingNumber === '1111111111'),
        el,
        { timeout: 10000 },
      );
      await tp.waitForState(el, 'ready');
      await sleep(1200); // a request for 9980000001 would have answered
      const loads = await tp.events('dt-load', el);
      assertFields(loads[loads.length - 1].detail, { carrier: 'kr.epost', trackingNumber: '1111111111', status: { code: 'IN_TRANSIT', text: '발송' } }, 'the last dt-load');
      assert.equal(loads.length, 2, 'the first parcel and the last combination, nothing in between');
      assert.deepEqual((await tp.events('dt-error', el)).map((e) => e.detail.kind), [], 'no error from an abandoned combination');
      assert.ok((await tp.text(el, '[part=status]')).includes('In transit'), 'English');
      assert.equal(await tp.count(el, '[part=stages]'), 0, 'compact');
      assert.deepEqual(await tp.attrs(el, 'a[part=link]', 'href'), [defaultLink('kr.epost', '1111111111')]);
      const last = trackRequests(tp, demo.server.api).at(-1);
      assert.equal(last.method, 'POST', 'the last request is v2');
      assert.ok(last.request.postData().includes('"trackingNumber":"1111111111"'));
      assert.equal((await fetchStats(tp)).maxInFlight, 1, 'at most one track request in flight');
    }));

  test('removed mid-request and added back, moved elsewhere, moved into a shadow root: each ends ready', T, () =>
    run(async (tp) => {
      await tp.page.evaluate(() => {
        for (const id of ['elsewhere', 'host']) {
          const div = document.createElement('div');
          div.id = id;
          document.body.append(div);
        }
        document.querySelector('#host').attachShadow({ mode: 'open' }).innerHTML = '<section id="inner"></section>';
      });
      const readd = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': slower(201), 'api-base': demo.server.api }, { id: 'readd' });
      const moved = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': slower(202), 'api-base': demo.server.api }, { id: 'moved' });
      const shadowed = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': slower(203), 'api-base': demo.server.api }, { id: 'shadowed' });
      for (const sel of [readd, moved, shadowed]) await rememberShadowRoot(tp, sel);
      await waitForCount(() => trackRequests(tp, demo.server.api).length, 3, 'the three requests');
      const started = Date.now();
      const statesWhenMoved = await tp.page.evaluate(() => {
        const states = ['#readd', '#moved', '#shadowed'].map((sel) => document.querySelector(sel).state);
        const readd = document.querySelector('#readd');
        readd.remove();
        document.body.append(readd);
        document.querySelector('#elsewhere').append(document.querySelector('#moved'));
        window.__detached = { '#shadowed': document.querySelector('#shadowed') };
        document.querySelector('#host').shadowRoot.querySelector('#inner').append(document.querySelector('#shadowed'));
        return states;
      });
      assert.deepEqual(statesWhenMoved, ['loading', 'loading', 'loading'], 'moved while the requests were in flight');
      await tp.waitForState(readd, 'ready');
      await tp.waitForState(moved, 'ready');
      await tp.page.waitForFunction(() => window.__detached['#shadowed'].state === 'ready', null, { timeout: 10000 });
      await sleep(500);
      await assertOneShadowRoot(tp, readd);
      await assertOneShadowRoot(tp, moved);
      await assertOneShadowRoot(tp, '#shadowed');
      for (const [sel, number] of [[readd, slower(201)], [moved, slower(202)]]) {
        const loads = await tp.events('dt-load', sel);
        const requests = trackRequests(tp, demo.server.api, { number }).map((r) => `${r.at - started} ms ${r.failure ?? 'answered'}`);
        assert.deepEqual(
          loads.map((e) => e.detail.trackingNumber),
          [number],
          `${sel}: one dt-load (requests: ${requests.join(', ')}; events: ${(await tp.events(null, sel)).map((e) => `${e.type} ${Math.round(e.at)}`)})`,
        );
        assert.deepEqual(await tp.events('dt-error', sel), [], `${sel}: the abandoned request reports nothing`);
        assert.equal(await tp.count(sel, 'li[part=event]'), 5, `${sel}: rendered`);
      }
      assert.equal(
        await tp.page.evaluate(() => window.__detached['#shadowed'].shadowRoot.querySelectorAll('li[part=event]').length),
        5,
        'rendered inside the other shadow root',
      );
      assert.deepEqual(widgetWarnings(tp), [], 'no internal error');
    }));

  test('removed and added back 40 times, then again once ready: no second shadow root, no request storm', T, () =>
    run(async (tp) => {
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': slow(301), 'api-base': demo.server.api }, { id: 'flicker' });
      await rememberShadowRoot(tp, el);
      await tp.page.evaluate(async (sel) => {
        const el = document.querySelector(sel);
        for (let i = 0; i < 20; i++) {
          el.remove();
          document.body.append(el);
        }
        for (let i = 0; i < 20; i++) {
          el.remove();
          await new Promise((resolve) => setTimeout(resolve, 5));
          document.body.append(el);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }, el);
      await tp.waitForState(el, 'ready');
      await assertOneShadowRoot(tp, el);
      const before = trackRequests(tp, demo.server.api).length;
      assert.ok(before <= 41, `${before} requests for 41 connections`);
      // Once ready, the result is reused for 30 seconds: re-adding renders it without a request.
      await tp.page.evaluate((sel) => {
        const el = document.querySelector(sel);
        el.remove();
        document.body.append(el);
      }, el);
      await tp.waitForState(el, 'ready');
      await sleep(400);
      assert.equal(trackRequests(tp, demo.server.api).length, before, 'the result was reused');
      assert.equal(await tp.count(el, 'li[part=event]'), 5);
      await assertOneShadowRoot(tp, el);
      const loads = await tp.events('dt-load', el);
      assert.ok(loads.length >= 1 && loads.every((e) => e.detail.trackingNumber === slow(301)));
      assert.deepEqual(await tp.events('dt-error', el), []);
      assert.deepEqual(widgetWarnings(tp), [], 'no internal error');
    }));

  test('an element removed mid-request stays silent: no events, no retry, its request aborted', T, () =>
    run(async (tp) => {
      const gone = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': slow(401), 'api-base': demo.server.api }, { id: 'gone' });
      const down = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5000000000', 'api-base': demo.server.api }, { id: 'gone-down' });
      await waitForCount(() => trackRequests(tp, demo.server.api, { number: slow(401) }).length, 1, 'the request');
      await tp.page.evaluate(() => document.querySelector('#gone').remove());
      await tp.waitForEvents('dt-fallback', down);
      await tp.page.evaluate(() => document.querySelector('#gone-down').remove()); // before its retry
      await sleep(2000);
      assert.deepEqual(await tp.events(null, gone), [], 'no event from a removed element');
      assert.deepEqual((await tp.events(null, down)).map((e) => e.type), ['dt-error', 'dt-fallback'], 'nothing after removal');
      assert.equal(trackRequests(tp, demo.server.api, { number: '5000000000' }).length, 1, 'no retry for a removed element');
      const [request] = trackRequests(tp, demo.server.api, { number: slow(401) });
      assert.ok(request.failure, "the removed element's request was aborted");
    }));
});

describe('no request storms', { concurrency: 3 }, () => {
  /** 100 elements for 100 numbers; returns their selectors. */
  async function hundred(tp, base, numberOf, id) {
    const sels = await tp.page.evaluate(
      ([base, numbers, id]) =>
        numbers.map((number, i) => {
          const el = document.createElement('delivery-tracker');
          el.id = `${id}${i}`;
          el.setAttribute('carrier', 'kr.cjlogistics');
          el.setAttribute('tracking-number', number);
          el.setAttribute('api-base', base);
          document.body.append(el);
          return `#${el.id}`;
        }),
      [base, Array.from({ length: 100 }, (_, i) => numberOf(i)), id],
    );
    return sels;
  }

  /**
   * Each number was asked exactly twice (counted on the network), the second time `minGap`…
   * `maxGap` ms after the first (timed by the page's clock, as the widget called fetch).
   */
  async function assertTwiceEach(tp, origin, numbers, minGap, maxGap) {
    const all = trackRequests(tp, origin);
    assert.ok(all.length <= 200, `${all.length} requests for 100 elements`);
    const times = callTimes(await fetchStats(tp));
    const problems = [];
    for (const number of numbers) {
      const asked = trackRequests(tp, origin, { number }).length;
      if (asked !== 2) problems.push(`${number}: ${asked} requests`);
      const called = times[number] ?? [];
      if (called.length !== 2) {
        problems.push(`${number}: fetch called ${called.length} times`);
        continue;
      }
      const gap = Math.round(called[1] - called[0]);
      if (gap < minGap || gap > maxGap) problems.push(`${number}: retried after ${gap} ms`);
    }
    assert.deepEqual(problems, [], 'one attempt and one retry each, after the backoff');
  }

  test('server down: 100 elements, 100 numbers, at most 200 requests, retries about a second later', T, () =>
    run(async (tp) => {
      await watchTrackFetches(tp);
      const port = await freePort(); // nothing listens there
      const dead = `http://127.0.0.1:${port}`;
      const numbers = Array.from({ length: 100 }, (_, i) => `11${String(i).padStart(8, '0')}`);
      const sels = await hundred(tp, dead, (i) => numbers[i], 'dead');
      await waitForCount(() => trackRequests(tp, dead).length, 200, 'attempts and retries', 15000);
      await sleep(2500);
      await assertTwiceEach(tp, dead, numbers, 800, 5000);
      for (const sel of [sels[0], sels[99]]) {
        assert.equal(await tp.state(sel), 'fallback');
        const [err] = await tp.events('dt-error', sel);
        assertFields(err.detail, { kind: 'unavailable', httpStatus: null }, `${sel} dt-error`);
      }
      const states = await tp.page.evaluate(() => [...document.querySelectorAll('delivery-tracker')].map((e) => e.state));
      assert.deepEqual([...new Set(states)], ['fallback']);
    }));

  test('every answer a 502 (502…): 100 elements, exactly one retry each', T, () =>
    run(async (tp) => {
      await watchTrackFetches(tp);
      const numbers = Array.from({ length: 100 }, (_, i) => `502${String(i).padStart(7, '0')}`);
      await hundred(tp, demo.server.api, (i) => numbers[i], 'bad-gateway');
      await waitForCount(() => trackRequests(tp, demo.server.api).length, 200, 'attempts and retries', 15000);
      await sleep(2500);
      await assertTwiceEach(tp, demo.server.api, numbers, 800, 5000);
      const [err] = await tp.events('dt-error', '#bad-gateway0');
      assertFields(err.detail, { kind: 'unavailable', httpStatus: 502 }, 'dt-error');
    }));

  test('429 with a readable Retry-After: 2 (4292…): 100 elements, each retried once, after 2 s', T, () =>
    run(async (tp) => {
      await watchTrackFetches(tp);
      const numbers = Array.from({ length: 100 }, (_, i) => `4292${String(i).padStart(6, '0')}`);
      await hundred(tp, demo.server.api, (i) => numbers[i], 'limited');
      await waitForCount(() => trackRequests(tp, demo.server.api).length, 200, 'attempts and retries', 15000);
      await sleep(3000);
      await assertTwiceEach(tp, demo.server.api, numbers, 1900, 6000);
      const [err] = await tp.events('dt-error', '#limited0');
      assertFields(err.detail, { kind: 'rate-limited', httpStatus: 429 }, 'dt-error');
      const states = await tp.page.evaluate(() => [...document.querySelectorAll('delivery-tracker')].map((e) => e.state));
      assert.deepEqual([...new Set(states)], ['fallback']);
    }));
});
