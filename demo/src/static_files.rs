//! The page origin: files under the root, and the demo's configuration.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;
use tiny_http::{Method, Request};

use crate::http::{self, Reply};

pub fn handle(request: &mut Request, root: &Path, api_port: u16) -> Reply {
    let reply = match request.method() {
        Method::Get | Method::Head => get(http::path_of(request.url()), root, api_port),
        _ => http::empty(405).with_header(http::header("Allow", "GET, HEAD")),
    };
    reply.with_header(http::header("Cache-Control", "no-store"))
}

fn get(path: &str, root: &Path, api_port: u16) -> Reply {
    if path == "/__demo/config.json" {
        return http::json(
            200,
            &json!({"apiBase": format!("http://127.0.0.1:{api_port}")}),
        );
    }
    let Some(file) = resolve(root, path) else {
        return http::not_found_page();
    };
    match fs::read(&file) {
        Ok(body) => http::reply(200, content_type(&file), body),
        Err(_) => http::not_found_page(),
    }
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
}
