// End-to-end test of how numbers are read from attributes: one rule (a decimal number) for the
// element's properties and the widget, so `timeout="0x10"` is no number for either (JavaScript's
// `Number` would read 16). Every expected value is a literal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite } from './harness.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };

describe('numbers in attributes', () => {
  test('one rule for the property and the widget: timeout="0x10" is no number, the default applies', T, () =>
    run(async (tp) => {
      // 9980000001 answers after 1 s: a 16 ms timeout would end in the fallback.
      const el = await tp.create({
        carrier: 'kr.cjlogistics',
        'tracking-number': '9980000001',
        'api-base': demo.server.api,
        timeout: '0x10',
        'refresh-interval': '0x100',
      });
      const read = (sel) =>
        tp.page.evaluate((sel) => {
          const e = document.querySelector(sel);
          return [e.timeout, e.refreshInterval];
        }, sel);
      assert.deepEqual(await read(el), [null, null], 'not decimal numbers: the widget uses its defaults');
      await tp.waitForState(el, 'ready');
      assert.deepEqual(await tp.events('dt-error', el), [], 'the default 10 s timeout applied');
      const cases = [['1e3', 1000], [' 750 ', 750], ['+2500', 2500], ['.5', 0.5], ['1,000', null], ['Infinity', null], ['', null]];
      const got = await tp.page.evaluate((cases) => {
        const probe = document.createElement('delivery-tracker');
        probe.setAttribute('mode', 'link');
        return cases.map(([text]) => {
          probe.setAttribute('timeout', text);
          return probe.timeout;
        });
      }, cases);
      assert.deepEqual(got, cases.map(([, number]) => number));
    }));
});
