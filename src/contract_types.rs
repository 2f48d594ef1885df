//! `www/data.d.ts`, the TypeScript types of the element's data, statuses, error kinds, event
//! details and text keys, is generated from the Rust types (by ts-rs, a host-only dev-dependency: no wasm bytes).
//! `cargo test` fails when the committed file is stale;
//! `DT_UPDATE_CONTRACT=1 cargo test -p delivery-tracker-widget --lib contract_types` rewrites it.

// ts-rs is a host-only dev-dependency: the wasm32 test builds leave this out.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::api::error::ErrorKind;
    use crate::api::json::ToJson;
    use crate::event_detail::{ErrorDetail, FallbackDetail, LoadDetail};
    use crate::i18n::Strings;
    use crate::status::StatusCode;
    use crate::track::{Carrier, Event, Party, Status, Track};
    use ts_rs::TS;

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data.d.ts");

    fn declaration<T: TS>() -> String {
        let docs = T::docs()
            .map(|docs| format!("{docs}\n"))
            .unwrap_or_default();
        format!("{docs}export {}\n", T::decl())
    }

    fn string_keys() -> String {
        let keys: Vec<String> = Strings::KEYS
            .iter()
            .map(|key| format!("  | \"{key}\""))
            .collect();
        format!(
            "/** The keys of the strings `translations` overrides (`{{n}}`, `{{total}}`, `{{time}}`, `{{from}}`, `{{to}}`, `{{carrier}}`, `{{location}}` are placeholders). */\nexport type DeliveryTrackerStringKey =\n{};\n",
            keys.join("\n")
        )
    }

    fn generated() -> String {
        [
            "// Generated from the widget's Rust types by `DT_UPDATE_CONTRACT=1 cargo test -p delivery-tracker-widget --lib contract_types`: do not edit.\n".to_owned(),
            declaration::<Track>(),
            declaration::<Carrier>(),
            declaration::<Status>(),
            declaration::<StatusCode>(),
            declaration::<Party>(),
            declaration::<Event>(),
            declaration::<ErrorKind>(),
            declaration::<LoadDetail>(),
            declaration::<ErrorDetail>(),
            declaration::<FallbackDetail>(),
            string_keys(),
        ]
        .join("\n")
    }

    #[test]
    fn data_types_are_up_to_date() {
        let generated = generated();
        if std::env::var_os("DT_UPDATE_CONTRACT").is_some() {
            std::fs::write(PATH, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(PATH).unwrap_or_default();
        assert!(
            committed == generated,
            "www/data.d.ts is stale: run `DT_UPDATE_CONTRACT=1 cargo test -p delivery-tracker-widget --lib contract_types`"
        );
    }

    #[test]
    fn the_generated_types_carry_the_wire_names() {
        let generated = generated();
        assert!(generated.contains("trackingNumber: string,"));
        assert!(generated.contains("olderEventsOmitted: boolean,"));
        assert!(generated.contains("\"OUT_FOR_DELIVERY\""));
        assert!(generated.contains("\"rate-limited\""));
        assert!(generated.contains("  | \"stageReceived\"\n"));
        assert!(generated.contains("stage: 1 | 2 | 3 | 4 | 5 | null,"));
        assert!(generated.contains("httpStatus: number | null,"));
        assert!(generated.contains("data: DeliveryTrackerData,"));
        assert!(generated.contains("reason: DeliveryTrackerErrorKind,"));
    }

    /// The field names of a generated object type, in order.
    fn declared_fields<T: TS>() -> Vec<String> {
        let decl = T::decl();
        let mut rest = decl.as_str();
        let mut text = String::new();
        // Doc comments first: their words are not fields.
        while let Some(start) = rest.find("/**") {
            text.push_str(&rest[..start]);
            rest = rest[start..]
                .split_once("*/")
                .map_or("", |(_, after)| after);
        }
        text.push_str(rest);
        let body = text.split_once('{').map_or("", |(_, body)| body);
        body.split(',')
            .filter_map(|field| field.split_once(':'))
            .map(|(name, _)| name.trim().to_owned())
            .collect()
    }

    fn written_fields(json: &str) -> Vec<String> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value.as_object().unwrap().keys().cloned().collect()
    }

    /// The encoder writes `data` by hand (no serde in the wasm): the generated types must name
    /// exactly the keys it writes.
    #[test]
    fn the_generated_types_name_the_keys_the_encoder_writes() {
        let status = Status {
            code: StatusCode::Delivered,
            text: Some("배송완료".to_owned()),
        };
        let party = Party {
            name: Some("김*수".to_owned()),
            time: Some("2024-04-25T17:19:00+09:00".to_owned()),
        };
        let event = Event {
            time: Some("2024-04-25T17:19:00+09:00".to_owned()),
            status: status.clone(),
            location: Some("서울".to_owned()),
            description: Some("배송완료".to_owned()),
        };
        let carrier = Carrier {
            id: "kr.cjlogistics".to_owned(),
            name: Some("CJ대한통운".to_owned()),
            tel: Some("+8215881255".to_owned()),
        };
        let track = Track {
            carrier: carrier.clone(),
            tracking_number: "1234567890".to_owned(),
            status: status.clone(),
            stage: Some(5),
            from: party.clone(),
            to: party.clone(),
            events: vec![event.clone()],
            older_events_omitted: false,
            stale: false,
            fetched_at: None,
        };
        let sorted = |mut fields: Vec<String>| {
            fields.sort();
            fields
        };
        for (declared, written) in [
            (declared_fields::<Track>(), written_fields(&track.to_json())),
            (
                declared_fields::<Carrier>(),
                written_fields(&carrier.to_json()),
            ),
            (
                declared_fields::<Status>(),
                written_fields(&status.to_json()),
            ),
            (declared_fields::<Party>(), written_fields(&party.to_json())),
            (declared_fields::<Event>(), written_fields(&event.to_json())),
        ] {
            assert_eq!(sorted(declared), sorted(written));
        }
        assert_eq!(
            declared_fields::<Track>(),
            [
                "carrier",
                "trackingNumber",
                "status",
                "stage",
                "from",
                "to",
                "events",
                "olderEventsOmitted",
                "stale",
                "fetchedAt"
            ]
        );
        let load = LoadDetail::of(&track);
        let mut load_written = written_fields(&load.to_json());
        // `data` is set by the browser as the `data` property's own object.
        load_written.push("data".to_owned());
        let error = ErrorDetail {
            kind: ErrorKind::Unavailable,
            http_status: Some(503),
            message: "지금은 배송 정보를 불러올 수 없습니다.",
            fallback_href: Some("https://tracker.delivery/#/kr.cjlogistics/1234567890"),
        };
        let fallback = FallbackDetail {
            reason: ErrorKind::Unavailable,
            href: None,
        };
        for (declared, written) in [
            (declared_fields::<LoadDetail>(), load_written),
            (
                declared_fields::<ErrorDetail>(),
                written_fields(&error.to_json()),
            ),
            (
                declared_fields::<FallbackDetail>(),
                written_fields(&fallback.to_json()),
            ),
        ] {
            assert_eq!(sorted(declared), sorted(written));
        }
        assert_eq!(
            declared_fields::<LoadDetail>(),
            [
                "carrier",
                "trackingNumber",
                "status",
                "stale",
                "fetchedAt",
                "data"
            ]
        );
        assert_eq!(
            declared_fields::<ErrorDetail>(),
            ["kind", "httpStatus", "message", "fallbackHref"]
        );
        assert_eq!(StatusCode::OutForDelivery.to_json(), "\"OUT_FOR_DELIVERY\"");
        assert!(StatusCode::decl().contains("\"OUT_FOR_DELIVERY\""));
        assert_eq!(ErrorKind::RateLimited.to_json(), "\"rate-limited\"");
        assert!(ErrorKind::decl().contains("\"rate-limited\""));
    }
}
