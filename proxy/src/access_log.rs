//! One log line and one metric per request. Tracking numbers are masked to their last 4
//! characters; headers (and so any key) are never logged.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

use crate::{metrics, validate};

/// What a handler adds to its request's log line (the operation, a masked number, the cache).
#[derive(Clone)]
pub struct LogNote(pub String);

/// The route's name for metrics and logs.
fn route_name(matched: Option<&str>) -> &'static str {
    match matched {
        Some("/carriers") => "carriers",
        Some("/carriers/{carrier_id}") => "carrier",
        Some("/carriers/{carrier_id}/tracks/{track_id}") => "track",
        Some("/graphql") => "graphql",
        Some("/healthz") => "healthz",
        Some("/readyz") => "readyz",
        Some("/metrics") => "metrics",
        _ => "unmatched",
    }
}

/// The path with the segment after `tracks` masked, cut to 200 characters.
pub fn masked_path(path: &str) -> String {
    let mut after_tracks = false;
    let masked: Vec<String> = path
        .split('/')
        .map(|segment| {
            let shown = if after_tracks {
                validate::masked(segment)
            } else {
                segment.to_owned()
            };
            after_tracks = segment == "tracks";
            shown
        })
        .collect();
    masked.join("/").chars().take(200).collect()
}

/// Whether request lines are logged (`DT_PROXY_LOG` at `info` or finer): they are only put
/// together then.
pub fn enabled() -> bool {
    tracing::enabled!(target: "access", tracing::Level::INFO)
}

pub async fn log_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let matched = request.extensions().get::<MatchedPath>();
    let route = route_name(matched.map(MatchedPath::as_str));
    let line = enabled().then(|| (request.method().clone(), masked_path(request.uri().path())));
    let response = next.run(request).await;
    let status = response.status().as_u16();
    metrics::request(route, status);
    if let Some((method, path)) = line {
        let note = response
            .extensions()
            .get::<LogNote>()
            .map_or("", |note| note.0.as_str());
        tracing::info!(
            target: "access",
            "{method} {path} {status} {:.1}ms {note}",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_numbers_in_paths_are_masked() {
        assert_eq!(
            masked_path("/carriers/kr.cjlogistics/tracks/1234567890"),
            "/carriers/kr.cjlogistics/tracks/******7890"
        );
        assert_eq!(masked_path("/carriers"), "/carriers");
        assert_eq!(masked_path("/tracks/tracks/12345"), "/tracks/**acks/*2345");
        assert_eq!(masked_path(&format!("/{}", "a".repeat(300))).len(), 200);
    }

    #[test]
    fn routes_have_names() {
        assert_eq!(
            route_name(Some("/carriers/{carrier_id}/tracks/{track_id}")),
            "track"
        );
        assert_eq!(route_name(None), "unmatched");
    }
}
