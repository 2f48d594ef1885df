//! The element's view: one Leptos tree per element, inside its shadow root.

mod form;
mod notice;
mod stages;
mod summary;
mod timeline;

use super::controller::{Controller, Phase};
use crate::i18n::Lang;
use crate::settings::Mode;
use leptos::prelude::*;
use std::rc::Rc;

pub type ControllerRef = StoredValue<Rc<Controller>, LocalStorage>;

pub fn widget(controller: Rc<Controller>) -> impl IntoView {
    let (phase, mode, lang, theme, announcement) = (
        controller.phase,
        controller.mode,
        controller.lang,
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
            {move || body(controller, phase.get(), mode.get(), lang.get(), link.get())}
        </div>
    }
}

fn body(
    controller: ControllerRef,
    phase: Phase,
    mode: Mode,
    lang: Lang,
    link: Option<String>,
) -> AnyView {
    let strings = lang.strings();
    match phase {
        Phase::Idle if mode == Mode::Link => notice::link_only(link, lang).into_any(),
        Phase::Idle => form::lookup_form(controller, lang).into_any(),
        Phase::Loading => view! {
            <p class="loading">{strings.loading}</p>
        }
        .into_any(),
        Phase::Ready(track) => {
            let details = match mode {
                Mode::Compact => timeline::latest_event(&track, lang).into_any(),
                _ => view! {
                    {stages::stages(&track, lang)}
                    {timeline::timeline(track.clone(), lang)}
                }
                .into_any(),
            };
            view! {
                {summary::summary(controller, &track, lang)}
                {details}
                <footer class="footer">{notice::tracking_link(link, lang)}</footer>
            }
            .into_any()
        }
        Phase::NotFound(message) => {
            notice::notice(strings.not_found_heading, message, link, lang).into_any()
        }
        Phase::Invalid(message) => view! {
            {notice::notice(strings.invalid_heading, message, link, lang)}
            {form::lookup_form(controller, lang)}
        }
        .into_any(),
        Phase::Fallback(_) => notice::fallback(link, lang).into_any(),
    }
}
