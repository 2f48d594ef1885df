//! The `detail` objects of the element's events (`dt-load`, `dt-error`, `dt-fallback`), built and
//! encoded here in the pure core so that `www/data.d.ts` is generated from them
//! (`contract_types`); `browser::events` dispatches them.

use crate::api::error::ErrorKind;
use crate::api::json::{ObjectWriter, ToJson};
use crate::track::{Status, Track};
use std::marker::PhantomData;

/// `dt-load`: a result was rendered (first load and each refresh).
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DtLoadDetail", rename_all = "camelCase")
)]
pub struct LoadDetail<'a> {
    pub carrier: &'a str,
    pub tracking_number: &'a str,
    pub status: &'a Status,
    /// As `data.stale`: the answer came from a proxy's cache.
    pub stale: bool,
    /// As `data.fetchedAt`.
    pub fetched_at: Option<&'a str>,
    /// The normalised result: the very object the element's `data` property returns.
    // Declared for the types only (no bytes in the wasm): the browser sets `data` itself, as the
    // object it made for the `data` property, after `write_json` wrote the rest.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(as = "Track"))]
    pub data: PhantomData<&'a Track>,
}

impl<'a> LoadDetail<'a> {
    pub fn of(track: &'a Track) -> Self {
        Self {
            carrier: &track.carrier.id,
            tracking_number: &track.tracking_number,
            status: &track.status,
            stale: track.stale,
            fetched_at: track.fetched_at.as_deref(),
            data: PhantomData,
        }
    }
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

/// `dt-error`: a request ended without a result.
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DtErrorDetail", rename_all = "camelCase")
)]
pub struct ErrorDetail<'a> {
    pub kind: ErrorKind,
    /// `null` when no HTTP answer came.
    pub http_status: Option<u16>,
    pub message: &'a str,
    pub fallback_href: Option<&'a str>,
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

/// `dt-fallback`: the state became `fallback`.
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DtFallbackDetail")
)]
pub struct FallbackDetail<'a> {
    pub reason: ErrorKind,
    pub href: Option<&'a str>,
}

impl ToJson for FallbackDetail<'_> {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("reason", &self.reason)
            .field("href", &self.href)
            .end();
    }
}
