//! Carrier names and phone numbers shipped with the widget: a self-hosted v2 server knows
//! carrier ids only, v2 has no phone numbers, and the cloud's names are Korean. Every carrier of
//! the open-source server's carrier registry (`packages/core`), and the older v1 list's, with a
//! Korean and an English name. Phone numbers only for the four carriers whose customer-service
//! numbers are confirmed by public listings (CJ Logistics, Korea Post, Hanjin, Lotte); the
//! others could not be checked against the carriers' own pages and are left out. Numbers are
//! kept in E.164 (`tel:` links); `text::national_phone` shows them as Koreans write them. Also
//! the carriers' own tracking pages, where a carrier links one with the number in its URL, and
//! the lookup form's order.

use crate::i18n::Lang;
use crate::link::encode_uri_component;

pub struct KnownCarrier {
    pub id: &'static str,
    pub name_ko: &'static str,
    pub name_en: &'static str,
    pub tel: Option<&'static str>,
}

const fn carrier(
    id: &'static str,
    name_ko: &'static str,
    name_en: &'static str,
    tel: Option<&'static str>,
) -> KnownCarrier {
    KnownCarrier {
        id,
        name_ko,
        name_en,
        tel,
    }
}

pub static KNOWN_CARRIERS: &[KnownCarrier] = &[
    carrier(
        "cn.cainiao.global",
        "차이냐오 글로벌",
        "Cainiao Global",
        None,
    ),
    carrier("de.dhl", "DHL", "DHL", None),
    carrier("jp.sagawa", "사가와 익스프레스", "Sagawa Express", None),
    carrier("jp.yamato", "야마토 운수", "Yamato Transport", None),
    carrier("jp.yuubin", "일본 우편", "Japan Post", None),
    carrier(
        "kr.actcore.ocean-inbound",
        "ACT&CORE 해상 수입",
        "ACT&CORE ocean inbound",
        None,
    ),
    carrier("kr.chunilps", "천일택배", "Chunil Express", None),
    carrier(
        "kr.cjlogistics",
        "CJ대한통운",
        "CJ Logistics",
        Some("+8215881255"),
    ),
    carrier(
        "kr.coupangls",
        "쿠팡 로지스틱스 서비스",
        "Coupang Logistics Services",
        None,
    ),
    carrier("kr.cupost", "CU 편의점택배", "CU Post", None),
    carrier("kr.cvsnet", "GS Postbox 택배", "GS Postbox", None),
    carrier("kr.cway", "CWAY (우리택배)", "CWAY (Woori Express)", None),
    carrier("kr.daesin", "대신택배", "Daesin Parcel", None),
    carrier("kr.epantos", "LX판토스", "LX Pantos", None),
    carrier("kr.epost", "우체국 택배", "Korea Post", Some("+8215881300")),
    carrier("kr.epost.ems", "우체국 EMS", "Korea Post EMS", None),
    carrier("kr.goodstoluck", "굿투럭", "Goodstoluck", None),
    carrier("kr.hanips", "한의사랑택배", "Hanips", None),
    carrier("kr.hanjin", "한진택배", "Hanjin", Some("+8215880011")),
    carrier("kr.hdexp", "합동택배", "Hapdong Express", None),
    carrier("kr.homepick", "홈픽", "Homepick", None),
    carrier("kr.honamlogis", "한서호남택배", "Hanseo Honam Logis", None),
    carrier("kr.ilyanglogis", "일양로지스", "Ilyang Logis", None),
    carrier("kr.kdexp", "경동택배", "Kyungdong Express", None),
    carrier("kr.kunyoung", "건영택배", "Kunyoung Express", None),
    carrier("kr.logen", "로젠택배", "Logen", None),
    carrier(
        "kr.lotte",
        "롯데택배",
        "Lotte Global Logistics",
        Some("+8215882121"),
    ),
    carrier(
        "kr.lotte.global",
        "롯데글로벌로지스 국제택배",
        "Lotte Global Logistics (international)",
        None,
    ),
    carrier("kr.ltl", "LTL", "LTL", None),
    carrier("kr.slx", "SLX택배", "SLX", None),
    carrier("kr.swgexp", "성원글로벌카고", "Sungwon Global Cargo", None),
    carrier(
        "kr.swgexp.cjlogistics",
        "성원글로벌카고 (CJ대한통운)",
        "Sungwon Global Cargo (CJ Logistics)",
        None,
    ),
    carrier(
        "kr.swgexp.epost",
        "성원글로벌카고 (우체국)",
        "Sungwon Global Cargo (Korea Post)",
        None,
    ),
    carrier("kr.todaypickup", "오늘의픽업", "Today Pickup", None),
    carrier("kr.yongmalogis", "용마로지스", "Yongma Logis", None),
    carrier("nl.tnt", "TNT", "TNT", None),
    carrier("un.upu.ems", "EMS", "EMS", None),
    carrier("us.fedex", "FedEx", "FedEx", None),
    carrier("us.ups", "UPS", "UPS", None),
    carrier("us.usps", "USPS", "USPS", None),
];

