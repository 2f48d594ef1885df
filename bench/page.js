// The widget's side of the benchmark: imports the package like a shop page would and exposes
// measurements to bench/run.mjs as window.bench. Times are performance.now() milliseconds.
import '../www/index.js';

const out = () => document.getElementById('out');
// A macrotask without setTimeout's clamping: polls at sub-millisecond granularity.
const tick = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

function tracker({ apiBase, carrier, number }) {
  const el = document.createElement('delivery-tracker');
  el.setAttribute('carrier', carrier);
  el.setAttribute('tracking-number', number);
  el.setAttribute('api-base', apiBase);
  return el;
}

const events = (el) => el.shadowRoot.querySelectorAll('[part=event]').length;

/** Resolves when `test()` holds, checked now and after each DOM change in `el`'s shadow root. */
function until(el, test) {
  if (test()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (test()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(el.shadowRoot, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Resolves with the time `el` shows its result: dt-load has fired and the summary's status is in
 * its shadow root. (The DOM is checked, not only the event: dt-load once fired before Leptos had
 * rendered the view.)
 */
const loaded = (el) =>
  new Promise((resolve) =>
    el.addEventListener(
      'dt-load',
      async () => {
        await until(el, () => el.shadowRoot.querySelector('[part=status]'));
        resolve(performance.now());
      },
      { once: true },
    ),
  );

/**
 * The Resource Timing entry matching `test`. Chromium adds an entry in a task after the response
 * ends, which may come after the widget has rendered it: wait for it.
 */
function resourceEntry(test) {
  const found = performance.getEntriesByType('resource').find(test);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntries().find(test);
      if (entry) {
        observer.disconnect();
        resolve(entry);
      }
    });
    observer.observe({ type: 'resource', buffered: true });
  });
}

/**
 * The WebAssembly memory. The package exposes nothing for it: the wasm-bindgen glue's init
 * function (its default export) returns the instance's exports once it is initialised, and
 * the WebAssembly.Memory is one of them. Only called after the first element has loaded the wasm (before
 * that, calling it would start the load itself).
 */
async function wasmMemoryBytes() {
  const glue = await import('../www/pkg/delivery_tracker.js');
  const exports = await glue.default();
  // The build renames the exports (`memory` among them): find the memory by its type.
  const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
  return memory.buffer.byteLength;
}

window.bench = {
  wasmMemoryBytes,

  /** Connects the first element of the page: connect → wasm ready (shadow root mounted) → dt-load. */
  async firstElement(parcel) {
    const el = tracker(parcel);
    const done = loaded(el);
    const start = performance.now();
    out().append(el); // connectedCallback runs synchronously here
    while (!el.shadowRoot) await tick();
    const ready = performance.now();
    const load = await done;
    const wasm = await resourceEntry((e) => e.name.endsWith('.wasm'));
    return {
      ready: ready - start,
      loaded: load - start,
      wasmFetch: wasm.responseEnd - wasm.startTime,
      state: el.state,
    };
  },

  /**
   * One element rendering a history of `total` events: response → the newest 5 in the DOM after
   * dt-load (layout forced), then "show more" is clicked at once → all `total` events in the DOM
   * (layout forced). The response time is the track request's Resource Timing responseEnd.
   *
   * The core is loaded first, by a `mode="link"` element (no request, no timeline: the render
   * code stays cold). Otherwise the element's own track request, sent at connect while the wasm
   * loads, ends before the wasm is compiled, and "response → rendered" would time the rest of the
   * wasm's start-up (up to a few hundred ms; "connect → wasm ready" times that) where the baseline
   * has none.
   */
  async history(parcel, total) {
    const loader = tracker(parcel);
    loader.setAttribute('mode', 'link');
    out().append(loader);
    while (!loader.shadowRoot) await tick();
    loader.remove();
    const el = tracker(parcel);
    const all = new Promise((resolve) => {
      el.addEventListener(
        'dt-load',
        async () => {
          await until(el, () => events(el) >= Math.min(total, 5));
          el.getBoundingClientRect(); // style + layout
          const first = performance.now();
          const shown = events(el);
          el.shadowRoot.querySelector('[part=more]')?.click();
          await until(el, () => events(el) >= total);
          el.getBoundingClientRect();
          resolve({ first, shown, all: performance.now() });
        },
        { once: true },
      );
    });
    out().append(el);
    const { first, shown, all: end } = await all;
    const entry = await resourceEntry((e) => e.name.includes(`/tracks/${parcel.number}`));
    return {
      toFirst: first - entry.responseEnd,
      toAll: end - entry.responseEnd,
      responseEnd: entry.responseEnd,
      end,
      shown,
      count: events(el),
    };
  },

  /** `parcels.length` elements appended at once: time until every one fired dt-load. */
  async many(parcels) {
    const fragment = document.createDocumentFragment();
    const done = [];
    for (const parcel of parcels) {
      const el = tracker(parcel);
      done.push(loaded(el));
      fragment.append(el);
    }
    const start = performance.now();
    out().append(fragment);
    const ends = await Promise.all(done);
    const states = [...out().children].map((el) => el.state);
    return { all: Math.max(...ends) - start, ready: states.filter((s) => s === 'ready').length };
  },

  /**
   * `count` connect / disconnect cycles: a new element is connected, rendered (dt-load) and
   * removed, one after the other. Returns the wasm memory size every `every` cycles.
   */
  async cycles(parcel, count, every = 100) {
    const sizes = [];
    const start = performance.now();
    for (let i = 1; i <= count; i++) {
      const el = tracker(parcel);
      const done = loaded(el);
      out().append(el);
      await done;
      el.remove();
      if (i % every === 0) sizes.push(await wasmMemoryBytes());
    }
    return { sizes, ms: performance.now() - start };
  },
};
window.benchReady = true;
