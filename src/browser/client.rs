//! Fetching a track from v1 or v2, shared between elements and reused for 30 seconds.

use super::carriers::{self, find, Carriers};
use super::http::{self, decode, HttpRequest};
use super::shared::SharedRequests;
use super::warn;
use crate::api::carrier_table::complete;
use crate::api::error::{classify_v1_failure, ApiError, ErrorKind, Message, Own};
use crate::api::v1::{self, CarrierInfo, ErrorAnswer, TrackAnswer};
use crate::api::v2::{self, graphql_url, TrackPage, MAX_EVENTS};
use crate::api::ApiVersion;
use crate::track::{present, Carrier, Track};
use futures::FutureExt;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::AbortController;

/// How long a result is reused for an identical request.
const REUSE_MILLIS: f64 = 30_000.0;

thread_local! {
    static TRACKS: Rc<SharedRequests<Arc<Track>>> = SharedRequests::new(REUSE_MILLIS, false);
    /// Whether the page's developer was told that a v1 request reached a GraphQL server.
    static WARNED_GRAPHQL_ON_V1: Cell<bool> = const { Cell::new(false) };
}

#[derive(Clone, Debug)]
pub struct TrackRequest {
    pub version: ApiVersion,
    /// Absolute, resolved against the page.
    pub base: String,
    pub carrier: String,
    pub tracking_number: String,
    pub api_key: Option<String>,
    pub timeout_millis: u32,
    /// A refresh: HTTP caches on the way revalidate (`cache: "no-cache"`).
    pub revalidate: bool,
}

impl TrackRequest {
    /// Identical requests (same API, base, parcel, and key or no key) share one fetch. The key
    /// stays in memory only.
    fn sharing_key(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}\n{}",
            self.version.as_str(),
            self.base,
            self.carrier,
            self.tracking_number,
            self.api_key.as_deref().unwrap_or("")
        )
    }
}

/// The track, from a request in flight, a result of the last 30 seconds (unless `fresh`), or a
/// new fetch.
pub async fn track(request: TrackRequest, fresh: bool) -> Result<Arc<Track>, ApiError> {
    if let Some(error) = not_listed(carriers::known(request.version, &request.base), &request) {
        return Err(error);
    }
    let requests = TRACKS.with(Rc::clone);
    requests
        .get(request.sharing_key(), fresh, move |controller| {
            async move {
                match request.version {
                    ApiVersion::V1 => fetch_v1(&request, &controller).await,
                    ApiVersion::V2 => fetch_v2(&request, &controller).await,
                }
                .map(Arc::new)
            }
            .boxed_local()
        })
        .await
}

/// `invalid` when the carriers list is known and the carrier is not in it.
fn not_listed(list: Option<Carriers>, request: &TrackRequest) -> Option<ApiError> {
    let list = list.filter(|list| !list.is_empty())?;
    find(&list, &request.carrier).is_none().then(|| {
        ApiError::new(
            ErrorKind::Invalid,
            None,
            Own::CarrierNotListed(request.carrier.clone()),
        )
    })
}

/// The carriers list of the request's API, when it can be had.
async fn carriers_list(request: &TrackRequest) -> Option<Carriers> {
    carriers::carriers(
        request.version,
        &request.base,
        request.api_key.clone(),
        request.timeout_millis,
    )
    .await
    .ok()
}

/// The carrier's entry of the carriers list, when the list can be had.
async fn carrier_info(request: &TrackRequest) -> Option<CarrierInfo> {
    find(&carriers_list(request).await?, &request.carrier)
}

/// Tells the page's developer, once per page, that a v1 request reached a GraphQL server.
fn warn_graphql_on_v1(request: &TrackRequest) {
    if !WARNED_GRAPHQL_ON_V1.replace(true) {
        warn(&format!(
            "the API at {} answered a v1 request with a GraphQL error: it is a v2 server, so set api-version=\"v2\".",
            request.base
        ));
    }
}

async fn fetch_v1(request: &TrackRequest, controller: &AbortController) -> Result<Track, ApiError> {
    let url = v1::track_url(&request.base, &request.carrier, &request.tracking_number);
    let answer = http::send(
        &HttpRequest {
            url: &url,
            body: None,
            api_key: request.api_key.as_deref(),
            timeout_millis: request.timeout_millis,
            revalidate: request.revalidate,
        },
        controller,
    )
    .await?;
    if !(200..300).contains(&answer.status) {
        let error = classify_v1_failure(
            answer.status,
            ErrorAnswer::body(decode(answer.json)),
            answer.retry_after.as_deref(),
        );
        if matches!(error.message, Message::Own(Own::GraphqlOnV1(_))) {
            warn_graphql_on_v1(request);
        }
        return Err(error);
    }
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
        carrier_info(request).await
    };
    Ok(track.normalise(&request.carrier, &request.tracking_number, known.as_ref()))
}

async fn fetch_v2(request: &TrackRequest, controller: &AbortController) -> Result<Track, ApiError> {
    let (pages, list) = futures::join!(fetch_v2_pages(request, controller), carriers_list(request));
    let (pages, omitted) = match pages {
        Ok(pages) => pages,
        // A self-hosted server answers an unknown carrier as it answers an outage (`INTERNAL`):
        // the carriers list, fetched meanwhile, tells a typo from an outage.
        Err(error) if error.kind.is_fallback() => {
            return Err(not_listed(list, request).unwrap_or(error))
        }
        Err(error) => return Err(error),
    };
    let info = list.and_then(|list| find(&list, &request.carrier));
    let info = complete(info.unwrap_or(CarrierInfo {
        id: request.carrier.clone(),
        name: None,
        tel: None,
    }));
    let carrier = Carrier {
        id: request.carrier.clone(),
        name: present(info.name),
        tel: present(info.tel),
    };
    Ok(v2::assemble_track(
        carrier,
        &request.tracking_number,
        pages,
        omitted,
    ))
}

/// Pages back through the history (newest page first) up to the event cap. A failure after the
/// first page keeps what came and says older events are not shown.
async fn fetch_v2_pages(
    request: &TrackRequest,
    controller: &AbortController,
) -> Result<(Vec<TrackPage>, bool), ApiError> {
    let url = graphql_url(&request.base);
    let mut pages: Vec<TrackPage> = Vec::new();
    let mut events = 0;
    let mut before: Option<String> = None;
    loop {
        let body = v2::track_request_body(
            &request.carrier,
            &request.tracking_number,
            before.as_deref(),
        );
        let answer = http::send(
            &HttpRequest {
                url: &url,
                body: Some(&body),
                api_key: request.api_key.as_deref(),
                timeout_millis: request.timeout_millis,
                revalidate: request.revalidate,
            },
            controller,
        )
        .await;
        let page = answer.and_then(|answer| {
            v2::read_track_page(
                answer.status,
                decode(answer.json),
                answer.retry_after.as_deref(),
            )
        });
        let page = match page {
            Ok(page) => page,
            Err(error) if pages.is_empty() => return Err(error),
            Err(_) => return Ok((pages, true)),
        };
        events += page.events.len();
        before = page.older.clone();
        pages.push(page);
        match before {
            Some(_) if events >= MAX_EVENTS => return Ok((pages, true)),
            Some(_) => {}
            None => return Ok((pages, false)),
        }
    }
}
