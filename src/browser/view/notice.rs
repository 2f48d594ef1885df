//! Messages that stand in for a result, and the tracking link.

use super::Texts;
use leptos::prelude::*;

/// The tracking link; nothing when there is none (no carrier or number).
pub fn tracking_link(href: Option<String>, t: &Texts) -> impl IntoView {
    let text = t.link_text.clone();
    href.map(|href| {
        view! {
            <a part="link" class="link" href=href target="_blank" rel="noopener noreferrer">
                {text}
            </a>
        }
    })
}

/// `mode="link"`: only the link.
pub fn link_only(href: Option<String>, t: &Texts) -> impl IntoView {
    view! { <p class="link-only">{tracking_link(href, t)}</p> }
}

/// Not found / invalid: a heading, the API's message as text, and the link.
pub fn notice(heading: String, message: String, href: Option<String>, t: &Texts) -> impl IntoView {
    let message =
        (!message.trim().is_empty()).then(|| view! { <p class="notice-message">{message}</p> });
    view! {
        <div part="notice" class="notice" role="alert">
            <p class="notice-heading">{heading}</p>
            {message}
            {tracking_link(href, t)}
        </div>
    }
}

/// The API could not serve: say so and offer the tracking page.
pub fn fallback(href: Option<String>, t: &Texts) -> impl IntoView {
    view! {
        <div part="fallback" class="fallback" role="alert">
            <p class="fallback-message">{t.fallback_message.clone()}</p>
            {tracking_link(href, t)}
        </div>
    }
}
