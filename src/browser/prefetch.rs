//! Track requests the element's JavaScript started at connect while the wasm was loading
//! (`www/src/element.js`): when the core then sends that same GET, it takes the answer in flight over
//! instead of sending a second request. The core's request sharing, its abort and its timeout
//! apply to the answer as to one it fetched itself (the timeout counts from the take-over).

use super::http::HttpRequest;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

thread_local! {
    /// `www/src/element.js`'s `claim(url, apiKey, signal)`: the `Promise<Response>` of the GET of
    /// `url` with that key it started, handed over once (then forgotten), or `undefined`.
    static CLAIM: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Called by `www/src/element.js` once the wasm is initialised, before the first element mounts.
#[wasm_bindgen(js_name = takeOverPrefetched)]
pub fn take_over_prefetched(claim: Function) {
    CLAIM.with(|slot| *slot.borrow_mut() = Some(claim));
}

/// The answer in flight for `request` when the element's JavaScript started the same GET (no
/// body, no revalidation, the same key); aborting `signal` aborts it from then on.
pub fn take(request: &HttpRequest<'_>, signal: &AbortSignal) -> Option<Promise> {
    if request.body.is_some() || request.revalidate {
        return None;
    }
    CLAIM.with(|slot| {
        let slot = slot.borrow();
        let key = request
            .endpoint
            .api_key
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str);
        slot.as_ref()?
            .call3(
                &JsValue::NULL,
                &JsValue::from_str(request.url),
                &key,
                signal,
            )
            .ok()?
            .dyn_into::<Promise>()
            .ok()
    })
}
