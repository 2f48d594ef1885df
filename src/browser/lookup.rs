//! The lookup: from the element's parcel to what it shows (`Phase`), with the one retry the spec
//! allows; the `data` property, and the events that tell the page.

use super::client::{self, TrackRequest};
use super::events;
use super::form_carriers::{self, FormCarriers};
use super::http::sleep;
use super::task::{use_task, Task};
use crate::api::error::{
    validate_carrier, validate_tracking_number, ApiError, ErrorKind, Message, Own,
};
use crate::api::Endpoint;
use crate::i18n::Strings;
use crate::settings::{Mode, Parcel, DEFAULT_TIMEOUT_MILLIS};
use crate::track::Track;
use futures::channel::oneshot;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// What the element shows; `state` is derived from it.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Nothing to look up: the lookup form, or `mode="link"`.
    Idle,
    Loading,
    Ready(Arc<Track>),
    /// The API's message, or the widget's own.
    NotFound(Message),
    /// Why the carrier or number was refused.
    Invalid(Message),
    Fallback(ErrorKind),
}

impl Phase {
    pub fn state(&self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::Loading => "loading",
            Self::Ready(_) => "ready",
            Self::NotFound(_) => "not-found",
            Self::Invalid(_) => "invalid",
            Self::Fallback(_) => "fallback",
        }
    }
}

/// What a lookup reads of the element's settings.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub parcel: RwSignal<Parcel>,
    pub api_key: RwSignal<Option<String>>,
    pub mode: RwSignal<Mode>,
    pub strings: RwSignal<Arc<Strings>>,
    /// The tracking link, for the events.
    pub link: RwSignal<Option<String>>,
}

pub struct Lookup {
    host: HtmlElement,
    inputs: Inputs,
    pub phase: RwSignal<Phase>,
    /// Text for the polite live region.
    pub announcement: RwSignal<String>,
    /// When the shown data was fetched (ms since the epoch).
    pub updated_at: RwSignal<Option<f64>>,
    pub form_carriers: RwSignal<FormCarriers>,
    /// The readable `Retry-After` of the last failure, for the fallback's countdown. Read
    /// when the fallback is built, never watched: a plain value, one signal type fewer.
    pub retry_after: Cell<Option<u32>>,
    /// The `timeout` attribute: read by each request, never watched, so a plain value.
    pub timeout_millis: Cell<u32>,
    data: RefCell<JsValue>,
    /// The request and its retry.
    request: Task,
    /// The queued `dt-load`.
    load_event: Task,
    /// The lookup form's carriers list.
    carriers_fetch: Task,
}

impl Lookup {
    /// Must run inside the element's reactive owner: the signals belong to it.
    pub fn new(host: HtmlElement, inputs: Inputs) -> Rc<Self> {
        Rc::new(Self {
            host,
            inputs,
            phase: RwSignal::new(Phase::Idle),
            announcement: RwSignal::new(String::new()),
            updated_at: RwSignal::new(None),
            form_carriers: RwSignal::new(FormCarriers::Loading),
            retry_after: Cell::new(None),
            timeout_millis: Cell::new(DEFAULT_TIMEOUT_MILLIS),
            data: RefCell::new(JsValue::NULL),
            request: use_task(),
            load_event: use_task(),
            carriers_fetch: use_task(),
        })
    }

