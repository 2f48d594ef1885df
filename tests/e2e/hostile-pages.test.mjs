// Issue #7, hostile pages: the element works on a page with a strict Content-Security-Policy
// (external scripts only), the same with Trusted Types enforced, a default-src 'none' policy, a
// page whose global CSS styles everything, a page with a <base href> elsewhere, and a page whose
// old shop library rewrote the built-ins. The pages are tests/e2e/pages/*.html; their headers
// come from the `.headers` files next to them (docs/contract.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, sleep } from './harness.mjs';
import { assertFields } from './support/assertions.mjs';
import { FALLBACK_TEXT, STAGES_KO } from './support/expected.mjs';
import { defaultLink } from './support/hostile.mjs';

const demo = useDemoSuite();
const { open } = demo;

const T = { timeout: 40000 };

/** The main document's answer header `name`. */
async function documentHeader(tp, name) {
  const response = await tp.requests[0].request.response();
  return response.headers()[name];
}

/**
 * The four elements every hostile page holds (#v1, #v2, #down, #form; see the pages) work: a v1
 * and a v2 result with stages, timeline and "show more", the fallback with its link, and the
 * lookup form loading carriers and submitting. Also: the widget's own styles are in force and the
 * page saw no CSP violation.
 */
async function assertWidgetWorks(tp) {
  await tp.waitForState('#v1', 'ready');
  await tp.waitForState('#v2', 'ready');
  const [load] = await tp.waitForEvents('dt-load', '#v1');
  assertFields(load.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890', status: { code: 'DELIVERED', text: '배송완료' } }, '#v1 dt-load');
  const [load2] = await tp.waitForEvents('dt-load', '#v2');
  assertFields(load2.detail, { carrier: 'kr.cjlogistics', trackingNumber: '1234567890' }, '#v2 dt-load');
  assert.equal(load2.detail.status.code, 'DELIVERED');
  for (const sel of ['#v1', '#v2']) {
    assert.ok((await tp.text(sel, '[part=summary]')).includes('CJ대한통운'), `${sel}: the summary`);
    const stages = await tp.texts(sel, 'ol[part=stages] > li[part=stage]');
    STAGES_KO.forEach((label, i) => assert.ok(stages[i]?.includes(label), `${sel}: stage ${label}: ${JSON.stringify(stages)}`));
    assert.deepEqual(await tp.attrs(sel, 'a[part=link]', 'href'), [defaultLink('kr.cjlogistics', '1234567890')]);
  }
  assert.equal(await tp.count('#v2', 'li[part=event]'), 4);
  assert.equal(await tp.count('#v1', 'li[part=event]'), 5);
  await tp.page.locator('#v1 button[part=more]').click();
  await tp.page.waitForFunction(() => document.querySelector('#v1').shadowRoot.querySelectorAll('li[part=event]').length === 6, null, { timeout: 5000 });

  await tp.waitForState('#down', 'fallback');
  const [err] = await tp.waitForEvents('dt-error', '#down');
  assertFields(err.detail, { kind: 'unavailable', httpStatus: 500, fallbackHref: defaultLink('kr.cjlogistics', '5000000000') }, '#down dt-error');
  assert.ok((await tp.text('#down', '[part=fallback]')).includes(FALLBACK_TEXT));
  assert.deepEqual(await tp.attrs('#down', '[part=fallback] a[part=link]', 'href'), [defaultLink('kr.cjlogistics', '5000000000')]);

  await tp.waitForState('#form', 'idle');
  await tp.page.waitForFunction(
    () => document.querySelector('#form').shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length >= 29,
    null,
    { timeout: 10000 },
  );
  const form = tp.page.locator('#form form[part=form]');
  await form.locator('select[name=carrier]').selectOption('kr.epost');
  await form.locator('input[name=tracking-number]').fill('1111111111');
  await form.getByRole('button', { name: '조회' }).click();
  await tp.waitForState('#form', 'ready');
  assert.deepEqual(
    await tp.page.evaluate(() => [document.querySelector('#form').getAttribute('carrier'), document.querySelector('#form').getAttribute('tracking-number')]),
    ['kr.epost', '1111111111'],
  );

  // The widget's own styles (constructable stylesheets) are in force.
  const style = await tp.shadow('#v1', (root) => {
    const s = getComputedStyle(root.querySelector('[part=base]'));
    return { padding: s.paddingTop, border: s.borderTopStyle, fontSize: s.fontSize, display: s.display };
  });
  assert.deepEqual(style, { padding: '16px', border: 'solid', fontSize: '15px', display: 'block' }, 'the widget is styled');
  await sleep(1500); // #down's retry
  assert.equal(await tp.state('#down'), 'fallback');
  assert.deepEqual(await tp.page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
}

describe('hostile pages', { concurrency: 3 }, () => {
  test("a strict CSP: script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; external scripts only", T, () =>
    open('csp.html', async (tp) => {
      assert.equal(await documentHeader(tp, 'content-security-policy'), "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
      await assertWidgetWorks(tp);
    }));

  test("the same with Trusted Types enforced (require-trusted-types-for 'script')", T, () =>
    open('csp-trusted-types.html', async (tp) => {
      assert.equal(
        await documentHeader(tp, 'content-security-policy'),
        "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'",
      );
      await assertWidgetWorks(tp);
    }));

  test("default-src 'none', Trusted Types with no policy allowed, form-action 'none'", T, () =>
    open('csp-strict.html', async (tp) => {
      assert.equal(
        await documentHeader(tp, 'content-security-policy'),
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src data:; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
      );
      await assertWidgetWorks(tp);
    }));

  test('a page whose global CSS styles everything (with !important)', T, () =>
    open('global-css.html', async (tp) => {
      await assertWidgetWorks(tp);
      const looks = await tp.shadow('#v1', (root) => {
        const base = root.querySelector('[part=base]');
        const s = getComputedStyle(base);
        const status = getComputedStyle(root.querySelector('[part=status]'));
        const box = base.getBoundingClientRect();
        const visible = (el) => el.checkVisibility() && el.getBoundingClientRect().width > 0;
        return {
          textTransform: s.textTransform,
          letterSpacing: s.letterSpacing,
          whiteSpace: s.whiteSpace,
          fontStyle: s.fontStyle,
          statusColor: status.color,
          wide: box.width >= 250,
          fits: base.scrollWidth <= base.clientWidth + 1,
          linkVisible: visible(root.querySelector('a[part=link]')),
          stagesVisible: visible(root.querySelector('[part=stages]')),
          moreVisible: visible(root.querySelector('button[part=more]')),
        };
      });
      assert.deepEqual(
        { ...looks, statusColor: looks.statusColor === 'rgb(255, 0, 255)' ? 'the page\'s magenta' : 'its own' },
        {
          textTransform: 'none',
          letterSpacing: 'normal',
          whiteSpace: 'normal',
          fontStyle: 'normal',
          statusColor: 'its own',
          wide: true,
          fits: true,
          linkVisible: true,
          stagesVisible: true,
          moreVisible: true,
        },
        'the page\'s styles do not reach inside',
      );
    }));

  test('a page whose old shop library rewrote Array.prototype, JSON, fetch, timers and Promise', T, () =>
    open('builtins.html', async (tp) => {
      assert.equal(await tp.page.evaluate(() => JSON.stringify([1, 2])), '"[1, 2]"', 'the shop library is in force');
      await assertWidgetWorks(tp);
      assert.deepEqual(
        await tp.page.evaluate(() => {
          const data = document.querySelector('#v1').data;
          return [Array.isArray(data.events), data.events.length, data.events[5].status.code, data.stage];
        }),
        [true, 6, 'DELIVERED', 5],
        'data is a proper object with a proper array',
      );
      assert.ok((await tp.page.evaluate(() => window.__shopFetches)) >= 4, 'the widget went through the page\'s fetch wrapper');
      const stored = await tp.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('delivery-tracker:')));
      assert.ok(stored.length >= 1, 'the carriers list was stored');
    }));

  test('a page with <base href> elsewhere: links and relative URLs resolve like the page\'s own', T, () =>
    open('base-href.html', async (tp) => {
      assert.equal(await tp.page.evaluate(() => document.baseURI), 'https://elsewhere.example/shop/');
      await tp.page.route('https://elsewhere.example/tracking-proxy/**', async (route) => {
        const url = route.request().url().replace('https://elsewhere.example/tracking-proxy', demo.server.api);
        await route.fulfill({ response: await route.fetch({ url }) });
      });
      await assertWidgetWorks(tp);
      const relative = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': '/tracking-proxy', 'fallback-href': 'track/{carrier}/{tracking}' });
      await tp.waitForState(relative, 'ready');
      assert.deepEqual(await tp.attrs(relative, 'a[part=link]', 'href'), ['https://elsewhere.example/shop/track/kr.cjlogistics/1234567890']);
      const elsewhere = tp.requests.filter((r) => new URL(r.url).hostname === 'elsewhere.example').map((r) => r.url);
      assert.deepEqual(elsewhere, ['https://elsewhere.example/tracking-proxy/carriers/kr.cjlogistics/tracks/1234567890'], 'only the relative api-base went elsewhere');
      const pkg = tp.requests.filter((r) => r.url.includes('delivery-tracker-widget/')).map((r) => r.url);
      assert.ok(pkg.length >= 1 && pkg.every((url) => url.startsWith(`${demo.server.page}node_modules/`)), `the package loads from this origin: ${pkg}`);
      assert.equal(tp.page.url(), `${demo.server.page}base-href.html`, 'the form did not navigate');
    }));
});
