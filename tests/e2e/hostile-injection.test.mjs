// Issue #7, injection and secrets: HTML and script payloads in every text field of both API
// versions, in carrier names, phone numbers and error messages; none executes, none becomes
// markup, and a phone number becomes a tel: link only when it is + and digits. With apiKey set,
// the key is found only in the Authorization header.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, sleep } from './harness.mjs';
import { assertFields } from './support/assertions.mjs';
import { KEY } from './support/expected.mjs';
import { defaultLink, injectedMarkup, serialisedDom } from './support/hostile.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 40000 };

// demo/src/hostile.rs PAYLOAD: every payload field of 6661000000 is this plus its path.
const PAYLOAD =
  '<img src=x onerror="window.__xss=1">' +
  '<script>window.__xss=1</script>' +
  '<svg onload="window.__xss=1"></svg>' +
  '<a href="javascript:window.__xss=1">x</a>' +
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>' +
  '<style>*{display:none!important}</style>' +
  '&lt;b&gt;';

/** Opens every "show more", waits for payloads to have a chance to run, then checks for markup. */
async function assertInert(tp, sels) {
  for (const sel of sels) {
    if (await tp.count(sel, 'button[part=more]')) await tp.page.locator(`${sel} button[part=more]`).click();
  }
  await sleep(400); // an <img onerror> or <svg onload> would have run by now
  for (const sel of sels) assert.deepEqual(await injectedMarkup(tp, sel), [], `${sel}: payloads stayed text`);
  assert.equal(await tp.page.evaluate(() => typeof window.__xss), 'undefined', 'no payload ran');
}

/** Each of `texts` is in the element's text, verbatim. */
async function assertShown(tp, sel, texts) {
  const text = await tp.text(sel);
  const missing = texts.filter((t) => !text.includes(t));
  assert.deepEqual(missing, [], `${sel}: shown as text (text: ${text.slice(0, 300)}…)`);
}

