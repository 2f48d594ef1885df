//! Sharing requests between elements: identical requests in flight share one fetch, results are
//! reused for a while, and a fetch nobody waits for any more is aborted.
//!
//! The machinery is written for type-erased results (`Rc<dyn Any>`) and typed by a thin
//! wrapper, so the tracks and the carriers list share one copy of it in the wasm; entries are a
//! short list searched in order (a page tracks a few parcels), which keeps std's hash maps and
//! their SipHash out of the wasm.

use super::task::spawn_abortable;
use crate::api::error::ApiError;
use futures::future::{AbortHandle, FutureExt, LocalBoxFuture};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::marker::PhantomData;
use std::rc::Rc;
use std::task::{Poll, Waker};
use web_sys::AbortController;

type Outcome<T> = Result<T, ApiError>;
type Value = Rc<dyn Any>;

/// A fetch in flight, run as a task of its own (not inside one waiter's future), and what its
/// waiters need: its outcome once it has one, and who to wake then.
#[derive(Default)]
struct Flight {
    outcome: RefCell<Option<Outcome<Value>>>,
    wakers: RefCell<Vec<Waker>>,
}

impl Flight {
    fn finish(&self, outcome: Outcome<Value>) {
        *self.outcome.borrow_mut() = Some(outcome);
        for waker in self.wakers.take() {
            waker.wake();
        }
    }

    async fn outcome(&self) -> Outcome<Value> {
        poll_fn(|cx| match &*self.outcome.borrow() {
            Some(outcome) => Poll::Ready(outcome.clone()),
            None => {
                let mut wakers = self.wakers.borrow_mut();
                if !wakers.iter().any(|waker| waker.will_wake(cx.waker())) {
                    wakers.push(cx.waker().clone());
                }
                Poll::Pending
            }
        })
        .await
    }
}

enum Entry {
    InFlight {
        id: u64,
        flight: Rc<Flight>,
        /// Stops the fetch's task (dropping its timers and nested requests).
        task: AbortHandle,
        controller: AbortController,
        waiters: usize,
    },
    Done {
        outcome: Outcome<Value>,
        at: f64,
    },
}

struct Requests {
    entries: RefCell<Vec<(String, Entry)>>,
    next_id: Cell<u64>,
    /// How long a result is reused, in milliseconds.
    max_age: f64,
    /// Whether failures are remembered too (else only successes are reused).
    keep_failures: bool,
}

/// Shared requests whose results are `T`s.
pub struct SharedRequests<T> {
    requests: Rc<Requests>,
    results: PhantomData<T>,
}

fn typed<T: Clone + 'static>(outcome: Outcome<Value>) -> Outcome<T> {
    // Every value under one `SharedRequests<T>` is a `T`.
    outcome.map(|value| value.downcast_ref::<T>().cloned().expect("a shared result"))
}

impl<T: Clone + 'static> SharedRequests<T> {
    pub fn new(max_age: f64, keep_failures: bool) -> Rc<Self> {
        Rc::new(Self {
            requests: Rc::new(Requests {
                entries: RefCell::default(),
                next_id: Cell::new(0),
                max_age,
                keep_failures,
            }),
            results: PhantomData,
        })
    }

    /// A result that is still fresh, without fetching.
    pub fn recent(&self, key: &str) -> Option<Outcome<T>> {
        self.requests.recent(key).map(typed)
    }

    /// Remembers a result obtained elsewhere (e.g. from `localStorage`).
    pub fn remember(&self, key: String, outcome: Outcome<T>, at: f64) {
        let outcome = outcome.map(|value| Rc::new(value) as Value);
        self.requests.insert(key, Entry::Done { outcome, at });
    }

    /// Joins the request in flight for `key`, or reuses a fresh result (unless `fresh`), or
    /// starts `fetch` with a new abort controller.
    pub async fn get(
        &self,
        key: String,
        fresh: bool,
        fetch: impl FnOnce(AbortController) -> LocalBoxFuture<'static, Outcome<T>> + 'static,
    ) -> Outcome<T> {
        let start = move |controller| {
            fetch(controller)
                .map(|outcome| outcome.map(|value| Rc::new(value) as Value))
                .boxed_local()
        };
        typed(Requests::get(&self.requests, key, fresh, Box::new(start)).await)
    }
}

