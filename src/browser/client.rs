//! Fetching a track, shared between elements and reused for 30 seconds.

use super::api;
use super::carriers::{self, not_listed};
use super::shared::SharedRequests;
use crate::api::error::ApiError;
use crate::api::Endpoint;
use crate::track::Track;
use futures::FutureExt;
use std::rc::Rc;
use std::sync::Arc;

/// How long a result is reused for an identical request.
const REUSE_MILLIS: f64 = 30_000.0;

thread_local! {
    static TRACKS: Rc<SharedRequests<Arc<Track>>> = SharedRequests::new(REUSE_MILLIS, false);
}

#[derive(Clone, Debug)]
pub struct TrackRequest {
    pub endpoint: Endpoint,
    pub carrier: String,
    pub tracking_number: String,
    /// A refresh: HTTP caches on the way revalidate (`cache: "no-cache"`).
    pub revalidate: bool,
}

impl TrackRequest {
    /// Identical requests (same API, base, parcel, and key or no key) share one fetch. The key
    /// stays in memory only.
    fn sharing_key(&self) -> String {
        let endpoint = &self.endpoint;
        [
            endpoint.version.as_str(),
            &endpoint.base,
            &self.carrier,
            &self.tracking_number,
            endpoint.api_key.as_deref().unwrap_or(""),
        ]
        .join("\n")
    }
}

/// The track, from a request in flight, a result of the last 30 seconds (unless `fresh`), or a
/// new fetch.
pub async fn track(request: TrackRequest, fresh: bool) -> Result<Arc<Track>, ApiError> {
    if let Some(error) = not_listed(carriers::known(&request.endpoint), &request.carrier) {
        return Err(error);
    }
    let requests = TRACKS.with(Rc::clone);
    requests
        .get(request.sharing_key(), fresh, move |controller| {
            async move {
                api::of(request.endpoint.version)
                    .track(&request, &controller)
                    .await
                    .map(Arc::new)
            }
            .boxed_local()
        })
        .await
}
