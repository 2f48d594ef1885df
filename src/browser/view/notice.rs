//! What stands in for a result: not found, invalid, the fallback; and the tracking link.

use super::actions::{copy_button, phone_link, retry_button};
use super::{Props, Texts};
use crate::api::carrier_table::tracking_page;
use crate::api::error::{ErrorKind, Message};
use crate::browser::signals::use_interval_fn;
use crate::i18n::Strings;
use crate::text::clean;
use leptos::prelude::*;

/// The tracking link; nothing when there is none (no carrier or number).
pub fn tracking_link(href: Option<String>, t: &Texts) -> impl IntoView {
    let text = t.link_text().to_owned();
    href.map(|href| {
        view! {
            <a part="link" class="link" href=href target="_blank" rel="noopener noreferrer">
                {text}
            </a>
        }
    })
}

/// `mode="link"`: only the link, drawn as an inline button.
pub fn link_only(href: Option<String>, t: &Texts) -> impl IntoView {
    view! { <p class="link-only">{tracking_link(href, t)}</p> }
}

/// The parcel being looked up: carrier id and tracking number (empty when missing).
fn parcel(props: Props) -> (String, String) {
    props.parcel.with_untracked(|p| {
        (
            p.carrier.clone().unwrap_or_default(),
            p.tracking_number.clone().unwrap_or_default(),
        )
    })
}

/// "Tracking number 1234567890", with a copy button when `copy` says so.
fn number_line(props: Props, number: String, copy: bool, t: &Texts) -> impl IntoView {
    let copy = copy.then(|| copy_button(number.clone(), t, props.announcement));
    view! {
        <span class="number">
            <span class="number-label">{t.tracking_number().to_owned()}</span>
            " "
            <bdi class="number-value">{number}</bdi>
        </span>
        " "
        {copy}
    }
}

/// Not found: the widget's heading and advice, the number looked up, the carrier's own message
/// (labelled as the carrier's), retry and the link. The form follows, pre-filled.
pub fn not_found(
    props: Props,
    message: &Message,
    href: Option<String>,
    t: &Texts,
) -> impl IntoView {
    let (_, number) = parcel(props);
    let message = match message {
        Message::Api(text) if !text.trim().is_empty() => Some(view! {
            <p class="carrier-message">
                <span class="carrier-message-label">{t.carrier_message().to_owned()}</span>
                " "
                <q dir="auto">{clean(text)}</q>
            </p>
        }),
        _ => None,
    };
    view! {
        <div part="notice" class="notice" role="alert">
            <p class="notice-heading">{t.not_found_heading().to_owned()}</p>
            <p class="notice-advice">{t.not_found_advice().to_owned()}</p>
            <p class="notice-number">{number_line(props, number, false, t)}</p>
            {message}
            <p class="actions">{retry_button(props, t)} " " {tracking_link(href, t)}</p>
        </div>
    }
}

/// Invalid: a heading and why. No tracking link: the tracking page refuses the same carrier or
/// number. The form follows, pre-filled.
pub fn invalid(heading: String, message: String) -> impl IntoView {
    let message = (!message.trim().is_empty())
        .then(|| view! { <p class="notice-message">{clean(&message)}</p> });
    view! {
        <div part="notice" class="notice" role="alert">
            <p class="notice-heading">{heading}</p>
            {message}
        </div>
    }
}

/// Why the API could not serve, in plain words; `None` for the kinds a shopper cannot act on.
fn reason(kind: ErrorKind, t: &Texts) -> Option<String> {
    match kind {
        ErrorKind::RateLimited => Some(t.reason_busy().to_owned()),
        ErrorKind::Timeout => Some(t.reason_slow().to_owned()),
        ErrorKind::Unavailable => Some(t.reason_unreachable().to_owned()),
        ErrorKind::Unauthorized => Some(t.reason_refused().to_owned()),
        ErrorKind::BadResponse => Some(t.reason_unreadable().to_owned()),
        ErrorKind::NotFound | ErrorKind::Invalid => None,
    }
}

/// "Trying again in N s", counting down from the answer's `Retry-After` (the controller retries
/// then); nothing once it reaches zero.
fn countdown(secs: u32, t: &Texts) -> impl IntoView {
    let left = RwSignal::new(secs);
    // An owned interval: it stops at zero, or when the fallback is no longer shown.
    let interval = use_interval_fn(move || left.update(|left| *left = left.saturating_sub(1)));
    interval.start(1_000);
    Effect::new(move || {
        if left.get() == 0 {
            interval.stop();
        }
    });
    let template = t.retrying_in().to_owned();
    move || {
        let n = left.get();
        (n > 0).then(|| Strings::fill(&template, &[("n", &n.to_string())]))
    }
}

/// The API could not serve: why, the carrier and the number (to copy), retry, the carrier's own
/// tracking page and phone, and the tracking link second.
pub fn fallback(props: Props, kind: ErrorKind, href: Option<String>, t: &Texts) -> impl IntoView {
    let (carrier, number) = parcel(props);
    let retry_after = props
        .retry_after
        .get_untracked()
        .filter(|_| kind == ErrorKind::RateLimited);
    let reason = reason(kind, t).map(|reason| {
        view! {
            <p class="reason">
                {reason}
                " "
                {retry_after.map(|secs| countdown(secs, t))}
            </p>
        }
    });
    let name = (!carrier.is_empty()).then(|| {
        view! { <bdi class="carrier-name">{clean(&t.carrier_name(&carrier, None))}</bdi> " " }
    });
    let page = tracking_page(&carrier, &number).map(|href| {
        let name = t.carrier_name(&carrier, None);
        view! {
            <a class="carrier-page" href=href target="_blank" rel="noopener noreferrer">
                {Strings::fill(t.carrier_page(), &[("carrier", &name)])}
            </a>
        }
    });
    let phone = phone_link(t.table_tel(&carrier).as_deref(), t);
    let number = (!number.is_empty()).then(|| number_line(props, number, true, t));
    view! {
        <div part="fallback" class="fallback" role="alert">
            <p class="fallback-message">{t.fallback_message().to_owned()}</p>
            {reason}
            <p class="carrier">{name} {number}</p>
            <p class="actions">{retry_button(props, t)} " " {page} " " {phone}</p>
            <p class="more-links">{tracking_link(href, t)}</p>
        </div>
    }
}
