//! The summary, answer first: the status, one line answering "when?", the carrier with the
//! tracking number (copy, share), and last when the data was checked, with a refresh button.

use super::actions::{copy_button, phone_link, share_button};
use super::{shown_part, whole, Props, ShownTrack, Texts};
use crate::browser::intl::{format_instant, format_time, TimeStyle};
use crate::i18n::{Lang, Strings};
use crate::status::StatusCode;
use crate::text::{clean, delivery_window};
use crate::timeline::days_ago;
use crate::track::{Carrier, Track};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `<time>` showing a carrier's time in its own offset; unreadable times show as written.
pub fn time(raw: &str, lang: Lang, style: TimeStyle) -> impl IntoView {
    view! { <time datetime=raw.to_owned()>{format_time(lang, raw, style)}</time> }
}

/// A carrier's time for the "when?" line: "today at 5:19 PM" / "yesterday at …" when it is
/// that recent (by the calendar of its own offset), else date and time.
pub fn when_text(raw: &str, now_millis: f64, t: &Texts) -> String {
    let clock = || format_time(t.lang, raw, TimeStyle::Clock);
    match days_ago(raw, now_millis) {
        Some(0) => Strings::fill(t.today(), &[("time", &clock())]),
        Some(1) => Strings::fill(t.yesterday(), &[("time", &clock())]),
        _ => format_time(t.lang, raw, TimeStyle::DateTime),
    }
}

fn fact(label: String, value: impl IntoView) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// The status in words: the carrier's own, else the widget's.
fn status_words(track: &Track, t: &Texts) -> String {
    clean(t.status_words(track.status.code, track.status.text.as_deref()))
}

/// The answer to "when?": delivered at, the window the carrier's newest event promises when
/// out for delivery (`(17, 19)`), or the latest event's time.
fn when_line(track: &Track, now_millis: f64, t: &Texts) -> Option<String> {
    if let Some(raw) = track.delivered_at() {
        let time = when_text(raw, now_millis, t);
        return Some(Strings::fill(t.delivered_at(), &[("time", &time)]));
    }
    let latest = track.latest_event();
    let window = latest
        .filter(|_| track.status.code == StatusCode::OutForDelivery)
        .and_then(|event| {
            let texts = [&event.description, &event.status.text];
            texts
                .into_iter()
                .flatten()
                .find_map(|text| delivery_window(text))
        });
    if let Some((from, to)) = window {
        let (from, to) = (from.to_string(), to.to_string());
        return Some(Strings::fill(
            t.expected_window(),
            &[("from", &from), ("to", &to)],
        ));
    }
    let time = when_text(latest?.time.as_deref()?, now_millis, t);
    Some(Strings::fill(t.latest_update(), &[("time", &time)]))
}

/// Who and what the facts name: the carrier, the number, the sender and the recipient.
fn named(track: &Track) -> (&Carrier, &str, Option<&str>, Option<&str>) {
    let (from, to) = (track.from.name.as_deref(), track.to.name.as_deref());
    (&track.carrier, &track.tracking_number, from, to)
}

/// For a stale answer, when it was fetched (empty when the proxy did not say).
fn stale_since(track: &Track) -> Option<&str> {
    let fetched_at = track.fetched_at.as_deref();
    track.stale.then(|| fetched_at.unwrap_or_default())
}

/// "Checked N minutes ago" (kept current by the controller's clock), or for an answer a proxy
/// served from its cache, when it was last checked and that it may be out of date; and a
/// refresh button, which says "Checking…" while its request runs. Its nodes stay across
/// refreshes: only the texts change, when they do.
fn freshness(props: Props, track: ShownTrack, t: &Texts) -> impl IntoView {
    let (updated_at, clock) = (props.updated_at, props.clock);
    // Notifies when the answer turns stale or fresh, or its fetch time changes.
    let stale = shown_part(track, |a, b| stale_since(a) == stale_since(b));
    let stale_at = move || stale.with(|track| Some(stale_since(track?)?.to_owned()));
    let (strings, lang) = (t.strings.clone(), t.lang);
    // A text closure, not a memo: the text node is written only when the text changes.
    let label = move || match stale_at() {
        Some(raw) if raw.is_empty() => None,
        Some(raw) => Some(strings.last_checked(&format_instant(lang, &raw))),
        None => {
            let minutes = updated_at
                .get()
                .map_or(0.0, |at| ((clock.get() - at) / 60_000.0).max(0.0));
            Some(strings.updated_ago(minutes as u32))
        }
    };
    let note = t.may_be_outdated().to_owned();
    let checking = RwSignal::new(false);
    let refresh = move |_| {
        let done = props.refresh.run(());
        checking.set(true);
        spawn_local(async move {
            let _ = done.await;
            checking.try_set(false);
        });
    };
    let (idle, busy) = (t.refresh().to_owned(), t.refreshing().to_owned());
    view! {
        <p class="freshness">
            <span class="updated">{label}</span>
            " "
            <button
                type="button"
                class="refresh"
                part="refresh"
                aria-disabled=move || checking.get().then_some("true")
                on:click=refresh
            >
                {move || if checking.get() { busy.clone() } else { idle.clone() }}
            </button>
        </p>
        {move || {
            stale_at()
                .is_some()
                .then(|| view! { <p class="stale">{note.clone()}</p> }.into_any())
        }}
    }
}

