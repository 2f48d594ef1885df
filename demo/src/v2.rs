//! The v2 GraphQL API (`POST {base}/graphql`). It knows the widget's two queries, told apart by
//! cheap string inspection, and pages through the fixture parcels and the carriers list.

use serde_json::{json, Value};

use crate::fixtures::{self, Version};
use crate::hostile;
use crate::http::{self, Reply};
use crate::scenarios::{self, Catalog, Scenario};

/// The widget asks for `last: 20` events and `first: 20` carriers.
const PAGE_SIZE: usize = 20;

pub fn handle(body: &str, self_hosted: bool, catalog: Catalog) -> Reply {
    let Ok(request) = serde_json::from_str::<Value>(body) else {
        return syntax_error(self_hosted);
    };
    let query = request["query"].as_str().unwrap_or_default();
    let variable = |name: &str| request["variables"][name].as_str();
    if query.contains("track(") {
        track(
            variable("carrierId").unwrap_or_default(),
            variable("trackingNumber").unwrap_or_default(),
            variable("before"),
            self_hosted,
            catalog,
        )
    } else if query.contains("carriers(") || query.contains("carriers {") {
        // The only `name` a carriers query can select is `Carrier.name`.
        let size = if self_hosted {
            match connection_size(query, "carriers(", &request["variables"]) {
                Some(size) => size,
                None => return resolver_error("carriers", "BAD_REQUEST", "", self_hosted),
            }
        } else {
            PAGE_SIZE
        };
        carriers(
            query.contains("name"),
            variable("after"),
            size,
            self_hosted,
            catalog,
        )
    } else {
        syntax_error(self_hosted)
    }
}

/// A self-hosted server's error codes: its `formatError` turns Apollo's own codes into
/// `BAD_REQUEST` and every resolver error into `INTERNAL` / "Internal error".
fn self_hosted_code(code: &'static str, self_hosted: bool) -> &'static str {
    match code {
        "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED" if self_hosted => "BAD_REQUEST",
        code => code,
    }
}

pub fn syntax_error(self_hosted: bool) -> Reply {
    http::json(
        400,
        &json!({"errors": [{
            "message": "Syntax Error",
            "extensions": {"code": self_hosted_code("GRAPHQL_PARSE_FAILED", self_hosted)},
        }]}),
    )
}

/// What the open-source v2 server answers a GET, or a POST a page can send without a
/// preflight: Apollo's CSRF prevention (`BAD_REQUEST`), rewritten to `INTERNAL` by its
/// `formatError`, with HTTP 400.
pub fn csrf_refused() -> Reply {
    http::json(
        400,
        &json!({"errors": [{"message": "Internal error", "extensions": {"code": "INTERNAL"}}]}),
    )
}

/// The page size a self-hosted server gives a connection field (`field` is e.g. `carriers(`):
/// exactly one of `first` / `last`, literal or a variable, at least 1, at most 20. `None` when
/// the server refuses the arguments.
fn connection_size(query: &str, field: &str, variables: &Value) -> Option<usize> {
    let start = query.find(field)? + field.len();
    let arguments = &query[start..start + query[start..].find(')')?];
    let argument = |name: &str| {
        let at = arguments.find(&format!("{name}:"))? + name.len() + 1;
        let value = arguments[at..].trim_start();
        let token: String = value
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '$' || *c == '_' || *c == '-')
            .collect();
        match token.strip_prefix('$') {
            Some(variable) => variables[variable].as_i64(),
            None => token.parse::<i64>().ok(),
        }
    };
    let size = match (argument("first"), argument("last")) {
        (Some(size), None) | (None, Some(size)) => size,
        _ => return None,
    };
    (size >= 1).then(|| (size as usize).min(PAGE_SIZE))
}

pub fn unauthenticated() -> Reply {
    http::json(
        200,
        &json!({
            "errors": [{"message": "Unauthorized", "extensions": {"code": "UNAUTHENTICATED"}}],
            "data": null,
        }),
    )
}

