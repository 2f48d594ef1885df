//! Browser capabilities as reactive values owned by the element, one a file, built as leptos-use
//! builds `use_interval_fn` and `use_document_visibility`: each registers its cleanup with the
//! current owner, so nothing outlives the element that made it.

mod interval;
mod visibility;

pub use interval::{use_interval_fn, Interval};
pub use visibility::use_document_visibility;
