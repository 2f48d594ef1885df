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
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("delivery-tracker-proxy: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("delivery-tracker-proxy: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let metrics = metrics::install()?;
    let state = Arc::new(app::AppState::new(&config, metrics)?);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    let address = listener
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
        "serving"
    );
    // Scripts and tests wait for this line to learn the port: flush it now.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{address}")
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write to stdout: {error}"))?;
    drop(stdout);

    let idle = Arc::clone(&state);
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            idle.limiter.forget_idle();
        }
    });
    let app = app::router(state, &config.allow_origins);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
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
