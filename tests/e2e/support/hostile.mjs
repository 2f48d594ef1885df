// Helpers for the hostile-* end-to-end tests (issue #7): request accounting, layout overflow,
// markup and secret scans. Every helper runs in or reads from a TrackerPage of ../harness.mjs.
import { sleep } from '../harness.mjs';

/** The tracking link the spec gives by default for `carrier` / `number` (both URL-safe here). */
export const defaultLink = (carrier, number) => `https://tracker.delivery/#/${carrier}/${number}`;

// -------------------------------------------------------------------------------------------
// Requests

/**
 * Track requests (not carriers lists, not CORS preflights) sent to `origin`: v1 GETs of
 * `/tracks/`, v2 POSTs whose body asks for `track(`. Each hop of a redirect is a request of its
 * own; `attempts` leaves out the hops that followed a redirect.
 */
export function trackRequests(tp, origin, { number = null, attempts = false } = {}) {
  return tp.requests.filter((r) => {
    if (r.method === 'OPTIONS' || new URL(r.url).origin !== origin) return false;
    if (attempts && r.request.redirectedFrom()) return false;
    const body = r.method === 'POST' ? r.request.postData() || '' : '';
    const isTrack = r.url.includes('/tracks/') || body.includes('track(');
    if (!isTrack) return false;
    return number === null || r.url.includes(`/tracks/${number}`) || body.includes(`"trackingNumber":"${number}"`);
  });
}

/** Waits until `count()` reaches `n` (polling), failing with `what` after `timeoutMs`. */
export async function waitForCount(count, n, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (count() < n) {
    if (Date.now() > deadline) throw new Error(`${what}: expected ${n}, saw ${count()} after ${timeoutMs} ms`);
    await sleep(25);
  }
}

/**
 * Wraps the page's fetch (the widget looks `fetch` up on window at each call) to time track
 * requests by the page's clock (`calls`: number and performance.now() of each call) and measure
 * how many are in flight at once: from the call until the body has been read or the signal
 * aborted. Read the figures with `fetchStats`; `callTimes` groups the calls by number.
 */
export async function watchTrackFetches(tp) {
  await tp.page.evaluate(() => {
    const stats = { inFlight: 0, maxInFlight: 0, started: [], calls: [] };
    window.__trackFetches = stats;
    const nativeFetch = window.fetch;
    window.fetch = function (input, init) {
      const url = String(input instanceof Request ? input.url : input);
      const body = init && typeof init.body === 'string' ? init.body : '';
      if (!url.includes('/tracks/') && !body.includes('track(')) return nativeFetch.apply(this, arguments);
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      stats.started.push(url + (body ? ` ${JSON.parse(body).variables.trackingNumber}` : ''));
      const number = body ? JSON.parse(body).variables.trackingNumber : decodeURIComponent(url.split('/tracks/')[1]);
      stats.calls.push({ number, t: performance.now() });
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          stats.inFlight--;
        }
      };
      const signal = init && init.signal;
      if (signal) {
        if (signal.aborted) finish();
        signal.addEventListener('abort', finish);
      }
      const promise = nativeFetch.apply(this, arguments);
      promise.then((response) => response.clone().arrayBuffer().then(finish, finish), finish);
      return promise;
    };
  });
}

export async function fetchStats(tp) {
  return tp.page.evaluate(() => ({ ...window.__trackFetches }));
}

/** { number: [ms of each call, by the page's clock] } from `fetchStats`. */
export function callTimes(stats) {
  const times = {};
  for (const { number, t } of stats.calls) (times[number] ??= []).push(t);
  return times;
}

// -------------------------------------------------------------------------------------------
// Layout

/**
 * Everything in the element's shadow root that sticks out horizontally: descendants whose box
 * leaves the `[part=base]` box, and boxes whose content is wider than they are. Also the host
 * against its parent. Returns descriptions (empty when nothing overflows).
 */
export async function horizontalOverflow(tp, sel) {
  return tp.page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const base = host.shadowRoot.querySelector('[part=base]');
    const out = [];
    const describe = (el) =>
      `<${el.localName}${el.getAttribute('part') ? ` part=${el.getAttribute('part')}` : ''}${el.className ? ` class="${el.className}"` : ''}>`;
    const parent = host.parentElement.getBoundingClientRect();
    const hostBox = host.getBoundingClientRect();
    if (hostBox.right > parent.right + 0.5 || hostBox.left < parent.left - 0.5) {
      out.push(`host ${hostBox.left}..${hostBox.right} outside its parent ${parent.left}..${parent.right}`);
    }
    if (!base) return [...out, 'no [part=base]'];
    const box = base.getBoundingClientRect();
    if (base.scrollWidth > base.clientWidth + 1) out.push(`[part=base] scrollWidth ${base.scrollWidth} > clientWidth ${base.clientWidth}`);
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      if (el.localName === 'style') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > box.right + 0.5 || r.left < box.left - 0.5) {
        out.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)}, [part=base] ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
      const style = getComputedStyle(el);
      // A text field scrolls the value it holds by design (the not-found form pre-fills it).
      if (el.localName === 'input') continue;
      if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1) {
        out.push(`${describe(el)} scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
      out.push(`the page scrolls horizontally: ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`);
    }
    return out;
  }, sel);
}

/** Appends `<div id=…>` of `width` px to body (no inline style attribute: CSSOM). */
export async function addContainer(tp, id, width) {
  await tp.page.evaluate(
    ([id, width]) => {
      const div = document.createElement('div');
      div.id = id;
      div.style.width = `${width}px`;
      document.body.append(div);
    },
    [id, width],
  );
  return `#${id}`;
}

// -------------------------------------------------------------------------------------------
// Markup and secrets

/**
 * What in the element's shadow root could only have come from a payload becoming markup:
 * elements the widget never renders, event-handler attributes, links that are not http(s)/tel:,
 * inline styles. Also counts elements of the light DOM that payloads could have added.
 */
export async function injectedMarkup(tp, sel) {
  return tp.page.evaluate((sel) => {
    const out = [];
    const root = document.querySelector(sel).shadowRoot;
    const forbidden = 'img, script, iframe, svg, style, object, embed, b, math, link, meta, base, template, frame, frameset, video, audio';
    for (const el of root.querySelectorAll(forbidden)) out.push(`<${el.localName}> in the shadow root`);
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        if (attr.startsWith('on')) out.push(`<${el.localName} ${attr}>`);
        if (attr === 'srcdoc' || attr === 'style') out.push(`<${el.localName} ${attr}>`);
      }
    }
    for (const a of root.querySelectorAll('a')) {
      const href = a.getAttribute('href');
      if (href !== null && !/^(https?:|tel:\+\d+$)/.test(href)) out.push(`<a href="${href}">`);
    }
    const light = document.querySelectorAll('body img, body script, body iframe, body svg, body style').length;
    if (light) out.push(`${light} payload element(s) in the light DOM`);
    if (typeof window.__xss !== 'undefined') out.push(`window.__xss = ${window.__xss}`);
    return out;
  }, sel);
}

/** The page's DOM with every open shadow root, attributes included, as one string. */
export async function serialisedDom(tp) {
  return tp.page.evaluate(() => {
    let out = document.documentElement.outerHTML;
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const name of el.getAttributeNames()) out += ` ${name}=${el.getAttribute(name)}`;
        if (el.shadowRoot) {
          out += el.shadowRoot.innerHTML;
          visit(el.shadowRoot);
        }
        if ('value' in el && typeof el.value === 'string') out += ` value=${el.value}`;
      }
    };
    visit(document);
    return out;
  });
}