/// The carriers' own tracking pages, `{tracking}` standing for the URI-encoded number: only
/// pages the carriers link to themselves, with the number in the URL.
static TRACKING_PAGES: &[(&str, &str)] = &[
    (
        "kr.cjlogistics",
        "https://trace.cjlogistics.com/next/tracking.html?wblNo={tracking}",
    ),
    (
        "kr.epost",
        "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={tracking}",
    ),
    (
        "kr.lotte",
        "https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={tracking}",
    ),
];

/// The carrier's own tracking page for a number, where the table has one.
pub fn tracking_page(id: &str, tracking_number: &str) -> Option<String> {
    let (_, template) = TRACKING_PAGES.iter().find(|(page_id, _)| *page_id == id)?;
    Some(template.replace("{tracking}", &encode_uri_component(tracking_number)))
}

/// The carriers shoppers look for first, in that order: the lookup form lists them first.
const COMMON_CARRIERS: [&str; 6] = [
    "kr.cjlogistics",
    "kr.epost",
    "kr.hanjin",
    "kr.lotte",
    "kr.logen",
    "kr.coupangls",
];

/// Where a carrier goes in the lookup form: the common Korean ones first (in their order), then
/// the other Korean ones, then foreign ones; within the last two groups by name.
pub fn form_rank(id: &str) -> (u8, usize) {
    match COMMON_CARRIERS.iter().position(|common| *common == id) {
        Some(at) => (0, at),
        None if id.starts_with("kr.") => (1, 0),
        None => (2, 0),
    }
}

pub fn known_carrier(id: &str) -> Option<&'static KnownCarrier> {
    KNOWN_CARRIERS.iter().find(|carrier| carrier.id == id)
}

/// A carrier's name as shown in `lang`: in English the table's English name first (the API's
/// names are Korean); in Korean the API's name first, then the table's; an unknown id with no
/// name shows as the id.
pub fn display_name(id: &str, api_name: Option<&str>, lang: Lang) -> String {
    let api_name = api_name.filter(|name| !name.trim().is_empty());
    let known = known_carrier(id);
    let name = match lang {
        Lang::En => known.map(|k| k.name_en).or(api_name),
        Lang::Ko => api_name.or(known.map(|k| k.name_ko)),
    };
    name.unwrap_or(id).to_owned()
}

