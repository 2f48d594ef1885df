//! `www/data.d.ts`, the TypeScript types of the element's data, statuses, error kinds and text
//! keys, is generated from the Rust types (by ts-rs, a host-only dev-dependency: no wasm bytes).
//! `cargo test` fails when the committed file is stale;
//! `DT_UPDATE_CONTRACT=1 cargo test -p delivery-tracker-widget --lib contract_types` rewrites it.

#[cfg(test)]
mod tests {
    use crate::api::error::ErrorKind;
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
    }
}
