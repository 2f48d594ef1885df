//! The timeline: events newest first, grouped by date; the newest five, the rest on request.

use super::{ShownTrack, Texts};
use crate::browser::intl::{format_day, format_time_value, TimeStyle};
use crate::i18n::{Lang, Strings};
use crate::text::clean;
use crate::timeline::{group_by_date, Date};
use crate::track::Event;
use leptos::prelude::*;
use leptos::tachys::dom::document;
use wasm_bindgen::prelude::*;
use web_sys::{DocumentFragment, Element, Node};

/// Events shown before "show more".
const SHOWN_FIRST: usize = 5;

/// What an event shows, in the element's language (written into a copy of `EVENT_BODY`).
#[derive(Clone)]
struct EventText {
    lang: Lang,
    time: Option<String>,
    status: String,
    location: Option<String>,
    description: Option<String>,
}

thread_local! {
    /// What every event's `li` holds, made once per page and copied for each event: one
    /// `cloneNode` instead of a dozen calls from wasm for its elements, classes and spaces (each
    /// string crossing into JS through a `TextDecoder`), which were most of a long history's
    /// render. The parts an event lacks are removed from its copy.
    static EVENT_BODY: Option<DocumentFragment> = event_body();
}

fn event_body() -> Option<DocumentFragment> {
    let document = document();
    let element = |tag: &str, class: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_class_name(class);
        Some(element)
    };
    let head = element("p", "event-head")?;
    let time = document.create_element("time").ok()?;
    let status = element("bdi", "event-status")?;
    let location = element("bdi", "event-location")?;
    head.append_with_node_1(&time).ok()?;
    head.append_with_str_1(" ").ok()?;
    head.append_with_node_1(&status).ok()?;
    head.append_with_str_1(" ").ok()?;
    head.append_with_node_1(&location).ok()?;
    let description = element("p", "event-description")?;
    description.set_attribute("dir", "auto").ok()?;
    let body = document.create_document_fragment();
    body.append_with_node_2(&head, &description).ok()?;
    Some(body)
}

#[wasm_bindgen]
extern "C" {
    /// A DOM node, for setting its text to a JS string (web-sys takes only Rust strings).
    #[wasm_bindgen(extends = Node)]
    type TextHolder;

    #[wasm_bindgen(method, setter = textContent)]
    fn set_text_content(this: &TextHolder, text: &JsValue);
}

/// Fills `li` with a copy of `EVENT_BODY` holding `text`.
fn write_event(li: Element, text: EventText) {
    let _ = try_write_event(&li, text);
}

fn try_write_event(li: &Element, text: EventText) -> Option<()> {
    let body = EVENT_BODY.with(|body| body.as_ref()?.clone_node_with_deep(true).ok())?;
    let head = body.first_child()?;
    let time: Element = head.first_child()?.unchecked_into();
    let status = time.next_sibling()?.next_sibling()?;
    let location: Element = status.next_sibling()?.next_sibling()?.unchecked_into();
    let description: Element = head.next_sibling()?.unchecked_into();
    match &text.time {
        Some(raw) => {
            time.set_attribute("datetime", raw).ok()?;
            let clock = format_time_value(text.lang, raw, TimeStyle::Clock);
            time.unchecked_ref::<TextHolder>().set_text_content(&clock);
        }
        None => time.remove(),
    }
    status.set_text_content(Some(&text.status));
    match &text.location {
        Some(name) => location.set_text_content(Some(name)),
        None => location.remove(),
    }
    match &text.description {
        Some(words) => description.set_text_content(Some(words)),
        None => description.remove(),
    }
    li.append_child(&body).ok()?;
    Some(())
}

