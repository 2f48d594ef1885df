//! Request coalescing: any number of identical requests in flight share one piece of work.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, PoisonError};

use futures::future::{BoxFuture, FutureExt, Shared};

type Flight<T> = Shared<BoxFuture<'static, T>>;

pub struct Coalescer<T> {
    flights: Mutex<HashMap<String, Flight<T>>>,
}

impl<T> Default for Coalescer<T> {
    fn default() -> Self {
        Coalescer {
            flights: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> Coalescer<T> {
    /// Runs `work` unless identical work (same `key`) is in flight, and gives its result to every
    /// caller. The work runs as a task of its own: a client that goes away does not cancel it,
    /// so its result still reaches the others and the cache.
    pub async fn run<F>(&self, key: String, work: F) -> T
    where
        F: Future<Output = T> + Send + 'static,
    {
        let flight = self
            .lock()
            .entry(key.clone())
            .or_insert_with(|| {
                let task = tokio::spawn(work);
                async move { task.await.expect("coalesced work does not panic") }
                    .boxed()
                    .shared()
            })
            .clone();
        let value = flight.clone().await;
        let mut flights = self.lock();
        if flights.get(&key).is_some_and(|f| f.ptr_eq(&flight)) {
            flights.remove(&key);
        }
        value
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Flight<T>>> {
        self.flights.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    #[tokio::test]
    async fn identical_work_in_flight_runs_once() {
        let coalescer = Arc::new(Coalescer::<u32>::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..100)
            .map(|_| {
                let coalescer = Arc::clone(&coalescer);
                let runs = Arc::clone(&runs);
                tokio::spawn(async move {
                    coalescer
                        .run("parcel".into(), async move {
                            runs.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            7
                        })
                        .await
                })
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.await.unwrap(), 7);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert!(
            coalescer.lock().is_empty(),
            "finished flights are forgotten"
        );
        assert_eq!(coalescer.run("parcel".into(), async { 8 }).await, 8);
    }

    #[tokio::test]
    async fn a_caller_that_leaves_does_not_cancel_the_work() {
        let coalescer = Arc::new(Coalescer::<u32>::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let work = |runs: Arc<AtomicUsize>| async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            runs.fetch_add(1, Ordering::SeqCst);
            1
        };
        let leaver = {
            let coalescer = Arc::clone(&coalescer);
            let runs = Arc::clone(&runs);
            tokio::spawn(async move { coalescer.run("k".into(), work(runs)).await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        leaver.abort();
        assert_eq!(coalescer.run("k".into(), work(Arc::clone(&runs))).await, 1);
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "the first work finished and was shared"
        );
    }
}
