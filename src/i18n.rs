//! Every string the element shows, in Korean and English. A shop overrides any of them through
//! the element's `translations` property, by the camelCase keys below.

use crate::api::error::{Message, Own};
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
}

macro_rules! strings {
    ($($field:ident $key:literal: $ko:literal, $en:literal;)*) => {
        /// A string's place in `KEYS`, `KO` and `EN`, named as its accessor.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        #[repr(u8)]
        enum Key {
            $($field,)*
        }

        /// The Korean strings, in the order of `Strings::KEYS`.
        static KO: &[&str] = &[$($ko,)*];
        /// The English strings, in the order of `Strings::KEYS`.
        static EN: &[&str] = &[$($en,)*];

        impl Strings {
            /// The public keys, as the `translations` property takes them.
            pub const KEYS: &'static [&'static str] = &[$($key,)*];

            $(
                #[doc = concat!("`", $key, "`: \"", $en, "\"")]
                #[inline(always)]
                pub fn $field(&self) -> &str {
                    self.get(Key::$field)
                }
            )*
        }
    };
}

/// The strings of one language, with a shop's overrides applied: the built-in ones are static
/// tables, so a `Strings` holds only the language and the few texts a shop gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Strings {
    lang: Lang,
    /// A shop's texts, by their index in `KEYS`; at most one per key.
    overrides: Vec<(u8, String)>,
}

impl Strings {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            overrides: Vec::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Overrides one string by its public key; `false` for an unknown key.
    pub fn set(&mut self, key: &str, value: String) -> bool {
        let Some(index) = Self::KEYS.iter().position(|known| *known == key) else {
            return false;
        };
        let index = index as u8;
        match self.overrides.iter_mut().find(|(at, _)| *at == index) {
            Some((_, text)) => *text = value,
            None => self.overrides.push((index, value)),
        }
        true
    }

    /// Not inlined: an accessor is a call of this with its key (inlined where it is called).
    #[inline(never)]
    fn get(&self, key: Key) -> &str {
        let index = key as u8;
        match self.overrides.iter().find(|(at, _)| *at == index) {
            Some((_, text)) => text,
            None => match self.lang {
                Lang::Ko => KO[usize::from(index)],
                Lang::En => EN[usize::from(index)],
            },
        }
    }
}

