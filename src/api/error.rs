//! Why a request ended without a result, classified as the element's `kind` table says.

use super::json::ToJson;

/// Why a request ended without a result (`dt-error`'s `kind`, `dt-fallback`'s `reason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DeliveryTrackerErrorKind", rename_all = "kebab-case")
)]
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

/// Written as its name in the element's `kind` table.
impl ToJson for ErrorKind {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

/// What a failure says: the API's own words, shown as they came, or one of the widget's own
/// messages, shown in the element's language (`Strings::message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Api(String),
    Own(Own),
}

/// The widget's own messages (their texts are in `crate::i18n`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Own {
    Network,
    /// The timeout, in milliseconds.
    Timeout(u32),
    /// The HTTP status of a body that is not the expected JSON.
    BadResponse(u16),
    /// A v1 request answered by a GraphQL server (`api-version` is wrong): the HTTP status.
    GraphqlOnV1(u16),
    /// A v2 server refused the widget's own query (HTTP 400).
    RefusedQuery,
    Unauthorized,
    RateLimited,
    /// A v2 resolver error that says nothing more.
    Unavailable,
    /// A status that says it all, without a message.
    HttpStatus(u16),
    NotFound,
    BadFormat,
    /// The carrier is not in the API's carriers list.
    CarrierNotListed(String),
    BlankNumber,
    BlankCarrier,
    /// `api-base` is not an http(s) URL: the attribute's value.
    ApiBaseNotHttp(String),
}

impl Message {
    /// The API's message, or the widget's own when the API gave none (or only blanks).
    fn or_own(api: Option<String>, own: Own) -> Self {
        match api.filter(|text| !text.trim().is_empty()) {
            Some(text) => Self::Api(text),
            None => Self::Own(own),
        }
    }
}

impl From<Own> for Message {
    fn from(own: Own) -> Self {
        Self::Own(own)
    }
}

/// The message in English (the host tests' and the console's language).
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Strings::new(crate::i18n::Lang::En).message(self))
    }
}

