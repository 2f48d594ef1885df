// delivery-tracker-widget: defines <delivery-tracker>.
//
// Importing this module is cheap: it only defines the element (once: a name already defined,
// e.g. by a second copy of the package, is left as it is). The WebAssembly core loads once for
// the whole page, when the first element connects; see ./element.js. (scripts/build.sh minifies
// this source and ./element.js into www/index.js and www/element.js, the modules the package ships.)
import { defineDeliveryTracker } from "./element.js";

export { DeliveryTrackerElement, defineDeliveryTracker, setWasmUrl } from "./element.js";

defineDeliveryTracker();