strings! {
    stage_1 "stageReceived": "접수", "Label created";
    stage_2 "stagePickedUp": "집화", "Picked up";
    stage_3 "stageInTransit": "배송중", "In transit";
    stage_4 "stageOutForDelivery": "배송출발", "Out for delivery";
    stage_5 "stageDelivered": "배송완료", "Delivered";
    attempt_fail "attemptFail": "배달 실패", "Delivery attempt failed";
    available_for_pickup "availableForPickup": "픽업 대기", "Ready for pickup";
    exception "exception": "배송 이상", "Delivery issue";
    unknown_status "unknownStatus": "알 수 없음", "Unknown";
    loading "loading": "배송 정보를 불러오는 중…", "Loading tracking details…";
    tracking_number "trackingNumber": "운송장 번호", "Tracking number";
    latest_update "latestUpdate": "최근 업데이트: {time}", "Latest update: {time}";
    delivered_at "deliveredAt": "{time} 도착", "Arrived {time}";
    sender "sender": "보내는 분", "Sender";
    recipient "recipient": "받는 분", "Recipient";
    call_carrier "callCarrier": "전화", "Call";
    copy "copy": "복사", "Copy";
    copied "copied": "운송장 번호를 복사했습니다", "Tracking number copied";
    stages_label "stagesLabel": "배송 단계", "Delivery progress";
    step_of_template "stepOf": "{total}단계 중 {n}단계", "Step {n} of {total}";
    timeline_label "timelineLabel": "배송 기록", "Tracking history";
    unknown_date "unknownDate": "날짜 미상", "Date unknown";
    show_more "showMore": "{n}건 더보기", "Show {n} more";
    show_less "showLess": "접기", "Show fewer events";
    older_events_omitted "olderEventsOmitted": "더 오래된 기록은 표시되지 않습니다.", "Older events are not shown.";
    no_events "noEvents": "아직 배송 기록이 없습니다.", "No tracking events yet.";
    not_found_heading "notFoundHeading": "배송 정보를 찾을 수 없습니다", "No tracking information found";
    invalid_heading "invalidHeading": "택배사와 운송장 번호를 확인해 주세요", "Check the carrier and tracking number";
    fallback_message "fallbackMessage": "지금은 배송 정보를 불러올 수 없습니다.", "Tracking details can't be loaded right now.";
    link_text "linkText": "tracker.delivery에서 조회하기", "Track on tracker.delivery";
    loaded "loaded": "배송 정보를 불러왔습니다", "Tracking details loaded";
    form_heading "formHeading": "배송 조회", "Track a parcel";
    carrier "carrier": "택배사", "Carrier";
    choose_carrier "chooseCarrier": "택배사 선택", "Choose a carrier";
    submit "submit": "조회", "Track";
    missing_carrier "missingCarrier": "택배사를 선택해 주세요.", "Choose a carrier.";
    missing_number "missingNumber": "운송장 번호를 입력해 주세요.", "Enter a tracking number.";
    updated_just_now "updatedJustNow": "방금 확인", "Checked just now";
    updated_minutes_ago "updatedMinutesAgo": "{n}분 전 확인", "Checked {n} min ago";
    refresh "refresh": "새로고침", "Refresh";
    last_checked_template "lastChecked": "마지막 확인: {time}", "Last checked {time}";
    may_be_outdated "mayBeOutdated": "지금은 새 정보를 불러올 수 없어 최신 정보가 아닐 수 있습니다.", "New details can't be loaded right now, so this may be out of date.";
    copy_done "copyDone": "✓ 복사됨", "✓ Copied";
    copy_selected "copySelected": "복사할 수 없어 운송장 번호를 선택해 두었습니다.", "Couldn't copy: the tracking number is selected for you.";
    today "today": "오늘 {time}", "today at {time}";
    yesterday "yesterday": "어제 {time}", "yesterday at {time}";
    expected_window "expectedWindow": "{from}~{to}시 도착 예정", "Expected {from}:00–{to}:00";
    refreshing "refreshing": "조회 중…", "Checking…";
    share "share": "공유", "Share";
    share_copied "shareCopied": "배송 상태를 복사했습니다", "Tracking status copied";
    retry "retry": "다시 시도", "Try again";
    retrying_in "retryingIn": "{n}초 후 다시 시도합니다.", "Trying again in {n} s.";
    reason_busy "reasonBusy": "조회 요청이 많아 배송 조회 서비스가 잠시 응답하지 않습니다.", "The tracking service is busy right now.";
    reason_slow "reasonSlow": "배송 조회 서비스의 응답이 너무 늦습니다.", "The tracking service is answering too slowly.";
    reason_unreachable "reasonUnreachable": "배송 조회 서비스에 연결할 수 없습니다.", "The tracking service can't be reached.";
    reason_refused "reasonRefused": "배송 조회 서비스가 이 쇼핑몰의 조회를 받지 않습니다.", "The tracking service refused this shop's lookup.";
    reason_unreadable "reasonUnreadable": "배송 조회 서비스의 답을 읽을 수 없습니다.", "The tracking service's answer can't be read.";
    carrier_page "carrierPage": "{carrier} 홈페이지에서 조회하기", "Track on the {carrier} site";
    stage_interrupted "stageInterrupted": "중단", "Interrupted";
    pickup_at "pickupAt": "{location}에서 찾아가세요.", "Pick it up at {location}.";
    contact_carrier "contactCarrier": "택배사에 문의하세요.", "Contact the carrier.";
    not_found_advice "notFoundAdvice": "방금 등록된 운송장은 조회되기까지 최대 하루가 걸릴 수 있습니다. 번호가 맞는지 확인해 주세요.", "A parcel registered minutes ago can take up to a day to appear. Check that the number is right.";
    carrier_message "carrierMessage": "택배사 안내", "Carrier's message";
    number_placeholder "numberPlaceholder": "예: 1234567890", "e.g. 1234567890";
    track_another "trackAnother": "다른 운송장 조회", "Track another parcel";
    details "details": "자세히 보기", "Details";
    error_network "errorNetwork": "배송 조회 API에 연결할 수 없습니다(네트워크 오류 또는 CORS 거부).", "The tracking API could not be reached (network error or CORS refusal).";
    error_timeout "errorTimeout": "배송 조회 API가 {ms}ms 안에 응답하지 않았습니다.", "The tracking API did not answer within {ms} ms.";
    error_bad_response "errorBadResponse": "배송 조회 API가 예상한 JSON이 아닌 본문으로 응답했습니다(HTTP {status}).", "The tracking API answered HTTP {status} with a body that is not the expected JSON.";
    error_graphql_on_v1 "errorGraphqlOnV1": "API가 v1 요청에 GraphQL 오류로 응답했습니다(HTTP {status}). api-version 설정을 확인하세요.", "The API answered a v1 request with a GraphQL error (HTTP {status}): is api-version right?";
    error_refused_query "errorRefusedQuery": "배송 조회 API가 위젯의 쿼리를 거부했습니다.", "The tracking API refused the widget's query.";
    error_unauthorized "errorUnauthorized": "배송 조회 API가 요청을 거부했습니다. API 키가 없거나 허용되지 않습니다.", "The tracking API refused the request: the API key is missing or not allowed.";
    error_rate_limited "errorRateLimited": "배송 조회 API가 요청 수를 제한하고 있습니다.", "The tracking API is rate limiting requests.";
    error_unavailable "errorUnavailable": "배송 조회 API가 요청을 처리하지 못했습니다.", "The tracking API could not serve the request.";
    error_http_status "errorHttpStatus": "배송 조회 API가 HTTP {status} 오류로 응답했습니다.", "The tracking API answered HTTP {status}.";
    error_not_found "errorNotFound": "이 운송장 번호로 조회된 배송 정보가 없습니다.", "No parcel was found for this tracking number.";
    error_bad_format "errorBadFormat": "운송장 번호 형식이 맞지 않습니다.", "The tracking number's format is not accepted.";
    error_carrier_not_listed "errorCarrierNotListed": "택배사 \"{carrier}\"는 지원하는 택배사 목록에 없습니다.", "The carrier \"{carrier}\" is not in the API's carriers list.";
    error_blank_number "errorBlankNumber": "운송장 번호가 비어 있거나 운송장 번호가 아닙니다.", "The tracking number is blank or not a tracking number.";
    error_blank_carrier "errorBlankCarrier": "택배사가 비어 있거나 택배사 코드가 아닙니다.", "The carrier id is blank or not a carrier id.";
    error_api_base "errorApiBase": "api-base \"{base}\"는 http(s) URL이 아닙니다.", "api-base \"{base}\" is not an http(s) URL.";
}