/// The longest `Retry-After` the widget waits for before its one retry of a 429.
pub const MAX_RETRY_AFTER_SECS: u32 = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// `None` when no HTTP answer came.
    pub http_status: Option<u16>,
    /// The API's own message when it gave one, else the widget's own.
    pub message: Message,
    /// For `rate-limited`: a readable `Retry-After` of at most 60 seconds.
    pub retry_after_secs: Option<u32>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, http_status: Option<u16>, message: impl Into<Message>) -> Self {
        Self {
            kind,
            http_status,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    pub fn network() -> Self {
        Self::new(ErrorKind::Unavailable, None, Own::Network)
    }

    pub fn timeout(millis: u32) -> Self {
        Self::new(ErrorKind::Timeout, None, Own::Timeout(millis))
    }

    pub fn bad_response(http_status: u16) -> Self {
        Self::new(
            ErrorKind::BadResponse,
            Some(http_status),
            Own::BadResponse(http_status),
        )
    }

    /// `kind` with the API's message, or `own` when it gave none.
    pub fn saying(kind: ErrorKind, http_status: u16, api: Option<String>, own: Own) -> Self {
        Self::new(kind, Some(http_status), Message::or_own(api, own))
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
    let error = match status {
        200..=299 | 400 | 404 => return None,
        401 | 403 => ApiError::saying(ErrorKind::Unauthorized, status, message, Own::Unauthorized),
        429 => ApiError {
            retry_after_secs: parse_retry_after(retry_after),
            ..ApiError::saying(ErrorKind::RateLimited, status, message, Own::RateLimited)
        },
        _ => ApiError::saying(
            ErrorKind::Unavailable,
            status,
            message,
            Own::HttpStatus(status),
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

/// The body of a v1 answer that is not a track, as far as classifying it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorBody {
    /// v1's own `{"message": "…"}`.
    V1Message(String),
    /// A GraphQL answer (`{"errors": […]}`): a v2 server, so `api-version` is wrong.
    Graphql,
    /// Anything else: HTML, empty, truncated, or JSON of another shape.
    Other,
}

impl ErrorBody {
    fn message(&self) -> Option<String> {
        match self {
            Self::V1Message(text) => Some(text.clone()),
            _ => None,
        }
    }
}

/// Classifies a v1 answer that is not a 2xx track. The status decides where it says it all;
/// for 400 and 404 the body does: only v1's own `{"message": …}` is about the parcel.
pub fn classify_v1_failure(status: u16, body: ErrorBody, retry_after: Option<&str>) -> ApiError {
    if let Some(error) = classify_status(status, body.message(), retry_after) {
        return error;
    }
    let text = match body {
        ErrorBody::V1Message(text) if status == 400 || status == 404 => text,
        ErrorBody::Graphql => {
            return ApiError::new(
                ErrorKind::BadResponse,
                Some(status),
                Own::GraphqlOnV1(status),
            )
        }
        _ => return ApiError::bad_response(status),
    };
    if status == 400 {
        return ApiError::saying(ErrorKind::Invalid, status, Some(text), Own::BadFormat);
    }
    if is_unsupported_carrier_message(&text) {
        return ApiError::new(ErrorKind::Invalid, Some(status), Message::Api(text));
    }
    ApiError::saying(ErrorKind::NotFound, status, Some(text), Own::NotFound)
}

/// A value that becomes one URL path segment, trimmed. Blank, `.` and `..` are refused without a
/// request: the browser would resolve the dots and the request would leave `/carriers/`.
fn path_segment(value: &str, refusal: Own) -> Result<&str, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() || trimmed == "." || trimmed == ".." {
        return Err(ApiError::new(ErrorKind::Invalid, None, refusal));
    }
    Ok(trimmed)
}

/// Why a tracking number cannot be looked up at all.
pub fn validate_tracking_number(tracking_number: &str) -> Result<&str, ApiError> {
    path_segment(tracking_number, Own::BlankNumber)
}

/// Why a carrier id cannot be looked up at all.
pub fn validate_carrier(carrier: &str) -> Result<&str, ApiError> {
    path_segment(carrier, Own::BlankCarrier)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1(status: u16, body: ErrorBody) -> (ErrorKind, Option<u16>, Message) {
        let error = classify_v1_failure(status, body, None);
        (error.kind, error.http_status, error.message)
    }

    fn said(text: &str) -> ErrorBody {
        ErrorBody::V1Message(text.into())
    }

    fn api(text: &str) -> Message {
        Message::Api(text.into())
    }

    #[test]
    fn v1_errors_by_status_and_body() {
        assert_eq!(
            v1(404, said("운송장이 등록되지 않았습니다.")),
            (
                ErrorKind::NotFound,
                Some(404),
                api("운송장이 등록되지 않았습니다.")
            )
        );
        assert_eq!(
            v1(404, said("not supported carrier")),
            (ErrorKind::Invalid, Some(404), api("not supported carrier"))
        );
        assert_eq!(v1(404, said("Not Supported Carrier")).0, ErrorKind::Invalid);
        assert_eq!(
            v1(404, said("지원하지 않는 택배사입니다.")).0,
            ErrorKind::Invalid
        );
        assert_eq!(
            v1(400, said("운송장 번호 형식이 올바르지 않습니다.")),
            (
                ErrorKind::Invalid,
                Some(400),
                api("운송장 번호 형식이 올바르지 않습니다.")
            )
        );
        assert_eq!(
            v1(400, said(" ")),
            (ErrorKind::Invalid, Some(400), Own::BadFormat.into())
        );
        assert_eq!(v1(401, ErrorBody::Other).0, ErrorKind::Unauthorized);
        assert_eq!(v1(403, said("Forbidden")).0, ErrorKind::Unauthorized);
        assert_eq!(v1(429, ErrorBody::Other).0, ErrorKind::RateLimited);
        assert_eq!(
            v1(500, said("Request failed with status code 503")),
            (
                ErrorKind::Unavailable,
                Some(500),
                api("Request failed with status code 503")
            )
        );
        assert_eq!(
            v1(502, ErrorBody::Other),
            (
                ErrorKind::Unavailable,
                Some(502),
                Own::HttpStatus(502).into()
            )
        );
        assert_eq!(v1(418, ErrorBody::Other).0, ErrorKind::Unavailable);
        assert_eq!(
            v1(404, ErrorBody::Other),
            (
                ErrorKind::BadResponse,
                Some(404),
                Own::BadResponse(404).into()
            )
        );
        assert_eq!(v1(200, ErrorBody::Other).0, ErrorKind::BadResponse);
        assert_eq!(v1(204, ErrorBody::Other).0, ErrorKind::BadResponse);
        assert_eq!(
            v1(404, said("")),
            (ErrorKind::NotFound, Some(404), Own::NotFound.into())
        );
    }

    #[test]
    fn a_v1_400_or_404_that_is_not_v1_shaped_is_a_bad_response() {
        // A v2 server asked with GET (api-version="v1" on a v2 base): a GraphQL error body.
        assert_eq!(
            v1(400, ErrorBody::Graphql),
            (
                ErrorKind::BadResponse,
                Some(400),
                Own::GraphqlOnV1(400).into()
            )
        );
        assert_eq!(
            v1(404, ErrorBody::Graphql),
            (
                ErrorKind::BadResponse,
                Some(404),
                Own::GraphqlOnV1(404).into()
            )
        );
        // JSON without v1's message is not about the parcel either.
        assert_eq!(
            v1(400, ErrorBody::Other),
            (
                ErrorKind::BadResponse,
                Some(400),
                Own::BadResponse(400).into()
            )
        );
        assert_eq!(
            Message::from(Own::GraphqlOnV1(400)).to_string(),
            "The API answered a v1 request with a GraphQL error (HTTP 400): is api-version right?"
        );
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
        let limited = classify_v1_failure(429, ErrorBody::Other, Some("2"));
        assert_eq!(limited.retry_delay_millis(), Some(2_000));
        let unreadable = classify_v1_failure(429, ErrorBody::Other, None);
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
        classify_v1_failure(status, said("x"), None)
    }

    #[test]
    fn kinds_and_their_end_states() {
        assert_eq!(ErrorKind::BadResponse.as_str(), "bad-response");
        assert_eq!(ErrorKind::RateLimited.as_str(), "rate-limited");
        assert!(!ErrorKind::NotFound.is_fallback());
        assert!(!ErrorKind::Invalid.is_fallback());
        assert!(ErrorKind::Timeout.is_fallback());
        assert_eq!(ErrorKind::NotFound.to_json(), "\"not-found\"");
    }

    #[test]
    fn blank_and_dot_numbers_are_invalid_without_a_request() {
        assert_eq!(validate_tracking_number(" 123 "), Ok("123"));
        assert_eq!(validate_tracking_number("A-1/2"), Ok("A-1/2"));
        for bad in ["", "   ", ".", "..", " .. "] {
            let error = validate_tracking_number(bad).unwrap_err();
            assert_eq!(
                (error.kind, error.message),
                (ErrorKind::Invalid, Own::BlankNumber.into())
            );
        }
        assert_eq!(validate_tracking_number("..."), Ok("..."));
    }

    #[test]
    fn dot_carriers_are_invalid_without_a_request() {
        assert_eq!(validate_carrier(" kr.epost "), Ok("kr.epost"));
        assert_eq!(validate_carrier("un.upu.ems"), Ok("un.upu.ems"));
        for bad in ["", " ", ".", "..", " . "] {
            let error = validate_carrier(bad).unwrap_err();
            assert_eq!(
                (error.kind, error.message),
                (ErrorKind::Invalid, Own::BlankCarrier.into())
            );
        }
    }
}
