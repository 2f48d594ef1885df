//! The API routes: the seed's v1 REST API served from v2, and the widget's own v2 queries.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, FromRequest, Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use axum::response::Response;
use delivery_tracker_widget::api::carrier_table::complete;
use delivery_tracker_widget::track::Carrier;

use crate::access_log::{self, LogNote};
use crate::app::{AppState, MAX_REQUEST_BYTES};
use crate::cache::{Failure, Served};
use crate::graphql::{self, Operation};
use crate::http_cache::{failure_answer, get_answer, post_answer};
use crate::{metrics, stale, v1, validate};

const CARRIERS_KEY: &str = "v1:carriers";

/// Adds a note to the request's log line; the note is only written when the line is logged.
fn noted(mut response: Response, note: impl FnOnce() -> String) -> Response {
    if access_log::enabled() {
        response.extensions_mut().insert(LogNote(note()));
    }
    response
}

fn served_note(served: &Served) -> &'static str {
    match served {
        Served::Fresh(_) => "answered",
        Served::Stale(_) => "stale",
        Served::Failed(_) => "failed",
    }
}

fn v1_refusal(status: u16, message: &str) -> Response {
    failure_answer(Failure {
        status,
        body: v1::error_body(message),
        retry_after: None,
    })
}

fn graphql_refusal(status: u16, message: &str) -> Response {
    failure_answer(Failure {
        status,
        body: graphql::error_body(message, "BAD_REQUEST"),
        retry_after: None,
    })
}

/// The client's address: the connection's, or behind a trusted load balancer the last
/// `X-Forwarded-For` entry (the one the balancer itself added).
fn client_address(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let forwarded = || {
        let header = headers.get("x-forwarded-for")?.to_str().ok()?;
        header.rsplit(',').next()?.trim().parse().ok()
    };
    state
        .trust_forwarded_for
        .then(forwarded)
        .flatten()
        .unwrap_or(peer.ip())
}

/// `Err` is the 429 to send, with the route's body.
async fn rate_limit(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: impl FnOnce() -> Bytes,
) -> Result<(), Response> {
    let client = client_address(state, peer, headers);
    state.limiter.check(client).await.map_err(|retry_after| {
        metrics::rate_limited();
        failure_answer(Failure {
            status: 429,
            body: body(),
            retry_after: Some(retry_after),
        })
    })
}

async fn carriers(state: &AppState) -> Served {
    state
        .cache
        .serve(
            CARRIERS_KEY.into(),
            Arc::clone(&state.fetcher).v1_carriers(),
        )
        .await
}

/// The carriers list, when it can be had (fresh or stale).
async fn known_carriers(state: &AppState) -> Option<Vec<Carrier>> {
    match carriers(state).await {
        Served::Fresh(answer) | Served::Stale(answer) => {
            delivery_tracker_widget::api::json::from_slice(&answer.plain_body())
        }
        Served::Failed(_) => None,
    }
}

/// `GET /carriers`
pub async fn v1_carriers(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let headers = request.into_parts().0.headers;
    let served = carriers(&state).await;
    let note = served_note(&served);
    noted(get_answer(&headers, served, stale::mark_v1), || {
        note.to_owned()
    })
}

/// `GET /carriers/{carrier_id}`
pub async fn v1_carrier(
    State(state): State<Arc<AppState>>,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(id)) = path else {
        return v1_refusal(400, "The path is not /carriers/{carrier_id}.");
    };
    match known_carriers(&state).await {
        Some(list) => match list.into_iter().find(|carrier| carrier.id == id) {
            Some(carrier) => http_json(&v1::carrier_json(&carrier)),
            None => v1_refusal(404, v1::UNSUPPORTED_CARRIER),
        },
        None => v1_refusal(503, "Please try again in a few minutes"),
    }
}

