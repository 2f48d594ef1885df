// delivery-tracker-widget/element: the <delivery-tracker> element class, without defining it.
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

/**
 * Sets where the `.wasm` is fetched from (a CDN, or a copy a bundler emitted elsewhere). Call it
 * before the first element connects; later calls have no effect on the page's one instance.
 * Without it the URL is `globalThis.DELIVERY_TRACKER_WASM_URL` when set, else
 * `./pkg/delivery_tracker_bg.wasm` relative to this module.
 */
export function setWasmUrl(url) {
  wasmUrl = url == null || url === "" ? null : url;
}

function loadCore() {
  core ??= import("./pkg/delivery_tracker.js").then(async (module) => {
    const url = wasmUrl ?? globalThis.DELIVERY_TRACKER_WASM_URL ??
      new URL("./pkg/delivery_tracker_bg.wasm", import.meta.url);
    await module.default({ module_or_path: url });
    return module;
  });
  return core;
}

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

export class DeliveryTrackerElement extends Base {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #tracker = null;
  #apiKey = null;
  #translations = null;
  #connected = false;

  connectedCallback() {
    this.#connected = true;
    for (const name of PROPERTIES) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    loadCore().then(
      (module) => {
        if (!this.#connected || this.#tracker) return;
        const tracker = guard(() => module.mount(this, this.#apiKey), null);
        if (tracker && this.#translations !== null) guard(() => tracker.setTranslations(this.#translations));
        this.#tracker = tracker;
      },
      (error) => warn("the widget could not load; its fallback content stays.", error),
    );
  }

  disconnectedCallback() {
    this.#connected = false;
    const tracker = this.#tracker;
    this.#tracker = null;
    if (tracker) guard(() => tracker.free());
  }

  attributeChangedCallback(name, oldValue, newValue) {
    const tracker = this.#tracker;
    if (tracker && oldValue !== newValue) guard(() => tracker.attributeChanged(name));
  }

  /** `"CLIENT_ID:CLIENT_SECRET"`, sent as `Authorization: TRACKQL-API-KEY …`. Never an attribute. */
  get apiKey() {
    return this.#apiKey;
  }

  set apiKey(value) {
    this.#apiKey = value == null || value === "" ? null : String(value);
    const tracker = this.#tracker;
    if (tracker) guard(() => tracker.setApiKey(this.#apiKey));
  }

  /**
   * Overrides the widget's strings: `{ key: text }` for every language, or per language
   * `{ ko: { key: text }, en: { key: text } }`; `null` restores the built-in strings.
   */
  get translations() {
    return this.#translations;
  }

  set translations(value) {
    this.#translations = value == null ? null : value;
    const tracker = this.#tracker;
    if (tracker) guard(() => tracker.setTranslations(this.#translations));
  }

  /** The last successful result, normalised, or `null`. */
  get data() {
    const tracker = this.#tracker;
    return tracker ? guard(() => tracker.data(), null) : null;
  }

  /** `idle`, `loading`, `ready`, `not-found`, `invalid` or `fallback`. */
  get state() {
    const tracker = this.#tracker;
    if (tracker) return guard(() => tracker.state(), "fallback");
    const wantsLookup = this.getAttribute("mode") !== "link" &&
      PARCEL.every((name) => (this.getAttribute(name) ?? "").trim() !== "");
    return wantsLookup ? "loading" : "idle";
  }

  /** Fetches again now; settles when the request ends. */
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
