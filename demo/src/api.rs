//! The fixture API origin: CORS, the four API bases (cloud, self-hosted, keyed, hostile) and
//! routing to the v1 REST and v2 GraphQL handlers.

use tiny_http::{Method, Request};

use crate::http::{self, Reply};
use crate::request_log::{self, KEYED_AUTHORIZATION};
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
        &body,
    );
    let (base, rest) = split_base(&path);
    let catalog = if base == Base::Hostile {
        Catalog::Hostile
    } else {
        Catalog::Fixture
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
        Method::Post if rest == "/graphql" => {
            if !authorized {
                return v2::unauthenticated();
            }
            if body_read {
                v2::handle(&body, base == Base::SelfHosted, catalog)
            } else {
                v2::syntax_error()
            }
        }
        Method::Get | Method::Head if base != Base::SelfHosted => {
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
