//! The timeline: events newest first, grouped by date; the newest five, the rest on request.

use super::summary::time;
use super::Texts;
use crate::browser::intl::{format_day, TimeStyle};
use crate::timeline::group_by_date;
use crate::track::{Event, Track};
use leptos::prelude::*;
use std::sync::Arc;

/// Events shown before "show more".
const SHOWN_FIRST: usize = 5;

fn event_item(event: &Event, t: &Texts) -> impl IntoView {
    let status = t.status_words(event.status.code, None).to_owned();
    // The carrier's own words first; the widget's label only when the carrier gave none.
    let status = event.status.text.clone().unwrap_or(status);
    let when = event
        .time
        .as_deref()
        .map(|raw| time(raw, t.lang, TimeStyle::Clock));
    let location = event
        .location
        .clone()
        .map(|location| view! { <bdi class="event-location">{location}</bdi> });
    let description = event
        .description
        .clone()
        .map(|description| view! { <p class="event-description" dir="auto">{description}</p> });
    view! {
        <li part="event" class="event" data-code=event.status.code.as_str()>
            <p class="event-head">
                {when}
                " "
                <bdi class="event-status">{status}</bdi>
                " "
                {location}
            </p>
            {description}
        </li>
    }
}

fn days(events: &[&Event], t: &Texts) -> impl IntoView {
    group_by_date(events.iter().copied())
        .into_iter()
        .map(|group| {
            let heading = match group.date {
                Some(date) => view! {
                    <time datetime=date.iso()>{format_day(t.lang, date)}</time>
                }
                .into_any(),
                None => t.unknown_date.clone().into_any(),
            };
            let items = group
                .events
                .into_iter()
                .map(|event| event_item(event, t))
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

pub fn timeline(track: Arc<Track>, t: &Texts) -> impl IntoView {
    if track.events.is_empty() {
        return view! { <p class="no-events">{t.no_events.clone()}</p> }.into_any();
    }
    let expanded = RwSignal::new(false);
    let total = track.events.len();
    let omitted = track
        .older_events_omitted
        .then(|| view! { <p class="omitted">{t.older_events_omitted.clone()}</p> });
    let list = {
        let track = Arc::clone(&track);
        let t = t.clone();
        move || {
            // Collapsed events are not rendered at all until asked for.
            let shown = if expanded.get() { total } else { SHOWN_FIRST };
            let events: Vec<&Event> = track.events.iter().rev().take(shown).collect();
            days(&events, &t)
        }
    };
    let (show_more, show_less) = (t.show_more.clone(), t.show_less.clone());
    let toggle = (total > SHOWN_FIRST).then(|| {
        view! {
            <button
                type="button"
                part="more"
                class="more"
                aria-expanded=move || expanded.get().to_string()
                on:click=move |_| expanded.update(|open| *open = !*open)
            >
                {move || if expanded.get() { show_less.clone() } else { show_more.clone() }}
            </button>
        }
    });
    view! {
        // Not a named region: two parcels on one page would make two identical landmarks. The
        // hidden heading keeps the date headings (h3) under an h2.
        <section class="history">
            <h2 class="visually-hidden">{t.timeline_label.clone()}</h2>
            <ol part="timeline" class="timeline">{list}</ol>
            {toggle}
            {omitted}
        </section>
    }
    .into_any()
}

/// Compact mode: only the newest event.
pub fn latest_event(track: &Track, t: &Texts) -> impl IntoView {
    track.latest_event().map(|event| {
        view! { <ol part="timeline" class="timeline compact">{event_item(event, t)}</ol> }
    })
}
