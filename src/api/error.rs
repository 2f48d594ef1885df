//! Why a request ended without a result, classified as the element's `kind` table says.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    NotFound,
    Invalid,
    Unauthorized,
    RateLimited,
    Unavailable,
    Timeout,
    BadResponse,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "not-found",
            Self::Invalid => "invalid",
            Self::Unauthorized => "unauthorized",
            Self::RateLimited => "rate-limited",
            Self::Unavailable => "unavailable",
            Self::Timeout => "timeout",
            Self::BadResponse => "bad-response",
        }
    }

    /// `not-found` and `invalid` are answers about the parcel; every other kind means the API
    /// could not serve, and the element falls back to the tracking link.
    pub fn is_fallback(self) -> bool {
        !matches!(self, Self::NotFound | Self::Invalid)
    }
}

/// The longest `Retry-After` the widget waits for before its one retry of a 429.
pub const MAX_RETRY_AFTER_SECS: u32 = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// `None` when no HTTP answer came.
    pub http_status: Option<u16>,
    /// The API's own message when it gave one, else a plain description.
    pub message: String,
    /// For `rate-limited`: a readable `Retry-After` of at most 60 seconds.
    pub retry_after_secs: Option<u32>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, http_status: Option<u16>, message: impl Into<String>) -> Self {
        Self {
            kind,
            http_status,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    pub fn network() -> Self {
        Self::new(
            ErrorKind::Unavailable,
            None,
            "The tracking API could not be reached (network error or CORS refusal).",
        )
    }

    pub fn timeout(millis: u32) -> Self {
        Self::new(
            ErrorKind::Timeout,
            None,
            format!("The tracking API did not answer within {millis} ms."),
        )
    }

    pub fn bad_response(http_status: u16) -> Self {
        Self::new(
            ErrorKind::BadResponse,
            Some(http_status),
            format!("The tracking API answered HTTP {http_status} with a body that is not the expected JSON."),
        )
    }

    /// The one retry the spec allows, and after how many milliseconds: about a second for
    /// `unavailable` and `timeout`, `Retry-After` for a 429 that has a readable one.
    pub fn retry_delay_millis(&self) -> Option<u32> {
        match self.kind {
            ErrorKind::Unavailable | ErrorKind::Timeout => Some(1_000),
            ErrorKind::RateLimited => self.retry_after_secs.map(|secs| secs * 1_000),
            _ => None,
        }
    }
}

/// Reads `Retry-After` in seconds; an HTTP date, garbage or more than 60 seconds gives `None`.
pub fn parse_retry_after(header: Option<&str>) -> Option<u32> {
    let secs: u32 = header?.trim().parse().ok()?;
    (secs <= MAX_RETRY_AFTER_SECS).then_some(secs)
}

/// Classifies by HTTP status alone the answers whose status says it all, whatever the body:
/// 401/403, 429, 5xx and statuses the API does not use. `None` for 2xx, 400 and 404, whose body
/// decides.
pub fn classify_status(
    status: u16,
    message: Option<String>,
    retry_after: Option<&str>,
) -> Option<ApiError> {
    let message = message.filter(|text| !text.trim().is_empty());
    let described = |fallback: &str| message.clone().unwrap_or_else(|| fallback.to_owned());
    let error = match status {
        200..=299 | 400 | 404 => return None,
        401 | 403 => ApiError::new(
            ErrorKind::Unauthorized,
            Some(status),
            described(
                "The tracking API refused the request: the API key is missing or not allowed.",
            ),
        ),
        429 => ApiError {
            retry_after_secs: parse_retry_after(retry_after),
            ..ApiError::new(
                ErrorKind::RateLimited,
                Some(status),
                described("The tracking API is rate limiting requests."),
            )
        },
        _ => ApiError::new(
            ErrorKind::Unavailable,
            Some(status),
            described(&format!("The tracking API answered HTTP {status}.")),
        ),
    };
    Some(error)
}

/// A v1 404 for an unknown carrier, in the languages the open-source server answers in.
pub fn is_unsupported_carrier_message(message: &str) -> bool {
    // ASCII only: Unicode case tables would cost the wasm about 4 KB, and the Korean needles
    // have no case.
    let lower = message.to_ascii_lowercase();
    lower.contains("not supported carrier")
        || lower.contains("unsupported carrier")
        || lower.contains("지원하지 않는 택배사")
        || lower.contains("지원되지 않는 택배사")
}

/// Classifies a v1 answer that is not a 2xx track. `message` is the `message` of a JSON error
/// body; `body_is_json` is false for HTML, empty or truncated bodies.
pub fn classify_v1_failure(
    status: u16,
    message: Option<String>,
    body_is_json: bool,
    retry_after: Option<&str>,
) -> ApiError {
    let message = message.filter(|text| !text.trim().is_empty());
    if let Some(error) = classify_status(status, message.clone(), retry_after) {
        return error;
    }
    if !body_is_json || !(400..500).contains(&status) {
        return ApiError::bad_response(status);
    }
    if status == 400 {
        return ApiError::new(
            ErrorKind::Invalid,
            Some(status),
            message.unwrap_or_else(|| "The tracking number's format is not accepted.".into()),
        );
    }
    match message {
        Some(text) if is_unsupported_carrier_message(&text) => {
            ApiError::new(ErrorKind::Invalid, Some(status), text)
        }
        text => ApiError::new(
            ErrorKind::NotFound,
            Some(status),
            text.unwrap_or_else(|| "No parcel was found for this tracking number.".into()),
        ),
    }
}

/// A value that becomes one URL path segment, trimmed. Blank, `.` and `..` are refused without a
/// request: the browser would resolve the dots and the request would leave `/carriers/`.
fn path_segment<'a>(value: &'a str, refusal: &str) -> Result<&'a str, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() || trimmed == "." || trimmed == ".." {
        return Err(ApiError::new(ErrorKind::Invalid, None, refusal));
    }
    Ok(trimmed)
}

