// Typings of <delivery-tracker> for Vue 3 templates (vue-tsc, Volar) and Vue JSX. Enable them
// once in the project with
//   import type {} from "delivery-tracker-widget/vue";
// (or "types": ["delivery-tracker-widget/vue"] in tsconfig.json), and tell Vue's compiler the
// tag is a custom element: compilerOptions.isCustomElement = (tag) => tag === "delivery-tracker".
//
// Vue sets a custom element's props as properties when the element has them; `@dt-load` (or
// `onDtLoad` in JSX) listens to `dt-load`.
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";
import type {
  DeliveryTrackerElement,
  DeliveryTrackerEventMap,
  DeliveryTrackerProperties,
  DtErrorEvent,
  DtFallbackEvent,
  DtLoadEvent,
} from "./element.js";

/** The props of `<delivery-tracker>` in Vue (templates use the kebab-case spelling). */
export interface DeliveryTrackerVueProps extends Omit<HTMLAttributes, "lang">, DeliveryTrackerProperties {
  onDtLoad?: (event: DtLoadEvent) => void;
  onDtError?: (event: DtErrorEvent) => void;
  onDtFallback?: (event: DtFallbackEvent) => void;
}

type VueEmit<T> = EmitFn<{ [K in keyof T]: (event: T[K]) => void }>;

/** What Vue's template type-checking reads for a custom element (after the Vue docs' recipe). */
export type DeliveryTrackerVueComponent = new () => DeliveryTrackerElement & {
  /** @deprecated For template type-checking only. */
  $props: DeliveryTrackerVueProps & PublicProps;
  /** @deprecated For template type-checking only. */
  $emit: VueEmit<DeliveryTrackerEventMap>;
};

declare module "vue" {
  interface GlobalComponents {
    "delivery-tracker": DeliveryTrackerVueComponent;
  }
  interface IntrinsicElementAttributes {
    "delivery-tracker": DeliveryTrackerVueProps;
  }
}
