//! v2 GraphQL: `POST {base}/graphql` with `{query, variables}`; errors come in the body.

use super::error::{classify_status, ApiError, ErrorKind, Message, Own};
use super::json::{write_string, Decoded, Fields, FromJson, Json};
use crate::status::StatusCode;
use crate::track::{present, Carrier, Event, Party, StaleMark, Status, Track};

/// At most this many events are paged in; older ones are reported as omitted.
pub const MAX_EVENTS: usize = 500;

pub const TRACK_QUERY: &str =
    "query Track($carrierId: ID!, $trackingNumber: String!, $before: String) {
  track(carrierId: $carrierId, trackingNumber: $trackingNumber) {
    trackingNumber
    lastEvent { time status { code name } description location { name } }
    events(last: 20, before: $before) {
      pageInfo { hasPreviousPage startCursor }
      edges { node { time status { code name } description location { name } } }
    }
    sender { name }
    recipient { name }
  }
}";

pub const CARRIERS_QUERY: &str = "query Carriers($after: String) {
  carriers(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name } }
  }
}";

/// A self-hosted server has no `Carrier.name`: the same query for ids only.
pub const CARRIER_IDS_QUERY: &str = "query Carriers($after: String) {
  carriers(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id } }
  }
}";

pub fn graphql_url(base: &str) -> String {
    let mut url = base.trim_end_matches('/').to_owned();
    url.push_str("/graphql");
    url
}

/// `{"query": …, "variables": {…}}`, the variables given as (name, JSON string or `null`).
fn request_body(query: &str, variables: &[(&str, Option<&str>)]) -> String {
    let mut body = String::from("{\"query\":");
    write_string(&mut body, query);
    body.push_str(",\"variables\":{");
    for (i, (name, value)) in variables.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        write_string(&mut body, name);
        body.push(':');
        match value {
            Some(value) => write_string(&mut body, value),
            None => body.push_str("null"),
        }
    }
    body.push_str("}}");
    body
}

pub fn track_request_body(carrier_id: &str, tracking_number: &str, before: Option<&str>) -> String {
    request_body(
        TRACK_QUERY,
        &[
            ("carrierId", Some(carrier_id)),
            ("trackingNumber", Some(tracking_number)),
            ("before", before),
        ],
    )
}

pub fn carriers_request_body(after: Option<&str>, with_names: bool) -> String {
    let query = if with_names {
        CARRIERS_QUERY
    } else {
        CARRIER_IDS_QUERY
    };
    request_body(query, &[("after", after)])
}

/// Any GraphQL answer: `data` and/or `errors`.
#[derive(Debug)]
pub struct Answer<T> {
    /// `None` when the body has no `data` at all (it is not a GraphQL answer); `Some(None)` for
    /// `"data": null`.
    pub data: Option<Option<T>>,
    pub errors: Option<Vec<GraphqlError>>,
    /// The answer's own `extensions` (beside `data`), where a proxy puts its stale mark.
    pub extensions: Option<AnswerExtensions>,
}

#[derive(Debug, Default)]
pub struct AnswerExtensions {
    pub stale: Option<StaleMark>,
}

#[derive(Debug, Default)]
pub struct GraphqlError {
    pub message: Option<String>,
    pub extensions: Option<Extensions>,
}

#[derive(Debug, Default)]
pub struct Extensions {
    pub code: Option<String>,
}

#[derive(Debug, Default)]
pub struct TrackData {
    pub track: Option<TrackNode>,
}

#[derive(Debug, Default)]
pub struct TrackNode {
    pub tracking_number: Option<String>,
    pub last_event: Option<EventNode>,
    pub events: Option<EventConnection>,
    pub sender: Option<Named>,
    pub recipient: Option<Named>,
}

#[derive(Debug, Default)]
pub struct EventConnection {
    pub page_info: Option<PageInfo>,
    pub edges: Option<Vec<Edge<EventNode>>>,
}

#[derive(Debug, Default)]
pub struct PageInfo {
    pub has_previous_page: Option<bool>,
    pub start_cursor: Option<String>,
    pub has_next_page: Option<bool>,
    pub end_cursor: Option<String>,
}

