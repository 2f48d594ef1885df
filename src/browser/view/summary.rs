//! The summary: carrier, tracking number, status in words, latest and delivery times, and when
//! the data was fetched, with a refresh button.

use super::{ControllerRef, Texts};
use crate::browser::intl::{format_time, TimeStyle};
use crate::i18n::Lang;
use crate::link::tel_href;
use crate::track::Track;
use leptos::prelude::*;

/// `<time>` showing a carrier's time in its own offset; unreadable times show as written.
pub fn time(raw: &str, lang: Lang, style: TimeStyle) -> impl IntoView {
    view! { <time datetime=raw.to_owned()>{format_time(lang, raw, style)}</time> }
}

fn fact(label: String, value: impl IntoView) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// "Updated N minutes ago" (kept current by the controller's clock) and a refresh button.
fn freshness(controller: ControllerRef, t: &Texts) -> impl IntoView {
    let (updated_at, clock) = controller.try_with_value(|c| (c.updated_at, c.clock))?;
    let strings = t.strings.clone();
    let label = move || {
        let minutes = updated_at
            .get()
            .map_or(0.0, |at| ((clock.get() - at) / 60_000.0).max(0.0));
        strings.updated_ago(minutes as u32)
    };
    let refresh = move |_| {
        controller.try_with_value(|c| drop(c.refresh()));
    };
    Some(view! {
        <p class="freshness">
            <span class="updated">{label}</span>
            " "
            <button type="button" class="refresh" part="refresh" on:click=refresh>
                {t.refresh.clone()}
            </button>
        </p>
    })
}

pub fn summary(controller: ControllerRef, track: &Track, t: &Texts) -> impl IntoView {
    let name = track
        .carrier
        .name
        .clone()
        .unwrap_or_else(|| track.carrier.id.clone());
    let phone = track.carrier.tel.as_deref().and_then(tel_href).map(|href| {
        view! {
            <a class="phone" href=href>
                {t.call_carrier.clone()}
                " "
                {track.carrier.tel.clone()}
            </a>
        }
    });
    let words = t
        .status_words(track.status.code, track.status.text.as_deref())
        .to_owned();
    let number = track.tracking_number.clone();
    let copied = t.copied.clone();
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let _ = window.navigator().clipboard().write_text(&number);
        controller.try_with_value(|c| c.announcement.set(copied.clone()));
    };
    let latest = track
        .latest_event()
        .and_then(|event| event.time.as_deref())
        .map(|raw| {
            fact(
                t.latest_update.clone(),
                time(raw, t.lang, TimeStyle::DateTime),
            )
        });
    let delivered = track.delivered_at().map(|raw| {
        fact(
            t.delivered_at.clone(),
            time(raw, t.lang, TimeStyle::DateTime),
        )
    });
    let sender = track
        .from
        .name
        .clone()
        .map(|name| fact(t.sender.clone(), view! { <bdi>{name}</bdi> }));
    let recipient = track
        .to
        .name
        .clone()
        .map(|name| fact(t.recipient.clone(), view! { <bdi>{name}</bdi> }));
    view! {
        <section part="summary" class="summary">
            <p class="carrier">
                <bdi class="carrier-name">{name}</bdi>
                {phone}
            </p>
            <p class="number">
                <span class="number-label">{t.tracking_number.clone()}</span>
                " "
                <bdi class="number-value">{track.tracking_number.clone()}</bdi>
                " "
                <button type="button" class="copy" part="copy" on:click=copy>
                    {t.copy.clone()}
                </button>
            </p>
            <p part="status" class="status" data-code=track.status.code.as_str()>
                {words}
            </p>
            <dl class="facts">{latest} {delivered} {sender} {recipient}</dl>
            {freshness(controller, t)}
        </section>
    }
}
