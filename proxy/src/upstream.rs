//! The v2 GraphQL API upstream: the key added, a deadline, a capped body, and a global limiter
//! that keeps this instance within the cloud's quota.

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use delivery_tracker_widget::api::error::{ApiError, ErrorKind, Own};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::config::ApiKey;
use crate::metrics;

/// The most bytes an upstream answer may have (a 20-event page is a few KiB).
const MAX_BODY_BYTES: usize = 2 << 20;
/// The longest a call waits for room in the upstream quota before it counts as busy.
const QUOTA_WAIT: Duration = Duration::from_secs(5);

pub struct Upstream {
    client: reqwest::Client,
    graphql_url: String,
    authorization: Option<String>,
    timeout: Duration,
    quota: DefaultDirectRateLimiter,
}

/// Any HTTP answer of upstream.
#[derive(Debug)]
pub struct UpstreamAnswer {
    pub status: u16,
    pub body: Bytes,
    pub retry_after: Option<String>,
}

impl Upstream {
    pub fn new(
        base: &str,
        api_key: Option<&ApiKey>,
        timeout: Duration,
        calls_per_second: u32,
    ) -> Result<Upstream, String> {
        let client = reqwest::Client::builder()
            .user_agent(concat!(
                "delivery-tracker-proxy/",
                env!("CARGO_PKG_VERSION")
            ))
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| format!("cannot build the HTTP client: {error}"))?;
        let per_second = NonZeroU32::new(calls_per_second).unwrap_or(NonZeroU32::MIN);
        Ok(Upstream {
            client,
            graphql_url: format!("{base}/graphql"),
            authorization: api_key.map(ApiKey::authorization),
            timeout,
            quota: RateLimiter::direct(Quota::per_second(per_second)),
        })
    }

    /// POSTs a GraphQL body. An error means no complete HTTP answer came.
    pub async fn post(&self, body: String) -> Result<UpstreamAnswer, ApiError> {
        if tokio::time::timeout(QUOTA_WAIT, self.quota.until_ready())
            .await
            .is_err()
        {
            metrics::upstream("busy", None);
            // The upstream quota had no room in time: as if upstream had said 429.
            return Err(ApiError {
                retry_after_secs: Some(1),
                ..ApiError::new(ErrorKind::RateLimited, None, Own::RateLimited)
            });
        }
        let started = Instant::now();
        let result = tokio::time::timeout(self.timeout, self.send(body)).await;
        let took = started.elapsed();
        match result {
            Ok(Ok(answer)) => {
                metrics::upstream("ok", Some(took));
                Ok(answer)
            }
            Ok(Err(error)) => {
                metrics::upstream(
                    if error.kind == ErrorKind::BadResponse {
                        "too_large"
                    } else {
                        "error"
                    },
                    Some(took),
                );
                Err(error)
            }
            Err(_) => {
                metrics::upstream("timeout", Some(took));
                Err(ApiError::timeout(self.timeout.as_millis() as u32))
            }
        }
    }

    async fn send(&self, body: String) -> Result<UpstreamAnswer, ApiError> {
        let mut request = self
            .client
            .post(&self.graphql_url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .body(body);
        if let Some(authorization) = &self.authorization {
            request = request.header("Authorization", authorization);
        }
        let mut response = request.send().await.map_err(|_| ApiError::network())?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("Retry-After")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(|_| ApiError::network())? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(ApiError::bad_response(status));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(UpstreamAnswer {
            status,
            body: body.freeze(),
            retry_after,
        })
    }

    /// For `/readyz`: any HTTP answer from the upstream's GraphQL URL, within 3 seconds, counts
    /// as reachable. Not counted against the quota: it is no GraphQL call.
    pub async fn is_reachable(&self) -> bool {
        let request = self
            .client
            .head(&self.graphql_url)
            .timeout(Duration::from_secs(3))
            .send();
        request.await.is_ok()
    }
}