#[derive(Debug)]
pub struct Edge<T> {
    pub node: Option<T>,
}

#[derive(Debug, Default)]
pub struct EventNode {
    pub time: Option<String>,
    pub status: Option<StatusNode>,
    pub description: Option<String>,
    pub location: Option<Named>,
}

#[derive(Debug, Default)]
pub struct StatusNode {
    pub code: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Default)]
pub struct Named {
    pub name: Option<String>,
}

#[derive(Debug, Default)]
pub struct CarriersData {
    pub carriers: Option<CarrierConnection>,
}

#[derive(Debug, Default)]
pub struct CarrierConnection {
    pub page_info: Option<PageInfo>,
    pub edges: Option<Vec<Edge<Carrier>>>,
}

impl<T: FromJson> FromJson for Answer<T> {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            data: fields.present("data"),
            errors: fields.get("errors"),
            extensions: fields.get("extensions"),
        })
    }
}

impl FromJson for AnswerExtensions {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            stale: fields.get("stale"),
        })
    }
}

impl FromJson for GraphqlError {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            message: fields.get("message"),
            extensions: fields.get("extensions"),
        })
    }
}

impl FromJson for Extensions {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            code: fields.get("code"),
        })
    }
}

impl FromJson for TrackData {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            track: fields.get("track"),
        })
    }
}

impl FromJson for TrackNode {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            tracking_number: fields.get("trackingNumber"),
            last_event: fields.get("lastEvent"),
            events: fields.get("events"),
            sender: fields.get("sender"),
            recipient: fields.get("recipient"),
        })
    }
}

impl FromJson for EventConnection {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            page_info: fields.get("pageInfo"),
            edges: fields.get("edges"),
        })
    }
}

impl FromJson for PageInfo {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            has_previous_page: fields.get("hasPreviousPage"),
            start_cursor: fields.get("startCursor"),
            has_next_page: fields.get("hasNextPage"),
            end_cursor: fields.get("endCursor"),
        })
    }
}

impl<T: FromJson> FromJson for Edge<T> {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            node: fields.get("node"),
        })
    }
}

impl FromJson for EventNode {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            time: fields.get("time"),
            status: fields.get("status"),
            description: fields.get("description"),
            location: fields.get("location"),
        })
    }
}

impl FromJson for StatusNode {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            code: fields.get("code"),
            name: fields.get("name"),
        })
    }
}

impl FromJson for Named {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            name: fields.get("name"),
        })
    }
}

impl FromJson for CarriersData {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            carriers: fields.get("carriers"),
        })
    }
}

impl FromJson for CarrierConnection {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            page_info: fields.get("pageInfo"),
            edges: fields.get("edges"),
        })
    }
}

/// Classifies GraphQL errors. `http_status` tells a resolver error (HTTP 200) from the server
/// refusing the widget's own query (HTTP 400): the latter is the widget's bug, not the user's.
pub fn classify_errors(http_status: u16, errors: &[GraphqlError]) -> ApiError {
    let message = errors.first().and_then(|e| present(e.message.clone()));
    let code = errors
        .iter()
        .find_map(|e| e.extensions.as_ref()?.code.as_deref())
        .unwrap_or("");
    let saying = |kind, own| ApiError::saying(kind, http_status, message.clone(), own);
    if http_status == 400 {
        return saying(ErrorKind::BadResponse, Own::RefusedQuery);
    }
    match code {
        "NOT_FOUND" if message.as_deref() == Some("Carrier not found") => ApiError::new(
            ErrorKind::Invalid,
            Some(http_status),
            Message::Api("Carrier not found".into()),
        ),
        "NOT_FOUND" => saying(ErrorKind::NotFound, Own::NotFound),
        "BAD_REQUEST" => saying(ErrorKind::Invalid, Own::BadFormat),
        "UNAUTHENTICATED" | "FORBIDDEN" => saying(ErrorKind::Unauthorized, Own::Unauthorized),
        _ => saying(ErrorKind::Unavailable, Own::Unavailable),
    }
}