/// The whole table as a carriers list (Korean names): the lookup form's list when the API's
/// cannot be had.
pub fn table_carriers() -> Vec<Carrier> {
    KNOWN_CARRIERS
        .iter()
        .map(|known| Carrier {
            id: known.id.to_owned(),
            name: Some(known.name_ko.to_owned()),
            tel: known.tel.map(str::to_owned),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_and_phones_by_id() {
        let cj = known_carrier("kr.cjlogistics").unwrap();
        assert_eq!(
            (cj.name_ko, cj.name_en, cj.tel),
            ("CJ대한통운", "CJ Logistics", Some("+8215881255"))
        );
        assert_eq!(known_carrier("un.upu.ems").unwrap().tel, None);
        assert!(known_carrier("xx.nowhere").is_none());
    }

    #[test]
    fn covers_the_open_source_servers_registry() {
        // The ids `packages/core`'s DefaultCarrierRegistry registers (the four it disables by
        // default included).
        let registry = [
            "cn.cainiao.global",
            "de.dhl",
            "jp.sagawa",
            "jp.yamato",
            "kr.actcore.ocean-inbound",
            "kr.cjlogistics",
            "kr.coupangls",
            "kr.cupost",
            "kr.chunilps",
            "kr.cvsnet",
            "kr.cway",
            "kr.daesin",
            "kr.epantos",
            "kr.epost",
            "kr.epost.ems",
            "kr.goodstoluck",
            "kr.homepick",
            "kr.hanjin",
            "kr.honamlogis",
            "kr.ilyanglogis",
            "kr.kdexp",
            "kr.kunyoung",
            "kr.logen",
            "kr.lotte",
            "kr.lotte.global",
            "kr.ltl",
            "kr.slx",
            "kr.swgexp.epost",
            "kr.swgexp.cjlogistics",
            "kr.todaypickup",
            "kr.yongmalogis",
            "nl.tnt",
            "un.upu.ems",
            "us.fedex",
            "us.ups",
            "us.usps",
        ];
        let missing: Vec<&str> = registry
            .into_iter()
            .filter(|id| known_carrier(id).is_none())
            .collect();
        assert_eq!(missing, Vec::<&str>::new());
        for known in KNOWN_CARRIERS {
            assert!(
                !known.name_ko.is_empty() && !known.name_en.is_empty(),
                "{}",
                known.id
            );
            assert!(
                known.name_en.is_ascii(),
                "{}: the English name is English",
                known.id
            );
        }
        // Sagawa's number is not Yamato's: numbers that were not checked are left out.
        assert_eq!(known_carrier("jp.yamato").unwrap().tel, None);
    }

    #[test]
    fn tracking_pages_and_form_order() {
        assert_eq!(
            tracking_page("kr.epost", "6865 1234").as_deref(),
            Some(
                "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1=6865%201234"
            )
        );
        assert_eq!(tracking_page("kr.daesin", "1"), None);
        let mut ids = [
            "us.ups",
            "kr.daesin",
            "kr.coupangls",
            "kr.cjlogistics",
            "kr.logen",
        ];
        ids.sort_by_key(|id| form_rank(id));
        assert_eq!(
            ids,
            [
                "kr.cjlogistics",
                "kr.logen",
                "kr.coupangls",
                "kr.daesin",
                "us.ups"
            ]
        );
    }

    #[test]
    fn names_in_the_elements_language() {
        assert_eq!(
            display_name("kr.cjlogistics", Some("CJ대한통운"), Lang::En),
            "CJ Logistics"
        );
        assert_eq!(
            display_name("kr.cjlogistics", Some("CJ대한통운"), Lang::Ko),
            "CJ대한통운"
        );
        assert_eq!(display_name("kr.yongmalogis", None, Lang::Ko), "용마로지스");
        assert_eq!(
            display_name("cn.cainiao.global", None, Lang::En),
            "Cainiao Global"
        );
        assert_eq!(display_name("xx.local", None, Lang::En), "xx.local");
        assert_eq!(
            display_name("xx.local", Some("Local Post"), Lang::En),
            "Local Post"
        );
        assert_eq!(display_name("xx.local", Some(" "), Lang::Ko), "xx.local");
    }
}

use crate::track::Carrier;

/// Fills a carrier's missing name and phone from the shipped table.
pub fn complete(mut info: Carrier) -> Carrier {
    if let Some(known) = known_carrier(&info.id) {
        let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
        if blank(&info.name) {
            info.name = Some(known.name_ko.to_owned());
        }
        if blank(&info.tel) {
            info.tel = known.tel.map(str::to_owned);
        }
    }
    info
}

#[cfg(test)]
mod completion_tests {
    use super::*;

    #[test]
    fn fills_only_what_is_missing() {
        let ids_only = Carrier {
            id: "kr.epost".into(),
            name: None,
            tel: None,
        };
        assert_eq!(
            complete(ids_only),
            Carrier {
                id: "kr.epost".into(),
                name: Some("우체국 택배".into()),
                tel: Some("+8215881300".into())
            }
        );
        let named = Carrier {
            id: "kr.epost".into(),
            name: Some("Korea Post".into()),
            tel: Some("".into()),
        };
        assert_eq!(complete(named).name.as_deref(), Some("Korea Post"));
        let unknown = Carrier {
            id: "xx.local".into(),
            name: None,
            tel: None,
        };
        assert_eq!(complete(unknown).name, None);
    }
}
