//! Host tests: v2 GraphQL requests, answers, errors and paging.
#![cfg(not(target_arch = "wasm32"))]

use delivery_tracker_widget::api::error::ErrorKind;
use delivery_tracker_widget::api::json::{self, FromJson};
use delivery_tracker_widget::api::v2::{
    assemble_track, carriers_request_body, graphql_url, is_name_field_rejection,
    read_carriers_page, read_track_page, track_request_body, Answer, CarriersData, HistoryPages,
    TrackData, TrackPage, MAX_EVENTS,
};
use delivery_tracker_widget::status::StatusCode;
use delivery_tracker_widget::track::Carrier;

fn answer<T: FromJson>(text: &str) -> Option<Answer<T>> {
    json::from_str(text)
}

fn page(status: u16, json: &str) -> Result<TrackPage, (ErrorKind, Option<u16>, String)> {
    read_track_page(status, answer::<TrackData>(json), None)
        .map_err(|e| (e.kind, e.http_status, e.message.to_string()))
}

fn cj() -> Carrier {
    Carrier {
        id: "kr.cjlogistics".into(),
        name: Some("CJ대한통운".into()),
        tel: Some("+8215881255".into()),
    }
}

#[test]
fn request_bodies_are_json_with_variables() {
    let body: serde_json::Value =
        serde_json::from_str(&track_request_body("kr.cjlogistics", "12\"34\\5\n", None)).unwrap();
    assert_eq!(
        body["variables"],
        serde_json::json!({"carrierId": "kr.cjlogistics", "trackingNumber": "12\"34\\5\n", "before": null})
    );
    let query = body["query"].as_str().unwrap();
    assert!(query
        .starts_with("query Track($carrierId: ID!, $trackingNumber: String!, $before: String)"));
    assert!(query.contains("events(last: 20, before: $before)"));
    assert!(query.contains("lastEvent { time status { code name } description location { name } }"));
    assert!(query.contains("sender { name }"));

    let paged: serde_json::Value = serde_json::from_str(&track_request_body(
        "kr.epost",
        "1",
        Some("eyJpbmRleCI6MH0="),
    ))
    .unwrap();
    assert_eq!(paged["variables"]["before"], "eyJpbmRleCI6MH0=");

    let carriers: serde_json::Value =
        serde_json::from_str(&carriers_request_body(Some("c20"), true)).unwrap();
    assert_eq!(carriers["variables"], serde_json::json!({"after": "c20"}));
    assert!(carriers["query"]
        .as_str()
        .unwrap()
        .contains("edges { node { id name } }"));
    let ids: serde_json::Value = serde_json::from_str(&carriers_request_body(None, false)).unwrap();
    assert!(ids["query"]
        .as_str()
        .unwrap()
        .contains("edges { node { id } }"));
    assert_eq!(ids["variables"], serde_json::json!({"after": null}));

    assert_eq!(
        graphql_url("http://127.0.0.1:4000/"),
        "http://127.0.0.1:4000/graphql"
    );
}

#[test]
fn the_delivered_fixture_normalises_like_v1() {
    let first = page(200, include_str!("../fixtures/v2/track-delivered.json")).unwrap();
    assert_eq!(first.older, None);
    let track = assemble_track(cj(), "1234567890", vec![first], false);
    assert_eq!(track.status.code, StatusCode::Delivered);
    assert_eq!(track.status.text.as_deref(), Some("배송완료"));
    assert_eq!(track.stage, Some(5));
    assert_eq!(track.events.len(), 4);
    assert_eq!(track.events[0].status.code, StatusCode::AtPickup);
    assert_eq!(
        track.events[0].time.as_deref(),
        Some("2024-04-24T15:26:13.000+09:00")
    );
    assert_eq!(track.to.name.as_deref(), Some("이*영"));
    assert_eq!(track.from.name, None);
    assert_eq!(track.delivered_at(), Some("2024-04-25T17:19:20.000+09:00"));
    assert_eq!(track.carrier.name.as_deref(), Some("CJ대한통운"));
    assert!(!track.older_events_omitted);
}

