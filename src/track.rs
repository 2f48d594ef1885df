//! The normalised result (`data`): one shape for both API versions.

use crate::api::json::{Decoded, Fields, FromJson, Json, ObjectWriter, ToJson};
use crate::status::{current_stage, StatusCode};

/// The normalised result: the element's `data`, and `dt-load`'s `detail.data`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DeliveryTrackerData", rename_all = "camelCase")
)]
pub struct Track {
    pub carrier: Carrier,
    pub tracking_number: String,
    pub status: Status,
    /// 1 (received) to 5 (delivered), or `null` when no main stage is known.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "1 | 2 | 3 | 4 | 5 | null")
    )]
    pub stage: Option<u8>,
    pub from: Party,
    pub to: Party,
    /// Oldest first.
    pub events: Vec<Event>,
    /// The history was cut at the widget's cap; older events exist but are not shown.
    pub older_events_omitted: bool,
    /// The answer came from a proxy's cache because the API could not serve.
    pub stale: bool,
    /// When a stale answer was fetched from the API (RFC 3339, as the proxy wrote it).
    pub fetched_at: Option<String>,
}

/// A proxy's mark on an answer it served from its cache because the API could not serve:
/// `"stale": {"fetchedAt": "<RFC 3339>"}` (v1: at the top level; v2: under `extensions`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StaleMark {
    pub fetched_at: Option<String>,
}

/// A carrier: a track's, or an entry of the carriers list (and of the stored list).
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DeliveryTrackerCarrier")
)]
pub struct Carrier {
    pub id: String,
    pub name: Option<String>,
    pub tel: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DeliveryTrackerStatus")
)]
pub struct Status {
    pub code: StatusCode,
    /// The carrier's own words for the status, as given.
    pub text: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DeliveryTrackerParty")
)]
pub struct Party {
    pub name: Option<String>,
    pub time: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "DeliveryTrackerEvent")
)]
pub struct Event {
    /// ISO 8601 with the offset the carrier gave.
    pub time: Option<String>,
    pub status: Status,
    pub location: Option<String>,
    pub description: Option<String>,
}

impl Track {
    pub fn latest_event(&self) -> Option<&Event> {
        self.events.last()
    }

    /// The delivery time, once delivered: `to.time`, else the newest delivered event's time.
    pub fn delivered_at(&self) -> Option<&str> {
        if self.status.code != StatusCode::Delivered {
            return None;
        }
        self.to.time.as_deref().or_else(|| {
            self.events
                .iter()
                .rev()
                .find(|event| event.status.code == StatusCode::Delivered)
                .and_then(|event| event.time.as_deref())
        })
    }

    /// Takes the proxy's stale mark, when the answer carried one.
    pub(crate) fn marked(mut self, mark: Option<StaleMark>) -> Self {
        self.stale = mark.is_some();
        self.fetched_at = mark.and_then(|mark| present(mark.fetched_at));
        self
    }

    /// Derives `stage` from the status and the history.
    pub(crate) fn with_stage(mut self) -> Self {
        let history: Vec<StatusCode> = self.events.iter().map(|e| e.status.code).collect();
        self.stage = current_stage(self.status.code, &history);
        self
    }
}

/// Empty strings (and strings of only whitespace) count as missing: the API uses `""`, `null`
/// and absent fields interchangeably.
pub fn present(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.trim().is_empty())
}

/// A carrier as the carriers lists give it (v1's list, v2's nodes): `id` is required.
impl FromJson for Carrier {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            id: fields.required("id"),
            name: fields.get("name"),
            tel: fields.get("tel"),
        })
    }
}

impl FromJson for StaleMark {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            fetched_at: fields.get("fetchedAt"),
        })
    }
}

/// `data`: the normalised result as the element's properties and events give it, camelCase,
/// missing values as `null`.
impl ToJson for Track {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("carrier", &self.carrier)
            .field("trackingNumber", &self.tracking_number)
            .field("status", &self.status)
            .field("stage", &self.stage)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("events", &self.events)
            .field("olderEventsOmitted", &self.older_events_omitted)
            .field("stale", &self.stale)
            .field("fetchedAt", &self.fetched_at)
            .end();
    }
}

impl ToJson for Carrier {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("id", &self.id)
            .field("name", &self.name)
            .field("tel", &self.tel)
            .end();
    }
}

impl ToJson for Status {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("code", &self.code)
            .field("text", &self.text)
            .end();
    }
}

impl ToJson for Party {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("name", &self.name)
            .field("time", &self.time)
            .end();
    }
}

impl ToJson for Event {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("time", &self.time)
            .field("status", &self.status)
            .field("location", &self.location)
            .field("description", &self.description)
            .end();
    }
}
