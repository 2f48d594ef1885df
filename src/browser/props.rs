//! What the views get from the element: the signals they show and the actions they run.
//! `Copy` handles into the element's reactive owner; the views only run the controller's
//! actions, they never hold the controller.

use super::controller::Controller;
use super::form_carriers::FormCarriers;
use crate::i18n::{Lang, Strings};
use crate::settings::{Mode, Parcel, Theme};
use futures::channel::oneshot;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

pub use super::lookup::Phase;

#[derive(Clone, Copy)]
pub struct Props {
    pub phase: RwSignal<Phase>,
    /// The form starts from the parcel's carrier and number.
    pub parcel: RwSignal<Parcel>,
    pub mode: RwSignal<Mode>,
    pub lang: LangSignal,
    /// The strings in the element's language, the page's translations applied.
    pub strings: RwSignal<Arc<Strings>>,
    pub theme: RwSignal<Theme>,
    /// The tracking link, when there is one.
    pub link: RwSignal<Option<String>>,
    /// Text for the polite live region (the copy button's "copied" too).
    pub announcement: RwSignal<String>,
    /// When the shown data was fetched (ms since the epoch).
    pub updated_at: RwSignal<Option<f64>>,
    /// The time now, ticking while a result is shown, for "updated N minutes ago".
    pub clock: Clock,
    pub form_carriers: RwSignal<FormCarriers>,
    /// The readable `Retry-After` of the last failure, for the fallback's countdown.
    pub retry_after: RetryAfter,
    /// Looks the parcel up again now (the refresh and retry buttons); settles when it ends.
    pub refresh: Action<(), oneshot::Receiver<()>>,
    /// The lookup form's carrier and tracking number, set as the element's attributes.
    pub submit: Action<(String, String)>,
    /// "Track another parcel": the number goes, the form comes back with the carrier chosen.
    pub track_another: Action<()>,
}

/// The element's language, read from its strings (they are in it): not a signal of its own,
/// one signal type fewer in the wasm. Notifies when the strings change.
#[derive(Clone, Copy)]
pub struct LangSignal(pub RwSignal<Arc<Strings>>);

impl LangSignal {
    pub fn get(self) -> Lang {
        self.0.with(|strings| strings.lang())
    }
}

/// The time now (ms since the epoch), ticking while a result is shown. Kept in a signal of
/// `updated_at`'s type, always `Some`: one signal type fewer in the wasm.
#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<Option<f64>>);

impl Clock {
    pub fn get(self) -> f64 {
        self.0.get().unwrap_or_default()
    }
}

/// The readable `Retry-After` of the last failure: a plain value of the lookup's, read when
/// the fallback is built.
#[derive(Clone, Copy)]
pub struct RetryAfter(pub StoredValue<Rc<Controller>, LocalStorage>);

impl RetryAfter {
    pub fn get_untracked(self) -> Option<u32> {
        self.0.get_value().retry_after()
    }
}

/// One of the controller's methods, run by a view. `Copy` like a callback, but all the
/// actions share one stored handle to the controller and are each a plain function: less code
/// than a callback (a stored closure of its own type) each.
pub struct Action<In: 'static, Out: 'static = ()> {
    controller: StoredValue<Rc<Controller>, LocalStorage>,
    method: fn(&Controller, In) -> Out,
}

impl<In, Out> Action<In, Out> {
    pub fn new(
        controller: StoredValue<Rc<Controller>, LocalStorage>,
        method: fn(&Controller, In) -> Out,
    ) -> Self {
        Self { controller, method }
    }

    pub fn run(&self, input: In) -> Out {
        // A clone of the handle: the stored value is not borrowed while the method runs.
        (self.method)(&self.controller.get_value(), input)
    }
}

impl<In, Out> Clone for Action<In, Out> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<In, Out> Copy for Action<In, Out> {}
