//! Reading the element's attributes: every value has a sensible default, nothing throws.

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
        let exponent: i32 = exponent.parse().ok()?;
        number *= 10f64.powi(exponent.clamp(-400, 400));
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
pub fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

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
