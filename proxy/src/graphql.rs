//! `POST /graphql`: only the widget's own operations, compared as parsed documents, with
//! validated variables. Anything else is refused here and never reaches upstream, so the shop's
//! key cannot be used for other queries.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use bytes::Bytes;
use delivery_tracker_widget::api::v2::{CARRIERS_QUERY, CARRIER_IDS_QUERY, TRACK_QUERY};
use serde::Deserialize;
use serde_json::json;
use serde_json::value::RawValue;

use crate::validate;

/// A request the proxy serves.
#[derive(Debug, PartialEq)]
pub enum Operation {
    Track {
        carrier_id: String,
        tracking_number: String,
        before: Option<String>,
    },
    Carriers {
        after: Option<String>,
        with_names: bool,
    },
}

/// The most characters a paging cursor may have.
const MAX_CURSOR_LENGTH: usize = 256;

/// A query as its parsed document prints: spacing, commas and comments do not matter.
fn canonical(query: &str) -> Option<String> {
    graphql_parser::parse_query::<String>(query)
        .ok()
        .map(|document| document.to_string())
}

/// The widget's queries as it sends them, and their names.
const OWN: [(&str, &str); 3] = [
    (TRACK_QUERY, "track"),
    (CARRIERS_QUERY, "carriers"),
    (CARRIER_IDS_QUERY, "carrier-ids"),
];

static ALLOWED: LazyLock<[(String, &'static str); 3]> = LazyLock::new(|| {
    OWN.map(|(query, name)| {
        (
            canonical(query).expect("the widget's own queries parse"),
            name,
        )
    })
});

/// The widget's queries as JSON string literals, as the widget's request bodies hold them.
static OWN_JSON: LazyLock<[(String, &'static str); 3]> =
    LazyLock::new(|| OWN.map(|(query, name)| (json!(query).to_string(), name)));

/// Which of the widget's queries `query` (a JSON value, as sent) is. The widget sends them
/// exactly as the crate spells them, so that is checked first, on the JSON text itself; any
/// other text is parsed and compared as a document.
fn allowed_name(query: &RawValue) -> Result<&'static str, &'static str> {
    if let Some((_, name)) = OWN_JSON.iter().find(|(own, _)| own == query.get()) {
        return Ok(name);
    }
    let query: String =
        serde_json::from_str(query.get()).map_err(|_| "The query must be a string.")?;
    let canonical = canonical(&query).ok_or("The query is not valid GraphQL.")?;
    ALLOWED
        .iter()
        .find(|(allowed, _)| *allowed == canonical)
        .map(|(_, name)| *name)
        .ok_or("This proxy serves only the widget's own track and carriers queries.")
}

/// The body, borrowed: values stay JSON text until a rule needs them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Request<'a> {
    #[serde(borrow)]
    query: &'a RawValue,
    #[serde(default, borrow)]
    variables: Option<BTreeMap<&'a str, &'a RawValue>>,
    #[serde(default)]
    operation_name: Option<String>,
}

/// Reads a request body into one of the widget's operations, or says why not.
pub fn parse(body: &[u8]) -> Result<Operation, String> {
    let request: Request = serde_json::from_slice(body)
        .map_err(|_| "The body must be JSON: {\"query\": …, \"variables\": {…}}.".to_owned())?;
    let name = allowed_name(request.query)?;
    let expected_operation = if name == "track" { "Track" } else { "Carriers" };
    if request
        .operation_name
        .as_deref()
        .is_some_and(|op| op != expected_operation)
    {
        return Err(format!("The operation is named {expected_operation}."));
    }
    let variables = Variables(request.variables.unwrap_or_default());
    match name {
        "track" => {
            variables.only(&["carrierId", "trackingNumber", "before"])?;
            let carrier_id = variables.string("carrierId")?;
            let tracking_number = variables.string("trackingNumber")?;
            validate::carrier_id(&carrier_id)?;
            validate::tracking_number(&tracking_number)?;
            Ok(Operation::Track {
                carrier_id,
                tracking_number,
                before: variables.cursor("before")?,
            })
        }
        _ => {
            variables.only(&["after"])?;
            Ok(Operation::Carriers {
                after: variables.cursor("after")?,
                with_names: name == "carriers",
            })
        }
    }
}

struct Variables<'a>(BTreeMap<&'a str, &'a RawValue>);

impl Variables<'_> {
    fn only(&self, names: &[&str]) -> Result<(), String> {
        match self.0.keys().find(|key| !names.contains(key)) {
            Some(key) => Err(format!("The variable ${key} is not one of this query's.")),
            None => Ok(()),
        }
    }

    /// The variable's value when it is a JSON string.
    fn text(&self, name: &str) -> Option<Option<String>> {
        let raw = self.0.get(name)?;
        Some(serde_json::from_str::<String>(raw.get()).ok())
    }

    fn string(&self, name: &str) -> Result<String, String> {
        self.text(name)
            .flatten()
            .ok_or_else(|| format!("The variable ${name} must be a string."))
    }

    /// A paging cursor: absent, null or a short printable string.
    fn cursor(&self, name: &str) -> Result<Option<String>, String> {
        if self.0.get(name).is_none_or(|raw| raw.get() == "null") {
            return Ok(None);
        }
        match self.text(name).flatten() {
            Some(cursor)
                if !cursor.is_empty()
                    && cursor.len() <= MAX_CURSOR_LENGTH
                    && cursor.bytes().all(|b| b.is_ascii_graphic()) =>
            {
                Ok(Some(cursor))
            }
            _ => Err(format!("The variable ${name} is not a paging cursor.")),
        }
    }
}

