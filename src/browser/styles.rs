//! The element's styles, shared by every element through one constructable stylesheet, so
//! pages with a strict Content-Security-Policy (no inline styles) work.

use js_sys::Array;
use web_sys::{CssStyleSheet, ShadowRoot};

// build.rs writes `styles.css` without its comments and indentation.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/styles.css"));

thread_local! {
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(CSS).is_ok());
}

pub fn adopt(shadow: &ShadowRoot) {
    SHEET.with(|sheet| {
        if let Some(sheet) = sheet {
            shadow.set_adopted_style_sheets(&Array::of1(sheet));
        }
    });
}
