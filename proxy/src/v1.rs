//! The seed's v1 REST API, translated from v2 answers: its shapes and its error conventions.

use bytes::Bytes;
use delivery_tracker_widget::api::error::{ApiError, ErrorKind};
use delivery_tracker_widget::track::Carrier;
use delivery_tracker_widget::track::{Status, Track};
use serde_json::{json, Map, Value};

/// The message of the open-source v1 server for an unknown carrier (the widget reads it so).
pub const UNSUPPORTED_CARRIER: &str = "not supported carrier";
/// The v2 message for an unknown carrier.
const V2_CARRIER_NOT_FOUND: &str = "Carrier not found";

/// A track in the seed's shape. `lastEvent` becomes `state`; progresses stay oldest first, in
/// upstream order; v2-only statuses get their lowercase v2 code as the id.
pub fn track_json(track: &Track) -> Value {
    let progresses: Vec<Value> = track
        .events
        .iter()
        .map(|event| {
            json!({
                "time": event.time,
                "status": status_json(&event.status),
                "location": { "name": event.location },
                "description": event.description,
            })
        })
        .collect();
    json!({
        "carrier": carrier_json(&Carrier {
            id: track.carrier.id.clone(),
            name: track.carrier.name.clone(),
            tel: track.carrier.tel.clone(),
        }),
        "from": { "name": track.from.name, "time": track.from.time },
        "to": { "name": track.to.name, "time": track.to.time },
        "state": status_json(&track.status),
        "progresses": progresses,
    })
}

fn status_json(status: &Status) -> Value {
    json!({ "id": status.code.v1_id(), "text": status.text })
}

/// `{id, name, tel}`, `tel` left out when unknown (as the seed's list does).
pub fn carrier_json(carrier: &Carrier) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(carrier.id));
    object.insert(
        "name".into(),
        json!(carrier.name.as_deref().unwrap_or(&carrier.id)),
    );
    if let Some(tel) = &carrier.tel {
        object.insert("tel".into(), json!(tel));
    }
    Value::Object(object)
}

pub fn error_body(message: &str) -> Bytes {
    Bytes::from(json!({ "message": message }).to_string())
}

/// How a v1 route answers an upstream error.
#[derive(Debug, PartialEq)]
pub enum ErrorAnswer {
    /// About the parcel (not found, refused): cached briefly.
    Parcel { status: u16, message: String },
    /// The API could not serve: not cached, and an earlier answer is served stale instead.
    Unavailable {
        status: u16,
        message: String,
        retry_after: Option<u64>,
    },
}