#[test]
fn last_event_is_the_headline_even_when_a_later_event_exists() {
    let json = r#"{"data":{"track":{"trackingNumber":"1",
        "lastEvent":{"time":"2024-04-25T17:19:20.000+09:00","status":{"code":"DELIVERED","name":"배송완료"}},
        "events":{"pageInfo":{"hasPreviousPage":false,"startCursor":null},"edges":[
            {"node":{"time":"2024-04-25T17:19:20.000+09:00","status":{"code":"DELIVERED","name":"배송완료"}}},
            {"node":{"time":"2024-04-26T09:00:00.000+09:00","status":{"code":"UNKNOWN","name":"반품접수"}}}
        ]}}}}"#;
    let track = assemble_track(cj(), "1", vec![page(200, json).unwrap()], false);
    assert_eq!(track.status.code, StatusCode::Delivered);
    assert_eq!(track.events[1].status.text.as_deref(), Some("반품접수"));
}

#[test]
fn side_states_keep_the_last_main_stage() {
    let json = r#"{"data":{"track":{
        "lastEvent":{"time":null,"status":{"code":"ATTEMPT_FAIL","name":"배달실패"}},
        "events":{"edges":[
            {"node":{"status":{"code":"AT_PICKUP"}}},
            {"node":{"status":{"code":"OUT_FOR_DELIVERY"}}},
            {"node":{"status":{"code":"ATTEMPT_FAIL","name":"배달실패"}}}
        ]}}}}"#;
    let track = assemble_track(cj(), "7700000000", vec![page(200, json).unwrap()], false);
    assert_eq!(track.status.code, StatusCode::AttemptFail);
    assert_eq!(track.stage, Some(4));
    assert_eq!(track.tracking_number, "7700000000");
    for (code, expected) in [
        ("EXCEPTION", StatusCode::Exception),
        ("AVAILABLE_FOR_PICKUP", StatusCode::AvailableForPickup),
        ("SOMETHING_NEW", StatusCode::Unknown),
    ] {
        let json = format!(
            r#"{{"data":{{"track":{{"lastEvent":{{"status":{{"code":"{code}","name":"x"}}}},"events":{{"edges":[{{"node":{{"status":{{"code":"IN_TRANSIT"}}}}}}]}}}}}}}}"#
        );
        let track = assemble_track(cj(), "1", vec![page(200, &json).unwrap()], false);
        assert_eq!(track.status.code, expected, "{code}");
        assert_eq!(track.stage, Some(3), "{code}");
    }
}

