// Helpers for the end-to-end tests: the demo/fixture server, Chromium through playwright-core,
// pages that record every error, and small accessors for <delivery-tracker> elements.
//
// Environment:
//   DEMO_SERVER_BIN  the demo server binary (default target/debug/delivery-tracker-demo)
//   CHROMIUM_PATH    the Chromium executable (default: what `which chromium` finds)
import { before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORK_DIR = path.join(REPO_ROOT, 'tests', '.work');
export const SITE_DIR = path.join(WORK_DIR, 'site');

/** The flags every Chromium of the tests and the benchmark runs with. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Marker the init script puts in front of unhandled promise rejections (sent as console.error). */
export const REJECTION_MARKER = '__DT_UNHANDLED_REJECTION__';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Processes

/**
 * Reads a child's stdout line by line until every `prefix: value` line named in `keys` was seen.
 * Resolves with { key: value }; rejects when the child exits first or `timeoutMs` passes.
 */
function waitForLines(child, keys, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const found = {};
    let buffer = '';
    let stderr = '';
    const done = (err, value) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        const m = /^([a-z]+):\s*(\S+)/.exec(line);
        if (m && keys.includes(m[1])) found[m[1]] = m[2];
      }
      if (keys.every((k) => k in found)) done(null, found);
    };
    const onExit = (code, signal) =>
      done(new Error(`${what} exited (code ${code}, signal ${signal}) before printing ${keys.join('/')}; stderr:\n${stderr}`));
    const onError = (e) => done(new Error(`cannot start ${what}: ${e.message}`));
    child.once('error', onError);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c) => {
      stderr += c;
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${what}] ${c}`);
    });
    child.on('exit', onExit);
    const timer = setTimeout(
      () => done(new Error(`${what} did not print ${keys.join('/')} within ${timeoutMs} ms; stderr:\n${stderr}`)),
      timeoutMs,
    );
  });
}

async function stopChild(child, what) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, 3000);
  await exited;
  clearTimeout(timer);
  if (process.env.E2E_VERBOSE) process.stderr.write(`[${what}] stopped\n`);
}

/**
 * Starts the demo server (`--page-port 0 --api-port 0`) serving `root` (default: the installed
 * test site). Resolves with { page: 'http://127.0.0.1:N/', api: 'http://127.0.0.1:M', stop() }.
 */
export async function startDemoServer({ root = SITE_DIR, args = [], timeoutMs = 20000 } = {}) {
  if (root === SITE_DIR && !existsSync(path.join(SITE_DIR, 'node_modules', 'delivery-tracker-widget', 'package.json'))) {
    throw new Error(`${SITE_DIR} has no installed package: run tests/install-package.sh first`);
  }
  const bin = path.resolve(REPO_ROOT, process.env.DEMO_SERVER_BIN || 'target/debug/delivery-tracker-demo');
  if (!existsSync(bin)) throw new Error(`no demo server at ${bin}: run cargo build -p delivery-tracker-demo (or set DEMO_SERVER_BIN)`);
  const child = spawn(bin, ['--root', root, '--page-port', '0', '--api-port', '0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines;
  try {
    lines = await waitForLines(child, ['page', 'api'], timeoutMs, `demo server (${bin})`);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  // Keep draining stdout so the server never blocks on a full pipe.
  child.stdout.on('data', (c) => {
    if (process.env.E2E_VERBOSE) process.stderr.write(`[demo server] ${c}`);
  });
  const page = lines.page.endsWith('/') ? lines.page : `${lines.page}/`;
  const api = lines.api.replace(/\/+$/, '');
  for (const url of [page, api]) {
    const host = new URL(url).hostname;
    assert.equal(host, '127.0.0.1', `the demo server must serve on 127.0.0.1, printed ${url}`);
  }
  return { page, api, child, stop: () => stopChild(child, 'demo server') };
}

/**
 * The requests the fixture API at `api` received, from its own log (`GET {api}/__requests`):
 * `[{ at, method, url, authorization, body }]`, oldest first. `at` is the server's clock in
 * milliseconds since the epoch, taken when the request arrived; `authorization` is `none`,
 * `demo-key` or `other` (the header's value is never logged). CORS preflights are left out;
 * `includes` keeps the requests whose URL or body contains it.
 */
export async function serverRequests(api, includes = null) {
  const origin = new URL(api).origin;
  const answer = await fetch(`${origin}/__requests`);
  assert.equal(answer.status, 200, 'the fixture API serves its request log');
  const { requests } = await answer.json();
  return requests.filter(
    (r) => r.method !== 'OPTIONS' && (includes === null || r.url.includes(includes) || r.body.includes(includes)),
  );
}

/**
 * Waits until the fixture API's own log holds at least `n` requests matching `includes` (see
 * `serverRequests`), and resolves with them: a request the browser sent may not have reached the
 * server yet.
 */
export async function waitForServerRequests(api, includes, n, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const requests = await serverRequests(api, includes);
    if (requests.length >= n) return requests;
    if (Date.now() > deadline) {
      throw new Error(`the fixture API received ${requests.length} requests matching ${includes}, not ${n}, within ${timeoutMs} ms`);
    }
    await sleep(25);
  }
}

/**
 * Starts the shop's tracking proxy (`PROXY_BIN`, default target/debug/delivery-tracker-proxy) on a
 * free port, in front of `upstream`, with `args` and `env` added (for the key:
 * `{ TRACKQL_API_KEY: … }`). Resolves with { url, log(), stop() }; `log()` is what it logged.
 */
export async function startProxy({ upstream, args = [], env = {}, timeoutMs = 20000 }) {
  const bin = path.resolve(REPO_ROOT, process.env.PROXY_BIN || 'target/debug/delivery-tracker-proxy');
  if (!existsSync(bin)) throw new Error(`no proxy at ${bin}: run cargo build -p delivery-tracker-proxy (or set PROXY_BIN)`);
  const { TRACKQL_API_KEY: _inherited, ...inherited } = process.env;
  const listen = args.includes('--listen') ? [] : ['--listen', '127.0.0.1:0'];
  const child = spawn(bin, [...listen, '--upstream', upstream, ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, DT_PROXY_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c) => (log += c));
  child.stdout.setEncoding('utf8');
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`the proxy did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the proxy exited (code ${code}):\n${log}`)));
    child.stdout.on('data', (c) => {
      buffer += c;
      const m = /^listening on (\S+)$/m.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  }).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  return { url, child, log: () => log, stop: () => stopChild(child, 'proxy') };
}

/** A free TCP port on 127.0.0.1 (for servers that cannot pick their own, like the real v1 server). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a process and resolves once `http://127.0.0.1:<port>/<probePath>` answers (any status).
 * Used for the real tracker.delivery v1 server. Only ever talks to 127.0.0.1.
 */
