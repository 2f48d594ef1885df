// Accessibility, languages and theming of <delivery-tracker> (issue #5: "Accessible, bilingual,
// themable"), end to end in Chromium with the package installed from its npm tarball
// (tests/install-package.sh):
// - axe-core (default rules) on every state — the lookup form, loading, ready (v1 and a v2 side
//   state), not-found, invalid, fallback — in the light and dark themes (and theme="auto" under a
//   dark colour scheme), in Korean and English, with a PNG screenshot of each in tests/screenshots/;
// - the semantics axe cannot judge: the timeline list and <time datetime>, the current stage,
//   the polite live region, alerts, keyboard use and visible focus, live language switching,
//   times in the offset they carry, the `translations` property;
// - theming (--dt-* custom properties, ::part()), no horizontal overflow from 280 px to 1200 px,
//   font inheritance, isolation from a page's global CSS, and prefers-reduced-motion.
// Expected values are literals from the spec (shared/spec/element.md), the internal contract
// (docs/contract.md) and the fixtures.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, useDemoSuite, sleep } from './harness.mjs';
import { runAxe, formatViolations } from './support/axe.mjs';
import { luminance } from './support/assertions.mjs';
import { STAGES_EN, STAGES_KO } from './support/expected.mjs';

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'tests', 'screenshots');

before(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 45000 };

/**
 * Gives blank.html what a real shop page has, so that only the widget is judged: the document's
 * language, a <main> landmark with a heading (the elements go in it), and optional page CSS.
 */
async function preparePage(tp, { lang = 'ko', css = '' } = {}) {
  await tp.page.evaluate(
    ({ lang, css }) => {
      document.documentElement.lang = lang;
      const main = document.createElement('main');
      main.id = 'main';
      const h1 = document.createElement('h1');
      h1.textContent = lang === 'en' ? 'Your order' : '주문 내역';
      main.append(h1);
      document.body.append(main);
      if (css) {
        const style = document.createElement('style');
        style.id = 'page-css';
        style.textContent = css;
        document.head.append(style);
      }
    },
    { lang, css },
  );
}

const IN_MAIN = { parent: '#main' };

async function waitForCarrierOptions(tp, sel, n = 29) {
  await tp.page.waitForFunction(
    ([sel, n]) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option').length >= n,
    [sel, n],
    { timeout: 15000 },
  );
}

async function waitForEventCount(tp, sel, n) {
  await tp.page.waitForFunction(
    ([sel, n]) => document.querySelector(sel).shadowRoot.querySelectorAll('li[part=event]').length === n,
    [sel, n],
    { timeout: 5000 },
  );
}

/** The element focused inside `sel`'s shadow root, described (or null when focus is elsewhere). */
async function shadowFocus(tp, sel) {
  return tp.page.evaluate((sel) => {
    const host = document.querySelector(sel);
    if (document.activeElement !== host) return null;
    const f = host.shadowRoot.activeElement;
    if (!f) return null;
    return {
      tag: f.localName,
      name: f.getAttribute('name'),
      part: f.getAttribute('part'),
      type: f.getAttribute('type'),
      text: f.textContent.replace(/\s+/g, ' ').trim(),
      focusVisible: f.matches(':focus-visible'),
      outlineStyle: getComputedStyle(f).outlineStyle,
      outlineWidth: getComputedStyle(f).outlineWidth,
    };
  }, sel);
}

/** Presses Tab until `match(focus)` holds (at most `max` times); returns the focus seen. */
async function tabUntil(tp, sel, match, max = 25) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await tp.page.keyboard.press('Tab');
    const f = await shadowFocus(tp, sel);
    seen.push(f ? `${f.tag}${f.name ? `[name=${f.name}]` : ''}${f.part ? `[part=${f.part}]` : ''}` : 'outside');
    if (f && match(f)) return f;
  }
  assert.fail(`Tab never reached the wanted control; focus went through: ${seen.join(' → ')}`);
}

const STAGES = { ko: STAGES_KO, en: STAGES_EN };

