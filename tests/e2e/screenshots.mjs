// Writes the README's screenshots (docs/screenshots/): every state of the element at 360 px, in
// Korean and English, light and dark — one PNG per language and theme, the states stacked.
// Needs what the e2e tests need (scripts/build.sh, tests/install-package.sh, the demo server);
// with pngquant on PATH (Debian: apt-get install pngquant) the PNGs are quantised to a third of
// their size:
//   node tests/e2e/screenshots.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startDemoServer, launchBrowser } from './harness.mjs';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');

/** [label, attributes]: the states, in the order they are stacked. */
const STATES = [
  ['ready', { 'tracking-number': '1234567890' }],
  ['out for delivery', { 'tracking-number': '2222222222' }],
  ['attempt failed', { 'tracking-number': '7700000000', 'api-version': 'v2' }],
  ['pickup', { 'tracking-number': '7900000000', 'api-version': 'v2' }],
  ['not found', { 'tracking-number': '4040404040' }],
  ['invalid', { 'tracking-number': '4000000000' }],
  ['fallback', { 'tracking-number': '5000000000' }],
  ['busy', { 'tracking-number': '4292000000' }],
  ['form', { carrier: '' }],
  ['compact', { 'tracking-number': '1234567890', mode: 'compact' }],
  ['link', { 'tracking-number': '1234567890', mode: 'link' }],
];

const server = await startDemoServer();
const browser = await launchBrowser();
try {
  mkdirSync(OUT, { recursive: true });
  for (const lang of ['ko', 'en']) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
      const page = await context.newPage();
      await page.goto(`${server.page}blank.html`);
      await page.waitForFunction(() => !!customElements.get('delivery-tracker'));
      await page.evaluate(
        ({ states, lang, theme, api }) => {
          document.documentElement.lang = lang;
          document.body.style.cssText = `margin: 0; padding: 8px; background: ${theme === 'dark' ? '#0d1117' : '#f6f8fa'}; display: grid; gap: 8px;`;
          for (const [, attrs] of states) {
            const el = document.createElement('delivery-tracker');
            for (const [k, v] of Object.entries({ carrier: 'kr.cjlogistics', 'api-base': api, theme, ...attrs })) {
              if (v) el.setAttribute(k, v);
            }
            document.body.append(el);
          }
        },
        { states: STATES, lang, theme, api: server.api },
      );
      // Every element settles (the busy and fallback ones after their one retry).
      await page.waitForFunction(() => [...document.querySelectorAll('delivery-tracker')].every((el) => el.state && el.state !== 'loading'), null, { timeout: 20000 });
      await page.waitForTimeout(2500);
      const file = path.join(OUT, `${lang}-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      try {
        execFileSync('pngquant', ['--quality', '70-95', '--strip', '--force', '--output', file, file]);
      } catch (e) {
        if (e.code !== 'ENOENT') throw e;
      }
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
