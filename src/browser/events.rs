//! The element's events: bubbling, composed, `detail` always an object.

use crate::api::error::{ApiError, ErrorKind};
use crate::track::{Status, Track};
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadDetail<'a> {
    carrier: &'a str,
    tracking_number: &'a str,
    status: &'a Status,
    /// The answer came from a proxy's cache (as `data.stale`).
    stale: bool,
    fetched_at: Option<&'a str>,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    data: JsValue,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorDetail<'a> {
    kind: ErrorKind,
    http_status: Option<u16>,
    message: &'a str,
    fallback_href: Option<&'a str>,
}

#[derive(Serialize)]
struct FallbackDetail<'a> {
    reason: ErrorKind,
    href: Option<&'a str>,
}

/// JSON-compatible JS values: `None` is `null`, maps are plain objects.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

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
    let detail = LoadDetail {
        carrier: &track.carrier.id,
        tracking_number: &track.tracking_number,
        status: &track.status,
        stale: track.stale,
        fetched_at: track.fetched_at.as_deref(),
        data,
    };
    dispatch(host, "dt-load", to_js(&detail));
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
