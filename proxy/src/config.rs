//! The command line (every flag also read from the environment) and the API key.

use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;

/// The shop's tracking proxy for `<delivery-tracker>`: holds the tracker.delivery API key,
/// serves the v1 REST API on top of v2 and the widget's own v2 queries, caches and shares
/// answers.
///
/// The key is read from the environment variable TRACKQL_API_KEY or from --api-key-file, never
/// from a flag (flags show in `ps`).
#[derive(Debug, Parser)]
#[command(name = "delivery-tracker-proxy", version)]
pub struct Args {
    /// Where to serve.
    #[arg(long, env = "DT_PROXY_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// A v2 GraphQL API at {upstream}/graphql: the cloud or a self-hosted server.
    #[arg(
        long,
        env = "DT_PROXY_UPSTREAM",
        default_value = "https://apis.tracker.delivery"
    )]
    pub upstream: String,

    /// A file holding CLIENT_ID:CLIENT_SECRET, readable by its owner only.
    #[arg(long, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,

    /// An origin that gets CORS headers (repeatable; `*` for any). None: same-origin use only.
    #[arg(
        long = "allow-origin",
        value_name = "ORIGIN",
        env = "DT_PROXY_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,

    /// A Redis server that shares the cache and the rate-limit counters between instances.
    #[arg(long, env = "DT_PROXY_REDIS", value_name = "URL")]
    pub redis: Option<String>,

    /// Track requests per minute per client address (with a burst of as many); 0: no limit.
    #[arg(long, env = "DT_PROXY_RATE_LIMIT", default_value_t = 60)]
    pub rate_limit: u32,

    /// Read the client address from X-Forwarded-For (its last entry: the address the load
    /// balancer saw). Only behind a load balancer that sets it.
    #[arg(long, env = "DT_PROXY_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Seconds an answer for a parcel not yet delivered stays fresh.
    #[arg(long, env = "DT_PROXY_CACHE_TTL", default_value_t = 120)]
    pub cache_ttl: u64,

    /// Seconds an answer for a delivered parcel stays fresh.
    #[arg(long, env = "DT_PROXY_CACHE_TTL_DELIVERED", default_value_t = 86_400)]
    pub cache_ttl_delivered: u64,

    /// Seconds past freshness an answer may still be served when upstream fails.
    #[arg(long, env = "DT_PROXY_STALE_FOR", default_value_t = 86_400)]
    pub stale_for: u64,

    /// Seconds one upstream request may take.
    #[arg(long, env = "DT_PROXY_UPSTREAM_TIMEOUT", default_value_t = 15)]
    pub upstream_timeout: u64,

    /// Upstream calls per second from this instance (the cloud allows 10 per project: divide
    /// it between instances).
    #[arg(long, env = "DT_PROXY_UPSTREAM_RATE", default_value_t = 10)]
    pub upstream_rate: u32,

    /// The most memory, in MiB, the in-process cache may hold.
    #[arg(long, env = "DT_PROXY_CACHE_MB", default_value_t = 256)]
    pub cache_mb: u64,
}

/// What the server runs with, checked.
pub struct Config {
    pub listen: SocketAddr,
    /// Without a trailing slash.
    pub upstream: String,
    pub api_key: Option<ApiKey>,
    pub allow_origins: AllowOrigins,
    pub redis: Option<String>,
    pub rate_limit: u32,
    pub trust_forwarded_for: bool,
    pub ttl: crate::cache::Ttl,
    pub upstream_timeout: Duration,
    pub upstream_rate: u32,
    pub cache_bytes: u64,
}

/// Who gets CORS headers.
#[derive(Clone, Debug, PartialEq)]
pub enum AllowOrigins {
    /// No CORS headers: same-origin use only.
    None,
    Any,
    List(Vec<String>),
}

