//! The element's events: bubbling, composed, `detail` always an object (built in
//! `crate::event_detail`).

// The controller hands `data` to the page through here too.
pub(super) use super::json::to_js;
use crate::api::error::{ApiError, ErrorKind};
use crate::event_detail::{ErrorDetail, FallbackDetail, LoadDetail};
use crate::track::Track;
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

fn dispatch(host: &HtmlElement, name: &str, detail: JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws is the page's own error; it must not stop the widget.
        let _ = host.dispatch_event(&event);
    }
}

/// `dt-load`: `data` is the same normalised object the `data` property returns.
pub fn load(host: &HtmlElement, track: &Track, data: JsValue) {
    let detail = to_js(&LoadDetail::of(track));
    let _ = Reflect::set(&detail, &JsValue::from_str("data"), &data);
    dispatch(host, "dt-load", detail);
}

/// `dt-error`; `message` is the error's message in the element's language.
pub fn error(host: &HtmlElement, error: &ApiError, message: &str, fallback_href: Option<&str>) {
    let detail = ErrorDetail {
        kind: error.kind,
        http_status: error.http_status,
        message,
        fallback_href,
    };
    dispatch(host, "dt-error", to_js(&detail));
}

pub fn fallback(host: &HtmlElement, reason: ErrorKind, href: Option<&str>) {
    dispatch(host, "dt-fallback", to_js(&FallbackDetail { reason, href }));
}
