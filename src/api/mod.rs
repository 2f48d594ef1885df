//! The tracker.delivery API: request building, response decoding and error classification.
//! Pure: the browser layer feeds these types from `JSON.parse`, host tests from `serde_json`.

pub mod carrier_table;
pub mod error;
pub mod json;
pub mod v1;
pub mod v2;

/// `api-version`: `v1` (REST) or `v2` (GraphQL).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    #[default]
    V1,
    V2,
}

impl ApiVersion {
    /// Reads the attribute; anything but `v2` (case-insensitive) is the default, v1.
    pub fn from_attribute(value: Option<&str>) -> Self {
        match value.map(|v| v.trim().to_ascii_lowercase()) {
            Some(v) if v == "v2" || v == "2" => Self::V2,
            _ => Self::V1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "v1",
            Self::V2 => "v2",
        }
    }
}

/// The cloud API, the default `api-base`.
pub const DEFAULT_API_BASE: &str = "https://apis.tracker.delivery";

/// Where and how the widget reaches an API: what every request to it shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub version: ApiVersion,
    /// `api-base`, absolute (resolved against the page).
    pub base: String,
    /// Sent as `Authorization: TRACKQL-API-KEY …`; kept in memory only.
    pub api_key: Option<String>,
    /// Each request's timeout, body included.
    pub timeout_millis: u32,
}
