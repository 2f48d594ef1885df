// End-to-end tests of issue 12, "a shopper understands it at a glance": the defects found on
// the way (no clipboard, control characters and long words, the omitted-events note, links
// for what cannot work, phone numbers) and the numbered items (the fallback's next steps, side
// states' callout, the summary's order, not-found context, the lookup form, wording, copy and
// refresh feedback, share, theme="auto", compact and link modes), with literal texts in Korean
// and English. Requests are counted from the fixture API's own log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoSuite, serverRequests, waitForServerRequests, sleep } from './harness.mjs';
import { addContainer, horizontalOverflow } from './support/hostile.mjs';
import { linkHrefs, luminance } from './support/assertions.mjs';

const demo = useDemoSuite();
const { run } = demo;

const T = { timeout: 40000 };

/** 23:00 on 2024-04-25 in Korea: the delivered fixture (17:19 that day) was delivered "today". */
const KOREAN_EVENING = new Date('2024-04-25T14:00:00Z');

const parcel = (number, extra = {}) => ({ carrier: 'kr.cjlogistics', 'tracking-number': number, 'api-base': demo.server.api, ...extra });

/** The polite live region's text. */
const liveRegion = (tp, sel) => tp.text(sel, '[role=status]');

/** Waits until `css` in `sel`'s shadow root reads `text` (whitespace collapsed). */
async function waitForText(tp, sel, css, text, timeout = 5000) {
  try {
    await tp.page.waitForFunction(
      ([sel, css, text]) => document.querySelector(sel).shadowRoot?.querySelector(css)?.textContent.replace(/\s+/g, ' ').trim() === text,
      [sel, css, text],
      { timeout, polling: 20 },
    );
  } catch {
    assert.fail(`${sel} ${css} should read "${text}", reads "${await tp.text(sel, css)}"`);
  }
}

