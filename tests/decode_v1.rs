//! Host tests: v1 answers decoded and normalised, as the browser does after `JSON.parse`.
#![cfg(not(target_arch = "wasm32"))]

use delivery_tracker_widget::api::json::{self, ToJson};
use delivery_tracker_widget::api::v1::{carriers_url, track_url, TrackAnswer};
use delivery_tracker_widget::status::StatusCode;
use delivery_tracker_widget::track::Carrier;
use delivery_tracker_widget::track::Track;

fn normalise(json: &str, carrier: &str, number: &str, known: Option<&Carrier>) -> Track {
    let answer: TrackAnswer = json::from_str(json).expect("decodes");
    answer.normalise(carrier, number, known)
}

#[test]
fn the_seed_example_is_delivered() {
    let track = normalise(
        include_str!("../fixtures/v1/track-delivered.json"),
        "kr.cjlogistics",
        "1234567890",
        None,
    );
    assert_eq!(track.carrier.id, "kr.cjlogistics");
    assert_eq!(track.carrier.name.as_deref(), Some("CJ대한통운"));
    assert_eq!(track.carrier.tel.as_deref(), Some("+8215881255"));
    assert_eq!(track.status.code, StatusCode::Delivered);
    assert_eq!(track.status.text.as_deref(), Some("배송완료"));
    assert_eq!(track.stage, Some(5));
    assert_eq!(track.events.len(), 6);
    assert_eq!(track.from.name, None);
    assert_eq!(
        track.from.time.as_deref(),
        Some("2023-12-06T14:58:57+09:00")
    );
    assert_eq!(track.delivered_at(), Some("2024-04-25T17:19:20+09:00"));
    let last = track.latest_event().unwrap();
    assert_eq!(last.location.as_deref(), Some("충북보은"));
    assert_eq!(last.status.text.as_deref(), Some("배송완료"));
    assert!(!track.older_events_omitted);
}

#[test]
fn in_transit_with_empty_times_and_missing_descriptions() {
    let track = normalise(
        include_str!("../fixtures/v1/track-in-transit.json"),
        "kr.epost",
        "6865123456789",
        None,
    );
    assert_eq!(track.status.code, StatusCode::InTransit);
    assert_eq!(track.status.text.as_deref(), Some("이동중"));
    assert_eq!(track.stage, Some(3));
    assert_eq!(track.from.name.as_deref(), Some("박*"));
    assert_eq!(track.from.time, None);
    assert_eq!(track.to.time, None);
    assert_eq!(track.delivered_at(), None);
    assert_eq!(track.events[1].description, None);
    assert_eq!(track.events[2].description, None, "\"\" is missing");
}

#[test]
fn the_normalised_result_serialises_with_nulls_and_camel_case() {
    let track = normalise(
        r#"{"carrier":{"id":"kr.epost"},"state":{},"progresses":[{"time":"2026-11-26T16:02:00+09:00","status":{"id":"at_pickup","text":"접수"}}]}"#,
        "kr.epost",
        "1",
        None,
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&track.to_json()).unwrap(),
        serde_json::json!({
            "carrier": {"id": "kr.epost", "name": null, "tel": null},
            "trackingNumber": "1",
            "status": {"code": "AT_PICKUP", "text": "접수"},
            "stage": 2,
            "from": {"name": null, "time": null},
            "to": {"name": null, "time": null},
            "events": [{
                "time": "2026-11-26T16:02:00+09:00",
                "status": {"code": "AT_PICKUP", "text": "접수"},
                "location": null,
                "description": null
            }],
            "olderEventsOmitted": false,
            "stale": false,
            "fetchedAt": null
        })
    );
}

#[test]
fn tolerates_every_missing_null_empty_and_empty_object_field() {
    for json in [
        "{}",
        r#"{"carrier":null,"from":null,"to":null,"state":null,"progresses":null}"#,
        r#"{"carrier":{},"from":{},"to":{},"state":{},"progresses":[]}"#,
        r#"{"carrier":{"id":"","name":""},"from":{"name":"","time":""},"state":{"id":null,"text":""},"progresses":[{}]}"#,
        r#"{"progresses":[{"time":null,"status":null,"location":null,"description":null}]}"#,
        r#"{"progresses":[{"status":{},"location":{}}],"item":"양말"}"#,
        // An empty array reads as an empty object: a PHP-style empty `state`.
        r#"{"state":[]}"#,
    ] {
        let track = normalise(json, "kr.hanjin", "42", None);
        assert_eq!(track.carrier.id, "kr.hanjin", "{json}");
        assert_eq!(track.carrier.name, None, "{json}");
        assert_eq!(track.status.code, StatusCode::Unknown, "{json}");
        assert_eq!(track.status.text, None, "{json}");
        assert_eq!(track.stage, None, "{json}");
    }
}

