//! The v1 REST API: `GET /carriers`, `/carriers/{id}`, `/carriers/{carrier}/tracks/{number}`.

use serde_json::{json, Value};

use crate::fixtures::Version;
use crate::hostile;
use crate::http::{self, Reply};
use crate::scenarios::{self, Catalog, Scenario};

pub fn handle(path: &str, catalog: Catalog) -> Reply {
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(http::percent_decode)
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    match segments.as_slice() {
        ["carriers"] => http::json(200, &Value::from(catalog.carriers().to_vec())),
        ["carriers", id] => match catalog.carrier(id) {
            Some(carrier) => http::json(200, carrier),
            None => unsupported_carrier(),
        },
        ["carriers", id, "tracks", number] => match catalog.carrier(id) {
            Some(carrier) => track(carrier, number),
            None => unsupported_carrier(),
        },
        _ => http::not_found_page(),
    }
}

pub fn unauthorized() -> Reply {
    message(401, "Unauthorized")
}

fn track(carrier: &Value, number: &str) -> Reply {
    match scenarios::lookup(carrier, number, Version::V1) {
        Scenario::Delivered => http::json(200, &scenarios::v1_delivered(carrier)),
        Scenario::Track(track) => http::json(200, &track),
        Scenario::NotFound | Scenario::NoTrack => message(404, scenarios::NOT_FOUND_MESSAGE),
        Scenario::NotFoundSaying(text) => message(404, &text),
        Scenario::InvalidNumber => message(400, scenarios::INVALID_NUMBER_MESSAGE),
        Scenario::CarrierDown => message(500, "Request failed with status code 503"),
        Scenario::Gateway(reply) => reply,
        Scenario::Truncated => http::reply(200, "application/json", r#"{"carrier":{"id":"kr.cj"#),
        Scenario::WrongTypes(kind) => http::json(200, &hostile::wrong_types(Version::V1, kind)),
        Scenario::Payloads => http::json(200, &hostile::payloads_v1()),
        Scenario::Stale => {
            let mut track = scenarios::v1_delivered(carrier);
            // A proxy's mark at the top level: served from its cache.
            track["stale"] = json!({"fetchedAt": scenarios::STALE_FETCHED_AT});
            http::json(200, &track)
        }
    }
}

fn unsupported_carrier() -> Reply {
    message(404, "not supported carrier")
}

fn message(status: u16, text: &str) -> Reply {
    http::json(status, &json!({ "message": text }))
}
