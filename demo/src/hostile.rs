//! Hostile answers for the robustness tests (issue #7): bodies that are not what the widget
//! expects, text built to break layouts, HTML and script payloads in every field, and a
//! carriers list whose names and phone numbers carry payloads.

use std::sync::OnceLock;
use std::time::Duration;

use serde_json::{json, Value};

use crate::fixtures::{self, Version};
use crate::http::{self, Reply, Trickle};

/// One string that would do harm if it ever became markup: an image and an SVG with handlers,
/// a script, a `javascript:` link, an iframe with a script, a style sheet hiding everything,
/// and escaped markup that must stay escaped. Every payload field is this plus its own path.
pub const PAYLOAD: &str = concat!(
    r#"<img src=x onerror="window.__xss=1">"#,
    "<script>window.__xss=1</script>",
    r#"<svg onload="window.__xss=1"></svg>"#,
    r#"<a href="javascript:window.__xss=1">x</a>"#,
    r#"<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>"#,
    "<style>*{display:none!important}</style>",
    "&lt;b&gt;",
);

fn payload(field: &str) -> String {
    format!("{PAYLOAD}{field}")
}

/// 200 `application/json` that is not JSON.
pub const MALFORMED_JSON: &str = r#"{"carrier": {"id": "kr.cjlogistics",}, "progresses": [}"#;

/// A 200 HTML page where JSON was expected (a proxy's or a CDN's page).
pub const HTML_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Welcome</title></head><body><h1>Our shop is being updated</h1>\
<p>Please come back later.</p></body></html>\n";

/// The size of the oversized body: 10 MiB.
pub const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;

/// How the trickling body goes: these bytes at once, then one byte per interval (bounded by
/// `http::MAX_TRICKLE_BYTES`: 40 bytes, 10 seconds).
pub const TRICKLE_FIRST_BYTES: usize = 16;
pub const TRICKLE_INTERVAL: Duration = Duration::from_millis(250);

/// How a body has the right JSON with the wrong types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrongTypes {
    /// Numbers where strings belong.
    NumbersForStrings,
    /// An object where a list belongs.
    ObjectForList,
}

fn delivered(version: Version) -> Value {
    match version {
        Version::V1 => fixtures::parse(fixtures::V1_DELIVERED),
        Version::V2 => fixtures::parse(fixtures::V2_DELIVERED),
    }
}

/// The delivered answer with the wrong types.
pub fn wrong_types(version: Version, kind: WrongTypes) -> Value {
    let mut answer = delivered(version);
    match (version, kind) {
        (Version::V1, WrongTypes::NumbersForStrings) => {
            answer["carrier"]["name"] = json!(42);
            answer["state"]["text"] = json!(5);
            answer["progresses"][0]["description"] = json!(12345);
            answer["progresses"][1]["location"]["name"] = json!(3.5);
        }
        (Version::V1, WrongTypes::ObjectForList) => {
            answer["progresses"] = list_as_object(answer["progresses"].take());
        }
        (Version::V2, WrongTypes::NumbersForStrings) => {
            let track = &mut answer["data"]["track"];
            track["trackingNumber"] = json!(1234567890);
            track["lastEvent"]["status"]["name"] = json!(5);
            track["events"]["edges"][0]["node"]["description"] = json!(12345);
            track["recipient"]["name"] = json!(3.5);
        }
        (Version::V2, WrongTypes::ObjectForList) => {
            let events = &mut answer["data"]["track"]["events"];
            events["edges"] = list_as_object(events["edges"].take());
        }
    }
    answer
}

/// `[a, b]` → `{"0": a, "1": b}`.
fn list_as_object(list: Value) -> Value {
    let items = list.as_array().cloned().unwrap_or_default();
    Value::Object(
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| (index.to_string(), item))
            .collect(),
    )
}

/// The delivered answer as valid JSON of exactly `HUGE_BODY_BYTES` bytes: a `padding` string
/// first, so only a reader that gives up past its cap refuses it.
pub fn huge_body(version: Version) -> Reply {
    static BODIES: OnceLock<[Vec<u8>; 2]> = OnceLock::new();
    let bodies = BODIES.get_or_init(|| {
        [
            padded(&delivered(Version::V1)),
            padded(&delivered(Version::V2)),
        ]
    });
    let body = match version {
        Version::V1 => &bodies[0],
        Version::V2 => &bodies[1],
    };
    http::reply(200, "application/json", body.clone())
}