#[test]
fn pages_are_joined_oldest_first_and_capped() {
    let newest = page(
        200,
        r#"{"data":{"track":{"lastEvent":null,"events":{"pageInfo":{"hasPreviousPage":true,"startCursor":"c2"},"edges":[
            {"node":{"time":"2024-01-03T00:00:00+09:00","status":{"code":"IN_TRANSIT"}}}]}}}}"#,
    )
    .unwrap();
    assert_eq!(newest.older.as_deref(), Some("c2"));
    let older = page(
        200,
        r#"{"data":{"track":{"events":{"pageInfo":{"hasPreviousPage":false,"startCursor":"c0"},"edges":[
            {"node":{"time":"2024-01-01T00:00:00+09:00","status":{"code":"AT_PICKUP"}}},
            {"node":{"time":"2024-01-02T00:00:00+09:00","status":{"code":"IN_TRANSIT"}}}]}}}}"#,
    )
    .unwrap();
    assert_eq!(older.older, None);
    let track = assemble_track(cj(), "1", vec![newest, older], false);
    let times: Vec<&str> = track
        .events
        .iter()
        .map(|e| e.time.as_deref().unwrap())
        .collect();
    assert_eq!(
        times,
        [
            "2024-01-01T00:00:00+09:00",
            "2024-01-02T00:00:00+09:00",
            "2024-01-03T00:00:00+09:00"
        ]
    );
    assert_eq!(
        track.status.code,
        StatusCode::InTransit,
        "no lastEvent: the newest event"
    );

    let edges: Vec<String> = (0..520)
        .map(|i| format!(r#"{{"node":{{"time":"{i}","status":{{"code":"IN_TRANSIT"}}}}}}"#))
        .collect();
    let big = format!(
        r#"{{"data":{{"track":{{"events":{{"edges":[{}]}}}}}}}}"#,
        edges.join(",")
    );
    let track = assemble_track(cj(), "1", vec![page(200, &big).unwrap()], false);
    assert_eq!(track.events.len(), MAX_EVENTS);
    assert_eq!(MAX_EVENTS, 500);
    assert_eq!(
        track.events[0].time.as_deref(),
        Some("20"),
        "the oldest 20 are dropped"
    );
    assert!(track.older_events_omitted);
}

/// A page of `count` IN_TRANSIT events named `{name}{i}`, with an older page behind `older`.
fn numbered_page(name: &str, count: usize, older: Option<&str>) -> TrackPage {
    let edges: Vec<String> = (0..count)
        .map(|i| format!(r#"{{"node":{{"time":"{name}{i}","status":{{"code":"IN_TRANSIT"}}}}}}"#))
        .collect();
    let info = match older {
        Some(cursor) => format!(r#"{{"hasPreviousPage":true,"startCursor":"{cursor}"}}"#),
        None => r#"{"hasPreviousPage":false}"#.to_owned(),
    };
    let json = format!(
        r#"{{"data":{{"track":{{"events":{{"pageInfo":{info},"edges":[{}]}}}}}}}}"#,
        edges.join(",")
    );
    page(200, &json).unwrap()
}

#[test]
fn history_pages_follow_the_cursors_to_the_cap() {
    let mut history = HistoryPages::default();
    assert_eq!(
        history.next_page(),
        Some(None),
        "the first page has no cursor"
    );
    history.add(Ok(numbered_page("b", 20, Some("c1")))).unwrap();
    assert_eq!(history.next_page(), Some(Some("c1")));
    history.add(Ok(numbered_page("a", 2, None))).unwrap();
    assert_eq!(history.next_page(), None, "no older page");
    let track = history.assemble(cj(), "1");
    assert_eq!(track.events.len(), 22);
    assert_eq!(track.events[0].time.as_deref(), Some("a0"));
    assert_eq!(track.events[21].time.as_deref(), Some("b19"));
    assert!(!track.older_events_omitted);

    let mut capped = HistoryPages::default();
    for i in 0..25 {
        assert!(capped.next_page().is_some(), "page {i}");
        capped
            .add(Ok(numbered_page(&format!("p{i}-"), 20, Some("more"))))
            .unwrap();
    }
    assert_eq!(capped.next_page(), None, "500 events: the cap");
    let track = capped.assemble(cj(), "1");
    assert_eq!(track.events.len(), 500);
    assert!(track.older_events_omitted);
}

#[test]
fn history_pages_keep_what_came_when_a_later_page_fails() {
    let failure = || read_track_page(503, None, None);
    let mut first_fails = HistoryPages::default();
    assert_eq!(
        first_fails.add(failure()).unwrap_err().kind,
        ErrorKind::Unavailable
    );

    let mut later_fails = HistoryPages::default();
    later_fails
        .add(Ok(numbered_page("b", 20, Some("c1"))))
        .unwrap();
    later_fails.add(failure()).unwrap();
    assert_eq!(later_fails.next_page(), None);
    let track = later_fails.assemble(cj(), "1");
    assert_eq!(track.events.len(), 20);
    assert!(track.older_events_omitted);
}

#[test]
fn errors_in_the_body_are_classified_whatever_the_status() {
    assert_eq!(
        page(
            200,
            include_str!("../fixtures/v2/error-carrier-not-found.json")
        )
        .unwrap_err(),
        (ErrorKind::Invalid, Some(200), "Carrier not found".into())
    );
    assert_eq!(
        page(
            200,
            include_str!("../fixtures/v2/error-self-hosted-internal.json")
        )
        .unwrap_err(),
        (ErrorKind::Unavailable, Some(200), "Internal error".into())
    );
    let with_code = |code: &str, message: &str| {
        format!(
            r#"{{"errors":[{{"message":"{message}","path":["track"],"extensions":{{"code":"{code}"}}}}],"data":{{"track":null}}}}"#
        )
    };
    assert_eq!(
        page(200, &with_code("NOT_FOUND", "운송장 미등록")).unwrap_err(),
        (ErrorKind::NotFound, Some(200), "운송장 미등록".into())
    );
    assert_eq!(
        page(200, &with_code("NOT_FOUND", "")).unwrap_err(),
        (
            ErrorKind::NotFound,
            Some(200),
            "No parcel was found for this tracking number.".into()
        )
    );
    assert_eq!(
        page(200, &with_code("BAD_REQUEST", "형식 오류"))
            .unwrap_err()
            .0,
        ErrorKind::Invalid
    );
    assert_eq!(
        page(
            200,
            &with_code("INTERNAL", "Please try again in a few minutes.")
        )
        .unwrap_err(),
        (
            ErrorKind::Unavailable,
            Some(200),
            "Please try again in a few minutes.".into()
        )
    );
    assert_eq!(
        page(200, &with_code("UNAUTHENTICATED", "no key"))
            .unwrap_err()
            .0,
        ErrorKind::Unauthorized
    );
    assert_eq!(
        page(200, &with_code("FORBIDDEN", "no")).unwrap_err().0,
        ErrorKind::Unauthorized
    );
    assert_eq!(
        page(401, &with_code("UNAUTHENTICATED", "no"))
            .unwrap_err()
            .0,
        ErrorKind::Unauthorized
    );
    assert_eq!(
        page(429, &with_code("INTERNAL", "slow down"))
            .unwrap_err()
            .0,
        ErrorKind::RateLimited
    );
    assert_eq!(
        page(500, r#"{"message":"down"}"#).unwrap_err().0,
        ErrorKind::Unavailable
    );
    assert_eq!(page(502, "<html>").unwrap_err().0, ErrorKind::Unavailable);
}

#[test]
fn a_bad_query_and_bad_bodies_are_bad_responses() {
    assert_eq!(
        page(
            400,
            r#"{"errors":[{"message":"Syntax Error","extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}"#
        )
        .unwrap_err()
        .0,
        ErrorKind::BadResponse
    );
    assert_eq!(
        page(
            400,
            r#"{"errors":[{"message":"Invalid cursor","extensions":{"code":"BAD_REQUEST"}}]}"#
        )
        .unwrap_err()
        .0,
        ErrorKind::BadResponse,
        "HTTP 400 is the widget's own query"
    );
    assert_eq!(page(200, "not json").unwrap_err().0, ErrorKind::BadResponse);
    assert_eq!(
        page(200, r#"{"data":{"track":{"events":{"edges":{}}}}}"#)
            .unwrap_err()
            .0,
        ErrorKind::BadResponse
    );
    assert_eq!(page(404, "{}").unwrap_err().0, ErrorKind::BadResponse);
}

#[test]
fn track_null_without_errors_is_not_found() {
    assert_eq!(
        page(200, r#"{"data":{"track":null}}"#).unwrap_err().0,
        ErrorKind::NotFound
    );
    assert_eq!(
        page(200, r#"{"data":null}"#).unwrap_err().0,
        ErrorKind::NotFound
    );
}

#[test]
fn carriers_pages_and_the_self_hosted_name_rejection() {
    let first = read_carriers_page(
        200,
        answer::<CarriersData>(
            r#"{"data":{"carriers":{"pageInfo":{"hasNextPage":true,"endCursor":"c20"},"edges":[{"node":{"id":"kr.cjlogistics","name":"CJ대한통운"}}]}}}"#,
        ),
    )
    .unwrap();
    assert_eq!(first.next.as_deref(), Some("c20"));
    assert_eq!(first.carriers[0].name.as_deref(), Some("CJ대한통운"));
    let last = read_carriers_page(
        200,
        answer::<CarriersData>(
            r#"{"data":{"carriers":{"pageInfo":{"hasNextPage":false,"endCursor":"c21"},"edges":[{"node":{"id":"kr.epost"}}]}}}"#,
        ),
    )
    .unwrap();
    assert_eq!(last.next, None);
    assert_eq!(last.carriers[0].name, None);

    let rejection = r#"{"errors":[{"message":"Cannot query field \"name\" on type \"Carrier\".","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#;
    assert!(is_name_field_rejection(
        400,
        answer::<CarriersData>(rejection).as_ref()
    ));
    assert!(!is_name_field_rejection(
        200,
        answer::<CarriersData>(rejection).as_ref()
    ));
    let other =
        r#"{"errors":[{"message":"Syntax Error","extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}"#;
    assert!(!is_name_field_rejection(
        400,
        answer::<CarriersData>(other).as_ref()
    ));
    assert_eq!(
        read_carriers_page(400, answer::<CarriersData>(other))
            .unwrap_err()
            .kind,
        ErrorKind::BadResponse
    );
}
