//! How answers go out: `Cache-Control`, `ETag` and `304` for the GET routes, so a CDN or any
//! HTTP cache in front multiplies the proxy's capacity; `no-store` for failures.

use axum::body::Body;
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH,
    RETRY_AFTER, VARY,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use xxhash_rust::xxh3::xxh3_64;

use crate::cache::{now_millis, Answer, Failure, Served};

/// How long a CDN may serve an expired answer while it fetches a new one.
const STALE_WHILE_REVALIDATE_SECS: u64 = 60;

/// A weak tag from a hash of the plain JSON: the same whatever the transfer encoding.
pub fn etag(tag: u64) -> String {
    format!("W/\"{tag:016x}\"")
}

/// True when `If-None-Match` names `tag` (weak comparison) or is `*`.
fn matches(headers: &HeaderMap, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|candidate| candidate.trim() == "*" || bare(candidate) == bare(tag))
}

/// True when the client takes gzip (`Accept-Encoding: gzip`, not with `q=0`).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| matches!(p, "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name.eq_ignore_ascii_case("gzip") && !refused
        })
}

pub fn cache_control(answer: &Answer, now: u64) -> String {
    let max_age = answer.max_age_secs(now);
    if answer.stale_until > answer.fresh_until {
        let stale_if_error = (answer.stale_until - answer.fresh_until) / 1000;
        format!(
            "public, max-age={max_age}, stale-while-revalidate={STALE_WHILE_REVALIDATE_SECS}, \
             stale-if-error={stale_if_error}"
        )
    } else {
        format!("public, max-age={max_age}")
    }
}

fn json(status: u16, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

fn header(response: &mut Response, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

/// What goes out for a served answer: its status, body (gzipped when the client takes it) and
/// tag. A stale answer is marked, so it is plain JSON with a tag of its own.
struct Representation {
    status: u16,
    body: Bytes,
    gzipped: bool,
    tag: u64,
    /// The fresh answer, for `Cache-Control`; `None` for a stale one.
    fresh: Option<Answer>,
}

impl Representation {
    /// Only GET answers say how long caches may keep them.
    fn cache_control(&self) -> String {
        match &self.fresh {
            Some(answer) => cache_control(answer, now_millis()),
            // Every reuse of a stale answer revalidates: a newer one may be there by then.
            None => "no-cache".to_owned(),
        }
    }
}

fn represent(
    request: &HeaderMap,
    served: Served,
    mark_stale: fn(&[u8], u64) -> Bytes,
) -> Result<Representation, Failure> {
    match served {
        Served::Fresh(answer) => {
            let gzipped = answer.gzipped && accepts_gzip(request);
            Ok(Representation {
                status: answer.status,
                body: if gzipped || !answer.gzipped {
                    answer.body.clone()
                } else {
                    answer.plain_body()
                },
                gzipped,
                tag: answer.tag,
                fresh: Some(answer),
            })
        }
        Served::Stale(answer) => {
            let body = mark_stale(&answer.plain_body(), answer.fetched_at);
            Ok(Representation {
                status: answer.status,
                tag: xxh3_64(&body),
                body,
                gzipped: false,
                fresh: None,
            })
        }
        Served::Failed(failure) => Err(failure),
    }
}

const ACCEPT_ENCODING_VARIES: HeaderValue = HeaderValue::from_static("Accept-Encoding");

fn send(representation: Representation, cache_control: HeaderValue) -> Response {
    let mut response = json(representation.status, representation.body);
    let headers = response.headers_mut();
    if representation.gzipped {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    headers.insert(VARY, ACCEPT_ENCODING_VARIES);
    headers.insert(CACHE_CONTROL, cache_control);
    response
}

/// An answer of a GET route. `mark_stale` adds the API version's stale mark.
pub fn get_answer(
    request: &HeaderMap,
    served: Served,
    mark_stale: fn(&[u8], u64) -> Bytes,
) -> Response {
    let representation = match represent(request, served, mark_stale) {
        Ok(representation) => representation,
        Err(failure) => return failure_answer(failure),
    };
    let tag = etag(representation.tag);
    let cache_control = HeaderValue::from_str(&representation.cache_control())
        .unwrap_or(HeaderValue::from_static("no-cache"));
    let mut response = if matches(request, &tag) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response.headers_mut().insert(CACHE_CONTROL, cache_control);
        response.headers_mut().insert(VARY, ACCEPT_ENCODING_VARIES);
        response
    } else {
        send(representation, cache_control)
    };
    header(&mut response, ETAG, &tag);
    response
}

/// An answer of `POST /graphql`: never stored by HTTP caches (the proxy's own cache serves it).
pub fn post_answer(
    request: &HeaderMap,
    served: Served,
    mark_stale: fn(&[u8], u64) -> Bytes,
) -> Response {
    match represent(request, served, mark_stale) {
        Ok(representation) => send(representation, HeaderValue::from_static("no-store")),
        Err(failure) => failure_answer(failure),
    }
}

/// A refusal or an upstream failure: never cached, with `Retry-After` when there is one.
pub fn failure_answer(failure: Failure) -> Response {
    let mut response = json(failure.status, failure.body);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(secs) = failure.retry_after {
        header(&mut response, RETRY_AFTER, &secs.to_string());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(fresh_secs: u64, stale_secs: u64) -> Answer {
        Answer {
            status: 200,
            body: Bytes::from_static(b"{}"),
            gzipped: false,
            tag: xxh3_64(b"{}"),
            fetched_at: 1_000_000,
            fresh_until: 1_000_000 + fresh_secs * 1000,
            stale_until: 1_000_000 + (fresh_secs + stale_secs) * 1000,
        }
    }

    #[test]
    fn fresh_answers_tell_caches_how_long() {
        assert_eq!(
            cache_control(&answer(120, 86_400), 1_000_000),
            "public, max-age=120, stale-while-revalidate=60, stale-if-error=86400"
        );
        assert_eq!(
            cache_control(&answer(120, 86_400), 1_000_000 + 20_500),
            "public, max-age=99, stale-while-revalidate=60, stale-if-error=86400"
        );
        assert_eq!(
            cache_control(&answer(30, 0), 1_000_000),
            "public, max-age=30"
        );
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let tag = etag(xxh3_64(b"{}"));
        assert!(tag.starts_with("W/\"") && tag.len() == 20, "{tag}");
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
            matches(&headers, &tag)
        };
        assert!(with(&tag));
        assert!(with(tag.trim_start_matches("W/")));
        assert!(with(&format!("\"other\", {tag}")));
        assert!(with("*"));
        assert!(!with("W/\"0000000000000000\""));
        assert!(!matches(&HeaderMap::new(), &tag));
    }

    #[test]
    fn a_304_has_no_body_and_the_same_tag() {
        let served = Served::Fresh(answer(120, 0));
        let mut request = HeaderMap::new();
        let tag = etag(xxh3_64(b"{}"));
        request.insert(IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        let response = get_answer(&request, served, |body, _| Bytes::copy_from_slice(body));
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(response.headers()[ETAG], tag.as_str());
        assert!(response.headers().get(CONTENT_TYPE).is_none());
    }

    #[test]
    fn gzip_is_sent_to_clients_that_take_it() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
            accepts_gzip(&headers)
        };
        assert!(with("gzip, deflate, br"));
        assert!(with("br;q=1.0, GZIP;q=0.5"));
        assert!(!with("gzip;q=0"));
        assert!(!with("br"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
