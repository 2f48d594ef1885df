//! Sharing requests between elements: identical requests in flight share one fetch, results are
//! reused for a while, and a fetch nobody waits for any more is aborted.

use crate::api::error::ApiError;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::AbortController;

type Outcome<T> = Result<T, ApiError>;

enum Entry<T: Clone> {
    InFlight {
        id: u64,
        future: Shared<LocalBoxFuture<'static, Outcome<T>>>,
        controller: AbortController,
        waiters: usize,
    },
    Done {
        outcome: Outcome<T>,
        at: f64,
    },
}

pub struct SharedRequests<T: Clone> {
    entries: RefCell<HashMap<String, Entry<T>>>,
    next_id: Cell<u64>,
    /// How long a result is reused, in milliseconds.
    max_age: f64,
    /// Whether failures are remembered too (else only successes are reused).
    keep_failures: bool,
}

impl<T: Clone + 'static> SharedRequests<T> {
    pub fn new(max_age: f64, keep_failures: bool) -> Rc<Self> {
        Rc::new(Self {
            entries: RefCell::default(),
            next_id: Cell::new(0),
            max_age,
            keep_failures,
        })
    }

    /// A result that is still fresh, without fetching.
    pub fn recent(&self, key: &str) -> Option<Outcome<T>> {
        match self.entries.borrow().get(key) {
            Some(Entry::Done { outcome, at }) if js_sys::Date::now() - at < self.max_age => {
                Some(outcome.clone())
            }
            _ => None,
        }
    }

    /// Remembers a result obtained elsewhere (e.g. from `localStorage`).
    pub fn remember(&self, key: String, outcome: Outcome<T>, at: f64) {
        self.entries
            .borrow_mut()
            .insert(key, Entry::Done { outcome, at });
    }

    /// Joins the request in flight for `key`, or reuses a fresh result (unless `fresh`), or
    /// starts `fetch` with a new abort controller.
    pub async fn get(
        self: &Rc<Self>,
        key: String,
        fresh: bool,
        fetch: impl FnOnce(AbortController) -> LocalBoxFuture<'static, Outcome<T>>,
    ) -> Outcome<T> {
        if !fresh {
            if let Some(outcome) = self.recent(&key) {
                return outcome;
            }
        }
        let (id, future) = {
            let mut entries = self.entries.borrow_mut();
            if let Some(Entry::InFlight {
                id,
                future,
                waiters,
                ..
            }) = entries.get_mut(&key)
            {
                *waiters += 1;
                (*id, future.clone())
            } else {
                // Forget results past their age, so a page tracking many parcels does not grow.
                let now = js_sys::Date::now();
                entries.retain(|_, entry| {
                    !matches!(entry, Entry::Done { at, .. } if now - *at >= self.max_age)
                });
                let id = self.next_id.get() + 1;
                self.next_id.set(id);
                let controller = AbortController::new().expect("AbortController");
                let this = Rc::clone(self);
                let settle_key = key.clone();
                let request = fetch(controller.clone());
                let future = async move {
                    let outcome = request.await;
                    this.settle(&settle_key, id, &outcome);
                    outcome
                }
                .boxed_local()
                .shared();
                entries.insert(
                    key.clone(),
                    Entry::InFlight {
                        id,
                        future: future.clone(),
                        controller,
                        waiters: 1,
                    },
                );
                (id, future)
            }
        };
        let _waiter = Waiter {
            requests: Rc::clone(self),
            key,
            id,
        };
        future.await
    }

    fn settle(&self, key: &str, id: u64, outcome: &Outcome<T>) {
        let mut entries = self.entries.borrow_mut();
        if !matches!(entries.get(key), Some(Entry::InFlight { id: current, .. }) if *current == id)
        {
            return;
        }
        if outcome.is_ok() || self.keep_failures {
            let at = js_sys::Date::now();
            entries.insert(
                key.to_owned(),
                Entry::Done {
                    outcome: outcome.clone(),
                    at,
                },
            );
        } else {
            entries.remove(key);
        }
    }

    fn leave(&self, key: &str, id: u64) {
        let mut entries = self.entries.borrow_mut();
        if let Some(Entry::InFlight {
            id: current,
            waiters,
            controller,
            ..
        }) = entries.get_mut(key)
        {
            if *current != id {
                return;
            }
            *waiters -= 1;
            if *waiters == 0 {
                controller.abort();
                entries.remove(key);
            }
        }
    }
}

/// One element waiting for a shared request; leaving aborts the fetch when it was the last.
struct Waiter<T: Clone + 'static> {
    requests: Rc<SharedRequests<T>>,
    key: String,
    id: u64,
}

impl<T: Clone + 'static> Drop for Waiter<T> {
    fn drop(&mut self) {
        self.requests.leave(&self.key, self.id);
    }
}
