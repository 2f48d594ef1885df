//! The answer cache: keyed by the parcel (never by the key or the client), size-bounded, shared
//! through Redis when there is one, one upstream fetch for any number of identical requests, and
//! an earlier answer served, marked stale, when upstream fails.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use quick_cache::sync::Cache as QuickCache;
use quick_cache::Weighter;

use crate::coalesce::Coalescer;
use crate::metrics;
use crate::shared_store::SharedStore;

/// How long answers stay fresh, and how long past that they may still be served on errors.
#[derive(Clone, Copy, Debug)]
pub struct Ttl {
    pub in_transit: Duration,
    pub delivered: Duration,
    pub stale_for: Duration,
}

/// Not-found and refused numbers are kept this long at most: a parcel registered a minute ago
/// should show soon.
const NOT_FOUND_TTL: Duration = Duration::from_secs(30);

/// What an answer is about, which decides how long it stays fresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    InTransit,
    Delivered,
    /// Not found, or a number or carrier refused by upstream.
    NotFound,
    /// The carriers list: it changes rarely.
    Carriers,
}

impl Ttl {
    pub fn fresh_for(&self, freshness: Freshness) -> Duration {
        match freshness {
            Freshness::InTransit => self.in_transit,
            Freshness::Delivered | Freshness::Carriers => self.delivered,
            Freshness::NotFound => self.in_transit.min(NOT_FOUND_TTL),
        }
    }
}

/// Milliseconds since the Unix epoch: comparable between instances sharing Redis.
pub fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Bodies at least this long are kept gzipped: a parcel's JSON shrinks to about 45 %, and
/// clients that accept gzip (every browser) get the stored bytes as they are.
const GZIP_FROM_BYTES: usize = 512;

/// One cached answer: what the client gets, and when it was fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    /// Gzipped when `gzipped`.
    pub body: Bytes,
    pub gzipped: bool,
    /// A hash of the plain body: the `ETag`, whatever the transfer encoding.
    pub tag: u64,
    pub fetched_at: u64,
    pub fresh_until: u64,
    pub stale_until: u64,
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(body).ok()?;
    // Exactly sized: the encoder's buffer grew by doubling.
    encoder
        .finish()
        .ok()
        .map(|compressed| Bytes::copy_from_slice(&compressed))
}

fn gunzip(body: &[u8]) -> Option<Bytes> {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut plain)
        .ok()?;
    Some(Bytes::from(plain))
}

impl Answer {
    pub fn new(status: u16, body: Bytes, freshness: Freshness, ttl: &Ttl) -> Answer {
        let tag = xxhash_rust::xxh3::xxh3_64(&body);
        let (body, gzipped) = match (body.len() >= GZIP_FROM_BYTES).then(|| gzip(&body)) {
            Some(Some(compressed)) => (compressed, true),
            _ => (body, false),
        };
        let fetched_at = now_millis();
        let fresh_until = fetched_at + ttl.fresh_for(freshness).as_millis() as u64;
        // A parcel's answer is worth serving past its freshness when upstream fails; a not-found
        // is not (the parcel may well exist by then).
        let stale_for = if freshness == Freshness::NotFound {
            Duration::ZERO
        } else {
            ttl.stale_for
        };
        Answer {
            status,
            body,
            gzipped,
            tag,
            fetched_at,
            fresh_until,
            stale_until: fresh_until + stale_for.as_millis() as u64,
        }
    }

    /// The body as JSON text.
    pub fn plain_body(&self) -> Bytes {
        if self.gzipped {
            // Only this process gzips what it stores (or another instance of it, through Redis).
            gunzip(&self.body).unwrap_or_default()
        } else {
            self.body.clone()
        }
    }

    pub fn is_fresh(&self, now: u64) -> bool {
        now < self.fresh_until
    }

    fn can_serve_stale(&self, now: u64) -> bool {
        self.stale_until > self.fresh_until && now < self.stale_until
    }

    /// Whole seconds of freshness left.
    pub fn max_age_secs(&self, now: u64) -> u64 {
        self.fresh_until.saturating_sub(now) / 1000
    }

