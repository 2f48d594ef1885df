// Issue #7, bad attributes: empty, whitespace, 10 KB long, control characters, Unicode, `.`, `..`,
// `../` and `?#` in every attribute, and `api-base` / `fallback-href` values that are not http(s)
// (`javascript:`, `data:`): refused with a console warning, never a link or a request. Expected
// states come from the spec (shared/spec/element.md): an unknown carrier or a `.`/`..`/blank
// number is `invalid`, a missing one `idle`; relative URLs resolve against the page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, sleep } from './harness.mjs';
import { assertFields } from './support/assertions.mjs';
import { addContainer, defaultLink, horizontalOverflow, trackRequests } from './support/hostile.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 40000 };
const DEFAULT_API = 'https://apis.tracker.delivery';

// The hostile values of the issue. Keys name them in test messages.
const LONG_DIGITS = '1'.repeat(10240);
const LONG_LETTERS = 'k'.repeat(10240);
const CONTROLS = '12\u0000\u0007\u001b34';
const UNICODE = '운송장①\u200f٣😀';
const UNICODE_ENCODED = '%EC%9A%B4%EC%86%A1%EC%9E%A5%E2%91%A0%E2%80%8F%D9%A3%F0%9F%98%80';
const HOSTILE = {
  empty: '',
  whitespace: ' \t\n  ',
  '10 KB': null, // per attribute: LONG_DIGITS or LONG_LETTERS
  controls: CONTROLS,
  unicode: UNICODE,
  dot: '.',
  'dot dot': '..',
  'dot dot slash': '../',
  'question hash': '?#',
};
const valueFor = (name, long) => (name === '10 KB' ? long : HOSTILE[name]);

// Values that are not http(s): never a request, never a link.
const NOT_HTTP_BASES = [
  'javascript:alert(1)',
  ' JavaScript:alert(document.domain)//',
  'java\tscript:alert(1)',
  'data:application/json,{"carrier":{"id":"kr.cjlogistics"}}',
  'data:text/html,<script>alert(1)</script>',
];
const NOT_HTTP_HREFS = [
  'javascript:window.__xss=1//{tracking}',
  ' JAVASCRIPT:window.__xss=1//{carrier}',
  'java\tscript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>{tracking}',
  'data:,{tracking}',
];

/** Sends requests for the cloud API to the fixture API instead (the tests never leave the machine). */
async function proxyDefaultApi(tp) {
  await tp.page.route(`${DEFAULT_API}/**`, async (route) => {
    const url = route.request().url().replace(DEFAULT_API, demo.server.api);
    const response = await route.fetch({ url });
    await route.fulfill({ response });
  });
}

async function waitAllSettled(tp, sels, timeoutMs = 10000) {
  await tp.page.waitForFunction(
    (sels) => sels.every((sel) => !['loading', undefined].includes(document.querySelector(sel)?.state)),
    sels,
    { timeout: timeoutMs, polling: 50 },
  ).catch(async () => {
    const states = await tp.page.evaluate((sels) => sels.map((s) => `${s}=${document.querySelector(s)?.state}`), sels);
    assert.fail(`elements still loading: ${states.filter((s) => s.endsWith('=loading')).join(', ')}`);
  });
}

