//! The fixture parcels: which tracking number gives which answer, and the data behind them.
//! Parcels are written in the v1 shape; the v2 module converts them (except the delivered one,
//! which has a fixture of its own in each shape).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};

use crate::fixtures::{parse, Version, V1_DELIVERED};
use crate::hostile::{self, WrongTypes};
use crate::http::{self, Reply};

const V1_IN_TRANSIT: &str = include_str!("../../fixtures/v1/track-in-transit.json");
const V1_OUT_FOR_DELIVERY: &str = include_str!("../../fixtures/v1/track-out-for-delivery.json");
const V1_HTML_PAYLOADS: &str = include_str!("../../fixtures/v1/track-html-payloads.json");
const V1_CARRIERS: &str = include_str!("../../fixtures/v1/carriers.json");

pub const NOT_FOUND_MESSAGE: &str =
    "운송장이 등록되지 않았거나 업체에서 상품을 준비중이니 업체로 문의해주시기 바랍니다.";
pub const INVALID_NUMBER_MESSAGE: &str = "운송장 번호 형식이 올바르지 않습니다.";

const SLOW_ANSWER_DELAY: Duration = Duration::from_secs(15);
/// `998…` numbers answer after this long (long enough to change the element meanwhile).
const SHORT_DELAY: Duration = Duration::from_secs(1);
/// `997…` numbers answer after this long: long enough for a test to set up several elements and
/// then act on them while their requests are in flight, even on a loaded machine.
const LONGER_DELAY: Duration = Duration::from_secs(5);

pub enum Scenario {
    /// The delivered parcel: `track-delivered.json` of `fixtures/v1/` or `fixtures/v2/`.
    Delivered,
    /// Any other parcel, as a v1 track whose carrier is the requested one.
    Track(Value),
    /// The number is unknown.
    NotFound,
    /// The number is unknown, and the API says so in these words.
    NotFoundSaying(String),
    /// The number's format is refused.
    InvalidNumber,
    /// The carrier's site is down.
    CarrierDown,
    /// An answer from in front of the API, the same for both versions (rate limit, overload).
    Gateway(Reply),
    /// A 200 whose JSON body is cut short.
    Truncated,
    /// v2 only: `data.track` is null and there are no errors.
    NoTrack,
    /// The delivered answer with the wrong types.
    WrongTypes(WrongTypes),
    /// HTML and script payloads in every string field.
    Payloads,
    /// The delivered parcel, as a proxy serves it from its cache when the API cannot serve:
    /// marked stale, fetched at `STALE_FETCHED_AT`.
    Stale,
}

/// When the stale answer (`8887000000`) was fetched, as its mark says.
pub const STALE_FETCHED_AT: &str = "2024-04-26T09:30:00+09:00";

/// Which carriers list an API base has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Catalog {
    /// `fixtures/v1/carriers.json`.
    Fixture,
    /// The same carriers with payloads in their names and phone numbers (the `/hostile` base).
    Hostile,
    /// The open-source v2 server's carriers, ids only, in its registry's order (the
    /// `/self-hosted` base).
    SelfHosted,
}

/// The carriers the open-source v2 server (`packages/core`'s carrier registry) serves by
/// default, in the order it registers them.
const SELF_HOSTED_CARRIER_IDS: [&str; 32] = [
    "cn.cainiao.global",
    "jp.sagawa",
    "jp.yamato",
    "kr.actcore.ocean-inbound",
    "kr.cjlogistics",
    "kr.coupangls",
    "kr.cupost",
    "kr.chunilps",
    "kr.cvsnet",
    "kr.cway",
    "kr.daesin",
    "kr.epantos",
    "kr.epost",
    "kr.epost.ems",
    "kr.goodstoluck",
    "kr.homepick",
    "kr.hanjin",
    "kr.honamlogis",
    "kr.ilyanglogis",
    "kr.kdexp",
    "kr.kunyoung",
    "kr.logen",
    "kr.lotte",
    "kr.lotte.global",
    "kr.slx",
    "kr.swgexp.epost",
    "kr.swgexp.cjlogistics",
    "kr.todaypickup",
    "kr.yongmalogis",
    "nl.tnt",
    "un.upu.ems",
    "us.ups",
];

