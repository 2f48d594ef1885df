//! Small HTTP helpers shared by the page origin and the API origin.

use std::io::Cursor;

use serde_json::Value;
use tiny_http::{Header, Request, Response};

pub type Reply = Response<Cursor<Vec<u8>>>;

const NOT_FOUND_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Not Found</title></head><body><h1>Not Found</h1></body></html>\n";

pub fn reply(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        // Always a Content-Length: tiny_http would switch large bodies to chunked encoding.
        .with_chunked_threshold(usize::MAX)
}

pub fn json(status: u16, body: &Value) -> Reply {
    reply(status, "application/json", body.to_string())
}

pub fn empty(status: u16) -> Reply {
    Response::from_data(Vec::new()).with_status_code(status)
}

pub fn not_found_page() -> Reply {
    reply(404, "text/html; charset=utf-8", NOT_FOUND_PAGE)
}

/// Builds a header from ASCII literals and numbers.
pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("header names and values are ASCII")
}

pub fn header_value<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|header| header.field.equiv(name))
        .map(|header| header.value.as_str())
}

/// The path of a request target, without its query.
pub fn path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// Decodes `%XX` escapes; bytes that do not form UTF-8 become U+FFFD.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |byte: u8| char::from(byte).to_digit(16);
        let escaped = match bytes.get(i..i + 3) {
            Some(&[b'%', high, low]) => hex(high).zip(hex(low)).map(|(h, l)| (h << 4 | l) as u8),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decode_handles_escapes_and_stray_percents() {
        assert_eq!(percent_decode("kr.cjlogistics"), "kr.cjlogistics");
        assert_eq!(percent_decode("%2e%2E%2f"), "../");
        assert_eq!(percent_decode("%ED%95%9C"), "한");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%+1%zz"), "%+1%zz");
    }

    #[test]
    fn path_of_drops_the_query() {
        assert_eq!(path_of("/carriers?lang=ko"), "/carriers");
        assert_eq!(path_of("/"), "/");
    }
}
