//! The browser layer, a module a job: `element` is the bridge `www/element.js` calls, `controller`
//! coordinates one element (`lookup`, `events`, `translations`, `form_carriers`, `timers`), and
//! the views (`view/`) get `props`.

mod api;
mod carriers;
mod client;
mod controller;
mod element;
mod events;
mod form_carriers;
mod http;
mod intl;
mod json;
mod lookup;
mod prefetch;
mod props;
mod shared;
mod signals;
mod styles;
mod task;
mod timers;
mod translations;
mod view;

pub use element::{mount, Tracker};
use wasm_bindgen::JsValue;

/// A message for the page's developer in the console.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "<delivery-tracker>: {message}"
    )));
}