type Fetch = Box<dyn FnOnce(AbortController) -> LocalBoxFuture<'static, Outcome<Value>>>;

impl Requests {
    fn position(entries: &[(String, Entry)], key: &str) -> Option<usize> {
        entries.iter().position(|(k, _)| k == key)
    }

    fn insert(&self, key: String, entry: Entry) {
        let mut entries = self.entries.borrow_mut();
        match Self::position(&entries, &key) {
            Some(i) => entries[i].1 = entry,
            None => entries.push((key, entry)),
        }
    }

    fn recent(&self, key: &str) -> Option<Outcome<Value>> {
        let entries = self.entries.borrow();
        match Self::position(&entries, key).map(|i| &entries[i].1) {
            Some(Entry::Done { outcome, at }) if js_sys::Date::now() - at < self.max_age => {
                Some(outcome.clone())
            }
            _ => None,
        }
    }

    async fn get(this: &Rc<Self>, key: String, fresh: bool, fetch: Fetch) -> Outcome<Value> {
        if !fresh {
            if let Some(outcome) = this.recent(&key) {
                return outcome;
            }
        }
        let (id, flight) = {
            let mut entries = this.entries.borrow_mut();
            let in_flight = Self::position(&entries, &key).and_then(|i| match &mut entries[i].1 {
                Entry::InFlight {
                    id,
                    flight,
                    waiters,
                    ..
                } => {
                    *waiters += 1;
                    Some((*id, Rc::clone(flight)))
                }
                Entry::Done { .. } => None,
            });
            match in_flight {
                Some(joined) => joined,
                None => {
                    // Forget results past their age, so a page tracking many parcels does not
                    // grow.
                    let now = js_sys::Date::now();
                    entries.retain(|(_, entry)| {
                        !matches!(entry, Entry::Done { at, .. } if now - *at >= this.max_age)
                    });
                    drop(entries);
                    let id = this.next_id.get() + 1;
                    this.next_id.set(id);
                    let controller = AbortController::new().expect("AbortController");
                    let requests = Rc::clone(this);
                    let settle_key = key.clone();
                    let request = fetch(controller.clone());
                    let flight = Rc::new(Flight::default());
                    let finished = Rc::clone(&flight);
                    let task = spawn_abortable(
                        async move {
                            let outcome = request.await;
                            requests.settle(&settle_key, id, &outcome);
                            finished.finish(outcome);
                        }
                        .boxed_local(),
                    );
                    this.insert(
                        key.clone(),
                        Entry::InFlight {
                            id,
                            flight: Rc::clone(&flight),
                            task,
                            controller,
                            waiters: 1,
                        },
                    );
                    (id, flight)
                }
            }
        };
        let _waiter = Waiter {
            requests: Rc::clone(this),
            key,
            id,
        };
        flight.outcome().await
    }

    /// The entry of `key` while it is the request `id` in flight.
    fn in_flight(entries: &[(String, Entry)], key: &str, id: u64) -> Option<usize> {
        Self::position(entries, key).filter(
            |&i| matches!(entries[i].1, Entry::InFlight { id: current, .. } if current == id),
        )
    }

    fn settle(&self, key: &str, id: u64, outcome: &Outcome<Value>) {
        let mut entries = self.entries.borrow_mut();
        let Some(i) = Self::in_flight(&entries, key, id) else {
            return;
        };
        if outcome.is_ok() || self.keep_failures {
            let at = js_sys::Date::now();
            entries[i].1 = Entry::Done {
                outcome: outcome.clone(),
                at,
            };
        } else {
            entries.remove(i);
        }
    }

    fn leave(&self, key: &str, id: u64) {
        let mut entries = self.entries.borrow_mut();
        let Some(i) = Self::in_flight(&entries, key, id) else {
            return;
        };
        if let Entry::InFlight {
            waiters,
            task,
            controller,
            ..
        } = &mut entries[i].1
        {
            *waiters -= 1;
            if *waiters == 0 {
                controller.abort();
                task.abort();
                entries.remove(i);
            }
        }
    }
}

/// One element waiting for a shared request; leaving aborts the fetch when it was the last.
struct Waiter {
    requests: Rc<Requests>,
    key: String,
    id: u64,
}

impl Drop for Waiter {
    fn drop(&mut self) {
        self.requests.leave(&self.key, self.id);
    }
}
