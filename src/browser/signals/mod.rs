//! Browser capabilities owned by the element, built as leptos-use builds `use_interval_fn`: it
//! registers its cleanup with the current owner, so nothing outlives the element that made it.

mod interval;

pub use interval::{use_interval_fn, Interval};
