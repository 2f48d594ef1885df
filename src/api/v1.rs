//! v1 REST: `GET {base}/carriers` and `GET {base}/carriers/{carrier}/tracks/{number}`.

use super::error::ErrorBody;
use super::json::{Decoded, Fields, FromJson, Ignored, Json};
use crate::link::encode_uri_component;
use crate::status::StatusCode;
use crate::track::{present, Carrier, Event, Party, StaleMark, Status, Track};

/// A v1 track answer. Every field may be missing, `null`, `""` or `{}` depending on the carrier;
/// a field of the wrong type fails decoding (that is a bad response, not a parcel).
#[derive(Debug, Default)]
pub struct TrackAnswer {
    pub carrier: Option<CarrierField>,
    pub from: Option<PartyField>,
    pub to: Option<PartyField>,
    pub state: Option<StatusField>,
    pub progresses: Option<Vec<Progress>>,
    /// A proxy's mark: served from its cache because the API could not serve.
    pub stale: Option<StaleMark>,
}

#[derive(Debug, Default)]
pub struct CarrierField {
    pub id: Option<String>,
    pub name: Option<String>,
    pub tel: Option<String>,
}

#[derive(Debug, Default)]
pub struct PartyField {
    pub name: Option<String>,
    pub time: Option<String>,
}

#[derive(Debug, Default)]
pub struct StatusField {
    pub id: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Default)]
pub struct Progress {
    pub time: Option<String>,
    pub status: Option<StatusField>,
    pub location: Option<LocationField>,
    pub description: Option<String>,
}

#[derive(Debug, Default)]
pub struct LocationField {
    pub name: Option<String>,
}

/// The body of a v1 answer that is not a track: v1's `{"message": "…"}`, or a GraphQL
/// server's `{"errors": […]}` when a v1 request reached a v2 server.
#[derive(Debug, Default)]
pub struct ErrorAnswer {
    pub message: Option<String>,
    pub errors: Option<Vec<Ignored>>,
}

impl FromJson for TrackAnswer {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            carrier: fields.get("carrier"),
            from: fields.get("from"),
            to: fields.get("to"),
            state: fields.get("state"),
            progresses: fields.get("progresses"),
            stale: fields.get("stale"),
        })
    }
}

impl FromJson for CarrierField {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            id: fields.get("id"),
            name: fields.get("name"),
            tel: fields.get("tel"),
        })
    }
}

impl FromJson for PartyField {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            name: fields.get("name"),
            time: fields.get("time"),
        })
    }
}

impl FromJson for StatusField {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            id: fields.get("id"),
            text: fields.get("text"),
        })
    }
}

impl FromJson for Progress {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            time: fields.get("time"),
            status: fields.get("status"),
            location: fields.get("location"),
            description: fields.get("description"),
        })
    }
}

impl FromJson for LocationField {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            name: fields.get("name"),
        })
    }
}

impl FromJson for ErrorAnswer {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            message: fields.get("message"),
            errors: fields.get("errors"),
        })
    }
}

impl ErrorAnswer {
    /// What the body is, for classifying the failure; `None` (not JSON of either shape) is
    /// `ErrorBody::Other`.
    pub fn body(answer: Option<Self>) -> ErrorBody {
        match answer {
            Some(Self {
                message: Some(text),
                ..
            }) => ErrorBody::V1Message(text),
            Some(Self {
                errors: Some(_), ..
            }) => ErrorBody::Graphql,
            _ => ErrorBody::Other,
        }
    }
}

pub fn carriers_url(base: &str) -> String {
    let mut url = base.trim_end_matches('/').to_owned();
    url.push_str("/carriers");
    url
}

pub fn track_url(base: &str, carrier: &str, tracking_number: &str) -> String {
    let mut url = carriers_url(base);
    for segment in [carrier, "tracks", tracking_number] {
        url.push('/');
        url.push_str(&encode_uri_component(segment));
    }
    url
}

fn status_of(field: Option<StatusField>) -> Option<Status> {
    let field = field?;
    let id = present(field.id);
    let text = present(field.text);
    if id.is_none() && text.is_none() {
        return None;
    }
    Some(Status {
        code: id
            .as_deref()
            .map_or(StatusCode::Unknown, StatusCode::from_v1_id),
        text,
    })
}