describe('issue 12: defects found on the way', { concurrency: 4 }, () => {
  test('no navigator.clipboard: "copy" throws nothing, selects the number and says so (ko, en)', T, () =>
    run(async (tp) => {
      const ko = await tp.create(parcel('1234567890'));
      const en = await tp.create(parcel('1234567890', { lang: 'en' }));
      await tp.waitForState(ko, 'ready');
      await tp.waitForState(en, 'ready');
      // As on a plain-http page or in some in-app webviews.
      await tp.page.evaluate(() => delete Navigator.prototype.clipboard);
      assert.equal(await tp.page.evaluate(() => 'clipboard' in navigator), false);
      for (const [el, said] of [
        [ko, '복사할 수 없어 운송장 번호를 선택해 두었습니다.'],
        [en, "Couldn't copy: the tracking number is selected for you."],
      ]) {
        await tp.page.locator(`${el} button[part=copy]`).click();
        await waitForText(tp, el, '[role=status]', said);
        assert.equal(await tp.page.evaluate(() => document.getSelection().toString()), '1234567890', 'the number is selected');
        assert.equal(await tp.text(el, 'button[part=copy]'), el === ko ? '복사' : 'Copy', 'the button claims no copy');
      }
      // withPage asserts that no error or unhandled rejection reached the page.
    }));

  test('writeText refused: no unhandled rejection, no "copied", the number selected', T, () =>
    run(async (tp) => {
      const el = await tp.create(parcel('1234567890'));
      await tp.waitForState(el, 'ready');
      // Headless Chromium grants clipboard writes to a focused page whatever its permission
      // settings (CDP's Browser.setPermission "denied" included): the refusal an in-app webview
      // or a cross-origin frame gives is made here the way the browser makes it.
      await tp.page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      });
      await tp.page.locator(`${el} button[part=copy]`).click();
      await waitForText(tp, el, '[role=status]', '복사할 수 없어 운송장 번호를 선택해 두었습니다.');
      assert.equal(await tp.page.evaluate(() => document.getSelection().toString()), '1234567890');
      assert.equal(await tp.text(el, 'button[part=copy]'), '복사');
    }));

  test('controls are stripped from API text and long words break: 7100000000 at 360 px', T, () =>
    run(async (tp) => {
      const box = await addContainer(tp, 'narrow', 360);
      const el = await tp.create(parcel('7100000000'), { parent: box });
      await tp.waitForState(el, 'ready');
      // The carrier's name as sent, less its C0/C1 controls and DEL; the line and paragraph
      // separators, BOM and bidi marks are not controls.
      assert.equal(
        await tp.shadow(el, (root) => root.querySelector('.carrier-name').textContent),
        `\u202e\u2067\u200f\u061cCJ대한통운\u2028\u2029\ufeff\u200b${'W'.repeat(500)}`,
      );
      const controls = await tp.shadow(el, (root) => {
        const found = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(t.data)) found.push(t.data.slice(0, 20));
        }
        return found;
      });
      assert.deepEqual(controls, [], 'no control character is rendered');
      assert.deepEqual(await horizontalOverflow(tp, el), [], 'nothing sticks out of 360 px');
      const { height, narrowest } = await tp.shadow(el, (root) => {
        const base = root.querySelector('[part=base]');
        const widths = [...root.querySelectorAll('bdi, dd, .event-description')].map((n) => n.getBoundingClientRect().width);
        return { height: base.getBoundingClientRect().height, narrowest: Math.min(...widths) };
      });
      // Each 500-character word breaks across the card's width (about 20 lines), not one
      // character a line (500 lines, 10,000 px each).
      assert.ok(narrowest > 40, `no text is squeezed to a character's width (narrowest ${narrowest} px)`);
      assert.ok(height < 9000, `the card is ${height} px tall`);
    }));

  test('"older events are not shown" only under an opened "show more" (6000000000, v2, ko and en)', T, () =>
    run(async (tp) => {
      for (const [lang, more, note] of [
        ['ko', '495건 더보기', '더 오래된 기록은 표시되지 않습니다.'],
        ['en', 'Show 495 more', 'Older events are not shown.'],
      ]) {
        const el = await tp.create(parcel('6000000000', { 'api-version': 'v2', lang }));
        await tp.waitForState(el, 'ready', 20000);
        assert.equal(await tp.text(el, 'button[part=more]'), more);
        assert.equal(await tp.count(el, '.omitted'), 0, 'no note under a collapsed "show more"');
        await tp.page.locator(`${el} button[part=more]`).click();
        await waitForText(tp, el, '.omitted', note);
      }
    }));

  test('an unsupported carrier or a refused number links nowhere (xx.nope, 4000000000)', T, () =>
    run(async (tp) => {
      const unknown = await tp.create({ carrier: 'xx.nope', 'tracking-number': '1234567890', 'api-base': demo.server.api });
      const refused = await tp.create(parcel('4000000000', { lang: 'en' }));
      await tp.waitForState(unknown, 'invalid');
      await tp.waitForState(refused, 'invalid');
      for (const el of [unknown, refused]) {
        assert.deepEqual(await tp.attrs(el, 'a', 'href'), [], `${el}: no link`);
        assert.equal(await tp.count(el, 'form[part=form]'), 1, `${el}: the form to correct it`);
      }
      assert.equal(await tp.text(unknown, '.notice-heading'), '택배사와 운송장 번호를 확인해 주세요');
      assert.equal(await tp.text(refused, '.notice-heading'), 'Check the carrier and tracking number');
    }));

  test('phone numbers: the four checked ones, in the national format; none for the others', T, () =>
    run(async (tp) => {
      // The carrier down (5000000000): the fallback offers the table's phone.
      const cases = [
        ['kr.cjlogistics', 'tel:+8215881255', '전화 1588-1255'],
        ['kr.epost', 'tel:+8215881300', '전화 1588-1300'],
        ['kr.hanjin', 'tel:+8215880011', '전화 1588-0011'],
        ['kr.lotte', 'tel:+8215882121', '전화 1588-2121'],
        ['kr.logen', null, null],
        ['jp.yamato', null, null],
        ['jp.sagawa', null, null],
      ];
      const els = [];
      for (const [carrier] of cases) els.push(await tp.create({ carrier, 'tracking-number': '5000000000', 'api-base': demo.server.api }));
      for (const el of els) await tp.waitForState(el, 'fallback');
      for (const [i, [carrier, href, text]] of cases.entries()) {
        assert.deepEqual(await tp.attrs(els[i], 'a[href^="tel:"]', 'href'), href ? [href] : [], `${carrier}: tel: link`);
        if (text) assert.equal(await tp.text(els[i], 'a[href^="tel:"]'), text, `${carrier}: national format`);
      }
      const ready = await tp.create(parcel('1234567890', { lang: 'en' }));
      await tp.waitForState(ready, 'ready');
      assert.equal(await tp.text(ready, '[part=summary] a[href="tel:+8215881255"]'), 'Call 1588-1255');
    }));
});

