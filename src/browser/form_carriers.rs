//! The carriers the lookup form offers: the API's list for the element's base and version, or
//! when that cannot be had, the shipped table (customers do not know carrier ids).

use super::carriers::{self, Carriers};
use crate::api::carrier_table::table_carriers;
use crate::api::Endpoint;
use crate::settings::Parcel;
use leptos::prelude::*;
use std::future::Future;
use std::sync::Arc;

/// The carriers list for the lookup form.
#[derive(Clone, Debug, PartialEq)]
pub enum FormCarriers {
    Loading,
    Loaded(Carriers),
    /// The list could not be had: the form takes a carrier id as text.
    Unavailable,
}

/// Sets `list` for `parcel`'s API: at once when the list is known (or there is no API to ask),
/// else to `Loading`, returning the fetch that fills it (for the caller to run and stop).
pub fn load(
    list: RwSignal<FormCarriers>,
    parcel: &Parcel,
    api_key: Option<String>,
    timeout_millis: u32,
) -> Option<impl Future<Output = ()> + 'static> {
    let Ok(base) = parcel.api_base.clone() else {
        list.set(FormCarriers::Unavailable);
        return None;
    };
    let endpoint = Endpoint {
        version: parcel.api_version,
        base,
        api_key,
        timeout_millis,
    };
    if let Some(known) = carriers::known(&endpoint) {
        list.set(FormCarriers::Loaded(known));
        return None;
    }
    list.set(FormCarriers::Loading);
    Some(async move {
        let fetched = carriers::carriers(&endpoint).await;
        list.try_set(FormCarriers::Loaded(match fetched {
            Ok(fetched) if !fetched.is_empty() => fetched,
            _ => Arc::new(table_carriers()),
        }));
    })
}
