// JSX typings of <delivery-tracker> for React 19. Enable them once in the project with
//   import type {} from "delivery-tracker-widget/react";
// (or "types": ["delivery-tracker-widget/react"] in tsconfig.json).
//
// React 19 passes a custom element's props as properties when the element has them (it has, once
// the package is imported) and as attributes otherwise, and `on<event-name>` props as listeners:
// `ondt-load={(event) => …}` listens to `dt-load`.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type {
  DeliveryTrackerAttributes,
  DeliveryTrackerElement,
  DeliveryTrackerProperties,
  DtErrorEvent,
  DtFallbackEvent,
  DtLoadEvent,
} from "./element.js";

/** The props of `<delivery-tracker>` in React 19 JSX. */
export interface DeliveryTrackerReactProps
  extends DetailedHTMLProps<HTMLAttributes<DeliveryTrackerElement>, DeliveryTrackerElement>,
    Omit<DeliveryTrackerAttributes, "lang">,
    Omit<DeliveryTrackerProperties, "lang" | keyof DeliveryTrackerAttributes> {
  "ondt-load"?: (event: DtLoadEvent) => void;
  "ondt-error"?: (event: DtErrorEvent) => void;
  "ondt-fallback"?: (event: DtFallbackEvent) => void;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "delivery-tracker": DeliveryTrackerReactProps;
    }
  }
}