#[test]
fn the_carriers_list_fills_a_missing_name_and_phone() {
    let known = Carrier {
        id: "kr.hanjin".into(),
        name: Some("한진택배".into()),
        tel: Some("+8215880011".into()),
    };
    let track = normalise(
        r#"{"carrier":{"id":"kr.hanjin"}}"#,
        "kr.hanjin",
        "42",
        Some(&known),
    );
    assert_eq!(track.carrier.name.as_deref(), Some("한진택배"));
    assert_eq!(track.carrier.tel.as_deref(), Some("+8215880011"));
}

#[test]
fn current_status_is_state_with_an_id_else_the_newest_event_with_a_status() {
    let from_events = normalise(
        r#"{"state":{"text":"?"},"progresses":[
            {"status":{"id":"at_pickup","text":"집화"}},
            {"status":{"id":"out_of_delivery","text":"배달출발"}},
            {"status":null}
        ]}"#,
        "kr.logen",
        "1",
        None,
    );
    assert_eq!(from_events.status.code, StatusCode::OutForDelivery);
    assert_eq!(from_events.status.text.as_deref(), Some("배달출발"));
    assert_eq!(from_events.stage, Some(4));

    let unknown_kept = normalise(
        r#"{"state":{"id":"held_at_depot","text":"보관중"},"progresses":[{"status":{"id":"in_transit","text":"이동"}}]}"#,
        "kr.logen",
        "1",
        None,
    );
    assert_eq!(unknown_kept.status.code, StatusCode::Unknown);
    assert_eq!(unknown_kept.status.text.as_deref(), Some("보관중"));
    assert_eq!(unknown_kept.stage, Some(3), "the last main stage reached");

    let null_id = normalise(
        r#"{"progresses":[{"status":{"id":null,"text":"미확인"}}]}"#,
        "kr.logen",
        "1",
        None,
    );
    assert_eq!(null_id.events[0].status.code, StatusCode::Unknown);
    assert_eq!(null_id.events[0].status.text.as_deref(), Some("미확인"));
}

#[test]
fn wrong_types_do_not_decode() {
    for json in [
        r#"{"progresses":{}}"#,
        r#"{"progresses":[{"time":20240425}]}"#,
        r#"{"carrier":"kr.epost"}"#,
        "\"text\"",
    ] {
        assert!(json::from_str::<TrackAnswer>(json).is_none(), "{json}");
    }
}

#[test]
fn the_carriers_list_decodes() {
    let carriers: Vec<Carrier> =
        json::from_str(include_str!("../fixtures/v1/carriers.json")).unwrap();
    assert_eq!(carriers.len(), 29);
    assert_eq!(
        carriers[5],
        Carrier {
            id: "kr.cjlogistics".into(),
            name: Some("CJ대한통운".into()),
            tel: Some("+8215881255".into())
        }
    );
    assert_eq!(carriers[24].tel, None);
}

#[test]
fn urls_encode_path_segments() {
    assert_eq!(
        carriers_url("https://apis.tracker.delivery/"),
        "https://apis.tracker.delivery/carriers"
    );
    assert_eq!(
        track_url(
            "https://apis.tracker.delivery",
            "kr.cjlogistics",
            "1234567890"
        ),
        "https://apis.tracker.delivery/carriers/kr.cjlogistics/tracks/1234567890"
    );
    assert_eq!(
        track_url("http://127.0.0.1:8081/proxy/", "un.upu.ems", "A B/C#1?&x"),
        "http://127.0.0.1:8081/proxy/carriers/un.upu.ems/tracks/A%20B%2FC%231%3F%26x"
    );
    assert_eq!(
        track_url("/api", "kr.epost", "우체국1"),
        "/api/carriers/kr.epost/tracks/%EC%9A%B0%EC%B2%B4%EA%B5%AD1"
    );
}
