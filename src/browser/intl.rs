//! The element's language and `Intl` date formatting in the offset each time carries.

use crate::i18n::Lang;
use crate::timeline::{parse_moment, Date};
use js_sys::{Array, Intl, Object, Reflect};
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
    /// The formatters made so far (at most one per language and style), kept: making one is
    /// slow.
    static FORMATS: RefCell<Vec<((Lang, TimeStyle), Intl::DateTimeFormat)>> = RefCell::default();
}

fn formatter(lang: Lang, style: TimeStyle) -> Intl::DateTimeFormat {
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
            Intl::DateTimeFormat::new(&Array::of1(&lang.tag().into()), &options)
        };
        formats.push(((lang, style), format.clone()));
        format
    })
}

fn format_date(lang: Lang, style: TimeStyle, date: &js_sys::Date) -> String {
    formatter(lang, style)
        .format()
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

fn format_utc(lang: Lang, style: TimeStyle, parts: (i32, u8, u8, u8, u8, u8)) -> String {
    let (year, month, day, hour, minute, second) = parts;
    let date = js_sys::Date::new_0();
    date.set_utc_full_year_with_month_date(year as u32, i32::from(month) - 1, i32::from(day));
    date.set_utc_hours(u32::from(hour));
    date.set_utc_minutes(u32::from(minute));
    date.set_utc_seconds(u32::from(second));
    date.set_utc_milliseconds(0);
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
