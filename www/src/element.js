// delivery-tracker-widget/element: the <delivery-tracker> element class, without defining it.
//
// This is the readable source (with the JSDoc the manifest and the types are made from);
// scripts/build.sh minifies it into www/element.js, the module the package ships and pages load.
// Its relative URLs (./pkg/…) are the built module's, next to www/pkg/.
//
// Importing this module has no side effects (it is also safe to import where there is no DOM,
// e.g. during server-side rendering). The WebAssembly core loads once for the whole page, when
// the first element connects; until then (and if it cannot load) the element's own children,
// such as a plain tracking link, stay visible.

const ATTRIBUTES = [
  "carrier",
  "tracking-number",
  "api-base",
  "api-version",
  "mode",
  "lang",
  "fallback-href",
  "link-client-id",
  "timeout",
  "theme",
  "refresh-interval",
];
const NUMERIC = new Set(["timeout", "refresh-interval"]);
// The one way numbers are read from attributes, here and in the widget (src/settings.rs): a
// decimal number (`500`, `0.5`, `1e3`, `+2500`), surrounding whitespace allowed. Anything else
// (`0x10`, `1,000`, `Infinity`) is not a number: the property reads `null` and the widget uses
// its default.
const DECIMAL = /^\s*\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const decimal = (text) => {
  const number = text !== null && DECIMAL.test(text) ? Number(text) : NaN;
  return Number.isFinite(number) ? number : null;
};
const PARCEL = ["carrier", "tracking-number"];
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
// Properties a page may set before the element is defined (then they sit on the instance and hide
// the class's accessors until the element connects).
const PROPERTIES = [...ATTRIBUTES.filter((name) => name !== "lang").map(camel), "apiKey", "translations"];

let wasmUrl = null;
let core = null;
// Whether the core has loaded: from then on the element's own requests are the core's.
let coreLoaded = false;

/**
 * Sets where the `.wasm` is fetched from (a CDN, or a copy a bundler emitted elsewhere). Call it
 * before the first element connects; later calls have no effect on the page's one instance.
 * Without it the URL is `globalThis.DELIVERY_TRACKER_WASM_URL` when set, else
 * `./pkg/delivery_tracker_bg.wasm` relative to this module; `null` restores the default.
 * @param {string | URL | null} url
 * @returns {void}
 */
export function setWasmUrl(url) {
  wasmUrl = url == null || url === "" ? null : url;
}

// The glue and the `.wasm` are requested together, when the first element connects: the glue's
// init takes the response promise and compiles the module as its bytes arrive
// (`WebAssembly.instantiateStreaming`).
function loadCore() {
  core ??= (() => {
    const url = wasmUrl ?? globalThis.DELIVERY_TRACKER_WASM_URL ??
      new URL("./pkg/delivery_tracker_bg.wasm", import.meta.url);
    const wasm = fetch(url);
    wasm.catch(ignore); // a failure is the glue's init's to report
    return import("./pkg/delivery_tracker.js").then(async (module) => {
      await module.default({ module_or_path: wasm });
      module.takeOverPrefetched(claimPrefetched);
      coreLoaded = true;
      return module;
    });
  })();
  return core;
}