    pub fn state(&self) -> &'static str {
        self.phase.with_untracked(Phase::state)
    }

    pub fn data(&self) -> JsValue {
        self.data.borrow().clone()
    }

    /// The parcel changed: its data is gone at once, before the lookup of the new one starts.
    pub fn forget_data(&self) {
        *self.data.borrow_mut() = JsValue::NULL;
    }

    /// Stops the element's requests and its queued `dt-load`.
    fn cancel(&self) {
        self.request.stop();
        self.load_event.stop();
        self.carriers_fetch.stop();
    }

    /// Looks the parcel up, aborting the lookup before; `refresh` bypasses reused results and
    /// keeps a shown result while it runs. The receiver settles when it ends.
    pub fn start(self: &Rc<Self>, refresh: bool) -> oneshot::Receiver<()> {
        let (done, finished) = oneshot::channel::<()>();
        let parcel = self.inputs.parcel.get_untracked();
        let mode = self.inputs.mode.get_untracked();
        self.cancel();
        let keep_shown = refresh && matches!(self.phase.get_untracked(), Phase::Ready(_));
        if !keep_shown {
            *self.data.borrow_mut() = JsValue::NULL;
            self.updated_at.set(None);
        }
        let (Some(carrier), Some(number)) =
            (parcel.carrier.clone(), parcel.tracking_number.clone())
        else {
            self.phase.set(Phase::Idle);
            if mode != Mode::Link {
                self.load_form_carriers(&parcel);
            }
            return finished;
        };
        if mode == Mode::Link {
            self.phase.set(Phase::Idle);
            return finished;
        }
        let number = match validate_carrier(&carrier).and(validate_tracking_number(&number)) {
            Ok(number) => number.to_owned(),
            Err(error) => {
                self.fail(&error, false);
                return finished;
            }
        };
        let base = match &parcel.api_base {
            Ok(base) => base.clone(),
            Err(raw) => {
                let error = ApiError::new(
                    ErrorKind::Unavailable,
                    None,
                    Own::ApiBaseNotHttp(raw.clone()),
                );
                self.fail(&error, false);
                return finished;
            }
        };
        if !keep_shown {
            self.phase.set(Phase::Loading);
            self.announce(self.inputs.strings.get_untracked().loading().to_owned());
        }
        let request = TrackRequest {
            endpoint: Endpoint {
                version: parcel.api_version,
                base,
                api_key: self.inputs.api_key.get_untracked(),
                timeout_millis: self.timeout_millis.get(),
            },
            carrier,
            tracking_number: number,
            revalidate: refresh,
        };
        let this = Rc::clone(self);
        self.request.spawn(async move {
            this.run(request, refresh).await;
            drop(done);
        });
        finished
    }

    /// The request, and the one retry the spec allows, running behind the fallback.
    async fn run(self: Rc<Self>, request: TrackRequest, refresh: bool) {
        let error = match client::track(request.clone(), refresh).await {
            Ok(track) => return self.show(track),
            Err(error) => error,
        };
        self.fail(&error, refresh);
        if let Some(delay) = error.retry_delay_millis() {
            sleep(delay).await;
            match client::track(request, true).await {
                Ok(track) => self.show(track),
                Err(error) => self.fail(&error, true),
            }
        }
    }

    // Events go out last in `show` and `fail`: a listener may remove the element, which
    // disposes its signals.
    fn show(self: &Rc<Self>, track: Arc<Track>) {
        let data = events::to_js(&*track);
        *self.data.borrow_mut() = data.clone();
        self.updated_at.set(Some(js_sys::Date::now()));
        let strings = self.inputs.strings.get_untracked();
        let words = strings.status_words(track.status.code, track.status.text.as_deref());
        self.announce(format!("{}: {words}", strings.loaded()));
        self.phase.set(Phase::Ready(Arc::clone(&track)));
        // `dt-load` says the result was rendered. Leptos renders in the task its effect queued
        // when the phase was set; this task is queued after it. A lookup that starts before
        // then cancels it.
        let host = self.host.clone();
        self.load_event
            .spawn(async move { events::load(&host, &track, data) });
    }

    /// Reports a request that ended without a result. A failed refresh keeps the result shown.
    fn fail(self: &Rc<Self>, error: &ApiError, keep_shown: bool) {
        let link = self.inputs.link.get_untracked();
        let shown = self.phase.get_untracked();
        let strings = self.inputs.strings.get_untracked();
        let message = strings.message(&error.message);
        if keep_shown && matches!(shown, Phase::Ready(_)) {
            events::error(&self.host, error, &message, link.as_deref());
            return;
        }
        let (phase, announcement) = match error.kind {
            ErrorKind::NotFound => (
                Phase::NotFound(error.message.clone()),
                strings.not_found_heading(),
            ),
            ErrorKind::Invalid => (
                Phase::Invalid(error.message.clone()),
                strings.invalid_heading(),
            ),
            kind => (Phase::Fallback(kind), strings.fallback_message()),
        };
        let newly_fallback = error.kind.is_fallback() && !matches!(shown, Phase::Fallback(_));
        if newly_fallback || !error.kind.is_fallback() {
            self.announce(announcement.to_owned());
        }
        self.retry_after.set(error.retry_after_secs);
        self.phase.set(phase);
        // Not found and invalid show the form, pre-filled.
        if matches!(error.kind, ErrorKind::Invalid | ErrorKind::NotFound) {
            let parcel = self.inputs.parcel.get_untracked();
            self.load_form_carriers(&parcel);
        }
        events::error(&self.host, error, &message, link.as_deref());
        if newly_fallback {
            events::fallback(&self.host, error.kind, link.as_deref());
        }
    }

    fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    /// Fills the lookup form's carrier choice from the API's carriers list.
    fn load_form_carriers(&self, parcel: &Parcel) {
        let api_key = self.inputs.api_key.get_untracked();
        let timeout = self.timeout_millis.get();
        if let Some(fetch) = form_carriers::load(self.form_carriers, parcel, api_key, timeout) {
            self.carriers_fetch.spawn(fetch);
        }
    }
}
