//! The summary: carrier, tracking number, status in words, latest and delivery times.

use super::ControllerRef;
use crate::browser::intl::{format_time, TimeStyle};
use crate::i18n::Lang;
use crate::link::tel_href;
use crate::track::Track;
use leptos::prelude::*;

/// `<time>` showing a carrier's time in its own offset; unreadable times show as written.
pub fn time(raw: &str, lang: Lang, style: TimeStyle) -> impl IntoView {
    view! { <time datetime=raw.to_owned()>{format_time(lang, raw, style)}</time> }
}

fn fact(label: &'static str, value: impl IntoView) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

pub fn summary(controller: ControllerRef, track: &Track, lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    let name = track
        .carrier
        .name
        .clone()
        .unwrap_or_else(|| track.carrier.id.clone());
    let phone = track.carrier.tel.as_deref().and_then(tel_href).map(|href| {
        view! {
            <a class="phone" href=href>
                {strings.call_carrier}
                " "
                {track.carrier.tel.clone()}
            </a>
        }
    });
    let words = strings
        .status_words(track.status.code, track.status.text.as_deref())
        .to_owned();
    let number = track.tracking_number.clone();
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let _ = window.navigator().clipboard().write_text(&number);
        controller.try_with_value(|c| c.announcement.set(strings.copied.to_owned()));
    };
    let latest = track
        .latest_event()
        .and_then(|event| event.time.as_deref())
        .map(|raw| fact(strings.latest_update, time(raw, lang, TimeStyle::DateTime)));
    let delivered = track
        .delivered_at()
        .map(|raw| fact(strings.delivered_at, time(raw, lang, TimeStyle::DateTime)));
    let sender = track
        .from
        .name
        .clone()
        .map(|name| fact(strings.sender, name));
    let recipient = track
        .to
        .name
        .clone()
        .map(|name| fact(strings.recipient, name));
    view! {
        <section part="summary" class="summary">
            <p class="carrier">
                <span class="carrier-name">{name}</span>
                {phone}
            </p>
            <p class="number">
                <span class="number-label">{strings.tracking_number}</span>
                " "
                <span class="number-value">{track.tracking_number.clone()}</span>
                " "
                <button type="button" class="copy" part="copy" on:click=copy>
                    {strings.copy}
                </button>
            </p>
            <p part="status" class="status" data-code=track.status.code.as_str()>
                {words}
            </p>
            <dl class="facts">{latest} {delivered} {sender} {recipient}</dl>
        </section>
    }
}
