//! Messages that stand in for a result, and the tracking link.

use crate::i18n::Lang;
use leptos::prelude::*;

/// The tracking link; nothing when there is none (no carrier or number).
pub fn tracking_link(href: Option<String>, lang: Lang) -> impl IntoView {
    href.map(|href| {
        view! {
            <a part="link" class="link" href=href target="_blank" rel="noopener noreferrer">
                {lang.strings().link_text}
            </a>
        }
    })
}

/// `mode="link"`: only the link.
pub fn link_only(href: Option<String>, lang: Lang) -> impl IntoView {
    view! { <p class="link-only">{tracking_link(href, lang)}</p> }
}

/// Not found / invalid: a heading, the API's message as text, and the link.
pub fn notice(
    heading: &'static str,
    message: String,
    href: Option<String>,
    lang: Lang,
) -> impl IntoView {
    let message =
        (!message.trim().is_empty()).then(|| view! { <p class="notice-message">{message}</p> });
    view! {
        <div part="notice" class="notice" role="alert">
            <p class="notice-heading">{heading}</p>
            {message}
            {tracking_link(href, lang)}
        </div>
    }
}

/// The API could not serve: say so and offer the tracking page.
pub fn fallback(href: Option<String>, lang: Lang) -> impl IntoView {
    view! {
        <div part="fallback" class="fallback" role="alert">
            <p class="fallback-message">{lang.strings().fallback_message}</p>
            {tracking_link(href, lang)}
        </div>
    }
}
