//! Starts the real binary on free ports and talks HTTP to it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::{send, Answer, Demo, CARRIERS_QUERY, TRACK_QUERY};

const CARRIER_IDS_QUERY: &str = "query Carriers($after: String) {
  carriers(first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id } }
  }
}";

impl Demo {
    fn track_v2(&self, path: &str, number: &str, before: Option<&str>) -> Answer {
        let variables =
            json!({"carrierId": "kr.cjlogistics", "trackingNumber": number, "before": before});
        self.graphql(path, TRACK_QUERY, variables)
    }
}

fn fixture(path: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(path);
    serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap()
}

/// A fresh directory `site/` to serve, with `secret.txt` beside it (outside the root).
fn site(name: &str) -> PathBuf {
    let dir = common::site(name);
    fs::create_dir_all(dir.join("site/www")).unwrap();
    fs::write(dir.join("secret.txt"), "secret").unwrap();
    fs::write(
        dir.join("site/index.html"),
        "<!doctype html><title>demo</title>",
    )
    .unwrap();
    fs::write(dir.join("site/www/index.js"), "export {};").unwrap();
    fs::write(dir.join("site/www/module.mjs"), "export {};").unwrap();
    fs::write(dir.join("site/www/widget.wasm"), b"\0asm\x01\0\0\0").unwrap();
    dir
}

