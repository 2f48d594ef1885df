// End-to-end tests of the element's timers (a minute each: the API discourages polling, so
// `refresh-interval` is at least 60 s): `refresh-interval` looks the shown parcel up again after
// its interval, timed by the fixture API's own request log; and the clock keeps "updated N
// minutes ago" current while a result is shown, with no refresh.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, serverRequests, waitForServerRequests } from './harness.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 120000 };

describe('timers', { concurrency: 2 }, () => {
  test('refresh-interval="60" (1111111111): looked up again 60 s after the result, dt-load again, still ready', T, () =>
    run(async (tp) => {
      const el = await tp.create({
        carrier: 'kr.cjlogistics',
        'tracking-number': '1111111111',
        'api-base': demo.server.api,
        'refresh-interval': '60',
      });
      await tp.waitForEvents('dt-load', el);
      const [first, second] = await waitForServerRequests(demo.server.api, '/tracks/1111111111', 2, 90000);
      const gap = second.at - first.at;
      assert.ok(gap >= 60000 && gap < 75000, `the refresh came ${gap} ms after the first request`);
      await tp.waitForEvents('dt-load', el, 2);
      assert.equal(await tp.state(el), 'ready');
      assert.equal((await serverRequests(demo.server.api, '/tracks/1111111111')).length, 2, 'one refresh, no more');
    }));

  test('the clock (1234567890, no refresh-interval): "just now", then "1 min ago" once a minute has passed, with no request', T, () =>
    run(async (tp) => {
      const el = await tp.create(
        { carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'en' },
      );
      await tp.waitForEvents('dt-load', el);
      assert.equal(await tp.text(el, '.updated'), 'Checked just now');
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot.querySelector('.updated')?.textContent === 'Checked 1 min ago',
        el,
        { timeout: 90000, polling: 250 },
      );
      assert.equal((await serverRequests(demo.server.api, '/tracks/1234567890')).length, 1, 'no refresh');
    }));
});
