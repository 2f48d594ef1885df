//! Browser tests: the Rust element core mounted on real elements in headless Chromium, talking
//! over real HTTP to the fixture API on another origin. `scripts/test.sh` starts that server and
//! passes its address in `DT_FIXTURE_API` at build time.
#![cfg(target_arch = "wasm32")]

use delivery_tracker_widget::{mount, Tracker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

// Not `env!`: builds that do not run these tests (clippy, `cargo check`) have no server.
#[allow(clippy::option_env_unwrap)]
fn fixture_api() -> &'static str {
    option_env!("DT_FIXTURE_API")
        .expect("DT_FIXTURE_API must name the fixture API (scripts/test.sh starts it)")
}

async fn sleep(millis: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// An element on the page with the given attributes; `lang="ko"` unless given.
fn host(attributes: &[(&str, &str)]) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document
        .create_element("tracker-under-test")
        .unwrap()
        .unchecked_into();
    element.set_attribute("lang", "ko").unwrap();
    element.set_attribute("api-base", fixture_api()).unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&element).unwrap();
    element
}

fn shadow(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root().expect("a shadow root")
}

fn all(host: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = shadow(host).query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(host: &HtmlElement, selector: &str) -> String {
    shadow(host)
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

async fn until_state(tracker: &Tracker, state: &str) {
    for _ in 0..100 {
        if tracker.state() == state {
            return;
        }
        sleep(50).await;
    }
    panic!("state stayed {} instead of {state}", tracker.state());
}

#[wasm_bindgen_test]
async fn renders_the_delivered_seed_example() {
    let host = host(&[
        ("carrier", "kr.cjlogistics"),
        ("tracking-number", "1234567890"),
    ]);
    let tracker = mount(host.clone(), None).unwrap();
    until_state(&tracker, "ready").await;
    assert_eq!(text(&host, "[part=status]"), "배송완료");
    assert!(text(&host, "[part=summary]").contains("CJ대한통운"));
    assert!(text(&host, "[part=summary]").contains("1234567890"));
    let stages = all(&host, "[part=stage]");
    assert_eq!(stages.len(), 5);
    assert_eq!(
        stages[4].get_attribute("aria-current").as_deref(),
        Some("step")
    );
    assert_eq!(stages[3].get_attribute("aria-current"), None);
    assert_eq!(
        all(&host, "[part=event]").len(),
        5,
        "the newest five of six"
    );
    let newest = &all(&host, "[part=event] time")[0];
    assert_eq!(
        newest.get_attribute("datetime").as_deref(),
        Some("2024-04-25T17:19:20+09:00")
    );
    assert_eq!(
        all(&host, "a[part=link]")[0]
            .get_attribute("href")
            .as_deref(),
        Some("https://tracker.delivery/#/kr.cjlogistics/1234567890")
    );
    let phone = all(&host, "a[href^='tel:']");
    assert_eq!(
        phone[0].get_attribute("href").as_deref(),
        Some("tel:+8215881255")
    );

    let more: HtmlElement = all(&host, "[part=more]")[0].clone().unchecked_into();
    assert_eq!(
        more.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    more.click();
    sleep(0).await;
    assert_eq!(all(&host, "[part=event]").len(), 6);
    assert_eq!(more.get_attribute("aria-expanded").as_deref(), Some("true"));
    host.remove();
}

#[wasm_bindgen_test]
async fn dt_load_fires_once_the_result_is_rendered() {
    let host = host(&[("carrier", "kr.epost"), ("tracking-number", "2222222222")]);
    let seen = Rc::new(RefCell::new(Vec::<String>::new()));
    let listener = {
        let (seen, host) = (Rc::clone(&seen), host.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let status = shadow(&host)
                .query_selector("[part=status]")
                .unwrap()
                .and_then(|status| status.text_content());
            seen.borrow_mut().push(status.unwrap_or_default());
        })
    };
    host.add_event_listener_with_callback("dt-load", listener.as_ref().unchecked_ref())
        .unwrap();
    let tracker = mount(host.clone(), None).unwrap();
    until_state(&tracker, "ready").await;
    sleep(50).await;
    assert_eq!(*seen.borrow(), ["배송출발"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn renders_a_parcel_in_transit() {
    let host = host(&[("carrier", "kr.epost"), ("tracking-number", "1111111111")]);
    let tracker = mount(host.clone(), None).unwrap();
    until_state(&tracker, "ready").await;
    assert_eq!(text(&host, "[part=status]"), "배송중");
    let stages = all(&host, "[part=stage]");
    assert_eq!(
        stages[2].get_attribute("aria-current").as_deref(),
        Some("step")
    );
    assert_eq!(all(&host, "[part=event]").len(), 4);
    assert!(all(&host, "[part=more]").is_empty());
    assert_eq!(all(&host, "[part=timeline] > li").len(), 2, "two dates");
    host.remove();
}

#[wasm_bindgen_test]
async fn not_found_shows_the_api_message_and_the_link() {
    let host = host(&[
        ("carrier", "kr.cjlogistics"),
        ("tracking-number", "4040404040"),
    ]);
    let tracker = mount(host.clone(), None).unwrap();
    until_state(&tracker, "not-found").await;
    let notice = text(&host, "[part=notice]");
    assert!(notice.contains("배송 정보를 찾을 수 없습니다"));
    assert!(notice.contains(
        "운송장이 등록되지 않았거나 업체에서 상품을 준비중이니 업체로 문의해주시기 바랍니다."
    ));
    assert_eq!(
        all(&host, "[part=notice] a[part=link]")[0]
            .get_attribute("href")
            .as_deref(),
        Some("https://tracker.delivery/#/kr.cjlogistics/4040404040")
    );
    assert!(tracker.data().is_null());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_carrier_down_falls_back_to_the_link() {
    let host = host(&[("carrier", "kr.hanjin"), ("tracking-number", "5000000000")]);
    let tracker = mount(host.clone(), None).unwrap();
    until_state(&tracker, "fallback").await;
    assert!(text(&host, "[part=fallback]").contains("지금은 배송 정보를 불러올 수 없습니다."));
    assert_eq!(
        all(&host, "[part=fallback] a[part=link]")[0]
            .get_attribute("href")
            .as_deref(),
        Some("https://tracker.delivery/#/kr.hanjin/5000000000")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn attribute_changes_re_render() {
    let host = host(&[
        ("carrier", "kr.cjlogistics"),
        ("tracking-number", "1234567890"),
    ]);
    let tracker = mount(host.clone(), None).unwrap();
    until_state(&tracker, "ready").await;
    host.set_attribute("tracking-number", "2222222222").unwrap();
    tracker.attribute_changed("tracking-number");
    // The state is still the old parcel's `ready` until the change is handled, then `loading`
    // (no status shown) until the new answer comes.
    for _ in 0..100 {
        let status = shadow(&host)
            .query_selector("[part=status]")
            .unwrap()
            .and_then(|node| node.text_content());
        if status.as_deref() == Some("배송출발") {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(text(&host, "[part=status]"), "배송출발");
    host.set_attribute("lang", "en").unwrap();
    tracker.attribute_changed("lang");
    sleep(50).await;
    assert_eq!(text(&host, "[part=status]"), "Out for delivery");
    host.set_attribute("mode", "link").unwrap();
    tracker.attribute_changed("mode");
    until_state(&tracker, "idle").await;
    assert!(all(&host, "[part=summary]").is_empty());
    assert_eq!(
        all(&host, "a[part=link]")[0]
            .get_attribute("href")
            .as_deref(),
        Some("https://tracker.delivery/#/kr.cjlogistics/2222222222")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn removal_mid_request_leaves_no_errors() {
    let errors = Rc::new(RefCell::new(Vec::<String>::new()));
    let window = web_sys::window().unwrap();
    let record = {
        let errors = Rc::clone(&errors);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            errors.borrow_mut().push(event.type_());
        })
    };
    for name in ["error", "unhandledrejection"] {
        window
            .add_event_listener_with_callback(name, record.as_ref().unchecked_ref())
            .unwrap();
    }
    let host = host(&[
        ("carrier", "kr.cjlogistics"),
        ("tracking-number", "9990000000"),
        ("timeout", "20000"),
    ]);
    let tracker = mount(host.clone(), None).unwrap();
    sleep(200).await;
    assert_eq!(tracker.state(), "loading");
    host.remove();
    drop(tracker);
    assert!(all(&host, "[part=base]").is_empty(), "unmounted");
    sleep(300).await;
    // Mounting again reuses the shadow root.
    let tracker = mount(host.clone(), None).unwrap();
    sleep(100).await;
    assert_eq!(tracker.state(), "loading");
    drop(tracker);
    sleep(100).await;
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
}
