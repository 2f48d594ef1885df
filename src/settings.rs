//! Reading the element's attributes: every value has a sensible default, nothing throws.
//! `Settings::read` is the one place an attribute is read: a new attribute is a field of
//! `Settings` read here (and a name in `ATTRIBUTES` of `www/element.js`).

use crate::api::{ApiVersion, DEFAULT_API_BASE};
use crate::link::{is_http_url, LinkSettings};

/// What a lookup is of: when it changes, the shown data is dropped and the parcel looked up anew.
#[derive(Clone, Debug, PartialEq)]
pub struct Parcel {
    pub carrier: Option<String>,
    /// Present but blank is kept: it is refused as `invalid`, with the form.
    pub tracking_number: Option<String>,
    /// The resolved base, or the refused attribute value.
    pub api_base: Result<String, String>,
    pub api_version: ApiVersion,
}

/// Every attribute the element reads, but `lang` (which the page's elements around it can give).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub parcel: Parcel,
    pub mode: Mode,
    pub theme: Theme,
    pub link: LinkSettings,
    pub timeout_millis: u32,
    pub refresh_secs: u32,
}

impl Settings {
    /// Reads the attributes through `get` (the attribute's value, `None` when absent).
    /// `resolve` makes an `api-base` absolute against the page's base URL.
    /// Not generic: one copy of this code serves the element and `Settings::default`.
    pub fn read(
        get: &dyn Fn(&str) -> Option<String>,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Self {
        let api_base = match text(get("api-base")) {
            None => Ok(DEFAULT_API_BASE.to_owned()),
            Some(raw) => match resolve(&raw).filter(|url| is_http_url(url)) {
                Some(url) => Ok(url.trim_end_matches('/').to_owned()),
                None => Err(raw),
            },
        };
        Self {
            parcel: Parcel {
                carrier: text(get("carrier")),
                tracking_number: get("tracking-number"),
                api_base,
                api_version: ApiVersion::from_attribute(get("api-version").as_deref()),
            },
            mode: Mode::from_attribute(get("mode").as_deref()),
            theme: Theme::from_attribute(get("theme").as_deref()),
            link: LinkSettings {
                fallback_href: text(get("fallback-href")),
                link_client_id: text(get("link-client-id")),
            },
            timeout_millis: timeout_millis(get("timeout").as_deref()),
            refresh_secs: refresh_secs(get("refresh-interval").as_deref()),
        }
    }
}

impl Default for Settings {
    /// An element without attributes.
    fn default() -> Self {
        Self::read(&|_| None, &|_| None)
    }
}

/// `mode`: what the element renders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Summary, stages and timeline.
    #[default]
    Full,
    /// Summary and the latest event.
    Compact,
    /// Only the tracking link: no request at all.
    Link,
}

impl Mode {
    pub fn from_attribute(value: Option<&str>) -> Self {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("compact") => Self::Compact,
            Some("link") => Self::Link,
            _ => Self::Full,
        }
    }
}

/// `theme`: `auto` follows `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn from_attribute(value: Option<&str>) -> Self {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Self::Light,
            Some("dark") => Self::Dark,
            _ => Self::Auto,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

pub const DEFAULT_TIMEOUT_MILLIS: u32 = 10_000;
/// Refreshing more often than this is not allowed: the API discourages polling.
pub const MIN_REFRESH_SECS: u32 = 60;

