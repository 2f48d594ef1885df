//! Fetching from the API, one module per API version, mirroring `crate::api::v1` and
//! `crate::api::v2` (which build the requests and read the answers). Adding a version is a module
//! here and one arm in [`of`].

mod v1;
mod v2;

use super::client::TrackRequest;
use crate::api::error::ApiError;
use crate::api::{ApiVersion, Endpoint};
use crate::track::Carrier;
use crate::track::Track;
use futures::future::LocalBoxFuture;
use web_sys::AbortController;

/// What the widget fetches from every API version. `controller` aborts the requests.
pub trait Api {
    /// One parcel's track, its carrier's name and phone completed.
    fn track<'a>(
        &self,
        request: &'a TrackRequest,
        controller: &'a AbortController,
    ) -> LocalBoxFuture<'a, Result<Track, ApiError>>;

    /// The carriers list, as the API gives it.
    fn carriers<'a>(
        &self,
        endpoint: &'a Endpoint,
        controller: &'a AbortController,
    ) -> LocalBoxFuture<'a, Result<Vec<Carrier>, ApiError>>;
}

/// The module of an API version.
pub fn of(version: ApiVersion) -> &'static dyn Api {
    match version {
        ApiVersion::V1 => &v1::V1,
        ApiVersion::V2 => &v2::V2,
    }
}