impl Catalog {
    pub fn carriers(self) -> &'static [Value] {
        static FIXTURE: OnceLock<Vec<Value>> = OnceLock::new();
        static HOSTILE: OnceLock<Vec<Value>> = OnceLock::new();
        static SELF_HOSTED: OnceLock<Vec<Value>> = OnceLock::new();
        let fixture = || {
            FIXTURE.get_or_init(|| {
                serde_json::from_str(V1_CARRIERS)
                    .expect("fixtures/v1/carriers.json is a JSON array")
            })
        };
        match self {
            Catalog::Fixture => fixture(),
            Catalog::Hostile => HOSTILE.get_or_init(|| hostile::hostile_carriers(fixture())),
            Catalog::SelfHosted => SELF_HOSTED.get_or_init(|| {
                let ids = SELF_HOSTED_CARRIER_IDS.iter();
                ids.map(|id| json!({ "id": id })).collect()
            }),
        }
    }

    pub fn carrier(self, id: &str) -> Option<&'static Value> {
        self.carriers().iter().find(|carrier| carrier["id"] == id)
    }
}

/// The answer for a tracking number. Side effects: the slow numbers sleep before answering and
/// `503…` numbers are remembered, as the contract asks.
pub fn lookup(carrier: &Value, number: &str, version: Version) -> Scenario {
    let v2 = version == Version::V2;
    match number {
        "1234567890" => Scenario::Delivered,
        "1111111111" => Scenario::Track(fixture_track(V1_IN_TRANSIT, carrier)),
        "2222222222" => Scenario::Track(fixture_track(V1_OUT_FOR_DELIVERY, carrier)),
        "4040404040" => Scenario::NotFound,
        "4000000000" => Scenario::InvalidNumber,
        "5000000000" => Scenario::CarrierDown,
        "4290000000" => Scenario::Gateway(rate_limited(true)),
        "4291000000" => Scenario::Gateway(rate_limited(false)),
        "9990000000" => {
            thread::sleep(SLOW_ANSWER_DELAY);
            Scenario::Delivered
        }
        "8880000000" => Scenario::Truncated,
        "6660000000" => Scenario::Track(html_payloads(carrier)),
        "4500000000" => Scenario::Track(long_history(carrier, 45, 3)),
        "7700000000" if v2 => Scenario::Track(side_state(carrier, 3, "attempt_fail", "배달실패")),
        "7800000000" if v2 => Scenario::Track(side_state(carrier, 2, "exception", "배송지연")),
        "7900000000" if v2 => {
            Scenario::Track(side_state(carrier, 2, "available_for_pickup", "보관중"))
        }
        "6000000000" if v2 => Scenario::Track(long_history(carrier, 620, 3)),
        "3000000000" if v2 => Scenario::NoTrack,
        // Hostile answers (issue #7).
        "8881000000" => Scenario::Gateway(http::reply(
            200,
            "application/json",
            hostile::MALFORMED_JSON,
        )),
        "8882000000" => Scenario::WrongTypes(WrongTypes::NumbersForStrings),
        "8883000000" => Scenario::WrongTypes(WrongTypes::ObjectForList),
        "8884000000" => Scenario::Gateway(hostile::huge_body(version)),
        "8885000000" => Scenario::Gateway(http::reply(
            200,
            "text/html; charset=utf-8",
            hostile::HTML_PAGE,
        )),
        "8886000000" => Scenario::Gateway(http::empty(204)),
        "4180000000" => Scenario::Gateway(http::json(418, &json!({"message": "I'm a teapot"}))),
        "3020000000" => Scenario::Gateway(hostile::redirect_elsewhere()),
        "3021000000" => Scenario::Gateway(hostile::redirect_loop()),
        "9991000000" => Scenario::Gateway(hostile::trickle(version)),
        "5500000000" => Scenario::Track(long_history(carrier, 5000, 1)),
        "7100000000" => Scenario::Track(hostile::hostile_text(carrier)),
        "7101000000" => Scenario::NotFoundSaying(hostile::hostile_message()),
        "6661000000" => Scenario::Payloads,
        "6662000000" => Scenario::Track(nameless_carrier(carrier)),
        "6663000000" => Scenario::NotFoundSaying(format!("{}message", hostile::PAYLOAD)),
        "8887000000" => Scenario::Stale,
        // A v1 answer where a v2 one belongs (a wrong `api-base`): neither `data` nor `errors`.
        "8888000000" if v2 => Scenario::Gateway(http::json(200, &v1_delivered(carrier))),
        _ if number.starts_with("4600") && !v2 => Scenario::Track(growing_history(carrier, number)),
        _ if number.starts_with("998") => {
            thread::sleep(SHORT_DELAY);
            Scenario::Delivered
        }
        _ if number.starts_with("997") => {
            thread::sleep(LONGER_DELAY);
            Scenario::Delivered
        }
        _ if number.starts_with("502") => Scenario::Gateway(http::reply(
            502,
            "text/html; charset=utf-8",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        )),
        _ if number.starts_with("4292") => Scenario::Gateway(
            http::json(429, &json!({"message": "Too Many Requests"}))
                .with_header(http::header("Retry-After", "2"))
                .with_header(http::header("Access-Control-Expose-Headers", "Retry-After")),
        ),
        _ if number.starts_with("503") && first_request_for(number) => {
            Scenario::Gateway(http::json(
                503,
                &json!({"message": "Please try again in a few minutes"}),
            ))
        }
        _ if number.starts_with("503") => Scenario::Delivered,
        _ if number.starts_with("504") && first_request_for(number) => Scenario::Delivered,
        _ if number.starts_with("504") => Scenario::Gateway(http::json(
            503,
            &json!({"message": "Please try again in a few minutes"}),
        )),
        _ if number.starts_with("1000") => Scenario::Delivered,
        _ => Scenario::NotFound,
    }
}