// The first requests of each parcel, started by the element at connect while the core loads, so
// that they travel in parallel with the wasm; the core takes each one over when it sends the same
// request (src/browser/prefetch.rs). v1: the track GET (the carriers list, which a v1 track needs
// only when it lacks the carrier's name, is the core's). v2: the first page of the track's
// GraphQL POST, and the first page of the carriers list, which a v2 track always needs (unless
// it is stored). Entries are keyed by URL, body and key; `holders` are the elements waiting for
// one.
const prefetched = new Map();
const DEFAULT_API_BASE = "https://apis.tracker.delivery";
const DAY_MS = 24 * 60 * 60 * 1000;
// A carrier or number the core reads as this file does: printable ASCII. (Trimming: Rust's and
// JavaScript's `trim` differ only in U+0085 and U+FEFF; a value with one at an edge gives a URL
// the core does not send, and the element's request is let go after mount.)
const SEGMENT = /^[!-~]+$/;
const prefetchKey = ({ url, body }, apiKey) => `${url}\n${body ?? ""}\n${apiKey ?? ""}`;
// The core's v2 queries (src/api/v2.rs, TRACK_QUERY and CARRIERS_QUERY), character for character:
// a body that differs is not taken over (critical-path.test.mjs counts the requests).
const TRACK_QUERY = `query Track($carrierId: ID!, $trackingNumber: String!, $before: String) {
  track(carrierId: $carrierId, trackingNumber: $trackingNumber) {
    trackingNumber
    lastEvent { time status { code name } description location { name } }
    events(last: 20, before: $before) {
      pageInfo { hasPreviousPage startCursor }
      edges { node { time status { code name } description location { name } } }
    }
    sender { name }
    recipient { name }
  }
}`;
const CARRIERS_BODY = JSON.stringify({
  query: `query Carriers($after: String) {
  carriers(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name } }
  }
}`,
  variables: { after: null },
});

// The stored carriers lists (the core's, in `localStorage` for a day), by storage key: the ids of
// a fresh one, else `null`. Each is read once a page: until the core loads, nothing writes them.
const storedLists = new Map();

function storedCarrierIds(version, base) {
  const key = `delivery-tracker:carriers:${version}:${base}`;
  if (!storedLists.has(key)) {
    let ids = null;
    try {
      const stored = JSON.parse(localStorage.getItem(key));
      const list = stored?.carriers;
      if (Date.now() - stored.at < DAY_MS && Array.isArray(list)) ids = new Set(list.map((entry) => entry?.id));
    } catch {
      // No storage, or not a list the core stored: the core reads it as it can.
    }
    storedLists.set(key, ids);
  }
  return storedLists.get(key);
}

/**
 * The requests (`{ url, body }`, `body` `null` for a GET) the core will send first for `element`
 * (src/browser/controller.rs, src/api/v1.rs and src/api/v2.rs build them the same way): none when
 * it will send none, or a value is one this file does not read exactly as the core does (the core
 * then sends its own).
 */
