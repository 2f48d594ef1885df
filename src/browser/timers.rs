//! The element's timers, stopped with it: the clock behind "updated N minutes ago", and the
//! `refresh-interval` refreshes.

use super::signals::{use_interval_fn, Interval};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use web_sys::VisibilityState;

const CLOCK_TICK_MILLIS: u32 = 30_000;

/// The `refresh-interval` refreshes: every `secs` seconds (0: never) from when a result is
/// shown, while one is; at each tick the page is visible (a hidden page waits for the next).
pub struct AutoRefresh {
    /// A plain value, not a signal (one signal type fewer in the wasm): `set_secs` reschedules.
    secs: Cell<u32>,
    shown_at: RwSignal<Option<f64>>,
    ticks: Interval,
}

impl AutoRefresh {
    /// Never refreshing until `set_secs`. Must run inside the element's reactive owner.
    pub fn new(shown_at: RwSignal<Option<f64>>, refresh: impl Fn() + 'static) -> Rc<Self> {
        let ticks = use_interval_fn(move || {
            if page_visible() {
                refresh();
            }
        });
        Rc::new(Self {
            secs: Cell::new(0),
            shown_at,
            ticks,
        })
    }

    /// A changed interval starts anew from now.
    pub fn set_secs(&self, secs: u32) {
        if self.secs.replace(secs) != secs {
            self.schedule();
        }
    }

    fn schedule(&self) {
        let secs = self.secs.get();
        if self.shown_at.with_untracked(Option::is_some) && secs > 0 {
            self.ticks.start(secs.saturating_mul(1_000));
        } else {
            self.ticks.stop();
        }
    }
}

/// Whether the page is visible (not a background tab, not minimised), read when a refresh is
/// due: no listener and no signal to keep it. Without a document, the page counts as visible.
fn page_visible() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_none_or(|document| document.visibility_state() == VisibilityState::Visible)
}

/// Starts the timers. Whenever a result is shown, or goes (`AutoRefresh`'s `shown_at`: when it
/// was fetched), the refreshes are scheduled anew, and `clock` is set to the time now, then
/// every 30 seconds while the result is shown. `clock` is always `Some` (see `props::Clock`).
/// One effect for both.
pub fn run(clock: RwSignal<Option<f64>>, refreshes: &Rc<AutoRefresh>) {
    let shown_at = refreshes.shown_at;
    let clock_ticks = use_interval_fn(move || clock.set(Some(js_sys::Date::now())));
    let refreshes = Rc::clone(refreshes);
    Effect::new(move |_| {
        if shown_at.with(Option::is_some) {
            clock.set(Some(js_sys::Date::now()));
            clock_ticks.start(CLOCK_TICK_MILLIS);
        } else {
            clock_ticks.stop();
        }
        refreshes.schedule();
    });
}
