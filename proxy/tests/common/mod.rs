//! The real binaries on free loopback ports: the fixture API (the demo server) as upstream, the
//! proxy in front of it, and a real Redis server where a test needs one.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

pub const DEMO_KEY: &str = "demo-client:demo-secret";

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_delivery-tracker-proxy"))
        .parent()
        .unwrap()
        .to_owned()
}

/// The demo server's binary, built once if this test run did not build it.
fn demo_binary() -> PathBuf {
    static BUILT: Mutex<()> = Mutex::new(());
    let _guard = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    let binary = target_dir().join("delivery-tracker-demo");
    if !binary.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "-p", "delivery-tracker-demo"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the demo server builds");
    }
    binary
}

/// Reads `prefix…` from a child's stdout, then keeps draining it.
fn first_line_after(child: &mut Child, prefix: &str) -> String {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let found = loop {
        let line = lines
            .next()
            .expect("the child printed its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix(prefix) {
            break rest.trim().to_owned();
        }
    };
    thread::spawn(move || for _ in lines {});
    found
}

/// The fixture API, killed when dropped.
pub struct Fixture {
    child: Child,
    pub api: String,
}

impl Fixture {
    pub fn start() -> Fixture {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let mut child = Command::new(demo_binary())
            .arg("--root")
            .arg(root)
            .args(["--page-port", "0", "--api-port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the demo server starts");
        let api = first_line_after(&mut child, "api: ");
        Fixture { child, api }
    }

    /// The requests the fixture API received whose URL or body contains `text`.
    pub async fn requests(&self, text: &str) -> Vec<Value> {
        let log: Value = reqwest::get(format!("{}/__requests", self.api))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        log["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["method"] != "OPTIONS"
                    && (r["url"].as_str().unwrap().contains(text)
                        || r["body"].as_str().unwrap().contains(text))
            })
            .cloned()
            .collect()
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The proxy, killed when dropped; everything it logs is kept.
pub struct Proxy {
    child: Child,
    pub url: String,
    log: Arc<Mutex<String>>,
}

impl Proxy {
    /// Starts the proxy with `args` (plus `--listen 127.0.0.1:0`) and `env`.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Proxy {
        let mut command = Command::new(env!("CARGO_BIN_EXE_delivery-tracker-proxy"));
        command
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("TRACKQL_API_KEY")
            .env("DT_PROXY_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("the proxy starts");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let url = first_line_after(&mut child, "listening on ");
        Proxy { child, url, log }
    }

    /// The proxy in front of the fixture API's keyed base, with the demo key in the environment.
    pub fn keyed(fixture: &Fixture, args: &[&str]) -> Proxy {
        let upstream = format!("{}/keyed", fixture.api);
        let mut all = vec!["--upstream", upstream.as_str()];
        all.extend_from_slice(args);
        Proxy::start(&all, &[("TRACKQL_API_KEY", DEMO_KEY)])
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        client().get(format!("{}{path}", self.url))
    }

    pub fn graphql(&self, body: &Value) -> reqwest::RequestBuilder {
        client()
            .post(format!("{}/graphql", self.url))
            .header("Content-Type", "application/json")
            .body(body.to_string())
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A real Redis server on a free loopback port, with nothing saved to disk.
pub struct Redis {
    child: Option<Child>,
    pub port: u16,
}

impl Redis {
    pub fn start() -> Redis {
        let port = free_port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server is installed (Debian: apt-get install redis-server)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "redis-server starts"
            );
            thread::sleep(Duration::from_millis(20));
        }
        Redis {
            child: Some(child),
            port,
        }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The widget's v2 queries with variables, as the widget sends them.
pub fn track_query(carrier: &str, number: &str) -> Value {
    serde_json::json!({
        "query": delivery_tracker_widget::api::v2::TRACK_QUERY,
        "variables": {"carrierId": carrier, "trackingNumber": number, "before": null},
    })
}
