//! The element's view: one Leptos tree per element, inside its shadow root.

mod form;
mod notice;
mod stages;
mod summary;
mod timeline;

use super::controller::{Controller, Phase};
use crate::i18n::{Lang, Strings};
use crate::settings::Mode;
use leptos::prelude::*;
use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

pub type ControllerRef = StoredValue<Rc<Controller>, LocalStorage>;

/// The element's language (for `Intl`) and its strings.
#[derive(Clone)]
pub struct Texts {
    pub lang: Lang,
    pub strings: Arc<Strings>,
}

impl Deref for Texts {
    type Target = Strings;

    fn deref(&self) -> &Strings {
        &self.strings
    }
}

pub fn widget(controller: Rc<Controller>) -> impl IntoView {
    let (phase, mode, lang, strings, theme, announcement) = (
        controller.phase,
        controller.mode,
        controller.lang,
        controller.strings,
        controller.theme,
        controller.announcement,
    );
    let controller: ControllerRef = StoredValue::new_local(controller);
    let link = Memo::new(move |_| controller.try_with_value(|c| c.tracking_link()).flatten());
    let busy = move || phase.with(|p| matches!(p, Phase::Loading)).to_string();
    view! {
        <div
            part="base"
            class="base"
            data-theme=move || theme.get().as_str()
            lang=move || lang.get().tag()
            aria-busy=busy
        >
            // Present from the start so screen readers announce what is put in it later.
            <div class="visually-hidden" role="status" aria-live="polite">
                {move || announcement.get()}
            </div>
            {move || {
                let texts = Texts {
                    lang: lang.get(),
                    strings: strings.get(),
                };
                body(controller, phase.get(), mode.get(), &texts, link.get())
            }}
        </div>
    }
}

fn body(
    controller: ControllerRef,
    phase: Phase,
    mode: Mode,
    t: &Texts,
    link: Option<String>,
) -> AnyView {
    match phase {
        Phase::Idle if mode == Mode::Link => notice::link_only(link, t).into_any(),
        Phase::Idle => form::lookup_form(controller, t).into_any(),
        Phase::Loading => view! {
            <p class="loading">{t.loading.clone()}</p>
        }
        .into_any(),
        Phase::Ready(track) => {
            let details = match mode {
                Mode::Compact => timeline::latest_event(&track, t).into_any(),
                _ => view! {
                    {stages::stages(&track, t)}
                    {timeline::timeline(track.clone(), t)}
                }
                .into_any(),
            };
            view! {
                {summary::summary(controller, &track, t)}
                {details}
                <footer class="footer">{notice::tracking_link(link, t)}</footer>
            }
            .into_any()
        }
        Phase::NotFound(message) => {
            notice::notice(t.not_found_heading.clone(), t.message(&message), link, t).into_any()
        }
        Phase::Invalid(message) => view! {
            {notice::notice(t.invalid_heading.clone(), t.message(&message), link, t)}
            {form::lookup_form(controller, t)}
        }
        .into_any(),
        Phase::Fallback(_) => notice::fallback(link, t).into_any(),
    }
}