/// The status and message of the v1 API for an error, as the spec's API notes give them.
pub fn error_answer(error: &ApiError) -> ErrorAnswer {
    let unavailable = |status, message: &str, retry_after| ErrorAnswer::Unavailable {
        status,
        message: message.to_owned(),
        retry_after,
    };
    match error.kind {
        ErrorKind::Invalid if error.message.to_string() == V2_CARRIER_NOT_FOUND => {
            ErrorAnswer::Parcel {
                status: 404,
                message: UNSUPPORTED_CARRIER.into(),
            }
        }
        ErrorKind::Invalid => ErrorAnswer::Parcel {
            status: 400,
            message: error.message.to_string(),
        },
        ErrorKind::NotFound => ErrorAnswer::Parcel {
            status: 404,
            message: error.message.to_string(),
        },
        ErrorKind::RateLimited => unavailable(
            429,
            "The tracking API is rate limiting requests: try again later.",
            Some(error.retry_after_secs.map_or(30, u64::from)),
        ),
        ErrorKind::Unauthorized => {
            unavailable(502, "The tracking API refused the proxy's API key.", None)
        }
        ErrorKind::Timeout => unavailable(504, "The tracking API did not answer in time.", None),
        ErrorKind::BadResponse => unavailable(
            502,
            "The tracking API answered with an unexpected body.",
            None,
        ),
        ErrorKind::Unavailable => unavailable(503, "Please try again in a few minutes", None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use delivery_tracker_widget::api::error::Message;
    use delivery_tracker_widget::status::StatusCode;
    use delivery_tracker_widget::track::{Carrier, Event, Party};

    fn event(time: &str, code: StatusCode, text: &str, location: Option<&str>) -> Event {
        Event {
            time: Some(time.into()),
            status: Status {
                code,
                text: Some(text.into()),
            },
            location: location.map(str::to_owned),
            description: None,
        }
    }

    #[test]
    fn a_track_in_the_seed_shape() {
        let track = Track {
            carrier: Carrier {
                id: "kr.cjlogistics".into(),
                name: Some("CJ대한통운".into()),
                tel: Some("+8215881255".into()),
            },
            tracking_number: "1234567890".into(),
            status: Status {
                code: StatusCode::AttemptFail,
                text: Some("배달실패".into()),
            },
            stage: Some(4),
            from: Party {
                name: Some("김*수".into()),
                time: None,
            },
            to: Party::default(),
            events: vec![
                event(
                    "2024-04-25T09:17:56+09:00",
                    StatusCode::OutForDelivery,
                    "배송출발",
                    Some("충북보은"),
                ),
                Event {
                    description: Some("부재".into()),
                    ..event(
                        "2024-04-25T17:19:20+09:00",
                        StatusCode::AttemptFail,
                        "배달실패",
                        None,
                    )
                },
            ],
            older_events_omitted: false,
            stale: false,
            fetched_at: None,
        };
        assert_eq!(
            track_json(&track),
            json!({
                "carrier": {"id": "kr.cjlogistics", "name": "CJ대한통운", "tel": "+8215881255"},
                "from": {"name": "김*수", "time": null},
                "to": {"name": null, "time": null},
                "state": {"id": "attempt_fail", "text": "배달실패"},
                "progresses": [
                    {"time": "2024-04-25T09:17:56+09:00", "status": {"id": "out_for_delivery", "text": "배송출발"},
                     "location": {"name": "충북보은"}, "description": null},
                    {"time": "2024-04-25T17:19:20+09:00", "status": {"id": "attempt_fail", "text": "배달실패"},
                     "location": {"name": null}, "description": "부재"}
                ]
            })
        );
    }

    #[test]
    fn unknown_statuses_have_no_id_but_keep_their_text() {
        let status = Status {
            code: StatusCode::Unknown,
            text: Some("보관중".into()),
        };
        assert_eq!(status_json(&status), json!({"id": null, "text": "보관중"}));
    }

    #[test]
    fn carriers_without_a_phone_leave_tel_out() {
        let carrier = Carrier {
            id: "kr.coupangls".into(),
            name: Some("쿠팡 로지스틱스 서비스".into()),
            tel: None,
        };
        assert_eq!(
            carrier_json(&carrier),
            json!({"id": "kr.coupangls", "name": "쿠팡 로지스틱스 서비스"})
        );
        let nameless = Carrier {
            id: "xx.local".into(),
            name: None,
            tel: None,
        };
        assert_eq!(
            carrier_json(&nameless),
            json!({"id": "xx.local", "name": "xx.local"})
        );
    }

    #[test]
    fn errors_get_the_v1_statuses() {
        let error =
            |kind, message: &str| ApiError::new(kind, Some(200), Message::Api(message.into()));
        assert_eq!(
            error_answer(&error(ErrorKind::Invalid, "Carrier not found")),
            ErrorAnswer::Parcel {
                status: 404,
                message: "not supported carrier".into()
            }
        );
        assert_eq!(
            error_answer(&error(
                ErrorKind::Invalid,
                "운송장 번호 형식이 올바르지 않습니다."
            )),
            ErrorAnswer::Parcel {
                status: 400,
                message: "운송장 번호 형식이 올바르지 않습니다.".into()
            }
        );
        assert_eq!(
            error_answer(&error(ErrorKind::NotFound, "운송장이 등록되지 않았습니다.")),
            ErrorAnswer::Parcel {
                status: 404,
                message: "운송장이 등록되지 않았습니다.".into()
            }
        );
        let limited = ApiError {
            retry_after_secs: Some(2),
            ..error(ErrorKind::RateLimited, "")
        };
        assert_eq!(
            error_answer(&limited),
            ErrorAnswer::Unavailable {
                status: 429,
                message: "The tracking API is rate limiting requests: try again later.".into(),
                retry_after: Some(2)
            }
        );
        let statuses: Vec<u16> = [
            ErrorKind::Unavailable,
            ErrorKind::Timeout,
            ErrorKind::BadResponse,
            ErrorKind::Unauthorized,
        ]
        .into_iter()
        .map(|kind| match error_answer(&error(kind, "x")) {
            ErrorAnswer::Unavailable { status, .. } => status,
            other => panic!("{other:?}"),
        })
        .collect();
        assert_eq!(statuses, [503, 504, 502, 502]);
    }
}