fn padded(answer: &Value) -> Vec<u8> {
    let text = answer.to_string();
    let rest = text.strip_prefix('{').expect("an object");
    let frame = r#"{"padding":"","#.len() + rest.len();
    let padding = "x".repeat(HUGE_BODY_BYTES - frame);
    format!(r#"{{"padding":"{padding}",{rest}"#).into_bytes()
}

/// The delivered answer, trickling: headers and a few bytes at once, then one byte every
/// 250 ms; it ends (cut short) after 10 seconds.
pub fn trickle(version: Version) -> Reply {
    let body = delivered(version).to_string();
    http::trickle(
        "application/json",
        Trickle::new(body.as_bytes(), TRICKLE_FIRST_BYTES, TRICKLE_INTERVAL),
    )
}

/// A 302 to another origin (the page origin's sign-in page, which any origin may read).
pub fn redirect_elsewhere() -> Reply {
    let location = format!(
        "{}{}?next=%2Ftrack",
        fixtures::page_origin(),
        crate::static_files::SIGN_IN_PATH
    );
    http::empty(302).with_header(http::header("Location", &location))
}

/// A 307 to the same URL plus `?again`: the browser gives up after 20 redirects.
pub fn redirect_loop() -> Reply {
    http::empty(307).with_header(http::header("Location", "?again"))
}

// ---------------------------------------------------------------------------------------------
// Text that breaks layouts

/// C0 and C1 controls, DEL, line and paragraph separators, BOM, zero-width space.
pub const CONTROLS: &str =
    "\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{7f}\u{85}\u{2028}\u{2029}\u{feff}\u{200b}";
/// Right-to-left override, right-to-left isolate, right-to-left mark, Arabic letter mark; never
/// closed.
pub const BIDI: &str = "\u{202e}\u{2067}\u{200f}\u{61c}";

fn word(unit: &str, chars: usize) -> String {
    unit.repeat(chars / unit.chars().count())
}

/// A v1 track (6 progresses, delivered) whose every text holds controls, unclosed
/// right-to-left marks and a 500-character word with no break opportunity.
pub fn hostile_text(carrier: &Value) -> Value {
    let text = |label: &str, unit: &str| format!("{BIDI}{label}{CONTROLS}{}", word(unit, 500));
    let times = [
        "2024-04-24T15:26:13+09:00",
        "2024-04-24T17:15:37+09:00",
        "2024-04-25T06:28:42+09:00",
        "2024-04-25T09:17:56+09:00",
        "2024-04-25T17:19:20+09:00",
    ];
    let ids = [
        "at_pickup",
        "in_transit",
        "in_transit",
        "out_for_delivery",
        "delivered",
    ];
    let mut progresses: Vec<Value> = times
        .iter()
        .zip(ids)
        .map(|(time, id)| {
            json!({
                "time": time,
                "status": {"id": id, "text": text("상태", "W")},
                "location": {"name": format!("{BIDI}https://example.com/{}", word("a", 480))},
                "description": format!("{CONTROLS}{}{BIDI}שלום עולם {}", word("0", 500), word("ك", 500)),
            })
        })
        .collect();
    // One event whose time cannot be read: shown as written.
    progresses.insert(
        0,
        json!({
            "time": format!("{BIDI}{}", word("9", 500)),
            "status": {"id": "information_received", "text": text("접수", "M")},
            "location": {"name": text("위치", "L")},
            "description": text("설명", "D"),
        }),
    );
    let mut carrier = carrier.clone();
    carrier["name"] = json!(format!("{BIDI}CJ대한통운{CONTROLS}{}", word("W", 500)));
    json!({
        "carrier": carrier,
        "from": {"name": text("보낸이", "S"), "time": times[0]},
        "to": {"name": text("받는이", "R"), "time": times[4]},
        "state": {"id": "delivered", "text": text("배송완료", "Z")},
        "progresses": progresses,
    })
}

/// The not-found message of `7101000000`.
pub fn hostile_message() -> String {
    format!("{BIDI}없는 운송장{CONTROLS}{}", word("N", 500))
}

// ---------------------------------------------------------------------------------------------
// Payloads in every field

/// A v1 track: every string is `PAYLOAD` plus the field's path (`carrier.name`,
/// `progresses.0.status.text`, …).
pub fn payloads_v1() -> Value {
    let progresses: Vec<Value> = (0..3)
        .map(|i| {
            let field = |name: &str| payload(&format!("progresses.{i}.{name}"));
            json!({
                "time": field("time"),
                "status": {"id": field("status.id"), "text": field("status.text")},
                "location": {"name": field("location.name")},
                "description": field("description"),
            })
        })
        .collect();
    json!({
        "carrier": {
            "id": payload("carrier.id"),
            "name": payload("carrier.name"),
            "tel": payload("carrier.tel"),
        },
        "from": {"name": payload("from.name"), "time": payload("from.time")},
        "to": {"name": payload("to.name"), "time": payload("to.time")},
        "state": {"id": payload("state.id"), "text": payload("state.text")},
        "progresses": progresses,
    })
}

/// A v2 answer: every string is `PAYLOAD` plus the field's path (`trackingNumber`,
/// `events.0.status.code`, …).
pub fn payloads_v2() -> Value {
    let event = |path: &str| {
        let field = |name: &str| payload(&format!("{path}.{name}"));
        json!({
            "time": field("time"),
            "status": {"code": field("status.code"), "name": field("status.name")},
            "description": field("description"),
            "location": {"name": field("location.name")},
        })
    };
    let edges: Vec<Value> = (0..3)
        .map(|i| json!({"cursor": payload(&format!("events.{i}.cursor")), "node": event(&format!("events.{i}"))}))
        .collect();
    json!({"data": {"track": {
        "trackingNumber": payload("trackingNumber"),
        "lastEvent": event("lastEvent"),
        "events": {
            "pageInfo": {"hasPreviousPage": false, "startCursor": payload("events.startCursor")},
            "edges": edges,
        },
        "sender": {"name": payload("sender.name")},
        "recipient": {"name": payload("recipient.name")},
    }}})
}

/// The carriers list of the `/hostile` base: payloads in every name, and phone numbers that
/// must not become links (only kr.cjlogistics keeps a real one).
pub fn hostile_carriers(carriers: &[Value]) -> Vec<Value> {
    carriers
        .iter()
        .map(|carrier| {
            let mut carrier = carrier.clone();
            let id = carrier["id"].as_str().unwrap_or_default().to_owned();
            let name = carrier["name"].as_str().unwrap_or_default().to_owned();
            let (prefix, tel) = hostile_carrier(&id);
            carrier["name"] = json!(format!("{prefix}{name}"));
            if let Some(tel) = tel {
                carrier["tel"] = json!(tel);
            }
            carrier
        })
        .collect()
}

/// The name prefix and the phone number of a carrier on the `/hostile` base (`None`: the
/// fixture's own phone number).
fn hostile_carrier(id: &str) -> (&'static str, Option<&'static str>) {
    match id {
        "kr.cjlogistics" => (
            r#""><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>"#,
            None,
        ),
        "kr.epost" => (
            r#"<img src=x onerror="window.__xss=1">"#,
            Some("javascript:window.__xss=1"),
        ),
        "kr.hanjin" => (
            "<script>window.__xss=1</script>",
            Some(r#"+82<img src=x onerror="window.__xss=1">"#),
        ),
        "kr.lotte" => (
            r#"<svg onload="window.__xss=1"></svg>"#,
            Some(r#"+8215882121" onclick="window.__xss=1"#),
        ),
        "kr.logen" => (
            r#"<a href="javascript:window.__xss=1">x</a>"#,
            Some("tel:+8215889988"),
        ),
        _ => (r#"<b onmouseover="window.__xss=1">!</b>"#, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_bodies_are_exactly_ten_mebibytes_of_valid_json() {
        for version in [Version::V1, Version::V2] {
            let body = padded(&delivered(version));
            assert_eq!(body.len(), HUGE_BODY_BYTES);
            let parsed: Value = serde_json::from_slice(&body).unwrap();
            let mut parsed = parsed;
            assert!(parsed["padding"]
                .as_str()
                .unwrap()
                .bytes()
                .all(|b| b == b'x'));
            parsed.as_object_mut().unwrap().remove("padding");
            assert_eq!(parsed, delivered(version));
        }
    }

    #[test]
    fn words_have_the_asked_length() {
        assert_eq!(word("W", 500).chars().count(), 500);
        assert_eq!(word("ك", 500).chars().count(), 500);
        let track = hostile_text(&json!({"id": "kr.cjlogistics"}));
        assert_eq!(track["progresses"].as_array().unwrap().len(), 6);
        assert!(track["carrier"]["name"]
            .as_str()
            .unwrap()
            .ends_with(&"W".repeat(500)));
    }

    #[test]
    fn wrong_types_keep_the_shape_but_not_the_types() {
        let v1 = wrong_types(Version::V1, WrongTypes::NumbersForStrings);
        assert_eq!(v1["state"]["text"], 5);
        assert_eq!(v1["state"]["id"], "delivered");
        let v1 = wrong_types(Version::V1, WrongTypes::ObjectForList);
        assert!(v1["progresses"].is_object());
        assert_eq!(v1["progresses"]["5"]["status"]["id"], "delivered");
        let v2 = wrong_types(Version::V2, WrongTypes::ObjectForList);
        assert!(v2["data"]["track"]["events"]["edges"].is_object());
    }
}