function earlyRequests(element) {
  const read = (name) => (element.getAttribute(name) ?? "").trim();
  if (read("mode").toLowerCase() === "link") return [];
  const version = read("api-version").toLowerCase();
  const v2 = version === "v2" || version === "2";
  const [carrier, number] = [read("carrier"), read("tracking-number")];
  const plain = (value) => SEGMENT.test(value) && value !== "." && value !== "..";
  if (!plain(carrier) || !plain(number)) return [];
  let base = DEFAULT_API_BASE;
  const raw = read("api-base");
  if (raw !== "") {
    let url;
    try {
      url = new URL(raw, document.baseURI); // the page's base, as the core resolves it
    } catch {
      return [];
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return [];
    base = url.href.replace(/\/+$/, "");
  }
  // A stored list that lacks the carrier: the core refuses the parcel without a request.
  const stored = storedCarrierIds(v2 ? "v2" : "v1", base);
  if (stored?.size > 0 && !stored.has(carrier)) return [];
  if (!v2) return [{ url: `${base}/carriers/${encodeURIComponent(carrier)}/tracks/${encodeURIComponent(number)}`, body: null }];
  const track = {
    url: `${base}/graphql`,
    body: JSON.stringify({ query: TRACK_QUERY, variables: { carrierId: carrier, trackingNumber: number, before: null } }),
  };
  return stored ? [track] : [track, { url: track.url, body: CARRIERS_BODY }];
}

// Starts (or joins) `request` with `apiKey` on behalf of `element`; returns its key.
function holdPrefetch(element, request, apiKey) {
  const key = prefetchKey(request, apiKey);
  let entry = prefetched.get(key);
  if (!entry) {
    const controller = new AbortController();
    const post = request.body !== null;
    const headers = { Accept: "application/json" };
    if (post) headers["Content-Type"] = "application/json";
    if (apiKey !== null) headers.Authorization = `TRACKQL-API-KEY ${apiKey}`;
    // `same-origin` is the credentials mode of `<link rel="preload" as="fetch" crossorigin>`, so a
    // shop's preload of a v1 track URL is used (www/README.md); to another origin it sends no
    // cookies, as the core's `omit` does.
    const response = fetch(request.url, {
      method: post ? "POST" : "GET",
      body: request.body,
      headers,
      credentials: "same-origin",
      signal: controller.signal,
    });
    response.catch(ignore); // an abort or a network error is the core's to report, once it takes over
    entry = { response, controller, holders: new Set() };
    prefetched.set(key, entry);
  }
  entry.holders.add(element);
  return key;
}

// `element` no longer waits for the request of `key`: aborted when nobody else does and the core
// has not taken it over.
function releasePrefetch(element, key) {
  const entry = prefetched.get(key);
  if (!entry || !entry.holders.delete(element) || entry.holders.size > 0) return;
  prefetched.delete(key);
  entry.controller.abort();
}

// The core takes a request over (once); from then on `signal`, the core's, aborts it.
function claimPrefetched(url, body, apiKey, signal) {
  const key = prefetchKey({ url, body }, apiKey);
  const entry = prefetched.get(key);
  if (!entry) return undefined;
  prefetched.delete(key);
  signal.onabort = () => entry.controller.abort();
  return entry.response;
}

// While its lookup is on its way, the element keeps about the height of its result (a delivered
// parcel's five newest events, 600 px; compact 56 px, its one line), so that the fallback link →
// result swap does not push the page down: a `min-height` through a custom state, from a stylesheet added to
// the element's document (or shadow root) when it connects. Zero specificity: a shop's own rule
// for the element wins.
const RESERVED = ":where(:state(dt-wait)){display:block;min-height:600px}:where(:state(dt-wait)[mode=compact i]){min-height:56px}";
const SETTLED = ["dt-load", "dt-error", "dt-fallback"];
let reservedSheet = null;

function adoptReservedSheet(root) {
  if (!reservedSheet) {
    reservedSheet = new CSSStyleSheet();
    reservedSheet.replaceSync(RESERVED);
  }
  if (!root.adoptedStyleSheets.includes(reservedSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, reservedSheet];
}

const ignore = () => {};
const warn = (message, error) => console.warn(`<delivery-tracker>: ${message}`, error);

// Nothing the element does may throw into the host page.
function guard(action, fallback) {
  try {
    return action();
  } catch (error) {
    warn("internal error.", error);
    return fallback;
  }
}

// Where there is no DOM (server-side rendering) the class still evaluates; it is never defined.
const Base = globalThis.HTMLElement ?? class {};

// www/custom-elements.json is generated from the JSDoc of this class and of its members
// (`npm run custom-elements-manifest`; scripts/custom-elements-manifest.config.mjs links each
// attribute to its camelCase property).
/**
 * Parcel tracking from the tracker.delivery API (v1 REST or v2 GraphQL). Its light-DOM children
 * (e.g. a plain tracking link) show until the widget loads, and stay if JavaScript or WebAssembly
 * cannot run.
 *
 * @summary A parcel's status, delivery stages and timeline, or its tracking link.
 * @tag delivery-tracker
 *
 * @slot - Fallback content (e.g. a plain tracking link): shown until the widget loads, and kept if JavaScript or WebAssembly cannot run.
 *
 * @attr {string} carrier - Carrier id, e.g. `kr.cjlogistics`.
 * @attr {string} tracking-number - The waybill number (v1 calls it track_id).
 * @attr {string} [api-base="https://apis.tracker.delivery"] - Where the API lives: the cloud, a self-hosted server or a shop proxy. Relative URLs resolve against the page.
 * @attr {"v1" | "v2"} [api-version="v1"] - `v1` (REST) or `v2` (GraphQL at `{api-base}/graphql`).
 * @attr {"full" | "compact" | "link"} [mode="full"] - `full` (summary, stages, timeline), `compact` (one line: status, when, a link to the details), `link` (only the tracking link, as an inline link-button: no request at all).
 * @attr {string} lang - `ko` or `en` (by primary subtag: `en-US` is `en`); else the nearest `lang` of the page, else the browser's languages, else `ko`.
 * @attr {string} [fallback-href="https://tracker.delivery/#/{carrier}/{tracking}"] - The tracking link; `{carrier}` and `{tracking}` are replaced with `encodeURIComponent` of the values. Only `http:`/`https:` results are used.
 * @attr {string} link-client-id - v2 tracking link: when set (and no `fallback-href`), the link is `https://link.tracker.delivery/track?client_id=…&carrier_id=…&tracking_number=…`.
 * @attr {number} [timeout=10000] - Milliseconds one request may take before it counts as a timeout.
 * @attr {"auto" | "light" | "dark"} [theme="auto"] - `auto` (follows the page: its `color-scheme`, and `prefers-color-scheme` where the page supports dark), `light` or `dark`.
 * @attr {number} [refresh-interval=0] - Seconds between automatic refreshes while the tab is visible; 0 = never; values under 60 count as 60.
 *
 * @prop {string | null} carrier - Mirrors the `carrier` attribute. `null` when the attribute is absent.
 * @prop {string | null} trackingNumber - Mirrors the `tracking-number` attribute. `null` when the attribute is absent.
 * @prop {string | null} apiBase - Mirrors the `api-base` attribute. `null` when the attribute is absent.
 * @prop {"v1" | "v2" | null} apiVersion - Mirrors the `api-version` attribute. `null` when the attribute is absent.
 * @prop {"full" | "compact" | "link" | null} mode - Mirrors the `mode` attribute. `null` when the attribute is absent.
 * @prop {string} lang - Mirrors the `lang` attribute. (HTMLElement's own `lang`).
 * @prop {string | null} fallbackHref - Mirrors the `fallback-href` attribute. `null` when the attribute is absent.
 * @prop {string | null} linkClientId - Mirrors the `link-client-id` attribute. `null` when the attribute is absent.
 * @prop {number | null} timeout - Mirrors the `timeout` attribute. `null` when the attribute is absent.
 * @prop {"auto" | "light" | "dark" | null} theme - Mirrors the `theme` attribute. `null` when the attribute is absent.
 * @prop {number | null} refreshInterval - Mirrors the `refresh-interval` attribute. `null` when the attribute is absent.
 *
 * @fires {CustomEvent<DtLoadDetail>} dt-load - A result was rendered (first load and each refresh). detail: `{ carrier, trackingNumber, status: { code, text }, data }`.
 * @fires {CustomEvent<DtErrorDetail>} dt-error - A request ended without a result. detail: `{ kind, httpStatus, message, fallbackHref }`; `httpStatus` is `null` when no HTTP answer came.
 * @fires {CustomEvent<DtFallbackDetail>} dt-fallback - The state became `fallback`. detail: `{ reason, href }`; `reason` is the error `kind`.
 *
 * @csspart base - Wraps everything; `aria-busy="true"` while loading.
 * @csspart summary - Carrier, tracking number, status, latest event time, delivery time.
 * @csspart status - The current status in words.
 * @csspart stages - The five-stage progress (`ol`).
 * @csspart stage - One stage (`li`); the current one has `aria-current="step"`.
 * @csspart timeline - The events, newest first, grouped by date (`ol`).
 * @csspart event - One event of the timeline (`li`).
 * @csspart more - The "show earlier events" toggle.
 * @csspart copy - The button that copies the tracking number.
 * @csspart refresh - The refresh button next to the "updated … ago" line.
 * @csspart form - The lookup form (carrier select, tracking number input, submit button).
 * @csspart notice - Not-found and invalid messages (`role="alert"`).
 * @csspart fallback - The fallback message with the tracking link (`role="alert"`).
 * @csspart link - The tracking link.
 *
 * @cssprop {<color>} [--dt-accent=#1a56db (dark: #6ea8fe)] - Accent colour (links, current stage).
 * @cssprop {<color>} [--dt-bg=#ffffff (dark: #161b22)] - Background colour.
 * @cssprop {<color>} [--dt-fg=#1f2328 (dark: #e6edf3)] - Text colour.
 * @cssprop {<color>} [--dt-muted=#59636e (dark: #9198a1)] - Secondary text colour.
 * @cssprop {<color>} [--dt-border=#d1d9e0 (dark: #3d444d)] - Border colour.
 * @cssprop {<length>} [--dt-radius=12px] - Corner radius.
 * @cssprop {*} [--dt-font=inherit] - Font family.
 */
export class DeliveryTrackerElement extends Base {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #tracker = null;
  #apiKey = null;
  #translations = null;
  #connected = false;
  #internals = null;
  #settled = () => this.#reserve(false);

  // Reserves the result's height (see RESERVED) while a lookup is on its way, or stops.
  #reserve(on) {
    try {
      if (!on) return this.#internals?.states.delete("dt-wait");
      this.#internals ??= this.attachInternals();
      adoptReservedSheet(this.getRootNode());
      this.#internals.states.add("dt-wait");
      for (const type of SETTLED) this.addEventListener(type, this.#settled);
    } catch {
      // No custom states in this browser (or the page took the element's internals): no reservation.
    }
  }

  /** The keys of the requests this element started while the core loads (see holdPrefetch). */
  #prefetches = [];
  #prefetchQueued = false;

  // While the core loads, the element's first requests are on their way, following changes of
  // attributes, key and connection. Changes made in one task count as one (a page that sets the
  // parcel and then the key sends one request, with the key): applied in a microtask.
  #queuePrefetch() {
    if (this.#prefetchQueued) return;
    this.#prefetchQueued = true;
    queueMicrotask(() => {
      this.#prefetchQueued = false;
      guard(() => this.#updatePrefetch());
    });
  }

  #updatePrefetch() {
    const wanted = this.#connected && !coreLoaded && !this.#tracker ? earlyRequests(this) : [];
    const keys = wanted.map((request) => prefetchKey(request, this.#apiKey));
    for (const key of this.#prefetches) if (!keys.includes(key)) releasePrefetch(this, key);
    this.#prefetches = wanted.map((request) => holdPrefetch(this, request, this.#apiKey));
  }

  #releasePrefetch() {
    for (const key of this.#prefetches) releasePrefetch(this, key);
    this.#prefetches = [];
  }

  connectedCallback() {
    this.#connected = true;
    for (const name of PROPERTIES) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.#queuePrefetch();
    if (!this.#tracker) this.#reserve(this.state === "loading");
    loadCore().then(
      (module) => {
        if (!this.#connected || this.#tracker) return;
        const tracker = guard(() => module.mount(this, this.#apiKey), null);
        if (tracker && this.#translations !== null) guard(() => tracker.setTranslations(this.#translations));
        this.#tracker = tracker;
        // The core sends its first request in the microtasks after mount, taking this element's
        // over; one it did not take (it refused the parcel) is let go after that.
        setTimeout(() => {
          this.#releasePrefetch();
          if (this.state !== "loading") this.#reserve(false);
        });
      },
      (error) => {
        this.#releasePrefetch();
        this.#reserve(false);
        warn("the widget could not load; its fallback content stays.", error);
      },
    );
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#queuePrefetch();
    this.#reserve(false);
    const tracker = this.#tracker;
    this.#tracker = null;
    if (tracker) guard(() => tracker.free());
  }

  attributeChangedCallback(name, oldValue, newValue) {
    const tracker = this.#tracker;
    if (tracker && oldValue !== newValue) guard(() => tracker.attributeChanged(name));
    else if (!tracker) this.#queuePrefetch();
  }

  /**
   * `"CLIENT_ID:CLIENT_SECRET"`, sent as `Authorization: TRACKQL-API-KEY <apiKey>`. A property
   * only: never rendered, logged, put in a URL or an event. A key in a public page is public:
   * prefer a proxy through `api-base`.
   * @type {string | null}
   * @default null
   */
  get apiKey() {
    return this.#apiKey;
  }

  set apiKey(value) {
    this.#apiKey = value == null || value === "" ? null : String(value);
    const tracker = this.#tracker;
    if (tracker) guard(() => tracker.setApiKey(this.#apiKey));
    else this.#queuePrefetch();
  }

  /**
   * Overrides the widget's strings: `{ key: text }` for every language, and/or per language
   * `{ ko: { key: text }, en: { key: text } }` (a per-language text wins). The keys are the
   * `DeliveryTrackerStringKey` type's (see the README); `{n}` and `{total}` are placeholders.
   * `null` restores the built-in strings.
   * @type {DeliveryTrackerTranslations | null}
   * @default null
   */
  get translations() {
    return this.#translations;
  }

  set translations(value) {
    this.#translations = value == null ? null : value;
    const tracker = this.#tracker;
    if (tracker) guard(() => tracker.setTranslations(this.#translations));
  }

  /**
   * The last successful result, normalised, or `null`. Becomes `null` when `carrier`,
   * `tracking-number`, `api-base` or `api-version` change.
   * @type {DeliveryTrackerData | null}
   */
  get data() {
    const tracker = this.#tracker;
    return tracker ? guard(() => tracker.data(), null) : null;
  }

  /**
   * Where the element is: `idle`, `loading`, `ready`, `not-found`, `invalid` or `fallback`.
   * @type {"idle" | "loading" | "ready" | "not-found" | "invalid" | "fallback"}
   */
  get state() {
    const tracker = this.#tracker;
    if (tracker) return guard(() => tracker.state(), "fallback");
    const wantsLookup = this.getAttribute("mode") !== "link" &&
      PARCEL.every((name) => (this.getAttribute(name) ?? "").trim() !== "");
    return wantsLookup ? "loading" : "idle";
  }

  /**
   * Fetches again now; settles when the request ends.
   * @returns {Promise<void>}
   */
  refresh() {
    const tracker = this.#tracker;
    return (tracker && guard(() => tracker.refresh(), null)) || Promise.resolve();
  }
}

for (const name of ATTRIBUTES) {
  if (name === "lang") continue; // HTMLElement already reflects `lang`.
  Object.defineProperty(DeliveryTrackerElement.prototype, camel(name), {
    configurable: true,
    enumerable: true,
    get() {
      const value = this.getAttribute(name);
      return NUMERIC.has(name) ? decimal(value) : value;
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(value));
    },
  });
}

// The classes this module defined, so a second name gets its own subclass (one constructor
// cannot be defined under two names).
const definedClasses = new Set();

/**
 * Defines the element as `name` (default `delivery-tracker`) unless that name is already taken
 * (by this or another copy of the package), and returns the class registered under the name.
 * Returns `undefined` where there is no `customElements` (server-side rendering).
 * @param {string} [name="delivery-tracker"]
 * @returns {typeof DeliveryTrackerElement | undefined}
 */
export function defineDeliveryTracker(name = "delivery-tracker") {
  const registry = globalThis.customElements;
  if (!registry) return undefined;
  const existing = registry.get(name);
  if (existing) return existing;
  const used = definedClasses.has(DeliveryTrackerElement) ||
    (typeof registry.getName === "function" && registry.getName(DeliveryTrackerElement) != null);
  const element = used ? class extends DeliveryTrackerElement {} : DeliveryTrackerElement;
  registry.define(name, element);
  definedClasses.add(element);
  return element;
}
