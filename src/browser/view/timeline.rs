//! The timeline: events newest first, grouped by date; the newest five, the rest on request.

use super::summary::time;
use crate::browser::intl::{format_day, TimeStyle};
use crate::i18n::Lang;
use crate::timeline::group_by_date;
use crate::track::{Event, Track};
use leptos::prelude::*;
use std::sync::Arc;

/// Events shown before "show more".
const SHOWN_FIRST: usize = 5;

fn event_item(event: &Event, lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    let status = strings.status_words(event.status.code, None).to_owned();
    // The carrier's own words first; the widget's label only when the carrier gave none.
    let status = event.status.text.clone().unwrap_or(status);
    let when = event
        .time
        .as_deref()
        .map(|raw| time(raw, lang, TimeStyle::Clock));
    let location = event
        .location
        .clone()
        .map(|location| view! { <span class="event-location">{location}</span> });
    let description = event
        .description
        .clone()
        .map(|description| view! { <p class="event-description">{description}</p> });
    view! {
        <li part="event" class="event" data-code=event.status.code.as_str()>
            <p class="event-head">
                {when}
                " "
                <span class="event-status">{status}</span>
                " "
                {location}
            </p>
            {description}
        </li>
    }
}

fn days(events: &[&Event], lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    group_by_date(events.iter().copied())
        .into_iter()
        .map(|group| {
            let heading = match group.date {
                Some(date) => view! {
                    <time datetime=date.iso()>{format_day(lang, date)}</time>
                }
                .into_any(),
                None => strings.unknown_date.into_any(),
            };
            let items = group
                .events
                .into_iter()
                .map(|event| event_item(event, lang))
                .collect_view();
            view! {
                <li class="day">
                    <h3 class="day-heading">{heading}</h3>
                    <ol class="day-events">{items}</ol>
                </li>
            }
        })
        .collect_view()
}

pub fn timeline(track: Arc<Track>, lang: Lang) -> impl IntoView {
    let strings = lang.strings();
    if track.events.is_empty() {
        return view! { <p class="no-events">{strings.no_events}</p> }.into_any();
    }
    let expanded = RwSignal::new(false);
    let total = track.events.len();
    let omitted = track
        .older_events_omitted
        .then(|| view! { <p class="omitted">{strings.older_events_omitted}</p> });
    let list = {
        let track = Arc::clone(&track);
        move || {
            // Collapsed events are not rendered at all until asked for.
            let shown = if expanded.get() { total } else { SHOWN_FIRST };
            let events: Vec<&Event> = track.events.iter().rev().take(shown).collect();
            days(&events, lang)
        }
    };
    let toggle = (total > SHOWN_FIRST).then(|| {
        view! {
            <button
                type="button"
                part="more"
                class="more"
                aria-expanded=move || expanded.get().to_string()
                on:click=move |_| expanded.update(|open| *open = !*open)
            >
                {move || if expanded.get() { strings.show_less } else { strings.show_more }}
            </button>
        }
    });
    view! {
        <section class="history" aria-label=strings.timeline_label>
            <ol part="timeline" class="timeline">{list}</ol>
            {toggle}
            {omitted}
        </section>
    }
    .into_any()
}

/// Compact mode: only the newest event.
pub fn latest_event(track: &Track, lang: Lang) -> impl IntoView {
    track.latest_event().map(|event| {
        view! { <ol part="timeline" class="timeline compact">{event_item(event, lang)}</ol> }
    })
}