/// A GraphQL error answer body, in the shape of the API's own.
pub fn error_body(message: &str, code: &str) -> Bytes {
    Bytes::from(
        json!({ "errors": [{ "message": message, "extensions": { "code": code } }], "data": null })
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn body(query: &str, variables: Value) -> Vec<u8> {
        json!({ "query": query, "variables": variables })
            .to_string()
            .into_bytes()
    }

    #[test]
    fn the_widget_s_own_queries_are_served() {
        let track = body(
            TRACK_QUERY,
            json!({"carrierId": "kr.cjlogistics", "trackingNumber": "1234567890", "before": null}),
        );
        assert_eq!(
            parse(&track),
            Ok(Operation::Track {
                carrier_id: "kr.cjlogistics".into(),
                tracking_number: "1234567890".into(),
                before: None
            })
        );
        let page = body(
            TRACK_QUERY,
            json!({"carrierId": "kr.cjlogistics", "trackingNumber": "1234567890", "before": "YXJyYXk6MjA="}),
        );
        assert!(
            matches!(parse(&page), Ok(Operation::Track { before: Some(c), .. }) if c == "YXJyYXk6MjA=")
        );
        assert_eq!(
            parse(&body(CARRIERS_QUERY, json!({"after": "c20"}))),
            Ok(Operation::Carriers {
                after: Some("c20".into()),
                with_names: true
            })
        );
        assert_eq!(
            parse(&body(CARRIER_IDS_QUERY, json!({}))),
            Ok(Operation::Carriers {
                after: None,
                with_names: false
            })
        );
    }

    #[test]
    fn queries_compare_as_parsed_documents() {
        let respaced = "# the widget's track query, reformatted\nquery Track($carrierId: ID!, $trackingNumber: String!, $before: String) { track(carrierId: $carrierId, trackingNumber: $trackingNumber) { trackingNumber, lastEvent { time status { code name } description location { name } } events(last: 20, before: $before) { pageInfo { hasPreviousPage startCursor } edges { node { time status { code name } description location { name } } } } sender { name } recipient { name } } }";
        let variables = json!({"carrierId": "kr.epost", "trackingNumber": "1"});
        assert!(matches!(
            parse(&body(respaced, variables)),
            Ok(Operation::Track { .. })
        ));
    }

    #[test]
    fn other_queries_are_refused() {
        let refused = "This proxy serves only the widget's own track and carriers queries.";
        let more_fields = TRACK_QUERY.replace("sender { name }", "sender { name phoneNumber }");
        let v = json!({"carrierId": "kr.epost", "trackingNumber": "1"});
        assert_eq!(parse(&body(&more_fields, v.clone())), Err(refused.into()));
        assert_eq!(
            parse(&body("{ __schema { types { name } } }", json!({}))),
            Err(refused.into())
        );
        let bigger_page = TRACK_QUERY.replace("last: 20", "last: 100");
        assert_eq!(parse(&body(&bigger_page, v.clone())), Err(refused.into()));
        let two = format!(
            "{TRACK_QUERY}\nquery Other {{ carriers(first: 1) {{ edges {{ node {{ id }} }} }} }}"
        );
        assert_eq!(parse(&body(&two, v)), Err(refused.into()));
        assert_eq!(
            parse(&body("query {", json!({}))),
            Err("The query is not valid GraphQL.".into())
        );
        assert_eq!(
            parse(b"query=1"),
            Err("The body must be JSON: {\"query\": …, \"variables\": {…}}.".into())
        );
        let extra =
            json!({"query": CARRIERS_QUERY, "extensions": {"persistedQuery": {}}}).to_string();
        assert!(parse(extra.as_bytes()).is_err(), "unknown top-level fields");
    }

    #[test]
    fn variables_are_validated() {
        let track = |v: Value| parse(&body(TRACK_QUERY, v));
        assert_eq!(
            track(json!({"carrierId": "kr.epost"})),
            Err("The variable $trackingNumber must be a string.".into())
        );
        assert_eq!(
            track(json!({"carrierId": "kr.epost", "trackingNumber": 12})),
            Err("The variable $trackingNumber must be a string.".into())
        );
        assert_eq!(
            track(json!({"carrierId": "../x", "trackingNumber": "1"})),
            Err("The carrier id is not a carrier id (such as kr.cjlogistics).".into())
        );
        assert!(track(json!({"carrierId": "kr.epost", "trackingNumber": "1 OR 1=1"})).is_err());
        assert_eq!(
            track(json!({"carrierId": "kr.epost", "trackingNumber": "1", "first": 100})),
            Err("The variable $first is not one of this query's.".into())
        );
        assert_eq!(
            track(json!({"carrierId": "kr.epost", "trackingNumber": "1", "before": ""})),
            Err("The variable $before is not a paging cursor.".into())
        );
        let named = json!({"query": CARRIERS_QUERY, "operationName": "Track"}).to_string();
        assert_eq!(
            parse(named.as_bytes()),
            Err("The operation is named Carriers.".into())
        );
    }
}
