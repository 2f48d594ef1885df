//! The proxy binary in front of the fixture API's keyed base, over real HTTP.

mod common;

use std::time::Duration;

use common::{track_query, Fixture, Proxy};
use serde_json::{json, Value};

async fn body_json(response: reqwest::Response) -> Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

/// Every `Vary` header's value, joined.
fn vary(response: &reqwest::Response) -> String {
    let values: Vec<&str> = response
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    values.join(", ").to_ascii_lowercase()
}

#[tokio::test(flavor = "multi_thread")]
async fn v1_answers_in_the_seed_shape_from_the_v2_upstream_with_the_key_kept_on_the_server() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);

    let response = proxy
        .get("/carriers/kr.cjlogistics/tracks/1234567890")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        Some("application/json; charset=utf-8")
    );
    let headers = format!("{:?}", response.headers());
    let text = response.text().await.unwrap();
    let track: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        track["carrier"],
        json!({"id": "kr.cjlogistics", "name": "CJ대한통운", "tel": "+8215881255"})
    );
    assert_eq!(
        track["state"],
        json!({"id": "delivered", "text": "배송완료"})
    );
    assert_eq!(
        track["to"],
        json!({"name": "이*영", "time": "2024-04-25T17:19:20.000+09:00"})
    );
    let progresses = track["progresses"].as_array().unwrap();
    assert_eq!(progresses.len(), 4);
    assert_eq!(
        progresses[0],
        json!({"time": "2024-04-24T15:26:13.000+09:00", "status": {"id": "at_pickup", "text": "집화처리"},
               "location": {"name": "경기고양신삼송"}, "description": "보내시는 고객님으로부터 상품을 인수받았습니다"})
    );
    assert_eq!(
        progresses[3]["status"],
        json!({"id": "delivered", "text": "배송완료"})
    );
    assert!(track.get("stale").is_none());

    // The key reached upstream on every request, and nothing the client sees or the log
    // holds shows it or the full tracking number.
    let upstream = fixture.requests("1234567890").await;
    assert_eq!(upstream.len(), 1);
    assert_eq!(upstream[0]["method"], "POST");
    assert_eq!(upstream[0]["url"], "/keyed/graphql");
    assert_eq!(upstream[0]["authorization"], "demo-key");
    let carriers = fixture.requests("query Carriers").await;
    assert!(!carriers.is_empty());
    assert!(carriers.iter().all(|r| r["authorization"] == "demo-key"));
    for seen in [&text, &headers, &proxy.log()] {
        assert!(!seen.contains("demo-secret"), "{seen}");
    }
    let log = proxy.log();
    assert!(
        log.contains("GET /carriers/kr.cjlogistics/tracks/******7890 200"),
        "{log}"
    );
    assert!(!log.contains("1234567890"), "{log}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_client_s_own_authorization_is_never_forwarded() {
    let fixture = Fixture::start();
    // No key on the server: upstream sees none, whatever the client sends.
    let proxy = Proxy::start(&["--upstream", &fixture.api], &[]);
    let response = proxy
        .get("/carriers/kr.cjlogistics/tracks/1111111111")
        .header("Authorization", "TRACKQL-API-KEY visitor:guess")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let upstream = fixture.requests("1111111111").await;
    assert_eq!(upstream.len(), 1);
    assert_eq!(upstream[0]["authorization"], "none");
    assert!(!proxy.log().contains("visitor:guess"));
}

