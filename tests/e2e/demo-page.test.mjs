// The demo page (index.html at the repository root, importing ./www/index.js) served by the demo
// server with --root . : every scenario element reaches the state its fixture calls for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT, useDemoSuite } from './harness.mjs';

const demo = useDemoSuite({ root: REPO_ROOT, withProxy: true });

// data-scenario label → final state (index.html's scenario lists; states from the spec).
const EXPECTED = {
  '직접 해 보기': 'ready',
  'v1 · 배송 완료': 'ready',
  'v1 · 이동 중': 'ready',
  'v1 · 배송 출발': 'ready',
  'v1 · 긴 기록': 'ready',
  'v1 · 미등록 운송장': 'not-found',
  'v1 · 잘못된 운송장 번호': 'invalid',
  'v1 · 지원하지 않는 택배사': 'invalid',
  'v1 · 택배사 사이트 오류': 'fallback',
  'v1 · 일시 과부하 후 복구': 'ready',
  'v1 · 요청 제한 (Retry-After 읽힘)': 'fallback',
  'v1 · 요청 제한 (Retry-After 숨김)': 'fallback',
  'v1 · 느린 응답': 'fallback',
  'v1 · 잘린 응답': 'fallback',
  'v1 · HTML이 섞인 응답': 'ready',
  'v1 · API 키 필요': 'fallback',
  'v1 · 조회 양식': 'idle',
  'v2 · 배송 완료': 'ready',
  'v2 · 배달 실패': 'ready',
  'v2 · 배송 이상': 'ready',
  'v2 · 픽업 대기': 'ready',
  'v2 · 긴 기록': 'ready',
  'v2 · 아주 긴 기록': 'ready',
  'v2 · track: null': 'not-found',
  'v2 · 자체 호스팅 서버': 'ready',
  'v2 · 자체 호스팅 서버, 미등록': 'fallback',
  '프록시 · v1 배송 완료': 'ready',
  '프록시 · v2 배송 완료': 'ready',
  '프록시 · v1 배달 실패': 'ready',
  '프록시 · v1 미등록 운송장': 'not-found',
  '프록시 · 업스트림 장애 뒤 캐시': 'ready',
};

const scenario = (label) => `delivery-tracker[data-scenario="${label}"]`;

test('every demo element reaches its expected state, without errors', { timeout: 60000 }, () =>
  demo.open('', async (tp) => {
    await tp.page.waitForFunction((n) => document.querySelectorAll('delivery-tracker').length === n, Object.keys(EXPECTED).length, {
      timeout: 15000,
    });
    const labels = await tp.page.evaluate(() => [...document.querySelectorAll('delivery-tracker')].map((e) => e.dataset.scenario));
    assert.deepEqual([...labels].sort(), Object.keys(EXPECTED).sort(), 'the demo page has the expected scenarios');

    // The slow scenario (timeout=3000) and the retries settle within a few seconds.
    const deadline = Date.now() + 25000;
    let states;
    for (;;) {
      states = await tp.page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('delivery-tracker')].map((e) => [e.dataset.scenario, e.state])),
      );
      if (Object.entries(EXPECTED).every(([label, state]) => states[label] === state) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(states, EXPECTED);

    // A few renderings the fixtures pin down.
    assert.ok((await tp.text(scenario('v2 · 배달 실패'), '[part=status]')).includes('배달 실패'));
    assert.ok((await tp.text(scenario('v2 · 배송 이상'), '[part=status]')).includes('배송 이상'));
    assert.ok((await tp.text(scenario('v2 · 픽업 대기'), '[part=status]')).includes('픽업 대기'));
    assert.ok((await tp.text(scenario('v2 · 자체 호스팅 서버'), '[part=summary]')).includes('CJ대한통운'), 'carrier name from the built-in table');
    assert.ok((await tp.text(scenario('v1 · 배송 완료'), '[part=status]')).includes('배송완료'));
    assert.deepEqual(await tp.attrs(scenario('v1 · 배송 완료'), 'a[part=link]', 'href'), ['https://tracker.delivery/#/kr.cjlogistics/1234567890']);
    assert.equal(await tp.count(scenario('v1 · 조회 양식'), 'form[part=form]'), 1);
    assert.equal(await tp.page.evaluate(() => typeof window.__xss), 'undefined');
    assert.ok((await tp.page.locator('#event-log li').count()) > 0, 'the event log shows events');

    // Through the shop proxy: the v2-only status reached a v1 element, and the key is not in
    // the page (the proxy holds it).
    assert.ok((await tp.text(scenario('프록시 · v1 배달 실패'), '[part=status]')).includes('배달 실패'));
    assert.ok((await tp.text(scenario('프록시 · v2 배송 완료'), '[part=summary]')).includes('CJ대한통운'));
    assert.ok(!(await tp.page.content()).includes('demo-secret'), 'no key in the page');
    assert.ok((await tp.page.locator('#status').textContent()).includes(`가게 프록시: ${demo.proxy.url}`));
  }));

test('the playground: a theme selector, and the HTML snippet of what is chosen (issue 12)', { timeout: 30000 }, () =>
  demo.open('', async (tp) => {
    const slot = '#playground-slot delivery-tracker';
    await tp.waitForState(slot, 'ready', 15000);
    await tp.page.locator('#theme').selectOption('dark');
    await tp.page.locator('#mode').selectOption('compact');
    await tp.page.waitForFunction((sel) => document.querySelector(sel).getAttribute('theme') === 'dark', slot, { timeout: 5000 });
    assert.equal(
      await tp.page.locator('#snippet').textContent(),
      `<delivery-tracker carrier="kr.cjlogistics" tracking-number="1234567890" api-base="${demo.server.api}" mode="compact" theme="dark"></delivery-tracker>`,
    );
  }));
