//! The carriers list: fetched only when needed, once per page per API, and kept in
//! `localStorage` for a day.

use super::api;
use super::json;
use super::shared::SharedRequests;
use crate::api::carrier_table::complete;
use crate::api::error::{ApiError, ErrorKind, Own};
use crate::api::json::{Decoded, Fields, FromJson, Json, ObjectWriter, ToJson};
use crate::api::Endpoint;
use crate::track::Carrier;
use futures::FutureExt;
use std::rc::Rc;
use std::sync::Arc;

pub type Carriers = Arc<Vec<Carrier>>;

const STORAGE_MAX_AGE: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

thread_local! {
    static CARRIERS: Rc<SharedRequests<Carriers>> = SharedRequests::new(f64::INFINITY, true);
}

/// The list as kept in `localStorage`: `{"at": <ms since the epoch>, "carriers": […]}`.
struct Stored {
    at: f64,
    carriers: Vec<Carrier>,
}

impl FromJson for Stored {
    fn from_json<J: Json>(value: &J) -> Decoded<Self> {
        let fields = Fields::of(value)?;
        fields.finish(Self {
            at: fields.required("at"),
            carriers: fields.required("carriers"),
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

/// The list depends on the API (its version and base), not on the key.
fn memory_key(endpoint: &Endpoint) -> String {
    [endpoint.version.as_str(), "|", &endpoint.base].concat()
}

fn storage_key(endpoint: &Endpoint) -> String {
    [
        "delivery-tracker:carriers:",
        endpoint.version.as_str(),
        ":",
        &endpoint.base,
    ]
    .concat()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_stored(endpoint: &Endpoint) -> Option<Stored> {
    let text = storage()?.get_item(&storage_key(endpoint)).ok()??;
    let stored: Stored = json::decode(&json::parse(&text)?)?;
    (js_sys::Date::now() - stored.at < STORAGE_MAX_AGE).then_some(stored)
}

fn store(endpoint: &Endpoint, carriers: &[Carrier]) {
    let stored = Stored {
        at: js_sys::Date::now(),
        carriers: carriers.to_vec(),
    };
    if let Some(storage) = storage() {
        // Full or forbidden storage only costs a refetch on the next page.
        let _ = storage.set_item(&storage_key(endpoint), &stored.to_json());
    }
}

/// The list when it is already known on this page or stored, without fetching.
pub fn known(endpoint: &Endpoint) -> Option<Carriers> {
    let key = memory_key(endpoint);
    CARRIERS.with(|requests| {
        if let Some(outcome) = requests.recent(&key) {
            return outcome.ok();
        }
        let stored = load_stored(endpoint)?;
        let carriers = Arc::new(stored.carriers);
        requests.remember(key, Ok(Arc::clone(&carriers)), stored.at);
        Some(carriers)
    })
}

/// The carriers list of an API, names completed from the shipped table.
pub async fn carriers(endpoint: &Endpoint) -> Result<Carriers, ApiError> {
    if let Some(carriers) = known(endpoint) {
        return Ok(carriers);
    }
    let requests = CARRIERS.with(Rc::clone);
    let endpoint = endpoint.clone();
    requests
        .get(memory_key(&endpoint), false, move |controller| {
            async move {
                let list = api::of(endpoint.version)
                    .carriers(&endpoint, &controller)
                    .await?;
                let list: Vec<Carrier> = list.into_iter().map(complete).collect();
                store(&endpoint, &list);
                Ok(Arc::new(list))
            }
            .boxed_local()
        })
        .await
}

/// The carrier's entry of the API's carriers list, when the list can be had.
pub async fn carrier_info(endpoint: &Endpoint, id: &str) -> Option<Carrier> {
    find(&carriers(endpoint).await.ok()?, id)
}

/// The carrier of `id` in a list.
pub fn find(carriers: &[Carrier], id: &str) -> Option<Carrier> {
    carriers.iter().find(|carrier| carrier.id == id).cloned()
}

/// `invalid` when the carriers list is known and the carrier is not in it.
pub fn not_listed(list: Option<Carriers>, carrier: &str) -> Option<ApiError> {
    let list = list.filter(|list| !list.is_empty())?;
    find(&list, carrier).is_none().then(|| {
        ApiError::new(
            ErrorKind::Invalid,
            None,
            Own::CarrierNotListed(carrier.to_owned()),
        )
    })
}