/// A positive decimal number (`60`, `0.5`, `1e3`), read by hand: `str::parse::<f64>` would link
/// the float parser and its tables, about 12 KB of the wasm. The element's JS properties read
/// numbers by the same rule (`DECIMAL` in `www/src/element.js`): `0x10`, `1,000` or `Infinity` are no
/// numbers, and the default applies.
fn positive_number(value: Option<&str>) -> Option<f64> {
    let text = value?.trim();
    let text = text.strip_prefix('+').unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || whole.bytes().chain(fraction.bytes());
    if whole.is_empty() && fraction.is_empty() || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut number = whole
        .bytes()
        .fold(0.0, |n, b| n * 10.0 + f64::from(b - b'0'));
    let mut scale = 1.0;
    for b in fraction.bytes() {
        scale /= 10.0;
        number += f64::from(b - b'0') * scale;
    }
    if let Some(exponent) = exponent {
        // By hand too (`i32::from_str` is code of its own): beyond ±400 the number is 0 or
        // infinite either way, so the digits saturate there.
        let (negative, digits) = match exponent.as_bytes() {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            rest => (false, rest),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let magnitude = digits
            .iter()
            .fold(0, |n: i32, b| (n * 10 + i32::from(b - b'0')).min(400));
        number *= 10f64.powi(if negative { -magnitude } else { magnitude });
    }
    (number.is_finite() && number > 0.0).then_some(number)
}

/// `timeout` in milliseconds: a positive number, else 10 000; at most 10 minutes.
pub fn timeout_millis(value: Option<&str>) -> u32 {
    positive_number(value).map_or(DEFAULT_TIMEOUT_MILLIS, |ms| ms.clamp(1.0, 600_000.0) as u32)
}

/// `refresh-interval` in seconds: 0 (or anything not a positive number) is never; values under
/// 60 count as 60.
pub fn refresh_secs(value: Option<&str>) -> u32 {
    positive_number(value).map_or(0, |secs| {
        secs.clamp(f64::from(MIN_REFRESH_SECS), 86_400.0) as u32
    })
}

/// An attribute's text, trimmed, or `None` when missing or blank.
fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `get` for an element with these attributes.
    fn attributes<'a>(list: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<String> + 'a {
        |name| {
            list.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    /// Resolves against `https://shop.example/track/`, as a page there would.
    fn resolve(url: &str) -> Option<String> {
        match url {
            "/api/" => Some("https://shop.example/api/".to_owned()),
            "javascript:alert(1)" => Some("javascript:alert(1)".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn an_element_without_attributes() {
        assert_eq!(
            Settings::default(),
            Settings {
                parcel: Parcel {
                    carrier: None,
                    tracking_number: None,
                    api_base: Ok("https://apis.tracker.delivery".to_owned()),
                    api_version: ApiVersion::V1,
                },
                mode: Mode::Full,
                theme: Theme::Auto,
                link: LinkSettings {
                    fallback_href: None,
                    link_client_id: None,
                },
                timeout_millis: 10_000,
                refresh_secs: 0,
            }
        );
    }

    #[test]
    fn every_attribute_read() {
        let settings = Settings::read(
            &attributes(&[
                ("carrier", " kr.epost "),
                ("tracking-number", " 1234567890 "),
                ("api-base", " /api/ "),
                ("api-version", "V2"),
                ("mode", "compact"),
                ("theme", "dark"),
                (
                    "fallback-href",
                    " https://shop.example/{carrier}/{tracking} ",
                ),
                ("link-client-id", " client "),
                ("timeout", "1.5e3"),
                ("refresh-interval", "30"),
            ]),
            &resolve,
        );
        assert_eq!(
            settings,
            Settings {
                parcel: Parcel {
                    carrier: Some("kr.epost".to_owned()),
                    tracking_number: Some(" 1234567890 ".to_owned()),
                    api_base: Ok("https://shop.example/api".to_owned()),
                    api_version: ApiVersion::V2,
                },
                mode: Mode::Compact,
                theme: Theme::Dark,
                link: LinkSettings {
                    fallback_href: Some("https://shop.example/{carrier}/{tracking}".to_owned()),
                    link_client_id: Some("client".to_owned()),
                },
                timeout_millis: 1_500,
                refresh_secs: 60,
            }
        );
    }

    #[test]
    fn refused_and_blank_values() {
        let settings = Settings::read(
            &attributes(&[
                ("carrier", "   "),
                ("tracking-number", ""),
                ("api-base", "javascript:alert(1)"),
                ("fallback-href", " "),
                ("timeout", "0x10"),
            ]),
            &resolve,
        );
        assert_eq!(
            settings.parcel,
            Parcel {
                carrier: None,
                // Kept: a blank number is refused as `invalid`, with the form.
                tracking_number: Some(String::new()),
                api_base: Err("javascript:alert(1)".to_owned()),
                api_version: ApiVersion::V1,
            }
        );
        assert_eq!(settings.link.fallback_href, None);
        assert_eq!(settings.timeout_millis, 10_000);
        // A base the page cannot resolve is refused as written.
        let unresolved = Settings::read(&attributes(&[("api-base", "http://[")]), &resolve);
        assert_eq!(unresolved.parcel.api_base, Err("http://[".to_owned()));
    }

    #[test]
    fn modes_and_themes_default_when_unknown() {
        assert_eq!(Mode::from_attribute(Some("compact")), Mode::Compact);
        assert_eq!(Mode::from_attribute(Some(" LINK ")), Mode::Link);
        assert_eq!(Mode::from_attribute(Some("fancy")), Mode::Full);
        assert_eq!(Mode::from_attribute(None), Mode::Full);
        assert_eq!(Theme::from_attribute(Some("dark")), Theme::Dark);
        assert_eq!(Theme::from_attribute(Some("")), Theme::Auto);
    }

    #[test]
    fn timeouts() {
        assert_eq!(timeout_millis(None), 10_000);
        assert_eq!(timeout_millis(Some("500")), 500);
        assert_eq!(timeout_millis(Some("0")), 10_000);
        assert_eq!(timeout_millis(Some("-5")), 10_000);
        assert_eq!(timeout_millis(Some("soon")), 10_000);
        assert_eq!(timeout_millis(Some("NaN")), 10_000);
        assert_eq!(timeout_millis(Some("1e12")), 600_000);
        assert_eq!(timeout_millis(Some("0.5")), 1);
        assert_eq!(timeout_millis(Some("1.5e3")), 1_500);
        assert_eq!(timeout_millis(Some("+2500")), 2_500);
        assert_eq!(timeout_millis(Some(" 750. ")), 750);
        assert_eq!(timeout_millis(Some("2E+3")), 2_000);
        assert_eq!(timeout_millis(Some("1e")), 10_000);
        assert_eq!(timeout_millis(Some(".")), 10_000);
        assert_eq!(timeout_millis(Some("1,000")), 10_000);
        assert_eq!(timeout_millis(Some("1e999")), 10_000);
        assert_eq!(timeout_millis(Some("1e-999")), 10_000);
        assert_eq!(timeout_millis(Some("5e-1")), 1);
        assert_eq!(timeout_millis(Some("25e+2")), 2_500);
        assert_eq!(timeout_millis(Some("1e99999999999")), 10_000);
        assert_eq!(timeout_millis(Some("1e+")), 10_000);
        assert_eq!(timeout_millis(Some("1e--2")), 10_000);
        // JavaScript's `Number` reads these; the attribute rule does not.
        assert_eq!(timeout_millis(Some("0x10")), 10_000);
        assert_eq!(timeout_millis(Some("0b11")), 10_000);
        assert_eq!(timeout_millis(Some("Infinity")), 10_000);
        assert_eq!(refresh_secs(Some("0x100")), 0);
    }

    #[test]
    fn refresh_intervals() {
        assert_eq!(refresh_secs(None), 0);
        assert_eq!(refresh_secs(Some("0")), 0);
        assert_eq!(refresh_secs(Some("10")), 60);
        assert_eq!(refresh_secs(Some("300")), 300);
        assert_eq!(refresh_secs(Some("Infinity")), 0);
    }

    #[test]
    fn attribute_text_is_trimmed() {
        assert_eq!(
            text(Some("  kr.epost ".into())).as_deref(),
            Some("kr.epost")
        );
        assert_eq!(text(Some("   ".into())), None);
        assert_eq!(text(None), None);
    }
}