/// `CLIENT_ID:CLIENT_SECRET`. Its `Debug` shows no part of it, so it cannot reach a log.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    /// The `Authorization` header value sent upstream.
    pub fn authorization(&self) -> String {
        format!("TRACKQL-API-KEY {}", self.0)
    }

    fn parse(text: &str, source: &str) -> Result<ApiKey, String> {
        let key = text.trim_end();
        let well_formed = key
            .split_once(':')
            .is_some_and(|(id, secret)| !id.is_empty() && !secret.is_empty())
            && key.bytes().all(|b| b.is_ascii_graphic());
        if well_formed {
            Ok(ApiKey(key.to_owned()))
        } else {
            Err(format!(
                "{source}: the API key must be CLIENT_ID:CLIENT_SECRET (printable ASCII, no spaces)"
            ))
        }
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

impl Config {
    /// Checks the arguments; `env_key` is TRACKQL_API_KEY.
    pub fn from_args(args: Args, env_key: Option<String>) -> Result<Config, String> {
        let upstream = args.upstream.trim_end_matches('/').to_owned();
        if !(upstream.starts_with("http://") || upstream.starts_with("https://")) {
            return Err(format!(
                "--upstream {upstream}: an http:// or https:// URL is needed"
            ));
        }
        let api_key = match (env_key.filter(|k| !k.trim().is_empty()), &args.api_key_file) {
            (Some(_), Some(_)) => {
                return Err("give the API key once: TRACKQL_API_KEY or --api-key-file".into())
            }
            (Some(key), None) => Some(ApiKey::parse(&key, "TRACKQL_API_KEY")?),
            (None, Some(path)) => Some(read_key_file(path)?),
            (None, None) => None,
        };
        if args.cache_ttl == 0 || args.cache_ttl_delivered == 0 {
            return Err("--cache-ttl and --cache-ttl-delivered must be at least 1 second".into());
        }
        if args.upstream_timeout == 0 || args.upstream_rate == 0 {
            return Err("--upstream-timeout and --upstream-rate must be at least 1".into());
        }
        Ok(Config {
            listen: args.listen,
            upstream,
            api_key,
            allow_origins: allow_origins(&args.allow_origins)?,
            redis: args.redis.filter(|url| !url.trim().is_empty()),
            rate_limit: args.rate_limit,
            trust_forwarded_for: args.trust_forwarded_for,
            ttl: crate::cache::Ttl {
                in_transit: Duration::from_secs(args.cache_ttl),
                delivered: Duration::from_secs(args.cache_ttl_delivered),
                stale_for: Duration::from_secs(args.stale_for),
            },
            upstream_timeout: Duration::from_secs(args.upstream_timeout),
            upstream_rate: args.upstream_rate,
            cache_bytes: args.cache_mb.saturating_mul(1 << 20),
        })
    }
}

fn allow_origins(values: &[String]) -> Result<AllowOrigins, String> {
    let origins: Vec<String> = values
        .iter()
        .map(|origin| origin.trim().trim_end_matches('/').to_owned())
        .filter(|origin| !origin.is_empty())
        .collect();
    if origins.is_empty() {
        return Ok(AllowOrigins::None);
    }
    if origins.iter().any(|origin| origin == "*") {
        return Ok(AllowOrigins::Any);
    }
    for origin in &origins {
        let scheme_ok = origin.starts_with("http://") || origin.starts_with("https://");
        let host = origin.split_once("://").map_or("", |(_, host)| host);
        if !scheme_ok || host.is_empty() || host.contains('/') {
            return Err(format!(
                "--allow-origin {origin}: an origin is scheme://host[:port], e.g. https://shop.example"
            ));
        }
    }
    Ok(AllowOrigins::List(origins))
}

/// Reads a key file, refusing one that others than its owner can read.
fn read_key_file(path: &Path) -> Result<ApiKey, String> {
    let shown = path.display();
    let metadata =
        fs::metadata(path).map_err(|error| format!("--api-key-file {shown}: {error}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "--api-key-file {shown}: others than its owner can access it (mode {mode:03o}); \
                 run chmod 600 on it"
            ));
        }
    }
    let text =
        fs::read_to_string(path).map_err(|error| format!("--api-key-file {shown}: {error}"))?;
    ApiKey::parse(&text, &format!("--api-key-file {shown}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        let mut argv = vec!["delivery-tracker-proxy"];
        argv.extend_from_slice(extra);
        Args::try_parse_from(argv).unwrap()
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = Config::from_args(args(&[]), None).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8787");
        assert_eq!(config.upstream, "https://apis.tracker.delivery");
        assert!(config.api_key.is_none());
        assert_eq!(config.allow_origins, AllowOrigins::None);
        assert_eq!(config.rate_limit, 60);
        assert_eq!(config.ttl.in_transit, Duration::from_secs(120));
        assert_eq!(config.ttl.delivered, Duration::from_secs(86_400));
        assert_eq!(config.ttl.stale_for, Duration::from_secs(86_400));
        assert_eq!(config.upstream_timeout, Duration::from_secs(15));
    }

    #[test]
    fn origins_are_a_list_or_any_only_when_asked() {
        let list = args(&[
            "--allow-origin",
            "https://shop.example/",
            "--allow-origin",
            "http://127.0.0.1:8080",
        ]);
        assert_eq!(
            Config::from_args(list, None).unwrap().allow_origins,
            AllowOrigins::List(vec![
                "https://shop.example".into(),
                "http://127.0.0.1:8080".into()
            ])
        );
        let any = args(&["--allow-origin", "*"]);
        assert_eq!(
            Config::from_args(any, None).unwrap().allow_origins,
            AllowOrigins::Any
        );
        let bad = args(&["--allow-origin", "shop.example"]);
        assert_eq!(
            Config::from_args(bad, None).err().unwrap(),
            "--allow-origin shop.example: an origin is scheme://host[:port], e.g. https://shop.example"
        );
    }

    #[test]
    fn the_key_comes_from_the_environment_and_never_shows() {
        let config = Config::from_args(args(&[]), Some("id:secret\n".into())).unwrap();
        let key = config.api_key.unwrap();
        assert_eq!(key.authorization(), "TRACKQL-API-KEY id:secret");
        assert_eq!(format!("{key:?}"), "ApiKey(…)");
        assert_eq!(
            Config::from_args(args(&[]), Some("no-colon".into()))
                .err()
                .unwrap(),
            "TRACKQL_API_KEY: the API key must be CLIENT_ID:CLIENT_SECRET (printable ASCII, no spaces)"
        );
    }

    #[test]
    fn a_key_file_is_trimmed_and_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("dtp-key-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("key");
        fs::write(&file, "id:secret \n\n").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        let path = file.to_str().unwrap();
        let key = Config::from_args(args(&["--api-key-file", path]), None)
            .unwrap()
            .api_key
            .unwrap();
        assert_eq!(key.authorization(), "TRACKQL-API-KEY id:secret");

        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
        let refused = Config::from_args(args(&["--api-key-file", path]), None)
            .err()
            .unwrap();
        assert_eq!(
            refused,
            format!(
                "--api-key-file {path}: others than its owner can access it (mode 644); run chmod 600 on it"
            )
        );
        let both = Config::from_args(args(&["--api-key-file", path]), Some("a:b".into()));
        assert_eq!(
            both.err().unwrap(),
            "give the API key once: TRACKQL_API_KEY or --api-key-file"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
