//! v1 REST: `GET {base}/carriers/{carrier}/tracks/{number}` and `GET {base}/carriers`.

use super::Api;
use crate::api::error::{classify_v1_failure, ApiError, Message, Own};
use crate::api::v1::{carriers_url, track_url, ErrorAnswer, TrackAnswer};
use crate::api::Endpoint;
use crate::browser::carriers::carrier_info;
use crate::browser::client::TrackRequest;
use crate::browser::http::{self, decode, HttpAnswer, HttpRequest};
use crate::browser::warn;
use crate::track::Carrier;
use crate::track::Track;
use futures::future::{FutureExt, LocalBoxFuture};
use std::cell::Cell;
use web_sys::AbortController;

pub struct V1;

thread_local! {
    /// Whether the page's developer was told that a v1 request reached a GraphQL server.
    static WARNED_GRAPHQL_ON_V1: Cell<bool> = const { Cell::new(false) };
}

impl Api for V1 {
    fn track<'a>(
        &self,
        request: &'a TrackRequest,
        controller: &'a AbortController,
    ) -> LocalBoxFuture<'a, Result<Track, ApiError>> {
        track(request, controller).boxed_local()
    }

    fn carriers<'a>(
        &self,
        endpoint: &'a Endpoint,
        controller: &'a AbortController,
    ) -> LocalBoxFuture<'a, Result<Vec<Carrier>, ApiError>> {
        carriers(endpoint, controller).boxed_local()
    }
}

/// A `GET`; an answer outside 2xx is the failure its status and body say.
async fn get(
    endpoint: &Endpoint,
    url: &str,
    revalidate: bool,
    controller: &AbortController,
) -> Result<HttpAnswer, ApiError> {
    let request = HttpRequest {
        endpoint,
        url,
        body: None,
        revalidate,
    };
    let answer = http::send(&request, controller).await?;
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    Err(classify_v1_failure(
        answer.status,
        ErrorAnswer::body(decode(answer.json)),
        answer.retry_after.as_deref(),
    ))
}

/// Tells the page's developer, once per page, that a v1 track request reached a GraphQL server.
fn warn_if_graphql(endpoint: &Endpoint, error: &ApiError) {
    if matches!(error.message, Message::Own(Own::GraphqlOnV1(_)))
        && !WARNED_GRAPHQL_ON_V1.replace(true)
    {
        warn(&[
            "the API at ",
            &endpoint.base,
            " answered a v1 request with a GraphQL error: it is a v2 server, so set api-version=\"v2\".",
        ]
        .concat());
    }
}

async fn track(request: &TrackRequest, controller: &AbortController) -> Result<Track, ApiError> {
    let endpoint = &request.endpoint;
    let url = track_url(&endpoint.base, &request.carrier, &request.tracking_number);
    let answer = get(endpoint, &url, request.revalidate, controller)
        .await
        .inspect_err(|error| warn_if_graphql(endpoint, error))?;
    let track: TrackAnswer =
        decode(answer.json).ok_or_else(|| ApiError::bad_response(answer.status))?;
    let track_has_name = track
        .carrier
        .as_ref()
        .is_some_and(|c| c.name.as_deref().is_some_and(|n| !n.trim().is_empty()));
    // The carriers list is fetched for a v1 track only when the track lacks the carrier's name.
    let known = if track_has_name {
        None
    } else {
        carrier_info(endpoint, &request.carrier).await
    };
    Ok(track.normalise(&request.carrier, &request.tracking_number, known.as_ref()))
}

async fn carriers(
    endpoint: &Endpoint,
    controller: &AbortController,
) -> Result<Vec<Carrier>, ApiError> {
    let answer = get(endpoint, &carriers_url(&endpoint.base), false, controller).await?;
    answer
        .json
        .filter(http::is_array)
        .and_then(|list| crate::browser::json::decode(&list))
        .ok_or_else(|| ApiError::bad_response(answer.status))
}