#[tokio::test(flavor = "multi_thread")]
async fn v1_carriers_list_and_errors_follow_the_seed() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);

    let carriers = body_json(proxy.get("/carriers").send().await.unwrap()).await;
    let list = carriers.as_array().unwrap();
    assert!(list.len() > 20, "paged upstream: {}", list.len());
    assert!(
        list.contains(&json!({"id": "kr.cjlogistics", "name": "CJ대한통운", "tel": "+8215881255"}))
    );
    let one = body_json(proxy.get("/carriers/kr.epost").send().await.unwrap()).await;
    assert_eq!(one["id"], "kr.epost");

    let cases = [
        ("/carriers/kr.cjlogistics/tracks/4040404040", 404),
        ("/carriers/kr.cjlogistics/tracks/4000000000", 400),
        ("/carriers/xx.nowhere/tracks/1234567890", 404),
        ("/carriers/xx.nowhere", 404),
        ("/carriers/kr.cjlogistics/tracks/5000000000", 503),
    ];
    let mut messages = Vec::new();
    for (path, status) in cases {
        let response = proxy.get(path).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        messages.push(
            body_json(response).await["message"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(
        messages,
        [
            "운송장이 등록되지 않았거나 업체에서 상품을 준비중이니 업체로 문의해주시기 바랍니다.",
            "운송장 번호 형식이 올바르지 않습니다.",
            "not supported carrier",
            "not supported carrier",
            "Please try again in a few minutes",
        ]
    );
    assert!(
        fixture.requests("xx.nowhere").await.is_empty(),
        "an unknown carrier is refused from the carriers list, without a track request"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn v2_side_states_become_lowercase_v1_ids_and_histories_are_paged() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);
    let mut states = Vec::new();
    for number in ["7700000000", "7800000000", "7900000000"] {
        let path = format!("/carriers/kr.cjlogistics/tracks/{number}");
        let track = body_json(proxy.get(&path).send().await.unwrap()).await;
        states.push(track["state"]["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        states,
        ["attempt_fail", "exception", "available_for_pickup"]
    );

    // 620 events upstream: paged back 20 at a time to the newest 500, oldest first.
    let track = body_json(
        proxy
            .get("/carriers/kr.cjlogistics/tracks/6000000000")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let progresses = track["progresses"].as_array().unwrap();
    assert_eq!(progresses.len(), 500);
    assert_eq!(fixture.requests("6000000000").await.len(), 25);
    let times: Vec<&str> = progresses
        .iter()
        .map(|p| p["time"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "oldest first");
}

#[tokio::test(flavor = "multi_thread")]
async fn v2_serves_only_the_widget_s_own_queries() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);

    let answer = proxy
        .graphql(&track_query("kr.cjlogistics", "1234567890"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let answer = body_json(answer).await;
    assert_eq!(
        answer["data"]["track"]["lastEvent"]["status"]["code"],
        "DELIVERED"
    );
    assert_eq!(
        fixture.requests("1234567890").await[0]["authorization"],
        "demo-key"
    );

    let before = fixture.requests("").await.len();
    let refused = [
        json!({"query": "{ __schema { types { name } } }"}),
        json!({"query": delivery_tracker_widget::api::v2::TRACK_QUERY.replace("sender { name }", "sender { name phone }"),
               "variables": {"carrierId": "kr.cjlogistics", "trackingNumber": "1234567890"}}),
        json!({"query": delivery_tracker_widget::api::v2::TRACK_QUERY,
               "variables": {"carrierId": "kr.cjlogistics", "trackingNumber": "<script>"}}),
        json!({"query": "query {"}),
    ];
    let mut messages = Vec::new();
    for body in &refused {
        let response = proxy.graphql(body).send().await.unwrap();
        assert_eq!(response.status(), 400);
        let body = body_json(response).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
        messages.push(body["errors"][0]["message"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        messages,
        [
            "This proxy serves only the widget's own track and carriers queries.",
            "This proxy serves only the widget's own track and carriers queries.",
            "The tracking number is not a tracking number (letters, digits and hyphens, at most 64).",
            "The query is not valid GraphQL.",
        ]
    );
    let not_json = common::client()
        .post(format!("{}/graphql", proxy.url))
        .header("Content-Type", "text/plain")
        .body(track_query("kr.cjlogistics", "1").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
    let huge = json!({"query": "x".repeat(17 * 1024)});
    let too_big = proxy.graphql(&huge).send().await.unwrap();
    assert_eq!(too_big.status(), 413);
    assert_eq!(
        body_json(too_big).await["errors"][0]["message"],
        "The request body is larger than 16384 bytes."
    );
    assert_eq!(proxy.get("/graphql").send().await.unwrap().status(), 400);
    assert_eq!(
        fixture.requests("").await.len(),
        before,
        "nothing refused reached upstream"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_paths_and_numbers_get_clear_errors_and_no_upstream_request() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);
    let before = fixture.requests("").await.len();
    let cases = [
        ("/nowhere", 404, "Not found: this proxy serves /carriers, /carriers/{carrier_id}/tracks/{track_id} and POST /graphql."),
        ("/carriers/KR..CJ/tracks/1", 400, "The carrier id is not a carrier id (such as kr.cjlogistics)."),
        ("/carriers/kr.cjlogistics/tracks/12%2034", 400, "The tracking number is not a tracking number (letters, digits and hyphens, at most 64)."),
        ("/carriers/kr.cjlogistics/tracks/%3Cb%3E", 400, "The tracking number is not a tracking number (letters, digits and hyphens, at most 64)."),
    ];
    for (path, status, message) in cases {
        let response = proxy.get(path).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(header(&response, "cache-control"), Some("no-store"));
        assert_eq!(
            body_json(response).await,
            json!({"message": message}),
            "{path}"
        );
    }
    let post = common::client()
        .post(format!("{}/carriers", proxy.url))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 405);
    assert_eq!(
        body_json(post).await,
        json!({"message": "Method not allowed."})
    );
    assert_eq!(
        fixture.requests("").await.len(),
        before,
        "nothing reached upstream"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_concurrent_identical_requests_make_one_upstream_request() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &["--rate-limit", "0"]);
    // 998… numbers answer after 1 s upstream: the requests overlap.
    let v1 = (0..100).map(|_| {
        proxy
            .get("/carriers/kr.cjlogistics/tracks/9981000001")
            .send()
    });
    let v2 = (0..100).map(|_| {
        proxy
            .graphql(&track_query("kr.cjlogistics", "9981000002"))
            .send()
    });
    let (v1, v2) = tokio::join!(futures::future::join_all(v1), futures::future::join_all(v2));
    for response in v1.into_iter().chain(v2) {
        assert_eq!(response.unwrap().status(), 200);
    }
    assert_eq!(fixture.requests("9981000001").await.len(), 1);
    assert_eq!(fixture.requests("9981000002").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_earlier_answer_is_served_stale_when_upstream_fails() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(
        &fixture,
        &["--cache-ttl", "1", "--cache-ttl-delivered", "1"],
    );
    // 504… numbers: delivered the first time, 503 after.
    let path = "/carriers/kr.cjlogistics/tracks/5041000001";
    let first = proxy.get(path).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let fresh = body_json(first).await;
    assert!(fresh.get("stale").is_none());
    let v2_first = body_json(
        proxy
            .graphql(&track_query("kr.cjlogistics", "5041000002"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(v2_first.get("extensions").is_none());
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let second = proxy.get(path).send().await.unwrap();
    assert_eq!(second.status(), 200);
    assert_eq!(header(&second, "cache-control"), Some("no-cache"));
    let stale = body_json(second).await;
    let fetched_at = stale["stale"]["fetchedAt"].as_str().unwrap().to_owned();
    assert_eq!(
        fetched_at.len(),
        "2026-12-01T20:00:00Z".len(),
        "{fetched_at}"
    );
    assert!(fetched_at.ends_with('Z'));
    assert_eq!(stale["state"], fresh["state"]);
    assert_eq!(stale["progresses"], fresh["progresses"]);

    let v2_second = proxy
        .graphql(&track_query("kr.cjlogistics", "5041000002"))
        .send()
        .await
        .unwrap();
    assert_eq!(v2_second.status(), 200);
    let v2_stale = body_json(v2_second).await;
    assert!(v2_stale["extensions"]["stale"]["fetchedAt"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert_eq!(v2_stale["data"], v2_first["data"]);
    assert_eq!(
        fixture.requests("5041000001").await.len(),
        2,
        "upstream was asked again"
    );

    // No earlier answer: the failure itself.
    let failed = proxy
        .get("/carriers/kr.cjlogistics/tracks/5000000000")
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), 503);
}

#[tokio::test(flavor = "multi_thread")]
async fn get_answers_carry_http_caching_headers_and_revalidate_with_304() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &["--cache-ttl", "120"]);
    let path = "/carriers/kr.cjlogistics/tracks/1111111111";
    let first = proxy.get(path).send().await.unwrap();
    let cache_control = header(&first, "cache-control").unwrap().to_owned();
    let (max_age, rest) = cache_control
        .strip_prefix("public, max-age=")
        .unwrap()
        .split_once(',')
        .unwrap();
    assert!(
        (119..=120).contains(&max_age.parse::<u32>().unwrap()),
        "{cache_control}"
    );
    assert_eq!(rest, " stale-while-revalidate=60, stale-if-error=86400");
    let etag = header(&first, "etag").unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");

    let revalidated = proxy
        .get(path)
        .header("If-None-Match", &etag)
        .header("Cache-Control", "no-cache")
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);
    assert_eq!(header(&revalidated, "etag"), Some(etag.as_str()));
    assert_eq!(revalidated.text().await.unwrap(), "");

    let delivered = proxy
        .get("/carriers/kr.cjlogistics/tracks/1234567890")
        .send()
        .await
        .unwrap();
    assert!(header(&delivered, "cache-control")
        .unwrap()
        .starts_with("public, max-age=86"));
    let not_found = proxy
        .get("/carriers/kr.cjlogistics/tracks/4040404040")
        .send()
        .await
        .unwrap();
    let not_found = header(&not_found, "cache-control").unwrap();
    assert!(
        ["public, max-age=30", "public, max-age=29"].contains(&not_found),
        "not-found answers are kept briefly: {not_found}"
    );
    assert_eq!(
        fixture.requests("1111111111").await.len(),
        1,
        "the 304 came from the cache"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cors_only_for_the_origins_given() {
    let fixture = Fixture::start();
    let shop = "http://shop.example:8080";
    let listed = Proxy::keyed(&fixture, &["--allow-origin", shop]);
    let path = "/carriers/kr.cjlogistics/tracks/1234567890";
    let allowed = listed
        .get(path)
        .header("Origin", shop)
        .send()
        .await
        .unwrap();
    assert_eq!(header(&allowed, "access-control-allow-origin"), Some(shop));
    assert_eq!(
        header(&allowed, "access-control-expose-headers"),
        Some("retry-after")
    );
    assert!(vary(&allowed).contains("origin"), "{}", vary(&allowed));
    assert!(
        vary(&allowed).contains("accept-encoding"),
        "{}",
        vary(&allowed)
    );
    let other = listed
        .get(path)
        .header("Origin", "http://elsewhere.example")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&other, "access-control-allow-origin"), None);
    assert!(vary(&other).contains("origin"));
    assert_eq!(header(&other, "set-cookie"), None);

    let preflight = common::client()
        .request(reqwest::Method::OPTIONS, format!("{}/graphql", listed.url))
        .header("Origin", shop)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    assert_eq!(
        header(&preflight, "access-control-allow-origin"),
        Some(shop)
    );
    assert!(header(&preflight, "access-control-allow-methods")
        .unwrap()
        .contains("POST"));

    let same_origin_only = Proxy::keyed(&fixture, &[]);
    let none = same_origin_only
        .get(path)
        .header("Origin", shop)
        .send()
        .await
        .unwrap();
    assert_eq!(header(&none, "access-control-allow-origin"), None);

    let any = Proxy::start(
        &["--upstream", &fixture.api],
        &[("DT_PROXY_ALLOW_ORIGINS", "*")],
    );
    let star = any.get(path).header("Origin", shop).send().await.unwrap();
    assert_eq!(header(&star, "access-control-allow-origin"), Some("*"));
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limits_answer_429_with_a_readable_retry_after() {
    let fixture = Fixture::start();
    let shop = "http://shop.example";
    let proxy = Proxy::keyed(&fixture, &["--rate-limit", "3", "--allow-origin", shop]);
    for i in 0..3 {
        let path = format!("/carriers/kr.cjlogistics/tracks/123456789{i}");
        assert_ne!(proxy.get(&path).send().await.unwrap().status(), 429);
    }
    let limited = proxy
        .get("/carriers/kr.cjlogistics/tracks/1234567899")
        .header("Origin", shop)
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), 429);
    let retry_after: u64 = header(&limited, "retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    assert_eq!(
        header(&limited, "access-control-expose-headers"),
        Some("retry-after")
    );
    assert_eq!(
        body_json(limited).await,
        json!({"message": "Too many requests: try again later."})
    );
    assert!(fixture.requests("1234567899").await.is_empty());
    // The carriers list is not a track request.
    assert_eq!(proxy.get("/carriers").send().await.unwrap().status(), 200);

    // Upstream's own 429 reaches the widget as a 429 with a Retry-After.
    let relaxed = Proxy::keyed(&fixture, &["--rate-limit", "0"]);
    let upstream_limited = relaxed
        .get("/carriers/kr.cjlogistics/tracks/4292000001")
        .send()
        .await
        .unwrap();
    assert_eq!(upstream_limited.status(), 429);
    assert_eq!(header(&upstream_limited, "retry-after"), Some("2"));
    let v2 = relaxed
        .graphql(&track_query("kr.cjlogistics", "4292000002"))
        .send()
        .await
        .unwrap();
    assert_eq!(v2.status(), 429);
    assert_eq!(header(&v2, "retry-after"), Some("2"));
}

#[tokio::test(flavor = "multi_thread")]
async fn health_readiness_and_metrics() {
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);
    let health = proxy.get("/healthz").send().await.unwrap();
    assert_eq!(body_json(health).await, json!({"status": "ok"}));
    let ready = proxy.get("/readyz").send().await.unwrap();
    assert_eq!(ready.status(), 200);
    let ready = body_json(ready).await;
    assert_eq!(ready["upstream"], "reachable");
    assert_eq!(ready["redis"], "not configured");

    let path = "/carriers/kr.cjlogistics/tracks/1234567890";
    proxy.get(path).send().await.unwrap();
    proxy.get(path).send().await.unwrap();
    let metrics = proxy
        .get("/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "dtproxy_requests_total{route=\"track\",status=\"200\"} 2",
        // The carriers list and the track: missed the first time, hit the second.
        "dtproxy_cache_total{result=\"hit\"} 2",
        "dtproxy_cache_total{result=\"miss\"} 2",
        "dtproxy_upstream_requests_total{outcome=\"ok\"}",
        "dtproxy_upstream_duration_seconds_bucket",
    ] {
        assert!(metrics.contains(line), "{line} in\n{metrics}");
    }

    let unreachable = Proxy::start(
        &[
            "--upstream",
            &format!("http://127.0.0.1:{}", common::free_port()),
        ],
        &[],
    );
    let degraded = unreachable.get("/readyz").send().await.unwrap();
    assert_eq!(degraded.status(), 503);
    assert_eq!(body_json(degraded).await["upstream"], "unreachable");
}

#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("dtp-test-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("key");
    std::fs::write(&key, "demo-client:demo-secret\n").unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_delivery-tracker-proxy"))
        .arg("--api-key-file")
        .arg(&key)
        .env_remove("TRACKQL_API_KEY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "delivery-tracker-proxy: --api-key-file {}: others than its owner can access it (mode 644); run chmod 600 on it\n",
            key.display()
        )
    );
    assert!(!stderr.contains("demo-secret"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn cached_answers_go_out_gzipped_to_clients_that_take_gzip() {
    use std::io::Read;
    let fixture = Fixture::start();
    let proxy = Proxy::keyed(&fixture, &[]);
    let path = "/carriers/kr.cjlogistics/tracks/1234567890";
    let plain = proxy.get(path).send().await.unwrap();
    assert_eq!(header(&plain, "content-encoding"), None);
    let plain_tag = header(&plain, "etag").unwrap().to_owned();
    let plain_body = plain.text().await.unwrap();

    let gzipped = proxy
        .get(path)
        .header("Accept-Encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&gzipped, "content-encoding"), Some("gzip"));
    assert_eq!(
        header(&gzipped, "etag"),
        Some(plain_tag.as_str()),
        "one tag for both"
    );
    let bytes = gzipped.bytes().await.unwrap();
    assert!(
        bytes.len() < plain_body.len() * 2 / 3,
        "{} of {}",
        bytes.len(),
        plain_body.len()
    );
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain_body);

    let v2 = proxy
        .graphql(&track_query("kr.cjlogistics", "1234567890"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&v2, "content-encoding"), Some("gzip"));
}
