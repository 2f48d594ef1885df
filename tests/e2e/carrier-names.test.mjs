// End-to-end tests of carrier names: the shipped table names every carrier of the open-source
// v2 server (whose carriers list has ids only), in Korean and in English; the English UI uses the
// English names; an unknown id shows as the id; and the lookup form offers the table when the
// API's carriers list cannot be had. Every expected value is a literal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, freePort } from './harness.mjs';
import { SELF_HOSTED_CARRIER_IDS } from './support/expected.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 30000 };

/** The form's carrier options once at least `n` are there: [[value, text], …] without the prompt. */
async function carrierOptions(tp, sel, n) {
  await tp.page.waitForFunction(
    ([sel, n]) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length > n,
    [sel, n],
    { timeout: 10000 },
  );
  return tp.shadow(sel, (root) =>
    [...root.querySelectorAll('form[part=form] select[name=carrier] option')]
      .filter((o) => o.value !== '')
      .map((o) => [o.value, o.textContent.trim()]),
  );
}

// The nine carriers of the open-source server the old v1 list did not have.
const NEW_CARRIERS = {
  ko: [
    ['cn.cainiao.global', '차이냐오 글로벌'],
    ['kr.actcore.ocean-inbound', 'ACT&CORE 해상 수입'],
    ['kr.epantos', 'LX판토스'],
    ['kr.epost.ems', '우체국 EMS'],
    ['kr.goodstoluck', '굿투럭'],
    ['kr.lotte.global', '롯데글로벌로지스 국제택배'],
    ['kr.swgexp.epost', '성원글로벌카고 (우체국)'],
    ['kr.swgexp.cjlogistics', '성원글로벌카고 (CJ대한통운)'],
    ['kr.yongmalogis', '용마로지스'],
  ],
  en: [
    ['cn.cainiao.global', 'Cainiao Global'],
    ['kr.actcore.ocean-inbound', 'ACT&CORE ocean inbound'],
    ['kr.epantos', 'LX Pantos'],
    ['kr.epost.ems', 'Korea Post EMS'],
    ['kr.goodstoluck', 'Goodstoluck'],
    ['kr.lotte.global', 'Lotte Global Logistics (international)'],
    ['kr.swgexp.epost', 'Sungwon Global Cargo (Korea Post)'],
    ['kr.swgexp.cjlogistics', 'Sungwon Global Cargo (CJ Logistics)'],
    ['kr.yongmalogis', 'Yongma Logis'],
  ],
};
const CJ_NAME = { ko: 'CJ대한통운', en: 'CJ Logistics' };

describe('carrier names', { concurrency: 4 }, () => {
  for (const lang of ['ko', 'en']) {
    test(`the self-hosted server's 32 carriers all have names in the form (${lang})`, T, () =>
      run(async (tp) => {
        const el = await tp.create({ 'api-base': `${demo.server.api}/self-hosted`, 'api-version': 'v2', lang });
        const options = await carrierOptions(tp, el, 32);
        assert.deepEqual(options.map(([id]) => id).sort(), [...SELF_HOSTED_CARRIER_IDS].sort());
        assert.deepEqual(options.filter(([id, name]) => id === name), [], 'no raw id shown');
        const named = Object.fromEntries(options);
        for (const [id, name] of NEW_CARRIERS[lang]) assert.equal(named[id], name, id);
        assert.equal(named['kr.cjlogistics'], CJ_NAME[lang]);
        assert.equal(named['kr.epost'], lang === 'ko' ? '우체국 택배' : 'Korea Post');
      }));

    test(`the summary names the carrier in the element's language, data keeps the API's name (${lang})`, T, () =>
      run(async (tp) => {
        // The cloud's v1 track names its carrier in Korean ("CJ대한통운").
        const cloud = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang });
        const selfHosted = await tp.create({
          carrier: 'kr.yongmalogis',
          'tracking-number': '1234567890',
          'api-base': `${demo.server.api}/self-hosted`,
          'api-version': 'v2',
          lang,
        });
        for (const sel of [cloud, selfHosted]) await tp.waitForState(sel, 'ready');
        assert.equal(await tp.text(cloud, '.carrier-name'), CJ_NAME[lang]);
        assert.equal(await tp.text(selfHosted, '.carrier-name'), lang === 'ko' ? '용마로지스' : 'Yongma Logis');
        const [load] = await tp.waitForEvents('dt-load', cloud);
        assert.equal(load.detail.data.carrier.name, 'CJ대한통운', 'data keeps the API\'s name');
      }));

    test(`v1 lookup form without the API's carriers list: the shipped table, not a text box (${lang})`, T, () =>
      run(async (tp) => {
        const port = await freePort(); // nothing listens there: /carriers fails
        const el = await tp.create({ 'api-base': `http://127.0.0.1:${port}`, lang });
        await tp.waitForState(el, 'idle');
        const options = await carrierOptions(tp, el, 30);
        assert.equal(await tp.count(el, 'form[part=form] input[name=carrier]'), 0, 'no free-text carrier field');
        const named = Object.fromEntries(options);
        assert.equal(named['kr.cjlogistics'], CJ_NAME[lang]);
        assert.equal(named['kr.hanjin'], lang === 'ko' ? '한진택배' : 'Hanjin');
        assert.equal(named['un.upu.ems'], 'EMS');
        assert.equal(options.length, 40, 'every carrier of the table');
        const form = tp.page.locator(`${el} form[part=form]`);
        await form.locator('select[name=carrier]').selectOption('kr.hanjin');
        await form.locator('input[name=tracking-number]').fill('1234567890');
        await form.locator('button[type=submit]').click();
        assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).getAttribute('carrier'), el), 'kr.hanjin');
      }));
  }
});
