//! The normalised result (`data`): one shape for both API versions.

use crate::status::{current_stage, StatusCode};
use serde::{Deserialize, Serialize};

/// The normalised result: the element's `data`, and `dt-load`'s `detail.data`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DeliveryTrackerData"))]
#[serde(rename_all = "camelCase")]
pub struct Track {
    pub carrier: Carrier,
    pub tracking_number: String,
    pub status: Status,
    /// 1 (received) to 5 (delivered), or `null` when no main stage is known.
    #[cfg_attr(test, ts(type = "1 | 2 | 3 | 4 | 5 | null"))]
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
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct StaleMark {
    pub fetched_at: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DeliveryTrackerCarrier"))]
pub struct Carrier {
    pub id: String,
    pub name: Option<String>,
    pub tel: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DeliveryTrackerStatus"))]
pub struct Status {
    pub code: StatusCode,
    /// The carrier's own words for the status, as given.
    pub text: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DeliveryTrackerParty"))]
pub struct Party {
    pub name: Option<String>,
    pub time: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DeliveryTrackerEvent"))]
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
