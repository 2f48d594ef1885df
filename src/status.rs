//! The status vocabulary: v2 codes for both API versions, and the five delivery stages.

use crate::api::json::ToJson;

/// A parcel status in the v2 vocabulary, which the widget uses for both API versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(
        rename = "DeliveryTrackerStatusCode",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
pub enum StatusCode {
    Unknown,
    InformationReceived,
    AtPickup,
    InTransit,
    OutForDelivery,
    AttemptFail,
    Delivered,
    AvailableForPickup,
    Exception,
}

/// The number of main stages, received → delivered.
pub const STAGE_COUNT: u8 = 5;

impl StatusCode {
    /// Maps a v1 status id; the typo `out_of_delivery` one carrier emits means out for delivery.
    /// The v2-only statuses come as their lowercase v2 codes (the shop proxy serves them so).
    pub fn from_v1_id(id: &str) -> Self {
        match id {
            "information_received" => Self::InformationReceived,
            "at_pickup" => Self::AtPickup,
            "in_transit" => Self::InTransit,
            "out_for_delivery" | "out_of_delivery" => Self::OutForDelivery,
            "delivered" => Self::Delivered,
            "attempt_fail" => Self::AttemptFail,
            "available_for_pickup" => Self::AvailableForPickup,
            "exception" => Self::Exception,
            _ => Self::Unknown,
        }
    }

    /// The v1 status id: the seed's ids for the main stages, the lowercase v2 code for the
    /// v2-only statuses, none for unknown.
    pub fn v1_id(self) -> Option<&'static str> {
        Some(match self {
            Self::Unknown => return None,
            Self::InformationReceived => "information_received",
            Self::AtPickup => "at_pickup",
            Self::InTransit => "in_transit",
            Self::OutForDelivery => "out_for_delivery",
            Self::AttemptFail => "attempt_fail",
            Self::Delivered => "delivered",
            Self::AvailableForPickup => "available_for_pickup",
            Self::Exception => "exception",
        })
    }

    pub fn from_v2_code(code: &str) -> Self {
        match code {
            "INFORMATION_RECEIVED" => Self::InformationReceived,
            "AT_PICKUP" => Self::AtPickup,
            "IN_TRANSIT" => Self::InTransit,
            "OUT_FOR_DELIVERY" => Self::OutForDelivery,
            "ATTEMPT_FAIL" => Self::AttemptFail,
            "DELIVERED" => Self::Delivered,
            "AVAILABLE_FOR_PICKUP" => Self::AvailableForPickup,
            "EXCEPTION" => Self::Exception,
            _ => Self::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "UNKNOWN",
            Self::InformationReceived => "INFORMATION_RECEIVED",
            Self::AtPickup => "AT_PICKUP",
            Self::InTransit => "IN_TRANSIT",
            Self::OutForDelivery => "OUT_FOR_DELIVERY",
            Self::AttemptFail => "ATTEMPT_FAIL",
            Self::Delivered => "DELIVERED",
            Self::AvailableForPickup => "AVAILABLE_FOR_PICKUP",
            Self::Exception => "EXCEPTION",
        }
    }

    /// The main stage (1–5) this status is, or `None` for side states and unknown.
    pub fn main_stage(self) -> Option<u8> {
        match self {
            Self::InformationReceived => Some(1),
            Self::AtPickup => Some(2),
            Self::InTransit => Some(3),
            Self::OutForDelivery => Some(4),
            Self::Delivered => Some(5),
            _ => None,
        }
    }

    /// Attempt failed, exception and available for pickup sit beside the main stages.
    pub fn is_side_state(self) -> bool {
        matches!(
            self,
            Self::AttemptFail | Self::AvailableForPickup | Self::Exception
        )
    }
}

/// The stage to mark: the current status's own stage, else (a side state or unknown) the last
/// main stage reached in the history, given oldest first.
pub fn current_stage(current: StatusCode, history_oldest_first: &[StatusCode]) -> Option<u8> {
    current.main_stage().or_else(|| {
        history_oldest_first
            .iter()
            .rev()
            .find_map(|status| status.main_stage())
    })
}

