//! Small HTTP helpers shared by the page origin and the API origin.

use std::io::{self, Cursor, Read, Write};
use std::thread;
use std::time::Duration;

use serde_json::Value;
use tiny_http::{Header, Method, Request, Response, StatusCode};

pub type Reply = Response<Body>;

/// The body of an answer: bytes sent at once, or a body that trickles.
pub enum Body {
    Bytes(Cursor<Vec<u8>>),
    Trickle(Trickle),
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Body::Bytes(bytes) => bytes.read(buf),
            // Only `respond` sends a trickle (slowly); read directly, it is just its bytes.
            Body::Trickle(trickle) => trickle.bytes.read(buf),
        }
    }
}

/// A body sent in chunks: `first` bytes at once, then one byte every `interval`, then the end.
/// Bounded: at most `MAX_TRICKLE_BYTES` slow bytes, so it always stops by itself.
pub struct Trickle {
    bytes: Cursor<Vec<u8>>,
    first: usize,
    interval: Duration,
}

/// The most bytes a trickle sends one at a time.
pub const MAX_TRICKLE_BYTES: usize = 40;

impl Trickle {
    /// Sends the first `first` bytes of `body` at once, then at most `MAX_TRICKLE_BYTES` more,
    /// one every `interval`; the rest of `body` is never sent.
    pub fn new(body: &[u8], first: usize, interval: Duration) -> Trickle {
        let end = body.len().min(first + MAX_TRICKLE_BYTES);
        Trickle {
            bytes: Cursor::new(body[..end].to_vec()),
            first: first.min(end),
            interval,
        }
    }
}

const NOT_FOUND_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Not Found</title></head><body><h1>Not Found</h1></body></html>\n";

pub fn reply(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    bytes(status, body.into()).with_header(header("Content-Type", content_type))
}

pub fn json(status: u16, body: &Value) -> Reply {
    reply(status, "application/json", body.to_string())
}

pub fn empty(status: u16) -> Reply {
    bytes(status, Vec::new())
}

/// Always a Content-Length: tiny_http would switch large bodies to chunked encoding.
fn bytes(status: u16, body: Vec<u8>) -> Reply {
    let length = body.len();
    Response::new(
        StatusCode(status),
        Vec::new(),
        Body::Bytes(Cursor::new(body)),
        Some(length),
        None,
    )
    .with_chunked_threshold(usize::MAX)
}

/// A 200 whose body trickles (see `Trickle`), chunked.
pub fn trickle(content_type: &str, trickle: Trickle) -> Reply {
    Response::new(
        StatusCode(200),
        vec![header("Content-Type", content_type)],
        Body::Trickle(trickle),
        None,
        None,
    )
}

pub fn not_found_page() -> Reply {
    reply(404, "text/html; charset=utf-8", NOT_FOUND_PAGE)
}

/// Sends `reply`, written by hand: a trickling body flushes every chunk and stops early when
/// the client goes away.
///
/// Every answer says `Connection: close` (which tiny_http refuses to send itself). tiny_http
/// serves each connection as a task of its thread pool for as long as the connection lives, and
/// the pool can lose a wake-up when several connections open at once (a page starting many
/// requests): the connection left queued then waits until another one closes, which with
/// keep-alive took as long as the page's timeout. Closed connections end their tasks at once.
pub fn respond(request: Request, reply: Reply) -> io::Result<()> {
    let status = reply.status_code().0;
    let headers = reply.headers().to_vec();
    let head_only = *request.method() == Method::Head;
    let bodiless = matches!(status, 100..=199 | 204 | 304);
    let mut writer = request.into_writer();
    match reply.into_reader() {
        Body::Trickle(trickle) if !head_only && !bodiless => {
            write_head(&mut writer, status, &headers, Framing::Chunked)?;
            send_trickle(writer, trickle)
        }
        body => {
            let bytes = match body {
                Body::Bytes(bytes) => bytes.into_inner(),
                Body::Trickle(trickle) => trickle.bytes.into_inner(),
            };
            let framing = if bodiless {
                Framing::None
            } else {
                Framing::Length(bytes.len())
            };
            write_head(&mut writer, status, &headers, framing)?;
            if !head_only && !bodiless {
                writer.write_all(&bytes)?;
            }
            writer.flush()
        }
    }
}

/// How the body after the head is delimited.
enum Framing {
    /// No body at all (1xx, 204, 304).
    None,
    Length(usize),
    Chunked,
}

fn write_head(
    writer: &mut impl Write,
    status: u16,
    headers: &[Header],
    framing: Framing,
) -> io::Result<()> {
    let reason = StatusCode(status).default_reason_phrase();
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for header in headers {
        head += &format!("{}: {}\r\n", header.field, header.value);
    }
    match framing {
        Framing::None => {}
        Framing::Length(length) => head += &format!("Content-Length: {length}\r\n"),
        Framing::Chunked => head += "Transfer-Encoding: chunked\r\n",
    }
    head += "Connection: close\r\n\r\n";
    writer.write_all(head.as_bytes())
}

fn send_trickle(mut writer: impl Write, trickle: Trickle) -> io::Result<()> {
    let bytes = trickle.bytes.into_inner();
    let (first, rest) = bytes.split_at(trickle.first);
    let chunk = |writer: &mut dyn Write, data: &[u8]| -> io::Result<()> {
        write!(writer, "{:x}\r\n", data.len())?;
        writer.write_all(data)?;
        writer.write_all(b"\r\n")?;
        writer.flush()
    };
    if !first.is_empty() {
        chunk(&mut writer, first)?;
    }
    for byte in rest {
        thread::sleep(trickle.interval);
        chunk(&mut writer, std::slice::from_ref(byte))?;
    }
    writer.write_all(b"0\r\n\r\n")?;
    writer.flush()
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
    fn a_trickle_is_bounded_and_chunked() {
        let trickle = Trickle::new(&[b'x'; 1000], 16, Duration::from_millis(1));
        assert_eq!(trickle.bytes.get_ref().len(), 16 + MAX_TRICKLE_BYTES);
        let mut out = Vec::new();
        send_trickle(&mut out, trickle).unwrap();
        assert!(out.starts_with(b"10\r\nxxxxxxxxxxxxxxxx\r\n1\r\nx\r\n"));
        assert!(out.ends_with(b"1\r\nx\r\n0\r\n\r\n"));
        assert_eq!(out.len(), (4 + 16 + 2) + 40 * (3 + 1 + 2) + 5);
        let short = Trickle::new(b"abc", 16, Duration::from_millis(1));
        assert_eq!((short.first, short.bytes.get_ref().len()), (3, 3));
    }

    #[test]
    fn path_of_drops_the_query() {
        assert_eq!(path_of("/carriers?lang=ko"), "/carriers");
        assert_eq!(path_of("/"), "/");
    }
}
