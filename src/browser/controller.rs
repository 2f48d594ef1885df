//! One element's state: its attributes as signals, the lookup with its retry, and what it
//! tells the page (state, data, events).

use super::carriers::{self, Carriers};
use super::client::{self, TrackRequest};
use super::events;
use super::http::sleep;
use super::intl::element_lang;
use super::warn;
use crate::api::carrier_table::table_carriers;
use crate::api::error::{
    validate_carrier, validate_tracking_number, ApiError, ErrorKind, Message, Own,
};
use crate::api::{ApiVersion, Endpoint, DEFAULT_API_BASE};
use crate::i18n::{Lang, Strings};
use crate::link::{is_http_url, tracking_link, LinkSettings};
use crate::settings::{self, Mode, Theme};
use crate::track::Track;
use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
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

/// What identifies a lookup: when it changes, the data is dropped and the parcel looked up anew.
#[derive(Clone, PartialEq)]
pub struct Parcel {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// The resolved base, or the refused attribute value.
    pub api_base: Result<String, String>,
    pub api_version: ApiVersion,
    pub api_key: Option<String>,
}

/// The carriers list for the lookup form.
#[derive(Clone, Debug, PartialEq)]
pub enum FormCarriers {
    Loading,
    Loaded(Carriers),
    /// The list could not be had: the form takes a carrier id as text.
    Unavailable,
}