impl Strings {
    /// The five stage names, received → delivered.
    pub fn stages(&self) -> [&str; 5] {
        [
            self.stage_1(),
            self.stage_2(),
            self.stage_3(),
            self.stage_4(),
            self.stage_5(),
        ]
    }

    /// The status in words: the label of a known code, else the carrier's own text.
    pub fn status_words<'a>(&'a self, code: StatusCode, carrier_text: Option<&'a str>) -> &'a str {
        match code {
            StatusCode::AttemptFail => self.attempt_fail(),
            StatusCode::AvailableForPickup => self.available_for_pickup(),
            StatusCode::Exception => self.exception(),
            StatusCode::Unknown => carrier_text.unwrap_or(self.unknown_status()),
            _ => code.main_stage().map_or(self.unknown_status(), |stage| {
                self.stages()[usize::from(stage - 1)]
            }),
        }
    }

    /// "Step N of 5".
    pub fn step_of(&self, n: u8, total: u8) -> String {
        Self::fill(
            self.step_of_template(),
            &[("n", &n.to_string()), ("total", &total.to_string())],
        )
    }

    /// A failure's message: the API's words as they came, the widget's own in this language.
    pub fn message(&self, message: &Message) -> String {
        let own = match message {
            Message::Api(text) => return text.clone(),
            Message::Own(own) => own,
        };
        // The template, and its placeholder with the value, when it has one.
        let (template, placeholder) = match own {
            Own::Network => (self.error_network(), None),
            Own::Timeout(ms) => (self.error_timeout(), Some(("{ms}", ms.to_string()))),
            Own::BadResponse(code) => (
                self.error_bad_response(),
                Some(("{status}", code.to_string())),
            ),
            Own::GraphqlOnV1(code) => (
                self.error_graphql_on_v1(),
                Some(("{status}", code.to_string())),
            ),
            Own::RefusedQuery => (self.error_refused_query(), None),
            Own::Unauthorized => (self.error_unauthorized(), None),
            Own::RateLimited => (self.error_rate_limited(), None),
            Own::Unavailable => (self.error_unavailable(), None),
            Own::HttpStatus(code) => (
                self.error_http_status(),
                Some(("{status}", code.to_string())),
            ),
            Own::NotFound => (self.error_not_found(), None),
            Own::BadFormat => (self.error_bad_format(), None),
            Own::CarrierNotListed(carrier) => (
                self.error_carrier_not_listed(),
                Some(("{carrier}", carrier.clone())),
            ),
            Own::BlankNumber => (self.error_blank_number(), None),
            Own::BlankCarrier => (self.error_blank_carrier(), None),
            Own::ApiBaseNotHttp(base) => (self.error_api_base(), Some(("{base}", base.clone()))),
        };
        match placeholder {
            Some((name, value)) => template.replace(name, &value),
            None => template.to_owned(),
        }
    }

