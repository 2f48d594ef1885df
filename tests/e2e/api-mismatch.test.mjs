// End-to-end tests of what trying the widget against the real open-source v2 server showed: a
// widget set to the wrong API version, an unknown carrier while the carriers list is still on
// its way, the widget's own messages in the element's language, and a v2 answer without `data`. The fixture's /self-hosted base answers as that
// server does (docs/contract.md). Every expected value is a literal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, serverRequests, sleep } from './harness.mjs';
import { assertFields, expectFallback } from './support/assertions.mjs';
import { FALLBACK_TEXT } from './support/expected.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };

/** Records every state `sel` goes through, from now on (polled every 5 ms in the page). */
async function recordStates(tp, sel) {
  await tp.page.evaluate((sel) => {
    const seen = [];
    window.__states = seen;
    setInterval(() => {
      const state = document.querySelector(sel)?.state;
      if (state && seen[seen.length - 1] !== state) seen.push(state);
    }, 5);
  }, sel);
}

const statesSeen = (tp) => tp.page.evaluate(() => window.__states);

const GRAPHQL_ON_V1 = {
  ko: 'API가 v1 요청에 GraphQL 오류로 응답했습니다(HTTP 400). api-version 설정을 확인하세요.',
  en: 'The API answered a v1 request with a GraphQL error (HTTP 400): is api-version right?',
};
const FALLBACK = { ko: FALLBACK_TEXT, en: "Tracking details can't be loaded right now." };
const INVALID = { ko: '택배사와 운송장 번호를 확인해 주세요', en: 'Check the carrier and tracking number' };
const NOT_LISTED = {
  ko: '택배사 "xx.nope"는 지원하는 택배사 목록에 없습니다.',
  en: 'The carrier "xx.nope" is not in the API\'s carriers list.',
};
const BLANK_NUMBER = {
  ko: '운송장 번호가 비어 있거나 운송장 번호가 아닙니다.',
  en: 'The tracking number is blank or not a tracking number.',
};
const BAD_BODY = {
  ko: '배송 조회 API가 예상한 JSON이 아닌 본문으로 응답했습니다(HTTP 200).',
  en: 'The tracking API answered HTTP 200 with a body that is not the expected JSON.',
};

// The suite's tests share one fixture API, and so its request log: each language asks for
// numbers of its own.
const NUMBER = { ko: '1234567890', en: '1234567891' };

describe('API mismatches', { concurrency: 4 }, () => {
  for (const lang of ['ko', 'en']) {
    test(`api-version="v1" on a v2 server (${lang}): a bad-response fallback that says so, one console warning per page`, T, () =>
      run(async (tp) => {
        const base = `${demo.server.api}/self-hosted`;
        const a = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': NUMBER[lang], 'api-base': base, lang });
        const b = await tp.create({ carrier: 'kr.epost', 'tracking-number': '1111111111', 'api-base': base, lang });
        for (const [sel, carrier, number] of [[a, 'kr.cjlogistics', NUMBER[lang]], [b, 'kr.epost', '1111111111']]) {
          await expectFallback(
            tp,
            sel,
            { kind: 'bad-response', httpStatus: 400, message: GRAPHQL_ON_V1[lang] },
            `https://tracker.delivery/#/${carrier}/${number}`,
          );
          assert.equal(await tp.count(sel, '[part=notice]'), 0, 'the customer is not told the number is wrong');
          assert.equal(await tp.text(sel, '.fallback-message'), FALLBACK[lang]);
        }
        await sleep(1500); // a retry would have been sent by now
        const tracks = await serverRequests(demo.server.api, `/self-hosted/carriers/kr.cjlogistics/tracks/${NUMBER[lang]}`);
        assert.equal(tracks.length, 1, 'not retried');
        const warnings = tp.console.filter((m) => m.type === 'warning').map((m) => m.text);
        assert.deepEqual(warnings, [
          `<delivery-tracker>: the API at ${base} answered a v1 request with a GraphQL error: it is a v2 server, so set api-version="v2".`,
        ]);
      }));

    test(`v2 self-hosted, an unknown carrier on a cold cache (${lang}): invalid, never the fallback, no dt-fallback`, T, () =>
      run(async (tp) => {
        const base = `${demo.server.api}/self-hosted`;
        const el = await tp.create({ carrier: 'xx.nope', 'tracking-number': NUMBER[lang], 'api-base': base, 'api-version': 'v2', lang });
        await recordStates(tp, el);
        await tp.waitForState(el, 'invalid');
        const [err] = await tp.waitForEvents('dt-error', el);
        assertFields(err.detail, { kind: 'invalid', httpStatus: null, message: NOT_LISTED[lang] }, 'dt-error detail');
        await sleep(1500); // a retry would have come by now
        assert.deepEqual((await tp.events('dt-error', el)).map((e) => e.detail.kind), ['invalid']);
        assert.deepEqual(await tp.events('dt-fallback', el), [], 'no dt-fallback for a typo');
        assert.ok(!(await statesSeen(tp)).includes('fallback'), `states: ${await statesSeen(tp)}`);
        assert.equal(await tp.state(el), 'invalid');
        assert.equal(await tp.text(el, '.notice-heading'), INVALID[lang]);
        assert.equal(await tp.text(el, '.notice-message'), NOT_LISTED[lang]);
        assert.equal(await tp.count(el, 'form[part=form]'), 1, 'the form, to correct it');
        const tracks = await serverRequests(demo.server.api, `"carrierId":"xx.nope","trackingNumber":"${NUMBER[lang]}"`);
        assert.equal(tracks.length, 1, 'one track request');
      }));

    test(`a blank tracking number (${lang}): the widget's own message in the element's language, overridable`, T, () =>
      run(async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '   ', 'api-base': demo.server.api, lang });
        await tp.waitForState(el, 'invalid');
        const [err] = await tp.waitForEvents('dt-error', el);
        assertFields(err.detail, { kind: 'invalid', httpStatus: null, message: BLANK_NUMBER[lang] }, 'dt-error detail');
        assert.equal(await tp.text(el, '.notice-message'), BLANK_NUMBER[lang]);
        const custom = await tp.create(
          { carrier: 'kr.cjlogistics', 'tracking-number': '..', 'api-base': demo.server.api, lang },
          { props: { translations: { errorBlankNumber: 'Enter the number from your receipt.' } } },
        );
        await tp.waitForState(custom, 'invalid');
        assert.equal(await tp.text(custom, '.notice-message'), 'Enter the number from your receipt.');
      }));

    test(`v2, a 200 body with neither data nor errors (8888000000, ${lang}): bad-response fallback, not not-found`, T, () =>
      run(async (tp) => {
        const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '8888000000', 'api-base': demo.server.api, 'api-version': 'v2', lang });
        await expectFallback(
          tp,
          el,
          { kind: 'bad-response', httpStatus: 200, message: BAD_BODY[lang] },
          'https://tracker.delivery/#/kr.cjlogistics/8888000000',
        );
        assert.equal(await tp.count(el, '[part=notice]'), 0, 'no not-found notice');
        assert.equal(await tp.text(el, '.fallback-message'), FALLBACK[lang]);
      }));
  }
});
