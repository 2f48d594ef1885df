//! The `translations` property: a shop's own texts over the element's strings.

use super::warn;
use crate::i18n::{Lang, Strings};
use wasm_bindgen::{JsCast, JsValue};

/// One of a shop's texts.
#[derive(Debug)]
pub struct Override {
    /// The language it is for; `None`: every language.
    only: Option<Lang>,
    /// A public key of `Strings`.
    key: String,
    text: String,
}

/// Reads the property's value: `{ key: text }` for every language, or
/// `{ ko: { key: text }, en: { … } }`. Unknown keys and non-text values are warned about and
/// left out; a value that is not an object overrides nothing.
pub fn read(value: &JsValue) -> Vec<Override> {
    let mut overrides = Vec::new();
    let mut add = |only: Option<Lang>, key: String, text: &JsValue| match text.as_string() {
        Some(text) if Strings::KEYS.contains(&key.as_str()) => {
            overrides.push(Override { only, key, text })
        }
        _ => warn(&format!(
            "translations: \"{key}\" is not a known key with a text value."
        )),
    };
    if value.is_object() {
        for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            let text = entry.get(1);
            match Lang::from_tag(&key).filter(|_| text.is_object()) {
                Some(lang) => {
                    for inner in js_sys::Object::entries(text.unchecked_ref()).iter() {
                        let inner: js_sys::Array = inner.unchecked_into();
                        add(
                            Some(lang),
                            inner.get(0).as_string().unwrap_or_default(),
                            &inner.get(1),
                        );
                    }
                }
                None => add(None, key, &text),
            }
        }
    }
    overrides
}

/// The strings in `lang`, the overrides for it applied.
pub fn strings(lang: Lang, overrides: &[Override]) -> Strings {
    let mut strings = Strings::new(lang);
    for Override { only, key, text } in overrides {
        if only.is_none_or(|only| only == lang) {
            strings.set(key, text.clone());
        }
    }
    strings
}
