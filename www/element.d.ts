// Types of delivery-tracker-widget/element (also re-exported by the main entry).
// Kept in agreement with custom-elements.json and element.js by the package's tests. The data,
// status, error-kind, event-detail and text-key types are generated from the Rust types into
// ./data.d.ts.

import type {
  DeliveryTrackerData,
  DeliveryTrackerStringKey,
  DtErrorDetail,
  DtFallbackDetail,
  DtLoadDetail,
} from "./data.js";

export * from "./data.js";

/** The attributes `<delivery-tracker>` observes, with the values each accepts. */
export interface DeliveryTrackerAttributes {
  /** Carrier id, e.g. `kr.cjlogistics`. */
  carrier?: string;
  /** The waybill number (v1 calls it track_id). */
  "tracking-number"?: string;
  /** Where the API lives (default `https://apis.tracker.delivery`); relative URLs resolve against the page. */
  "api-base"?: string;
  /** `v1` (REST, the default) or `v2` (GraphQL at `{api-base}/graphql`). */
  "api-version"?: DeliveryTrackerApiVersion;
  /** `full` (default), `compact`, or `link` (only the tracking link: no request at all). */
  mode?: DeliveryTrackerMode;
  /** `ko` or `en` (by primary subtag); default: the nearest `lang` of the page, else the browser's languages, else `ko`. */
  lang?: string;
  /** The tracking link; `{carrier}` and `{tracking}` are replaced. Only `http:`/`https:` results are used. */
  "fallback-href"?: string;
  /** v2 tracking link client id (used when no `fallback-href` is set). */
  "link-client-id"?: string;
  /** Milliseconds one request may take (default 10000). */
  timeout?: number | string;
  /** `auto` (default, follows the page: its `color-scheme`, and `prefers-color-scheme` where the page supports dark), `light` or `dark`. */
  theme?: DeliveryTrackerTheme;
  /** Seconds between automatic refreshes while the tab is visible; 0 (default) = never; under 60 counts as 60. */
  "refresh-interval"?: number | string;
}

/**
 * The element's settable properties (camelCase, as used by frameworks that set properties: React
 * 19, Vue, Lit). Each attribute property mirrors its attribute; `apiKey` is a property only.
 */
export interface DeliveryTrackerProperties {
  carrier?: string | null;
  trackingNumber?: string | null;
  apiBase?: string | null;
  apiVersion?: DeliveryTrackerApiVersion | null;
  mode?: DeliveryTrackerMode | null;
  lang?: string;
  fallbackHref?: string | null;
  linkClientId?: string | null;
  timeout?: number | string | null;
  theme?: DeliveryTrackerTheme | null;
  refreshInterval?: number | string | null;
  /** `"CLIENT_ID:CLIENT_SECRET"`: a key in a public page is public (see the README). */
  apiKey?: string | null;
  /** Overrides the widget's strings. */
  translations?: DeliveryTrackerTranslations | null;
}

/** The name of an observed attribute. */
export type DeliveryTrackerAttributeName = keyof DeliveryTrackerAttributes;

export type DeliveryTrackerApiVersion = "v1" | "v2";
export type DeliveryTrackerMode = "full" | "compact" | "link";
export type DeliveryTrackerTheme = "auto" | "light" | "dark";

/** Texts by string key. */
export type DeliveryTrackerStrings = { [K in DeliveryTrackerStringKey]?: string };

/**
 * The `translations` property: `{ key: text }` for every language, and/or per language
 * `{ ko: { key: text }, en: { key: text } }` (a per-language text wins).
 */
export type DeliveryTrackerTranslations = DeliveryTrackerStrings & {
  ko?: DeliveryTrackerStrings;
  en?: DeliveryTrackerStrings;
};

/** The element's `state`. */
export type DeliveryTrackerState = "idle" | "loading" | "ready" | "not-found" | "invalid" | "fallback";

export type DtLoadEvent = CustomEvent<DtLoadDetail>;
export type DtErrorEvent = CustomEvent<DtErrorDetail>;
export type DtFallbackEvent = CustomEvent<DtFallbackDetail>;

/** The element's events (bubbling, composed). */
export interface DeliveryTrackerEventMap {
  "dt-load": DtLoadEvent;
  "dt-error": DtErrorEvent;
  "dt-fallback": DtFallbackEvent;
}

export interface DeliveryTrackerElementEventMap extends HTMLElementEventMap, DeliveryTrackerEventMap {}

/** The shadow parts, for `::part()`. */
export type DeliveryTrackerPart =
  | "base"
  | "summary"
  | "status"
  | "stages"
  | "stage"
  | "timeline"
  | "event"
  | "more"
  | "copy"
  | "refresh"
  | "form"
  | "notice"
  | "fallback"
  | "link";