export async function startHttpProcess({ command, args, env, cwd, port, probePath = '/', timeoutMs = 20000, name }) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const deadline = Date.now() + timeoutMs;
  const url = `http://127.0.0.1:${port}${probePath}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (code ${child.exitCode}) before answering; output:\n${output}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not answer ${url} within ${timeoutMs} ms; output:\n${output}`);
      }
      await sleep(100);
    }
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stopChild(child, name) };
}

// ---------------------------------------------------------------------------------------------
// The browser

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
  }
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 30000 });
}

// Runs in every page before its scripts: records unhandled rejections and the element's events
// (listening on document, capture phase: the events bubble and are composed). The cross-engine
// suite loads it as a page script of its own (tests/cross-engine/page.mjs).
export function initScript(marker) {
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    console.error(`${marker} ${(r && r.stack) || String(r)}`);
  });
  window.__dtEvents = [];
  for (const type of ['dt-load', 'dt-error', 'dt-fallback']) {
    document.addEventListener(
      type,
      (e) => {
        let detail;
        try {
          detail = JSON.parse(JSON.stringify(e.detail === undefined ? null : e.detail));
        } catch (err) {
          detail = { __unserializable: String(err) };
        }
        const target = e.target;
        window.__dtEvents.push({
          type,
          id: (target && target.id) || null,
          state: target && 'state' in target ? target.state : undefined,
          bubbles: e.bubbles,
          composed: e.composed,
          detailIsObject: typeof e.detail === 'object' && e.detail !== null,
          detail,
          at: performance.now(),
        });
      },
      true,
    );
  }
}

/** Records a page's errors, rejections and dt-* events for a TrackerPage; call before it loads. */
export function recordPage(page) {
  return page.addInitScript(initScript, REJECTION_MARKER);
}

/**
 * Opens `url` in a fresh browser context (own localStorage) and records errors, console output,
 * and every request. Waits until `<delivery-tracker>` is defined unless `waitForElement: false`.
 */
export async function openPage(
  browser,
  url,
  { locale = 'ko-KR', timezoneId = undefined, waitForElement = true, apiOrigin = null } = {},
) {
  const context = await browser.newContext({ locale, timezoneId });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const tp = new TrackerPage(context, page, apiOrigin);
  await recordPage(page);
  await page.goto(url, { waitUntil: 'load', timeout: 15000 });
  if (waitForElement) {
    try {
      await page.waitForFunction(() => !!customElements.get('delivery-tracker'), null, { timeout: 15000 });
    } catch (e) {
      throw new Error(`<delivery-tracker> was never defined on ${url}: ${e.message}\n${tp.errorReport()}`);
    }
  }
  return tp;
}