describe('injection', { concurrency: 4 }, () => {
  test('v1: a payload in every text field (6661000000) is shown as text, never as markup', T, () =>
    run(async (tp) => {
      const full = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '6661000000', 'api-base': demo.server.api });
      const compact = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '6661000000', 'api-base': demo.server.api, mode: 'compact' });
      await tp.waitForState(full, 'ready');
      await tp.waitForState(compact, 'ready');
      const [load] = await tp.waitForEvents('dt-load', full);
      assertFields(load.detail.data.carrier, { name: `${PAYLOAD}carrier.name` }, 'data.carrier');
      assert.equal(load.detail.data.events[2].description, `${PAYLOAD}progresses.2.description`, 'the data keeps the text as sent');
      await assertInert(tp, [full, compact]);
      await assertShown(tp, full, [
        `${PAYLOAD}carrier.name`,
        `${PAYLOAD}state.text`,
        `${PAYLOAD}from.name`,
        `${PAYLOAD}to.name`,
        ...[0, 1, 2].flatMap((i) => ['time', 'status.text', 'location.name', 'description'].map((f) => `${PAYLOAD}progresses.${i}.${f}`)),
      ]);
      // Compact is one line: the status and when (issue 12).
      await assertShown(tp, compact, [`${PAYLOAD}state.text`, `${PAYLOAD}progresses.2.time`]);
      assert.equal(await tp.count(full, 'a[href^="tel:"]'), 0, 'a phone number that is a payload is no link');
      assert.deepEqual(await tp.attrs(full, 'a[part=link]', 'href'), [defaultLink('kr.cjlogistics', '6661000000')]);
    }));

  test('v2: a payload in every text field (6661000000) is shown as text, never as markup', T, () =>
    run(async (tp) => {
      const attrs = { carrier: 'kr.cjlogistics', 'tracking-number': '6661000000', 'api-base': demo.server.api, 'api-version': 'v2' };
      const full = await tp.create(attrs);
      const compact = await tp.create({ ...attrs, mode: 'compact' });
      await tp.waitForState(full, 'ready');
      await tp.waitForState(compact, 'ready');
      await assertInert(tp, [full, compact]);
      await assertShown(tp, full, [
        `${PAYLOAD}lastEvent.status.name`,
        `${PAYLOAD}sender.name`,
        `${PAYLOAD}recipient.name`,
        ...[0, 1, 2].flatMap((i) => ['time', 'status.name', 'location.name', 'description'].map((f) => `${PAYLOAD}events.${i}.${f}`)),
      ]);
      await assertShown(tp, compact, [`${PAYLOAD}lastEvent.status.name`]);
      assert.deepEqual(await tp.attrs(full, 'a[part=link]', 'href'), [defaultLink('kr.cjlogistics', '6661000000')]);
    }));

  test('the old payload fixture (6660000000) in both versions, and payloads in not-found messages (6663000000)', T, () =>
    run(async (tp) => {
      const sels = [];
      for (const version of ['v1', 'v2']) {
        for (const number of ['6660000000', '6663000000']) {
          sels.push(await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api, 'api-version': version }));
        }
      }
      await tp.waitForState(sels[0], 'ready');
      await tp.waitForState(sels[2], 'ready');
      await tp.waitForState(sels[1], 'not-found');
      await tp.waitForState(sels[3], 'not-found');
      await assertInert(tp, sels);
      for (const sel of [sels[1], sels[3]]) {
        assert.ok((await tp.text(sel, '[part=notice]')).includes(`${PAYLOAD}message`), `${sel}: the API's message as text`);
        const [err] = await tp.waitForEvents('dt-error', sel);
        assertFields(err.detail, { kind: 'not-found', message: `${PAYLOAD}message` }, `${sel} dt-error`);
      }
      for (const sel of [sels[0], sels[2]]) {
        await assertShown(tp, sel, ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">']);
      }
    }));

  test('the /hostile base: payloads in carrier names and phone numbers; tel: only for + and digits', T, () =>
    run(async (tp) => {
      const base = `${demo.server.api}/hostile`;
      // carrier → the name it shows (from the track's carrier or the list) and its tel: links
      const cases = [
        ['kr.cjlogistics', '1234567890', 'v1', '"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>CJ대한통운', ['tel:+8215881255']],
        ['kr.epost', '1234567890', 'v1', '<img src=x onerror="window.__xss=1">우체국 택배', []], // tel javascript:…
        ['kr.hanjin', '1234567890', 'v1', '<script>window.__xss=1</script>한진택배', []], // tel +82<img …>
        ['kr.lotte', '1234567890', 'v1', '<svg onload="window.__xss=1"></svg>롯데택배', []], // tel +8215882121" onclick=…
        ['kr.logen', '1234567890', 'v1', '<a href="javascript:window.__xss=1">x</a>로젠택배', []], // tel tel:+8215889988
        ['kr.cjlogistics', '6662000000', 'v1', '"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>CJ대한통운', ['tel:+8215881255']], // from the list
        ['kr.epost', '1234567890', 'v2', '<img src=x onerror="window.__xss=1">우체국 택배', null],
        ['de.dhl', '1234567890', 'v2', '<b onmouseover="window.__xss=1">!</b>DHL', null],
      ];
      const sels = [];
      for (const [carrier, number, version] of cases) {
        sels.push(await tp.create({ carrier, 'tracking-number': number, 'api-base': base, 'api-version': version }));
      }
      const form = await tp.create({ 'api-base': base });
      for (const sel of sels) await tp.waitForState(sel, 'ready');
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('select[name=carrier] option').length >= 29,
        form,
        { timeout: 10000 },
      );
      await assertInert(tp, [...sels, form]);
      for (const [i, [carrier, number, version, name, tels]] of cases.entries()) {
        const sel = sels[i];
        assert.ok((await tp.text(sel, '[part=summary]')).includes(name), `${carrier} ${version}: the name as text: ${await tp.text(sel, '[part=summary]')}`);
        if (tels) assert.deepEqual(await tp.attrs(sel, 'a[href^="tel:"]', 'href'), tels, `${carrier} ${number}: tel: links`);
        assert.deepEqual(await tp.attrs(sel, 'a[part=link]', 'href'), [defaultLink(carrier, number)]);
      }
      const options = await tp.shadow(form, (root) => [...root.querySelectorAll('select[name=carrier] option')].map((o) => [o.value, o.textContent]));
      const epost = options.find(([v]) => v === 'kr.epost');
      assert.ok(epost && epost[1].includes('<img src=x onerror="window.__xss=1">우체국 택배'), `the form shows the name as text: ${JSON.stringify(epost)}`);
      assert.equal(await tp.count(form, 'option *'), 0, 'no markup inside the options');
    }));

  test('apiKey: found only in the Authorization header (DOM, attributes, events, console, storage, URLs, bodies)', T, () =>
    run(async (tp) => {
      const WRONG = 'demo-client:wrong-secret-7Q';
      const base = `${demo.server.api}/keyed`;
      const keyed = { props: { apiKey: KEY } };
      const els = {
        v1: await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': base }, keyed),
        v2: await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': base, 'api-version': 'v2' }, keyed),
        down: await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '5000000000', 'api-base': base }, keyed),
        missing: await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '4040404040', 'api-base': base, 'api-version': 'v2' }, keyed),
        form: await tp.create({ 'api-base': base }, keyed),
        wrong: await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1111111111', 'api-base': base }, { props: { apiKey: WRONG } }),
      };
      // The key set after connecting too.
      const late = await tp.create({ carrier: 'kr.epost', 'tracking-number': '1111111111', 'api-base': base, 'api-version': 'v2' });
      await tp.page.evaluate(([sel, key]) => { document.querySelector(sel).apiKey = key; }, [late, KEY]);
      await tp.waitForState(els.v1, 'ready');
      await tp.waitForState(els.v2, 'ready');
      await tp.waitForState(late, 'ready');
      await tp.waitForState(els.missing, 'not-found');
      await tp.waitForState(els.wrong, 'fallback');
      const [wrongErr] = await tp.waitForEvents('dt-error', els.wrong);
      assertFields(wrongErr.detail, { kind: 'unauthorized', httpStatus: 401 }, 'wrong key dt-error');
      await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('select[name=carrier] option').length >= 29, els.form);
      await tp.page.evaluate((sel) => document.querySelector(sel).refresh(), els.v1);
      await tp.waitForState(els.down, 'fallback');
      await sleep(1800); // the retry of the 500
      await tp.page.evaluate(() => console.log('end of the test'));

      const secrets = ['demo-secret', Buffer.from(KEY).toString('base64'), 'wrong-secret-7Q', Buffer.from(WRONG).toString('base64')];
      const found = new Set();
      const scan = (where, text) => {
        if (typeof text === 'string' && secrets.some((s) => text.includes(s))) found.add(where);
      };
      scan('DOM and attributes', await serialisedDom(tp));
      scan('element properties', await tp.page.evaluate(() => JSON.stringify([...document.querySelectorAll('delivery-tracker')].map((e) => ({ data: e.data, state: e.state, attrs: e.getAttributeNames() })))));
      scan('events', JSON.stringify(await tp.events()));
      for (const m of tp.console) scan(`console.${m.type}`, m.text);
      for (const e of tp.pageErrors) scan('page errors', e);
      scan('storage, cookies, title, name, history', await tp.page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, document.title, window.name, history.state, location.href])));
      scan('performance entries', await tp.page.evaluate(() => JSON.stringify(performance.getEntries().map((e) => e.name))));
      let authorized = 0;
      for (const r of tp.requests) {
        scan('request URLs', r.url);
        scan('request bodies', r.request.postData() || '');
        const headers = await r.request.allHeaders();
        for (const [name, value] of Object.entries(headers)) {
          if (name === 'authorization') {
            scan('the Authorization header', value);
            if (value === `TRACKQL-API-KEY ${KEY}`) authorized++;
          } else {
            scan(`the ${name} header`, value);
          }
        }
      }
      assert.deepEqual([...found], ['the Authorization header'], 'where the key was found');
      assert.ok(tp.console.some((m) => m.text === 'end of the test'), 'the console was recorded');
      // v1 and v1 refresh, v2 track and carriers, 500 and its retry, v2 not-found, the form's
      // list, the late key's v2 track: at least 9 requests carry the key.
      assert.ok(authorized >= 9, `the key went out in the Authorization header of the keyed requests (${authorized})`);
    }));
});
