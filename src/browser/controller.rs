//! One element's state: its attributes as signals, the lookup with its retry, and what it
//! tells the page (state, data, events).

use super::client::{self, TrackRequest};
use super::events;
use super::form_carriers::{self, FormCarriers};
use super::http::sleep;
use super::intl::element_lang;
use super::props::Props;
use super::task::{use_task, Task};
use super::timers;
use super::translations;
use super::warn;
use crate::api::error::{
    validate_carrier, validate_tracking_number, ApiError, ErrorKind, Message, Own,
};
use crate::i18n::{Lang, Strings};
use crate::link::{tracking_link, LinkSettings};
use crate::settings::{Mode, Parcel, Settings, Theme};
use crate::track::Track;
use futures::channel::oneshot;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos::reactive::traits::Track as _;
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

pub struct Controller {
    pub host: HtmlElement,
    pub parcel: RwSignal<Parcel>,
    /// The `apiKey` property: a new key looks the parcel up again, keeping its data.
    pub api_key: RwSignal<Option<String>>,
    pub mode: RwSignal<Mode>,
    pub lang: RwSignal<Lang>,
    /// A shop's own texts (the `translations` property).
    pub translations: RwSignal<Vec<translations::Override>>,
    /// The strings in the element's language, overrides applied.
    pub strings: Memo<Arc<Strings>>,
    pub theme: RwSignal<Theme>,
    pub link_settings: RwSignal<LinkSettings>,
    /// The tracking link, when there is one.
    pub link: Memo<Option<String>>,
    pub phase: RwSignal<Phase>,
    /// Text for the polite live region.
    pub announcement: RwSignal<String>,
    /// When the shown data was fetched (ms since the epoch).
    pub updated_at: RwSignal<Option<f64>>,
    /// The time now, ticking while a result is shown, for "updated N minutes ago".
    pub clock: RwSignal<f64>,
    pub form_carriers: RwSignal<FormCarriers>,
    timeout_millis: Cell<u32>,
    refresh_secs: RwSignal<u32>,
    data: RefCell<JsValue>,
    /// The request and its retry.
    lookup: Task,
    /// The queued `dt-load`.
    load_event: Task,
    /// The lookup form's carriers list.
    carriers_fetch: Task,
}

fn resolve_url(url: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(url, &base)
        .ok()
        .map(|url| url.href())
}

impl Controller {
    /// Must run inside the element's reactive owner: the signals belong to it.
    pub fn new(host: HtmlElement, api_key: Option<String>) -> Rc<Self> {
        let lang = RwSignal::new(Lang::Ko);
        let translations = RwSignal::new(Vec::new());
        let defaults = Settings::default();
        let parcel = RwSignal::new(defaults.parcel);
        let link_settings = RwSignal::new(defaults.link);
        let controller = Rc::new(Self {
            parcel,
            api_key: RwSignal::new(api_key),
            mode: RwSignal::new(defaults.mode),
            lang,
            translations,
            strings: translations::strings(lang, translations),
            theme: RwSignal::new(defaults.theme),
            link_settings,
            link: Memo::new(move |_| link(link_settings, parcel).0),
            phase: RwSignal::new(Phase::Idle),
            announcement: RwSignal::new(String::new()),
            updated_at: RwSignal::new(None),
            clock: RwSignal::new(js_sys::Date::now()),
            form_carriers: RwSignal::new(FormCarriers::Loading),
            timeout_millis: Cell::new(defaults.timeout_millis),
            refresh_secs: RwSignal::new(defaults.refresh_secs),
            data: RefCell::new(JsValue::NULL),
            lookup: use_task(),
            load_event: use_task(),
            carriers_fetch: use_task(),
            host,
        });
        controller.read_attributes();
        controller
    }

    /// Starts what follows the signals: the lookup, whenever the parcel (or the key, or the
    /// mode) changes, and the timers. Runs after `mount_to`, which sets up the executor Leptos
    /// runs effects on.
    pub fn watch(self: &Rc<Self>) {
        let this = Rc::clone(self);
        Effect::new(move |_| {
            let (parcel, mode) = (this.parcel.get(), this.mode.get());
            this.api_key.track();
            drop(this.start(parcel, mode, false));
        });
        timers::run_clock(self.clock, self.updated_at);
        let this = Rc::clone(self);
        timers::run_auto_refresh(self.refresh_secs, self.updated_at, move || {
            drop(this.refresh())
        });
    }

    /// Reads every attribute again; signals change only where a value did.
    pub fn read_attributes(&self) {
        let host = &self.host;
        let settings = Settings::read(|name| host.get_attribute(name), resolve_url);
        if let Err(raw) = &settings.parcel.api_base {
            warn(&format!(
                "api-base \"{raw}\" is not an http(s) URL; no request is made."
            ));
        }
        if self
            .parcel
            .with_untracked(|current| *current != settings.parcel)
        {
            // `data` belongs to the parcel: it is gone as soon as the parcel changes, before the
            // lookup of the new one starts.
            *self.data.borrow_mut() = JsValue::NULL;
        }
        set_if_changed(self.parcel, settings.parcel);
        set_if_changed(self.mode, settings.mode);
        set_if_changed(self.lang, element_lang(host));
        set_if_changed(self.theme, settings.theme);
        if self.link_settings.with_untracked(|s| *s != settings.link) {
            self.link_settings.set(settings.link);
            if let Some(refused) = untrack(|| link(self.link_settings, self.parcel)).1 {
                warn(&format!(
                    "fallback-href \"{}\" does not give an http(s) URL; the default tracking link is used.",
                    refused.0
                ));
            }
        }
        self.timeout_millis.set(settings.timeout_millis);
        set_if_changed(self.refresh_secs, settings.refresh_secs);
    }