    /// The string `template` with each `{name}` replaced by its value.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(template.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }

    /// "Last checked <time>", the time already formatted.
    pub fn last_checked(&self, time: &str) -> String {
        self.last_checked_template().replace("{time}", time)
    }

    /// "Updated N minutes ago", from the minutes since the data was fetched.
    pub fn updated_ago(&self, minutes: u32) -> String {
        if minutes == 0 {
            self.updated_just_now().to_owned()
        } else {
            self.updated_minutes_ago()
                .replace("{n}", &minutes.to_string())
        }
    }
}

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
        let ko = Strings::new(Lang::Ko);
        let en = Strings::new(Lang::En);
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
        assert_eq!(ko.updated_ago(0), "방금 확인");
        assert_eq!(en.updated_ago(12), "Checked 12 min ago");
        assert_eq!(
            ko.stages(),
            ["접수", "집화", "배송중", "배송출발", "배송완료"]
        );
        assert_eq!(
            en.stages(),
            [
                "Label created",
                "Picked up",
                "In transit",
                "Out for delivery",
                "Delivered"
            ]
        );
        assert_eq!(
            en.status_words(StatusCode::Exception, None),
            "Delivery issue"
        );
        assert_eq!(
            Strings::fill(ko.pickup_at(), &[("location", "광주북구")]),
            "광주북구에서 찾아가세요."
        );
    }

    #[test]
    fn overrides_by_public_key() {
        let mut strings = Strings::new(Lang::En);
        assert!(strings.set("showMore", "More history".into()));
        assert!(strings.set("stageDelivered", "Arrived".into()));
        assert!(!strings.set("show_more", "x".into()));
        assert_eq!(strings.show_more(), "More history");
        // A key given again replaces its text; the strings around it keep theirs.
        assert!(strings.set("showMore", "Older events".into()));
        assert_eq!(strings.show_more(), "Older events");
        assert_eq!(strings.show_less(), "Show fewer events");
        let mut same = Strings::new(Lang::En);
        assert!(same.set("showMore", "Older events".into()));
        assert!(same.set("stageDelivered", "Arrived".into()));
        assert_eq!(strings, same);
        assert_ne!(strings, Strings::new(Lang::En));
        assert_ne!(Strings::new(Lang::Ko), Strings::new(Lang::En));
        assert_eq!(strings.status_words(StatusCode::Delivered, None), "Arrived");
        assert!(Strings::KEYS.contains(&"fallbackMessage"));
        assert_eq!(Strings::KEYS.len(), 81);
    }

    #[test]
    fn messages_in_both_languages_the_apis_as_they_came() {
        let ko = Strings::new(Lang::Ko);
        let en = Strings::new(Lang::En);
        let unlisted = Message::Own(Own::CarrierNotListed("xx.nope".into()));
        assert_eq!(
            ko.message(&unlisted),
            "택배사 \"xx.nope\"는 지원하는 택배사 목록에 없습니다."
        );
        assert_eq!(
            en.message(&unlisted),
            "The carrier \"xx.nope\" is not in the API's carriers list."
        );
        assert_eq!(
            ko.message(&Message::Own(Own::BlankNumber)),
            "운송장 번호가 비어 있거나 운송장 번호가 아닙니다."
        );
        assert_eq!(
            ko.message(&Message::Own(Own::Timeout(500))),
            "배송 조회 API가 500ms 안에 응답하지 않았습니다."
        );
        assert_eq!(
            en.message(&Message::Own(Own::GraphqlOnV1(400))),
            "The API answered a v1 request with a GraphQL error (HTTP 400): is api-version right?"
        );
        assert_eq!(
            ko.message(&Message::Own(Own::ApiBaseNotHttp("ftp://x".into()))),
            "api-base \"ftp://x\"는 http(s) URL이 아닙니다."
        );
        assert_eq!(
            en.message(&Message::Own(Own::Network)),
            "The tracking API could not be reached (network error or CORS refusal)."
        );
        let api = Message::Api("운송장 미등록".into());
        assert_eq!(en.message(&api), "운송장 미등록");
        let mut shop = Strings::new(Lang::En);
        assert!(shop.set("errorBadFormat", "Check the number.".into()));
        assert_eq!(
            shop.message(&Message::Own(Own::BadFormat)),
            "Check the number."
        );
        assert_eq!(
            en.last_checked("Dec 1, 2026, 9:00 PM"),
            "Last checked Dec 1, 2026, 9:00 PM"
        );
    }
}
