//! The mark on an answer served from the cache because upstream failed: v1 answers get a
//! top-level `"stale": {"fetchedAt": …}`, v2 answers the same under `extensions`.

use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use serde_json::{json, Value};

/// RFC 3339 in UTC, to the second.
pub fn rfc3339(millis: u64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_millis(millis)).to_string()
}

fn marked(
    body: &[u8],
    fetched_at: u64,
    place: impl FnOnce(&mut serde_json::Map<String, Value>, Value),
) -> Bytes {
    let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(body) else {
        // Only JSON objects are cached as successful answers; anything else goes out unmarked.
        return Bytes::copy_from_slice(body);
    };
    place(&mut object, json!({ "fetchedAt": rfc3339(fetched_at) }));
    Bytes::from(Value::Object(object).to_string())
}

pub fn mark_v1(body: &[u8], fetched_at: u64) -> Bytes {
    marked(body, fetched_at, |object, stale| {
        object.insert("stale".into(), stale);
    })
}

pub fn mark_v2(body: &[u8], fetched_at: u64) -> Bytes {
    marked(body, fetched_at, |object, stale| {
        let extensions = object.entry("extensions").or_insert_with(|| json!({}));
        if !extensions.is_object() {
            *extensions = json!({});
        }
        extensions["stale"] = stale;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-04-25T08:19:20Z
    const FETCHED_AT: u64 = 1_714_033_160_000;

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(FETCHED_AT), "2024-04-25T08:19:20Z");
        assert_eq!(rfc3339(FETCHED_AT + 999), "2024-04-25T08:19:20Z");
    }

    #[test]
    fn v1_answers_get_a_top_level_mark() {
        let body = mark_v1(
            br#"{"carrier":{"id":"kr.epost"},"progresses":[]}"#,
            FETCHED_AT,
        );
        assert_eq!(
            serde_json::from_slice::<Value>(&body).unwrap(),
            json!({"carrier": {"id": "kr.epost"}, "progresses": [],
                   "stale": {"fetchedAt": "2024-04-25T08:19:20Z"}})
        );
    }

    #[test]
    fn v2_answers_get_it_under_extensions() {
        let body = mark_v2(br#"{"data":{"track":null}}"#, FETCHED_AT);
        assert_eq!(
            serde_json::from_slice::<Value>(&body).unwrap(),
            json!({"data": {"track": null},
                   "extensions": {"stale": {"fetchedAt": "2024-04-25T08:19:20Z"}}})
        );
        let kept = mark_v2(br#"{"data":{},"extensions":{"cost":1}}"#, FETCHED_AT);
        assert_eq!(
            serde_json::from_slice::<Value>(&kept).unwrap(),
            json!({"data": {}, "extensions": {"cost": 1, "stale": {"fetchedAt": "2024-04-25T08:19:20Z"}}})
        );
        assert_eq!(&mark_v2(b"[1]", FETCHED_AT)[..], b"[1]");
    }
}
