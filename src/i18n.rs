//! Every string the element shows, in Korean and English.

use crate::status::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// `ko` or `en` by primary subtag (`en-US` is `en`); other languages give `None`.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ko" => Some(Self::Ko),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The BCP 47 tag given to `Intl` and to the shadow root's `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Ko => "ko",
            Self::En => "en",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Self::Ko => &KO,
            Self::En => &EN,
        }
    }
}

pub struct Strings {
    pub stages: [&'static str; 5],
    pub attempt_fail: &'static str,
    pub available_for_pickup: &'static str,
    pub exception: &'static str,
    pub unknown_status: &'static str,
    pub loading: &'static str,
    pub tracking_number: &'static str,
    pub latest_update: &'static str,
    pub delivered_at: &'static str,
    pub sender: &'static str,
    pub recipient: &'static str,
    pub call_carrier: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub stages_label: &'static str,
    pub step_of: &'static str,
    pub timeline_label: &'static str,
    pub unknown_date: &'static str,
    pub show_more: &'static str,
    pub show_less: &'static str,
    pub older_events_omitted: &'static str,
    pub no_events: &'static str,
    pub not_found_heading: &'static str,
    pub invalid_heading: &'static str,
    pub fallback_message: &'static str,
    pub link_text: &'static str,
    pub loaded: &'static str,
    pub form_heading: &'static str,
    pub carrier: &'static str,
    pub choose_carrier: &'static str,
    pub submit: &'static str,
    pub missing_carrier: &'static str,
    pub missing_number: &'static str,
}

impl Strings {
    /// The status in words: the label of a known code, else the carrier's own text.
    pub fn status_words<'a>(&'a self, code: StatusCode, carrier_text: Option<&'a str>) -> &'a str {
        match code {
            StatusCode::AttemptFail => self.attempt_fail,
            StatusCode::AvailableForPickup => self.available_for_pickup,
            StatusCode::Exception => self.exception,
            StatusCode::Unknown => carrier_text.unwrap_or(self.unknown_status),
            main => code_stage_label(self, main),
        }
    }

    /// "Step N of 5", with `{n}` and `{total}` filled.
    pub fn step_of(&self, n: u8, total: u8) -> String {
        self.step_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }
}

fn code_stage_label(strings: &Strings, code: StatusCode) -> &'static str {
    code.main_stage().map_or(strings.unknown_status, |stage| {
        strings.stages[usize::from(stage - 1)]
    })
}

static KO: Strings = Strings {
    stages: [
        "상품준비중",
        "상품인수",
        "상품이동중",
        "배송출발",
        "배송완료",
    ],
    attempt_fail: "배달 실패",
    available_for_pickup: "픽업 대기",
    exception: "배송 이상",
    unknown_status: "알 수 없음",
    loading: "배송 정보를 불러오는 중…",
    tracking_number: "운송장 번호",
    latest_update: "최근 업데이트",
    delivered_at: "배송 완료",
    sender: "보내는 분",
    recipient: "받는 분",
    call_carrier: "전화",
    copy: "복사",
    copied: "운송장 번호를 복사했습니다",
    stages_label: "배송 단계",
    step_of: "{total}단계 중 {n}단계",
    timeline_label: "배송 기록",
    unknown_date: "날짜 미상",
    show_more: "이전 기록 더보기",
    show_less: "접기",
    older_events_omitted: "더 오래된 기록은 표시되지 않습니다.",
    no_events: "아직 배송 기록이 없습니다.",
    not_found_heading: "배송 정보를 찾을 수 없습니다",
    invalid_heading: "택배사와 운송장 번호를 확인해 주세요",
    fallback_message: "지금은 배송 정보를 불러올 수 없습니다.",
    link_text: "tracker.delivery에서 조회하기",
    loaded: "배송 정보를 불러왔습니다",
    form_heading: "배송 조회",
    carrier: "택배사",
    choose_carrier: "택배사 선택",
    submit: "조회",
    missing_carrier: "택배사를 선택해 주세요.",
    missing_number: "운송장 번호를 입력해 주세요.",
};

static EN: Strings = Strings {
    stages: [
        "Received",
        "Picked up",
        "In transit",
        "Out for delivery",
        "Delivered",
    ],
    attempt_fail: "Delivery attempt failed",
    available_for_pickup: "Ready for pickup",
    exception: "Exception",
    unknown_status: "Unknown",
    loading: "Loading tracking details…",
    tracking_number: "Tracking number",
    latest_update: "Latest update",
    delivered_at: "Delivered",
    sender: "Sender",
    recipient: "Recipient",
    call_carrier: "Call",
    copy: "Copy",
    copied: "Tracking number copied",
    stages_label: "Delivery progress",
    step_of: "Step {n} of {total}",
    timeline_label: "Tracking history",
    unknown_date: "Date unknown",
    show_more: "Show earlier events",
    show_less: "Show fewer events",
    older_events_omitted: "Older events are not shown.",
    no_events: "No tracking events yet.",
    not_found_heading: "No tracking information found",
    invalid_heading: "Check the carrier and tracking number",
    fallback_message: "Tracking details can't be loaded right now.",
    link_text: "Track on tracker.delivery",
    loaded: "Tracking details loaded",
    form_heading: "Track a parcel",
    carrier: "Carrier",
    choose_carrier: "Choose a carrier",
    submit: "Track",
    missing_carrier: "Choose a carrier.",
    missing_number: "Enter a tracking number.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_by_primary_subtag() {
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_tag("ja"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn status_words_in_both_languages() {
        let ko = Lang::Ko.strings();
        let en = Lang::En.strings();
        assert_eq!(
            ko.status_words(StatusCode::Delivered, Some("배달완료")),
            "배송완료"
        );
        assert_eq!(
            en.status_words(StatusCode::OutForDelivery, None),
            "Out for delivery"
        );
        assert_eq!(ko.status_words(StatusCode::AttemptFail, None), "배달 실패");
        assert_eq!(en.status_words(StatusCode::Unknown, Some("보류")), "보류");
        assert_eq!(en.status_words(StatusCode::Unknown, None), "Unknown");
        assert_eq!(ko.step_of(3, 5), "5단계 중 3단계");
        assert_eq!(en.step_of(3, 5), "Step 3 of 5");
    }
}
