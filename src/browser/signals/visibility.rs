//! `use_document_visibility`: whether the page is visible (not a background tab, not minimised).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, VisibilityState};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Without a document, the page counts as visible.
fn is_visible() -> bool {
    document().is_none_or(|document| document.visibility_state() == VisibilityState::Visible)
}

/// Follows `visibilitychange` until the current owner is cleaned up.
pub fn use_document_visibility() -> RwSignal<bool> {
    let visible = RwSignal::new(is_visible());
    let listener =
        StoredValue::new_local(Closure::<dyn Fn()>::new(move || visible.set(is_visible())));
    let listen = move |add: bool| {
        listener.try_with_value(|listener| {
            let (Some(document), listener) = (document(), listener.as_ref().unchecked_ref()) else {
                return;
            };
            let _ = if add {
                document.add_event_listener_with_callback("visibilitychange", listener)
            } else {
                document.remove_event_listener_with_callback("visibilitychange", listener)
            };
        });
    };
    listen(true);
    on_cleanup(move || listen(false));
    visible
}
