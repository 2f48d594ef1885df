//! The timeline: events newest first, grouped by date; the newest five, the rest on request.

use super::summary::time;
use super::whole::whole;
use super::{shown_part, ShownTrack, Texts};
use crate::browser::intl::{format_day, TimeStyle};
use crate::i18n::Strings;
use crate::text::clean;
use crate::timeline::{group_by_date, Date};
use crate::track::{Event, Track};
use leptos::either::Either;
use leptos::prelude::*;

/// Events shown before "show more".
const SHOWN_FIRST: usize = 5;

/// Whether the history has events behind "show more".
fn has_more(track: &Track) -> bool {
    track.events.len() > SHOWN_FIRST
}

fn event_item(event: &Event, t: &Texts) -> impl IntoView {
    let status = t.status_words(event.status.code, None).to_owned();
    // The carrier's own words first; the widget's label only when the carrier gave none.
    let status = clean(event.status.text.as_deref().unwrap_or(&status));
    let when = event
        .time
        .as_deref()
        .map(|raw| time(raw, t.lang, TimeStyle::Clock));
    let location = event
        .location
        .as_deref()
        .map(|location| view! { <bdi class="event-location">{clean(location)}</bdi> });
    let description = event.description.as_deref().map(|description| {
        view! { <p class="event-description" dir="auto">{clean(description)}</p> }
    });
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

/// One shown event and where it sits: `ordinal` counts from the oldest, so it stays the same
/// when newer events arrive, and with the event's content it keys the event's node.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Shown {
    ordinal: usize,
    event: Event,
}

/// A date heading's key: its date and the ordinal of its oldest shown event (two runs of
/// unreadable dates are two groups).
type DayKey = (Option<Date>, usize);

/// The shown events grouped by date, newest first; the newest `shown` of `events`.
fn grouped(events: &[Event], shown: usize) -> Vec<(DayKey, Vec<Shown>)> {
    let newest_first = events.iter().rev().take(shown);
    let mut ordinals = (0..events.len()).rev();
    group_by_date(newest_first)
        .into_iter()
        .map(|group| {
            let items: Vec<Shown> = group
                .events
                .into_iter()
                .zip(ordinals.by_ref())
                .map(|(event, ordinal)| Shown {
                    ordinal,
                    event: event.clone(),
                })
                .collect();
            let oldest = items.last().map_or(0, |item| item.ordinal);
            ((group.date, oldest), items)
        })
        .collect()
}

fn day_heading(date: Option<Date>, t: &Texts) -> impl IntoView {
    match date {
        Some(date) => Either::Left(view! {
            <time datetime=date.iso()>{format_day(t.lang, date)}</time>
        }),
        None => Either::Right(t.unknown_date().to_owned()),
    }
}

/// What the timeline's keyed lists key a row by: a day, or one of its events.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Row {
    Day(DayKey),
    Event(Shown),
}

/// The shown events grouped by date.
type Days = Memo<Vec<(DayKey, Vec<Shown>)>>;

/// A keyed list of rows (the days, or one day's events). Both lists are this one function with
/// one item, key and child type: the wasm holds one keyed list's code instead of two.
fn rows(each: Box<dyn Fn() -> Vec<Row> + Send>, days: Days, t: Texts) -> impl IntoView {
    view! { <For each=each key=Row::clone children=move |row| row_view(row, days, &t) /> }
}

fn row_view(row: Row, days: Days, t: &Texts) -> AnyView {
    match row {
        Row::Day(key) => day(days, key, t),
        Row::Event(item) => whole(event_item(&item.event, t)),
    }
}