describe('issue 12: a next step in every state', { concurrency: 4 }, () => {
  test('1. the fallback: why, carrier and number to copy, retry, the carrier\'s page and phone, then tracker.delivery (ko, en)', T, () =>
    run(async (tp) => {
      const ko = await tp.create(parcel('5000000000'));
      const en = await tp.create(parcel('5000000000', { lang: 'en' }));
      for (const el of [ko, en]) await tp.waitForState(el, 'fallback');
      const expected = {
        [ko]: {
          message: '지금은 배송 정보를 불러올 수 없습니다.',
          reason: '배송 조회 서비스에 연결할 수 없습니다.',
          carrier: 'CJ대한통운 운송장 번호 5000000000 복사',
          actions: ['다시 시도', 'CJ대한통운 홈페이지에서 조회하기', '전화 1588-1255'],
          link: 'tracker.delivery에서 조회하기',
        },
        [en]: {
          message: "Tracking details can't be loaded right now.",
          reason: "The tracking service can't be reached.",
          carrier: 'CJ Logistics Tracking number 5000000000 Copy',
          actions: ['Try again', 'Track on the CJ Logistics site', 'Call 1588-1255'],
          link: 'Track on tracker.delivery',
        },
      };
      for (const [el, want] of Object.entries(expected)) {
        assert.equal(await tp.text(el, '.fallback-message'), want.message);
        assert.equal(await tp.text(el, '.reason'), want.reason);
        assert.equal(await tp.text(el, '[part=fallback] .carrier'), want.carrier);
        assert.deepEqual(await tp.texts(el, '[part=fallback] .actions > *'), want.actions);
        assert.equal(await tp.text(el, 'a[part=link]'), want.link);
        // The carrier's own page and phone first, tracker.delivery second.
        assert.deepEqual(await tp.attrs(el, '[part=fallback] a', 'href'), [
          'https://trace.cjlogistics.com/next/tracking.html?wblNo=5000000000',
          'tel:+8215881255',
          'https://tracker.delivery/#/kr.cjlogistics/5000000000',
        ]);
      }
    }));

  test('1. every fallback says why in plain words: refused (the keyed API without its key) and unreadable (8881000000), ko and en', T, () =>
    run(async (tp) => {
      const refused = await tp.create(parcel('1234567890', { 'api-base': `${demo.server.api}/keyed` }));
      const refusedEn = await tp.create(parcel('1234567890', { 'api-base': `${demo.server.api}/keyed`, lang: 'en' }));
      const unreadable = await tp.create(parcel('8881000000'));
      const unreadableEn = await tp.create(parcel('8881000000', { lang: 'en' }));
      for (const el of [refused, refusedEn, unreadable, unreadableEn]) await tp.waitForState(el, 'fallback');
      assert.equal(await tp.text(refused, '.reason'), '배송 조회 서비스가 이 쇼핑몰의 조회를 받지 않습니다.');
      assert.equal(await tp.text(refusedEn, '.reason'), "The tracking service refused this shop's lookup.");
      assert.equal(await tp.text(unreadable, '.reason'), '배송 조회 서비스의 답을 읽을 수 없습니다.');
      assert.equal(await tp.text(unreadableEn, '.reason'), "The tracking service's answer can't be read.");
    }));

  test('1. the fallback\'s retry button looks the parcel up again (5020000012)', T, () =>
    run(async (tp) => {
      const el = await tp.create(parcel('5020000012'));
      await tp.waitForState(el, 'fallback');
      await waitForServerRequests(demo.server.api, '/tracks/5020000012', 2); // the one automatic retry
      await sleep(300);
      assert.equal((await serverRequests(demo.server.api, '/tracks/5020000012')).length, 2);
      await tp.page.locator(`${el} button.retry`).click();
      await waitForServerRequests(demo.server.api, '/tracks/5020000012', 3);
      await tp.waitForState(el, 'fallback');
    }));

  test('1. busy (429 with Retry-After 2) counts down; too slow says so (ko, en)', T, () =>
    run(async (tp) => {
      const busy = await tp.create(parcel('4292000012'));
      const busyEn = await tp.create(parcel('4292000013', { lang: 'en' }));
      const slow = await tp.create(parcel('9990000000', { timeout: '500' }));
      const slowEn = await tp.create(parcel('9990000000', { timeout: '500', lang: 'en' }));
      for (const el of [busy, busyEn, slow, slowEn]) await tp.waitForState(el, 'fallback');
      const reason = await tp.text(busy, '.reason');
      assert.match(reason, /^조회 요청이 많아 배송 조회 서비스가 잠시 응답하지 않습니다\. [12]초 후 다시 시도합니다\.$/);
      assert.match(await tp.text(busyEn, '.reason'), /^The tracking service is busy right now\. Trying again in [12] s\.$/);
      // The count reaches zero: then only the reason stays.
      await waitForText(tp, busy, '.reason', '조회 요청이 많아 배송 조회 서비스가 잠시 응답하지 않습니다.', 8000);
      assert.equal(await tp.text(slow, '.reason'), '배송 조회 서비스의 응답이 너무 늦습니다.');
      assert.equal(await tp.text(slowEn, '.reason'), 'The tracking service is answering too slowly.');
    }));

  test('2. side states: one callout with when, where, the carrier\'s words and the next step; the stage marked interrupted', T, () =>
    run(async (tp) => {
      const v2 = (number, lang) => parcel(number, { 'api-version': 'v2', lang });
      const els = {
        failKo: await tp.create(v2('7700000000', 'ko')),
        failEn: await tp.create(v2('7700000000', 'en')),
        issueEn: await tp.create(v2('7800000000', 'en')),
        pickupKo: await tp.create(v2('7900000000', 'ko')),
        pickupEn: await tp.create(v2('7900000000', 'en')),
      };
      for (const el of Object.values(els)) await tp.waitForState(el, 'ready');
      assert.equal(await tp.text(els.failKo, '[part=status]'), '배달 실패');
      assert.equal(await tp.count(els.failKo, '.side-state'), 0, 'the status is not said again under the stages');
      assert.equal(await tp.text(els.failKo, '.callout-when'), '2024. 6. 4. 오후 4:52 · 광주북구');
      assert.equal(await tp.text(els.failKo, '.callout-detail'), '고객님의 상품에 대한 안내가 있습니다. 고객센터로 문의해주세요.');
      assert.equal(await tp.text(els.failKo, '.callout-action'), '택배사에 문의하세요. CJ대한통운 전화 1588-1255');
      assert.equal(await tp.attr(els.failKo, '.callout-action a', 'href'), 'tel:+8215881255');
      assert.ok(!(await tp.text(els.failKo, '.callout')).includes('배달 실패'), 'the callout does not repeat the status');
      assert.equal(await tp.text(els.failEn, '[part=status]'), 'Delivery attempt failed');
      assert.equal(await tp.text(els.failEn, '.callout-action'), 'Contact the carrier. CJ Logistics Call 1588-1255');
      assert.equal(await tp.text(els.issueEn, '[part=status]'), 'Delivery issue');
      assert.equal(await tp.text(els.pickupKo, '.callout-action'), '광주북구에서 찾아가세요.');
      assert.equal(await tp.text(els.pickupEn, '.callout-action'), 'Pick it up at 광주북구.');
      // The stage reached is marked by a word and a shape, not by colour alone.
      for (const [el, word] of [[els.failKo, '중단'], [els.failEn, 'Interrupted'], [els.pickupKo, '중단']]) {
        assert.deepEqual(await tp.texts(el, 'li.interrupted .stage-note'), [word]);
        const shape = await tp.shadow(el, (root) => getComputedStyle(root.querySelector('li.interrupted'), '::before').backgroundImage);
        assert.match(shape, /^repeating-linear-gradient/);
      }
      assert.deepEqual(await tp.texts(els.failKo, 'li.interrupted .stage-name'), ['배송출발']);
      assert.deepEqual(await tp.texts(els.pickupKo, 'li.interrupted .stage-name'), ['배송중']);
    }));

  test('3. the summary leads with the answer: status, when (today / yesterday / window), carrier and number, checked · refresh', T, () =>
    run(async (tp) => {
      await tp.page.clock.setFixedTime(KOREAN_EVENING);
      const ko = await tp.create(parcel('1234567890'));
      const en = await tp.create(parcel('1234567890', { lang: 'en' }));
      const windowKo = await tp.create(parcel('2222222222'));
      const windowEn = await tp.create(parcel('2222222222', { lang: 'en' }));
      for (const el of [ko, en, windowKo, windowEn]) await tp.waitForState(el, 'ready');
      for (const el of [ko, en]) {
        assert.deepEqual(await tp.shadow(el, (root) => [...root.querySelector('[part=summary]').children].map((c) => c.className)), [
          'status',
          'when',
          'carrier',
          'freshness',
        ]);
      }
      assert.equal(await tp.text(ko, '.when'), '오늘 오후 5:19 도착');
      assert.equal(await tp.text(en, '.when'), 'Arrived today at 5:19 PM');
      assert.equal(await tp.text(ko, '.freshness'), '방금 확인 새로고침');
      assert.equal(await tp.text(en, '.freshness'), 'Checked just now Refresh');
      assert.equal(await tp.text(windowKo, '.when'), '13~15시 도착 예정');
      assert.equal(await tp.text(windowEn, '.when'), 'Expected 13:00–15:00');
      // The newest event stands out: a marker (its ::before) that the others lack.
      assert.deepEqual(await tp.shadow(ko, (root) => [...root.querySelectorAll('li[part=event]')].map((li) => getComputedStyle(li, '::before').content)), [
        '""',
        'none',
        'none',
        'none',
        'none',
      ]);
    }));

  test('3. "yesterday" by the calendar of the event\'s own offset (1111111111, kr.epost)', T, () =>
    run(async (tp) => {
      await tp.page.clock.setFixedTime(new Date('2026-11-28T01:00:00Z')); // 10:00 in Korea
      const ko = await tp.create({ ...parcel('1111111111'), carrier: 'kr.epost' });
      const en = await tp.create({ ...parcel('1111111111'), carrier: 'kr.epost', lang: 'en' });
      for (const el of [ko, en]) await tp.waitForState(el, 'ready');
      assert.equal(await tp.text(ko, '.when'), '최근 업데이트: 어제 오전 3:30');
      assert.equal(await tp.text(en, '.when'), 'Latest update: yesterday at 3:30 AM');
    }));

  test('4. not found: heading and advice, the number, the carrier\'s message labelled, retry, the form pre-filled (ko, en)', T, () =>
    run(async (tp) => {
      const ko = await tp.create(parcel('4040404040'));
      const en = await tp.create(parcel('1357913579', { lang: 'en' }));
      for (const el of [ko, en]) await tp.waitForState(el, 'not-found');
      assert.equal(await tp.text(ko, '.notice-heading'), '배송 정보를 찾을 수 없습니다');
      assert.equal(await tp.text(ko, '.notice-advice'), '방금 등록된 운송장은 조회되기까지 최대 하루가 걸릴 수 있습니다. 번호가 맞는지 확인해 주세요.');
      assert.equal(await tp.text(ko, '.notice-number'), '운송장 번호 4040404040');
      assert.equal(await tp.text(ko, '.carrier-message'), '택배사 안내 운송장이 등록되지 않았거나 업체에서 상품을 준비중이니 업체로 문의해주시기 바랍니다.');
      assert.equal(await tp.text(en, '.notice-heading'), 'No tracking information found');
      assert.equal(await tp.text(en, '.notice-advice'), 'A parcel registered minutes ago can take up to a day to appear. Check that the number is right.');
      assert.equal(await tp.text(en, '.notice-number'), 'Tracking number 1357913579');
      assert.equal(await tp.text(en, '.carrier-message-label'), "Carrier's message");
      assert.equal(await tp.text(en, 'button.retry'), 'Try again');
      for (const [el, number] of [[ko, '4040404040'], [en, '1357913579']]) {
        await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelector('select[name=carrier]'), el, { timeout: 10000 });
        assert.deepEqual(
          await tp.shadow(el, (root) => [root.querySelector('[name=carrier]').value, root.querySelector('[name=tracking-number]').value]),
          ['kr.cjlogistics', number],
        );
      }
      const before = (await serverRequests(demo.server.api, '/tracks/4040404040')).length;
      await tp.page.locator(`${ko} button.retry`).click();
      await waitForServerRequests(demo.server.api, '/tracks/4040404040', before + 1);
      await tp.waitForState(ko, 'not-found');
    }));
});

