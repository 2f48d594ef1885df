// delivery-tracker-widget: defines <delivery-tracker>.
//
// Importing this module is cheap: it only defines the element. The WebAssembly core loads once
// for the whole page, when the first element connects; until then (and if it cannot load) the
// element's own children, such as a plain tracking link, stay visible.

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
const PARCEL = ["carrier", "tracking-number"];

let wasmUrl = null;
let core = null;

/** Sets where the `.wasm` is fetched from (a CDN or a rebundled copy). Call before the first element connects. */
export function setWasmUrl(url) {
  wasmUrl = url;
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

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

export class DeliveryTrackerElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #tracker = null;
  #apiKey = null;
  #connected = false;

  connectedCallback() {
    this.#connected = true;
    loadCore().then(
      (module) => {
        if (!this.#connected || this.#tracker) return;
        this.#tracker = guard(() => module.mount(this, this.#apiKey), null);
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
      if (!NUMERIC.has(name)) return value;
      return value === null || value.trim() === "" ? null : Number(value);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(value));
    },
  });
}

if (!customElements.get("delivery-tracker")) {
  customElements.define("delivery-tracker", DeliveryTrackerElement);
}
