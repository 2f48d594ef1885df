//! Requests the element's JavaScript started at connect while the wasm was loading
//! (`www/src/element.js`: v1's track GET; v2's first track POST and first carriers-list POST):
//! when the core then sends that same request (URL, body and key), it takes the answer in flight
//! over instead of sending a second request. The core's request sharing, its abort and its timeout
//! apply to the answer as to one it fetched itself (the timeout counts from the take-over).

use super::http::HttpRequest;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

thread_local! {
    /// `www/src/element.js`'s `claim(url, body, apiKey, signal)`: the `Promise<Response>` of the
    /// request of `url` with that body (`null`: a GET) and key it started, handed over once (then
    /// forgotten), or `undefined`.
    static CLAIM: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Called by `www/src/element.js` once the wasm is initialised, before the first element mounts.
#[wasm_bindgen(js_name = takeOverPrefetched)]
pub fn take_over_prefetched(claim: Function) {
    CLAIM.with(|slot| *slot.borrow_mut() = Some(claim));
}

/// The answer in flight for `request` when the element's JavaScript started the same request
/// (no revalidation, the same body and key); aborting `signal` aborts it from then on.
pub fn take(request: &HttpRequest<'_>, signal: &AbortSignal) -> Option<Promise> {
    if request.revalidate {
        return None;
    }
    CLAIM.with(|slot| {
        let slot = slot.borrow();
        let key = request
            .endpoint
            .api_key
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str);
        let body = request.body.map_or(JsValue::NULL, JsValue::from_str);
        slot.as_ref()?
            .call4(
                &JsValue::NULL,
                &JsValue::from_str(request.url),
                &body,
                &key,
                signal,
            )
            .ok()?
            .dyn_into::<Promise>()
            .ok()
    })
}
