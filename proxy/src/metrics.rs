//! The Prometheus metrics at `/metrics`: one function a metric, so names are written once.

use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const UPSTREAM_SECONDS: &str = "dtproxy_upstream_duration_seconds";

/// Installs the process-wide recorder.
pub fn install() -> Result<PrometheusHandle, String> {
    PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full(UPSTREAM_SECONDS.into()),
            &[0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0],
        )
        .map_err(|error| error.to_string())?
        .install_recorder()
        .map_err(|error| format!("cannot install the metrics recorder: {error}"))
}

/// One answered request: its route (`carriers`, `track`, `graphql`, …) and HTTP status.
pub fn request(route: &'static str, status: u16) {
    // The statuses the proxy sends as static labels: no allocation on the hot path.
    let status = match status {
        200 => "200",
        304 => "304",
        400 => "400",
        404 => "404",
        405 => "405",
        413 => "413",
        429 => "429",
        502 => "502",
        503 => "503",
        504 => "504",
        _ => "other",
    };
    metrics::counter!("dtproxy_requests_total", "route" => route, "status" => status).increment(1);
}

/// A cache lookup's result: `hit`, `shared_hit` (from Redis), `miss` or `stale`.
pub fn cache(result: &'static str) {
    metrics::counter!("dtproxy_cache_total", "result" => result).increment(1);
}

/// One upstream call: `ok` (any HTTP answer), `error`, `timeout`, `too_large` or `busy` (the
/// upstream quota had no room in time).
pub fn upstream(outcome: &'static str, took: Option<Duration>) {
    metrics::counter!("dtproxy_upstream_requests_total", "outcome" => outcome).increment(1);
    if let Some(took) = took {
        metrics::histogram!(UPSTREAM_SECONDS).record(took.as_secs_f64());
    }
}

pub fn rate_limited() {
    metrics::counter!("dtproxy_rate_limited_total").increment(1);
}