pub fn summary(props: Props, track: ShownTrack, t: &Texts, link: Option<String>) -> impl IntoView {
    // The facts are rebuilt (whole) only when what they name changes: never within one parcel's
    // result in practice, so a refresh keeps their nodes and the focus on their buttons. The
    // status and "when?" lines follow the result by themselves.
    let names = shown_part(track, |a, b| named(a) == named(b));
    let facts = {
        let t = t.clone();
        move || {
            names.with(|shown| {
                let shown = shown?;
                Some(whole(facts(props, track, shown, &t, link.clone())))
            })
        }
    };
    view! {
        <section part="summary" class="summary">
            {facts}
            {freshness(props, track, t)}
        </section>
    }
}

/// The status and the "when?" line: all compact mode shows of a result. Their texts and the
/// status code follow the shown result, written only when they change.
fn answer(props: Props, track: ShownTrack, t: &Texts) -> impl IntoView {
    let clock = props.clock;
    let words = {
        let t = t.clone();
        move || track.with(|track| Some(status_words(track?, &t)))
    };
    let code = move || track.with(|track| Some(track?.status.code.as_str()));
    let when = {
        let t = t.clone();
        move || track.with(|track| when_line(track?, clock.get(), &t))
    };
    view! {
        <p part="status" class="status" data-code=code>{words}</p>
        " "
        <p class="when">{when}</p>
    }
}

/// The one-line summary "Share status" shares: carrier, number, status and when, now.
fn share_line(track: &Track, t: &Texts) -> String {
    let name = clean(&t.carrier_name(&track.carrier.id, track.carrier.name.as_deref()));
    let words = status_words(track, t);
    let when = when_line(track, js_sys::Date::now(), t).unwrap_or_default();
    [name.as_str(), &track.tracking_number, &words, &when]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn facts(
    props: Props,
    track: ShownTrack,
    shown: &Track,
    t: &Texts,
    link: Option<String>,
) -> impl IntoView {
    let carrier = &shown.carrier;
    let name = clean(&t.carrier_name(&carrier.id, carrier.name.as_deref()));
    let phone = phone_link(carrier.tel.as_deref(), t);
    let announce = props.announcement;
    let share_line = {
        let t = t.clone();
        move || track.with(|track| track.map_or_else(String::new, |track| share_line(track, &t)))
    };
    let fact_of = |label: &str, name: Option<&str>| {
        name.map(|name| fact(label.to_owned(), view! { <bdi>{clean(name)}</bdi> }))
    };
    let (sender, recipient) = (shown.from.name.as_deref(), shown.to.name.as_deref());
    let people = (sender.is_some() || recipient.is_some()).then(|| {
        let (sender, recipient) = (
            fact_of(t.sender(), sender),
            fact_of(t.recipient(), recipient),
        );
        view! { <dl class="facts">{sender} {recipient}</dl> }
    });
    let number = shown.tracking_number.clone();
    view! {
        {answer(props, track, t)}
        <p class="carrier">
            <bdi class="carrier-name">{name.clone()}</bdi>
            " "
            <span class="number">
                <span class="number-label">{t.tracking_number().to_owned()}</span>
                " "
                <bdi class="number-value">{number.clone()}</bdi>
            </span>
            " "
            {copy_button(number, t, announce)}
            {share_button(name, share_line, link, t, announce)}
            {phone}
        </p>
        {people}
    }
}

/// Compact mode: one line, the status and when, and a link to the details.
pub fn compact(props: Props, track: ShownTrack, t: &Texts, link: Option<String>) -> impl IntoView {
    let details = link.map(|href| {
        view! {
            <a part="link" class="link" href=href target="_blank" rel="noopener noreferrer">
                {t.details().to_owned()}
            </a>
        }
    });
    view! {
        <div part="summary" class="summary compact">
            {answer(props, track, t)}
            " "
            {details}
        </div>
    }
}
