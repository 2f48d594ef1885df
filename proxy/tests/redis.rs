//! Two proxies sharing one real Redis server (Debian's redis-server on a loopback port).

mod common;

use std::time::Duration;

use common::{Fixture, Proxy, Redis};
use serde_json::Value;

async fn status_of(proxy: &Proxy, path: &str) -> u16 {
    proxy.get(path).send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_share_one_cache() {
    let fixture = Fixture::start();
    let redis = Redis::start();
    let first = Proxy::keyed(&fixture, &["--redis", &redis.url()]);
    let second = Proxy::keyed(&fixture, &["--redis", &redis.url()]);
    let path = "/carriers/kr.cjlogistics/tracks/1000000001";
    assert_eq!(status_of(&first, path).await, 200);
    // The first instance writes to Redis in the background: give it a moment.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let through_second: Value = second.get(path).send().await.unwrap().json().await.unwrap();
    assert_eq!(through_second["state"]["id"], "delivered");
    assert_eq!(
        fixture.requests("1000000001").await.len(),
        1,
        "the second instance answered from Redis"
    );
    let v2 = common::track_query("kr.cjlogistics", "1000000002");
    assert_eq!(first.graphql(&v2).send().await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(second.graphql(&v2).send().await.unwrap().status(), 200);
    assert_eq!(fixture.requests("1000000002").await.len(), 1);

    let ready: Value = second
        .get("/readyz")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["redis"], "reachable");
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limits_are_counted_across_instances() {
    let fixture = Fixture::start();
    let redis = Redis::start();
    let args = ["--redis", &redis.url(), "--rate-limit", "4"];
    let first = Proxy::keyed(&fixture, &args);
    let second = Proxy::keyed(&fixture, &args);
    // Both instances connect to Redis on their first request.
    assert_eq!(status_of(&first, "/carriers").await, 200);
    assert_eq!(status_of(&second, "/carriers").await, 200);
    let mut statuses = Vec::new();
    for i in 0..3 {
        let path = format!("/carriers/kr.cjlogistics/tracks/100000010{i}");
        statuses.push(status_of(&first, &path).await);
        statuses.push(status_of(&second, &path).await);
    }
    assert_eq!(statuses, [200, 200, 200, 200, 429, 429]);
}

#[tokio::test(flavor = "multi_thread")]
async fn redis_stopped_mid_run_changes_nothing_a_user_sees() {
    let fixture = Fixture::start();
    let mut redis = Redis::start();
    let proxy = Proxy::keyed(&fixture, &["--redis", &redis.url()]);
    let cached = "/carriers/kr.cjlogistics/tracks/1000000201";
    assert_eq!(status_of(&proxy, cached).await, 200);
    redis.stop();

    assert_eq!(
        status_of(&proxy, cached).await,
        200,
        "from this instance's cache"
    );
    assert_eq!(
        status_of(&proxy, "/carriers/kr.cjlogistics/tracks/1000000202").await,
        200,
        "from upstream"
    );
    let v2 = common::track_query("kr.cjlogistics", "1000000203");
    assert_eq!(proxy.graphql(&v2).send().await.unwrap().status(), 200);
    let ready = proxy.get("/readyz").send().await.unwrap();
    assert_eq!(ready.status(), 503);
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(ready["redis"], "unreachable");
    assert_eq!(ready["upstream"], "reachable");
    assert!(
        proxy.log().contains("redis: unreachable"),
        "{}",
        proxy.log()
    );

    // Never reachable from the start: the same.
    let never = Proxy::keyed(
        &fixture,
        &[
            "--redis",
            &format!("redis://127.0.0.1:{}/", common::free_port()),
        ],
    );
    assert_eq!(
        status_of(&never, "/carriers/kr.cjlogistics/tracks/1000000204").await,
        200
    );
}
