//! The summary: carrier, tracking number, status in words, latest and delivery times, and when
//! the data was fetched, with a refresh button.

use super::{ShownTrack, Texts};
use crate::browser::intl::{format_instant, format_time, TimeStyle};
use crate::browser::props::Props;
use crate::i18n::Lang;
use crate::link::tel_href;
use crate::track::{Carrier, Status, Track};
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

/// What the summary shows of a result (not its events: a new event alone changes only the
/// latest time).
#[derive(Clone, PartialEq)]
struct Head {
    carrier: Carrier,
    tracking_number: String,
    status: Status,
    latest: Option<String>,
    delivered: Option<String>,
    sender: Option<String>,
    recipient: Option<String>,
}

impl Head {
    fn of(track: &Track) -> Self {
        Self {
            carrier: track.carrier.clone(),
            tracking_number: track.tracking_number.clone(),
            status: track.status.clone(),
            latest: track.latest_event().and_then(|event| event.time.clone()),
            delivered: track.delivered_at().map(str::to_owned),
            sender: track.from.name.clone(),
            recipient: track.to.name.clone(),
        }
    }
}

/// "Updated N minutes ago" (kept current by the element's clock), or for an answer a proxy
/// served from its cache, when it was last checked and that it may be out of date; and a
/// refresh button. Its nodes stay across refreshes: only the texts change, when they do.
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
    let note = t.may_be_outdated.clone();
    let refresh = move |_| props.refresh.run(());
    view! {
        <p class="freshness">
            <span class="updated">{move || label.get()}</span>
            " "
            <button type="button" class="refresh" part="refresh" on:click=refresh>
                {t.refresh.clone()}
            </button>
        </p>
        {move || {
            stale
                .with(Option::is_some)
                .then(|| view! { <p class="stale">{note.clone()}</p> }.into_any())
        }}
    }
}

pub fn summary(props: Props, track: ShownTrack, t: &Texts) -> impl IntoView {
    let head = Memo::new(move |_| track.with(|track| track.as_deref().map(Head::of)));
    let facts = {
        let t = t.clone();
        move || head.get().map(|head| facts(props, head, &t).into_any())
    };
    view! {
        <section part="summary" class="summary">
            {facts}
            {freshness(props, track, t)}
        </section>
    }
}

fn facts(props: Props, head: Head, t: &Texts) -> impl IntoView {
    let name = t.carrier_name(&head.carrier.id, head.carrier.name.as_deref());
    let phone = head.carrier.tel.as_deref().and_then(tel_href).map(|href| {
        view! {
            <a class="phone" href=href>
                {t.call_carrier.clone()}
                " "
                {head.carrier.tel.clone()}
            </a>
        }
    });
    let words = t
        .status_words(head.status.code, head.status.text.as_deref())
        .to_owned();
    let number = head.tracking_number.clone();
    let copied = t.copied.clone();
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let _ = window.navigator().clipboard().write_text(&number);
        props.announce.run(copied.clone());
    };
    let at = |label: &String, raw: Option<String>| {
        raw.map(|raw| fact(label.clone(), time(&raw, t.lang, TimeStyle::DateTime)))
    };
    let latest = at(&t.latest_update, head.latest);
    let delivered = at(&t.delivered_at, head.delivered);
    let named = |label: &String, name: Option<String>| {
        name.map(|name| fact(label.clone(), view! { <bdi>{name}</bdi> }))
    };
    let sender = named(&t.sender, head.sender);
    let recipient = named(&t.recipient, head.recipient);
    view! {
        <p class="carrier">
            <bdi class="carrier-name">{name}</bdi>
            {phone}
        </p>
        <p class="number">
            <span class="number-label">{t.tracking_number.clone()}</span>
            " "
            <bdi class="number-value">{head.tracking_number.clone()}</bdi>
            " "
            <button type="button" class="copy" part="copy" on:click=copy>
                {t.copy.clone()}
            </button>
        </p>
        <p part="status" class="status" data-code=head.status.code.as_str()>
            {words}
        </p>
        <dl class="facts">{latest} {delivered} {sender} {recipient}</dl>
    }
}