fn event_item(event: &Event, t: &Texts) -> impl IntoView {
    let status = t.status_words(event.status.code, None);
    // The carrier's own words first; the widget's label only when the carrier gave none.
    let text = EventText {
        lang: t.lang,
        time: event.time.clone(),
        status: clean(event.status.text.as_deref().unwrap_or(status)),
        location: event.location.as_deref().map(clean),
        description: event.description.as_deref().map(clean),
    };
    view! { <li part="event" class="event" data-code=event.status.code.as_str() use:write_event=text></li> }
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

fn day_heading(date: Option<Date>, t: &Texts) -> AnyView {
    match date {
        Some(date) => view! {
            <time datetime=date.iso()>{format_day(t.lang, date)}</time>
        }
        .into_any(),
        None => t.unknown_date.clone().into_any(),
    }
}

/// One date's `li`: its heading and its events, a keyed list of what `days` shows for it. The
/// newest event, the first of the first day, stands out by the style sheet alone: a class
/// following it would cost an effect per event (a 1,000-event history rendered 15% slower).
fn day(days: Memo<Vec<(DayKey, Vec<Shown>)>>, key: DayKey, t: &Texts) -> AnyView {
    let items = move || {
        days.with(|days| {
            days.iter()
                .find(|(day, _)| *day == key)
                .map(|(_, items)| items.clone())
                .unwrap_or_default()
        })
    };
    let t = t.clone();
    view! {
        <li class="day">
            <h3 class="day-heading">{day_heading(key.0, &t)}</h3>
            <ol class="day-events">
                <For
                    each=items
                    key=|item| item.clone()
                    children=move |item: Shown| event_item(&item.event, &t).into_any()
                />
            </ol>
        </li>
    }
    .into_any()
}

/// The timeline. Days and events are keyed lists: a refresh bringing the same events touches no
/// node, a new event adds its own, and "show more" stays open until the parcel changes.
pub fn timeline(track: ShownTrack, t: &Texts) -> impl IntoView {
    // What the history says, read from the shown result.
    let events = move |read: fn(&[Event]) -> bool| {
        track.with(|track| track.as_ref().is_some_and(|track| read(&track.events)))
    };
    let omitted =
        Memo::new(move |_| track.with(|t| t.as_ref().is_some_and(|t| t.older_events_omitted)));
    let expanded = RwSignal::new(false);
    // Bools, so that a new event re-renders neither the section nor the toggle.
    let has_events = Memo::new(move |_| events(|events| !events.is_empty()));
    let count = Memo::new(move |_| track.with(|t| t.as_ref().map_or(0, |t| t.events.len())));
    let has_more = Memo::new(move |_| count.get() > SHOWN_FIRST);
    // Collapsed events are not rendered at all until asked for.
    let days = Memo::new(move |_| {
        let shown = if expanded.get() {
            usize::MAX
        } else {
            SHOWN_FIRST
        };
        track.with(|track| {
            track
                .as_ref()
                .map_or_else(Vec::new, |track| grouped(&track.events, shown))
        })
    });
    let (show_more, show_less) = (t.show_more.clone(), t.show_less.clone());
    // "40 more": the count of the events behind the toggle.
    let more_label = move || {
        let hidden = count.get().saturating_sub(SHOWN_FIRST).to_string();
        Strings::fill(&show_more, &[("n", &hidden)])
    };
    let toggle = move || {
        let (more_label, show_less) = (more_label.clone(), show_less.clone());
        has_more.get().then(|| {
            view! {
                <button
                    type="button"
                    part="more"
                    class="more"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|open| *open = !*open)
                >
                    {move || if expanded.get() { show_less.clone() } else { more_label() }}
                </button>
            }
            .into_any()
        })
    };
    let omitted_note = t.older_events_omitted.clone();
    let no_events = t.no_events.clone();
    let timeline_label = t.timeline_label.clone();
    let t = t.clone();
    move || {
        if !has_events.get() {
            return view! { <p class="no-events">{no_events.clone()}</p> }.into_any();
        }
        let omitted_note = omitted_note.clone();
        let t = t.clone();
        view! {
            // Not a named region: two parcels on one page would make two identical landmarks.
            // The hidden heading keeps the date headings (h3) under an h2.
            <section class="history">
                <h2 class="visually-hidden">{timeline_label.clone()}</h2>
                <ol part="timeline" class="timeline">
                    <For
                        each=move || days.with(|days| days.iter().map(|(key, _)| *key).collect::<Vec<_>>())
                        key=|key| *key
                        children=move |key: DayKey| day(days, key, &t)
                    />
                </ol>
                {toggle.clone()}
                // Said where the history ends: under an open (or no) "show more".
                {move || {
                    let at_end = expanded.get() || !has_more.get();
                    (omitted.get() && at_end)
                        .then(|| view! { <p class="omitted">{omitted_note.clone()}</p> }.into_any())
                }}
            </section>
        }
        .into_any()
    }
}
