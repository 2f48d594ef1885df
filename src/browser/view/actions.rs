//! The buttons and links a shopper acts with: copy, share, retry, and the carrier's phone.

use super::{Props, Texts};
use crate::browser::http::sleep;
use crate::i18n::Strings;
use crate::link::tel_href;
use crate::text::national_phone;
use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a button says "✓ Copied".
const DONE_MILLIS: u32 = 2_000;

/// A property of `target` that is a function, as a function (`None` where it is missing, as
/// `navigator.clipboard` is on plain-http pages and in some in-app webviews).
fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

/// Writes `text` to the clipboard; `false` when there is no clipboard or it refused.
async fn write_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| JsValue::from(w.navigator())) else {
        return false;
    };
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).unwrap_or_default();
    let Some(write) = method(&clipboard, "writeText") else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => JsFuture::from(Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}

/// Selects the text of `node`, for the shopper to copy by hand.
fn select_text(node: &web_sys::Node) {
    let Some(window) = web_sys::window().map(JsValue::from) else {
        return;
    };
    let selection = method(&window, "getSelection").and_then(|get| get.call0(&window).ok());
    if let Some(selection) = selection {
        if let Some(select) = method(&selection, "selectAllChildren") {
            let _ = select.call1(&selection, node);
        }
    }
}

/// The tracking number beside the button a click hit: the `.number-value` of the button's
/// line (found when clicked: a node reference would cost its own code).
fn number_beside(event: &web_sys::MouseEvent) -> Option<web_sys::Element> {
    let button: web_sys::Element = event.target()?.dyn_into().ok()?;
    button
        .closest("p")
        .ok()??
        .query_selector(".number-value")
        .ok()?
}

/// Copies `text`, and says what happened: on the button ("✓ Copied", for about two seconds)
/// and in the live region (`copied`). Without a clipboard the `fallback` node's text is
/// selected and the live region says so.
fn copy(
    text: String,
    fallback: Option<web_sys::Element>,
    done: RwSignal<bool>,
    announce: RwSignal<String>,
    copied: String,
    strings: &Strings,
) {
    let selected = strings.copy_selected().to_owned();
    spawn_local(async move {
        if write_clipboard(&text).await {
            announce.try_set(copied);
            if done.try_set(true).is_none() {
                sleep(DONE_MILLIS).await;
                done.try_set(false);
            }
        } else {
            if let Some(node) = fallback {
                select_text(&node);
            }
            announce.try_set(selected);
        }
    });
}

/// The "Copy" button beside a tracking number (its `.number-value`, selected when copying
/// fails).
pub fn copy_button(value: String, t: &Texts, announce: RwSignal<String>) -> impl IntoView {
    let done = RwSignal::new(false);
    let strings = t.strings.clone();
    let (label, done_label) = (t.copy().to_owned(), t.copy_done().to_owned());
    let on_click = move |event| {
        copy(
            value.clone(),
            number_beside(&event),
            done,
            announce,
            strings.copied().to_owned(),
            &strings,
        )
    };
    view! {
        <button type="button" class="copy" part="copy" on:click=on_click>
            {move || if done.get() { done_label.clone() } else { label.clone() }}
        </button>
    }
}

/// "Share status": the Web Share API where the browser has one, else the one-line summary
/// (`summary` makes it when clicked) copied to the clipboard.
pub fn share_button(
    title: String,
    summary: impl Fn() -> String + 'static,
    url: Option<String>,
    t: &Texts,
    announce: RwSignal<String>,
) -> impl IntoView {
    let done = RwSignal::new(false);
    let strings = t.strings.clone();
    let (label, done_label) = (t.share().to_owned(), t.copy_done().to_owned());
    let on_click = move |event| {
        let summary = summary();
        let navigator = web_sys::window().map(|w| JsValue::from(w.navigator()));
        let share = navigator
            .as_ref()
            .and_then(|n| Some((n, method(n, "share")?)));
        let Some((navigator, share)) = share else {
            let line = match &url {
                Some(url) => format!("{summary} {url}"),
                None => summary,
            };
            return copy(
                line,
                number_beside(&event),
                done,
                announce,
                strings.share_copied().to_owned(),
                &strings,
            );
        };
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.as_str().into());
        let _ = Reflect::set(&data, &"text".into(), &summary.as_str().into());
        if let Some(url) = &url {
            let _ = Reflect::set(&data, &"url".into(), &url.as_str().into());
        }
        if let Ok(promise) = share.call1(navigator, &data) {
            // A shopper closing the share sheet rejects it: nothing to say.
            spawn_local(async move {
                let _ = JsFuture::from(Promise::from(promise)).await;
            });
        }
    };
    view! {
        <button type="button" class="share" on:click=on_click>
            {move || if done.get() { done_label.clone() } else { label.clone() }}
        </button>
    }
}

/// "Try again": looks the parcel up again now.
pub fn retry_button(props: Props, t: &Texts) -> impl IntoView {
    let retry = move |_| drop(props.refresh.run(()));
    view! {
        <button type="button" class="retry" on:click=retry>{t.retry().to_owned()}</button>
    }
}

/// The carrier's phone as a `tel:` link in the national format ("Call 1588-1255"); nothing when
/// the number is not one.
pub fn phone_link(tel: Option<&str>, t: &Texts) -> Option<impl IntoView> {
    let tel = tel?;
    let href = tel_href(tel)?;
    Some(view! {
        <a class="phone" href=href>
            {t.call_carrier().to_owned()}
            " "
            {national_phone(tel)}
        </a>
    })
}
