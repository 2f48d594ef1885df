//! v2 GraphQL: `POST {base}/graphql`, the track paged back through its history, the carriers
//! list paged forward.

use super::Api;
use crate::api::carrier_table::complete;
use crate::api::error::ApiError;
use crate::api::v2::{
    carriers_request_body, graphql_url, is_name_field_rejection, read_carriers_page,
    read_track_page, track_request_body, HistoryPages,
};
use crate::api::Endpoint;
use crate::browser::carriers::{self, find, not_listed};
use crate::browser::client::TrackRequest;
use crate::browser::http::{self, decode, HttpAnswer, HttpRequest};
use crate::browser::json;
use crate::track::{present, Carrier, Track};
use futures::future::{FutureExt, LocalBoxFuture};
use web_sys::AbortController;

pub struct V2;

/// A guard against a server that pages the carriers list forever.
const MAX_CARRIER_PAGES: usize = 50;

impl Api for V2 {
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

async fn post(
    endpoint: &Endpoint,
    body: &str,
    revalidate: bool,
    controller: &AbortController,
) -> Result<HttpAnswer, ApiError> {
    let url = graphql_url(&endpoint.base);
    let request = HttpRequest {
        endpoint,
        url: &url,
        body: Some(body),
        revalidate,
    };
    http::send(&request, controller).await
}

async fn track(request: &TrackRequest, controller: &AbortController) -> Result<Track, ApiError> {
    let endpoint = &request.endpoint;
    let (pages, list) = futures::join!(
        history(request, controller),
        carriers::carriers(endpoint).map(Result::ok)
    );
    let pages = match pages {
        Ok(pages) => pages,
        // A self-hosted server answers an unknown carrier as it answers an outage (`INTERNAL`):
        // the carriers list, fetched meanwhile, tells a typo from an outage.
        Err(error) if error.kind.is_fallback() => {
            return Err(not_listed(list, &request.carrier).unwrap_or(error))
        }
        Err(error) => return Err(error),
    };
    let info = list.and_then(|list| find(&list, &request.carrier));
    let info = complete(info.unwrap_or(Carrier {
        id: request.carrier.clone(),
        name: None,
        tel: None,
    }));
    let carrier = Carrier {
        id: request.carrier.clone(),
        name: present(info.name),
        tel: present(info.tel),
    };
    Ok(pages.assemble(carrier, &request.tracking_number))
}

/// Pages back through the history as [`HistoryPages`] says.
async fn history(
    request: &TrackRequest,
    controller: &AbortController,
) -> Result<HistoryPages, ApiError> {
    let mut pages = HistoryPages::default();
    while let Some(before) = pages.next_page() {
        let body = track_request_body(&request.carrier, &request.tracking_number, before);
        let page = post(&request.endpoint, &body, request.revalidate, controller)
            .await
            .and_then(|answer| {
                read_track_page(
                    answer.status,
                    decode(answer.json),
                    answer.retry_after.as_deref(),
                )
            });
        pages.add(page)?;
    }
    Ok(pages)
}

async fn carriers(
    endpoint: &Endpoint,
    controller: &AbortController,
) -> Result<Vec<Carrier>, ApiError> {
    let mut with_names = true;
    let mut carriers = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..MAX_CARRIER_PAGES {
        let body = carriers_request_body(after.as_deref(), with_names);
        let HttpAnswer { status, json, .. } = post(endpoint, &body, false, controller).await?;
        let answer = json.and_then(|answer| json::decode(&answer));
        if with_names && is_name_field_rejection(status, answer.as_ref()) {
            // A self-hosted server: ask again for ids; names come from the shipped table.
            with_names = false;
            carriers.clear();
            after = None;
            continue;
        }
        let page = read_carriers_page(status, answer)?;
        carriers.extend(page.carriers);
        match page.next {
            Some(cursor) => after = Some(cursor),
            None => return Ok(carriers),
        }
    }
    Ok(carriers)
}