/// Reads one answer of the v2 API, whatever its HTTP status: errors from the body first, then
/// the status. `answer` is `None` when the body was not JSON of the expected shape; a body
/// without `data` (and without errors) is not a GraphQL answer either.
pub fn read_answer<T>(
    http_status: u16,
    answer: Option<Answer<T>>,
    retry_after: Option<&str>,
) -> Result<Option<T>, ApiError> {
    let (errors, data) = answer.map_or((None, None), |answer| (answer.errors, answer.data));
    if let Some(error) = answer_error(http_status, errors.as_deref(), retry_after) {
        return Err(error);
    }
    match data {
        Some(data) if (200..300).contains(&http_status) => Ok(data),
        _ => Err(ApiError::bad_response(http_status)),
    }
}

/// The failure an answer's errors and status say, if any (the part of [`read_answer`] that does
/// not depend on the data's type, written once for every answer).
fn answer_error(
    http_status: u16,
    errors: Option<&[GraphqlError]>,
    retry_after: Option<&str>,
) -> Option<ApiError> {
    let errors = errors.filter(|errors| !errors.is_empty());
    let message = errors
        .and_then(|e| e.first())
        .and_then(|e| present(e.message.clone()));
    if matches!(http_status, 401 | 403 | 429) {
        return classify_status(http_status, message, retry_after);
    }
    if let Some(errors) = errors {
        return Some(classify_errors(http_status, errors));
    }
    classify_status(http_status, message, retry_after)
}

/// One page of a track: the newest events first fetched, then older pages via `before`.
#[derive(Debug)]
pub struct TrackPage {
    pub head: TrackNode,
    /// Oldest first.
    pub events: Vec<Event>,
    /// The cursor for the next older page, when there is one.
    pub older: Option<String>,
    /// A proxy's stale mark on this page's answer.
    pub stale: Option<StaleMark>,
}

/// Reads a track answer into a page; `data.track: null` without errors is `not-found`.
pub fn read_track_page(
    http_status: u16,
    answer: Option<Answer<TrackData>>,
    retry_after: Option<&str>,
) -> Result<TrackPage, ApiError> {
    let stale = answer
        .as_ref()
        .and_then(|answer| answer.extensions.as_ref())
        .and_then(|extensions| extensions.stale.clone());
    let mut head = read_answer(http_status, answer, retry_after)?
        .and_then(|data| data.track)
        .ok_or_else(|| ApiError::new(ErrorKind::NotFound, Some(http_status), Own::NotFound))?;
    let connection = head.events.take().unwrap_or_default();
    let info = connection.page_info.unwrap_or_default();
    let older = info
        .has_previous_page
        .unwrap_or(false)
        .then_some(info.start_cursor)
        .flatten()
        .filter(|cursor| !cursor.is_empty());
    let events = connection
        .edges
        .unwrap_or_default()
        .into_iter()
        .filter_map(|edge| edge.node.map(event_of))
        .collect();
    Ok(TrackPage {
        head,
        events,
        older,
        stale,
    })
}

fn event_of(node: EventNode) -> Event {
    Event {
        time: present(node.time),
        status: status_of(node.status),
        location: node.location.and_then(|l| present(l.name)),
        description: present(node.description),
    }
}

fn status_of(node: Option<StatusNode>) -> Status {
    let node = node.unwrap_or_default();
    Status {
        code: node
            .code
            .as_deref()
            .map_or(StatusCode::Unknown, StatusCode::from_v2_code),
        text: present(node.name),
    }
}

/// Pages back through a track's history, newest page first, up to [`MAX_EVENTS`]: the one rule
/// the widget and the shop proxy follow. A failure of the first page is the track's failure; a
/// failure after it keeps what came and says that older events are not shown.
#[derive(Debug, Default)]
pub struct HistoryPages {
    pages: Vec<TrackPage>,
    events: usize,
    cut_short: bool,
}