pub fn v1_delivered(carrier: &Value) -> Value {
    fixture_track(V1_DELIVERED, carrier)
}

/// 45 events the first time `number` is asked for, and the same 45 plus a newer one after.
fn growing_history(carrier: &Value, number: &str) -> Value {
    let mut track = long_history(carrier, 46, 3);
    if first_request_for(number) {
        if let Some(progresses) = track["progresses"].as_array_mut() {
            progresses.truncate(45);
        }
    }
    track
}

fn first_request_for(number: &str) -> bool {
    static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    SEEN.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(number.to_owned())
}

fn rate_limited(expose_retry_after: bool) -> Reply {
    let reply = http::json(429, &json!({"message": "Too Many Requests"}))
        .with_header(http::header("Retry-After", "1"));
    if expose_retry_after {
        reply.with_header(http::header("Access-Control-Expose-Headers", "Retry-After"))
    } else {
        reply
    }
}

fn fixture_track(fixture: &str, carrier: &Value) -> Value {
    let mut track = parse(fixture);
    track["carrier"] = carrier.clone();
    track
}

/// The delivered parcel whose carrier is only an id: its name comes from the carriers list.
fn nameless_carrier(carrier: &Value) -> Value {
    let mut track = parse(V1_DELIVERED);
    track["carrier"] = json!({"id": carrier["id"]});
    track
}

/// The HTML payloads fixture with the requested carrier, keeping the payload in its name.
fn html_payloads(carrier: &Value) -> Value {
    let mut track = parse(V1_HTML_PAYLOADS);
    let name = track["carrier"]["name"].take();
    track["carrier"] = carrier.clone();
    track["carrier"]["name"] = name;
    track
}

fn progress(time: &str, id: &str, text: &str, location: &str, description: &str) -> Value {
    json!({
        "time": time,
        "status": {"id": id, "text": text},
        "location": {"name": location},
        "description": description,
    })
}

