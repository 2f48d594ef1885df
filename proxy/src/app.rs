//! The server: shared state, the routes, and the layers around them (access log, CORS, body
//! limit).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, Method};
use axum::response::Response;
use axum::routing::get;
use axum::{middleware, Router};
use metrics_exporter_prometheus::PrometheusHandle;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::cache::{AnswerCache, Failure};
use crate::config::{AllowOrigins, Config};
use crate::fetch::Fetcher;
use crate::rate_limit::ClientLimiter;
use crate::shared_store::SharedStore;
use crate::upstream::Upstream;
use crate::{access_log, health, http_cache, routes, v1};

/// Request bodies larger than this get 413.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024;

pub struct AppState {
    pub cache: AnswerCache,
    pub fetcher: Arc<Fetcher>,
    pub limiter: ClientLimiter,
    pub trust_forwarded_for: bool,
    pub metrics: PrometheusHandle,
    pub readiness: health::Readiness,
}

impl AppState {
    pub fn new(config: &Config, metrics: PrometheusHandle) -> Result<AppState, String> {
        let shared = config.redis.as_deref().map(SharedStore::new).transpose()?;
        let upstream = Upstream::new(
            &config.upstream,
            config.api_key.as_ref(),
            config.upstream_timeout,
            config.upstream_rate,
        )?;
        Ok(AppState {
            cache: AnswerCache::new(config.cache_bytes, shared.clone()),
            fetcher: Arc::new(Fetcher {
                upstream,
                ttl: config.ttl,
            }),
            limiter: ClientLimiter::new(config.rate_limit, shared),
            trust_forwarded_for: config.trust_forwarded_for,
            metrics,
            readiness: health::Readiness::default(),
        })
    }
}

pub fn router(state: Arc<AppState>, origins: &AllowOrigins) -> Router {
    let router = Router::new()
        .route("/carriers", get(routes::v1_carriers))
        .route("/carriers/{carrier_id}", get(routes::v1_carrier))
        .route(
            "/carriers/{carrier_id}/tracks/{track_id}",
            get(routes::v1_track),
        )
        .route(
            "/graphql",
            axum::routing::post(routes::graphql).get(routes::graphql_get),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(state);
    let router = match cors(origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router.layer(middleware::from_fn(access_log::log_requests))
}

/// CORS for the origins given; none: same-origin use only, no CORS headers at all.
fn cors(origins: &AllowOrigins) -> Option<CorsLayer> {
    let allow = match origins {
        AllowOrigins::None => return None,
        AllowOrigins::Any => AllowOrigin::any(),
        AllowOrigins::List(list) => AllowOrigin::list(
            list.iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok()),
        ),
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::HEAD, Method::POST])
            // A widget given an apiKey sends Authorization; it is accepted and never forwarded.
            .allow_headers([CONTENT_TYPE, AUTHORIZATION])
            .expose_headers([RETRY_AFTER])
            .max_age(Duration::from_secs(600)),
    )
}

fn v1_error(status: u16, message: &str) -> Response {
    http_cache::failure_answer(Failure {
        status,
        body: v1::error_body(message),
        retry_after: None,
    })
}

async fn not_found() -> Response {
    v1_error(
        404,
        "Not found: this proxy serves /carriers, /carriers/{carrier_id}/tracks/{track_id} and POST /graphql.",
    )
}

async fn method_not_allowed() -> Response {
    v1_error(405, "Method not allowed.")
}
