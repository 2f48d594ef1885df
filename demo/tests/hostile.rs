//! The hostile fixture scenarios (issue #7) and the page origin's `.headers` sidecars, over real
//! HTTP against the binary.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;

use common::{
    read_head, request, send, site, Answer, Demo, CARRIERS_QUERY, JSON_CONTENT_TYPE, TRACK_QUERY,
};

const PAYLOAD: &str = concat!(
    r#"<img src=x onerror="window.__xss=1">"#,
    "<script>window.__xss=1</script>",
    r#"<svg onload="window.__xss=1"></svg>"#,
    r#"<a href="javascript:window.__xss=1">x</a>"#,
    r#"<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>"#,
    "<style>*{display:none!important}</style>",
    "&lt;b&gt;",
);

impl Demo {
    fn v1(&self, number: &str) -> Answer {
        self.api_get(&format!("/carriers/kr.cjlogistics/tracks/{number}"))
    }

    fn v2(&self, number: &str) -> Answer {
        let variables = json!({"carrierId": "kr.cjlogistics", "trackingNumber": number});
        self.graphql("/graphql", TRACK_QUERY, variables)
    }
}

#[test]
fn sidecar_headers_are_added_and_not_served() {
    let dir = site("sidecar");
    fs::write(dir.join("csp.html"), "<!doctype html><title>csp</title>").unwrap();
    fs::write(
        dir.join("csp.html.headers"),
        "# the page's policy\nContent-Security-Policy: script-src 'self' 'wasm-unsafe-eval'; style-src 'self'\n\nX-Test:  yes \n",
    )
    .unwrap();
    fs::write(
        dir.join("plain.html"),
        "<!doctype html><title>plain</title>",
    )
    .unwrap();
    let demo = Demo::start(&dir);
    let get = |path: &str| send(demo.page_port, "GET", path, &[], "");

    let csp = get("/csp.html");
    assert_eq!(csp.status, 200);
    assert_eq!(
        csp.header("Content-Security-Policy"),
        Some("script-src 'self' 'wasm-unsafe-eval'; style-src 'self'")
    );
    assert_eq!(csp.header("X-Test"), Some("yes"));
    assert_eq!(csp.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(csp.header("Cache-Control"), Some("no-store"));
    assert_eq!(csp.text(), "<!doctype html><title>csp</title>");

    let plain = get("/plain.html");
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("Content-Security-Policy"), None);

    let sidecar = get("/csp.html.headers");
    assert_eq!(sidecar.status, 404);
    assert!(!sidecar.text().contains("wasm-unsafe-eval"));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn sign_in_page_is_readable_from_any_origin() {
    let dir = site("sign-in");
    let demo = Demo::start(&dir);
    let page = send(
        demo.page_port,
        "GET",
        "/__demo/sign-in.html?next=%2Ftrack",
        &[],
        "",
    );
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(page.text().contains("<h1>Sign in to continue</h1>"));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn bodies_that_are_not_the_expected_json() {
    let demo = Demo::with_repo_root();
    for answer in [demo.v1("8881000000"), demo.v2("8881000000")] {
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("Content-Type"), Some("application/json"));
        assert_eq!(
            answer.text(),
            r#"{"carrier": {"id": "kr.cjlogistics",}, "progresses": [}"#
        );
    }

    let numbers = demo.v1("8882000000").json();
    assert_eq!(numbers["carrier"]["name"], 42);
    assert_eq!(numbers["state"], json!({"id": "delivered", "text": 5}));
    assert_eq!(numbers["progresses"][0]["description"], 12345);
    assert_eq!(numbers["progresses"][1]["location"]["name"], 3.5);
    let numbers = demo.v2("8882000000").json();
    let track = &numbers["data"]["track"];
    assert_eq!(track["trackingNumber"], 1234567890);
    assert_eq!(track["lastEvent"]["status"]["name"], 5);
    assert_eq!(track["events"]["edges"][0]["node"]["description"], 12345);

    let object = demo.v1("8883000000").json();
    assert_eq!(object["progresses"]["0"]["status"]["id"], "in_transit");
    assert_eq!(object["progresses"].as_object().unwrap().len(), 6);
    let object = demo.v2("8883000000").json();
    let edges = &object["data"]["track"]["events"]["edges"];
    assert_eq!(edges["3"]["node"]["status"]["code"], "DELIVERED");

    for answer in [demo.v1("8885000000"), demo.v2("8885000000")] {
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert!(answer.text().starts_with("<!DOCTYPE html>"));
    }
    for answer in [demo.v1("8886000000"), demo.v2("8886000000")] {
        assert_eq!(answer.status, 204);
        assert_eq!(answer.body.as_bytes(), b"");
        assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
    }
    for answer in [demo.v1("4180000000"), demo.v2("4180000000")] {
        assert_eq!(answer.status, 418);
        assert_eq!(answer.text(), r#"{"message":"I'm a teapot"}"#);
    }
}

#[test]
fn ten_mebibyte_bodies_are_valid_json() {
    let demo = Demo::with_repo_root();
    for (answer, version) in [(demo.v1("8884000000"), 1), (demo.v2("8884000000"), 2)] {
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("Content-Length"), Some("10485760"));
        assert_eq!(answer.body.len(), 10_485_760);
        let body = answer.json();
        let padding = body["padding"].as_str().unwrap();
        assert!(padding.len() > 10_000_000 && padding.bytes().all(|b| b == b'x'));
        if version == 1 {
            assert_eq!(body["state"]["id"], "delivered");
        } else {
            assert_eq!(body["data"]["track"]["trackingNumber"], "1234567890");
        }
    }
}

#[test]
fn redirects() {
    let demo = Demo::with_repo_root();
    for answer in [demo.v1("3020000000"), demo.v2("3020000000")] {
        assert_eq!(answer.status, 302);
        let location = format!(
            "http://127.0.0.1:{}/__demo/sign-in.html?next=%2Ftrack",
            demo.page_port
        );
        assert_eq!(answer.header("Location"), Some(location.as_str()));
        assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
    }
    let again = demo.api_get("/carriers/kr.cjlogistics/tracks/3021000000?again");
    assert_eq!(again.status, 307);
    assert_eq!(again.header("Location"), Some("?again"));
    assert_eq!(demo.v2("3021000000").status, 307);
}

#[test]
fn a_trickling_body_sends_its_head_at_once_then_one_byte_at_a_time() {
    let demo = Demo::with_repo_root();
    let started = Instant::now();
    let stream = request(
        demo.api_port,
        "GET",
        "/carriers/kr.cjlogistics/tracks/9991000000",
        &[],
        "",
    );
    let mut reader = BufReader::new(stream);
    let (status, headers) = read_head(&mut reader);
    assert_eq!(status, 200);
    assert!(headers.contains(&("transfer-encoding".into(), "chunked".into())));
    assert!(headers.contains(&("access-control-allow-origin".into(), "*".into())));
    assert!(headers.contains(&("content-type".into(), "application/json".into())));
    assert!(headers.contains(&("connection".into(), "close".into())));
    let chunk = |reader: &mut BufReader<TcpStream>| -> Vec<u8> {
        let mut size = String::new();
        reader.read_line(&mut size).unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        let mut data = vec![0; size + 2];
        reader.read_exact(&mut data).unwrap();
        data.truncate(size);
        data
    };
    assert_eq!(chunk(&mut reader), br#"{"carrier":{"id""#);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let before = Instant::now();
    assert_eq!(chunk(&mut reader), b":");
    assert_eq!(chunk(&mut reader), b"\"");
    let two_bytes = before.elapsed();
    assert!(
        two_bytes >= Duration::from_millis(450) && two_bytes < Duration::from_millis(1500),
        "{two_bytes:?}"
    );
    // Dropping the connection stops the server's loop (nothing to assert from here).
}

#[test]
fn the_trickle_ends_by_itself_after_forty_slow_bytes() {
    let demo = Demo::with_repo_root();
    let started = Instant::now();
    let answer = send(
        demo.api_port,
        "POST",
        "/graphql",
        &JSON_CONTENT_TYPE,
        &json!({"query": TRACK_QUERY, "variables": {"carrierId": "kr.cjlogistics", "trackingNumber": "9991000000"}})
            .to_string(),
    );
    let took = started.elapsed();
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body.len(), 16 + 40);
    assert!(answer.text().starts_with(r#"{"data":{"track":{"#));
    assert!(
        took >= Duration::from_millis(9500) && took < Duration::from_secs(15),
        "{took:?}"
    );
}

#[test]
fn five_thousand_events() {
    let demo = Demo::with_repo_root();
    let v1 = demo.v1("5500000000").json();
    let progresses = v1["progresses"].as_array().unwrap();
    assert_eq!(progresses.len(), 5000);
    assert_eq!(progresses[0]["time"], "2025-01-06T09:00:00+09:00");
    assert_eq!(progresses[4999]["time"], "2025-08-02T16:13:00+09:00");
    assert_eq!(
        progresses[4999]["description"],
        "배송지역으로 상품이 이동중입니다. (5000/5000)"
    );
    let v2 = demo.v2("5500000000").json();
    let events = &v2["data"]["track"]["events"];
    assert_eq!(events["edges"].as_array().unwrap().len(), 20);
    assert_eq!(events["pageInfo"]["hasPreviousPage"], true);
}

#[test]
fn text_that_breaks_layouts() {
    let demo = Demo::with_repo_root();
    let track = demo.v1("7100000000").json();
    let name = track["carrier"]["name"].as_str().unwrap();
    assert!(name.starts_with("\u{202e}\u{2067}\u{200f}\u{61c}CJ대한통운\u{0}\u{1}"));
    assert!(name.ends_with(&"W".repeat(500)));
    let progresses = track["progresses"].as_array().unwrap();
    assert_eq!(progresses.len(), 6);
    assert_eq!(
        progresses[0]["time"].as_str().unwrap(),
        format!("\u{202e}\u{2067}\u{200f}\u{61c}{}", "9".repeat(500))
    );
    assert!(progresses[3]["description"]
        .as_str()
        .unwrap()
        .contains(&"0".repeat(500)));
    let v2 = demo.v2("7100000000").json();
    assert_eq!(
        v2["data"]["track"]["lastEvent"]["status"]["code"],
        "DELIVERED"
    );

    let not_found = demo.v1("7101000000");
    assert_eq!(not_found.status, 404);
    let message = not_found.json()["message"].as_str().unwrap().to_owned();
    assert!(message.starts_with("\u{202e}\u{2067}\u{200f}\u{61c}없는 운송장\u{0}"));
    assert!(message.ends_with(&"N".repeat(500)));
    let v2 = demo.v2("7101000000").json();
    assert_eq!(v2["errors"][0]["extensions"]["code"], "NOT_FOUND");
    assert_eq!(v2["errors"][0]["message"], message.as_str());
}

#[test]
fn payloads_in_every_field() {
    let demo = Demo::with_repo_root();
    let v1 = demo.v1("6661000000").json();
    assert_eq!(v1["carrier"]["tel"], format!("{PAYLOAD}carrier.tel"));
    assert_eq!(v1["state"]["id"], format!("{PAYLOAD}state.id"));
    assert_eq!(
        v1["progresses"][2]["location"]["name"],
        format!("{PAYLOAD}progresses.2.location.name")
    );
    let v2 = demo.v2("6661000000").json();
    let track = &v2["data"]["track"];
    assert_eq!(track["trackingNumber"], format!("{PAYLOAD}trackingNumber"));
    assert_eq!(
        track["lastEvent"]["status"]["code"],
        format!("{PAYLOAD}lastEvent.status.code")
    );
    assert_eq!(
        track["events"]["edges"][1]["node"]["description"],
        format!("{PAYLOAD}events.1.description")
    );
    assert_eq!(
        track["recipient"]["name"],
        format!("{PAYLOAD}recipient.name")
    );

    let not_found = demo.v1("6663000000");
    assert_eq!(not_found.status, 404);
    assert_eq!(not_found.json()["message"], format!("{PAYLOAD}message"));
    let not_found = demo.v2("6663000000").json();
    assert_eq!(
        not_found["errors"][0]["message"],
        format!("{PAYLOAD}message")
    );
    assert_eq!(not_found["errors"][0]["extensions"]["code"], "NOT_FOUND");

    let nameless = demo.v1("6662000000").json();
    assert_eq!(nameless["carrier"], json!({"id": "kr.cjlogistics"}));
    assert_eq!(nameless["state"]["id"], "delivered");
}

#[test]
fn the_hostile_base_has_payloads_in_carrier_names_and_phones() {
    let demo = Demo::with_repo_root();
    let list = demo.api_get("/hostile/carriers").json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 29);
    let find = |id: &str| list.iter().find(|c| c["id"] == id).unwrap().clone();
    assert_eq!(
        find("kr.cjlogistics"),
        json!({"id": "kr.cjlogistics", "tel": "+8215881255",
            "name": "\"><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>CJ대한통운"})
    );
    assert_eq!(find("kr.epost")["tel"], "javascript:window.__xss=1");
    assert_eq!(
        find("kr.epost")["name"],
        "<img src=x onerror=\"window.__xss=1\">우체국 택배"
    );
    assert_eq!(
        find("kr.hanjin")["tel"],
        "+82<img src=x onerror=\"window.__xss=1\">"
    );
    assert_eq!(
        find("kr.lotte")["tel"],
        "+8215882121\" onclick=\"window.__xss=1"
    );
    assert_eq!(find("kr.logen")["tel"], "tel:+8215889988");
    assert_eq!(
        find("de.dhl")["name"],
        "<b onmouseover=\"window.__xss=1\">!</b>DHL"
    );

    let track = demo
        .api_get("/hostile/carriers/kr.epost/tracks/1234567890")
        .json();
    assert_eq!(track["carrier"], find("kr.epost"));
    assert_eq!(
        demo.api_get("/hostile/carriers/kr.hanjin").json(),
        find("kr.hanjin")
    );

    let v2 = demo
        .graphql("/hostile/graphql", CARRIERS_QUERY, json!({}))
        .json();
    assert_eq!(
        v2["data"]["carriers"]["edges"][0]["node"],
        json!({"id": "de.dhl", "name": "<b onmouseover=\"window.__xss=1\">!</b>DHL"})
    );
    assert_eq!(
        demo.v1("1234567890").json()["carrier"]["name"],
        "CJ대한통운",
        "the cloud base is untouched"
    );
}

#[test]
fn prefixes_for_many_elements() {
    let demo = Demo::with_repo_root();
    let started = Instant::now();
    let slow = demo.v1("9980000001");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(slow.status, 200);
    assert_eq!(slow.json()["state"]["id"], "delivered");

    for _ in 0..2 {
        let gateway = demo.v1("5020000001");
        assert_eq!(gateway.status, 502);
        assert_eq!(
            gateway.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
    }
    for answer in [demo.v1("4292000001"), demo.v2("4292000002")] {
        assert_eq!(answer.status, 429);
        assert_eq!(answer.header("Retry-After"), Some("2"));
        assert_eq!(
            answer.header("Access-Control-Expose-Headers"),
            Some("Retry-After")
        );
        assert_eq!(answer.text(), r#"{"message":"Too Many Requests"}"#);
    }
    assert_eq!(demo.v1("4290000000").header("Retry-After"), Some("1"));
}

#[test]
fn every_answer_closes_its_connection() {
    // tiny_http's pool can leave a connection queued until another one closes; keep-alive
    // connections made a page with many requests wait for its timeout (see `http::respond`).
    let demo = Demo::with_repo_root();
    let answers = [
        send(
            demo.api_port,
            "GET",
            "/carriers/kr.cjlogistics/tracks/1234567890",
            &[],
            "",
        ),
        send(demo.api_port, "OPTIONS", "/graphql", &[], ""),
        send(demo.api_port, "GET", "/nowhere", &[], ""),
        send(demo.page_port, "GET", "/__demo/config.json", &[], ""),
        send(demo.page_port, "HEAD", "/__demo/config.json", &[], ""),
        demo.v1("8886000000"),
    ];
    for answer in &answers {
        assert_eq!(answer.header("Connection"), Some("close"));
    }
    let preflight = &answers[1];
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("Content-Length"), None);
    assert_eq!(preflight.header("Transfer-Encoding"), None);
    assert_eq!(answers[4].body.as_bytes(), b"", "HEAD has no body");
    assert_eq!(
        answers[4].header("Content-Length"),
        answers[3].header("Content-Length")
    );
}

#[test]
fn a_burst_of_connections_is_answered_at_once() {
    let demo = Demo::with_repo_root();
    let started = Instant::now();
    let port = demo.api_port;
    let clients: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                send(
                    port,
                    "GET",
                    &format!("/carriers/kr.epost/tracks/12345678{i:02}"),
                    &[],
                    "",
                )
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.join().unwrap().status, 404);
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}