    pub fn set_api_key(&self, api_key: Option<String>) {
        set_if_changed(self.api_key, api_key);
    }

    pub fn set_translations(&self, value: &JsValue) {
        self.translations.set(translations::read(value));
    }

    pub fn state(&self) -> &'static str {
        self.phase.with_untracked(Phase::state)
    }

    pub fn data(&self) -> JsValue {
        self.data.borrow().clone()
    }

    /// Stops the element's requests and its queued `dt-load`.
    fn cancel(&self) {
        self.lookup.stop();
        self.load_event.stop();
        self.carriers_fetch.stop();
    }

    /// Looks the current parcel up again now, bypassing reused results. Settles when done.
    pub fn refresh(self: &Rc<Self>) -> oneshot::Receiver<()> {
        let parcel = self.parcel.get_untracked();
        let mode = self.mode.get_untracked();
        self.start(parcel, mode, true)
    }

    /// Starts a lookup, aborting the one before. The receiver settles when it ends.
    fn start(self: &Rc<Self>, parcel: Parcel, mode: Mode, refresh: bool) -> oneshot::Receiver<()> {
        let (done, finished) = oneshot::channel::<()>();
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
            self.announce(self.strings.get_untracked().loading.clone());
        }
        let request = TrackRequest {
            version: parcel.api_version,
            base,
            carrier,
            tracking_number: number,
            api_key: self.api_key.get_untracked(),
            timeout_millis: self.timeout_millis.get(),
            revalidate: refresh,
        };
        let this = Rc::clone(self);
        self.lookup.spawn(async move {
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
        let strings = self.strings.get_untracked();
        let words = strings.status_words(track.status.code, track.status.text.as_deref());
        self.announce(format!("{}: {words}", strings.loaded));
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
        let link = self.link.get_untracked();
        let shown = self.phase.get_untracked();
        let strings = self.strings.get_untracked();
        let message = strings.message(&error.message);
        if keep_shown && matches!(shown, Phase::Ready(_)) {
            events::error(&self.host, error, &message, link.as_deref());
            return;
        }
        let (phase, announcement) = match error.kind {
            ErrorKind::NotFound => (
                Phase::NotFound(error.message.clone()),
                &strings.not_found_heading,
            ),
            ErrorKind::Invalid => (
                Phase::Invalid(error.message.clone()),
                &strings.invalid_heading,
            ),
            kind => (Phase::Fallback(kind), &strings.fallback_message),
        };
        let newly_fallback = error.kind.is_fallback() && !matches!(shown, Phase::Fallback(_));
        if newly_fallback || !error.kind.is_fallback() {
            self.announce(announcement.clone());
        }
        self.phase.set(phase);
        if error.kind == ErrorKind::Invalid {
            let parcel = self.parcel.get_untracked();
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
        let api_key = self.api_key.get_untracked();
        let timeout = self.timeout_millis.get();
        if let Some(fetch) = form_carriers::load(self.form_carriers, parcel, api_key, timeout) {
            self.carriers_fetch.spawn(fetch);
        }
    }

    /// What the views show and call.
    pub fn props(self: &Rc<Self>) -> Props {
        let this = Rc::clone(self);
        let host = self.host.clone();
        let announcement = self.announcement;
        Props {
            phase: self.phase,
            parcel: self.parcel,
            mode: self.mode,
            lang: self.lang,
            strings: self.strings,
            theme: self.theme,
            link: self.link,
            announcement,
            updated_at: self.updated_at,
            clock: self.clock,
            form_carriers: self.form_carriers,
            refresh: UnsyncCallback::new(move |()| drop(this.refresh())),
            // The lookup form was submitted: set the attributes, as a page would.
            submit: UnsyncCallback::new(move |(carrier, number): (String, String)| {
                let _ = host.set_attribute("carrier", carrier.trim());
                let _ = host.set_attribute("tracking-number", number.trim());
            }),
            announce: UnsyncCallback::new(move |text| announcement.set(text)),
        }
    }
}

/// The tracking link and a refused `fallback-href`, tracked.
fn link(
    settings: RwSignal<LinkSettings>,
    parcel: RwSignal<Parcel>,
) -> (Option<String>, Option<crate::link::RefusedHref>) {
    let (carrier, number) = parcel.with(|p| (p.carrier.clone(), p.tracking_number.clone()));
    settings.with(|settings| {
        tracking_link(
            settings,
            carrier.as_deref().unwrap_or(""),
            number.as_deref().unwrap_or(""),
            resolve_url,
        )
    })
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