let elementCounter = 0;

/**
 * Queries on a <delivery-tracker>'s shadow root, written once for every driver: a subclass gives
 * `shadow(sel, fn, arg)`, which runs `fn(shadowRoot, arg)` in the page (Playwright here,
 * WebDriver in tests/cross-engine/page.mjs).
 */
export class ShadowQueries {
  /**
   * Whitespace-collapsed text of the shadow root, or of its first match of `css` (null when none
   * matches). Text inside <style> is left out.
   */
  async text(sel, css = null) {
    return this.shadow(
      sel,
      (root, css) => {
        const node = css ? root.querySelector(css) : root;
        if (!node) return null;
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        let out = '';
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (t.parentElement && t.parentElement.closest('style')) continue;
          out += t.data;
        }
        return out.replace(/\s+/g, ' ').trim();
      },
      css,
    );
  }

  /** Whitespace-collapsed textContent of every match of `css` in the shadow root. */
  async texts(sel, css) {
    return this.shadow(sel, (root, css) => [...root.querySelectorAll(css)].map((n) => n.textContent.replace(/\s+/g, ' ').trim()), css);
  }

  async count(sel, css) {
    return this.shadow(sel, (root, css) => root.querySelectorAll(css).length, css);
  }

  /** The attribute `name` of every match of `css` in the shadow root (null where absent). */
  async attrs(sel, css, name) {
    return this.shadow(sel, (root, [css, name]) => [...root.querySelectorAll(css)].map((n) => n.getAttribute(name)), [css, name]);
  }

  async attr(sel, css, name) {
    return (await this.attrs(sel, css, name))[0] ?? null;
  }
}

export class TrackerPage extends ShadowQueries {
  constructor(context, page, apiOrigin) {
    super();
    this.context = context;
    this.page = page;
    this.apiOrigin = apiOrigin ? new URL(apiOrigin).origin : null;
    this.pageErrors = [];
    this.rejections = [];
    this.consoleErrors = [];
    this.console = [];
    this.requests = [];
    page.on('pageerror', (err) => this.pageErrors.push((err && err.stack) || String(err)));
    page.on('console', (msg) => {
      const text = msg.text();
      this.console.push({ type: msg.type(), text });
      if (msg.type() !== 'error') return;
      if (text.startsWith(REJECTION_MARKER)) this.rejections.push(text.slice(REJECTION_MARKER.length).trim());
      else if (!text.startsWith('Failed to load resource')) this.consoleErrors.push(text);
    });
    page.on('request', (req) => {
      this.requests.push({ url: req.url(), method: req.method(), request: req, at: Date.now(), failure: null });
    });
    page.on('requestfailed', (req) => {
      const rec = this.requests.find((r) => r.request === req);
      if (rec) rec.failure = req.failure()?.errorText ?? 'failed';
    });
  }

  /** Requests to the API origin (CORS preflights excluded), optionally filtered by URL part. */
  apiRequests(urlIncludes = null) {
    assert.ok(this.apiOrigin, 'openPage(..., { apiOrigin }) was not given');
    return this.requests.filter(
      (r) =>
        r.method !== 'OPTIONS' &&
        new URL(r.url).origin === this.apiOrigin &&
        (urlIncludes === null || r.url.includes(urlIncludes)),
    );
  }

