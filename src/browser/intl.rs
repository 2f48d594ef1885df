//! The element's language and `Intl` date formatting in the offset each time carries.

use crate::i18n::Lang;
use crate::timeline::{parse_moment, Date};
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// `lang` of the element, else the nearest `lang` of the page, else the browser's languages,
/// else Korean.
pub fn element_lang(host: &HtmlElement) -> Lang {
    let from_attribute = |element: &web_sys::Element| {
        element
            .get_attribute("lang")
            .and_then(|tag| Lang::from_tag(&tag))
    };
    if let Some(lang) = from_attribute(host) {
        return lang;
    }
    let ancestor = host
        .parent_element()
        .and_then(|parent| parent.closest("[lang]").ok().flatten());
    if let Some(lang) = ancestor.as_ref().and_then(from_attribute) {
        return lang;
    }
    let languages = web_sys::window()
        .map(|window| window.navigator().languages())
        .unwrap_or_default();
    languages
        .iter()
        .filter_map(|tag| tag.as_string())
        .find_map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeStyle {
    /// A timeline date heading: weekday, day, month, year.
    Day,
    /// A time of day.
    Clock,
    /// Date and time, for the summary.
    DateTime,
    /// Date and time of a moment, in the reader's own time zone (when an answer was fetched).
    Local,
}

thread_local! {
    /// The formatters made so far (at most one per language and style), kept as their bound
    /// `format` functions: making a formatter is slow.
    static FORMATS: RefCell<Vec<((Lang, TimeStyle), Function)>> = RefCell::default();
}

fn formatter(lang: Lang, style: TimeStyle) -> Function {
    FORMATS.with_borrow_mut(|formats| {
        if let Some((_, format)) = formats.iter().find(|(key, _)| *key == (lang, style)) {
            return format.clone();
        }
        let format = {
            let options = Object::new();
            let set = |key: &str, value: &str| {
                let _ = Reflect::set(&options, &key.into(), &value.into());
            };
            // The wall-clock values are written as UTC and formatted as UTC: the time shows
            // in the offset it carries, wherever the reader is.
            if style != TimeStyle::Local {
                set("timeZone", "UTC");
            }
            match style {
                TimeStyle::Day => {
                    set("year", "numeric");
                    set("month", "long");
                    set("day", "numeric");
                    set("weekday", "short");
                }
                TimeStyle::Clock => {
                    set("hour", "numeric");
                    set("minute", "2-digit");
                }
                TimeStyle::DateTime | TimeStyle::Local => {
                    set("dateStyle", "medium");
                    set("timeStyle", "short");
                }
            }
            Intl::DateTimeFormat::new(&Array::of1(&lang.tag().into()), &options).format()
        };
        formats.push(((lang, style), format.clone()));
        format
    })
}

fn format_date(lang: Lang, style: TimeStyle, date: &js_sys::Date) -> String {
    formatter(lang, style)
        .call1(&JsValue::UNDEFINED, date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A moment (RFC 3339) in the reader's time zone; unreadable text is shown as is.
pub fn format_instant(lang: Lang, raw: &str) -> String {
    if parse_moment(raw).is_none() {
        return raw.to_owned();
    }
    let date = js_sys::Date::new(&JsValue::from_str(raw));
    if date.get_time().is_nan() {
        return raw.to_owned();
    }
    format_date(lang, TimeStyle::Local, &date)
}

/// Milliseconds since the epoch of a wall-clock time read as UTC (proleptic Gregorian, days
/// from the civil date), so that a `Date` is made in one call rather than six setters. Days past
/// a month's end run on into the next month, as `Date`'s setters do.
fn utc_millis(parts: (i32, u8, u8, u8, u8, u8)) -> f64 {
    let (year, month, day, hour, minute, second) = parts;
    let month = i64::from(month);
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds =
        days * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + i64::from(second);
    (seconds * 1_000) as f64
}

fn format_utc(lang: Lang, style: TimeStyle, parts: (i32, u8, u8, u8, u8, u8)) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(utc_millis(parts)));
    format_date(lang, style, &date)
}

/// A time as the carrier wrote it, formatted in its own offset; unreadable text is shown as is.
pub fn format_time(lang: Lang, raw: &str, style: TimeStyle) -> String {
    match parse_moment(raw) {
        Some(m) => format_utc(
            lang,
            style,
            (m.year, m.month, m.day, m.hour, m.minute, m.second),
        ),
        None => raw.to_owned(),
    }
}

pub fn format_day(lang: Lang, date: Date) -> String {
    format_utc(
        lang,
        TimeStyle::Day,
        (date.year, date.month, date.day, 0, 0, 0),
    )
}
