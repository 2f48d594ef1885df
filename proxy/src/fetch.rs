//! Upstream work behind each route, decoded with the widget's own core: the answer to cache, or
//! the failure to pass on.

use std::sync::Arc;

use bytes::Bytes;
use delivery_tracker_widget::api::carrier_table::complete;
use delivery_tracker_widget::api::error::{ApiError, ErrorKind};
use delivery_tracker_widget::api::json::{self, FromJson};
use delivery_tracker_widget::api::v2::{
    carriers_request_body, is_name_field_rejection, read_carriers_page, read_track_page,
    track_request_body, Answer as GraphqlAnswer, CarriersData, HistoryPages, TrackData,
};
use delivery_tracker_widget::status::StatusCode;
use delivery_tracker_widget::track::{present, Carrier};

use crate::cache::{Answer, Failure, Freshness, Ttl};
use crate::upstream::{Upstream, UpstreamAnswer};
use crate::{graphql, v1};

/// More carriers than any server has (pages of 20): a cursor that never ends stops here.
const MAX_CARRIER_PAGES: usize = 50;
/// When upstream says 429 without a readable `Retry-After`.
const DEFAULT_RETRY_AFTER_SECS: u64 = 30;

pub struct Fetcher {
    pub upstream: Upstream,
    pub ttl: Ttl,
}

fn decode<T: FromJson>(answer: &UpstreamAnswer) -> Option<GraphqlAnswer<T>> {
    json::from_slice(&answer.body)
}

fn v1_failure(error: &ApiError, ttl: &Ttl) -> Result<Answer, Failure> {
    match v1::error_answer(error) {
        v1::ErrorAnswer::Parcel { status, message } => Ok(Answer::new(
            status,
            v1::error_body(&message),
            Freshness::NotFound,
            ttl,
        )),
        v1::ErrorAnswer::Unavailable {
            status,
            message,
            retry_after,
        } => Err(Failure {
            status,
            body: v1::error_body(&message),
            retry_after,
        }),
    }
}

fn json_bytes(value: &serde_json::Value) -> Bytes {
    Bytes::from(value.to_string())
}

impl Fetcher {
    /// The carriers list in the v1 shape: names from upstream where it has them (the cloud),
    /// else from the widget's carrier table, phone numbers from the table.
    pub async fn v1_carriers(self: Arc<Self>) -> Result<Answer, Failure> {
        let list = self.carriers_list().await.map_err(|error| {
            match v1::error_answer(&error) {
                v1::ErrorAnswer::Unavailable {
                    status,
                    message,
                    retry_after,
                } => Failure {
                    status,
                    body: v1::error_body(&message),
                    retry_after,
                },
                // The list cannot be "not found": upstream misbehaved.
                v1::ErrorAnswer::Parcel { .. } => Failure {
                    status: 502,
                    body: v1::error_body("The tracking API answered with an unexpected body."),
                    retry_after: None,
                },
            }
        })?;
        let carriers: Vec<serde_json::Value> = list
            .into_iter()
            .map(|carrier| v1::carrier_json(&complete(carrier)))
            .collect();
        Ok(Answer::new(
            200,
            json_bytes(&serde_json::Value::Array(carriers)),
            Freshness::Carriers,
            &self.ttl,
        ))
    }