  /** Waits until at least `n` API requests (matching `urlIncludes`) were sent. */
  async waitForApiRequests(n, urlIncludes = null, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (this.apiRequests(urlIncludes).length < n) {
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${n} requests matching ${urlIncludes}, saw ${this.apiRequests(urlIncludes).length}: ` +
            JSON.stringify(this.apiRequests().map((r) => `${r.method} ${r.url}`)),
        );
      }
      await sleep(25);
    }
  }

  errorReport() {
    return [
      ...this.pageErrors.map((e) => `pageerror: ${e}`),
      ...this.rejections.map((e) => `unhandled rejection: ${e}`),
      ...this.consoleErrors.map((e) => `console.error: ${e}`),
    ].join('\n');
  }

  /** Fails on any page error, unhandled rejection or console error (except "Failed to load resource"). */
  async assertNoErrors() {
    await sleep(50); // let late console messages arrive
    assert.equal(this.errorReport(), '', 'the page logged errors');
  }

  /**
   * Creates a <delivery-tracker> with `attrs` (attribute name → string) and `props` (set before
   * it connects), appends it to `parent` (a selector, default body) and returns its selector.
   */
  async create(attrs = {}, { props = {}, id = `dt${++elementCounter}`, parent = 'body' } = {}) {
    await this.page.evaluate(
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
    return this.page.evaluate((sel) => document.querySelector(sel)?.state, sel);
  }

  async waitForState(sel, state, timeoutMs = 10000) {
    try {
      await this.page.waitForFunction(([sel, state]) => document.querySelector(sel)?.state === state, [sel, state], {
        timeout: timeoutMs,
        polling: 20,
      });
    } catch (e) {
      const now = await this.state(sel).catch(() => '?');
      const events = await this.events().catch(() => []);
      throw new Error(
        `${sel}: state did not become "${state}" within ${timeoutMs} ms (it is "${now}")\n` +
          `events: ${JSON.stringify(events.map((e) => [e.type, e.detail && (e.detail.kind || e.detail.reason || e.detail.status)]))}\n` +
          this.errorReport(),
      );
    }
  }

  /** Recorded dt-* events, optionally only of one type and/or one element (selector `#id`). */
  async events(type = null, sel = null) {
    const all = await this.page.evaluate(() => window.__dtEvents);
    return all.filter((e) => (type === null || e.type === type) && (sel === null || `#${e.id}` === sel));
  }

  async waitForEvents(type, sel, n = 1, timeoutMs = 10000) {
    try {
      await this.page.waitForFunction(
        ([type, id, n]) => window.__dtEvents.filter((e) => e.type === type && (id === null || e.id === id)).length >= n,
        [type, sel ? sel.replace(/^#/, '') : null, n],
        { timeout: timeoutMs, polling: 20 },
      );
    } catch {
      const events = await this.events();
      throw new Error(`${sel}: expected ${n} ${type} event(s) within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`);
    }
    return this.events(type, sel);
  }

  /** Runs `fn(shadowRoot, arg)` in the page (fn is serialised: it must not close over anything). */
  async shadow(sel, fn, arg = null) {
    return this.page.evaluate(
      ([sel, src, arg]) => {
        const el = document.querySelector(sel);
        if (!el) throw new Error(`no element ${sel}`);
        if (!el.shadowRoot) throw new Error(`${sel} has no open shadow root`);
        return (0, eval)(`(${src})`)(el.shadowRoot, arg);
      },
      [sel, fn.toString(), arg],
    );
  }

  async close() {
    await this.context.close();
  }
}

/** Opens a page, runs `body(tp)`, asserts no errors, closes the context whatever happens. */
export async function withPage(browser, url, options, body) {
  const tp = await openPage(browser, url, options);
  try {
    await body(tp);
    await tp.assertNoErrors();
  } finally {
    await tp.close();
  }
}

/**
 * Awaits several starters (promises of servers or browsers) together. When one fails, stops the
 * others (so no process keeps the test runner alive) and throws the first error.
 */
export async function startAll(promises) {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (!failed) return results.map((r) => r.value);
  await Promise.allSettled(
    results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (typeof r.value.stop === 'function' ? r.value.stop() : r.value.close())),
  );
  throw failed.reason;
}

/**
 * The set-up every suite against the demo server shares: registers `before` (start the demo server
 * serving `root`, default the installed test site, and Chromium) and `after` (stop both), and
 * returns the suite's handles. `server` and `browser` are getters: read them inside tests or hooks,
 * once `before` has run. `open(pagePath, body, options)` opens `${server.page}${pagePath}` with
 * `withPage` (apiOrigin: the fixture API unless `options` says otherwise); `run(body, options)`
 * opens blank.html (the installed package, imported through an import map).
 */
export function useDemoSuite({ root, withProxy = false, proxyArgs = [] } = {}) {
  let server;
  let browser;
  let proxy;

  before(async () => {
    // With the proxy, the page learns its address from the demo server, which starts first.
    const proxyPort = withProxy ? await freePort() : null;
    const args = withProxy ? ['--proxy-base', `http://127.0.0.1:${proxyPort}`] : [];
    [server, browser] = await startAll([startDemoServer({ root, args }), launchBrowser()]);
    if (withProxy) {
      proxy = await startProxy({
        upstream: `${server.api}/keyed`,
        args: ['--listen', `127.0.0.1:${proxyPort}`, '--allow-origin', new URL(server.page).origin, ...proxyArgs],
        env: { TRACKQL_API_KEY: 'demo-client:demo-secret' },
      });
    }
  });

  after(async () => {
    await Promise.allSettled([browser?.close(), server?.stop(), proxy?.stop()]);
  });

  const open = (pagePath, body, options = {}) =>
    withPage(browser, `${server.page}${pagePath}`, { apiOrigin: server.api, ...options }, body);

  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    get proxy() {
      return proxy;
    },
    open,
    run: (body, options = {}) => open('blank.html', body, options),
  };
}
