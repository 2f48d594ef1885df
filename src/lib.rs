//! `<delivery-tracker>`: parcel tracking from the tracker.delivery API.
//!
//! The pure parts (API models, status mapping, links, error classification, date grouping,
//! strings) build and test on the host; `browser` is the thin wasm layer on top.

pub mod api;
mod contract_types;
pub mod event_detail;
pub mod i18n;
pub mod link;
pub mod settings;
pub mod status;
pub mod text;
pub mod timeline;
pub mod track;

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub use browser::{mount, Tracker};
