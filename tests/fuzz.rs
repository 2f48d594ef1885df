//! Property tests: the decoders, classifiers and link builders take any input without panicking,
//! and keep their promises (links are http(s), encodings are reversible), 10,000 cases each.
#![cfg(not(target_arch = "wasm32"))]

use delivery_tracker_widget::api::error::{
    classify_status, classify_v1_failure, parse_retry_after, validate_tracking_number, ErrorBody,
    ErrorKind,
};
use delivery_tracker_widget::api::json::{self, FromJson};
use delivery_tracker_widget::api::v1::{track_url, TrackAnswer};
use delivery_tracker_widget::api::v2::{read_carriers_page, read_track_page, Answer};
use delivery_tracker_widget::link::{
    encode_uri_component, form_urlencode, is_http_url, tel_href, tracking_link, LinkSettings,
};
use delivery_tracker_widget::timeline::{group_by_date, parse_moment};
use proptest::prelude::*;
use serde_json::Value;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Arbitrary JSON, biased towards the keys the API uses so decoders go deep.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("carrier".to_owned()),
        Just("state".to_owned()),
        Just("progresses".to_owned()),
        Just("status".to_owned()),
        Just("id".to_owned()),
        Just("text".to_owned()),
        Just("time".to_owned()),
        Just("location".to_owned()),
        Just("name".to_owned()),
        Just("data".to_owned()),
        Just("track".to_owned()),
        Just("errors".to_owned()),
        Just("events".to_owned()),
        Just("edges".to_owned()),
        Just("node".to_owned()),
        Just("pageInfo".to_owned()),
        Just("lastEvent".to_owned()),
        "[a-z]{1,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String("2024-04-25T17:19:20+09:00".into())),
        Just(Value::String("DELIVERED".into())),
        Just(Value::String("out_of_delivery".into())),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn v1_tracks_decode_or_fail_cleanly(value in json(), number in ".{0,20}") {
        if let Ok(answer) = TrackAnswer::from_json(&&value) {
            let track = answer.normalise("kr.epost", &number, None);
            prop_assert_eq!(track.carrier.id.is_empty(), false);
            prop_assert!(track.stage.is_none_or(|s| (1..=5).contains(&s)));
            for event in &track.events {
                if let Some(time) = &event.time { prop_assert!(!time.trim().is_empty()); }
            }
            let _ = group_by_date(track.events.iter().rev());
        }
    }

    #[test]
    fn v2_answers_are_read_without_panics(value in json(), status in 100u16..600) {
        let text = value.to_string();
        let _ = read_track_page(status, json::from_str::<Answer<_>>(&text), Some("5"));
        let _ = read_carriers_page(status, json::from_str::<Answer<_>>(&text));
    }

    #[test]
    fn classification_is_total(status in 0u16..1000, message in proptest::option::of(".{0,30}"), json in any::<bool>(), retry in proptest::option::of(".{0,6}")) {
        let body = match (&message, json) {
            (Some(text), true) => ErrorBody::V1Message(text.clone()),
            (None, true) => ErrorBody::Graphql,
            (_, false) => ErrorBody::Other,
        };
        let error = classify_v1_failure(status, body, retry.as_deref());
        prop_assert!(!error.message.to_string().is_empty());
        prop_assert_eq!(error.http_status, Some(status));
        if (500..600).contains(&status) { prop_assert_eq!(error.kind, ErrorKind::Unavailable); }
        if error.kind != ErrorKind::RateLimited { prop_assert_eq!(error.retry_after_secs, None); }
        let _ = classify_status(status, message, retry.as_deref());
        prop_assert!(parse_retry_after(retry.as_deref()).is_none_or(|s| s <= 60));
    }

    #[test]
    fn links_are_http_and_encode_every_value(carrier in ".{0,30}", number in ".{0,30}", template in ".{0,40}", client in proptest::option::of(".{0,12}")) {
        let settings = LinkSettings { fallback_href: Some(template), link_client_id: client };
        let (link, _) = tracking_link(&settings, &carrier, &number, |url| Some(url.to_owned()));
        if let Some(link) = link {
            prop_assert!(is_http_url(&link));
        } else {
            prop_assert!(carrier.trim().is_empty() || number.trim().is_empty());
        }
    }

    #[test]
    fn encodings_keep_only_safe_characters(text in "\\PC{0,40}") {
        let component = encode_uri_component(&text);
        prop_assert!(component.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()%".contains(&b)));
        let form = form_urlencode(&text);
        prop_assert!(form.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-._%+".contains(&b)));
        let url = track_url("https://apis.tracker.delivery", &text, &text);
        prop_assert_eq!(url.matches('/').count(), 6, "values never add path segments");
        prop_assert!(!url.contains('#') && !url.contains('?'));
    }

    #[test]
    fn times_phones_and_numbers_never_panic(text in "\\PC{0,40}") {
        if let Some(m) = parse_moment(&text) {
            prop_assert!((1..=12).contains(&m.month) && (1..=31).contains(&m.day) && m.hour < 24);
        }
        if let Some(href) = tel_href(&text) {
            prop_assert!(href.starts_with("tel:+"));
            prop_assert!(href[5..].bytes().all(|b| b.is_ascii_digit()));
        }
        if let Ok(number) = validate_tracking_number(&text) {
            prop_assert!(number != "." && number != ".." && !number.is_empty());
        }
    }
}
