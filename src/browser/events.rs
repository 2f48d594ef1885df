//! The element's events: bubbling, composed, `detail` always an object.

// The controller hands `data` to the page through here too.
pub(super) use super::json::to_js;
use crate::api::error::{ApiError, ErrorKind};
use crate::api::json::{ObjectWriter, ToJson};
use crate::track::{Status, Track};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// `dt-load`'s detail, but `data`, which is set as the very object the `data` property returns.
struct LoadDetail<'a> {
    carrier: &'a str,
    tracking_number: &'a str,
    status: &'a Status,
    /// The answer came from a proxy's cache (as `data.stale`).
    stale: bool,
    fetched_at: Option<&'a str>,
}

impl ToJson for LoadDetail<'_> {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("carrier", &self.carrier)
            .field("trackingNumber", &self.tracking_number)
            .field("status", self.status)
            .field("stale", &self.stale)
            .field("fetchedAt", &self.fetched_at)
            .end();
    }
}

struct ErrorDetail<'a> {
    kind: ErrorKind,
    http_status: Option<u16>,
    message: &'a str,
    fallback_href: Option<&'a str>,
}

impl ToJson for ErrorDetail<'_> {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("kind", &self.kind)
            .field("httpStatus", &self.http_status)
            .field("message", &self.message)
            .field("fallbackHref", &self.fallback_href)
            .end();
    }
}

struct FallbackDetail<'a> {
    reason: ErrorKind,
    href: Option<&'a str>,
}

impl ToJson for FallbackDetail<'_> {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("reason", &self.reason)
            .field("href", &self.href)
            .end();
    }
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
    };
    let detail = to_js(&detail);
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
