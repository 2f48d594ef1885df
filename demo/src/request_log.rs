//! The fixture API's own record of the requests it received, served at `GET /__requests`.
//!
//! Tests read request counts and times from here rather than from the browser or the test
//! process: the time is taken when the request reaches the server, so it holds in every browser
//! engine and on a loaded machine, and a proxy in front is seen exactly as an upstream sees it.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// The log keeps at most this many requests; the oldest are dropped first.
const CAPACITY: usize = 200_000;
/// The most bytes of a request body the log keeps.
const BODY_BYTES: usize = 4096;

/// The key the `/keyed` base accepts.
pub const KEYED_AUTHORIZATION: &str = "TRACKQL-API-KEY demo-client:demo-secret";

static LOG: Mutex<Vec<Value>> = Mutex::new(Vec::new());

/// How a request was authorised. The header's value is never recorded.
fn authorization_of(header: Option<&str>) -> &'static str {
    match header {
        None => "none",
        Some(KEYED_AUTHORIZATION) => "demo-key",
        Some(_) => "other",
    }
}

/// Milliseconds since the Unix epoch, with microseconds as the fraction.
fn now_millis() -> f64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    since.as_micros() as f64 / 1000.0
}

/// The request headers the log keeps besides how it was authorised: the cache directives a
/// browser sends (`cache: "no-cache"` gives `Cache-Control: no-cache` and `Pragma: no-cache`).
pub struct CacheHeaders<'a> {
    pub cache_control: Option<&'a str>,
    pub pragma: Option<&'a str>,
}

/// Records one request as it arrives.
pub fn record(
    method: &str,
    url: &str,
    authorization: Option<&str>,
    cache: CacheHeaders<'_>,
    body: &str,
) {
    let mut cut = body.len().min(BODY_BYTES);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let entry = json!({
        "at": now_millis(),
        "method": method,
        "url": url,
        "authorization": authorization_of(authorization),
        "cacheControl": cache.cache_control,
        "pragma": cache.pragma,
        "body": &body[..cut],
    });
    let mut log = LOG.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if log.len() == CAPACITY {
        log.remove(0);
    }
    log.push(entry);
}

/// `{"requests": [{at, method, url, authorization, cacheControl, pragma, body}, …]}`, oldest
/// first; `cacheControl` and `pragma` are `null` when the request had no such header.
pub fn snapshot() -> Value {
    let log = LOG.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    json!({ "requests": *log })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_itself_is_never_recorded() {
        assert_eq!(authorization_of(None), "none");
        assert_eq!(
            authorization_of(Some("TRACKQL-API-KEY demo-client:demo-secret")),
            "demo-key"
        );
        assert_eq!(authorization_of(Some("TRACKQL-API-KEY a:b")), "other");
    }
}
