//! The summary, answer first: the status, one line answering "when?", the carrier with the
//! tracking number (copy, share), and last when the data was checked, with a refresh button.

use super::actions::{copy_button, phone_link, share_button};
use super::{Props, ShownTrack, Texts};
use crate::browser::intl::{format_instant, format_time, TimeStyle};
use crate::i18n::{Lang, Strings};
use crate::status::StatusCode;
use crate::text::{clean, delivery_window};
use crate::timeline::days_ago;
use crate::track::{Carrier, Status, Track};
use leptos::html::Bdi;
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

/// What the summary shows of a result.
#[derive(Clone, PartialEq)]
struct Head {
    carrier: Carrier,
    tracking_number: String,
    status: Status,
    latest: Option<String>,
    delivered: Option<String>,
    /// Out for delivery: the window the carrier's newest event promises, `(17, 19)`.
    window: Option<(u8, u8)>,
    sender: Option<String>,
    recipient: Option<String>,
}

impl Head {
    fn of(track: &Track) -> Self {
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
        Self {
            carrier: track.carrier.clone(),
            tracking_number: track.tracking_number.clone(),
            status: track.status.clone(),
            latest: latest.and_then(|event| event.time.clone()),
            delivered: track.delivered_at().map(str::to_owned),
            window,
            sender: track.from.name.clone(),
            recipient: track.to.name.clone(),
        }
    }

    /// The answer to "when?": delivered at, the promised window, or the latest event's time.
    fn when(&self, now_millis: f64, t: &Texts) -> Option<String> {
        if let Some(raw) = &self.delivered {
            let time = when_text(raw, now_millis, t);
            return Some(Strings::fill(t.delivered_at(), &[("time", &time)]));
        }
        if let Some((from, to)) = self.window {
            let (from, to) = (from.to_string(), to.to_string());
            return Some(Strings::fill(
                t.expected_window(),
                &[("from", &from), ("to", &to)],
            ));
        }
        let time = when_text(self.latest.as_deref()?, now_millis, t);
        Some(Strings::fill(t.latest_update(), &[("time", &time)]))
    }
}

/// "Checked N minutes ago" (kept current by the controller's clock), or for an answer a proxy
/// served from its cache, when it was last checked and that it may be out of date; and a
/// refresh button, which says "Checking…" while its request runs. Its nodes stay across
/// refreshes: only the texts change, when they do.
fn freshness(props: Props, track: ShownTrack, t: &Texts) -> impl IntoView {
    let (updated_at, clock) = (props.updated_at, props.clock);
    // For a stale answer, when it was fetched (empty when the proxy did not say).
    let stale = Memo::new(move |_| {
        track.with(|track| {
            let track = track.as_ref().filter(|track| track.stale)?;
            Some(track.fetched_at.clone().unwrap_or_default())
        })
    });
    let (strings, lang) = (t.strings.clone(), t.lang);
    let label = Memo::new(move |_| match stale.get() {
        Some(raw) if raw.is_empty() => None,
        Some(raw) => Some(strings.last_checked(&format_instant(lang, &raw))),
        None => {
            let minutes = updated_at
                .get()
                .map_or(0.0, |at| ((clock.get() - at) / 60_000.0).max(0.0));
            Some(strings.updated_ago(minutes as u32))
        }
    });
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
            <span class="updated">{move || label.get()}</span>
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
            stale
                .with(Option::is_some)
                .then(|| view! { <p class="stale">{note.clone()}</p> }.into_any())
        }}
    }
}

pub fn summary(props: Props, track: ShownTrack, t: &Texts, link: Option<String>) -> impl IntoView {
    let head = Memo::new(move |_| track.with(|track| track.as_deref().map(Head::of)));
    let facts = {
        let t = t.clone();
        move || {
            head.get()
                .map(|head| facts(props, head, &t, link.clone()).into_any())
        }
    };
    view! {
        <section part="summary" class="summary">
            {facts}
            {freshness(props, track, t)}
        </section>
    }
}

/// The status and the "when?" line: all compact mode shows of a result.
fn answer(props: Props, head: &Head, t: &Texts) -> impl IntoView {
    let words = clean(t.status_words(head.status.code, head.status.text.as_deref()));
    let clock = props.clock;
    let when = {
        let (head, t) = (head.clone(), t.clone());
        move || head.when(clock.get(), &t)
    };
    view! {
        <p part="status" class="status" data-code=head.status.code.as_str()>
            {words}
        </p>
        " "
        <p class="when">{when}</p>
    }
}

fn facts(props: Props, head: Head, t: &Texts, link: Option<String>) -> impl IntoView {
    let name = clean(&t.carrier_name(&head.carrier.id, head.carrier.name.as_deref()));
    let phone = phone_link(head.carrier.tel.as_deref(), t);
    let announce = props.announcement;
    let number_node = NodeRef::<Bdi>::new();
    let words = clean(t.status_words(head.status.code, head.status.text.as_deref()));
    let share_line = {
        let when = head.when(js_sys::Date::now(), t).unwrap_or_default();
        [name.as_str(), &head.tracking_number, &words, &when]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let named = |label: &str, name: Option<String>| {
        name.map(|name| fact(label.to_owned(), view! { <bdi>{clean(&name)}</bdi> }))
    };
    let sender = named(t.sender(), head.sender.clone());
    let recipient = named(t.recipient(), head.recipient.clone());
    let people = (head.sender.is_some() || head.recipient.is_some())
        .then(|| view! { <dl class="facts">{sender} {recipient}</dl> });
    view! {
        {answer(props, &head, t)}
        <p class="carrier">
            <bdi class="carrier-name">{name.clone()}</bdi>
            " "
            <span class="number">
                <span class="number-label">{t.tracking_number().to_owned()}</span>
                " "
                <bdi class="number-value" node_ref=number_node>{head.tracking_number.clone()}</bdi>
            </span>
            " "
            {copy_button(head.tracking_number.clone(), number_node, t, announce)}
            {share_button(name, share_line, link, number_node, t, announce)}
            {phone}
        </p>
        {people}
    }
}

/// Compact mode: one line, the status and when, and a link to the details.
pub fn compact(props: Props, track: ShownTrack, t: &Texts, link: Option<String>) -> impl IntoView {
    let head = Memo::new(move |_| track.with(|track| track.as_deref().map(Head::of)));
    let t = t.clone();
    move || {
        let head = head.get()?;
        let details = link.clone().map(|href| {
            view! {
                <a part="link" class="link" href=href target="_blank" rel="noopener noreferrer">
                    {t.details().to_owned()}
                </a>
            }
        });
        Some(view! {
            <div part="summary" class="summary compact">
                {answer(props, &head, &t)}
                " "
                {details}
            </div>
        })
    }
}
