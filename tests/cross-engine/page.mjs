// A page of the installed test site in one engine, driven through WebDriver: the cross-engine
// counterpart of the Playwright suite's TrackerPage (tests/e2e/harness.mjs), with the same
// accessors (state, events, text, attrs, …), so the shared assertions of
// tests/e2e/support/assertions.mjs run on it unchanged.
//
// WebDriver cannot hear a page's errors in every engine (WebKitGTK has no BiDi), so the pages
// load a recorder script first (`engines-recorder.js`, written by `preparePages`): the e2e
// suite's init script (dt-* events, unhandled rejections) and a record of uncaught errors,
// console.error calls and CSP violations, read back with `errors()`.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REJECTION_MARKER, REPO_ROOT, SITE_DIR, ShadowQueries, initScript, serverRequests, sleep } from '../e2e/harness.mjs';

const E2E_PAGES = path.join(REPO_ROOT, 'tests', 'e2e', 'pages');
export const SCREENSHOT_ROOT = path.join(REPO_ROOT, 'tests', 'screenshots');

const RECORDER = 'engines-recorder.js';
/** The e2e suite's blank.html with the recorder and the document language of a Korean shop. */
export const BLANK_PAGE = 'engines-blank.html';
/** The e2e suite's csp-strict.html (default-src 'none', Trusted Types) with the recorder. */
export const CSP_STRICT_PAGE = 'engines-csp-strict.html';

