//! `use_document_visibility`: whether the page is visible (not a background tab, not minimised).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, VisibilityState};

/// Follows `visibilitychange` until the current owner is cleaned up. Without a document, the
/// page counts as visible.
pub fn use_document_visibility() -> RwSignal<bool> {
    let is_visible = |document: &Document| document.visibility_state() == VisibilityState::Visible;
    let document = web_sys::window().and_then(|window| window.document());
    let visible = RwSignal::new(document.as_ref().is_none_or(is_visible));
    if let Some(document) = document {
        let listener = Closure::<dyn Fn()>::new({
            let document = document.clone();
            move || visible.set(is_visible(&document))
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        let registered = StoredValue::new_local((document, listener));
        on_cleanup(move || {
            registered.try_with_value(|(document, listener)| {
                let _ = document.remove_event_listener_with_callback(
                    "visibilitychange",
                    listener.as_ref().unchecked_ref(),
                );
            });
        });
    }
    visible
}
