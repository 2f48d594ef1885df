//! What the integration tests share: the demo binary started on free ports, and a small HTTP/1.1
//! client over a raw TCP stream (chunked bodies decoded). Each test file uses a part of it.
#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

pub use delivery_tracker_widget::api::v2::{CARRIERS_QUERY, TRACK_QUERY};

/// The header a GraphQL POST carries.
pub const JSON_CONTENT_TYPE: [(&str, &str); 1] = [("Content-Type", "application/json")];

/// The demo binary, serving a root on a free page port and the fixture API on a free API port;
/// killed when dropped.
pub struct Demo {
    child: Child,
    pub page_port: u16,
    pub api_port: u16,
}

impl Demo {
    pub fn start(root: &Path) -> Demo {
        Demo::start_with(root, &[])
    }

    pub fn start_with(root: &Path, args: &[&str]) -> Demo {
        let mut child = Command::new(env!("CARGO_BIN_EXE_delivery-tracker-demo"))
            .arg("--root")
            .arg(root)
            .args(["--page-port", "0", "--api-port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the demo binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut port_after = |prefix: &str| -> u16 {
            let line = lines.next().unwrap().unwrap();
            let port = line
                .strip_prefix(prefix)
                .unwrap_or_else(|| panic!("{line:?}"));
            port.trim_end_matches('/').parse().unwrap()
        };
        let page_port = port_after("page: http://127.0.0.1:");
        let api_port = port_after("api: http://127.0.0.1:");
        Demo {
            child,
            page_port,
            api_port,
        }
    }

    pub fn with_repo_root() -> Demo {
        Demo::start(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap())
    }

    pub fn api_get(&self, path: &str) -> Answer {
        send(self.api_port, "GET", path, &[], "")
    }

    pub fn graphql(&self, path: &str, query: &str, variables: Value) -> Answer {
        let body = json!({"query": query, "variables": variables}).to_string();
        send(self.api_port, "POST", path, &JSON_CONTENT_TYPE, &body)
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Answer {
    pub status: u16,
    /// Names in lower case, values trimmed.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        self.body.clone()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| panic!("{error}: {}", self.body))
    }
}

/// Connects to 127.0.0.1:`port` and writes the request (`Connection: close`); returns the stream
/// to read the answer from.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request += &format!("{name}: {value}\r\n");
    }
    request += "\r\n";
    request += body;
    stream.write_all(request.as_bytes()).unwrap();
    stream
}

/// Reads the status line and headers (up to the blank line).
pub fn read_head(reader: &mut impl BufRead) -> (u16, Vec<(String, String)>) {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            return (status, headers);
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
}

/// Decodes a chunked body to its end.
pub fn read_chunked(reader: &mut impl BufRead) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk).unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

/// Sends one request and reads the whole answer (a chunked body decoded).
pub fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut reader = BufReader::new(request(port, method, path, headers, body));
    let (status, headers) = read_head(&mut reader);
    let answer = Answer {
        status,
        headers,
        body: String::new(),
    };
    let body = if answer.header("Transfer-Encoding") == Some("chunked") {
        read_chunked(&mut reader)
    } else {
        let mut body = Vec::new();
        reader.read_to_end(&mut body).unwrap();
        body
    };
    Answer {
        body: String::from_utf8(body).unwrap(),
        ..answer
    }
}

/// A fresh, empty directory in the temporary directory, named after the process and `name`.
pub fn site(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dt-demo-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}