// Runs in the page before everything else (serialised into the recorder script).
function recordErrors(marker) {
  const errors = [];
  window.__dtPageErrors = errors;
  window.addEventListener('error', (e) => errors.push(`uncaught: ${e.message} at ${e.filename}:${e.lineno}`));
  document.addEventListener('securitypolicyviolation', (e) => {
    errors.push(`CSP: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
  const consoleError = console.error;
  console.error = function (...args) {
    const text = args.map((a) => (a && a.stack) || String(a)).join(' ');
    errors.push(text.startsWith(marker) ? `unhandled rejection: ${text.slice(marker.length).trim()}` : `console.error: ${text}`);
    return consoleError.apply(this, args);
  };
}

/** `html` with `insert` put in right after `anchor` (which must be there). */
function insertAfter(html, anchor, insert, what) {
  assert.ok(html.includes(anchor), `${what} has no ${anchor}`);
  return html.replace(anchor, anchor + insert);
}

/**
 * Writes the recorder and the two recorded pages into the installed site (tests/install-package.sh
 * made it): derived from the e2e pages, so both suites load the package the same way.
 */
export function preparePages() {
  const script = `(${recordErrors})(${JSON.stringify(REJECTION_MARKER)});\n(${initScript})(${JSON.stringify(REJECTION_MARKER)});\n`;
  writeFileSync(path.join(SITE_DIR, RECORDER), script);
  const tag = `\n<script src="${RECORDER}"></script>`;
  let blank = readFileSync(path.join(E2E_PAGES, 'blank.html'), 'utf8');
  blank = insertAfter(blank.replace('<html>', '<html lang="ko">'), '<meta charset="utf-8">', tag, 'blank.html');
  assert.ok(blank.includes('<html lang="ko">'), 'blank.html has a plain <html>');
  writeFileSync(path.join(SITE_DIR, BLANK_PAGE), blank);
  const csp = insertAfter(readFileSync(path.join(E2E_PAGES, 'csp-strict.html'), 'utf8'), '<meta charset="utf-8">', tag, 'csp-strict.html');
  writeFileSync(path.join(SITE_DIR, CSP_STRICT_PAGE), csp);
  copyFileSync(path.join(E2E_PAGES, 'csp-strict.html.headers'), path.join(SITE_DIR, `${CSP_STRICT_PAGE}.headers`));
}

let elementCounter = 0;

export class EnginePage extends ShadowQueries {
  /** Use `EnginePage.open`. */
  constructor(engineName, driver, api, logStart) {
    super();
    this.engineName = engineName;
    this.driver = driver;
    this.api = api;
    this.logStart = logStart;
    // The subset of Playwright's Page the shared e2e helpers use: evaluate(fn, arg).
    this.page = { evaluate: (fn, arg = null) => this.evaluate(fn, arg) };
  }

  /**
   * Loads `url` in `engine` with an empty localStorage (a first visit), and waits until
   * <delivery-tracker> is defined. Requests the fixture API receives from here on are this
   * page's (the suites run one test at a time per server).
   */
  static async open(engineName, driver, url, api) {
    const logStart = (await serverRequests(api)).length;
    await driver.get(url);
    const tp = new EnginePage(engineName, driver, api, logStart);
    await tp.evaluate(() => localStorage.clear());
    await tp.until(() => tp.evaluate(() => !!customElements.get('delivery-tracker')), 15000, '<delivery-tracker> is defined');
    return tp;
  }

  /** Runs `fn(arg)` in the page (fn is serialised: it must not close over anything). */
  async evaluate(fn, arg = null) {
    return this.driver.executeScript(`return (${fn}).call(null, arguments[0]);`, arg);
  }

  /** Polls `probe()` until it is truthy; fails with `what` and the page's errors after `timeoutMs`. */
  async until(probe, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`${this.engineName}: not within ${timeoutMs} ms: ${what}\n${(await this.errors()).join('\n')}`);
      await sleep(40);
    }
  }

  /** Requests to the fixture API since the page was opened, from the server's own log. */
  async apiRequests(includes = null) {
    const all = await serverRequests(this.api);
    return all.slice(this.logStart).filter((r) => includes === null || r.url.includes(includes) || r.body.includes(includes));
  }

  /** Track requests for `number`: v1 GETs of …/tracks/{number}, v2 POSTs asking `track(` for it. */
  async trackRequests(number) {
    return (await this.apiRequests(number)).filter((r) => r.url.includes(`/tracks/${number}`) || (r.body.includes('track(') && r.body.includes(`"${number}"`)));
  }

  async errors() {
    return this.evaluate(() => window.__dtPageErrors || ['the recorder script did not run']);
  }

  async assertNoErrors() {
    await sleep(50); // late console messages
    assert.deepEqual(await this.errors(), [], `${this.engineName}: the page logged errors`);
  }

  /** Creates a <delivery-tracker> with `attrs` and `props` (set before it connects); returns `#id`. */
  async create(attrs = {}, { props = {}, id = `dt${++elementCounter}`, parent = 'body' } = {}) {
    await this.evaluate(
      ({ attrs, props, id, parent }) => {
        const el = document.createElement('delivery-tracker');
        el.id = id;
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        for (const [k, v] of Object.entries(props)) el[k] = v;
        document.querySelector(parent).append(el);
      },
      { attrs, props, id, parent },
    );
    return `#${id}`;
  }

  async state(sel) {
    return this.evaluate((sel) => document.querySelector(sel)?.state ?? null, sel);
  }

  async waitForState(sel, state, timeoutMs = 10000) {
    try {
      await this.until(async () => (await this.state(sel)) === state, timeoutMs, `${sel} in state "${state}"`);
    } catch (e) {
      const events = await this.events();
      throw new Error(`${e.message}\n${sel} is "${await this.state(sel)}"; events: ${JSON.stringify(events.map((ev) => [ev.id, ev.type, ev.detail?.kind]))}`);
    }
  }

  /** Recorded dt-* events, optionally of one type and/or one element (`#id`). */
  async events(type = null, sel = null) {
    const all = JSON.parse(await this.evaluate(() => JSON.stringify(window.__dtEvents)));
    return all.filter((e) => (type === null || e.type === type) && (sel === null || `#${e.id}` === sel));
  }

  async waitForEvents(type, sel, n = 1, timeoutMs = 10000) {
    await this.until(async () => (await this.events(type, sel)).length >= n, timeoutMs, `${n} ${type} event(s) of ${sel}`);
    return this.events(type, sel);
  }

  /**
   * Runs `fn(shadowRoot, arg)` in the page; the result comes back through JSON. `fn` is put into
   * the script WebDriver runs rather than eval'd in the page, which Trusted Types would refuse.
   */
  async shadow(sel, fn, arg = null) {
    const json = await this.driver.executeScript(
      `const el = document.querySelector(arguments[0]);
      if (!el) throw new Error('no element ' + arguments[0]);
      if (!el.shadowRoot) throw new Error(arguments[0] + ' has no open shadow root');
      const value = (${fn})(el.shadowRoot, arguments[1]);
      return JSON.stringify(value === undefined ? null : value);`,
      sel,
      arg,
    );
    return JSON.parse(json);
  }

  /** Waits until `sel` has its shadow root (the element attaches it once its wasm is loaded). */
  async waitForShadow(sel, timeoutMs = 10000) {
    await this.until(() => this.evaluate((sel) => !!document.querySelector(sel)?.shadowRoot, sel), timeoutMs, `${sel} has a shadow root`);
  }

  async shadowElement(sel, css) {
    const element = await this.driver.executeScript(
      'return document.querySelector(arguments[0]).shadowRoot.querySelector(arguments[1]);',
      sel,
      css,
    );
    assert.ok(element, `${sel} has no ${css}`);
    return element;
  }

  /** Clicks (a WebDriver click: the engine's own pointer input) the first match of `css`. */
  async click(sel, css) {
    await (await this.shadowElement(sel, css)).click();
  }

  /** Shows only the element `sel` (null: all of them again), so a screenshot is of one state. */
  async only(sel) {
    await this.evaluate((sel) => {
      for (const el of document.querySelectorAll('delivery-tracker')) el.hidden = sel !== null && `#${el.id}` !== sel;
      window.scrollTo(0, 0);
    }, sel);
  }

  /** Saves a full-window PNG to tests/screenshots/<engine>/<name>.png (showing only `sel`, if given). */
  async screenshot(name, sel = null) {
    if (sel) await this.only(sel);
    const dir = path.join(SCREENSHOT_ROOT, this.engineName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.png`), Buffer.from(await this.driver.takeScreenshot(), 'base64'));
    if (sel) await this.only(null);
  }
}
