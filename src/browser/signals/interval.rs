//! `use_interval_fn`: a function called every N milliseconds, until stopped or until its owner is
//! cleaned up.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A page interval calling one function; `start` (again) and `stop` it.
#[derive(Clone, Copy)]
pub struct Interval {
    tick: StoredValue<Closure<dyn Fn()>, LocalStorage>,
    timer: StoredValue<Option<i32>, LocalStorage>,
}

/// Creates the interval, stopped, in the current owner.
pub fn use_interval_fn(tick: impl Fn() + 'static) -> Interval {
    let interval = Interval {
        tick: StoredValue::new_local(Closure::new(tick)),
        timer: StoredValue::new_local(None),
    };
    on_cleanup(move || interval.stop());
    interval
}

impl Interval {
    /// Starts it anew: the first call comes `period_millis` from now.
    pub fn start(self, period_millis: u32) {
        self.stop();
        let timer = self
            .tick
            .try_with_value(|tick| {
                web_sys::window()?
                    .set_interval_with_callback_and_timeout_and_arguments_0(
                        tick.as_ref().unchecked_ref(),
                        i32::try_from(period_millis).unwrap_or(i32::MAX),
                    )
                    .ok()
            })
            .flatten();
        self.timer.try_set_value(timer);
    }

    pub fn stop(self) {
        let timer = self.timer.try_update_value(Option::take).flatten();
        if let (Some(timer), Some(window)) = (timer, web_sys::window()) {
            window.clear_interval_with_handle(timer);
        }
    }
}
