//! What the views get from the element: the signals they show and the callbacks they call.
//! `Copy` handles into the element's reactive owner; the views never hold the controller.

use super::form_carriers::FormCarriers;
use crate::i18n::{Lang, Strings};
use crate::settings::{Mode, Parcel, Theme};
use futures::channel::oneshot;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use std::sync::Arc;

pub use super::lookup::Phase;

#[derive(Clone, Copy)]
pub struct Props {
    pub phase: RwSignal<Phase>,
    /// The form starts from the parcel's carrier and number.
    pub parcel: RwSignal<Parcel>,
    pub mode: RwSignal<Mode>,
    pub lang: RwSignal<Lang>,
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
    pub clock: RwSignal<f64>,
    pub form_carriers: RwSignal<FormCarriers>,
    /// The readable `Retry-After` of the last failure, for the fallback's countdown.
    pub retry_after: RwSignal<Option<u32>>,
    /// Looks the parcel up again now (the refresh and retry buttons); settles when it ends.
    pub refresh: UnsyncCallback<(), oneshot::Receiver<()>>,
    /// The lookup form's carrier and tracking number, set as the element's attributes.
    pub submit: UnsyncCallback<(String, String)>,
    /// "Track another parcel": the number goes, the form comes back with the carrier chosen.
    pub track_another: UnsyncCallback<()>,
}
