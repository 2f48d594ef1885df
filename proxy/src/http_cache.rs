//! How answers go out: `Cache-Control`, `ETag` and `304` for the GET routes, so a CDN or any
//! HTTP cache in front multiplies the proxy's capacity; `no-store` for failures.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use xxhash_rust::xxh3::xxh3_64;

use crate::cache::{now_millis, Answer, Failure, Served};

/// How long a CDN may serve an expired answer while it fetches a new one.
const STALE_WHILE_REVALIDATE_SECS: u64 = 60;

/// A weak tag: the same for the same JSON, whatever the transfer encoding.
pub fn etag(body: &[u8]) -> String {
    format!("W/\"{:016x}\"", xxh3_64(body))
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

fn header(response: &mut Response, name: axum::http::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

/// An answer of a GET route. `mark_stale` adds the API version's stale mark.
pub fn get_answer(
    request: &HeaderMap,
    served: Served,
    mark_stale: fn(&[u8], u64) -> Bytes,
) -> Response {
    let (status, body, cache_control) = match served {
        Served::Fresh(answer) => (
            answer.status,
            answer.body.clone(),
            cache_control(&answer, now_millis()),
        ),
        // Every reuse of a stale answer revalidates: a newer one may be there by then.
        Served::Stale(answer) => (
            answer.status,
            mark_stale(&answer.body, answer.fetched_at),
            "no-cache".to_owned(),
        ),
        Served::Failed(failure) => return failure_answer(failure),
    };
    let tag = etag(&body);
    let mut response = if matches(request, &tag) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        json(status, body)
    };
    header(&mut response, ETAG, &tag);
    header(&mut response, CACHE_CONTROL, &cache_control);
    response
}

/// An answer of `POST /graphql`: never stored by HTTP caches (the proxy's own cache serves it).
pub fn post_answer(served: Served, mark_stale: fn(&[u8], u64) -> Bytes) -> Response {
    let mut response = match served {
        Served::Fresh(answer) => json(answer.status, answer.body.clone()),
        Served::Stale(answer) => json(answer.status, mark_stale(&answer.body, answer.fetched_at)),
        Served::Failed(failure) => return failure_answer(failure),
    };
    header(&mut response, CACHE_CONTROL, "no-store");
    response
}

/// A refusal or an upstream failure: never cached, with `Retry-After` when there is one.
pub fn failure_answer(failure: Failure) -> Response {
    let mut response = json(failure.status, failure.body);
    header(&mut response, CACHE_CONTROL, "no-store");
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
        let tag = etag(b"{}");
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
        let served = Served::Fresh(std::sync::Arc::new(answer(120, 0)));
        let mut request = HeaderMap::new();
        request.insert(IF_NONE_MATCH, HeaderValue::from_str(&etag(b"{}")).unwrap());
        let response = get_answer(&request, served, |body, _| Bytes::copy_from_slice(body));
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(response.headers()[ETAG], etag(b"{}").as_str());
        assert!(response.headers().get(CONTENT_TYPE).is_none());
    }
}
