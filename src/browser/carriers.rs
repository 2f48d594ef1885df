//! The carriers list: fetched only when needed, once per page per API base, and kept in
//! `localStorage` for a day.

use super::http::{self, HttpAnswer, HttpRequest};
use super::json;
use super::shared::SharedRequests;
use crate::api::carrier_table::complete;
use crate::api::error::{classify_v1_failure, ApiError};
use crate::api::json::{Decoded, Fields, FromJson, Json, ObjectWriter, ToJson};
use crate::api::v1::{carriers_url, CarrierInfo, ErrorAnswer};
use crate::api::v2::{self, graphql_url};
use crate::api::ApiVersion;
use futures::FutureExt;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::AbortController;

pub type Carriers = Arc<Vec<CarrierInfo>>;

const STORAGE_MAX_AGE: f64 = 24.0 * 60.0 * 60.0 * 1000.0;
/// A guard against a server that pages forever.
const MAX_PAGES: usize = 50;

thread_local! {
    static CARRIERS: Rc<SharedRequests<Carriers>> = SharedRequests::new(f64::INFINITY, true);
}

/// The list as kept in `localStorage`: `{"at": <ms since the epoch>, "carriers": […]}`.
struct Stored {
    at: f64,
    carriers: Vec<CarrierInfo>,
}

impl FromJson for Stored {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        Ok(Self {
            at: fields.required("at")?,
            carriers: fields.required("carriers")?,
        })
    }
}

impl ToJson for Stored {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            // Whole milliseconds: integers are written without float formatting.
            .field("at", &(self.at as u64))
            .field("carriers", &self.carriers)
            .end();
    }
}

fn memory_key(version: ApiVersion, base: &str) -> String {
    format!("{}|{}", version.as_str(), base)
}

fn storage_key(version: ApiVersion, base: &str) -> String {
    format!("delivery-tracker:carriers:{}:{}", version.as_str(), base)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_stored(version: ApiVersion, base: &str) -> Option<Stored> {
    let text = storage()?.get_item(&storage_key(version, base)).ok()??;
    let stored: Stored = json::decode(&json::parse(&text)?)?;
    (js_sys::Date::now() - stored.at < STORAGE_MAX_AGE).then_some(stored)
}

fn store(version: ApiVersion, base: &str, carriers: &[CarrierInfo]) {
    let stored = Stored {
        at: js_sys::Date::now(),
        carriers: carriers.to_vec(),
    };
    if let Some(storage) = storage() {
        // Full or forbidden storage only costs a refetch on the next page.
        let _ = storage.set_item(&storage_key(version, base), &stored.to_json());
    }
}

/// The list when it is already known on this page or stored, without fetching.
pub fn known(version: ApiVersion, base: &str) -> Option<Carriers> {
    let key = memory_key(version, base);
    CARRIERS.with(|requests| {
        if let Some(outcome) = requests.recent(&key) {
            return outcome.ok();
        }
        let stored = load_stored(version, base)?;
        let carriers = Arc::new(stored.carriers);
        requests.remember(key, Ok(Arc::clone(&carriers)), stored.at);
        Some(carriers)
    })
}

/// The carriers list of an API base, names completed from the shipped table.
pub async fn carriers(
    version: ApiVersion,
    base: &str,
    api_key: Option<String>,
    timeout_millis: u32,
) -> Result<Carriers, ApiError> {
    if let Some(carriers) = known(version, base) {
        return Ok(carriers);
    }
    let requests = CARRIERS.with(Rc::clone);
    let base = base.to_owned();
    requests
        .get(memory_key(version, &base), false, move |controller| {
            async move {
                let list = match version {
                    ApiVersion::V1 => {
                        fetch_v1(&base, api_key.as_deref(), timeout_millis, &controller).await
                    }
                    ApiVersion::V2 => {
                        fetch_v2(&base, api_key.as_deref(), timeout_millis, &controller).await
                    }
                }?;
                let list: Vec<CarrierInfo> = list.into_iter().map(complete).collect();
                store(version, &base, &list);
                Ok(Arc::new(list))
            }
            .boxed_local()
        })
        .await
}

async fn fetch_v1(
    base: &str,
    api_key: Option<&str>,
    timeout_millis: u32,
    controller: &AbortController,
) -> Result<Vec<CarrierInfo>, ApiError> {
    let url = carriers_url(base);
    let request = HttpRequest {
        url: &url,
        body: None,
        api_key,
        timeout_millis,
        revalidate: false,
    };
    let answer = http::send(&request, controller).await?;
    if !(200..300).contains(&answer.status) {
        return Err(classify_v1_failure(
            answer.status,
            ErrorAnswer::body(http::decode(answer.json)),
            answer.retry_after.as_deref(),
        ));
    }
    answer
        .json
        .filter(http::is_array)
        .and_then(|list| json::decode(&list))
        .ok_or_else(|| ApiError::bad_response(answer.status))
}

async fn fetch_v2(
    base: &str,
    api_key: Option<&str>,
    timeout_millis: u32,
    controller: &AbortController,
) -> Result<Vec<CarrierInfo>, ApiError> {
    let url = graphql_url(base);
    let mut with_names = true;
    let mut carriers = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let body = v2::carriers_request_body(after.as_deref(), with_names);
        let request = HttpRequest {
            url: &url,
            body: Some(&body),
            api_key,
            timeout_millis,
            revalidate: false,
        };
        let HttpAnswer { status, json, .. } = http::send(&request, controller).await?;
        let answer = json.and_then(|answer| json::decode(&answer));
        if with_names && v2::is_name_field_rejection(status, answer.as_ref()) {
            // A self-hosted server: ask again for ids; names come from the shipped table.
            with_names = false;
            carriers.clear();
            after = None;
            continue;
        }
        let page = v2::read_carriers_page(status, answer)?;
        carriers.extend(page.carriers);
        match page.next {
            Some(cursor) => after = Some(cursor),
            None => return Ok(carriers),
        }
    }
    Ok(carriers)
}

/// The carrier of `id` in a list.
pub fn find(carriers: &[CarrierInfo], id: &str) -> Option<CarrierInfo> {
    carriers.iter().find(|carrier| carrier.id == id).cloned()
}