    async fn carriers_list(&self) -> Result<Vec<Carrier>, ApiError> {
        let mut with_names = true;
        let mut after: Option<String> = None;
        let mut list = Vec::new();
        for _ in 0..MAX_CARRIER_PAGES {
            let answer = self
                .upstream
                .post(carriers_request_body(after.as_deref(), with_names))
                .await?;
            let decoded = decode::<CarriersData>(&answer);
            if with_names && is_name_field_rejection(answer.status, decoded.as_ref()) {
                // A self-hosted server: ask again for ids only.
                with_names = false;
                after = None;
                list.clear();
                continue;
            }
            let page = read_carriers_page(answer.status, decoded)?;
            list.extend(page.carriers);
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(list),
            }
        }
        Ok(list)
    }

    /// A v1 track: the history paged back to the newest 500 events, in the seed's shape.
    pub async fn v1_track(
        self: Arc<Self>,
        carrier: Carrier,
        tracking_number: String,
    ) -> Result<Answer, Failure> {
        let mut history = HistoryPages::default();
        while let Some(before) = history.next_page() {
            let body = track_request_body(&carrier.id, &tracking_number, before);
            let page = match self.upstream.post(body).await {
                Ok(answer) => read_track_page(
                    answer.status,
                    decode::<TrackData>(&answer),
                    answer.retry_after.as_deref(),
                ),
                Err(error) => Err(error),
            };
            if let Err(error) = history.add(page) {
                return v1_failure(&error, &self.ttl);
            }
        }
        let track = history.assemble(
            Carrier {
                id: carrier.id.clone(),
                name: present(carrier.name),
                tel: present(carrier.tel),
            },
            &tracking_number,
        );
        let freshness = if track.status.code == StatusCode::Delivered {
            Freshness::Delivered
        } else {
            Freshness::InTransit
        };
        Ok(Answer::new(
            200,
            json_bytes(&v1::track_json(&track)),
            freshness,
            &self.ttl,
        ))
    }

    /// One page of a v2 track, as upstream answered it.
    pub async fn v2_track(
        self: Arc<Self>,
        carrier_id: String,
        tracking_number: String,
        before: Option<String>,
    ) -> Result<Answer, Failure> {
        let body = track_request_body(&carrier_id, &tracking_number, before.as_deref());
        let answer = self.upstream.post(body).await.map_err(v2_failure)?;
        let decoded = read_track_page(
            answer.status,
            decode::<TrackData>(&answer),
            answer.retry_after.as_deref(),
        );
        let freshness = match decoded {
            Ok(page) => {
                let delivered = page
                    .head
                    .last_event
                    .and_then(|event| event.status?.code)
                    .is_some_and(|code| code == "DELIVERED");
                if delivered {
                    Freshness::Delivered
                } else {
                    Freshness::InTransit
                }
            }
            Err(error) if matches!(error.kind, ErrorKind::NotFound | ErrorKind::Invalid) => {
                Freshness::NotFound
            }
            Err(error) => return Err(passed_on(answer, &error)),
        };
        Ok(Answer::new(
            answer.status,
            answer.body,
            freshness,
            &self.ttl,
        ))
    }

    /// One page of the v2 carriers list, as upstream answered it. A self-hosted server's
    /// refusal of `Carrier.name` is an answer too: the widget asks again for ids.
    pub async fn v2_carriers(
        self: Arc<Self>,
        after: Option<String>,
        with_names: bool,
    ) -> Result<Answer, Failure> {
        let body = carriers_request_body(after.as_deref(), with_names);
        let answer = self.upstream.post(body).await.map_err(v2_failure)?;
        let decoded = decode::<CarriersData>(&answer);
        if !is_name_field_rejection(answer.status, decoded.as_ref()) {
            if let Err(error) = read_carriers_page(answer.status, decoded) {
                return Err(passed_on(answer, &error));
            }
        }
        Ok(Answer::new(
            answer.status,
            answer.body,
            Freshness::Carriers,
            &self.ttl,
        ))
    }
}

/// An upstream error answer goes to the widget as upstream gave it (the widget classifies
/// it), with a `Retry-After` for a 429.
fn passed_on(answer: UpstreamAnswer, error: &ApiError) -> Failure {
    let retry_after = (error.kind == ErrorKind::RateLimited).then(|| {
        error
            .retry_after_secs
            .map_or(DEFAULT_RETRY_AFTER_SECS, u64::from)
    });
    Failure {
        status: answer.status,
        body: answer.body,
        retry_after,
    }
}

/// No HTTP answer came from upstream (or the quota had no room): a GraphQL error of our own.
fn v2_failure(error: ApiError) -> Failure {
    let (status, message, retry_after) = match error.kind {
        ErrorKind::Timeout => (504, "The tracking API did not answer in time.", None),
        ErrorKind::RateLimited => (
            429,
            "The tracking API is rate limiting requests: try again later.",
            Some(
                error
                    .retry_after_secs
                    .map_or(DEFAULT_RETRY_AFTER_SECS, u64::from),
            ),
        ),
        ErrorKind::BadResponse => (
            502,
            "The tracking API answered with an unexpected body.",
            None,
        ),
        _ => (502, "The tracking API could not be reached.", None),
    };
    Failure {
        status,
        body: graphql::error_body(message, "INTERNAL"),
        retry_after,
    }
}
