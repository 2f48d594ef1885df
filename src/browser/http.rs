//! `fetch` with a per-request timeout and abort, answering parsed JSON.

use super::json;
use crate::api::error::ApiError;
use crate::api::json::FromJson;
use crate::api::Endpoint;
use futures::future::{select, Either};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader, RequestInit, Response};

/// Bodies larger than this are not read: they count as a bad response. (5,000 v1 events are
/// about 1.5 MB.)
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// An HTTP answer whose body was read.
pub struct HttpAnswer {
    pub status: u16,
    /// The body parsed as JSON, or `None` when it is empty, too large or not JSON.
    pub json: Option<JsValue>,
    /// `Retry-After`, when the server lets a cross-origin page read it.
    pub retry_after: Option<String>,
}

pub struct HttpRequest<'a> {
    /// Gives the key and the timeout.
    pub endpoint: &'a Endpoint,
    pub url: &'a str,
    /// `Some` makes it a JSON `POST`.
    pub body: Option<&'a str>,
    /// Asks any HTTP cache on the way to revalidate (`cache: "no-cache"`: a cheap 304 when
    /// nothing changed), so a refresh never shows a cached copy older than the server's.
    pub revalidate: bool,
}

/// Resolves after `millis` milliseconds. Dropped before then, it clears its timer and settles its
/// promise at once: a `JsFuture` frees its callbacks only when its promise settles, so an element
/// that leaves the page holds nothing. (gloo-timers' `TimeoutFuture` does the same, but made the
/// page download 119 B brotli larger: not used while the size budget is missed.)
pub fn sleep(millis: u32) -> Sleep {
    let mut pending = None;
    let promise = Promise::new(&mut |resolve, _| {
        let timer = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    &resolve,
                    i32::try_from(millis).unwrap_or(i32::MAX),
                )
                .ok()
        });
        pending = timer.map(|timer| (timer, resolve));
    });
    Sleep {
        pending,
        promise: JsFuture::from(promise),
    }
}

pub struct Sleep {
    /// The timer and its promise's `resolve`, until it fires.
    pending: Option<(i32, js_sys::Function)>,
    promise: JsFuture,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match Pin::new(&mut self.promise).poll(cx) {
            Poll::Ready(_) => {
                self.pending = None;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some((timer, resolve)) = self.pending.take() {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(timer);
            }
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// Sends one request. `signal` aborts it from outside (nobody wants the answer any more); the
/// timeout covers the whole exchange, body included.
pub async fn send(
    request: &HttpRequest<'_>,
    controller: &AbortController,
) -> Result<HttpAnswer, ApiError> {
    let timeout_millis = request.endpoint.timeout_millis;
    let exchange = Box::pin(exchange(request, controller.signal()));
    let timer = Box::pin(sleep(timeout_millis));
    match select(exchange, timer).await {
        Either::Left((answer, _)) => answer,
        Either::Right(((), _)) => {
            controller.abort();
            Err(ApiError::timeout(timeout_millis))
        }
    }
}

/// Written on `web_sys`'s fetch: the same exchange on gloo-net's `RequestBuilder` (`http`
/// feature only) made the page download 1,365 B brotli larger (its URL rebuilding, error
/// conversion and `http::Method`), so gloo-net is not used (docs/performance.md).
async fn exchange(request: &HttpRequest<'_>, signal: AbortSignal) -> Result<HttpAnswer, ApiError> {
    let window = web_sys::window().ok_or_else(ApiError::network)?;
    // The init and its headers are plain objects written with `Reflect::set`: one import the
    // core already has, where `RequestInit`'s and `Headers`' setters each cost their own.
    let init = Object::new();
    let headers = Object::new();
    set(&headers, "Accept", "application/json");
    if let Some(key) = &request.endpoint.api_key {
        set(
            &headers,
            "Authorization",
            &["TRACKQL-API-KEY ", key].concat(),
        );
    }
    let _ = Reflect::set(&init, &"signal".into(), &signal);
    set(&init, "credentials", "omit");
    if request.revalidate {
        set(&init, "cache", "no-cache");
    }
    if let Some(body) = request.body {
        set(&init, "method", "POST");
        set(&headers, "Content-Type", "application/json");
        set(&init, "body", body);
    }
    let _ = Reflect::set(&init, &"headers".into(), &headers);
    let init: RequestInit = init.unchecked_into();
    let fetched = super::prefetch::take(request, &signal)
        .unwrap_or_else(|| window.fetch_with_str_and_init(request.url, &init));
    let response: Response = JsFuture::from(fetched)
        .await
        .map_err(|_| ApiError::network())?
        .unchecked_into();
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let json = match response.body() {
        Some(stream) => read_capped(stream)
            .await?
            .and_then(|text| parse_json(&text)),
        None => None,
    };
    Ok(HttpAnswer {
        status,
        json,
        retry_after,
    })
}

/// `object[key] = value`, for a value that is text.
fn set(object: &Object, key: &str, value: &str) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

/// Reads a body as UTF-8 text, giving up (and cancelling the download) past `MAX_BODY_BYTES`:
/// `None` then.
async fn read_capped(stream: web_sys::ReadableStream) -> Result<Option<String>, ApiError> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| ApiError::network())?;
        let done = Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy());
        if done {
            break;
        }
        let Ok(value) = Reflect::get(&chunk, &"value".into()) else {
            break;
        };
        let part = Uint8Array::new(&value);
        if bytes.len() + part.length() as usize > MAX_BODY_BYTES {
            let _ = reader.cancel();
            return Ok(None);
        }
        bytes.extend(part.to_vec());
    }
    Ok(String::from_utf8(bytes).ok())
}

/// `JSON.parse`; arrays are kept (the carriers list is one), empty and broken bodies give `None`.
fn parse_json(text: &str) -> Option<JsValue> {
    if text.trim().is_empty() {
        return None;
    }
    json::parse(text).filter(|value| value.is_object())
}

/// True for a JSON array (a list where an object was expected is a wrong shape).
pub fn is_array(value: &JsValue) -> bool {
    Array::is_array(value)
}

/// A JSON object body decoded into `T`; arrays and other shapes give `None`.
pub fn decode<T: FromJson>(json: Option<JsValue>) -> Option<T> {
    json.filter(|value| !is_array(value))
        .and_then(|value| json::decode(&value))
}
