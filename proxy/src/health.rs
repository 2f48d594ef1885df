//! `/healthz` (the process serves), `/readyz` (upstream and Redis reachable) and `/metrics`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tokio::sync::Mutex;

use crate::app::AppState;

/// How long a readiness check of upstream is reused: probes must not become upstream load.
const UPSTREAM_CHECK_EVERY: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct Readiness {
    upstream: Mutex<Option<(Instant, bool)>>,
}

fn json_answer(status: StatusCode, body: serde_json::Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub async fn healthz() -> Response {
    json_answer(StatusCode::OK, json!({ "status": "ok" }))
}

pub async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    let upstream = {
        let mut last = state.readiness.upstream.lock().await;
        match *last {
            Some((at, reachable)) if at.elapsed() < UPSTREAM_CHECK_EVERY => reachable,
            _ => {
                let reachable = state.fetcher.upstream.is_reachable().await;
                *last = Some((Instant::now(), reachable));
                reachable
            }
        }
    };
    let redis = match state.cache.shared() {
        None => None,
        Some(store) => Some(store.ping().await),
    };
    let word = |reachable: bool| {
        if reachable {
            "reachable"
        } else {
            "unreachable"
        }
    };
    let ready = upstream && redis.unwrap_or(true);
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    json_answer(
        status,
        json!({
            "status": if ready { "ready" } else { "degraded" },
            "upstream": word(upstream),
            "redis": redis.map_or("not configured", word),
            "cachedAnswers": state.cache.entry_count(),
        }),
    )
}

pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let mut response = state.metrics.render().into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    response
}