fn party_of(field: Option<PartyField>) -> Party {
    let field = field.unwrap_or_default();
    Party {
        name: present(field.name),
        time: present(field.time),
    }
}

impl TrackAnswer {
    /// Normalises the answer. `carrier_id` and `tracking_number` are what was asked for; a carrier
    /// name or phone the track lacks comes from `known_carrier` (the carriers list) when given.
    pub fn normalise(
        self,
        carrier_id: &str,
        tracking_number: &str,
        known_carrier: Option<&Carrier>,
    ) -> Track {
        let carrier = self.carrier.unwrap_or_default();
        let events: Vec<Event> = self
            .progresses
            .unwrap_or_default()
            .into_iter()
            .map(|progress| Event {
                time: present(progress.time),
                status: status_of(progress.status).unwrap_or(Status {
                    code: StatusCode::Unknown,
                    text: None,
                }),
                location: progress.location.and_then(|l| present(l.name)),
                description: present(progress.description),
            })
            .collect();
        // The current status is `state` when it has an id, else the newest event with a status.
        let status = self
            .state
            .filter(|state| present(state.id.clone()).is_some())
            .and_then(|state| status_of(Some(state)))
            .or_else(|| {
                events
                    .iter()
                    .rev()
                    .map(|event| &event.status)
                    .find(|status| status.code != StatusCode::Unknown || status.text.is_some())
                    .cloned()
            })
            .unwrap_or(Status {
                code: StatusCode::Unknown,
                text: None,
            });
        Track {
            carrier: Carrier {
                id: present(carrier.id).unwrap_or_else(|| carrier_id.to_owned()),
                name: present(carrier.name)
                    .or_else(|| known_carrier.and_then(|c| present(c.name.clone()))),
                tel: present(carrier.tel)
                    .or_else(|| known_carrier.and_then(|c| present(c.tel.clone()))),
            },
            tracking_number: tracking_number.to_owned(),
            status,
            stage: None,
            from: party_of(self.from),
            to: party_of(self.to),
            events,
            older_events_omitted: false,
            stale: false,
            fetched_at: None,
        }
        .with_stage()
        .marked(self.stale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(json: &str) -> Track {
        let answer: TrackAnswer = crate::api::json::from_str(json).expect("a v1 track");
        answer.normalise("kr.cjlogistics", "1234567890", None)
    }

    const DELIVERED: &str = r#"{"carrier":{"id":"kr.cjlogistics","name":"CJ대한통운"},
        "state":{"id":"delivered","text":"배송완료"},
        "progresses":[{"time":"2024-04-25T17:19:20+09:00","status":{"id":"delivered","text":"배송완료"}}]"#;

    #[test]
    fn a_proxy_stale_mark_at_the_top_level_is_kept() {
        let track = normalise(&format!(
            r#"{DELIVERED},"stale":{{"fetchedAt":"2026-12-01T18:30:00+09:00"}}}}"#
        ));
        assert!(track.stale);
        assert_eq!(
            track.fetched_at.as_deref(),
            Some("2026-12-01T18:30:00+09:00")
        );
        assert_eq!(track.status.code, StatusCode::Delivered);
        let marked_without_time = normalise(&format!(r#"{DELIVERED},"stale":{{}}}}"#));
        assert!(marked_without_time.stale);
        assert_eq!(marked_without_time.fetched_at, None);
    }

    #[test]
    fn an_answer_without_the_mark_is_fresh() {
        let track = normalise(&format!("{DELIVERED}}}"));
        assert!(!track.stale);
        assert_eq!(track.fetched_at, None);
    }

    #[test]
    fn error_bodies_are_told_apart() {
        let body = |json: &str| ErrorAnswer::body(crate::api::json::from_str(json));
        assert_eq!(
            body(r#"{"message":"not supported carrier"}"#),
            ErrorBody::V1Message("not supported carrier".into())
        );
        assert_eq!(
            body(r#"{"errors":[{"message":"Internal error","extensions":{"code":"INTERNAL"}}]}"#),
            ErrorBody::Graphql
        );
        assert_eq!(body("{}"), ErrorBody::Other);
        assert_eq!(body(r#"{"message":5}"#), ErrorBody::Other);
    }
}
