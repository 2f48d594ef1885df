//! The Prometheus metrics at `/metrics`: one function a metric, so names are written once.

use std::sync::OnceLock;
use std::time::Duration;

use metrics::Counter;

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

/// The routes and statuses requests are counted by.
const ROUTES: [&str; 8] = [
    "carriers",
    "carrier",
    "track",
    "graphql",
    "healthz",
    "readyz",
    "metrics",
    "unmatched",
];
const STATUSES: [&str; 11] = [
    "200", "304", "400", "404", "405", "413", "429", "502", "503", "504", "other",
];
const CACHE_RESULTS: [&str; 4] = ["hit", "shared_hit", "miss", "stale"];

/// Each counter is registered once, at its first use: the hot path then only adds to it.
static REQUESTS: [[OnceLock<Counter>; STATUSES.len()]; ROUTES.len()] =
    [const { [const { OnceLock::new() }; STATUSES.len()] }; ROUTES.len()];
static CACHE: [OnceLock<Counter>; CACHE_RESULTS.len()] =
    [const { OnceLock::new() }; CACHE_RESULTS.len()];

fn index_of(names: &[&str], name: &str) -> usize {
    names
        .iter()
        .position(|n| *n == name)
        .unwrap_or(names.len() - 1)
}

/// One answered request: its route (`carriers`, `track`, `graphql`, …) and HTTP status.
pub fn request(route: &'static str, status: u16) {
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
    let (r, s) = (index_of(&ROUTES, route), index_of(&STATUSES, status));
    REQUESTS[r][s]
        .get_or_init(|| {
            metrics::counter!("dtproxy_requests_total", "route" => ROUTES[r], "status" => STATUSES[s])
        })
        .increment(1);
}

/// A cache lookup's result: `hit`, `shared_hit` (from Redis), `miss` or `stale`.
pub fn cache(result: &'static str) {
    let i = index_of(&CACHE_RESULTS, result);
    CACHE[i]
        .get_or_init(|| metrics::counter!("dtproxy_cache_total", "result" => CACHE_RESULTS[i]))
        .increment(1);
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
