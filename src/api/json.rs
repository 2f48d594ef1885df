//! JSON in and out, written once for the host and the browser.
//!
//! The decoders read any parsed JSON through the small [`Json`] trait: `serde_json::Value` on the
//! host (tests, the shop proxy) and a `JSON.parse`d `JsValue` in the browser
//! (`browser::json`), so every decoding rule is tested on the host while the wasm carries no
//! serde (about 20 KB brotli; docs/performance.md). The rules are serde's derived ones, as
//! serde-wasm-bindgen applied them in the browser: a missing or `null` optional field is `None`,
//! a value of the wrong type fails the whole decoding, unknown fields are ignored, and an array
//! where an object is expected reads as an object without fields (a PHP-style empty `{}`).
//!
//! The encoder writes JSON text ([`ToJson`]), which the browser turns into objects with
//! `JSON.parse`.

use std::cell::Cell;

/// A parsed JSON value, as the decoders read it.
pub trait Json: Sized {
    /// `null` (or, in the browser, `undefined`).
    fn is_null(&self) -> bool;
    /// An object or an array: something fields are read from.
    fn has_fields(&self) -> bool;
    /// The field `key` of an object; `None` when it is missing (and for every key of an array).
    fn field(&self, key: &'static str) -> Option<Self>;
    fn as_string(&self) -> Option<String>;
    fn as_bool(&self) -> Option<bool>;
    fn as_f64(&self) -> Option<f64>;
    /// The elements of an array; `None` for anything else.
    fn items(&self) -> Option<Vec<Self>>;
}

/// A value of the wrong type: the whole decoding fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongType;

pub type Decoded<T> = Result<T, WrongType>;

/// A type read from parsed JSON.
pub trait FromJson: Sized {
    /// Whether `null` decodes to a value of the type (`Option`'s `None`, `Ignored`). A field of
    /// such a type is checked for `null` before it is read; any other field is read first and
    /// checked only when that fails (each check is a call into JS in the browser).
    const READS_NULL: bool = false;

    fn from_json<J: Json>(value: &J) -> Decoded<Self>;
}

/// Reads a JSON object's fields. A field of the wrong type is noted and read as missing, and
/// [`finish`](Self::finish) then fails the whole object: decoders read every field without an
/// early return, which keeps their code small in the wasm (no drop code for each way out).
pub struct Fields<'a, J> {
    value: &'a J,
    wrong: Cell<bool>,
}

impl<'a, J: Json> Fields<'a, J> {
    /// Fails unless `value` is an object (or an array, read as an object without fields).
    pub fn of(value: &'a J) -> Decoded<Self> {
        if value.has_fields() {
            Ok(Self {
                value,
                wrong: Cell::new(false),
            })
        } else {
            Err(WrongType)
        }
    }

    fn read<T: FromJson>(&self, value: &J) -> Option<T> {
        let decoded = T::from_json(value).ok();
        if decoded.is_none() {
            self.wrong.set(true);
        }
        decoded
    }

    /// An optional field: missing and `null` are `None`.
    pub fn get<T: FromJson>(&self, key: &'static str) -> Option<T> {
        let value = self.value.field(key)?;
        if T::READS_NULL && value.is_null() {
            return None;
        }
        match T::from_json(&value) {
            Ok(decoded) => Some(decoded),
            Err(WrongType) if value.is_null() => None,
            Err(WrongType) => {
                self.wrong.set(true);
                None
            }
        }
    }

    /// A field that must be there (and not `null`).
    pub fn required<T: FromJson + Default>(&self, key: &'static str) -> T {
        self.get(key).unwrap_or_else(|| {
            self.wrong.set(true);
            T::default()
        })
    }

    /// A field that may be missing, or there as `null`: `None` when missing, `Some(None)` for
    /// `null`.
    pub fn present<T: FromJson>(&self, key: &'static str) -> Option<Option<T>> {
        match self.value.field(key) {
            None => None,
            Some(value) if value.is_null() => Some(None),
            Some(value) => self.read(&value).map(Some),
        }
    }

    /// The object read, unless a field had the wrong type (or a required one was missing).
    pub fn finish<T>(&self, decoded: T) -> Decoded<T> {
        if self.wrong.get() {
            Err(WrongType)
        } else {
            Ok(decoded)
        }
    }
}

impl FromJson for String {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        value.as_string().ok_or(WrongType)
    }
}

impl FromJson for bool {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        value.as_bool().ok_or(WrongType)
    }
}

