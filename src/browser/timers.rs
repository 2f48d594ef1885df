//! The element's timers, stopped with it: the clock behind "updated N minutes ago", and the
//! `refresh-interval` refreshes.

use super::signals::{use_document_visibility, use_interval_fn};
use leptos::prelude::*;

const CLOCK_TICK_MILLIS: u32 = 30_000;

/// Keeps `clock` at the time now while a result is shown (`shown_at`: when it was fetched): set
/// when one is shown, then every 30 seconds.
pub fn run_clock(clock: RwSignal<f64>, shown_at: RwSignal<Option<f64>>) {
    let ticks = use_interval_fn(move || clock.set(js_sys::Date::now()));
    Effect::new(move |_| {
        if shown_at.with(Option::is_some) {
            clock.set(js_sys::Date::now());
            ticks.start(CLOCK_TICK_MILLIS);
        } else {
            ticks.stop();
        }
    });
}

/// Calls `refresh` every `secs` seconds (0: never) from when a result is shown, while one is:
/// at each tick the page is visible; a hidden page waits for the next.
pub fn run_auto_refresh(
    secs: RwSignal<u32>,
    shown_at: RwSignal<Option<f64>>,
    refresh: impl Fn() + 'static,
) {
    let visible = use_document_visibility();
    let ticks = use_interval_fn(move || {
        if visible.get_untracked() {
            refresh();
        }
    });
    Effect::new(move |_| {
        let secs = secs.get();
        if shown_at.with(Option::is_some) && secs > 0 {
            ticks.start(secs.saturating_mul(1_000));
        } else {
            ticks.stop();
        }
    });
}
