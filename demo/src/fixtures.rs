//! What the fixture answers share, a leaf module: the API versions, the delivered parcel's
//! fixture in each shape, and the page origin (where redirects lead). `scenarios` (which number
//! gives which answer) and `hostile` (the answers built to break the widget) both build on it.

use std::sync::OnceLock;

use serde_json::Value;

pub const V2_DELIVERED: &str = include_str!("../../fixtures/v2/track-delivered.json");
pub const V1_DELIVERED: &str = include_str!("../../fixtures/v1/track-delivered.json");

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

pub fn parse(fixture: &str) -> Value {
    serde_json::from_str(fixture).expect("fixtures are valid JSON")
}

static PAGE_ORIGIN: OnceLock<String> = OnceLock::new();

/// The page origin (`http://127.0.0.1:<page port>`), where the redirect scenario leads.
pub fn set_page_origin(origin: String) {
    let _ = PAGE_ORIGIN.set(origin);
}

pub fn page_origin() -> &'static str {
    PAGE_ORIGIN.get().map_or("http://127.0.0.1", String::as_str)
}
