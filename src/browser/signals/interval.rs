//! `use_interval_fn`: a function called every N milliseconds, until stopped or until its owner is
//! cleaned up.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A page interval calling one function; `start` (again) and `stop` it.
#[derive(Clone, Copy)]
pub struct Interval(StoredValue<Ticking, LocalStorage>);

/// The function the page calls and the running timer's id, in one stored value: each stored
/// value type costs its own code in the wasm.
struct Ticking {
    tick: Closure<dyn Fn()>,
    timer: Option<i32>,
}

/// Creates the interval, stopped, in the current owner.
pub fn use_interval_fn(tick: impl Fn() + 'static) -> Interval {
    let interval = Interval(StoredValue::new_local(Ticking {
        tick: Closure::new(tick),
        timer: None,
    }));
    on_cleanup(move || interval.stop());
    interval
}

impl Interval {
    /// Starts it anew: the first call comes `period_millis` from now.
    pub fn start(self, period_millis: u32) {
        self.stop();
        self.0.try_update_value(|ticking| {
            ticking.timer = web_sys::window().and_then(|window| {
                window
                    .set_interval_with_callback_and_timeout_and_arguments_0(
                        ticking.tick.as_ref().unchecked_ref(),
                        i32::try_from(period_millis).unwrap_or(i32::MAX),
                    )
                    .ok()
            });
        });
    }

    pub fn stop(self) {
        let timer = self
            .0
            .try_update_value(|ticking| ticking.timer.take())
            .flatten();
        if let (Some(timer), Some(window)) = (timer, web_sys::window()) {
            window.clear_interval_with_handle(timer);
        }
    }
}