pub struct Controller {
    pub host: HtmlElement,
    pub parcel: RwSignal<Parcel>,
    pub mode: RwSignal<Mode>,
    pub lang: RwSignal<Lang>,
    /// A shop's overrides: (language or all, public key, text).
    pub translations: RwSignal<Vec<(Option<Lang>, String, String)>>,
    /// The strings in the element's language, overrides applied.
    pub strings: Memo<Arc<Strings>>,
    pub theme: RwSignal<Theme>,
    pub link_settings: RwSignal<LinkSettings>,
    pub phase: RwSignal<Phase>,
    /// Text for the polite live region.
    pub announcement: RwSignal<String>,
    /// When the shown data was fetched (ms since the epoch).
    pub updated_at: RwSignal<Option<f64>>,
    /// The time now, ticking while a result is shown, for "updated N minutes ago".
    pub clock: RwSignal<f64>,
    pub form_carriers: RwSignal<FormCarriers>,
    timeout_millis: Cell<u32>,
    refresh_secs: Cell<u32>,
    data: RefCell<JsValue>,
    lookup: RefCell<Option<AbortHandle>>,
    background: RefCell<Vec<AbortHandle>>,
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
        let controller = Rc::new(Self {
            parcel: RwSignal::new(Parcel {
                carrier: None,
                tracking_number: None,
                api_base: Ok(DEFAULT_API_BASE.to_owned()),
                api_version: ApiVersion::V1,
                api_key,
            }),
            mode: RwSignal::new(Mode::Full),
            lang,
            translations,
            strings: Memo::new(move |_| {
                let lang = lang.get();
                let mut strings = Strings::new(lang);
                translations.with(|overrides| {
                    for (only, key, text) in overrides {
                        if only.is_none_or(|only| only == lang) {
                            strings.set(key, text.clone());
                        }
                    }
                });
                Arc::new(strings)
            }),
            theme: RwSignal::new(Theme::Auto),
            link_settings: RwSignal::new(LinkSettings::default()),
            phase: RwSignal::new(Phase::Idle),
            announcement: RwSignal::new(String::new()),
            updated_at: RwSignal::new(None),
            clock: RwSignal::new(js_sys::Date::now()),
            form_carriers: RwSignal::new(FormCarriers::Loading),
            timeout_millis: Cell::new(settings::DEFAULT_TIMEOUT_MILLIS),
            refresh_secs: Cell::new(0),
            data: RefCell::new(JsValue::NULL),
            lookup: RefCell::default(),
            background: RefCell::default(),
            host,
        });
        controller.read_attributes();
        let (parcel, mode) = (controller.parcel, controller.mode);
        let this = StoredValue::new_local(Rc::clone(&controller));
        // Looks the parcel up whenever it (or the mode) changes.
        Effect::new(move |_| {
            let (parcel, mode) = (parcel.get(), mode.get());
            this.try_with_value(|controller| controller.start(parcel, mode, false));
        });
        controller
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.host.get_attribute(name)
    }

    /// Reads every attribute again; signals change only where a value did.
    pub fn read_attributes(&self) {
        let api_base = match settings::text(self.attribute("api-base")) {
            None => Ok(DEFAULT_API_BASE.to_owned()),
            Some(raw) => match resolve_url(&raw).filter(|url| is_http_url(url)) {
                Some(url) => Ok(url.trim_end_matches('/').to_owned()),
                None => {
                    warn(&format!(
                        "api-base \"{raw}\" is not an http(s) URL; no request is made."
                    ));
                    Err(raw)
                }
            },
        };
        let api_key = self.parcel.with_untracked(|p| p.api_key.clone());
        let parcel = Parcel {
            carrier: settings::text(self.attribute("carrier")),
            // Present but blank is kept: it is refused as `invalid`, with the form.
            tracking_number: self.attribute("tracking-number"),
            api_base,
            api_version: ApiVersion::from_attribute(self.attribute("api-version").as_deref()),
            api_key,
        };
        let identity = |p: &Parcel| {
            (
                p.carrier.clone(),
                p.tracking_number.clone(),
                p.api_base.clone(),
                p.api_version,
            )
        };
        if self
            .parcel
            .with_untracked(|current| identity(current) != identity(&parcel))
        {
            // `data` belongs to the parcel: it is gone as soon as the parcel changes, before the
            // lookup of the new one starts.
            *self.data.borrow_mut() = JsValue::NULL;
        }
        set_if_changed(self.parcel, parcel);
        set_if_changed(
            self.mode,
            Mode::from_attribute(self.attribute("mode").as_deref()),
        );
        set_if_changed(self.lang, element_lang(&self.host));
        set_if_changed(
            self.theme,
            Theme::from_attribute(self.attribute("theme").as_deref()),
        );
        let link_settings = LinkSettings {
            fallback_href: settings::text(self.attribute("fallback-href")),
            link_client_id: settings::text(self.attribute("link-client-id")),
        };
        if self.link_settings.with_untracked(|s| *s != link_settings) {
            self.link_settings.set(link_settings);
            if let Some(refused) = self.link().1 {
                warn(&format!(
                    "fallback-href \"{}\" does not give an http(s) URL; the default tracking link is used.",
                    refused.0
                ));
            }
        }
        self.timeout_millis.set(settings::timeout_millis(
            self.attribute("timeout").as_deref(),
        ));
        self.refresh_secs.set(settings::refresh_secs(
            self.attribute("refresh-interval").as_deref(),
        ));
    }

    pub fn set_api_key(&self, api_key: Option<String>) {
        let mut parcel = self.parcel.get_untracked();
        parcel.api_key = api_key;
        set_if_changed(self.parcel, parcel);
    }

    /// Reads the `translations` property: `{ key: text }` for every language, or
    /// `{ ko: { key: text }, en: { … } }`. Unknown keys and non-text values are warned about.
    pub fn set_translations(&self, value: &JsValue) {
        let mut overrides = Vec::new();
        let mut add = |only: Option<Lang>, key: String, text: &JsValue| match text.as_string() {
            Some(text) if Strings::KEYS.contains(&key.as_str()) => {
                overrides.push((only, key, text))
            }
            _ => warn(&format!(
                "translations: \"{key}\" is not a known key with a text value."
            )),
        };
        if value.is_object() {
            for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
                let entry: js_sys::Array = entry.unchecked_into();
                let key = entry.get(0).as_string().unwrap_or_default();
                let text = entry.get(1);
                match Lang::from_tag(&key).filter(|_| text.is_object()) {
                    Some(lang) => {
                        for inner in js_sys::Object::entries(text.unchecked_ref()).iter() {
                            let inner: js_sys::Array = inner.unchecked_into();
                            add(
                                Some(lang),
                                inner.get(0).as_string().unwrap_or_default(),
                                &inner.get(1),
                            );
                        }
                    }
                    None => add(None, key, &text),
                }
            }
        }
        self.translations.set(overrides);
    }

    /// The tracking link and a refused `fallback-href`, tracked.
    fn link(&self) -> (Option<String>, Option<crate::link::RefusedHref>) {
        let settings = self.link_settings.get();
        let (carrier, number) = self
            .parcel
            .with(|p| (p.carrier.clone(), p.tracking_number.clone()));
        tracking_link(
            &settings,
            carrier.as_deref().unwrap_or(""),
            number.as_deref().unwrap_or(""),
            resolve_url,
        )
    }

    /// The tracking link (reactive).
    pub fn tracking_link(&self) -> Option<String> {
        self.link().0
    }

    pub fn state(&self) -> &'static str {
        self.phase.with_untracked(Phase::state)
    }

    pub fn data(&self) -> JsValue {
        self.data.borrow().clone()
    }

    /// Stops every request and timer of this element.
    pub fn cancel(&self) {
        if let Some(handle) = self.lookup.borrow_mut().take() {
            handle.abort();
        }
        for handle in self.background.borrow_mut().drain(..) {
            handle.abort();
        }
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
            endpoint: Endpoint {
                version: parcel.api_version,
                base,
                api_key: parcel.api_key,
                timeout_millis: self.timeout_millis.get(),
            },
            carrier,
            tracking_number: number,
            revalidate: refresh,
        };
        let this = Rc::clone(self);
        let (handle, registration) = AbortHandle::new_pair();
        *self.lookup.borrow_mut() = Some(handle);
        spawn_local(async move {
            let _ = Abortable::new(this.run(request, refresh), registration).await;
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
        self.schedule_refresh();
        self.tick_clock();
        // `dt-load` says the result was rendered. Leptos renders in the task its effect queued
        // when the phase was set; this task is queued after it. A lookup that starts before
        // then cancels it.
        let host = self.host.clone();
        self.spawn_background(async move { events::load(&host, &track, data) });
    }

    /// Keeps "updated N minutes ago" current while the result is shown.
    fn tick_clock(&self) {
        let clock = self.clock;
        clock.set(js_sys::Date::now());
        self.spawn_background(async move {
            loop {
                sleep(30_000).await;
                if clock.try_set(js_sys::Date::now()).is_some() {
                    return;
                }
            }
        });
    }

    /// Reports a request that ended without a result. A failed refresh keeps the result shown.
    fn fail(self: &Rc<Self>, error: &ApiError, keep_shown: bool) {
        let link = self.link_untracked();
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

    fn link_untracked(&self) -> Option<String> {
        untrack(|| self.tracking_link())
    }

    fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    fn spawn_background(&self, task: impl std::future::Future<Output = ()> + 'static) {
        let (handle, registration) = AbortHandle::new_pair();
        self.background.borrow_mut().push(handle);
        spawn_local(async move {
            let _ = Abortable::new(task, registration).await;
        });
    }

    /// Refreshes after `refresh-interval` seconds, while the tab is visible.
    fn schedule_refresh(self: &Rc<Self>) {
        let secs = self.refresh_secs.get();
        if secs == 0 {
            return;
        }
        let this = Rc::clone(self);
        self.spawn_background(async move {
            loop {
                sleep(secs * 1_000).await;
                let visible = web_sys::window()
                    .and_then(|w| w.document())
                    .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                if visible {
                    drop(this.refresh());
                    return;
                }
            }
        });
    }

    /// Fills the lookup form's carrier choice from the API's carriers list.
    fn load_form_carriers(self: &Rc<Self>, parcel: &Parcel) {
        let Ok(base) = parcel.api_base.clone() else {
            self.form_carriers.set(FormCarriers::Unavailable);
            return;
        };
        let endpoint = Endpoint {
            version: parcel.api_version,
            base,
            api_key: parcel.api_key.clone(),
            timeout_millis: self.timeout_millis.get(),
        };
        if let Some(list) = carriers::known(&endpoint) {
            self.form_carriers.set(FormCarriers::Loaded(list));
            return;
        }
        self.form_carriers.set(FormCarriers::Loading);
        let signal = self.form_carriers;
        self.spawn_background(async move {
            let list = carriers::carriers(&endpoint).await;
            // Without the API's list the form offers the shipped table: customers do not
            // know carrier ids.
            signal.try_set(FormCarriers::Loaded(match list {
                Ok(list) if !list.is_empty() => list,
                _ => Arc::new(table_carriers()),
            }));
        });
    }

    /// The lookup form was submitted: set the attributes, as a page would.
    pub fn submit(&self, carrier: &str, tracking_number: &str) {
        let _ = self.host.set_attribute("carrier", carrier.trim());
        let _ = self
            .host
            .set_attribute("tracking-number", tracking_number.trim());
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