    /// The Redis form: a line of metadata, then the body as it is stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        let head = format!(
            "{} {} {} {} {} {}\n",
            self.status,
            u8::from(self.gzipped),
            self.tag,
            self.fetched_at,
            self.fresh_until,
            self.stale_until
        );
        [head.as_bytes(), &self.body].concat()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Answer> {
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let head = std::str::from_utf8(&bytes[..newline]).ok()?;
        let mut fields = head.split(' ');
        let mut next = || fields.next()?.parse::<u64>().ok();
        let status = u16::try_from(next()?).ok()?;
        let gzipped = match next()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let (tag, fetched_at, fresh_until, stale_until) = (next()?, next()?, next()?, next()?);
        Some(Answer {
            status,
            body: Bytes::copy_from_slice(&bytes[newline + 1..]),
            gzipped,
            tag,
            fetched_at,
            fresh_until,
            stale_until,
        })
    }
}

/// Why a fetch gave no answer worth caching: what the client gets instead, unless an earlier
/// answer can be served stale.
#[derive(Clone, Debug)]
pub struct Failure {
    pub status: u16,
    pub body: Bytes,
    pub retry_after: Option<u64>,
}

/// What a cache lookup gives.
#[derive(Clone, Debug)]
pub enum Served {
    Fresh(Answer),
    /// Upstream failed; this earlier answer is served, marked with when it was fetched.
    Stale(Answer),
    Failed(Failure),
}

/// An entry's weight: its body, and about 150 bytes for the slot and the answer's fields.
#[derive(Clone)]
struct ByBytes;

impl Weighter<u128, Answer> for ByBytes {
    fn weight(&self, _key: &u128, answer: &Answer) -> u64 {
        (answer.body.len() + 150) as u64
    }
}

/// Entries are keyed by a 128-bit hash of the key: no key strings kept, and no collision in
/// practice.
fn local_key(key: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(key.as_bytes())
}

/// An answer takes about this many bytes: the cache's first guess at how many it holds.
const TYPICAL_ENTRY_BYTES: u64 = 800;

pub struct AnswerCache {
    /// quick_cache: a few dozen bytes of overhead an entry (a parcel's gzipped answer is about
    /// 600), where a cache with per-entry timers costs several hundred. Entries past their stale
    /// window are left to eviction and never served.
    local: Arc<QuickCache<u128, Answer, ByBytes>>,
    shared: Option<SharedStore>,
    flights: Coalescer<Served>,
}

impl AnswerCache {
    pub fn new(max_bytes: u64, shared: Option<SharedStore>) -> AnswerCache {
        let estimated = usize::try_from(max_bytes / TYPICAL_ENTRY_BYTES).unwrap_or(usize::MAX);
        AnswerCache {
            local: Arc::new(QuickCache::with_weighter(
                estimated.max(16),
                max_bytes,
                ByBytes,
            )),
            shared,
            flights: Coalescer::default(),
        }
    }

    pub fn shared(&self) -> Option<&SharedStore> {
        self.shared.as_ref()
    }

    /// A fresh answer from this instance's cache, else from Redis, else from `fetch` — run once
    /// for all identical requests that arrive meanwhile. When `fetch` fails, an earlier answer
    /// still within its stale window is served instead.
    pub async fn serve<F>(&self, key: String, fetch: F) -> Served
    where
        F: std::future::Future<Output = Result<Answer, Failure>> + Send + 'static,
    {
        let local_key = local_key(&key);
        let local = self.local.get(&local_key);
        if let Some(answer) = local.as_ref().filter(|a| a.is_fresh(now_millis())) {
            metrics::cache("hit");
            return Served::Fresh(answer.clone());
        }
        let local_cache = Arc::clone(&self.local);
        let shared = self.shared.clone();
        let flight_key = key.clone();
        self.flights
            .run(flight_key, async move {
                let from_shared = match &shared {
                    Some(store) => store.get(&key).await,
                    None => None,
                };
                if let Some(answer) = from_shared.as_ref().filter(|a| a.is_fresh(now_millis())) {
                    metrics::cache("shared_hit");
                    local_cache.insert(local_key, answer.clone());
                    return Served::Fresh(answer.clone());
                }
                // The newest earlier answer, for when upstream fails.
                let earlier = [local, from_shared]
                    .into_iter()
                    .flatten()
                    .max_by_key(|answer| answer.fetched_at);
                match fetch.await {
                    Ok(answer) => {
                        metrics::cache("miss");
                        if let Some(store) = &shared {
                            store.put(&key, &answer);
                        }
                        local_cache.insert(local_key, answer.clone());
                        Served::Fresh(answer)
                    }
                    Err(failure) => match earlier.filter(|a| a.can_serve_stale(now_millis())) {
                        Some(answer) => {
                            metrics::cache("stale");
                            Served::Stale(answer)
                        }
                        None => {
                            metrics::cache("miss");
                            Served::Failed(failure)
                        }
                    },
                }
            })
            .await
    }