/// Written as its v2 code.
impl ToJson for StatusCode {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_ids_map_to_v2_codes() {
        assert_eq!(
            StatusCode::from_v1_id("information_received"),
            StatusCode::InformationReceived
        );
        assert_eq!(StatusCode::from_v1_id("at_pickup"), StatusCode::AtPickup);
        assert_eq!(StatusCode::from_v1_id("in_transit"), StatusCode::InTransit);
        assert_eq!(
            StatusCode::from_v1_id("out_for_delivery"),
            StatusCode::OutForDelivery
        );
        assert_eq!(
            StatusCode::from_v1_id("out_of_delivery"),
            StatusCode::OutForDelivery
        );
        assert_eq!(StatusCode::from_v1_id("delivered"), StatusCode::Delivered);
        assert_eq!(
            StatusCode::from_v1_id("attempt_fail"),
            StatusCode::AttemptFail
        );
        assert_eq!(
            StatusCode::from_v1_id("available_for_pickup"),
            StatusCode::AvailableForPickup
        );
        assert_eq!(StatusCode::from_v1_id("exception"), StatusCode::Exception);
        assert_eq!(StatusCode::from_v1_id("held_at_depot"), StatusCode::Unknown);
        assert_eq!(StatusCode::from_v1_id(""), StatusCode::Unknown);
        assert_eq!(StatusCode::from_v1_id("DELIVERED"), StatusCode::Unknown);
    }

    #[test]
    fn v1_ids_of_every_status() {
        let ids: Vec<Option<&str>> = [
            StatusCode::Unknown,
            StatusCode::InformationReceived,
            StatusCode::AtPickup,
            StatusCode::InTransit,
            StatusCode::OutForDelivery,
            StatusCode::AttemptFail,
            StatusCode::Delivered,
            StatusCode::AvailableForPickup,
            StatusCode::Exception,
        ]
        .into_iter()
        .map(StatusCode::v1_id)
        .collect();
        assert_eq!(
            ids,
            [
                None,
                Some("information_received"),
                Some("at_pickup"),
                Some("in_transit"),
                Some("out_for_delivery"),
                Some("attempt_fail"),
                Some("delivered"),
                Some("available_for_pickup"),
                Some("exception"),
            ]
        );
    }

    #[test]
    fn v2_codes_round_trip() {
        for code in [
            "UNKNOWN",
            "INFORMATION_RECEIVED",
            "AT_PICKUP",
            "IN_TRANSIT",
            "OUT_FOR_DELIVERY",
            "ATTEMPT_FAIL",
            "DELIVERED",
            "AVAILABLE_FOR_PICKUP",
            "EXCEPTION",
        ] {
            assert_eq!(StatusCode::from_v2_code(code).as_str(), code);
        }
        assert_eq!(StatusCode::from_v2_code("LOST"), StatusCode::Unknown);
    }

    #[test]
    fn stages_of_main_and_side_states() {
        assert_eq!(StatusCode::InformationReceived.main_stage(), Some(1));
        assert_eq!(StatusCode::Delivered.main_stage(), Some(5));
        assert_eq!(StatusCode::AttemptFail.main_stage(), None);
        assert!(StatusCode::Exception.is_side_state());
        assert!(!StatusCode::Unknown.is_side_state());
        use StatusCode::*;
        assert_eq!(current_stage(InTransit, &[AtPickup]), Some(3));
        assert_eq!(
            current_stage(
                AttemptFail,
                &[AtPickup, InTransit, OutForDelivery, AttemptFail]
            ),
            Some(4)
        );
        assert_eq!(current_stage(Exception, &[Exception]), None);
        assert_eq!(current_stage(Unknown, &[]), None);
    }

    #[test]
    fn serializes_as_v2_code() {
        assert_eq!(StatusCode::OutForDelivery.to_json(), "\"OUT_FOR_DELIVERY\"");
    }
}
