//! One element: its settings as signals, and what follows them (the lookup, the timers). The
//! jobs are modules of their own: `settings` reads the attributes, `translations` the texts,
//! `lookup` looks the parcel up, `timers` keeps the clock and the refreshes, `props` is what the
//! views get.

use super::intl::element_lang;
use super::lookup::{Inputs, Lookup};
use super::props::{Action, Clock, LangSignal, Props, RetryAfter};
use super::timers::{self, AutoRefresh};
use super::translations;
use super::warn;
use crate::i18n::{Lang, Strings};
use crate::link::{tracking_link, LinkSettings};
use crate::settings::{Settings, Theme};
use futures::channel::oneshot;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

pub struct Controller {
    host: HtmlElement,
    inputs: Inputs,
    /// A shop's own texts (the `translations` property), applied to `inputs.strings` whenever
    /// they or the language (which `inputs.strings` holds) change.
    translations: RefCell<Vec<translations::Override>>,
    theme: RwSignal<Theme>,
    /// `fallback-href` and `link-client-id`: what `inputs.link` is made with, with the parcel.
    link_settings: RefCell<LinkSettings>,
    auto_refresh: Rc<AutoRefresh>,
    /// The time now, ticking while a result is shown, for "updated N minutes ago". Always
    /// `Some`: an `Option` to share `updated_at`'s signal type (see `Clock`).
    clock: RwSignal<Option<f64>>,
    lookup: Rc<Lookup>,
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
        let defaults = Settings::default();
        let parcel = RwSignal::new(defaults.parcel);
        let inputs = Inputs {
            parcel,
            api_key: RwSignal::new(api_key),
            mode: RwSignal::new(defaults.mode),
            strings: RwSignal::new(Arc::new(Strings::new(Lang::Ko))),
            // No carrier and no number yet: no link.
            link: RwSignal::new(None),
        };
        let lookup = Lookup::new(host.clone(), inputs);
        let auto_refresh = {
            let lookup = Rc::clone(&lookup);
            AutoRefresh::new(lookup.updated_at, move || drop(lookup.start(true)))
        };
        let controller = Rc::new(Self {
            lookup,
            host,
            inputs,
            translations: RefCell::new(Vec::new()),
            theme: RwSignal::new(defaults.theme),
            link_settings: RefCell::new(defaults.link),
            auto_refresh,
            clock: RwSignal::new(Some(js_sys::Date::now())),
        });
        controller.read_attributes();
        controller
    }

    /// Starts what follows the signals: the lookup, whenever the parcel (or the key, or the
    /// mode) changes, and the timers. Runs after `mount_to`, which sets up the executor Leptos
    /// runs effects on.
    pub fn watch(self: &Rc<Self>) {
        let Inputs {
            parcel,
            api_key,
            mode,
            ..
        } = self.inputs;
        let lookup = Rc::clone(&self.lookup);
        Effect::new(move |_| {
            parcel.track();
            api_key.track();
            mode.track();
            drop(lookup.start(false));
        });
        timers::run(self.clock, &self.auto_refresh);
    }

    /// Reads every attribute again; signals change only where a value did.
    pub fn read_attributes(&self) {
        let host = &self.host;
        let settings = Settings::read(&|name| host.get_attribute(name), &resolve_url);
        if let Err(raw) = &settings.parcel.api_base {
            warn(&format!(
                "api-base \"{raw}\" is not an http(s) URL; no request is made."
            ));
        }
        let parcel_changed = set_if_changed(self.inputs.parcel, settings.parcel);
        if parcel_changed {
            self.lookup.forget_data();
        }
        set_if_changed(self.inputs.mode, settings.mode);
        let lang = element_lang(host);
        if self.inputs.strings.with_untracked(|strings| strings.lang()) != lang {
            self.apply_translations(lang);
        }
        set_if_changed(self.theme, settings.theme);
        let link_changed = *self.link_settings.borrow() != settings.link;
        if link_changed {
            *self.link_settings.borrow_mut() = settings.link;
        }
        if parcel_changed || link_changed {
            self.update_link(link_changed);
        }
        self.lookup.timeout_millis.set(settings.timeout_millis);
        self.auto_refresh.set_secs(settings.refresh_secs);
    }

    /// The tracking link of the parcel and the link settings; `warn_refused`: says so when the
    /// `fallback-href` gives no http(s) URL.
    fn update_link(&self, warn_refused: bool) {
        let (link, refused) = self.inputs.parcel.with_untracked(|parcel| {
            tracking_link(
                &self.link_settings.borrow(),
                parcel.carrier.as_deref().unwrap_or(""),
                parcel.tracking_number.as_deref().unwrap_or(""),
                resolve_url,
            )
        });
        if let Some(refused) = refused.filter(|_| warn_refused) {
            warn(&format!(
                "fallback-href \"{}\" does not give an http(s) URL; the default tracking link is used.",
                refused.0
            ));
        }
        set_if_changed(self.inputs.link, link);
    }

    pub fn set_api_key(&self, api_key: Option<String>) {
        set_if_changed(self.inputs.api_key, api_key);
    }

    pub fn set_translations(&self, value: &JsValue) {
        *self.translations.borrow_mut() = translations::read(value);
        self.apply_translations(self.inputs.strings.with_untracked(|strings| strings.lang()));
    }

    /// The strings in the element's language, the shop's texts for it applied. A signal set
    /// here rather than a memo: the two places that change its inputs call this.
    fn apply_translations(&self, lang: Lang) {
        let strings = translations::strings(lang, &self.translations.borrow());
        set_if_changed(self.inputs.strings, Arc::new(strings));
    }

    pub fn state(&self) -> &'static str {
        self.lookup.state()
    }

    pub fn data(&self) -> JsValue {
        self.lookup.data()
    }

    pub fn retry_after(&self) -> Option<u32> {
        self.lookup.retry_after.get()
    }

    /// Looks the current parcel up again now, bypassing reused results. Settles when done.
    pub fn refresh(&self) -> oneshot::Receiver<()> {
        self.lookup.start(true)
    }

    /// The lookup form was submitted: sets the attributes, as a page would.
    fn submit(&self, (carrier, number): (String, String)) {
        let _ = self.host.set_attribute("carrier", carrier.trim());
        let _ = self.host.set_attribute("tracking-number", number.trim());
    }

    /// "Track another parcel": the number goes, the form comes back with the carrier chosen.
    fn track_another(&self, (): ()) {
        let _ = self.host.remove_attribute("tracking-number");
    }

    /// What the views show and call. Must run inside the element's reactive owner: the actions'
    /// handle to the controller is stored in it.
    pub fn props(self: &Rc<Self>) -> Props {
        let controller = StoredValue::new_local(Rc::clone(self));
        Props {
            phase: self.lookup.phase,
            parcel: self.inputs.parcel,
            mode: self.inputs.mode,
            lang: LangSignal(self.inputs.strings),
            strings: self.inputs.strings,
            theme: self.theme,
            link: self.inputs.link,
            announcement: self.lookup.announcement,
            updated_at: self.lookup.updated_at,
            clock: Clock(self.clock),
            form_carriers: self.lookup.form_carriers,
            retry_after: RetryAfter(controller),
            refresh: Action::new(controller, |controller, ()| controller.refresh()),
            submit: Action::new(controller, Self::submit),
            track_another: Action::new(controller, Self::track_another),
        }
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) -> bool {
    let changed = signal.with_untracked(|current| *current != value);
    if changed {
        signal.set(value);
    }
    changed
}