impl HistoryPages {
    /// The page to fetch next: `Some(before)` (`None` for the first page), or `None` when the
    /// history is complete or the cap is reached.
    pub fn next_page(&self) -> Option<Option<&str>> {
        match self.pages.last() {
            None => Some(None),
            Some(_) if self.cut_short || self.events >= MAX_EVENTS => None,
            Some(page) => page.older.as_deref().map(Some),
        }
    }

    /// Takes the answer for the page [`next_page`](Self::next_page) named.
    pub fn add(&mut self, page: Result<TrackPage, ApiError>) -> Result<(), ApiError> {
        match page {
            Ok(page) => {
                self.events += page.events.len();
                self.pages.push(page);
            }
            Err(error) if self.pages.is_empty() => return Err(error),
            Err(_) => self.cut_short = true,
        }
        Ok(())
    }

    /// The track, once [`next_page`](Self::next_page) says there is nothing more to fetch.
    pub fn assemble(self, carrier: Carrier, tracking_number: &str) -> Track {
        let more = self.pages.last().is_some_and(|page| page.older.is_some());
        assemble_track(carrier, tracking_number, self.pages, self.cut_short || more)
    }
}

/// Gathers pages (newest page first) into the normalised track, keeping at most
/// [`MAX_EVENTS`] of the newest events.
pub fn assemble_track(
    carrier: Carrier,
    tracking_number: &str,
    mut pages: Vec<TrackPage>,
    older_events_omitted: bool,
) -> Track {
    let head = if pages.is_empty() {
        TrackNode::default()
    } else {
        std::mem::take(&mut pages[0].head)
    };
    // Any page served from a proxy's cache makes the whole history stale.
    let stale = pages.iter_mut().find_map(|page| page.stale.take());
    let mut events: Vec<Event> = pages
        .into_iter()
        .rev()
        .flat_map(|page| page.events)
        .collect();
    let mut omitted = older_events_omitted;
    if events.len() > MAX_EVENTS {
        events.drain(..events.len() - MAX_EVENTS);
        omitted = true;
    }
    // `lastEvent` prefers a DELIVERED event even when a later event exists: it is the headline.
    let headline = head.last_event.map(event_of);
    let status = headline
        .as_ref()
        .map(|event| event.status.clone())
        .filter(|status| status.code != StatusCode::Unknown || status.text.is_some())
        .or_else(|| events.last().map(|event| event.status.clone()))
        .unwrap_or(Status {
            code: StatusCode::Unknown,
            text: None,
        });
    let delivered_time = headline
        .filter(|event| event.status.code == StatusCode::Delivered)
        .and_then(|event| event.time);
    Track {
        carrier,
        tracking_number: present(head.tracking_number)
            .unwrap_or_else(|| tracking_number.to_owned()),
        status,
        stage: None,
        from: Party {
            name: head.sender.and_then(|s| present(s.name)),
            time: None,
        },
        to: Party {
            name: head.recipient.and_then(|r| present(r.name)),
            time: delivered_time,
        },
        events,
        older_events_omitted: omitted,
        stale: false,
        fetched_at: None,
    }
    .with_stage()
    .marked(stale)
}

/// One page of the carriers list.
#[derive(Debug, PartialEq)]
pub struct CarriersPage {
    pub carriers: Vec<Carrier>,
    pub next: Option<String>,
}

/// True when a server refused the carriers query because `Carrier.name` does not exist
/// (a self-hosted server): ask again for ids only.
pub fn is_name_field_rejection(http_status: u16, answer: Option<&Answer<CarriersData>>) -> bool {
    http_status == 400
        && answer
            .and_then(|a| a.errors.as_deref())
            .is_some_and(|errors| {
                errors.iter().any(|e| {
                    e.message
                        .as_deref()
                        .is_some_and(|m| m.contains("\"name\"") && m.contains("Carrier"))
                })
            })
}