describe('hostile attributes', { concurrency: 4 }, () => {
  test('carrier: missing when blank, invalid when unknown; never a request outside /carriers/{id}/tracks/{number}', T, () =>
    run(async (tp) => {
      const box = await addContainer(tp, 'narrow', 320);
      // Whether an unknown carrier costs a request depends on timing: once the carriers list is
      // known (the invalid state's form fetches it), the widget refuses it without one.
      const expected = {
        empty: { state: 'idle' },
        whitespace: { state: 'idle' },
        '10 KB': { state: 'invalid' },
        controls: { state: 'invalid' },
        unicode: { state: 'invalid' },
        // `.` and `..` are no carrier: a request would climb out of /carriers/ (dot segments).
        dot: { state: 'invalid' },
        'dot dot': { state: 'invalid' },
        'dot dot slash': { state: 'invalid' },
        'question hash': { state: 'invalid' },
      };
      const sels = {};
      for (const name of Object.keys(HOSTILE)) {
        sels[name] = await tp.create(
          { carrier: valueFor(name, LONG_LETTERS), 'tracking-number': '1234567890', 'api-base': demo.server.api },
          { parent: box },
        );
      }
      await waitAllSettled(tp, Object.values(sels));
      await sleep(300);
      const problems = [];
      for (const [name, want] of Object.entries(expected)) {
        const sel = sels[name];
        const state = await tp.state(sel);
        if (state !== want.state) problems.push(`carrier ${name}: state "${state}", expected "${want.state}"`);
        if (want.state === 'idle' && (await tp.count(sel, 'form[part=form]')) !== 1) problems.push(`carrier ${name}: no lookup form`);
        if (want.link) {
          const links = await tp.attrs(sel, 'a[part=link]', 'href');
          if (!links.includes(want.link)) problems.push(`carrier ${name}: links ${JSON.stringify(links).slice(0, 200)}, expected ${want.link.slice(0, 120)}`);
        }
        // Invalid: no link, the tracking page refuses the same values (issue 12).
        if (want.state === 'invalid' && (await tp.count(sel, 'a[part=link]')) !== 0) problems.push(`carrier ${name}: a link for an invalid value`);
        const overflow = await horizontalOverflow(tp, sel);
        if (overflow.length) problems.push(`carrier ${name}: overflows: ${overflow.join('; ')}`);
      }
      for (const r of tp.requests) {
        if (new URL(r.url).origin !== demo.server.api) continue;
        if (!/^\/carriers(\/[^/]+\/tracks\/[^/]+)?$/.test(new URL(r.url).pathname)) {
          problems.push(`a request left the API's paths: ${r.method} ${r.url.slice(0, 200)}`);
        }
      }
      assert.deepEqual(problems, []);
    }));

  test('tracking-number: invalid when blank, `.` or `..`; otherwise one encoded path segment', T, () =>
    run(async (tp) => {
      const box = await addContainer(tp, 'narrow', 320);
      const track = (encoded) => `${demo.server.api}/carriers/kr.cjlogistics/tracks/${encoded}`;
      const expected = {
        empty: { state: 'invalid' },
        whitespace: { state: 'invalid' },
        '10 KB': { state: 'not-found', request: track(LONG_DIGITS), link: defaultLink('kr.cjlogistics', LONG_DIGITS) },
        controls: { state: 'not-found', request: track('12%00%07%1B34'), link: defaultLink('kr.cjlogistics', '12%00%07%1B34') },
        unicode: { state: 'not-found', request: track(UNICODE_ENCODED), link: defaultLink('kr.cjlogistics', UNICODE_ENCODED) },
        dot: { state: 'invalid' },
        'dot dot': { state: 'invalid' },
        'dot dot slash': { state: 'not-found', request: track('..%2F'), link: defaultLink('kr.cjlogistics', '..%2F') },
        'question hash': { state: 'not-found', request: track('%3F%23'), link: defaultLink('kr.cjlogistics', '%3F%23') },
      };
      const sels = {};
      for (const name of Object.keys(HOSTILE)) {
        sels[name] = await tp.create(
          { carrier: 'kr.cjlogistics', 'tracking-number': valueFor(name, LONG_DIGITS), 'api-base': demo.server.api },
          { parent: box },
        );
      }
      await waitAllSettled(tp, Object.values(sels));
      await sleep(300);
      const problems = [];
      for (const [name, want] of Object.entries(expected)) {
        const sel = sels[name];
        const state = await tp.state(sel);
        if (state !== want.state) problems.push(`tracking-number ${name}: state "${state}", expected "${want.state}"`);
        if (want.state === 'invalid') {
          const carrier = await tp.shadow(sel, (root) => root.querySelector('form[part=form] [name=carrier]')?.value ?? null);
          if (carrier !== 'kr.cjlogistics') problems.push(`tracking-number ${name}: the form is not pre-filled (carrier ${JSON.stringify(carrier)})`);
        }
        if (want.request && !tp.requests.some((r) => r.url === want.request)) problems.push(`tracking-number ${name}: no request to ${want.request.slice(0, 120)}`);
        if (want.link) {
          const links = await tp.attrs(sel, 'a[part=link]', 'href');
          if (!links.includes(want.link)) problems.push(`tracking-number ${name}: links ${JSON.stringify(links).slice(0, 200)}, expected ${want.link.slice(0, 120)}`);
        }
        // Invalid: no link, the tracking page refuses the same values (issue 12).
        if (want.state === 'invalid' && (await tp.count(sel, 'a[part=link]')) !== 0) problems.push(`tracking-number ${name}: a link for an invalid value`);
        const overflow = await horizontalOverflow(tp, sel);
        if (overflow.length) problems.push(`tracking-number ${name}: overflows: ${overflow.join('; ')}`);
      }
      const tracks = trackRequests(tp, demo.server.api).map((r) => r.url);
      if (tracks.length !== 5) {
        problems.push(`${tracks.length} track requests, expected one for each number that is not blank, . or .. (5): ${tracks.map((u) => u.slice(0, 100)).join(', ')}`);
      }
      assert.deepEqual(problems, []);
    }));

  test('api-base: blank is the default; relative values resolve against the page; nothing else is asked', T, () =>
    run(async (tp) => {
      await proxyDefaultApi(tp);
      const page = demo.server.page; // ends with '/'
      const trackPath = 'carriers/kr.cjlogistics/tracks/1234567890';
      const expected = {
        empty: { state: 'ready', request: `${DEFAULT_API}/${trackPath}` },
        whitespace: { state: 'ready', request: `${DEFAULT_API}/${trackPath}` },
        '10 KB': { state: 'fallback', kind: 'bad-response', httpStatus: 404, request: `${page}${LONG_LETTERS}/${trackPath}` },
        controls: { state: 'fallback', kind: 'bad-response', httpStatus: 404, request: `${page}12%00%07%1B34/${trackPath}` },
        unicode: { state: 'fallback', kind: 'bad-response', httpStatus: 404, request: `${page}${UNICODE_ENCODED}/${trackPath}` },
        dot: { state: 'fallback', kind: 'bad-response', httpStatus: 404, request: `${page}${trackPath}` },
        'dot dot': { state: 'fallback', kind: 'bad-response', httpStatus: 404, request: `${page}${trackPath}` },
        'dot dot slash': { state: 'fallback', kind: 'bad-response', httpStatus: 404, request: `${page}${trackPath}` },
        // `?#` is the page's own URL with an empty query: the page's HTML answers.
        'question hash': { state: 'fallback', kind: 'bad-response', httpStatus: 200, request: `${page}blank.html?` },
      };
      const sels = {};
      for (const name of Object.keys(HOSTILE)) {
        sels[name] = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': valueFor(name, LONG_LETTERS) });
      }
      await waitAllSettled(tp, Object.values(sels));
      const problems = [];
      for (const [name, want] of Object.entries(expected)) {
        const sel = sels[name];
        const state = await tp.state(sel);
        if (state !== want.state) problems.push(`api-base ${name}: state "${state}", expected "${want.state}"`);
        if (want.kind) {
          const [err] = await tp.events('dt-error', sel);
          if (!err || err.detail.kind !== want.kind || err.detail.httpStatus !== want.httpStatus) {
            problems.push(`api-base ${name}: dt-error ${JSON.stringify(err?.detail)}, expected ${want.kind} ${want.httpStatus}`);
          }
        }
        if (!tp.requests.some((r) => r.url === want.request)) problems.push(`api-base ${name}: no request to ${want.request.slice(0, 120)}`);
      }
      const origins = new Set(tp.requests.map((r) => new URL(r.url).origin));
      assert.deepEqual([...origins].sort(), [DEFAULT_API, demo.server.page.replace(/\/$/, '')].sort(), 'only the page origin and the default API were asked');
      assert.deepEqual(problems, []);
    }));

  test('api-base that is not http(s) (javascript:, data:): a console warning, no request, no link to it', T, () =>
    run(async (tp) => {
      const sels = [];
      for (const base of NOT_HTTP_BASES) {
        sels.push(await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': base }));
      }
      await waitAllSettled(tp, sels);
      await sleep(1500);
      for (const sel of sels) {
        assert.equal(await tp.state(sel), 'fallback', `${sel}: the API cannot serve`);
        assert.deepEqual(await tp.attrs(sel, 'a[part=link]', 'href'), [defaultLink('kr.cjlogistics', '1234567890')], `${sel}: only the tracking link`);
        const [err] = await tp.waitForEvents('dt-error', sel);
        assertFields(err.detail, { httpStatus: null, fallbackHref: defaultLink('kr.cjlogistics', '1234567890') }, `${sel} dt-error`);
      }
      const pageOrigin = demo.server.page.replace(/\/$/, '');
      const elsewhere = tp.requests.filter((r) => new URL(r.url).origin !== pageOrigin || !/^\/(blank\.html|node_modules\/)/.test(new URL(r.url).pathname));
      assert.deepEqual(elsewhere.map((r) => r.url), [], 'no request but the page and the package');
      const warnings = tp.console.filter((m) => m.type === 'warning' && m.text.includes('api-base'));
      assert.ok(warnings.length >= NOT_HTTP_BASES.length, `a console warning for each refused api-base: ${JSON.stringify(tp.console)}`);
      const dom = await tp.page.evaluate(() => [...document.querySelectorAll('delivery-tracker')].map((e) => e.shadowRoot.innerHTML).join(''));
      assert.ok(!/(href|src|action)="\s*(java\s*script|data):/i.test(dom), 'no javascript: or data: URL in the shadow DOM');
    }));

  test('fallback-href: relative values resolve against the page; javascript: and data: are refused with a warning', T, () =>
    run(async (tp) => {
      const page = demo.server.page;
      const expected = {
        empty: defaultLink('kr.cjlogistics', '1234567890'),
        whitespace: defaultLink('kr.cjlogistics', '1234567890'),
        '10 KB': `${page}${LONG_LETTERS}`,
        controls: `${page}12%00%07%1B34`,
        unicode: `${page}${UNICODE_ENCODED}`,
        dot: page,
        'dot dot': page,
        'dot dot slash': page,
        'question hash': `${page}blank.html?#`,
      };
      const sels = {};
      for (const name of Object.keys(HOSTILE)) {
        sels[name] = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, 'fallback-href': valueFor(name, LONG_LETTERS) });
      }
      const refused = [];
      for (const [i, href] of NOT_HTTP_HREFS.entries()) {
        // ready (footer link), fallback (the fallback box) and link mode
        const number = ['1234567890', '5000000000', '1234567890'][i % 3];
        const mode = i % 3 === 2 ? 'link' : 'full';
        refused.push([number, await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api, 'fallback-href': href, mode })]);
      }
      await waitAllSettled(tp, [...Object.values(sels), ...refused.map(([, s]) => s)]);
      const problems = [];
      for (const [name, want] of Object.entries(expected)) {
        const sel = sels[name];
        if ((await tp.state(sel)) !== 'ready') problems.push(`fallback-href ${name}: state ${await tp.state(sel)}`);
        const links = await tp.attrs(sel, 'a[part=link]', 'href');
        if (JSON.stringify(links) !== JSON.stringify([want])) problems.push(`fallback-href ${name}: links ${JSON.stringify(links).slice(0, 160)}, expected ${want.slice(0, 120)}`);
      }
      for (const [number, sel] of refused) {
        const links = await tp.attrs(sel, 'a[part=link]', 'href');
        if (JSON.stringify(links) !== JSON.stringify([defaultLink('kr.cjlogistics', number)])) problems.push(`${sel}: links ${JSON.stringify(links)}`);
      }
      const [err] = await tp.waitForEvents('dt-error', refused[1][1]);
      assert.equal(err.detail.fallbackHref, defaultLink('kr.cjlogistics', '5000000000'), 'dt-error carries the default link');
      const [fb] = await tp.waitForEvents('dt-fallback', refused[1][1]);
      assert.equal(fb.detail.href, defaultLink('kr.cjlogistics', '5000000000'), 'dt-fallback carries the default link');
      const warnings = tp.console.filter((m) => m.type === 'warning' && m.text.includes('fallback-href'));
      assert.ok(warnings.length >= NOT_HTTP_HREFS.length, `a console warning for each refused fallback-href: ${JSON.stringify(tp.console.filter((m) => m.type === 'warning'))}`);
      const dom = await tp.page.evaluate(() => [...document.querySelectorAll('delivery-tracker')].map((e) => e.shadowRoot.innerHTML).join(''));
      assert.ok(!/href="\s*(java\s*script|data):/i.test(dom), 'no javascript: or data: link');
      assert.equal(await tp.page.evaluate(() => typeof window.__xss), 'undefined');
      assert.ok(!tp.requests.some((r) => /^(data|javascript):/i.test(r.url)), 'no request to a refused URL');
      assert.deepEqual(problems, []);
    }));

  test('every other attribute with each hostile value falls back to its default: the parcel still loads, once', T, () =>
    run(async (tp) => {
      const box = await addContainer(tp, 'narrow', 320);
      const attributes = ['api-version', 'mode', 'lang', 'link-client-id', 'timeout', 'theme', 'refresh-interval'];
      const sels = [];
      for (const attribute of attributes) {
        for (const name of Object.keys(HOSTILE)) {
          const attrs = { carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, [attribute]: valueFor(name, LONG_DIGITS) };
          sels.push([attribute, name, await tp.create(attrs, { parent: box })]);
        }
      }
      await waitAllSettled(tp, sels.map(([, , s]) => s), 15000);
      const problems = [];
      for (const [attribute, name, sel] of sels) {
        const what = `${attribute} ${name}`;
        const state = await tp.state(sel);
        if (state !== 'ready') {
          problems.push(`${what}: state "${state}"`);
          continue;
        }
        if ((await tp.count(sel, 'ol[part=stages] > li[part=stage]')) !== 5) problems.push(`${what}: not the full mode`);
        const stages = await tp.texts(sel, 'li[part=stage]');
        if (!stages[4]?.includes('배송완료')) problems.push(`${what}: not in Korean: ${JSON.stringify(stages)}`);
        if (attribute === 'theme' && (await tp.attr(sel, '[part=base]', 'data-theme')) !== 'auto') problems.push(`${what}: theme is not auto`);
        const links = await tp.attrs(sel, 'a[part=link]', 'href');
        const linkOk = attribute === 'link-client-id' && !['empty', 'whitespace'].includes(name)
          ? links.length === 1 && links[0].startsWith('https://link.tracker.delivery/track?client_id=')
          : JSON.stringify(links) === JSON.stringify([defaultLink('kr.cjlogistics', '1234567890')]);
        if (!linkOk) problems.push(`${what}: links ${JSON.stringify(links).slice(0, 160)}`);
        const overflow = await horizontalOverflow(tp, sel);
        if (overflow.length) problems.push(`${what}: overflows: ${overflow.join('; ')}`);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(
        trackRequests(tp, demo.server.api).map((r) => `${r.method} ${r.url}`),
        [`GET ${demo.server.api}/carriers/kr.cjlogistics/tracks/1234567890`],
        'all of them are one and the same v1 request, shared',
      );
    }));
});
