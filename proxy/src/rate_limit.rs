//! Track requests per minute per client address: counted in Redis when there is one (so every
//! instance sees the same count), else by this instance.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::cache::now_millis;
use crate::shared_store::SharedStore;

const WINDOW: Duration = Duration::from_secs(60);

pub struct ClientLimiter {
    /// `None`: no limit.
    per_minute: Option<NonZeroU32>,
    local: Option<DefaultKeyedRateLimiter<IpAddr>>,
    shared: Option<SharedStore>,
}

impl ClientLimiter {
    pub fn new(per_minute: u32, shared: Option<SharedStore>) -> ClientLimiter {
        let per_minute = NonZeroU32::new(per_minute);
        ClientLimiter {
            per_minute,
            // N per minute, a burst of N: a page with many elements is served at once.
            local: per_minute.map(|n| RateLimiter::keyed(Quota::per_minute(n))),
            shared,
        }
    }

    /// `Err(seconds)` when `client` must wait before its next track request.
    pub async fn check(&self, client: IpAddr) -> Result<(), u64> {
        let Some(limit) = self.per_minute else {
            return Ok(());
        };
        if let Some(store) = self.shared.as_ref().filter(|store| store.is_up()) {
            let now = now_millis();
            let window = now / WINDOW.as_millis() as u64;
            if let Some(count) = store
                .count_in_window(&format!("{client}:{window}"), WINDOW)
                .await
            {
                let left_millis = WINDOW.as_millis() as u64 - now % WINDOW.as_millis() as u64;
                return if count > u64::from(limit.get()) {
                    Err(left_millis.div_ceil(1000))
                } else {
                    Ok(())
                };
            }
        }
        let local = self.local.as_ref().expect("a limit has a local limiter");
        local.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_millis().div_ceil(1000).max(1) as u64
        })
    }

    /// Forgets addresses that have not been seen for a while (called every minute).
    pub fn forget_idle(&self) {
        if let Some(local) = &self.local {
            local.retain_recent();
            local.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_burst_of_the_limit_then_a_wait() {
        let limiter = ClientLimiter::new(3, None);
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert_eq!(limiter.check(client).await, Ok(()));
        }
        let wait = limiter.check(client).await.unwrap_err();
        assert!((1..=20).contains(&wait), "one request every 20 s: {wait}");
        assert_eq!(limiter.check(other).await, Ok(()), "per address");
    }

    #[tokio::test]
    async fn zero_is_no_limit() {
        let limiter = ClientLimiter::new(0, None);
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..1000 {
            assert_eq!(limiter.check(client).await, Ok(()));
        }
    }
}