describe('issue 12: the form, wording, feedback and fit', { concurrency: 4 }, () => {
  test('5. the form: carriers in the order shoppers look for them, numbers without spaces or hyphens, one line when wide, "track another parcel"', T, () =>
    run(async (tp) => {
      const wide = await addContainer(tp, 'wide', 800);
      const ko = await tp.create({ 'api-base': demo.server.api }, { parent: wide });
      const en = await tp.create({ 'api-base': demo.server.api, lang: 'en' });
      for (const el of [ko, en]) {
        await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelectorAll('select[name=carrier] option').length === 30, el, { timeout: 10000 });
      }
      const labels = (el) => tp.shadow(el, (root) => [...root.querySelectorAll('select[name=carrier] option')].slice(1).map((o) => o.textContent));
      assert.deepEqual(await labels(ko), [
        'CJ대한통운', '우체국 택배', '한진택배', '롯데택배', '로젠택배',
        '건영택배', '경동택배', '대신택배', '성원글로벌카고', '오늘의픽업', '일양로지스', '천일택배', '한서호남택배', '한의사랑택배', '합동택배', '홈픽',
        'CU 편의점택배', 'CWAY (Woori Express)', 'GS Postbox 택배', 'SLX',
        'DHL', 'EMS', 'Fedex', 'Japan Post', 'Kuroneko Yamato', 'Sagawa', 'TNT', 'UPS', 'USPS',
      ]);
      assert.deepEqual(await labels(en), [
        'CJ Logistics', 'Korea Post', 'Hanjin', 'Lotte Global Logistics', 'Logen',
        'Chunil Express', 'CU Post', 'CWAY (Woori Express)', 'Daesin Parcel', 'GS Postbox', 'Hanips', 'Hanseo Honam Logis', 'Hapdong Express',
        'Homepick', 'Ilyang Logis', 'Kunyoung Express', 'Kyungdong Express', 'SLX', 'Sungwon Global Cargo', 'Today Pickup',
        'DHL', 'EMS', 'FedEx', 'Japan Post', 'Sagawa Express', 'TNT', 'UPS', 'USPS', 'Yamato Transport',
      ]);
      assert.equal(await tp.attr(ko, 'input[name=tracking-number]', 'inputmode'), 'numeric');
      assert.equal(await tp.attr(ko, 'input[name=tracking-number]', 'placeholder'), '예: 1234567890');
      assert.equal(await tp.attr(en, 'input[name=tracking-number]', 'placeholder'), 'e.g. 1234567890');
      // One line in an 800 px card; the inputs do not stretch across it.
      const boxes = await tp.shadow(ko, (root) =>
        ['select[name=carrier]', 'input[name=tracking-number]', 'button[type=submit]'].map((css) => {
          const r = root.querySelector(css).getBoundingClientRect();
          return { bottom: Math.round(r.bottom), width: r.width };
        }),
      );
      assert.ok(Math.abs(boxes[0].bottom - boxes[1].bottom) <= 4 && Math.abs(boxes[1].bottom - boxes[2].bottom) <= 4, `one line: ${JSON.stringify(boxes)}`);
      assert.ok(boxes[1].width <= 400, `the number field is ${boxes[1].width} px wide`);
      // "1234-5678-90" as typed from a receipt is looked up as 1234567890.
      await tp.page.locator(`${ko} select[name=carrier]`).selectOption('kr.cjlogistics');
      await tp.page.locator(`${ko} input[name=tracking-number]`).fill(' 1234-5678-90 ');
      await tp.page.locator(`${ko} button[type=submit]`).click();
      await tp.waitForState(ko, 'ready');
      assert.equal(await tp.page.evaluate((sel) => document.querySelector(sel).getAttribute('tracking-number'), ko), '1234567890');
      assert.equal(await tp.text(ko, 'button.another'), '다른 운송장 조회');
      await tp.page.locator(`${ko} button.another`).click();
      await tp.waitForState(ko, 'idle');
      assert.deepEqual(
        await tp.shadow(ko, (root) => [root.querySelector('[name=carrier]').value, root.querySelector('[name=tracking-number]').value]),
        ['kr.cjlogistics', ''],
      );
      // A result the shop put on its page offers no other parcel.
      const given = await tp.create(parcel('1234567890'));
      await tp.waitForState(given, 'ready');
      assert.equal(await tp.count(given, 'button.another'), 0);
    }));

  test('6. wording: the stage names Korean carriers use, and their English', T, () =>
    run(async (tp) => {
      const ko = await tp.create(parcel('1234567890'));
      const en = await tp.create(parcel('1234567890', { lang: 'en' }));
      for (const el of [ko, en]) await tp.waitForState(el, 'ready');
      assert.deepEqual(await tp.texts(ko, '.stage-name'), ['접수', '집화', '배송중', '배송출발', '배송완료']);
      assert.deepEqual(await tp.texts(en, '.stage-name'), ['Label created', 'Picked up', 'In transit', 'Out for delivery', 'Delivered']);
      assert.equal(await tp.text(ko, '[part=summary] a[href^="tel:"]'), '전화 1588-1255');
    }));

  test('8. theme="auto" follows the host page\'s color-scheme; compact is one line; link is an inline link-button', T, () =>
    run(async (tp) => {
      await tp.page.emulateMedia({ colorScheme: 'dark' });
      const lightPage = await tp.create(parcel('1234567890'));
      const box = await addContainer(tp, 'dark-page', 600);
      await tp.page.evaluate(() => (document.querySelector('#dark-page').style.colorScheme = 'light dark'));
      const darkPage = await tp.create(parcel('1234567890'), { parent: box });
      const forced = await tp.create(parcel('1234567890', { theme: 'dark' }));
      const compact = await tp.create(parcel('1234567890', { mode: 'compact' }), { parent: box });
      const link = await tp.create(parcel('1234567890', { mode: 'link', lang: 'en' }));
      for (const el of [lightPage, darkPage, forced, compact]) await tp.waitForState(el, 'ready');
      const background = (el) => tp.shadow(el, (root) => getComputedStyle(root.querySelector('[part=base]')).backgroundColor);
      assert.ok(luminance(await background(lightPage)) > 0.8, 'a page without dark support gets a light card');
      assert.ok(luminance(await background(darkPage)) < 0.2, 'a page that supports dark gets a dark card under a dark OS');
      assert.ok(luminance(await background(forced)) < 0.2, 'theme="dark" is dark anywhere');
      // Compact: one line of status, when and a link to the details.
      assert.equal(await tp.text(compact, '[part=summary]'), '배송완료 2024. 4. 25. 오후 5:19 도착 자세히 보기');
      const height = await tp.page.locator(compact).evaluate((host) => host.getBoundingClientRect().height);
      assert.ok(height < 70, `compact is ${height} px tall`);
      // Link: an inline button-like link, no card.
      await tp.page.waitForFunction((sel) => document.querySelector(sel).shadowRoot?.querySelector('a[part=link]'), link, { timeout: 10000 });
      assert.equal(await tp.text(link, 'a[part=link]'), 'Track on tracker.delivery');
      const look = await tp.shadow(link, (root) => {
        const base = getComputedStyle(root.querySelector('[part=base]'));
        const a = getComputedStyle(root.querySelector('a[part=link]'));
        return { border: base.borderTopWidth, host: getComputedStyle(root.host).display, background: a.backgroundColor };
      });
      assert.deepEqual(look, { border: '0px', host: 'inline-block', background: 'rgb(26, 86, 219)' });
    }));
});

