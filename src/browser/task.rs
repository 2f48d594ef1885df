//! `Task`: one future at a time on the page's event loop. Starting one stops the one before, and
//! the owner's cleanup stops it: no request or wait outlives the element that started it.

use futures::future::{AbortHandle, Abortable, LocalBoxFuture};
use leptos::prelude::*;
use std::future::Future;
use wasm_bindgen_futures::spawn_local;

#[derive(Clone, Copy)]
pub struct Task(StoredValue<Option<AbortHandle>, LocalStorage>);

/// Creates the task slot, empty, in the current owner.
pub fn use_task() -> Task {
    let task = Task(StoredValue::new_local(None));
    on_cleanup(move || task.stop());
    task
}

impl Task {
    /// Runs `future`, stopping the one before.
    pub fn spawn(self, future: impl Future<Output = ()> + 'static) {
        self.spawn_boxed(Box::pin(future));
    }

    /// `spawn`'s body, compiled once: its abort wrapper and `spawn_local`'s task are not copied
    /// for every future type spawned.
    fn spawn_boxed(self, future: LocalBoxFuture<'static, ()>) {
        self.stop();
        self.0.try_set_value(Some(spawn_abortable(future)));
    }

    /// Stops the running future (it is dropped, with its timers and requests).
    pub fn stop(self) {
        if let Some(handle) = self.0.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    }
}

/// Runs `future` on the page's event loop until it ends or the handle aborts it (it is then
/// dropped, with its timers and requests).
pub fn spawn_abortable(future: LocalBoxFuture<'static, ()>) -> AbortHandle {
    let (handle, registration) = AbortHandle::new_pair();
    spawn_local(async move {
        let _ = Abortable::new(future, registration).await;
    });
    handle
}