    pub fn entry_count(&self) -> usize {
        self.local.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: Ttl = Ttl {
        in_transit: Duration::from_secs(120),
        delivered: Duration::from_secs(86_400),
        stale_for: Duration::from_secs(3_600),
    };

    #[test]
    fn delivered_parcels_are_kept_far_longer_and_not_found_briefly() {
        assert_eq!(
            TTL.fresh_for(Freshness::InTransit),
            Duration::from_secs(120)
        );
        assert_eq!(
            TTL.fresh_for(Freshness::Delivered),
            Duration::from_secs(86_400)
        );
        assert_eq!(TTL.fresh_for(Freshness::NotFound), Duration::from_secs(30));
        assert_eq!(
            TTL.fresh_for(Freshness::Carriers),
            Duration::from_secs(86_400)
        );
        let short = Ttl {
            in_transit: Duration::from_secs(5),
            ..TTL
        };
        assert_eq!(short.fresh_for(Freshness::NotFound), Duration::from_secs(5));
    }

    #[test]
    fn not_found_answers_are_never_served_stale() {
        let ok = Answer::new(200, Bytes::from_static(b"{}"), Freshness::InTransit, &TTL);
        assert_eq!(ok.fresh_until - ok.fetched_at, 120_000);
        assert_eq!(ok.stale_until - ok.fresh_until, 3_600_000);
        assert!(ok.is_fresh(ok.fetched_at + 119_999));
        assert!(!ok.is_fresh(ok.fetched_at + 120_000));
        assert!(ok.can_serve_stale(ok.fetched_at + 120_000 + 3_599_999));
        assert!(!ok.can_serve_stale(ok.fetched_at + 120_000 + 3_600_000));
        assert_eq!(ok.max_age_secs(ok.fetched_at + 500), 119);

        // v2 answers not-found with HTTP 200: the freshness decides, not the status.
        let not_found = Answer::new(200, Bytes::from_static(b"{}"), Freshness::NotFound, &TTL);
        assert_eq!(not_found.stale_until, not_found.fresh_until);
        assert!(!not_found.can_serve_stale(not_found.fetched_at));
    }

    #[test]
    fn the_redis_form_round_trips() {
        let answer = Answer {
            status: 404,
            body: Bytes::from_static("{\"message\":\"없음\"}\n".as_bytes()),
            gzipped: false,
            tag: 42,
            fetched_at: 1_700_000_000_000,
            fresh_until: 1_700_000_030_000,
            stale_until: 1_700_000_030_000,
        };
        let bytes = answer.to_bytes();
        assert!(bytes.starts_with(b"404 0 42 1700000000000 1700000030000 1700000030000\n{"));
        assert_eq!(Answer::from_bytes(&bytes), Some(answer));
        assert_eq!(Answer::from_bytes(b"garbage"), None);
        assert_eq!(Answer::from_bytes(b"200 0 1 2\n{}"), None);
        assert_eq!(Answer::from_bytes(b"200 7 1 2 3 4\n{}"), None);
    }

    #[test]
    fn long_bodies_are_kept_gzipped() {
        let json = format!(
            "{{\"progresses\":[{}]}}",
            vec!["{\"status\":\"in_transit\"}"; 40].join(",")
        );
        let answer = Answer::new(200, Bytes::from(json.clone()), Freshness::InTransit, &TTL);
        assert!(answer.gzipped);
        assert!(
            answer.body.len() < json.len() / 4,
            "{} bytes",
            answer.body.len()
        );
        assert_eq!(answer.plain_body(), json.as_bytes());
        assert_eq!(answer.tag, xxhash_rust::xxh3::xxh3_64(json.as_bytes()));
        let short = Answer::new(200, Bytes::from_static(b"{}"), Freshness::InTransit, &TTL);
        assert!(!short.gzipped);
        assert_eq!(short.plain_body(), &b"{}"[..]);
    }
}