/** The CSS custom properties the element reads. */
export type DeliveryTrackerCssProperty =
  | "--dt-accent"
  | "--dt-bg"
  | "--dt-fg"
  | "--dt-muted"
  | "--dt-border"
  | "--dt-radius"
  | "--dt-font";

/** `<delivery-tracker>`: parcel tracking from the tracker.delivery API. */
export declare class DeliveryTrackerElement extends HTMLElement {
  static readonly observedAttributes: readonly DeliveryTrackerAttributeName[];

  /** The `carrier` attribute. */
  get carrier(): string | null;
  set carrier(value: string | null | undefined);
  /** The `tracking-number` attribute. */
  get trackingNumber(): string | null;
  set trackingNumber(value: string | null | undefined);
  /** The `api-base` attribute. */
  get apiBase(): string | null;
  set apiBase(value: string | null | undefined);
  /** The `api-version` attribute. */
  get apiVersion(): string | null;
  set apiVersion(value: DeliveryTrackerApiVersion | null | undefined);
  /** The `mode` attribute. */
  get mode(): string | null;
  set mode(value: DeliveryTrackerMode | null | undefined);
  /** The `fallback-href` attribute. */
  get fallbackHref(): string | null;
  set fallbackHref(value: string | null | undefined);
  /** The `link-client-id` attribute. */
  get linkClientId(): string | null;
  set linkClientId(value: string | null | undefined);
  /** The `timeout` attribute, in milliseconds (`null` when absent or not a decimal number, e.g. `0x10`: the widget then uses 10000). */
  get timeout(): number | null;
  set timeout(value: number | string | null | undefined);
  /** The `theme` attribute. */
  get theme(): string | null;
  set theme(value: DeliveryTrackerTheme | null | undefined);
  /** The `refresh-interval` attribute, in seconds (`null` when absent or not a decimal number: the widget then never refreshes). */
  get refreshInterval(): number | null;
  set refreshInterval(value: number | string | null | undefined);
  // `lang` is HTMLElement's own reflected property.

  /**
   * `"CLIENT_ID:CLIENT_SECRET"`, sent as `Authorization: TRACKQL-API-KEY <apiKey>`. A property
   * only, never an attribute. A key in a public page is public: prefer a proxy (`api-base`).
   */
  get apiKey(): string | null;
  set apiKey(value: string | null | undefined);

  /**
   * Overrides the widget's strings: `{ key: text }` for every language, or per language
   * `{ ko: { key: text }, en: { key: text } }`. `null` restores the built-in strings.
   */
  get translations(): DeliveryTrackerTranslations | null;
  set translations(value: DeliveryTrackerTranslations | null | undefined);

  /** The last successful result, normalised, or `null`. */
  readonly data: DeliveryTrackerData | null;
  /** Where the element is: `idle`, `loading`, `ready`, `not-found`, `invalid` or `fallback`. */
  readonly state: DeliveryTrackerState;

  /** Fetches again now; settles when the request ends. */
  refresh(): Promise<void>;

  addEventListener<K extends keyof DeliveryTrackerElementEventMap>(
    type: K,
    listener: (this: DeliveryTrackerElement, ev: DeliveryTrackerElementEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof DeliveryTrackerElementEventMap>(
    type: K,
    listener: (this: DeliveryTrackerElement, ev: DeliveryTrackerElementEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * Defines the element as `name` (default `delivery-tracker`) unless the name is already taken,
 * and returns the class registered under that name (`undefined` where there is no
 * `customElements`, e.g. during server-side rendering).
 */
export declare function defineDeliveryTracker(name?: string): typeof DeliveryTrackerElement | undefined;

/**
 * Sets where the `.wasm` is fetched from (a CDN, or a copy a bundler emitted elsewhere). Call it
 * before the first element connects. `null` restores the default: `DELIVERY_TRACKER_WASM_URL`
 * when set, else `./pkg/delivery_tracker_bg.wasm` relative to the module.
 */
export declare function setWasmUrl(url: string | URL | null): void;

declare global {
  interface HTMLElementTagNameMap {
    "delivery-tracker": DeliveryTrackerElement;
  }
  // The events bubble and are composed: typed on elements, the document and the window.
  interface HTMLElementEventMap extends DeliveryTrackerEventMap {}
  interface DocumentEventMap extends DeliveryTrackerEventMap {}
  interface WindowEventMap extends DeliveryTrackerEventMap {}
  /** Where the `.wasm` is fetched from when `setWasmUrl` was not called (set it before the first element connects). */
  var DELIVERY_TRACKER_WASM_URL: string | URL | undefined;
}
