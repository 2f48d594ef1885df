//! The page origin: files under the root, and the demo's configuration.
//!
//! A file `NAME.headers` next to a served file `NAME` adds response headers to it (one
//! `Name: value` per line; blank lines and lines starting with `#` are skipped). Pages use it
//! for headers such as `Content-Security-Policy`. The `.headers` files themselves are not served.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tiny_http::{Header, Method, Request};

use crate::http::{self, Reply};

/// `config` is what `/__demo/config.json` answers: `{"apiBase", "proxyBase"}`.
pub fn handle(request: &mut Request, root: &Path, config: &Value) -> Reply {
    let reply = match request.method() {
        Method::Get | Method::Head => get(http::path_of(request.url()), root, config),
        _ => http::empty(405).with_header(http::header("Allow", "GET, HEAD")),
    };
    reply.with_header(http::header("Cache-Control", "no-store"))
}

fn get(path: &str, root: &Path, config: &Value) -> Reply {
    if path == "/__demo/config.json" {
        return http::json(200, config);
    }
    if path == SIGN_IN_PATH {
        // Where the fixture API's cross-origin redirect leads: an HTML page any origin may read.
        return http::reply(200, "text/html; charset=utf-8", SIGN_IN_PAGE)
            .with_header(http::header("Access-Control-Allow-Origin", "*"));
    }
    let Some(file) = resolve(root, path) else {
        return http::not_found_page();
    };
    if is_sidecar(&file) {
        return http::not_found_page();
    }
    match fs::read(&file) {
        Ok(body) => sidecar_headers(&file).into_iter().fold(
            http::reply(200, content_type(&file), body),
            |reply, header| reply.with_header(header),
        ),
        Err(_) => http::not_found_page(),
    }
}

/// The page the fixture API's redirect scenario sends to (on this, the page origin).
pub const SIGN_IN_PATH: &str = "/__demo/sign-in.html";

const SIGN_IN_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Sign in</title></head><body><h1>Sign in to continue</h1>\
<form method=\"post\"><input name=\"user\"><input name=\"password\" type=\"password\">\
<button>Sign in</button></form></body></html>\n";

fn is_sidecar(file: &Path) -> bool {
    file.extension()
        .is_some_and(|extension| extension == "headers")
}

/// The headers of `FILE.headers`, when it exists; lines that are not `Name: value` with ASCII
/// text are skipped.
fn sidecar_headers(file: &Path) -> Vec<Header> {
    let mut sidecar = OsString::from(file.as_os_str());
    sidecar.push(".headers");
    let Ok(text) = fs::read_to_string(sidecar) else {
        return Vec::new();
    };
    parse_headers(&text)
}

fn parse_headers(text: &str) -> Vec<Header> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            let name = name.trim();
            let valid_name = !name.is_empty()
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-');
            valid_name.then_some(())?;
            Header::from_bytes(name, value.trim()).ok()
        })
        .collect()
}

/// Maps a URL path to a file under `root`; `None` when a segment would leave the root.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut file = root.to_path_buf();
    for segment in url_path.strip_prefix('/')?.split('/') {
        let segment = http::percent_decode(segment);
        if segment == ".." || segment.contains(['/', '\\', '\0']) {
            return None;
        }
        if !segment.is_empty() && segment != "." {
            file.push(segment);
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt" | "md" | "ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_stays_under_the_root() {
        let root = Path::new("/srv/site");
        assert_eq!(
            resolve(root, "/www/index.js"),
            Some(root.join("www/index.js"))
        );
        assert_eq!(resolve(root, "/a/./b.js"), Some(root.join("a/b.js")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/a%2f..%2f..%2fetc"), None);
        assert_eq!(resolve(root, "/a%5c..%5cb"), None);
        assert_eq!(resolve(root, "relative"), None);
    }

    #[test]
    fn sidecar_header_lines() {
        let headers = parse_headers(
            "# a comment\n\nContent-Security-Policy: script-src 'self'; style-src 'self'\n\
             no colon here\n: no name\nBad Name: x\nX-Frame-Options:DENY\n",
        );
        let pairs: Vec<(String, String)> = headers
            .iter()
            .map(|h| (h.field.to_string(), h.value.to_string()))
            .collect();
        assert_eq!(
            pairs,
            [
                (
                    "Content-Security-Policy".to_owned(),
                    "script-src 'self'; style-src 'self'".to_owned()
                ),
                ("X-Frame-Options".to_owned(), "DENY".to_owned()),
            ]
        );
        assert!(is_sidecar(Path::new("/srv/site/csp.html.headers")));
        assert!(!is_sidecar(Path::new("/srv/site/csp.html")));
    }
}
