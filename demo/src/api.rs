//! The fixture API origin: CORS, the four API bases (cloud, self-hosted, keyed, hostile) and
//! routing to the v1 REST and v2 GraphQL handlers.

use tiny_http::{Method, Request};

use crate::http::{self, Reply};
use crate::request_log::{self, CacheHeaders, KEYED_AUTHORIZATION};
use crate::scenarios::Catalog;
use crate::{v1, v2};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Cloud,
    SelfHosted,
    Keyed,
    /// The cloud with HTML and script payloads in every carrier's name and phone number.
    Hostile,
}

pub fn handle(request: &mut Request) -> Reply {
    route(request).with_header(http::header("Access-Control-Allow-Origin", "*"))
}

fn route(request: &mut Request) -> Reply {
    let path = http::path_of(request.url()).to_owned();
    if path == "/__requests" {
        return http::json(200, &request_log::snapshot());
    }
    let mut body = String::new();
    let body_read = request.as_reader().read_to_string(&mut body).is_ok();
    request_log::record(
        request.method().as_str(),
        request.url(),
        http::header_value(request, "Authorization"),
        CacheHeaders {
            cache_control: http::header_value(request, "Cache-Control"),
            pragma: http::header_value(request, "Pragma"),
        },
        &body,
    );
    let (base, rest) = split_base(&path);
    let catalog = match base {
        Base::Hostile => Catalog::Hostile,
        Base::SelfHosted => Catalog::SelfHosted,
        Base::Cloud | Base::Keyed => Catalog::Fixture,
    };
    let authorized = base != Base::Keyed
        || http::header_value(request, "Authorization") == Some(KEYED_AUTHORIZATION);
    match request.method() {
        Method::Options => http::empty(204)
            .with_header(http::header(
                "Access-Control-Allow-Methods",
                "GET, POST, OPTIONS",
            ))
            .with_header(http::header(
                "Access-Control-Allow-Headers",
                "Authorization, Content-Type",
            ))
            .with_header(http::header("Access-Control-Max-Age", "600")),
        // The open-source v2 server (Apollo) refuses what a browser can send without a
        // preflight, a GET included, as a possible cross-site request forgery.
        Method::Get | Method::Head if base == Base::SelfHosted => v2::csrf_refused(),
        Method::Post
            if base == Base::SelfHosted
                && !http::header_value(request, "Content-Type")
                    .is_some_and(|value| value.starts_with("application/json")) =>
        {
            v2::csrf_refused()
        }
        Method::Post if rest == "/graphql" => {
            if !authorized {
                return v2::unauthenticated();
            }
            let self_hosted = base == Base::SelfHosted;
            if body_read {
                v2::handle(&body, self_hosted, catalog)
            } else {
                v2::syntax_error(self_hosted)
            }
        }
        Method::Get | Method::Head => {
            if authorized {
                v1::handle(rest, catalog)
            } else {
                v1::unauthorized()
            }
        }
        _ => http::not_found_page(),
    }
}

/// Splits `/self-hosted/…`, `/keyed/…` and `/hostile/…` into their base and the path below it.
fn split_base(path: &str) -> (Base, &str) {
    let below = |prefix| {
        path.strip_prefix(prefix)
            .filter(|rest: &&str| rest.starts_with('/'))
    };
    if let Some(rest) = below("/self-hosted") {
        (Base::SelfHosted, rest)
    } else if let Some(rest) = below("/keyed") {
        (Base::Keyed, rest)
    } else if let Some(rest) = below("/hostile") {
        (Base::Hostile, rest)
    } else {
        (Base::Cloud, path)
    }
}