#[test]
fn page_origin_serves_files_and_the_config() {
    let dir = site("page");
    let demo = Demo::start(&dir.join("site"));
    let get = |path: &str| send(demo.page_port, "GET", path, &[], "");

    let index = get("/");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(index.header("Cache-Control"), Some("no-store"));
    assert_eq!(index.body, "<!doctype html><title>demo</title>");

    assert_eq!(
        get("/www/index.js").header("Content-Type"),
        Some("text/javascript")
    );
    assert_eq!(
        get("/www/module.mjs").header("Content-Type"),
        Some("text/javascript")
    );
    let wasm = get("/www/widget.wasm");
    assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
    assert_eq!(wasm.header("Content-Length"), Some("8"));

    let config = get("/__demo/config.json");
    assert_eq!(config.status, 200);
    assert_eq!(
        config.json(),
        json!({"apiBase": format!("http://127.0.0.1:{}", demo.api_port), "proxyBase": null})
    );

    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/www/..%2f..%2fsecret.txt",
    ] {
        let answer = get(path);
        assert_eq!(answer.status, 404, "{path}");
        assert!(!answer.body.contains("secret"), "{path}");
    }
    assert_eq!(get("/missing.js").status, 404);
    assert_eq!(send(demo.page_port, "POST", "/", &[], "").status, 405);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn v1_answers_the_fixture_tracks_with_the_requested_carrier() {
    let demo = Demo::with_repo_root();

    let delivered = demo.api_get("/carriers/kr.cjlogistics/tracks/1234567890");
    assert_eq!(delivered.status, 200);
    assert_eq!(delivered.header("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(delivered.header("Content-Type"), Some("application/json"));
    assert_eq!(delivered.json(), fixture("v1/track-delivered.json"));

    let in_transit = demo
        .api_get("/carriers/kr.cjlogistics/tracks/1111111111")
        .json();
    assert_eq!(
        in_transit["carrier"],
        json!({"id": "kr.cjlogistics", "name": "CJ대한통운", "tel": "+8215881255"})
    );
    assert_eq!(in_transit["progresses"].as_array().unwrap().len(), 4);

    let ems = demo
        .api_get("/carriers/un.upu.ems/tracks/2222222222")
        .json();
    assert_eq!(ems["carrier"], json!({"id": "un.upu.ems", "name": "EMS"}));
    assert_eq!(ems["progresses"][2]["status"]["id"], "out_of_delivery");

    let payloads = demo
        .api_get("/carriers/kr.cjlogistics/tracks/6660000000")
        .json();
    assert_eq!(payloads["carrier"]["id"], "kr.cjlogistics");
    assert!(payloads["carrier"]["name"]
        .as_str()
        .unwrap()
        .contains("onerror="));

    let long = demo
        .api_get("/carriers/kr.cjlogistics/tracks/4500000000")
        .json();
    assert_eq!(long["progresses"].as_array().unwrap().len(), 45);
    assert_eq!(long["state"]["id"], "in_transit");

    let carriers = demo.api_get("/carriers").json();
    assert_eq!(carriers.as_array().unwrap().len(), 29);
    assert_eq!(
        demo.api_get("/carriers/kr.epost").json(),
        json!({"id": "kr.epost", "name": "우체국 택배", "tel": "+8215881300"})
    );
}

#[test]
fn v1_errors() {
    let demo = Demo::with_repo_root();
    let track = |number: &str| demo.api_get(&format!("/carriers/kr.cjlogistics/tracks/{number}"));

    let unknown_carrier = demo.api_get("/carriers/xx.nowhere/tracks/1234567890");
    assert_eq!(unknown_carrier.status, 404);
    assert_eq!(
        unknown_carrier.body,
        r#"{"message":"not supported carrier"}"#
    );
    assert_eq!(demo.api_get("/carriers/xx.nowhere").status, 404);

    let not_found = track("4040404040");
    assert_eq!(not_found.status, 404);
    assert_eq!(
        not_found.json()["message"],
        "운송장이 등록되지 않았거나 업체에서 상품을 준비중이니 업체로 문의해주시기 바랍니다."
    );
    assert_eq!(
        track("7700000000").status,
        404,
        "v2-only numbers are unknown to v1"
    );
    assert_eq!(track("4000000000").status, 400);
    let down = track("5000000000");
    assert_eq!(down.status, 500);
    assert_eq!(
        down.body,
        r#"{"message":"Request failed with status code 503"}"#
    );

    let limited = track("4290000000");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("Retry-After"), Some("1"));
    assert_eq!(
        limited.header("Access-Control-Expose-Headers"),
        Some("Retry-After")
    );
    assert_eq!(limited.header("Access-Control-Allow-Origin"), Some("*"));
    let hidden = track("4291000000");
    assert_eq!(hidden.status, 429);
    assert_eq!(hidden.header("Retry-After"), Some("1"));
    assert_eq!(hidden.header("Access-Control-Expose-Headers"), None);

    let truncated = track("8880000000");
    assert_eq!(truncated.status, 200);
    assert_eq!(truncated.body, r#"{"carrier":{"id":"kr.cj"#);

    let first = track("5030000001");
    assert_eq!(first.status, 503);
    assert_eq!(
        first.body,
        r#"{"message":"Please try again in a few minutes"}"#
    );
    assert_eq!(track("5030000001").status, 200);
    assert_eq!(track("5030000002").status, 503, "each number fails once");

    let unknown_path = demo.api_get("/nowhere");
    assert_eq!(unknown_path.status, 404);
    assert_eq!(
        unknown_path.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(unknown_path.body.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        unknown_path.header("Access-Control-Allow-Origin"),
        Some("*")
    );
}

#[test]
fn path_segments_are_percent_decoded() {
    let demo = Demo::with_repo_root();
    let answer = demo.api_get("/carriers/kr%2Ecjlogistics/tracks/%31234567890");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["state"]["id"], "delivered");
}

#[test]
fn preflight_allows_the_widget_headers() {
    let demo = Demo::with_repo_root();
    let headers = [
        ("Origin", "http://127.0.0.1:1"),
        ("Access-Control-Request-Method", "POST"),
        (
            "Access-Control-Request-Headers",
            "authorization, content-type",
        ),
    ];
    let answer = send(demo.api_port, "OPTIONS", "/keyed/graphql", &headers, "");
    assert_eq!(answer.status, 204);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(
        answer.header("Access-Control-Allow-Methods"),
        Some("GET, POST, OPTIONS")
    );
    assert_eq!(
        answer.header("Access-Control-Allow-Headers"),
        Some("Authorization, Content-Type")
    );
    assert_eq!(answer.header("Access-Control-Max-Age"), Some("600"));
}

#[test]
fn keyed_base_needs_the_demo_key() {
    let demo = Demo::with_repo_root();
    let path = "/keyed/carriers/kr.cjlogistics/tracks/1234567890";

    let refused = demo.api_get(path);
    assert_eq!(refused.status, 401);
    assert_eq!(refused.body, r#"{"message":"Unauthorized"}"#);
    let wrong = [("Authorization", "TRACKQL-API-KEY demo-client:wrong")];
    assert_eq!(send(demo.api_port, "GET", path, &wrong, "").status, 401);
    let key = [("Authorization", "TRACKQL-API-KEY demo-client:demo-secret")];
    assert_eq!(send(demo.api_port, "GET", path, &key, "").status, 200);

    let v2 = demo.track_v2("/keyed/graphql", "1234567890", None);
    assert_eq!(v2.status, 200);
    assert_eq!(
        v2.json(),
        json!({
            "errors": [{"message": "Unauthorized", "extensions": {"code": "UNAUTHENTICATED"}}],
            "data": null,
        })
    );
    let variables = json!({"carrierId": "kr.cjlogistics", "trackingNumber": "1234567890"});
    let body = json!({"query": TRACK_QUERY, "variables": variables}).to_string();
    let keyed = send(demo.api_port, "POST", "/keyed/graphql", &key, &body);
    assert_eq!(
        keyed.json()["data"]["track"]["lastEvent"]["status"]["code"],
        "DELIVERED"
    );
}

#[test]
fn v2_delivered_is_the_fixture() {
    let demo = Demo::with_repo_root();
    let answer = demo.track_v2("/graphql", "1234567890", None);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(answer.json(), fixture("v2/track-delivered.json"));
}

#[test]
fn v2_pages_long_histories_backwards() {
    let demo = Demo::with_repo_root();

    let first = demo.track_v2("/graphql", "4500000000", None).json();
    let events = &first["data"]["track"]["events"];
    assert_eq!(events["edges"].as_array().unwrap().len(), 20);
    assert_eq!(events["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(events["pageInfo"]["startCursor"], "eyJpbmRleCI6MjV9"); // {"index":25}
    assert_eq!(
        events["edges"][19]["node"]["description"],
        "배송지역으로 상품이 이동중입니다. (45/45)"
    );
    assert_eq!(
        events["edges"][0]["node"]["time"],
        "2025-01-09T12:55:00.000+09:00"
    );
    assert_eq!(
        first["data"]["track"]["lastEvent"],
        events["edges"][19]["node"]
    );

    let second = demo
        .track_v2("/graphql", "4500000000", Some("eyJpbmRleCI6MjV9"))
        .json();
    let events = &second["data"]["track"]["events"];
    assert_eq!(events["edges"].as_array().unwrap().len(), 20);
    assert_eq!(events["pageInfo"]["hasPreviousPage"], true);
    let before = events["pageInfo"]["startCursor"]
        .as_str()
        .unwrap()
        .to_owned();

    let third = demo
        .track_v2("/graphql", "4500000000", Some(&before))
        .json();
    let events = &third["data"]["track"]["events"];
    assert_eq!(events["edges"].as_array().unwrap().len(), 5);
    assert_eq!(events["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(events["edges"][0]["node"]["status"]["code"], "AT_PICKUP");
    assert_eq!(
        events["edges"][0]["node"]["time"],
        "2025-01-06T09:00:00.000+09:00"
    );

    let many = demo.track_v2("/graphql", "6000000000", None).json();
    let last = &many["data"]["track"]["events"]["edges"][19]["node"];
    assert_eq!(
        last["description"],
        "배송지역으로 상품이 이동중입니다. (620/620)"
    );
}

#[test]
fn v2_scenarios() {
    let demo = Demo::with_repo_root();
    let track = |number: &str| demo.track_v2("/graphql", number, None);
    let last_code =
        |number: &str| track(number).json()["data"]["track"]["lastEvent"]["status"]["code"].clone();

    assert_eq!(last_code("7700000000"), "ATTEMPT_FAIL");
    let edges = track("7800000000").json()["data"]["track"]["events"]["edges"].clone();
    assert_eq!(edges.as_array().unwrap().len(), 3);
    assert_eq!(edges[1]["node"]["status"]["code"], "IN_TRANSIT");
    assert_eq!(last_code("7800000000"), "EXCEPTION");
    assert_eq!(last_code("7900000000"), "AVAILABLE_FOR_PICKUP");
    assert_eq!(last_code("2222222222"), "OUT_FOR_DELIVERY");
    assert_eq!(track("3000000000").body, r#"{"data":{"track":null}}"#);

    let not_found = track("4040404040").json();
    assert_eq!(not_found["errors"][0]["extensions"]["code"], "NOT_FOUND");
    assert_eq!(not_found["data"], json!({"track": null}));
    assert_eq!(
        track("4000000000").json()["errors"][0]["extensions"]["code"],
        "BAD_REQUEST"
    );
    let down = track("5000000000").json();
    assert_eq!(down["errors"][0]["extensions"]["code"], "INTERNAL");
    assert_eq!(
        down["errors"][0]["message"],
        "Please try again in a few minutes."
    );
    let limited = track("4290000000");
    assert_eq!(limited.status, 429);
    assert_eq!(
        limited.header("Access-Control-Expose-Headers"),
        Some("Retry-After")
    );

    let unknown_carrier = demo.graphql(
        "/graphql",
        TRACK_QUERY,
        json!({"carrierId": "xx.nowhere", "trackingNumber": "1234567890"}),
    );
    assert_eq!(unknown_carrier.status, 200);
    assert_eq!(
        unknown_carrier.json(),
        fixture("v2/error-carrier-not-found.json")
    );

    let headers = [("Content-Type", "application/json")];
    for body in ["not json", r#"{"query":"{ viewer { id } }"}"#] {
        let answer = send(demo.api_port, "POST", "/graphql", &headers, body);
        assert_eq!(answer.status, 400);
        assert_eq!(
            answer.body,
            r#"{"errors":[{"extensions":{"code":"GRAPHQL_PARSE_FAILED"},"message":"Syntax Error"}]}"#
        );
    }
}

#[test]
fn v2_pages_carriers_forwards() {
    let demo = Demo::with_repo_root();
    let first = demo.graphql("/graphql", CARRIERS_QUERY, json!({})).json();
    let carriers = &first["data"]["carriers"];
    assert_eq!(carriers["edges"].as_array().unwrap().len(), 20);
    assert_eq!(
        carriers["edges"][0]["node"],
        json!({"id": "de.dhl", "name": "DHL"})
    );
    assert_eq!(carriers["pageInfo"]["hasNextPage"], true);

    let after = carriers["pageInfo"]["endCursor"].clone();
    let second = demo
        .graphql("/graphql", CARRIERS_QUERY, json!({"after": after}))
        .json();
    let carriers = &second["data"]["carriers"];
    assert_eq!(carriers["edges"].as_array().unwrap().len(), 9);
    assert_eq!(
        carriers["edges"][8]["node"],
        json!({"id": "us.usps", "name": "USPS"})
    );
    assert_eq!(carriers["pageInfo"]["hasNextPage"], false);
}

// The `/self-hosted` base answers as the open-source v2 server (packages/server, Apollo with its
// `formatError`) does: one test per way it differs from the cloud.

/// The `errors` a self-hosted server gives for any resolver error.
fn internal_error(field: &str) -> Value {
    json!({"errors": [{"message": "Internal error", "path": [field], "extensions": {"code": "INTERNAL"}}], "data": {field: null}})
}

#[test]
fn self_hosted_carrier_has_no_name_field() {
    let demo = Demo::with_repo_root();
    let names = demo.graphql("/self-hosted/graphql", CARRIERS_QUERY, json!({}));
    assert_eq!(names.status, 400);
    assert_eq!(
        names.json(),
        json!({"errors": [{
            "message": "Cannot query field \"name\" on type \"Carrier\".",
            "extensions": {"code": "BAD_REQUEST"},
        }]})
    );
    let ids = demo
        .graphql("/self-hosted/graphql", CARRIER_IDS_QUERY, json!({}))
        .json();
    assert_eq!(
        ids["data"]["carriers"]["edges"][0]["node"],
        json!({"id": "cn.cainiao.global"})
    );
}

#[test]
fn self_hosted_carriers_pages_hold_at_most_20_and_need_first_or_last() {
    let demo = Demo::with_repo_root();
    let page = |query: &str| demo.graphql("/self-hosted/graphql", query, json!({}));
    let fifty = page("query { carriers(first: 50) { pageInfo { hasNextPage endCursor } edges { node { id } } } }");
    assert_eq!(fifty.status, 200);
    let fifty = fifty.json();
    assert_eq!(
        fifty["data"]["carriers"]["edges"].as_array().unwrap().len(),
        20
    );
    assert_eq!(fifty["data"]["carriers"]["pageInfo"]["hasNextPage"], true);
    let three = page("query { carriers(first: 3) { edges { node { id } } } }").json();
    assert_eq!(
        three["data"]["carriers"]["edges"],
        json!([
            {"cursor": "eyJpbmRleCI6MH0=", "node": {"id": "cn.cainiao.global"}},
            {"cursor": "eyJpbmRleCI6MX0=", "node": {"id": "jp.sagawa"}},
            {"cursor": "eyJpbmRleCI6Mn0=", "node": {"id": "jp.yamato"}},
        ])
    );
    // The open-source server's 32 carriers, in its registry's order: two pages.
    let second = demo
        .graphql(
            "/self-hosted/graphql",
            CARRIER_IDS_QUERY,
            json!({"after": fifty["data"]["carriers"]["pageInfo"]["endCursor"]}),
        )
        .json();
    let rest = second["data"]["carriers"]["edges"].as_array().unwrap();
    assert_eq!(rest.len(), 12);
    assert_eq!(rest[11]["node"], json!({"id": "us.ups"}));
    assert_eq!(second["data"]["carriers"]["pageInfo"]["hasNextPage"], false);
    let unbounded = page("query { carriers { edges { node { id } } } }");
    assert_eq!(unbounded.status, 200);
    assert_eq!(unbounded.json(), internal_error("carriers"));
    // The cloud is unchanged: the widget's `first: 20` pages.
    let cloud = demo.graphql(
        "/graphql",
        "query { carriers(first: 50) { edges { node { id } } } }",
        json!({}),
    );
    assert_eq!(
        cloud.json()["data"]["carriers"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
}

#[test]
fn self_hosted_resolver_errors_are_all_internal() {
    let demo = Demo::with_repo_root();
    for number in ["4040404040", "4000000000", "5000000000"] {
        let answer = demo.track_v2("/self-hosted/graphql", number, None);
        assert_eq!(answer.status, 200, "{number}");
        assert_eq!(answer.json(), internal_error("track"), "{number}");
    }
    let unknown_carrier = demo.graphql(
        "/self-hosted/graphql",
        TRACK_QUERY,
        json!({"carrierId": "xx.nope", "trackingNumber": "1234567890"}),
    );
    assert_eq!(unknown_carrier.status, 200);
    assert_eq!(unknown_carrier.json(), internal_error("track"));
    let expected = fixture("v2/error-self-hosted-internal.json");
    assert_eq!(
        internal_error("track")["errors"][0]["message"],
        expected["errors"][0]["message"]
    );
    let delivered = demo
        .track_v2("/self-hosted/graphql", "1234567890", None)
        .json();
    assert_eq!(delivered["data"]["track"]["trackingNumber"], "1234567890");
}

#[test]
fn self_hosted_refuses_a_get_and_a_simple_post() {
    let demo = Demo::with_repo_root();
    let refused =
        json!({"errors": [{"message": "Internal error", "extensions": {"code": "INTERNAL"}}]});
    // What a widget left at api-version="v1" sends.
    for path in [
        "/self-hosted/carriers/kr.cjlogistics/tracks/1234567890",
        "/self-hosted/carriers",
        "/self-hosted/graphql",
    ] {
        let get = demo.api_get(path);
        assert_eq!(get.status, 400, "{path}");
        assert_eq!(get.json(), refused, "{path}");
    }
    let body = json!({"query": TRACK_QUERY, "variables": {"carrierId": "kr.cjlogistics", "trackingNumber": "1234567890"}}).to_string();
    let plain = send(
        demo.api_port,
        "POST",
        "/self-hosted/graphql",
        &[("Content-Type", "text/plain")],
        &body,
    );
    assert_eq!((plain.status, plain.json()), (400, refused));
    let syntax = send(
        demo.api_port,
        "POST",
        "/self-hosted/graphql",
        &common::JSON_CONTENT_TYPE,
        "{not json",
    );
    assert_eq!(syntax.status, 400);
    assert_eq!(
        syntax.json()["errors"][0]["extensions"]["code"],
        "BAD_REQUEST"
    );
}

#[test]
fn stale_answers_carry_the_proxys_mark() {
    let demo = Demo::with_repo_root();
    let v1 = demo
        .api_get("/carriers/kr.cjlogistics/tracks/8887000000")
        .json();
    assert_eq!(
        v1["stale"],
        json!({"fetchedAt": "2024-04-26T09:30:00+09:00"})
    );
    assert_eq!(v1["state"]["id"], "delivered");
    let v2 = demo.track_v2("/graphql", "8887000000", None).json();
    assert_eq!(
        v2["extensions"],
        json!({"stale": {"fetchedAt": "2024-04-26T09:30:00+09:00"}})
    );
    assert_eq!(
        v2["data"]["track"]["lastEvent"]["status"]["code"],
        "DELIVERED"
    );
    let fresh = demo.track_v2("/graphql", "1234567890", None).json();
    assert_eq!(fresh.get("extensions"), None);
}

#[test]
fn v2_gets_a_v1_body_for_8888000000_and_a_history_grows_by_one() {
    let demo = Demo::with_repo_root();
    let v1_shaped = demo.track_v2("/graphql", "8888000000", None);
    assert_eq!(v1_shaped.status, 200);
    let body = v1_shaped.json();
    assert_eq!((body.get("data"), body.get("errors")), (None, None));
    assert_eq!(body["carrier"]["id"], "kr.cjlogistics");
    let path = "/carriers/kr.cjlogistics/tracks/4600000001";
    let first = demo.api_get(path).json();
    let second = demo.api_get(path).json();
    let (first, second) = (
        first["progresses"].as_array().unwrap().clone(),
        second["progresses"].as_array().unwrap().clone(),
    );
    assert_eq!((first.len(), second.len()), (45, 46));
    assert_eq!(first[..], second[..45]);
}

#[test]
fn a_slow_answer_does_not_hold_up_others() {
    let demo = Demo::with_repo_root();
    let api_port = demo.api_port;
    thread::spawn(move || {
        send(
            api_port,
            "GET",
            "/carriers/kr.cjlogistics/tracks/9990000000",
            &[],
            "",
        )
    });
    thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let answer = demo.api_get("/carriers/kr.cjlogistics/tracks/1234567890");
    assert_eq!(answer.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_page_config_names_the_shop_proxy_when_there_is_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let demo = Demo::start_with(root, &["--proxy-base", "http://127.0.0.1:8787/"]);
    let config = send(demo.page_port, "GET", "/__demo/config.json", &[], "");
    assert_eq!(
        config.json(),
        json!({"apiBase": format!("http://127.0.0.1:{}", demo.api_port), "proxyBase": "http://127.0.0.1:8787"})
    );
}

#[test]
fn the_api_keeps_a_log_of_the_requests_it_received() {
    let demo = Demo::with_repo_root();
    assert_eq!(
        demo.api_get("/carriers/kr.cjlogistics/tracks/1234567890")
            .status,
        200
    );
    let keyed = send(
        demo.api_port,
        "GET",
        "/keyed/carriers",
        &[("Authorization", "TRACKQL-API-KEY demo-client:demo-secret")],
        "",
    );
    assert_eq!(keyed.status, 200);
    let other = send(
        demo.api_port,
        "GET",
        "/keyed/carriers",
        &[
            ("Authorization", "TRACKQL-API-KEY someone:else"),
            ("Cache-Control", "no-cache"),
            ("Pragma", "no-cache"),
        ],
        "",
    );
    assert_eq!(other.status, 401);
    let graphql = demo.graphql(
        "/graphql",
        TRACK_QUERY,
        json!({"carrierId": "kr.cjlogistics", "trackingNumber": "1111111111"}),
    );
    assert_eq!(graphql.status, 200);

    let log = demo.api_get("/__requests");
    assert_eq!(log.status, 200);
    assert_eq!(log.header("access-control-allow-origin"), Some("*"));
    let log: Value = serde_json::from_str(&log.body).unwrap();
    let requests = log["requests"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = requests
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap(),
                r["url"].as_str().unwrap(),
                r["authorization"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/carriers/kr.cjlogistics/tracks/1234567890", "none"),
            ("GET", "/keyed/carriers", "demo-key"),
            ("GET", "/keyed/carriers", "other"),
            ("POST", "/graphql", "none"),
        ]
    );
    assert!(requests[3]["body"]
        .as_str()
        .unwrap()
        .contains("\"trackingNumber\":\"1111111111\""));
    assert!(!log.to_string().contains("demo-secret"));
    // The cache directives a refresh sends are logged; none is `null`.
    assert_eq!(
        (&requests[0]["cacheControl"], &requests[0]["pragma"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(
        (&requests[2]["cacheControl"], &requests[2]["pragma"]),
        (&json!("no-cache"), &json!("no-cache"))
    );
    assert!(!log.to_string().contains("someone:else"));
    let times: Vec<f64> = requests.iter().map(|r| r["at"].as_f64().unwrap()).collect();
    assert!(times.windows(2).all(|pair| pair[0] <= pair[1]), "{times:?}");
    assert!(
        times[0] > 1.7e12,
        "milliseconds since the epoch: {}",
        times[0]
    );
}
