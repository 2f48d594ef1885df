//! Writes the element's stylesheet without its comments and indentation into `OUT_DIR`, where
//! `src/browser/styles.rs` includes it: the readable `styles.css` costs the wasm no bytes for
//! its comments (about 0.5 KB brotli). Only what is safe in any CSS is removed: comments, the
//! whitespace at line ends and around `{`, and the line breaks after `{`, `}`, `;` and `,`
//! (strings never span lines in this file, and spaces inside a line are kept).

use std::{env, fs, path::Path};

const SOURCE: &str = "src/browser/styles.css";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    let css = fs::read_to_string(SOURCE).expect("src/browser/styles.css is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("styles.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}

fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    for line in strip_comments(css)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        let joins_tightly = out.ends_with(['{', '}', ';', ',']) || line.starts_with('}');
        if !out.is_empty() && !joins_tightly {
            out.push(' ');
        }
        if line.starts_with('{') {
            out.truncate(out.trim_end().len());
        }
        out.push_str(line);
    }
    out.replace(" {", "{")
        .replace("{ ", "{")
        .replace("; }", "}")
        .replace(";}", "}")
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}