// Both read the one clipboard of the browser: run side by side, one could read the other's copy.
describe('issue 12: copy and share (one clipboard, one test at a time)', { concurrency: 1 }, () => {
  test('7. copy says "✓ 복사됨" for about 2 s; targets are at least 32 px; refresh says "조회 중…"', T, () =>
    run(async (tp) => {
      await tp.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo.server.page).origin });
      const el = await tp.create(parcel('9980000012'));
      await tp.waitForState(el, 'ready');
      await tp.page.locator(`${el} button[part=copy]`).click();
      await waitForText(tp, el, 'button[part=copy]', '✓ 복사됨');
      assert.equal(await tp.page.evaluate(() => navigator.clipboard.readText()), '9980000012');
      await waitForText(tp, el, '[role=status]', '운송장 번호를 복사했습니다');
      await waitForText(tp, el, 'button[part=copy]', '복사', 6000);
      for (const css of ['button[part=copy]', 'button.share', 'button[part=refresh]', 'button[part=more]']) {
        const box = await tp.page.locator(`${el} ${css}`).boundingBox();
        assert.ok(box.height >= 32 && box.width >= 32, `${css} is ${box.width}×${box.height} px`);
      }
      assert.equal(await tp.text(el, 'button[part=more]'), '1건 더보기');
      // 998… numbers answer after a second: the button says what is going on meanwhile.
      await tp.page.locator(`${el} button[part=refresh]`).click();
      await waitForText(tp, el, 'button[part=refresh]', '조회 중…', 1000);
      await tp.waitForEvents('dt-load', el, 2);
      await waitForText(tp, el, 'button[part=refresh]', '새로고침');
    }));

  test('7. share status: the Web Share API where there is one, else a one-line summary copied (ko, en)', T, () =>
    run(async (tp) => {
      await tp.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo.server.page).origin });
      assert.equal(await tp.page.evaluate(() => typeof navigator.share), 'undefined', 'headless Chromium on Linux has no Web Share');
      const ko = await tp.create(parcel('1234567890'));
      const en = await tp.create(parcel('1234567890', { lang: 'en' }));
      for (const el of [ko, en]) await tp.waitForState(el, 'ready');
      await tp.page.locator(`${ko} button.share`).click();
      await waitForText(tp, ko, 'button.share', '✓ 복사됨');
      assert.equal(
        await tp.page.evaluate(() => navigator.clipboard.readText()),
        'CJ대한통운 · 1234567890 · 배송완료 · 2024. 4. 25. 오후 5:19 도착 https://tracker.delivery/#/kr.cjlogistics/1234567890',
      );
      await waitForText(tp, ko, '[role=status]', '배송 상태를 복사했습니다');
      // Where the platform shares (mobile browsers), the share sheet gets the same.
      await tp.page.evaluate(() => {
        window.__shared = [];
        navigator.share = (data) => {
          window.__shared.push(data);
          return Promise.resolve();
        };
      });
      await tp.page.locator(`${en} button.share`).click();
      await tp.page.waitForFunction(() => window.__shared.length === 1, null, { timeout: 5000 });
      assert.deepEqual(await tp.page.evaluate(() => window.__shared[0]), {
        title: 'CJ Logistics',
        text: 'CJ Logistics · 1234567890 · Delivered · Arrived Apr 25, 2024, 5:19 PM',
        url: 'https://tracker.delivery/#/kr.cjlogistics/1234567890',
      });
    }));
});