/// Why a tracking number cannot be looked up at all.
pub fn validate_tracking_number(tracking_number: &str) -> Result<&str, ApiError> {
    path_segment(
        tracking_number,
        "The tracking number is blank or not a tracking number.",
    )
}

/// Why a carrier id cannot be looked up at all.
pub fn validate_carrier(carrier: &str) -> Result<&str, ApiError> {
    path_segment(carrier, "The carrier id is blank or not a carrier id.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1(status: u16, message: Option<&str>, json: bool) -> (ErrorKind, Option<u16>, String) {
        let error = classify_v1_failure(status, message.map(str::to_owned), json, None);
        (error.kind, error.http_status, error.message)
    }

    #[test]
    fn v1_errors_by_status_and_body() {
        assert_eq!(
            v1(404, Some("운송장이 등록되지 않았습니다."), true),
            (
                ErrorKind::NotFound,
                Some(404),
                "운송장이 등록되지 않았습니다.".into()
            )
        );
        assert_eq!(
            v1(404, Some("not supported carrier"), true),
            (
                ErrorKind::Invalid,
                Some(404),
                "not supported carrier".into()
            )
        );
        assert_eq!(
            v1(404, Some("Not Supported Carrier"), true).0,
            ErrorKind::Invalid
        );
        assert_eq!(
            v1(404, Some("지원하지 않는 택배사입니다."), true).0,
            ErrorKind::Invalid
        );
        assert_eq!(
            v1(400, Some("운송장 번호 형식이 올바르지 않습니다."), true),
            (
                ErrorKind::Invalid,
                Some(400),
                "운송장 번호 형식이 올바르지 않습니다.".into()
            )
        );
        assert_eq!(v1(401, None, false).0, ErrorKind::Unauthorized);
        assert_eq!(v1(403, Some("Forbidden"), true).0, ErrorKind::Unauthorized);
        assert_eq!(v1(429, None, false).0, ErrorKind::RateLimited);
        assert_eq!(
            v1(500, Some("Request failed with status code 503"), true),
            (
                ErrorKind::Unavailable,
                Some(500),
                "Request failed with status code 503".into()
            )
        );
        assert_eq!(v1(502, None, false).0, ErrorKind::Unavailable);
        assert_eq!(v1(418, None, false).0, ErrorKind::Unavailable);
        assert_eq!(
            v1(404, None, false),
            (
                ErrorKind::BadResponse,
                Some(404),
                "The tracking API answered HTTP 404 with a body that is not the expected JSON."
                    .into()
            )
        );
        assert_eq!(v1(200, None, false).0, ErrorKind::BadResponse);
        assert_eq!(v1(204, None, false).0, ErrorKind::BadResponse);
        assert_eq!(v1(404, None, true).0, ErrorKind::NotFound);
    }

    #[test]
    fn retry_after_is_read_when_short() {
        assert_eq!(parse_retry_after(Some("1")), Some(1));
        assert_eq!(parse_retry_after(Some(" 60 ")), Some(60));
        assert_eq!(parse_retry_after(Some("61")), None);
        assert_eq!(
            parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            None
        );
        assert_eq!(parse_retry_after(Some("-1")), None);
        assert_eq!(parse_retry_after(None), None);
        let limited = classify_v1_failure(429, None, true, Some("2"));
        assert_eq!(limited.retry_delay_millis(), Some(2_000));
        let unreadable = classify_v1_failure(429, None, true, None);
        assert_eq!(unreadable.retry_delay_millis(), None);
    }

    #[test]
    fn retries_only_what_the_spec_allows() {
        assert_eq!(ApiError::network().retry_delay_millis(), Some(1_000));
        assert_eq!(ApiError::timeout(500).retry_delay_millis(), Some(1_000));
        assert_eq!(ApiError::bad_response(200).retry_delay_millis(), None);
        assert_eq!(v1_error(404).retry_delay_millis(), None);
        assert_eq!(v1_error(401).retry_delay_millis(), None);
    }

    fn v1_error(status: u16) -> ApiError {
        classify_v1_failure(status, Some("x".into()), true, None)
    }

    #[test]
    fn kinds_and_their_end_states() {
        assert_eq!(ErrorKind::BadResponse.as_str(), "bad-response");
        assert_eq!(ErrorKind::RateLimited.as_str(), "rate-limited");
        assert!(!ErrorKind::NotFound.is_fallback());
        assert!(!ErrorKind::Invalid.is_fallback());
        assert!(ErrorKind::Timeout.is_fallback());
        assert_eq!(
            serde_json::to_string(&ErrorKind::NotFound).unwrap(),
            "\"not-found\""
        );
    }

    #[test]
    fn blank_and_dot_numbers_are_invalid_without_a_request() {
        assert_eq!(validate_tracking_number(" 123 "), Ok("123"));
        assert_eq!(validate_tracking_number("A-1/2"), Ok("A-1/2"));
        for bad in ["", "   ", ".", "..", " .. "] {
            assert_eq!(
                validate_tracking_number(bad).unwrap_err().kind,
                ErrorKind::Invalid
            );
        }
        assert_eq!(validate_tracking_number("..."), Ok("..."));
    }

    #[test]
    fn dot_carriers_are_invalid_without_a_request() {
        assert_eq!(validate_carrier(" kr.epost "), Ok("kr.epost"));
        assert_eq!(validate_carrier("un.upu.ems"), Ok("un.upu.ems"));
        for bad in ["", " ", ".", "..", " . "] {
            assert_eq!(validate_carrier(bad).unwrap_err().kind, ErrorKind::Invalid);
        }
    }
}
