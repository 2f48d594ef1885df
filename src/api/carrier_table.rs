//! Carrier names and phone numbers shipped with the widget: a self-hosted v2 server knows
//! carrier ids only, and v2 has no phone numbers. From the open-source server's v1 list.

pub struct KnownCarrier {
    pub id: &'static str,
    pub name: &'static str,
    pub tel: Option<&'static str>,
}

const fn carrier(id: &'static str, name: &'static str, tel: Option<&'static str>) -> KnownCarrier {
    KnownCarrier { id, name, tel }
}

pub static KNOWN_CARRIERS: &[KnownCarrier] = &[
    carrier("de.dhl", "DHL", Some("+8215880001")),
    carrier("jp.sagawa", "Sagawa", Some("+810120189595")),
    carrier("jp.yamato", "Kuroneko Yamato", Some("+810120189595")),
    carrier("jp.yuubin", "Japan Post", Some("+810570046111")),
    carrier("kr.chunilps", "천일택배", Some("+8218776606")),
    carrier("kr.cjlogistics", "CJ대한통운", Some("+8215881255")),
    carrier("kr.coupangls", "쿠팡 로지스틱스 서비스", None),
    carrier("kr.cupost", "CU 편의점택배", Some("+8215771287")),
    carrier("kr.cvsnet", "GS Postbox 택배", Some("+8215771287")),
    carrier("kr.cway", "CWAY (Woori Express)", Some("+8215884899")),
    carrier("kr.daesin", "대신택배", Some("+82314620100")),
    carrier("kr.epost", "우체국 택배", Some("+8215881300")),
    carrier("kr.hanips", "한의사랑택배", Some("+8216001055")),
    carrier("kr.hanjin", "한진택배", Some("+8215880011")),
    carrier("kr.hdexp", "합동택배", Some("+8218993392")),
    carrier("kr.homepick", "홈픽", Some("+8218000987")),
    carrier("kr.honamlogis", "한서호남택배", Some("+8218770572")),
    carrier("kr.ilyanglogis", "일양로지스", Some("+8215880002")),
    carrier("kr.kdexp", "경동택배", Some("+8218995368")),
    carrier("kr.kunyoung", "건영택배", Some("+82533543001")),
    carrier("kr.logen", "로젠택배", Some("+8215889988")),
    carrier("kr.lotte", "롯데택배", Some("+8215882121")),
    carrier("kr.slx", "SLX", Some("+82316375400")),
    carrier("kr.swgexp", "성원글로벌카고", Some("+82327469984")),
    carrier("kr.todaypickup", "오늘의픽업", Some("+8216665615")),
    carrier("nl.tnt", "TNT", None),
    carrier("un.upu.ems", "EMS", None),
    carrier("us.fedex", "Fedex", None),
    carrier("us.ups", "UPS", None),
    carrier("us.usps", "USPS", None),
];

pub fn known_carrier(id: &str) -> Option<&'static KnownCarrier> {
    KNOWN_CARRIERS.iter().find(|carrier| carrier.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_and_phones_by_id() {
        let cj = known_carrier("kr.cjlogistics").unwrap();
        assert_eq!((cj.name, cj.tel), ("CJ대한통운", Some("+8215881255")));
        assert_eq!(known_carrier("un.upu.ems").unwrap().tel, None);
        assert!(known_carrier("xx.nowhere").is_none());
    }
}

use super::v1::CarrierInfo;

/// Fills a carrier's missing name and phone from the shipped table.
pub fn complete(mut info: CarrierInfo) -> CarrierInfo {
    if let Some(known) = known_carrier(&info.id) {
        let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
        if blank(&info.name) {
            info.name = Some(known.name.to_owned());
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
        let ids_only = CarrierInfo {
            id: "kr.epost".into(),
            name: None,
            tel: None,
        };
        assert_eq!(
            complete(ids_only),
            CarrierInfo {
                id: "kr.epost".into(),
                name: Some("우체국 택배".into()),
                tel: Some("+8215881300".into())
            }
        );
        let named = CarrierInfo {
            id: "kr.epost".into(),
            name: Some("Korea Post".into()),
            tel: Some("".into()),
        };
        assert_eq!(complete(named).name.as_deref(), Some("Korea Post"));
        let unknown = CarrierInfo {
            id: "xx.local".into(),
            name: None,
            tel: None,
        };
        assert_eq!(complete(unknown).name, None);
    }
}