fn track(
    carrier_id: &str,
    number: &str,
    before: Option<&str>,
    self_hosted: bool,
    catalog: Catalog,
) -> Reply {
    let error = |code, message| resolver_error("track", code, message, self_hosted);
    let Some(carrier) = catalog.carrier(carrier_id) else {
        return error("NOT_FOUND", "Carrier not found");
    };
    let mut stale = false;
    let track = match scenarios::lookup(carrier, number, Version::V2) {
        Scenario::Delivered => Track::from_answer(fixtures::V2_DELIVERED),
        Scenario::Stale => {
            stale = true;
            Track::from_answer(fixtures::V2_DELIVERED)
        }
        Scenario::Track(v1_track) => Track::from_v1(&v1_track),
        Scenario::NotFound => return error("NOT_FOUND", scenarios::NOT_FOUND_MESSAGE),
        Scenario::NotFoundSaying(text) => return error("NOT_FOUND", &text),
        Scenario::InvalidNumber => return error("BAD_REQUEST", scenarios::INVALID_NUMBER_MESSAGE),
        Scenario::CarrierDown => return error("INTERNAL", "Please try again in a few minutes."),
        Scenario::Gateway(reply) => return reply,
        Scenario::Truncated => {
            return http::reply(200, "application/json", r#"{"data":{"track":{"trackingNum"#)
        }
        Scenario::NoTrack => return http::json(200, &json!({"data": {"track": null}})),
        Scenario::WrongTypes(kind) => {
            return http::json(200, &hostile::wrong_types(Version::V2, kind))
        }
        Scenario::Payloads => return http::json(200, &hostile::payloads_v2()),
    };
    let end = match before {
        None => track.events.len(),
        Some(before) => match index_of(before, track.events.len()) {
            Some(index) => index,
            None => return error("BAD_REQUEST", "Invalid cursor"),
        },
    };
    let mut answer = json!({"data": {"track": track.page(number, end)}});
    if stale {
        // A proxy's mark beside `data`: served from its cache because the API could not serve.
        answer["extensions"] = json!({"stale": {"fetchedAt": scenarios::STALE_FETCHED_AT}});
    }
    http::json(200, &answer)
}

fn carriers(
    with_names: bool,
    after: Option<&str>,
    size: usize,
    self_hosted: bool,
    catalog: Catalog,
) -> Reply {
    if with_names && self_hosted {
        return http::json(
            400,
            &json!({"errors": [{
                "message": "Cannot query field \"name\" on type \"Carrier\".",
                "extensions": {"code": self_hosted_code("GRAPHQL_VALIDATION_FAILED", self_hosted)},
            }]}),
        );
    }
    let list = catalog.carriers();
    let start = match after {
        None => 0,
        Some(after) => match index_of(after, list.len()) {
            Some(index) => index + 1,
            None => {
                return resolver_error("carriers", "BAD_REQUEST", "Invalid cursor", self_hosted)
            }
        },
    };
    let end = (start + size).min(list.len());
    let edges: Vec<Value> = (start..end)
        .map(|index| {
            let carrier = &list[index];
            let node = if with_names {
                json!({"id": carrier["id"], "name": carrier["name"]})
            } else {
                json!({"id": carrier["id"]})
            };
            json!({"cursor": cursor(index), "node": node})
        })
        .collect();
    http::json(
        200,
        &json!({"data": {"carriers": {
            "pageInfo": {
                "hasNextPage": end < list.len(),
                "endCursor": (start < end).then(|| cursor(end - 1)),
            },
            "edges": edges,
        }}}),
    )
}

/// An error from a resolver: HTTP 200, `errors` and a null field. A self-hosted server hides
/// every resolver error (NOT_FOUND, BAD_REQUEST, INTERNAL) behind INTERNAL / "Internal error".
fn resolver_error(field: &str, code: &str, message: &str, self_hosted: bool) -> Reply {
    let (code, message) = if self_hosted {
        ("INTERNAL", "Internal error")
    } else {
        (code, message)
    };
    http::json(
        200,
        &json!({
            "errors": [{"message": message, "path": [field], "extensions": {"code": code}}],
            "data": {field: null},
        }),
    )
}

/// A parcel's whole history in v2 shapes; answers show one page of it.
struct Track {
    /// `Event` objects, oldest first.
    events: Vec<Value>,
    last_event: Value,
    sender: Value,
    recipient: Value,
}

impl Track {
    /// From a v2 answer fixture (a single page holding every event).
    fn from_answer(fixture: &str) -> Track {
        let answer = fixtures::parse(fixture);
        let track = &answer["data"]["track"];
        let edges = track["events"]["edges"].as_array().into_iter().flatten();
        Track {
            events: edges.map(|edge| edge["node"].clone()).collect(),
            last_event: track["lastEvent"].clone(),
            sender: track["sender"].clone(),
            recipient: track["recipient"].clone(),
        }
    }

    fn from_v1(track: &Value) -> Track {
        let progresses = track["progresses"].as_array().into_iter().flatten();
        let events: Vec<Value> = progresses.map(event_from_progress).collect();
        // Like the real server, the headline prefers a DELIVERED event over later ones.
        let last_event = events
            .iter()
            .rev()
            .find(|event| event["status"]["code"] == "DELIVERED")
            .or(events.last())
            .cloned()
            .unwrap_or_default();
        Track {
            events,
            last_event,
            sender: json!({"name": track["from"]["name"]}),
            recipient: json!({"name": track["to"]["name"]}),
        }
    }

    /// The `Track` object holding the `PAGE_SIZE` events before index `end`.
    fn page(&self, number: &str, end: usize) -> Value {
        let start = end.saturating_sub(PAGE_SIZE);
        let edges: Vec<Value> = (start..end)
            .map(|index| json!({"cursor": cursor(index), "node": self.events[index]}))
            .collect();
        json!({
            "trackingNumber": number,
            "lastEvent": self.last_event,
            "events": {
                "pageInfo": {
                    "hasPreviousPage": start > 0,
                    "startCursor": (start < end).then(|| cursor(start)),
                },
                "edges": edges,
            },
            "sender": self.sender,
            "recipient": self.recipient,
        })
    }
}

fn event_from_progress(progress: &Value) -> Value {
    json!({
        "time": with_milliseconds(progress["time"].as_str()),
        "status": {
            "code": status_code(progress["status"]["id"].as_str()),
            "name": progress["status"]["text"],
        },
        "description": progress["description"],
        "location": {"name": progress["location"]["name"]},
    })
}

fn status_code(v1_id: Option<&str>) -> String {
    match v1_id {
        Some("out_of_delivery") => "OUT_FOR_DELIVERY".to_owned(),
        Some(
            id @ ("information_received"
            | "at_pickup"
            | "in_transit"
            | "out_for_delivery"
            | "delivered"
            | "attempt_fail"
            | "available_for_pickup"
            | "exception"),
        ) => id.to_ascii_uppercase(),
        _ => "UNKNOWN".to_owned(),
    }
}

/// `2024-04-25T17:19:20+09:00` → `2024-04-25T17:19:20.000+09:00`, as a self-hosted server sends.
fn with_milliseconds(time: Option<&str>) -> Option<String> {
    let time = time.filter(|time| !time.is_empty())?;
    Some(match (time.get(..19), time.get(19..)) {
        (Some(seconds), Some(offset)) if !offset.starts_with('.') => {
            format!("{seconds}.000{offset}")
        }
        _ => time.to_owned(),
    })
}

/// The cursor of item `index`: base64 of `{"index":N}`, as in the v2 fixture.
fn cursor(index: usize) -> String {
    base64(format!(r#"{{"index":{index}}}"#).as_bytes())
}

fn index_of(cursor_text: &str, len: usize) -> Option<usize> {
    (0..len).find(|&index| cursor(index) == cursor_text)
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::new();
    for chunk in bytes.chunks(3) {
        let bits = (chunk.iter().enumerate()).fold(0u32, |bits, (i, &byte)| {
            bits | u32::from(byte) << (16 - 8 * i)
        });
        for i in 0..4 {
            encoded.push(if i <= chunk.len() {
                char::from(ALPHABET[(bits >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_hosted_page_sizes() {
        let size = |query: &str, variables: Value| connection_size(query, "carriers(", &variables);
        assert_eq!(
            size(
                "{ carriers(first: 20) { edges { node { id } } } }",
                json!({})
            ),
            Some(20)
        );
        assert_eq!(
            size("{ carriers(first: 50, after: $a) { x } }", json!({})),
            Some(20)
        );
        assert_eq!(size("{ carriers(last: 3) { x } }", json!({})), Some(3));
        assert_eq!(
            size(
                "query($n: Int) { carriers(first: $n) { x } }",
                json!({"n": 7})
            ),
            Some(7)
        );
        assert_eq!(size("{ carriers(after: $a) { x } }", json!({})), None);
        assert_eq!(
            size("{ carriers(first: 2, last: 2) { x } }", json!({})),
            None
        );
        assert_eq!(size("{ carriers(first: 0) { x } }", json!({})), None);
    }

    #[test]
    fn cursors_match_the_fixture() {
        assert_eq!(cursor(0), "eyJpbmRleCI6MH0=");
        assert_eq!(cursor(3), "eyJpbmRleCI6M30=");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abcd"), "YWJjZA==");
        assert_eq!(index_of("eyJpbmRleCI6M30=", 4), Some(3));
        assert_eq!(index_of("eyJpbmRleCI6M30=", 3), None);
    }

    #[test]
    fn v1_progresses_become_v2_events() {
        let progress = json!({
            "time": "2024-04-25T09:17:56+09:00",
            "status": {"id": "out_of_delivery", "text": "배송출발"},
            "location": {"name": "충북보은"},
        });
        assert_eq!(
            event_from_progress(&progress),
            json!({
                "time": "2024-04-25T09:17:56.000+09:00",
                "status": {"code": "OUT_FOR_DELIVERY", "name": "배송출발"},
                "description": null,
                "location": {"name": "충북보은"},
            })
        );
        assert_eq!(status_code(None), "UNKNOWN");
        assert_eq!(status_code(Some("something_new")), "UNKNOWN");
        assert_eq!(with_milliseconds(Some("")), None);
        assert_eq!(
            with_milliseconds(Some("2024-04-25T09:17:56.5+09:00")).as_deref(),
            Some("2024-04-25T09:17:56.5+09:00")
        );
    }
}