describe('accessibility, languages and theming', { concurrency: 4 }, () => {
  // ---------------------------------------------------------------------------------------------
  // axe-core on every state × theme × language, with screenshots

  const THEMES = [
    { name: 'light', theme: 'light', colorScheme: 'dark', dark: false }, // the explicit theme wins over the OS
    { name: 'dark', theme: 'dark', colorScheme: 'light', dark: true },
    // theme="auto" follows the page: this one supports dark (issue 12).
    { name: 'auto-dark', theme: 'auto', colorScheme: 'dark', dark: true, css: ':root { color-scheme: light dark; }' },
  ];

  for (const { name: themeName, theme, colorScheme, dark, css = '' } of THEMES) {
    for (const lang of ['ko', 'en']) {
      test(`axe: no violations in any state — theme ${themeName}, lang ${lang} (screenshots in tests/screenshots/)`, T, () =>
        run(async (tp) => {
          await tp.page.emulateMedia({ colorScheme });
          await preparePage(tp, { lang, css });
          const common = { lang, theme, 'api-base': demo.server.api };
          const parcel = (number, extra = {}) => ({ ...common, carrier: 'kr.cjlogistics', 'tracking-number': number, ...extra });
          const els = {
            form: await tp.create(common, IN_MAIN),
            ready: await tp.create(parcel('1234567890'), IN_MAIN),
            'ready-v2-attempt-fail': await tp.create(parcel('7700000000', { 'api-version': 'v2' }), IN_MAIN),
            'not-found': await tp.create(parcel('4040404040'), IN_MAIN),
            invalid: await tp.create(parcel('4000000000'), IN_MAIN),
            fallback: await tp.create(parcel('5000000000'), IN_MAIN),
          };
          await tp.waitForState(els.form, 'idle');
          await waitForCarrierOptions(tp, els.form);
          await tp.waitForState(els.ready, 'ready');
          await tp.waitForState(els['ready-v2-attempt-fail'], 'ready');
          await tp.waitForState(els['not-found'], 'not-found');
          await tp.waitForState(els.invalid, 'invalid');
          await waitForCarrierOptions(tp, els.invalid);
          await tp.waitForState(els.fallback, 'fallback');
          await tp.waitForApiRequests(2, '/tracks/5000000000', 5000); // its one retry, then it stays
          await tp.waitForState(els.fallback, 'fallback');
          // The slow answer comes 15 s after its request: this one is checked first, right away.
          els.loading = await tp.create(parcel('9990000000', { timeout: '20000' }), IN_MAIN);
          const started = Date.now();
          await tp.page.waitForFunction(
            (sel) => document.querySelector(sel).shadowRoot?.querySelector('[part=base][aria-busy=true]'),
            els.loading,
            { timeout: 10000 },
          );

          // Palettes: the dark theme is dark, the light one light.
          const bg = await tp.shadow(els.ready, (root) => getComputedStyle(root.querySelector('[part=base]')).backgroundColor);
          const fg = await tp.shadow(els.ready, (root) => getComputedStyle(root.querySelector('[part=base]')).color);
          if (dark) {
            assert.ok(luminance(bg) < 0.2 && luminance(fg) > 0.5, `theme ${themeName}: a dark palette (bg ${bg}, fg ${fg})`);
          } else {
            assert.ok(luminance(bg) > 0.8 && luminance(fg) < 0.2, `theme ${themeName}: a light palette (bg ${bg}, fg ${fg})`);
          }

          const reports = [];
          // Each state is judged as if it were the page's only widget (page-wide rules such as
          // heading-order would otherwise see the other widgets' headings): the others are
          // hidden while it is checked.
          const only = (sel) =>
            tp.page.evaluate((sel) => {
              for (const el of document.querySelectorAll('delivery-tracker')) el.hidden = sel !== null && `#${el.id}` !== sel;
            }, sel);
          const check = async (label, sel) => {
            await only(sel);
            const violations = await runAxe(tp.page, sel);
            await only(null);
            reports.push(formatViolations(`${label} (theme ${themeName}, lang ${lang})`, violations));
            await tp.page.locator(sel).screenshot({ path: path.join(SCREENSHOT_DIR, `${label}-${themeName}-${lang}.png`) });
          };
          assert.equal(await tp.state(els.loading), 'loading');
          await check('loading', els.loading);
          assert.equal(await tp.state(els.loading), 'loading', 'the loading state was still shown when axe ran');
          assert.ok(Date.now() - started < 14000, 'checked within the 15 s the slow answer takes');
          for (const label of ['form', 'ready', 'ready-v2-attempt-fail', 'not-found', 'invalid', 'fallback']) {
            await check(label, els[label]);
          }
          // The whole timeline opened.
          await tp.page.locator(`${els.ready} button[part=more]`).click();
          await waitForEventCount(tp, els.ready, 6);
          await check('ready-expanded', els.ready);

          const report = reports.filter(Boolean).join('\n');
          assert.equal(report, '', `axe-core found violations:\n${report}`);
        }));
    }
  }

  test('axe sees inside the shadow root (an <img> without alt put into [part=base] is reported)', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api }, IN_MAIN);
      await tp.waitForState(el, 'ready');
      const before = (await runAxe(tp.page, el)).map((v) => v.id);
      assert.ok(!before.includes('image-alt'), `no image-alt before: ${JSON.stringify(before)}`);
      await tp.shadow(el, (root) => {
        const img = document.createElement('img');
        img.src = 'data:,';
        root.querySelector('[part=base]').append(img);
      });
      const after = await runAxe(tp.page, el);
      const planted = after.find((v) => v.id === 'image-alt');
      assert.ok(planted, `the planted violation is found: ${JSON.stringify(after.map((v) => v.id))}`);
      assert.deepEqual(
        planted.nodes.map((n) => [n.target[0].length, n.target[0][0]]),
        [[2, el]],
        `reported inside ${el}'s shadow root: ${JSON.stringify(planted.nodes.map((n) => n.target))}`,
      );
    }));

  for (const lang of ['ko', 'en']) {
    test(`axe on a whole page with several widgets (an order of two parcels, a lookup form), lang ${lang}`, T, () =>
      run(async (tp) => {
        await preparePage(tp, { lang });
        const p = (number, extra = {}) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api, lang, ...extra });
        const a = await tp.create(p('1234567890'), IN_MAIN);
        const b = await tp.create(p('1111111111', { carrier: 'kr.epost' }), IN_MAIN);
        const c = await tp.create(p('7800000000', { 'api-version': 'v2', theme: 'dark' }), IN_MAIN);
        const form = await tp.create({ 'api-base': demo.server.api, lang }, IN_MAIN);
        const missing = await tp.create(p('4040404040'), IN_MAIN);
        for (const el of [a, b, c]) await tp.waitForState(el, 'ready');
        await tp.waitForState(missing, 'not-found');
        await waitForCarrierOptions(tp, form);
        const violations = await runAxe(tp.page, null);
        const report = formatViolations(`whole page with 5 widgets (lang ${lang})`, violations);
        assert.equal(report, '', `axe-core found violations:\n${report}`);
      }));
  }

  // ---------------------------------------------------------------------------------------------
  // Semantics

  test('timeline: ol of dates holding ol of events, each with <time datetime>; current stage aria-current="step" with "5단계 중 5단계" / "Step 5 of 5"', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const ko = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'ko' }, IN_MAIN);
      const en = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'en' }, IN_MAIN);
      const transit = await tp.create({ carrier: 'kr.epost', 'tracking-number': '1111111111', 'api-base': demo.server.api, lang: 'en' }, IN_MAIN);
      for (const el of [ko, en, transit]) await tp.waitForState(el, 'ready');

      const structure = await tp.shadow(ko, (root) => {
        const timeline = root.querySelector('[part=timeline]');
        const events = [...root.querySelectorAll('li[part=event]')];
        return {
          timelineTag: timeline.localName,
          dayTags: [...timeline.children].map((c) => c.localName),
          eventParents: events.map((e) => e.parentElement.localName),
          timesPerEvent: events.map((e) => e.querySelectorAll('time[datetime]').length),
          stagesTag: root.querySelector('[part=stages]').localName,
          stageTags: [...root.querySelectorAll('[part=stage]')].map((s) => s.localName),
        };
      });
      assert.deepEqual(structure, {
        timelineTag: 'ol',
        dayTags: ['li', 'li'],
        eventParents: ['ol', 'ol', 'ol', 'ol', 'ol'],
        timesPerEvent: [1, 1, 1, 1, 1],
        stagesTag: 'ol',
        stageTags: ['li', 'li', 'li', 'li', 'li'],
      });
      assert.deepEqual(await tp.attrs(ko, 'li[part=event] time[datetime]', 'datetime'), [
        '2024-04-25T17:19:20+09:00',
        '2024-04-25T09:17:56+09:00',
        '2024-04-25T06:28:42+09:00',
        '2024-04-24T17:15:37+09:00',
        '2024-04-24T15:26:13+09:00',
      ]);

      const current = async (sel) => {
        const marks = await tp.attrs(sel, 'li[part=stage]', 'aria-current');
        const i = marks.indexOf('step');
        assert.equal(marks.filter((m) => m !== null).length, 1, `one aria-current among the stages: ${JSON.stringify(marks)}`);
        return { index: i, text: (await tp.texts(sel, 'li[part=stage]'))[i] };
      };
      const koCurrent = await current(ko);
      assert.equal(koCurrent.index, 4);
      assert.ok(koCurrent.text.includes('배송완료') && koCurrent.text.includes('5단계 중 5단계'), `ko current stage: ${koCurrent.text}`);
      const enCurrent = await current(en);
      assert.equal(enCurrent.index, 4);
      assert.ok(enCurrent.text.includes('Delivered') && enCurrent.text.includes('Step 5 of 5'), `en current stage: ${enCurrent.text}`);
      const transitCurrent = await current(transit);
      assert.equal(transitCurrent.index, 2);
      assert.ok(transitCurrent.text.includes('Step 3 of 5'), `in-transit current stage: ${transitCurrent.text}`);
      // Only the current stage carries the "step n of 5" words.
      const others = (await tp.texts(en, 'li[part=stage]')).filter((_, i) => i !== 4);
      assert.ok(others.every((t) => !/Step \d of 5/.test(t)), `other stages: ${JSON.stringify(others)}`);
    }));

  test('live region: [role=status][aria-live=polite] present from the first render; announces loading, then the result', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      // Watch every shadow root the element attaches, from its first content on.
      await tp.page.evaluate(() => {
        window.__liveLog = {};
        const original = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function attachShadow(init) {
          const root = original.call(this, init);
          if (this.localName !== 'delivery-tracker') return root;
          const host = this;
          const log = (window.__liveLog[host.id] = []);
          new MutationObserver((records) => {
            const base = root.querySelector('[part=base]');
            const region = root.querySelector('[role=status][aria-live=polite]');
            const touched = region ? records.some((r) => r.target === region || region.contains(r.target)) : false;
            log.push({ base: !!base, region: !!region, text: region ? region.textContent.trim() : null, touched, state: host.state });
          }).observe(root, { childList: true, subtree: true, characterData: true });
          return root;
        };
      });
      const ko = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'ko' }, IN_MAIN);
      const en = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1111111111', 'api-base': demo.server.api, lang: 'en' }, IN_MAIN);
      await tp.waitForState(ko, 'ready');
      await tp.waitForState(en, 'ready');
      await sleep(200);
      const logs = await tp.page.evaluate(() => window.__liveLog);
      for (const [sel, loadingText, resultParts] of [
        [ko, '배송 정보를 불러오는 중', ['배송 정보를 불러왔습니다', '배송완료']],
        [en, 'Loading tracking details', ['Tracking details loaded', 'In transit']],
      ]) {
        const log = logs[sel.slice(1)];
        assert.ok(log && log.length > 0, `${sel}: its shadow root was observed`);
        const shown = log.filter((b) => b.base);
        assert.ok(shown.length > 0, `${sel}: [part=base] rendered`);
        assert.ok(shown.every((b) => b.region), `${sel}: the live region is there whenever [part=base] is: ${JSON.stringify(log)}`);
        // Announced = written into the region after it was in the document.
        const announced = log.filter((b) => b.touched).map((b) => b.text);
        const loadingAt = announced.findIndex((t) => t.includes(loadingText));
        const resultAt = announced.findIndex((t) => resultParts.every((p) => t.includes(p)));
        assert.ok(
          loadingAt >= 0,
          `${sel}: "${loadingText}" is announced (written into the existing region); first seen: ${JSON.stringify(shown[0])}; announcements: ${JSON.stringify(announced)}`,
        );
        assert.ok(resultAt > loadingAt, `${sel}: then the result ${JSON.stringify(resultParts)}: ${JSON.stringify(announced)}`);
      }
      const region = await tp.shadow(ko, (root) => {
        const r = root.querySelector('[role=status][aria-live=polite]');
        return { text: r.textContent.trim(), inBase: !!r.closest('[part=base]') };
      });
      assert.equal(region.inBase, true);
      assert.ok(region.text.includes('배송완료'), `the region holds the result now: ${region.text}`);
    }));

  test('errors are alerts: not-found, invalid and fallback have role="alert"; a form error is announced', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const p = (number) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api });
      const notFound = await tp.create(p('4040404040'), IN_MAIN);
      const invalid = await tp.create(p('4000000000'), IN_MAIN);
      const fallback = await tp.create(p('5000000000'), IN_MAIN);
      const form = await tp.create({ 'api-base': demo.server.api }, IN_MAIN);
      await tp.waitForState(notFound, 'not-found');
      await tp.waitForState(invalid, 'invalid');
      await tp.waitForState(fallback, 'fallback');
      assert.deepEqual(await tp.attrs(notFound, '[part=notice]', 'role'), ['alert']);
      assert.deepEqual(await tp.attrs(invalid, '[part=notice]', 'role'), ['alert']);
      assert.deepEqual(await tp.attrs(fallback, '[part=fallback]', 'role'), ['alert']);
      assert.ok((await tp.text(notFound, '[role=alert]')).includes('배송 정보를 찾을 수 없습니다'));
      assert.ok((await tp.text(fallback, '[role=alert]')).includes('지금은 배송 정보를 불러올 수 없습니다.'));

      // Submitting the empty form: the message is shown and reaches a screen reader, either as
      // an alert/live region or as the description of the field that gets the focus.
      await tp.waitForState(form, 'idle');
      await waitForCarrierOptions(tp, form);
      await tp.page.locator(`${form} form[part=form] button[type=submit]`).click();
      const outcome = await tp.shadow(form, (root) => {
        const message = [...root.querySelectorAll('form[part=form] *')].find((n) => n.children.length === 0 && n.textContent.includes('택배사를 선택해 주세요.'));
        const focused = root.activeElement;
        const described = focused
          ? (focused.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean).map((id) => root.getElementById(id)?.textContent.trim())
          : [];
        return {
          message: message ? message.textContent.trim() : null,
          live: message ? !!message.closest('[role=alert], [aria-live=assertive], [aria-live=polite], [role=status]') : false,
          focusedName: focused ? focused.getAttribute('name') : null,
          focusedInvalid: focused ? focused.getAttribute('aria-invalid') : null,
          described,
        };
      });
      assert.equal(outcome.message, '택배사를 선택해 주세요.', `the form error is shown: ${JSON.stringify(outcome)}`);
      assert.ok(
        outcome.live || (outcome.focusedName === 'carrier' && outcome.described.includes('택배사를 선택해 주세요.')),
        `the form error is announced (alert/live region, or the focused field's description): ${JSON.stringify(outcome)}`,
      );
    }));

  test('keyboard only: Tab reaches the form, Enter looks up, "show more" toggles with the keyboard, focus is visible', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const el = await tp.create({ 'api-base': demo.server.api, lang: 'ko' }, IN_MAIN);
      await tp.waitForState(el, 'idle');
      await waitForCarrierOptions(tp, el);

      const select = await tabUntil(tp, el, (f) => f.name === 'carrier', 5);
      assert.equal(select.tag, 'select');
      assert.ok(select.focusVisible, 'the select matches :focus-visible after Tab');
      assert.notEqual(select.outlineStyle, 'none', `a visible focus outline on the select: ${JSON.stringify(select)}`);
      for (let i = 0; i < 40; i++) {
        const value = await tp.shadow(el, (root) => root.querySelector('select[name=carrier]').value);
        if (value === 'kr.cjlogistics') break;
        await tp.page.keyboard.press('ArrowDown');
      }
      assert.equal(await tp.shadow(el, (root) => root.querySelector('select[name=carrier]').value), 'kr.cjlogistics', 'carrier chosen with the arrow keys');
      const input = await tabUntil(tp, el, (f) => f.name === 'tracking-number', 3);
      assert.equal(input.tag, 'input');
      assert.notEqual(input.outlineStyle, 'none', `a visible focus outline on the input: ${JSON.stringify(input)}`);
      await tp.page.keyboard.type('1234567890');
      const submit = await tabUntil(tp, el, (f) => f.tag === 'button' && f.type === 'submit', 3);
      assert.ok(submit.focusVisible && submit.outlineStyle !== 'none' && submit.outlineWidth !== '0px', `visible focus on the submit button: ${JSON.stringify(submit)}`);
      await tp.page.keyboard.press('Shift+Tab'); // back to the number field: Enter there submits
      assert.equal((await shadowFocus(tp, el))?.name, 'tracking-number');
      await tp.page.keyboard.press('Enter');
      await tp.waitForState(el, 'ready');
      const [load] = await tp.waitForEvents('dt-load', el);
      assert.equal(load.detail.trackingNumber, '1234567890');
      assert.equal(load.detail.carrier, 'kr.cjlogistics');

      const more = await tabUntil(tp, el, (f) => f.part === 'more');
      assert.equal(more.tag, 'button');
      assert.ok(more.focusVisible, '"show more" matches :focus-visible');
      assert.notEqual(more.outlineStyle, 'none', `the :focus-visible outline exists: ${JSON.stringify(more)}`);
      assert.notEqual(more.outlineWidth, '0px');
      assert.equal(await tp.count(el, 'li[part=event]'), 5);
      await tp.page.keyboard.press('Enter');
      await waitForEventCount(tp, el, 6);
      assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'true');
      assert.equal((await shadowFocus(tp, el))?.part, 'more', 'focus stays on the toggle');
      await tp.page.keyboard.press('Space');
      await waitForEventCount(tp, el, 5);
      assert.equal(await tp.attr(el, 'button[part=more]', 'aria-expanded'), 'false');
      const link = await tabUntil(tp, el, (f) => f.part === 'link', 5);
      assert.notEqual(link.outlineStyle, 'none', `visible focus on the tracking link: ${JSON.stringify(link)}`);
    }));

  test('lang switches live: lang="en" after ready shows English without a new request', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'ko' }, IN_MAIN);
      await tp.waitForState(el, 'ready');
      const stageTexts = async () => (await tp.texts(el, 'li[part=stage]')).map((t) => t.replace(/\s*\(.*\)$/, ''));
      assert.ok((await tp.text(el, '[part=status]')).includes('배송완료'));
      const requests = tp.apiRequests().length;
      await tp.page.evaluate((sel) => document.querySelector(sel).setAttribute('lang', 'en'), el);
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot.querySelector('[part=status]')?.textContent.includes('Delivered'),
        el,
        { timeout: 5000 },
      );
      const stages = await tp.texts(el, 'li[part=stage]');
      STAGES.en.forEach((s, i) => assert.ok(stages[i].includes(s), `stage ${i + 1} in English: ${JSON.stringify(stages)}`));
      assert.ok((await tp.text(el, 'a[part=link]')).includes('Track on tracker.delivery'));
      assert.ok((await tp.text(el, 'button[part=more]')).includes('Show 1 more'));
      assert.ok((await tp.texts(el, 'li[part=stage]'))[4].includes('Step 5 of 5'));
      assert.ok(/[AP]M/.test(await tp.text(el, 'li[part=event] time')), 'times re-formatted in English');
      assert.equal(await tp.attr(el, '[part=base]', 'lang'), 'en', 'the shadow content says its language');
      await tp.page.evaluate((sel) => document.querySelector(sel).setAttribute('lang', 'ko'), el);
      await tp.page.waitForFunction(
        (sel) => document.querySelector(sel).shadowRoot.querySelector('[part=status]')?.textContent.includes('배송완료'),
        el,
        { timeout: 5000 },
      );
      assert.ok((await stageTexts()).every((t, i) => t.includes(STAGES.ko[i])));
      await sleep(300);
      assert.equal(tp.apiRequests().length, requests, 'switching the language sends no request');
      assert.equal((await tp.events('dt-load', el)).length, 1, 'and fires no second dt-load');
    }));

  test('times in the offset they carry: a reader in New York sees 오후 5:19 / 5:19 PM under 25 April', T, () =>
    run(
      async (tp) => {
        await preparePage(tp);
        const ko = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'ko' }, IN_MAIN);
        const en = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang: 'en' }, IN_MAIN);
        await tp.waitForState(ko, 'ready');
        await tp.waitForState(en, 'ready');
        assert.equal(await tp.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'America/New_York');
        const day = (sel) =>
          tp.shadow(sel, (root) => {
            const first = root.querySelector('[part=timeline] > li');
            const events = [...first.querySelectorAll('li[part=event]')];
            const heading = [...first.childNodes].find((n) => n.nodeType === 1 && !n.matches('ol'));
            return {
              heading: (heading ? heading.textContent : '').replace(/\s+/g, ' ').trim(),
              times: events.map((e) => e.querySelector('time').textContent.replace(/\s+/g, ' ').trim()),
            };
          });
        const koDay = await day(ko);
        assert.match(koDay.heading, /2024년 4월 25일/, `ko date heading: ${JSON.stringify(koDay)}`);
        assert.deepEqual(koDay.times.length, 3, `three events on 25 April (+09:00): ${JSON.stringify(koDay)}`);
        assert.match(koDay.times[0], /오후 5:19/, `ko delivered time: ${JSON.stringify(koDay)}`);
        assert.match(koDay.times[1], /오전 9:17/);
        assert.match(koDay.times[2], /오전 6:28/);
        const enDay = await day(en);
        assert.match(enDay.heading, /April 25, 2024/, `en date heading: ${JSON.stringify(enDay)}`);
        assert.equal(enDay.times.length, 3);
        assert.match(enDay.times[0], /5:19 PM/, `en delivered time: ${JSON.stringify(enDay)}`);
        assert.match(enDay.times[1], /9:17 AM/);
        assert.match(enDay.times[2], /6:28 AM/);
      },
      { timezoneId: 'America/New_York' },
    ));

  test('translations property: { showMore } for every language, per language { en: {…} }, null restores', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const p = (lang) => ({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, lang });
      const hasProperty = await tp.page.evaluate(() => 'translations' in customElements.get('delivery-tracker').prototype);
      assert.equal(hasProperty, true, 'the element class has a `translations` property');
      const all = await tp.create(p('ko'), IN_MAIN);
      const perLang = await tp.create(p('en'), { ...IN_MAIN, props: { translations: { en: { showMore: 'Older events' }, ko: { showMore: '옛 기록' } } } });
      const otherLang = await tp.create(p('ko'), { ...IN_MAIN, props: { translations: { en: { showMore: 'Older events' } } } });
      for (const el of [all, perLang, otherLang]) await tp.waitForState(el, 'ready');
      const more = (sel) => tp.text(sel, 'button[part=more]');
      const waitMore = (sel, text) =>
        tp.page
          .waitForFunction(
            ([sel, text]) => document.querySelector(sel).shadowRoot.querySelector('button[part=more]')?.textContent.trim() === text,
            [sel, text],
            { timeout: 5000 },
          )
          .catch(async () => assert.fail(`${sel}: "show more" should read "${text}", reads "${await more(sel)}"`));

      assert.equal(await more(all), '1건 더보기');
      await tp.page.evaluate((sel) => {
        document.querySelector(sel).translations = { showMore: 'More history' };
      }, all);
      await waitMore(all, 'More history');
      await waitMore(perLang, 'Older events'); // set before the element connected
      assert.equal(await more(otherLang), '1건 더보기', 'an English override leaves Korean alone');
      await tp.page.evaluate((sel) => document.querySelector(sel).setAttribute('lang', 'ko'), perLang);
      await waitMore(perLang, '옛 기록');
      await tp.page.evaluate((sel) => {
        document.querySelector(sel).translations = null;
      }, all);
      await waitMore(all, '1건 더보기');
      assert.deepEqual(
        await tp.page.evaluate((sel) => document.querySelector(sel).translations, perLang),
        { en: { showMore: 'Older events' }, ko: { showMore: '옛 기록' } },
        'the property reads back',
      );
      assert.equal(tp.apiRequests('/tracks/').length, 1, 'one shared request; translations send none');
    }));

  // ---------------------------------------------------------------------------------------------
  // Theming

  test('theming: --dt-accent/-bg/-fg/-muted/-border/-radius/-font change the parts, in light and dark', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const style =
        '--dt-accent: rgb(10, 20, 30); --dt-bg: rgb(250, 240, 230); --dt-fg: rgb(40, 50, 60); ' +
        '--dt-muted: rgb(70, 80, 90); --dt-border: rgb(100, 110, 120); --dt-radius: 3px; --dt-font: Georgia, serif;';
      const p = (theme, extra = {}) => ({ carrier: 'kr.epost', 'tracking-number': '1111111111', 'api-base': demo.server.api, theme, ...extra });
      const light = await tp.create(p('light', { style }), IN_MAIN);
      const dark = await tp.create(p('dark', { style }), IN_MAIN);
      const plain = await tp.create(p('light'), IN_MAIN);
      for (const el of [light, dark, plain]) await tp.waitForState(el, 'ready');

      const styles = (sel) =>
        tp.shadow(sel, (root) => {
          const cs = (css) => getComputedStyle(root.querySelector(css));
          const all = [...root.querySelectorAll('*')];
          return {
            baseBg: cs('[part=base]').backgroundColor,
            baseColor: cs('[part=base]').color,
            baseRadius: cs('[part=base]').borderTopLeftRadius,
            baseFont: cs('[part=base]').fontFamily,
            statusFont: cs('[part=status]').fontFamily,
            status: cs('[part=status]').color,
            link: cs('a[part=link]').color,
            colors: [...new Set(all.map((n) => getComputedStyle(n).color))],
            borders: [...new Set(all.flatMap((n) => {
              const s = getComputedStyle(n);
              return ['Top', 'Right', 'Bottom', 'Left']
                .filter((side) => parseFloat(s[`border${side}Width`]) > 0 && s[`border${side}Style`] !== 'none')
                .map((side) => s[`border${side}Color`]);
            }))],
          };
        });
      for (const [name, sel] of [['light', light], ['dark', dark]]) {
        const s = await styles(sel);
        const what = `${name}: ${JSON.stringify(s)}`;
        assert.equal(s.baseBg, 'rgb(250, 240, 230)', `--dt-bg → [part=base] background (${what})`);
        assert.equal(s.baseColor, 'rgb(40, 50, 60)', `--dt-fg → [part=base] colour (${what})`);
        assert.equal(s.baseRadius, '3px', `--dt-radius → [part=base] border-radius (${what})`);
        assert.equal(s.baseFont, 'Georgia, serif', `--dt-font → [part=base] font-family (${what})`);
        assert.equal(s.statusFont, 'Georgia, serif', `--dt-font reaches [part=status] (${what})`);
        assert.equal(s.status, 'rgb(10, 20, 30)', `--dt-accent → [part=status] of an in-transit parcel (${what})`);
        assert.equal(s.link, 'rgb(10, 20, 30)', `--dt-accent → a[part=link] (${what})`);
        assert.ok(s.colors.includes('rgb(70, 80, 90)'), `--dt-muted colours secondary text (${what})`);
        assert.ok(s.borders.includes('rgb(100, 110, 120)'), `--dt-border colours borders (${what})`);
      }
      const d = await styles(plain);
      assert.notEqual(d.baseBg, 'rgb(250, 240, 230)', 'without the properties the defaults apply');
      assert.notEqual(d.status, 'rgb(10, 20, 30)');
      assert.notEqual(d.baseRadius, '3px');
    }));

  test('::part() from the page styles every documented part', T, () =>
    run(async (tp) => {
      const parts = ['base', 'summary', 'status', 'stages', 'stage', 'timeline', 'event', 'form', 'notice', 'fallback', 'link'];
      const css =
        'delivery-tracker::part(status) { color: rgb(1, 2, 3) }\n' +
        parts.map((p) => `delivery-tracker::part(${p}) { column-rule-color: rgb(7, 8, 9) }`).join('\n');
      await preparePage(tp, { css });
      const p = (number) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api });
      const ready = await tp.create(p('1234567890'), IN_MAIN);
      const notFound = await tp.create(p('4040404040'), IN_MAIN);
      const invalid = await tp.create(p('4000000000'), IN_MAIN);
      const fallback = await tp.create(p('5000000000'), IN_MAIN);
      await tp.waitForState(ready, 'ready');
      await tp.waitForState(notFound, 'not-found');
      await tp.waitForState(invalid, 'invalid');
      await tp.waitForState(fallback, 'fallback');
      assert.equal(await tp.shadow(ready, (root) => getComputedStyle(root.querySelector('[part=status]')).color), 'rgb(1, 2, 3)');
      const styled = {};
      for (const sel of [ready, notFound, invalid, fallback]) {
        const found = await tp.shadow(sel, (root) =>
          [...root.querySelectorAll('[part]')].flatMap((n) =>
            n.getAttribute('part').split(/\s+/).map((part) => [part, getComputedStyle(n).columnRuleColor]),
          ),
        );
        for (const [part, colour] of found) (styled[part] ??= new Set()).add(colour);
      }
      for (const part of parts) {
        assert.ok(styled[part], `[part=${part}] exists in one of the states`);
        assert.deepEqual([...styled[part]], ['rgb(7, 8, 9)'], `::part(${part}) applies`);
      }
    }));

  test('no horizontal overflow at any width from 280 px to 1200 px (ready with long events, form, notices), ko and en', T, () =>
    run(async (tp) => {
      await preparePage(tp);
      const p = (number, lang, extra = {}) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api, lang, ...extra });
      const ready = [];
      for (const lang of ['ko', 'en']) {
        ready.push(await tp.create(p('1234567890', lang), IN_MAIN));
        ready.push(await tp.create(p('6660000000', lang), IN_MAIN)); // long HTML payloads as text
        ready.push(await tp.create(p('4500000000', lang), IN_MAIN)); // 45 events
        ready.push(await tp.create(p('7700000000', lang, { 'api-version': 'v2' }), IN_MAIN));
      }
      const forms = [await tp.create({ 'api-base': demo.server.api, lang: 'ko' }, IN_MAIN), await tp.create({ 'api-base': demo.server.api, lang: 'en' }, IN_MAIN)];
      const invalid = await tp.create(p('4000000000', 'en'), IN_MAIN);
      const fallback = await tp.create(p('5000000000', 'en'), IN_MAIN);
      const longNumber = await tp.create(p('1'.repeat(80), 'en'), IN_MAIN); // not found, an 80-digit number
      for (const el of ready) await tp.waitForState(el, 'ready');
      for (const el of forms) await waitForCarrierOptions(tp, el);
      await tp.waitForState(invalid, 'invalid');
      await tp.waitForState(fallback, 'fallback');
      await tp.waitForState(longNumber, 'not-found');
      for (const el of ready) {
        if (await tp.count(el, 'button[part=more]')) await tp.page.locator(`${el} button[part=more]`).click();
      }
      await waitForEventCount(tp, ready[2], 45);
      const all = [...ready, ...forms, invalid, fallback, longNumber];
      const overflows = (sels) =>
        tp.page.evaluate(async (sels) => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const out = [];
          const doc = document.documentElement;
          // clientWidth: the viewport less any vertical scrollbar.
          if (doc.scrollWidth > doc.clientWidth) out.push(`document scrollWidth ${doc.scrollWidth} > viewport ${doc.clientWidth}`);
          for (const sel of sels) {
            const host = document.querySelector(sel);
            const base = host.shadowRoot.querySelector('[part=base]');
            if (base.scrollWidth > base.clientWidth) {
              const limit = base.getBoundingClientRect().right;
              const culprits = [...base.querySelectorAll('*')]
                .filter((n) => n.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 3)
                .map((n) => `<${n.localName} class="${n.className}">${n.textContent.slice(0, 40)}`);
              out.push(`${sel} (${host.getAttribute('tracking-number') ?? 'form'}, ${host.getAttribute('lang')}): [part=base] scrollWidth ${base.scrollWidth} > clientWidth ${base.clientWidth}; overflowing: ${culprits.join(' | ')}`);
            }
          }
          return out;
        }, sels);
      // The check sees an overflow where there is one.
      await tp.page.setViewportSize({ width: 400, height: 800 });
      await tp.shadow(forms[0], (root) => {
        const wide = document.createElement('span');
        wide.id = 'wide-probe';
        wide.style.cssText = 'display: inline-block; width: 2000px';
        root.querySelector('[part=base]').append(wide);
      });
      // (Only [part=base] reports it: the host's `contain: content` clips what overflows it.)
      const probe = await overflows([forms[0]]);
      assert.ok(probe.some((f) => f.includes('[part=base] scrollWidth 20')), `a 2000 px probe is reported: ${JSON.stringify(probe)}`);
      await tp.shadow(forms[0], (root) => root.getElementById('wide-probe').remove());

      const problems = [];
      for (let width = 280; width <= 1200; width += 40) {
        await tp.page.setViewportSize({ width, height: 800 });
        for (const f of await overflows(all)) problems.push(`${width}px: ${f}`);
      }
      assert.deepEqual(problems, [], `horizontal overflow:\n${problems.join('\n')}`);
    }));

  test('the widget inherits the page font-family unless --dt-font is set', T, () =>
    run(async (tp) => {
      await preparePage(tp, { css: '#main { font-family: "DejaVu Serif", serif; }' });
      const inherits = await tp.create({ 'api-base': demo.server.api }, IN_MAIN);
      const own = await tp.create({ 'api-base': demo.server.api, style: '--dt-font: monospace' }, IN_MAIN);
      const ready = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api }, IN_MAIN);
      await waitForCarrierOptions(tp, inherits);
      await waitForCarrierOptions(tp, own);
      await tp.waitForState(ready, 'ready');
      const fonts = (sel) =>
        tp.shadow(sel, (root) =>
          Object.fromEntries(
            ['[part=base]', '[part=form] input[name=tracking-number]', '[part=form] select', '[part=form] button', '[part=status]', 'li[part=event]', 'button[part=more]']
              .map((css) => [css, root.querySelector(css)])
              .filter(([, n]) => n)
              .map(([css, n]) => [css, getComputedStyle(n).fontFamily]),
          ),
        );
      const a = await fonts(inherits);
      const b = await fonts(own);
      const c = await fonts(ready);
      assert.equal(Object.keys(a).length, 4);
      for (const [css, f] of [...Object.entries(a), ...Object.entries(c)]) assert.equal(f, '"DejaVu Serif", serif', `${css} inherits the page font`);
      assert.equal(Object.keys(b).length, 4);
      for (const [css, f] of Object.entries(b)) assert.equal(f, 'monospace', `${css} uses --dt-font`);
    }));

  test("a page's global CSS (* { … !important }, display: inline) leaves the widget's internals as they are", T, (t) =>
    run(async (tp) => {
      await preparePage(tp);
      // A fixed content width for the host, so both layouts get the same room.
      const attrs = { carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': demo.server.api, style: 'width: 600px' };
      const el = await tp.create(attrs, IN_MAIN);
      const form = await tp.create({ 'api-base': demo.server.api, style: 'width: 600px' }, IN_MAIN);
      await tp.waitForState(el, 'ready');
      await waitForCarrierOptions(tp, form);
      const measure = () =>
        tp.page.evaluate(async (sels) => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const out = {};
          for (const sel of sels) {
            const host = document.querySelector(sel);
            const root = host.shadowRoot;
            const base = root.querySelector('[part=base]').getBoundingClientRect();
            const hr = host.getBoundingClientRect();
            out[`${sel} host`] = { width: hr.width, height: hr.height };
            const targets = ['[part=base]', '[part=summary]', '[part=status]', '[part=stages]', '[part=stage]', '[part=timeline]', '[part=event]', 'button[part=more]', 'a[part=link]', 'form[part=form]', 'form[part=form] select', 'form[part=form] input', 'form[part=form] button'];
            for (const css of targets) {
              [...root.querySelectorAll(css)].forEach((n, i) => {
                const r = n.getBoundingClientRect();
                const s = getComputedStyle(n);
                out[`${sel} ${css}#${i}`] = {
                  x: Math.round(r.left - base.left),
                  y: Math.round(r.top - base.top),
                  width: Math.round(r.width),
                  height: Math.round(r.height),
                  color: s.color,
                  fontSize: s.fontSize,
                  display: s.display,
                  padding: s.padding,
                  margin: s.margin,
                  border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
                };
              });
            }
          }
          return out;
        }, [el, form]);
      const clean = await measure();
      await tp.page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent =
          '* { color: red !important; font-size: 40px; padding: 30px; border: 5px solid lime; }\n' +
          'div, a, li, button { display: inline; margin: 20px; }';
        document.head.append(style);
      });
      const hostile = await measure();
      const hostDiffs = [];
      const diffs = [];
      for (const key of Object.keys(clean)) {
        if (!(key in hostile)) {
          diffs.push(`${key}: gone`);
          continue;
        }
        const changed = Object.keys(clean[key]).filter((k) => JSON.stringify(clean[key][k]) !== JSON.stringify(hostile[key][k]));
        if (changed.length === 0) continue;
        const line = `${key}: ${changed.map((k) => `${k} ${JSON.stringify(clean[key][k])} → ${JSON.stringify(hostile[key][k])}`).join(', ')}`;
        (key.endsWith(' host') ? hostDiffs : diffs).push(line);
      }
      t.diagnostic(`host boxes under the page CSS: ${hostDiffs.length ? hostDiffs.join('; ') : 'unchanged'}`);
      assert.equal(Object.keys(hostile).length, Object.keys(clean).length, 'the same parts are rendered');
      assert.deepEqual(diffs, [], `the page CSS changed the widget's internals:\n${diffs.join('\n')}`);
    }));

  test('prefers-reduced-motion: reduce → no transition or animation in the shadow root', T, () =>
    run(async (tp) => {
      await tp.page.emulateMedia({ reducedMotion: 'reduce' });
      await preparePage(tp);
      const p = (number, extra = {}) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api, ...extra });
      const els = [
        await tp.create(p('1111111111', { carrier: 'kr.epost' }), IN_MAIN),
        await tp.create(p('7700000000', { 'api-version': 'v2', theme: 'dark' }), IN_MAIN),
        await tp.create(p('9990000000', { timeout: '20000' }), IN_MAIN), // loading
        await tp.create({ 'api-base': demo.server.api }, IN_MAIN),
        await tp.create(p('5000000000'), IN_MAIN),
      ];
      await tp.waitForState(els[0], 'ready');
      await tp.waitForState(els[1], 'ready');
      await tp.waitForState(els[4], 'fallback');
      await waitForCarrierOptions(tp, els[3]);
      // Detects any non-zero duration on elements and their ::before/::after.
      const moving = (root) => {
        const out = [];
        const durations = (s) => [s.transitionDuration, s.animationDuration].join(',').split(',').map((v) => parseFloat(v) || 0);
        for (const n of root.querySelectorAll('*')) {
          for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(n, pseudo);
            if (durations(s).some((d) => d > 0)) {
              out.push(`<${n.localName} class="${n.className}">${pseudo ?? ''}: transition ${s.transitionProperty} ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`);
            }
          }
        }
        return out;
      };
      // The detector itself sees motion where there is some.
      const probe = await tp.page.evaluate((src) => {
        const div = document.createElement('div');
        div.innerHTML = '<span style="transition: color 1s"></span>';
        document.body.append(div);
        const found = (0, eval)(`(${src})`)(div);
        div.remove();
        return found.length;
      }, moving.toString());
      assert.equal(probe, 1, 'the detector finds a 1 s transition');
      const found = [];
      for (const sel of els) found.push(...(await tp.shadow(sel, moving)).map((m) => `${sel}: ${m}`));
      assert.deepEqual(found, [], `motion under prefers-reduced-motion: reduce:\n${found.join('\n')}`);
    }));
});