/// A parcel whose first `events_before` events of pickup, in transit, out for delivery are
/// followed by a v2 side state. v1 has no ids for side states, so these v2-only parcels use the
/// v2 code in lower case, which v2 maps back.
fn side_state(carrier: &Value, events_before: usize, id: &str, text: &str) -> Value {
    let mut progresses = vec![
        progress(
            "2024-06-03T11:02:45+09:00",
            "at_pickup",
            "집화처리",
            "서울강서",
            "보내시는 고객님으로부터 상품을 인수받았습니다",
        ),
        progress(
            "2024-06-04T03:41:09+09:00",
            "in_transit",
            "간선하차",
            "대전HUB",
            "배송지역으로 상품이 이동중입니다.",
        ),
        progress(
            "2024-06-04T08:15:30+09:00",
            "out_for_delivery",
            "배송출발",
            "광주북구",
            "고객님의 상품을 배송할 예정입니다.",
        ),
    ];
    progresses.truncate(events_before);
    progresses.push(progress(
        "2024-06-04T16:52:04+09:00",
        id,
        text,
        "광주북구",
        "고객님의 상품에 대한 안내가 있습니다. 고객센터로 문의해주세요.",
    ));
    json!({
        "carrier": carrier,
        "from": {"name": "김*수", "time": "2024-06-03T11:02:45+09:00"},
        "to": {"name": "이*영", "time": null},
        "state": {"id": id, "text": text},
        "progresses": progresses,
    })
}

/// An in-transit parcel with `count` events, `step` hours apart (all in 2025). Built once per
/// carrier and length: v2 pages through the 5,000-event parcel 25 times.
fn long_history(carrier: &Value, count: u32, step: u32) -> Value {
    type Key = (String, u32, u32);
    static BUILT: Mutex<BTreeMap<Key, Value>> = Mutex::new(BTreeMap::new());
    let key = (carrier.to_string(), count, step);
    let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    built
        .entry(key)
        .or_insert_with(|| build_long_history(carrier, count, step))
        .clone()
}

fn build_long_history(carrier: &Value, count: u32, step: u32) -> Value {
    const HUBS: [&str; 5] = ["곤지암HUB", "대전HUB", "옥천HUB", "청원HUB", "칠곡HUB"];
    let progresses: Vec<Value> = (0..count)
        .map(|i| {
            let time = timestamp(i * step, (i * 7) % 60);
            let description = format!("배송지역으로 상품이 이동중입니다. ({}/{count})", i + 1);
            let hub = HUBS[i as usize / 2 % HUBS.len()];
            let (id, text, location) = match i {
                0 => ("at_pickup", "집화처리", "서울송파"),
                _ if i % 2 == 1 => ("in_transit", "간선상차", hub),
                _ => ("in_transit", "간선하차", hub),
            };
            progress(&time, id, text, location, &description)
        })
        .collect();
    json!({
        "carrier": carrier,
        "from": {"name": "김*수", "time": progresses[0]["time"]},
        "to": {"name": "박*영", "time": null},
        "state": {"id": "in_transit", "text": "상품이동중"},
        "progresses": progresses,
    })
}

/// 2025-01-06T09:00+09:00 plus `hours` (and `minute` past that hour), in 2025.
fn timestamp(hours: u32, minute: u32) -> String {
    const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let since_new_year = 5 * 24 + 9 + hours;
    let mut day = since_new_year / 24;
    let mut month = 0;
    while day >= MONTH_DAYS[month] {
        day -= MONTH_DAYS[month];
        month += 1;
    }
    format!(
        "2025-{:02}-{:02}T{:02}:{minute:02}:00+09:00",
        month + 1,
        day + 1,
        since_new_year % 24
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_cross_months() {
        assert_eq!(timestamp(0, 0), "2025-01-06T09:00:00+09:00");
        assert_eq!(timestamp(15, 7), "2025-01-07T00:07:00+09:00");
        assert_eq!(timestamp(619 * 3, 33), "2025-03-24T18:33:00+09:00");
    }

    #[test]
    fn long_history_is_oldest_first() {
        let carrier = Catalog::Fixture.carrier("kr.cjlogistics").unwrap();
        for (count, step) in [(45, 3), (620, 3), (5000, 1)] {
            let track = long_history(carrier, count, step);
            let progresses = track["progresses"].as_array().unwrap();
            assert_eq!(progresses.len(), count as usize);
            assert!(progresses
                .windows(2)
                .all(|pair| pair[0]["time"].as_str() < pair[1]["time"].as_str()));
        }
        assert_eq!(timestamp(4999, 0), "2025-08-02T16:00:00+09:00");
    }
}