fn http_json(value: &serde_json::Value) -> Response {
    let mut response = Response::new(axum::body::Body::from(value.to_string()));
    response.headers_mut().insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

/// `GET /carriers/{carrier_id}/tracks/{track_id}`
pub async fn v1_track(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Response {
    let headers = request.into_parts().0.headers;
    let Ok(Path((carrier_id, number))) = path else {
        return v1_refusal(
            400,
            "The path is not /carriers/{carrier_id}/tracks/{track_id}.",
        );
    };
    if let Err(message) =
        validate::carrier_id(&carrier_id).and_then(|_| validate::tracking_number(&number))
    {
        return v1_refusal(400, &message);
    }
    if let Err(response) = rate_limit(&state, peer, &headers, || {
        v1::error_body("Too many requests: try again later.")
    })
    .await
    {
        return noted(response, || {
            format!(
                "track {carrier_id} {} rate-limited",
                validate::masked(&number)
            )
        });
    }
    // The carriers list decides whether the carrier exists: a self-hosted upstream answers an
    // unknown carrier like an outage.
    let carrier = match known_carriers(&state).await {
        Some(list) if !list.is_empty() => match list.into_iter().find(|c| c.id == carrier_id) {
            Some(carrier) => carrier,
            None => {
                let response = v1_refusal(404, v1::UNSUPPORTED_CARRIER);
                return noted(response, || {
                    format!(
                        "track {carrier_id} {} unknown-carrier",
                        validate::masked(&number)
                    )
                });
            }
        },
        _ => complete(Carrier {
            id: carrier_id.clone(),
            name: None,
            tel: None,
        }),
    };
    let key = format!("v1:track:{carrier_id}:{number}");
    let masked = validate::masked(&number);
    let work = Arc::clone(&state.fetcher).v1_track(carrier, number);
    let served = state.cache.serve(key, work).await;
    let outcome = served_note(&served);
    noted(get_answer(&headers, served, stale::mark_v1), || {
        format!("track {carrier_id} {masked} {outcome}")
    })
}

/// `GET /graphql`: the API takes POST only (as the v2 server, which refuses GETs).
pub async fn graphql_get() -> Response {
    graphql_refusal(
        400,
        "GraphQL requests to this proxy are POSTs with a JSON body.",
    )
}

/// `POST /graphql`
pub async fn graphql(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    // The headers are moved out rather than copied by a `HeaderMap` extractor: this is the hot
    // path of every cache hit.
    let (mut parts, body) = request.into_parts();
    let headers = std::mem::take(&mut parts.headers);
    let body = Bytes::from_request(Request::from_parts(parts, body), &()).await;
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
        });
    if !is_json {
        return graphql_refusal(
            400,
            "The body must be sent as Content-Type: application/json.",
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status().as_u16() == 413 => {
            let message = format!("The request body is larger than {MAX_REQUEST_BYTES} bytes.");
            return graphql_refusal(413, &message);
        }
        Err(_) => return graphql_refusal(400, "The request body could not be read."),
    };
    let operation = match graphql::parse(&body) {
        Ok(operation) => operation,
        Err(message) => return noted(graphql_refusal(400, &message), || "refused".into()),
    };
    let fetcher = Arc::clone(&state.fetcher);
    let (served, note) = match operation {
        Operation::Track {
            carrier_id,
            tracking_number,
            before,
        } => {
            if let Err(response) = rate_limit(&state, peer, &headers, || {
                graphql::error_body("Too many requests: try again later.", "RATE_LIMITED")
            })
            .await
            {
                return noted(response, || {
                    format!(
                        "track {carrier_id} {} rate-limited",
                        validate::masked(&tracking_number)
                    )
                });
            }
            let key = format!(
                "v2:track:{carrier_id}:{tracking_number}:{}",
                before.as_deref().unwrap_or("")
            );
            let note = access_log::enabled()
                .then(|| format!("track {carrier_id} {}", validate::masked(&tracking_number)));
            let work = fetcher.v2_track(carrier_id, tracking_number, before);
            (state.cache.serve(key, work).await, note)
        }
        Operation::Carriers { after, with_names } => {
            let names = if with_names { "names" } else { "ids" };
            let key = format!("v2:carriers:{names}:{}", after.as_deref().unwrap_or(""));
            let work = fetcher.v2_carriers(after, with_names);
            (
                state.cache.serve(key, work).await,
                Some("carriers".to_owned()),
            )
        }
    };
    let outcome = served_note(&served);
    noted(post_answer(&headers, served, stale::mark_v2), || {
        format!("{} {outcome}", note.unwrap_or_default())
    })
}
