//! `delivery-tracker-proxy`: the shop's tracking proxy for `<delivery-tracker>`.

mod access_log;
mod app;
mod cache;
mod coalesce;
mod config;
mod fetch;
mod graphql;
mod health;
mod http_cache;
mod metrics;
mod rate_limit;
mod routes;
mod shared_store;
mod stale;
mod upstream;
mod v1;
mod validate;

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

use crate::config::{Args, Config};

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DT_PROXY_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let config = match Config::from_args(args, std::env::var("TRACKQL_API_KEY").ok()) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("delivery-tracker-proxy: {message}");
            return ExitCode::from(2);
        }
    };
    match serve(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("delivery-tracker-proxy: {message}");
            ExitCode::FAILURE
        }
    }
}

/// One single-threaded runtime a core, each accepting on its own `SO_REUSEPORT` socket of the
/// same address (the kernel spreads the connections between them), as nginx runs a worker a
/// core: a request is served start to end on one thread, with no work stealing or wake-ups
/// across threads. The cache, the upstream client and the limits are shared.
fn serve(config: Config) -> Result<(), String> {
    let metrics = metrics::install()?;
    let state = Arc::new(app::AppState::new(&config, metrics)?);
    let app = app::router(Arc::clone(&state), &config.allow_origins);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let runtime = single_thread_runtime()?;
    let first = runtime.block_on(async { listener(config.listen) })?;
    let address = first
        .local_addr()
        .map_err(|error| format!("cannot read the listening address: {error}"))?;
    if config.api_key.is_none() {
        tracing::warn!(
            "no API key (TRACKQL_API_KEY or --api-key-file): upstream requests carry none"
        );
    }
    tracing::info!(
        upstream = %config.upstream,
        redis = config.redis.is_some(),
        rate_limit = config.rate_limit,
        workers,
        "serving"
    );
    // Scripts and tests wait for this line to learn the port: flush it now.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{address}")
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write to stdout: {error}"))?;
    drop(stdout);

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let others: Vec<_> = (1..workers)
        .map(|_| {
            let app = app.clone();
            let mut stopped = stopped.clone();
            std::thread::spawn(move || {
                single_thread_runtime()?.block_on(async move {
                    let stop = async move {
                        let _ = stopped.changed().await;
                    };
                    serve_on(listener(address)?, app, stop).await
                })
            })
        })
        .collect();
    let served = runtime.block_on(async move {
        let idle = Arc::clone(&state);
        tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                idle.limiter.forget_idle();
            }
        });
        let stop = async move {
            shutdown_signal().await;
            let _ = stop.send(true);
        };
        serve_on(first, app, stop).await
    });
    for other in others {
        other
            .join()
            .map_err(|_| "a worker thread panicked".to_owned())??;
    }
    served
}

fn single_thread_runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the runtime: {error}"))
}

/// A listening socket that other workers may bind too (`SO_REUSEPORT`).
fn listener(address: SocketAddr) -> Result<tokio::net::TcpListener, String> {
    let socket = match address {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4(),
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6(),
    };
    socket
        .and_then(|socket| {
            socket.set_reuseaddr(true)?;
            socket.set_reuseport(true)?;
            socket.bind(address)?;
            socket.listen(1024)
        })
        .map_err(|error| format!("cannot listen on {address}: {error}"))
}

async fn serve_on(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    use axum::serve::ListenerExt;
    // Answers go out as soon as they are written.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
    .map_err(|error| format!("server error: {error}"))
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}