impl FromJson for f64 {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        value.as_f64().ok_or(WrongType)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let items = value.items().ok_or(WrongType)?;
        let mut list = Vec::with_capacity(items.len());
        for item in &items {
            list.push(T::from_json(item)?);
        }
        Ok(list)
    }
}

/// An element of a list read as `Option<T>`: `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    const READS_NULL: bool = true;

    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value).map(Some)
        }
    }
}

/// Any JSON value, not read further (`errors` of a v1 answer, where only its presence counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ignored;

impl FromJson for Ignored {
    const READS_NULL: bool = true;

    fn from_json<J: Json>(_: &J) -> Decoded<Self> {
        Ok(Self)
    }
}

#[cfg(any(not(target_arch = "wasm32"), test))]
impl Json for &serde_json::Value {
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }

    fn has_fields(&self) -> bool {
        self.is_object() || self.is_array()
    }

    fn field(&self, key: &'static str) -> Option<Self> {
        self.as_object()?.get(key)
    }

    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }

    fn as_f64(&self) -> Option<f64> {
        serde_json::Value::as_f64(self)
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().map(|items| items.iter().collect())
    }
}

/// JSON text decoded into `T` (on the host, and in the crate's own tests on any target: the
/// browser parses with `JSON.parse`); `None` when the text is not JSON or not of `T`'s shape.
#[cfg(any(not(target_arch = "wasm32"), test))]
pub fn from_slice<T: FromJson>(text: &[u8]) -> Option<T> {
    let value: serde_json::Value = serde_json::from_slice(text).ok()?;
    T::from_json(&&value).ok()
}

/// [`from_slice`] for text.
#[cfg(any(not(target_arch = "wasm32"), test))]
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    from_slice(text.as_bytes())
}

/// A type written as JSON text.
pub trait ToJson {
    fn write_json(&self, out: &mut String);

    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut String) {
        write_integer(out, *self);
    }
}

impl ToJson for u16 {
    fn write_json(&self, out: &mut String) {
        write_integer(out, u64::from(*self));
    }
}

impl ToJson for u8 {
    fn write_json(&self, out: &mut String) {
        write_integer(out, u64::from(*self));
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// Writes a JSON object field by field.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    pub fn field(mut self, key: &str, value: &dyn ToJson) -> Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// A JSON string literal.
pub fn write_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                // Control characters as \u00XX (core::fmt stays out of the wasm).
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Decimal digits without core::fmt.
pub fn write_integer(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Sample {
        id: String,
        name: Option<String>,
        flags: Option<Vec<bool>>,
        data: Option<Option<String>>,
    }

    impl FromJson for Sample {
        fn from_json<J: Json>(value: &J) -> Decoded<Self> {
            let fields = Fields::of(value)?;
            fields.finish(Self {
                id: fields.required("id"),
                name: fields.get("name"),
                flags: fields.get("flags"),
                data: fields.present("data"),
            })
        }
    }

    #[test]
    fn decodes_by_serdes_rules() {
        assert_eq!(
            from_str::<Sample>(r#"{"id":"a","name":null,"flags":[true,false],"data":null,"x":1}"#),
            Some(Sample {
                id: "a".into(),
                name: None,
                flags: Some(vec![true, false]),
                data: Some(None)
            })
        );
        assert_eq!(
            from_str::<Sample>(r#"{"id":"a","data":"d"}"#).map(|s| s.data),
            Some(Some(Some("d".into())))
        );
        assert_eq!(
            from_str::<Sample>(r#"{"id":"a"}"#).map(|s| s.data),
            Some(None)
        );
        for wrong in [
            r#"{}"#,
            r#"{"id":null}"#,
            r#"{"id":5}"#,
            r#"{"id":"a","name":{}}"#,
            r#"{"id":"a","flags":{}}"#,
            r#"{"id":"a","flags":[1]}"#,
            r#""text""#,
            "not json",
        ] {
            assert_eq!(from_str::<Sample>(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn writes_json_text() {
        let mut out = String::new();
        ObjectWriter::new(&mut out)
            .field("text", &"a\"b\\c\n\u{1}é")
            .field("none", &None::<String>)
            .field("list", &vec![0u8, 42, 255])
            .field("big", &u64::MAX)
            .field("yes", &true)
            .end();
        assert_eq!(
            out,
            r#"{"text":"a\"b\\c\n\u0001é","none":null,"list":[0,42,255],"big":18446744073709551615,"yes":true}"#
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&out).unwrap()["text"],
            "a\"b\\c\n\u{1}é"
        );
    }
}
