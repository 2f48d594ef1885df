//! The core's JSON decoders and encoder over the browser's own JSON: `JSON.parse`d values are
//! read with `Reflect`, and values handed to the page are `JSON.parse`d from the encoder's text.

use crate::api::json::{FromJson, Json, ToJson};
use js_sys::{Array, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The field names read so far, as JS strings, made once: a 1,000-event history reads
    /// about 7,000 fields, and a new JS string from wasm goes through a `TextDecoder`.
    static FIELD_NAMES: RefCell<Vec<(&'static str, JsValue)>> = RefCell::default();
}

fn field_name(name: &'static str) -> JsValue {
    FIELD_NAMES.with_borrow_mut(|names| {
        if let Some((_, known)) = names.iter().find(|(known, _)| *known == name) {
            return known.clone();
        }
        let value = JsValue::from_str(name);
        names.push((name, value.clone()));
        value
    })
}

impl Json for JsValue {
    fn is_null(&self) -> bool {
        // `== null`: `null` or `undefined`, in one call into JS.
        self.loose_eq(&JsValue::NULL)
    }

    fn has_fields(&self) -> bool {
        self.is_object()
    }

    fn field(&self, key: &'static str) -> Option<Self> {
        Reflect::get(self, &field_name(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }

    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }

    fn as_f64(&self) -> Option<f64> {
        JsValue::as_f64(self)
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.dyn_ref::<Array>().map(|array| array.iter().collect())
    }
}

/// `JSON.parse`; `None` for text that is not JSON.
pub fn parse(text: &str) -> Option<JsValue> {
    js_sys::JSON::parse(text).ok()
}

/// A parsed value decoded into `T`; `None` when it is not of `T`'s shape.
pub fn decode<T: FromJson>(value: &JsValue) -> Option<T> {
    T::from_json(value).ok()
}

/// A plain JS value (objects, arrays, `null`s) for the page.
pub fn to_js(value: &dyn ToJson) -> JsValue {
    let mut text = String::new();
    value.write_json(&mut text);
    parse(&text).unwrap_or(JsValue::NULL)
}
