//! Redis as the cache (and rate-limit counters) shared between instances. Never on the critical
//! path of an answer: every command has a short deadline, a failure counts as a miss, and while
//! Redis is down the proxy tries to reconnect at most once a second and otherwise skips it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::Mutex as AsyncMutex;

use crate::cache::{now_millis, Answer};

/// The longest a Redis command may take before it counts as failed.
const COMMAND_DEADLINE: Duration = Duration::from_millis(250);
/// How often a down Redis is tried again.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);
/// Every key this proxy writes starts so.
const PREFIX: &str = "delivery-tracker-proxy:";

#[derive(Clone)]
pub struct SharedStore {
    inner: Arc<Inner>,
}

struct Inner {
    client: redis::Client,
    connection: AsyncMutex<Option<ConnectionManager>>,
    last_attempt: Mutex<Option<Instant>>,
    up: AtomicBool,
}

impl SharedStore {
    /// Checks the URL only: the server may come up later.
    pub fn new(url: &str) -> Result<SharedStore, String> {
        let client = redis::Client::open(url).map_err(|error| format!("--redis {url}: {error}"))?;
        Ok(SharedStore {
            inner: Arc::new(Inner {
                client,
                connection: AsyncMutex::new(None),
                last_attempt: Mutex::new(None),
                up: AtomicBool::new(false),
            }),
        })
    }

    pub fn is_up(&self) -> bool {
        self.inner.up.load(Ordering::Relaxed)
    }

    /// A connection, or `None` while Redis is down and not due for another try.
    async fn connection(&self) -> Option<ConnectionManager> {
        let mut slot = self.inner.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Some(connection.clone());
        }
        {
            let mut last = self
                .inner
                .last_attempt
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if last.is_some_and(|at| at.elapsed() < RECONNECT_EVERY) {
                return None;
            }
            *last = Some(Instant::now());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(COMMAND_DEADLINE))
            .set_response_timeout(Some(COMMAND_DEADLINE))
            .set_number_of_retries(0);
        let connected = tokio::time::timeout(
            COMMAND_DEADLINE * 2,
            self.inner.client.get_connection_manager_with_config(config),
        )
        .await;
        match connected {
            Ok(Ok(connection)) => {
                self.mark(true);
                *slot = Some(connection.clone());
                Some(connection)
            }
            Ok(Err(_)) | Err(_) => {
                self.mark(false);
                None
            }
        }
    }

    fn mark(&self, up: bool) {
        let was = self.inner.up.swap(up, Ordering::Relaxed);
        if was != up {
            if up {
                tracing::info!("redis: connected");
            } else {
                tracing::warn!(
                    "redis: unreachable; serving from this instance's cache and upstream"
                );
            }
        }
    }

    /// Runs one command with the deadline; a failure drops the connection (Redis counts as down
    /// until a reconnect succeeds).
    async fn query<T: redis::FromRedisValue>(&self, command: &redis::Cmd) -> Option<T> {
        let mut connection = self.connection().await?;
        match tokio::time::timeout(COMMAND_DEADLINE, command.query_async(&mut connection)).await {
            Ok(Ok(value)) => Some(value),
            Ok(Err(_)) | Err(_) => {
                *self.inner.connection.lock().await = None;
                self.mark(false);
                None
            }
        }
    }

    pub async fn get(&self, key: &str) -> Option<Answer> {
        let bytes: Option<Vec<u8>> = self
            .query(redis::cmd("GET").arg(format!("{PREFIX}answer:{key}")))
            .await?;
        Answer::from_bytes(&bytes?)
    }

    /// Stores an answer until it can no longer be served, in the background.
    pub fn put(&self, key: &str, answer: &Answer) {
        let ttl_millis = answer.stale_until.saturating_sub(now_millis());
        if ttl_millis == 0 {
            return;
        }
        let store = self.clone();
        let mut command = redis::cmd("SET");
        command
            .arg(format!("{PREFIX}answer:{key}"))
            .arg(answer.to_bytes())
            .arg("PX")
            .arg(ttl_millis);
        tokio::spawn(async move {
            let _: Option<()> = store.query(&command).await;
        });
    }

    /// Counts one request in a shared fixed window; `None` when Redis cannot say.
    pub async fn count_in_window(&self, key: &str, window: Duration) -> Option<u64> {
        let mut pipeline = redis::pipe();
        let key = format!("{PREFIX}rate:{key}");
        pipeline
            .atomic()
            .cmd("INCR")
            .arg(&key)
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(window.as_millis() as u64)
            .arg("NX")
            .ignore();
        let mut connection = self.connection().await?;
        let counted: Result<Result<(u64,), _>, _> =
            tokio::time::timeout(COMMAND_DEADLINE, pipeline.query_async(&mut connection)).await;
        match counted {
            Ok(Ok((count,))) => Some(count),
            _ => {
                *self.inner.connection.lock().await = None;
                self.mark(false);
                None
            }
        }
    }

    /// For `/readyz`: a PING within the deadline.
    pub async fn ping(&self) -> bool {
        let pong: Option<String> = self.query(&redis::cmd("PING")).await;
        pong.as_deref() == Some("PONG")
    }
}