pub fn read_carriers_page(
    http_status: u16,
    answer: Option<Answer<CarriersData>>,
) -> Result<CarriersPage, ApiError> {
    let connection = read_answer(http_status, answer, None)?
        .and_then(|data| data.carriers)
        .ok_or_else(|| ApiError::bad_response(http_status))?;
    let info = connection.page_info.unwrap_or_default();
    let next = info
        .has_next_page
        .unwrap_or(false)
        .then_some(info.end_cursor)
        .flatten()
        .filter(|cursor| !cursor.is_empty());
    let carriers = connection
        .edges
        .unwrap_or_default()
        .into_iter()
        .filter_map(|edge| edge.node)
        .collect();
    Ok(CarriersPage { carriers, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(status: u16, json: &str) -> Result<TrackPage, ApiError> {
        read_track_page(status, crate::api::json::from_str(json), None)
    }

    fn track_of(json: &str) -> Track {
        let page = page(200, json).expect("a page");
        assemble_track(Carrier::default(), "1234567890", vec![page], false)
    }

    #[test]
    fn the_element_starts_its_early_requests_with_these_queries_verbatim() {
        // www/src/element.js sends the first track and carriers POSTs before the core loads; the
        // core takes an answer over only when its body is the same, character for character.
        let element = include_str!("../../www/src/element.js");
        for query in [TRACK_QUERY, CARRIERS_QUERY] {
            assert!(
                element.contains(&format!("`{query}`")),
                "element.js lacks {query}"
            );
        }
    }

    const DELIVERED: &str = r#"{"data":{"track":{"trackingNumber":"1234567890",
        "lastEvent":{"time":"2024-04-25T17:19:20.000+09:00","status":{"code":"DELIVERED","name":"배달완료"}},
        "events":{"pageInfo":{"hasPreviousPage":false},"edges":[{"node":{"time":"2024-04-25T17:19:20.000+09:00","status":{"code":"DELIVERED","name":"배달완료"}}}]}}}}"#;

    #[test]
    fn a_body_without_data_is_a_bad_response_not_a_missing_parcel() {
        // A v1-shaped body from a wrong api-base: 200, neither `data` nor `errors`.
        let v1_shaped = r#"{"carrier":{"id":"kr.cjlogistics"},"progresses":[]}"#;
        let error = page(200, v1_shaped).unwrap_err();
        assert_eq!(
            (error.kind, error.http_status, error.message),
            (
                ErrorKind::BadResponse,
                Some(200),
                Own::BadResponse(200).into()
            )
        );
        assert_eq!(page(200, "{}").unwrap_err().kind, ErrorKind::BadResponse);
        // Only `data.track: null` (or `data: null`) says there is no such parcel.
        assert_eq!(
            page(200, r#"{"data":{"track":null}}"#).unwrap_err().kind,
            ErrorKind::NotFound
        );
        assert_eq!(
            page(200, r#"{"data":null}"#).unwrap_err().kind,
            ErrorKind::NotFound
        );
    }

    #[test]
    fn a_proxy_stale_mark_under_extensions_is_kept() {
        let stale = DELIVERED.replacen(
            "{\"data\"",
            r#"{"extensions":{"stale":{"fetchedAt":"2026-12-01T09:30:00Z"}},"data""#,
            1,
        );
        let track = track_of(&stale);
        assert!(track.stale);
        assert_eq!(track.fetched_at.as_deref(), Some("2026-12-01T09:30:00Z"));
        assert_eq!(track.status.code, StatusCode::Delivered);
        let json: serde_json::Value =
            serde_json::from_str(&crate::api::json::ToJson::to_json(&track)).unwrap();
        assert_eq!(json["stale"], serde_json::json!(true));
        assert_eq!(json["fetchedAt"], serde_json::json!("2026-12-01T09:30:00Z"));
    }

    #[test]
    fn an_answer_without_the_mark_is_fresh() {
        let track = track_of(DELIVERED);
        assert!(!track.stale);
        assert_eq!(track.fetched_at, None);
        // Other extensions (e.g. a server's tracing) are no mark.
        let traced = DELIVERED.replacen(
            "{\"data\"",
            r#"{"extensions":{"tracing":{"version":1}},"data""#,
            1,
        );
        assert!(!track_of(&traced).stale);
    }
}