/// One date's `li`: its heading and its events, a keyed list of what `days` shows for it. The
/// newest event, the first of the first day, stands out by the style sheet alone: a class
/// following it would cost an effect per event (a 1,000-event history rendered 15% slower).
fn day(days: Days, key: DayKey, t: &Texts) -> AnyView {
    let items = move || {
        days.with(|days| {
            days.iter()
                .find(|(day, _)| *day == key)
                .map_or_else(Vec::new, |(_, items)| {
                    items.iter().cloned().map(Row::Event).collect()
                })
        })
    };
    whole(view! {
        <li class="day">
            <h3 class="day-heading">{day_heading(key.0, t)}</h3>
            <ol class="day-events">{rows(Box::new(items), days, t.clone())}</ol>
        </li>
    })
}

/// The timeline. Days and events are keyed lists: a refresh bringing the same events touches no
/// node, a new event adds its own, and "show more" stays open until the parcel changes.
pub fn timeline(track: ShownTrack, t: &Texts) -> impl IntoView {
    let expanded = RwSignal::new(false);
    // Gates on the shown result, notifying only when what they say changes, so that a new event
    // re-renders neither the section nor the toggle (memos of the result's one type: a memo of
    // a bool or a count would cost its own reactive code).
    let with_events = shown_part(track, |a, b| a.events.is_empty() == b.events.is_empty());
    let with_more = shown_part(track, |a, b| has_more(a) == has_more(b));
    let with_omitted = shown_part(track, |a, b| {
        a.older_events_omitted == b.older_events_omitted
    });
    let says = |gate: ShownTrack, what: fn(&Track) -> bool| {
        move || gate.with(|track| track.is_some_and(what))
    };
    let has_events = says(with_events, |track| !track.events.is_empty());
    let more = says(with_more, has_more);
    let omitted = says(with_omitted, |track| track.older_events_omitted);
    // Collapsed events are not rendered at all until asked for.
    let days = Memo::new(move |_| {
        let shown = if expanded.get() {
            usize::MAX
        } else {
            SHOWN_FIRST
        };
        track.with(|track| track.map_or_else(Vec::new, |track| grouped(&track.events, shown)))
    });
    let (show_more, show_less) = (t.show_more().to_owned(), t.show_less().to_owned());
    // "40 more": the count of the events behind the toggle.
    let more_label = move || {
        let count = track.with(|track| track.map_or(0, |track| track.events.len()));
        let hidden = count.saturating_sub(SHOWN_FIRST).to_string();
        Strings::fill(&show_more, &[("n", &hidden)])
    };
    let toggle = move || {
        let (more_label, show_less) = (more_label.clone(), show_less.clone());
        more().then(|| {
            whole(view! {
                <button
                    type="button"
                    part="more"
                    class="more"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|open| *open = !*open)
                >
                    {move || if expanded.get() { show_less.clone() } else { more_label() }}
                </button>
            })
        })
    };
    let omitted_note = t.older_events_omitted().to_owned();
    let no_events = t.no_events().to_owned();
    let timeline_label = t.timeline_label().to_owned();
    let t = t.clone();
    // Rerun only when the history gains its first event or loses its last: the other branch
    // replaces this one, so neither is patched (whole).
    move || {
        if !has_events() {
            return whole(view! { <p class="no-events">{no_events.clone()}</p> });
        }
        let omitted_note = omitted_note.clone();
        let day_keys =
            move || days.with(|days| days.iter().map(|(key, _)| Row::Day(*key)).collect());
        whole(view! {
            // Not a named region: two parcels on one page would make two identical landmarks.
            // The hidden heading keeps the date headings (h3) under an h2.
            <section class="history">
                <h2 class="visually-hidden">{timeline_label.clone()}</h2>
                <ol part="timeline" class="timeline">
                    {rows(Box::new(day_keys), days, t.clone())}
                </ol>
                {toggle.clone()}
                // Said where the history ends: under an open (or no) "show more".
                {move || {
                    let at_end = expanded.get() || !more();
                    (omitted() && at_end)
                        .then(|| whole(view! { <p class="omitted">{omitted_note.clone()}</p> }))
                }}
            </section>
        })
    }
}
