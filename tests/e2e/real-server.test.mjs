// <delivery-tracker> against the real open-source tracker.delivery v1 server
// (npm delivery-tracker-apiserver@0.1.0, MIT), installed by tests/install-package.sh with
// `npm ci` in tests/real-server. What that server answers (seen on this machine, no internet):
//
//   GET /carriers                          200 [7 carriers: kr.cjlogistics, kr.cupost, kr.cvsnet,
//                                          kr.epost, kr.hanjin, kr.logen, kr.lotte] with name, tel
//   GET /carriers/xx.nowhere               404 {"message":"지원하지 않는 택배사입니다."}
//   GET /carriers/xx.nowhere/tracks/1      404 {"message":"지원하지 않는 택배사입니다."}
//   GET /carriers/kr.cjlogistics/tracks/1234567890
//                                          500 {"message":"getaddrinfo ENOTFOUND www.cjlogistics.com"}
//                                          within milliseconds (it scrapes the carrier's site)
//   unknown path                           404 text/html "Cannot GET /nope"
//   every answer                           Access-Control-Allow-Origin: *
//
// The server listens on all interfaces (server.js: app.listen(PORT)); the tests only ever talk
// to it on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT, startAll, startDemoServer, startHttpProcess, freePort, launchBrowser, withPage, sleep } from './harness.mjs';
import { FALLBACK_TEXT, INVALID_HEADING } from './support/expected.mjs';

const REAL_SERVER_DIR = path.join(REPO_ROOT, 'tests', 'real-server');
const REAL_CARRIER_IDS = ['kr.cjlogistics', 'kr.cupost', 'kr.cvsnet', 'kr.epost', 'kr.hanjin', 'kr.logen', 'kr.lotte'];

let site;
let real;
let browser;

before(async () => {
  const port = await freePort();
  [site, real, browser] = await startAll([
    startDemoServer(),
    startHttpProcess({
      name: 'real v1 server',
      command: process.execPath,
      args: [path.join(REAL_SERVER_DIR, 'node_modules', 'delivery-tracker-apiserver', 'server.js')],
      cwd: REAL_SERVER_DIR,
      env: { PORT: String(port) },
      port,
      probePath: '/carriers',
    }),
    launchBrowser(),
  ]);
});

after(async () => {
  await Promise.allSettled([browser?.close(), site?.stop(), real?.stop()]);
});

const T = { timeout: 30000 };

function run(body) {
  return withPage(browser, `${site.page}blank.html`, { apiOrigin: real.url }, body);
}

test('the real server answers what the tests expect (probe from node, 127.0.0.1 only)', T, async () => {
  const carriers = await (await fetch(`${real.url}/carriers`)).json();
  assert.deepEqual(carriers.map((c) => c.id), REAL_CARRIER_IDS);
  const unknown = await fetch(`${real.url}/carriers/xx.nowhere/tracks/1234567890`);
  assert.equal(unknown.status, 404);
  assert.deepEqual(await unknown.json(), { message: '지원하지 않는 택배사입니다.' });
});

test('lookup form lists the real server\'s 7 carriers', T, () =>
  run(async (tp) => {
    const el = await tp.create({ 'api-base': real.url });
    await tp.waitForState(el, 'idle');
    await tp.page.waitForFunction(
      (sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('form[part=form] select[name=carrier] option[value="kr.lotte"]').length === 1,
      el,
      { timeout: 10000 },
    );
    const options = await tp.shadow(el, (root) =>
      [...root.querySelectorAll('form[part=form] select[name=carrier] option')].filter((o) => o.value !== '').map((o) => o.value),
    );
    assert.deepEqual([...options].sort(), [...REAL_CARRIER_IDS].sort());
    assert.deepEqual(tp.apiRequests().map((r) => r.url), [`${real.url}/carriers`]);
  }));

test('an unknown carrier ends in invalid', T, () =>
  run(async (tp) => {
    const el = await tp.create({ carrier: 'xx.nowhere', 'tracking-number': '1234567890', 'api-base': real.url });
    await tp.waitForState(el, 'invalid');
    const [err] = await tp.waitForEvents('dt-error', el);
    assert.equal(err.detail.kind, 'invalid');
    assert.equal(err.detail.fallbackHref, 'https://tracker.delivery/#/xx.nowhere/1234567890');
    assert.equal((await tp.events('dt-fallback')).length, 0);
    assert.ok((await tp.text(el, '[part=notice]')).includes(INVALID_HEADING));
  }));

test('a track request the server cannot serve (no internet) ends in fallback with the tracking link', T, () =>
  run(async (tp) => {
    const el = await tp.create({ carrier: 'kr.cjlogistics', 'tracking-number': '1234567890', 'api-base': real.url });
    await tp.waitForState(el, 'fallback');
    const [err] = await tp.waitForEvents('dt-error', el);
    assert.equal(err.detail.kind, 'unavailable');
    assert.equal(err.detail.httpStatus, 500);
    assert.match(err.detail.message, /^getaddrinfo /);
    assert.equal(err.detail.fallbackHref, 'https://tracker.delivery/#/kr.cjlogistics/1234567890');
    const [fb] = await tp.waitForEvents('dt-fallback', el);
    assert.deepEqual(fb.detail, { reason: 'unavailable', href: 'https://tracker.delivery/#/kr.cjlogistics/1234567890' });
    assert.ok((await tp.text(el, '[part=fallback]')).includes(FALLBACK_TEXT));
    assert.deepEqual(await tp.attrs(el, '[part=fallback] a[part=link]', 'href'), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
    await tp.waitForApiRequests(2, '/tracks/', 5000);
    await sleep(2000);
    assert.equal(tp.apiRequests('/tracks/').length, 2, 'one retry, no more');
    assert.equal(await tp.state(el), 'fallback');
  }));
