// The phone benchmark (docs/performance.md, "First parcel on a phone"): a shop page with 1 or 20
// trackers of a delivered parcel, loaded cold in headless Chromium on a mid-range phone profile
// (CPU slowed 4×, 1.6 Mbps down / 750 kbps up, 150 ms latency, through the DevTools protocol),
// every file brotli-compressed (bench/cdn.mjs), from navigation start until every element's
// `state` is `ready` with its result shown; the widget side by side with bench/baseline.js's
// plain-JavaScript reference element, interleaved. Also the layout shift (CLS) of each page.

/** The profile: Lighthouse's "slow 4G" mobile throttling, as the DevTools protocol takes it. */
export const PHONE = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1000 * 1000) / 8,
  uploadBytesPerSecond: (750 * 1000) / 8,
};

export const PHONE_COUNTS = [1, 20];

/** The pages of one run, in the order they load (interleaved: widget, reference, …). */
export const phoneVariants = (count) => [
  { kind: 'widget', label: 'widget', preload: false },
  { kind: 'reference', label: 'reference (plain JS)', preload: false },
  // The lines www/README.md tells a shop it may add to its head (preloads, reserved height).
  ...(count === 1 ? [{ kind: 'widget', label: 'widget + head lines', preload: true }] : []),
];

/**
 * Loads one page cold (a fresh browser context: empty cache) under the phone profile. Resolves
 * with { ready, cls, resources }: `ready` in ms from navigation start, `resources` the page's
 * Resource Timing entries (name, start, end in ms from navigation start).
 */
export async function loadOnPhone(browser, url, { timeoutMs = 60000 } = {}) {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 412, height: 915 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.downloadBytesPerSecond,
      uploadThroughput: PHONE.uploadBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    await page.goto(url, { waitUntil: 'commit' });
    const ready = await Promise.race([
      page.evaluate(() => window.__phone.ready),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${url}: not ready within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    // Layout shifts are reported after the frame that made them: wait two frames and a task.
    const { cls, resources } = await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              setTimeout(() =>
                resolve({
                  cls: window.__phone.cls,
                  resources: performance.getEntriesByType('resource').map((e) => ({
                    name: e.name,
                    start: e.startTime,
                    end: e.responseEnd,
                  })),
                }),
              ),
            ),
          ),
        ),
    );
    if (errors.length) throw new Error(`${url}: page errors: ${errors.join('; ')}`);
    return { ready, cls, resources };
  } finally {
    await context.close();
  }
}

/** The URL of a phone page on the CDN server for `api` (the bench API's origin). */
export const phoneUrl = (cdn, api, kind, count, preload) =>
  `${cdn}/phone/${kind}?n=${count}&api=${encodeURIComponent(api)}${preload ? '&preload=1' : ''}`;

/** A waterfall of one load, for the report: each resource's start → end, path only. */
export function waterfall(resources) {
  return resources
    .map((r) => {
      const url = new URL(r.name);
      return `  ${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)} ms  ${url.pathname}`;
    })
    .join('\n');
}
