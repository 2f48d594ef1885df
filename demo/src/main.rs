//! The demo server: serves the demo page from one origin and a fixture tracker.delivery API
//! from another, both on 127.0.0.1, so the page exercises real cross-origin requests.

mod api;
mod fixtures;
mod hostile;
mod http;
mod request_log;
mod scenarios;
mod static_files;
mod v1;
mod v2;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::{env, fs, thread};

use tiny_http::{Request, Server};

use crate::http::Reply;

const USAGE: &str =
    "usage: delivery-tracker-demo [--root DIR] [--page-port N] [--api-port N] [--proxy-base URL]
  --root DIR        directory served on the page origin (default: .)
  --page-port N     port of the page origin (default: 8080; 0 picks a free port)
  --api-port N      port of the fixture API origin (default: 8081; 0 picks a free port)
  --proxy-base URL  a shop tracking proxy in front of the fixture API, shown on the demo page";

struct Options {
    root: PathBuf,
    page_port: u16,
    api_port: u16,
    proxy_base: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("delivery-tracker-demo: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("delivery-tracker-demo: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        root: PathBuf::from("."),
        page_port: 8080,
        api_port: 8081,
        proxy_base: None,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let port = || {
            value
                .parse::<u16>()
                .map_err(|_| format!("{flag}: not a port number: {value}"))
        };
        match flag.as_str() {
            "--root" => options.root = PathBuf::from(value),
            "--page-port" => options.page_port = port()?,
            "--api-port" => options.api_port = port()?,
            "--proxy-base" => options.proxy_base = Some(value.trim_end_matches('/').to_owned()),
            _ => return Err(format!("unknown argument: {flag}")),
        }
    }
    Ok(options)
}

fn run(options: Options) -> Result<(), String> {
    let root = fs::canonicalize(&options.root)
        .ok()
        .filter(|root| root.is_dir())
        .ok_or_else(|| format!("--root {}: not a directory", options.root.display()))?;
    let page = bind(options.page_port)?;
    let api = bind(options.api_port)?;
    let page_port = port_of(&page);
    let api_port = port_of(&api);

    // Scripts wait for these lines to learn the ports: flush them now.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "page: http://127.0.0.1:{page_port}/")
        .and_then(|()| writeln!(stdout, "api: http://127.0.0.1:{api_port}"))
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write to stdout: {error}"))?;
    drop(stdout);
    fixtures::set_page_origin(format!("http://127.0.0.1:{page_port}"));

    let config = serde_json::json!({
        "apiBase": format!("http://127.0.0.1:{api_port}"),
        "proxyBase": options.proxy_base,
    });
    thread::spawn(move || {
        serve(page, move |request| {
            static_files::handle(request, &root, &config)
        })
    });
    serve(api, api::handle);
    Ok(())
}

fn client_left(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset};
    matches!(
        error.kind(),
        BrokenPipe | ConnectionAborted | ConnectionReset
    )
}

fn bind(port: u16) -> Result<Server, String> {
    Server::http(("127.0.0.1", port))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))
}

fn port_of(server: &Server) -> u16 {
    server
        .server_addr()
        .to_ip()
        .expect("bound to an IP address")
        .port()
}

/// Answers each request on its own thread: the slow scenario must not hold up the others.
fn serve(server: Server, handler: impl Fn(&mut Request) -> Reply + Send + Sync + 'static) {
    let handler = Arc::new(handler);
    for mut request in server.incoming_requests() {
        let handler = Arc::clone(&handler);
        thread::spawn(move || {
            let reply = handler(&mut request);
            match http::respond(request, reply) {
                Ok(()) => {}
                // The page went away (an aborted fetch, a body read with a cap): not an error.
                Err(error) if client_left(&error) => {}
                Err(error) => eprintln!("delivery-tracker-demo: could not send an answer: {error}"),
            }
        });
    }
}
