//! The tracking link shown as the fallback and in the footer, and URL encoding.

/// `encodeURIComponent`: keeps `A–Z a–z 0–9 - _ . ! ~ * ' ( )`, percent-encodes the UTF-8 bytes
/// of everything else.
pub fn encode_uri_component(text: &str) -> String {
    percent_encode(
        text,
        |b| b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b),
        false,
    )
}

/// `application/x-www-form-urlencoded` as `URLSearchParams` writes it: keeps `A–Z a–z 0–9 * - . _`,
/// a space becomes `+`.
pub fn form_urlencode(text: &str) -> String {
    percent_encode(
        text,
        |b| b.is_ascii_alphanumeric() || b"*-._".contains(&b),
        true,
    )
}

/// Hand-written rather than the percent-encoding crate (with form_urlencoded for the `+`
/// spaces), which does the same but made the page download 431 B brotli larger.
fn percent_encode(text: &str, keep: impl Fn(u8) -> bool, space_as_plus: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if keep(byte) {
            out.push(byte as char);
        } else if byte == b' ' && space_as_plus {
            out.push('+');
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
    out
}

/// What decides the tracking link, from the element's attributes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkSettings {
    /// `fallback-href`: a template with `{carrier}` and `{tracking}`.
    pub fallback_href: Option<String>,
    /// `link-client-id`: makes the v2 tracking link.
    pub link_client_id: Option<String>,
}

/// Why a `fallback-href` was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedHref(pub String);

/// The tracking link for a parcel, and the refused `fallback-href` if there was one (the
/// caller warns about it). Without a carrier or number there is no link.
///
/// `resolve` turns the filled template into an absolute URL (the browser resolves relative ones
/// against the page); only `http:` and `https:` results are used.
pub fn tracking_link(
    settings: &LinkSettings,
    carrier: &str,
    tracking_number: &str,
    resolve: impl Fn(&str) -> Option<String>,
) -> (Option<String>, Option<RefusedHref>) {
    let carrier = carrier.trim();
    let tracking_number = tracking_number.trim();
    if carrier.is_empty() || tracking_number.is_empty() {
        return (None, None);
    }
    let mut refused = None;
    if let Some(template) = settings
        .fallback_href
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        let filled = template
            .replace("{carrier}", &encode_uri_component(carrier))
            .replace("{tracking}", &encode_uri_component(tracking_number));
        match resolve(&filled).filter(|url| is_http_url(url)) {
            Some(url) => return (Some(url), None),
            None => refused = Some(RefusedHref(template.to_owned())),
        }
    }
    let link = match settings.link_client_id.as_deref().map(str::trim) {
        Some(client_id) if !client_id.is_empty() => format!(
            "https://link.tracker.delivery/track?client_id={}&carrier_id={}&tracking_number={}",
            form_urlencode(client_id),
            form_urlencode(carrier),
            form_urlencode(tracking_number)
        ),
        _ => format!(
            "https://tracker.delivery/#/{}/{}",
            encode_uri_component(carrier),
            encode_uri_component(tracking_number)
        ),
    };
    (Some(link), refused)
}

/// True for absolute `http:` / `https:` URLs (scheme case-insensitive).
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A `tel:` link for a phone number that is `+` and digits (spaces and dashes allowed between);
/// anything else is shown as text only.
pub fn tel_href(phone: &str) -> Option<String> {
    let compact: String = phone
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    let digits = compact.strip_prefix('+')?;
    (digits.len() >= 3 && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("tel:{compact}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absolute_only(url: &str) -> Option<String> {
        Some(url.to_owned())
    }

    fn link(settings: &LinkSettings, carrier: &str, number: &str) -> Option<String> {
        tracking_link(settings, carrier, number, absolute_only).0
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_uri_component("1234567890"), "1234567890");
        assert_eq!(encode_uri_component("a/b"), "a%2Fb");
        assert_eq!(encode_uri_component("a#b?c&d"), "a%23b%3Fc%26d");
        assert_eq!(encode_uri_component("A B"), "A%20B");
        assert_eq!(encode_uri_component("한진"), "%ED%95%9C%EC%A7%84");
        assert_eq!(encode_uri_component("un.upu.ems"), "un.upu.ems");
        assert_eq!(encode_uri_component("-_.!~*'()"), "-_.!~*'()");
        assert_eq!(encode_uri_component("100%+=;"), "100%25%2B%3D%3B");
    }

    #[test]
    fn encodes_like_url_search_params() {
        assert_eq!(form_urlencode("A B"), "A+B");
        assert_eq!(form_urlencode("a/b&c=d"), "a%2Fb%26c%3Dd");
        assert_eq!(form_urlencode("~!'()"), "%7E%21%27%28%29");
        assert_eq!(form_urlencode("*-._"), "*-._");
        assert_eq!(form_urlencode("우체국"), "%EC%9A%B0%EC%B2%B4%EA%B5%AD");
    }

    #[test]
    fn default_link_takes_any_carrier_and_number() {
        let settings = LinkSettings::default();
        assert_eq!(
            link(&settings, "kr.cjlogistics", "1234567890").as_deref(),
            Some("https://tracker.delivery/#/kr.cjlogistics/1234567890")
        );
        assert_eq!(
            link(&settings, "un.upu.ems", "EE123456789KR").as_deref(),
            Some("https://tracker.delivery/#/un.upu.ems/EE123456789KR")
        );
        assert_eq!(
            link(&settings, "kr.epost", "A B/C#1?&x").as_deref(),
            Some("https://tracker.delivery/#/kr.epost/A%20B%2FC%231%3F%26x")
        );
        assert_eq!(
            link(&settings, "kr.epost", " 운송장 ").as_deref(),
            Some("https://tracker.delivery/#/kr.epost/%EC%9A%B4%EC%86%A1%EC%9E%A5")
        );
        assert_eq!(link(&settings, "", "1"), None);
        assert_eq!(link(&settings, "kr.epost", "  "), None);
    }

    #[test]
    fn fallback_href_template_wins_and_is_encoded() {
        let settings = LinkSettings {
            fallback_href: Some("https://shop.example/track?c={carrier}&n={tracking}".into()),
            link_client_id: Some("client".into()),
        };
        assert_eq!(
            link(&settings, "kr.cjlogistics", "12 34&5").as_deref(),
            Some("https://shop.example/track?c=kr.cjlogistics&n=12%2034%265")
        );
    }

    #[test]
    fn non_http_fallback_href_is_refused_for_the_default_link() {
        let settings = LinkSettings {
            fallback_href: Some("javascript:alert({tracking})".into()),
            link_client_id: None,
        };
        let (url, refused) = tracking_link(&settings, "kr.epost", "1", absolute_only);
        assert_eq!(
            url.as_deref(),
            Some("https://tracker.delivery/#/kr.epost/1")
        );
        assert_eq!(
            refused,
            Some(RefusedHref("javascript:alert({tracking})".into()))
        );
        let data = LinkSettings {
            fallback_href: Some(" DATA:text/html,{tracking}".into()),
            link_client_id: None,
        };
        assert!(tracking_link(&data, "kr.epost", "1", absolute_only)
            .1
            .is_some());
        let upper = LinkSettings {
            fallback_href: Some("HTTPS://shop.example/{tracking}".into()),
            link_client_id: None,
        };
        assert_eq!(
            link(&upper, "kr.epost", "1").as_deref(),
            Some("HTTPS://shop.example/1")
        );
    }

    #[test]
    fn phone_links_only_for_plus_and_digits() {
        assert_eq!(tel_href("+8215881255").as_deref(), Some("tel:+8215881255"));
        assert_eq!(
            tel_href(" +82 1588-1255 ").as_deref(),
            Some("tel:+8215881255")
        );
        assert_eq!(tel_href("15881255"), None);
        assert_eq!(tel_href("+82<script>"), None);
        assert_eq!(tel_href("javascript:alert(1)"), None);
        assert_eq!(tel_href("+"), None);
        assert_eq!(tel_href("+1234567890123456"), None);
    }

    #[test]
    fn v2_link_uses_url_search_params() {
        let settings = LinkSettings {
            fallback_href: None,
            link_client_id: Some("my client".into()),
        };
        assert_eq!(
            link(&settings, "kr.cjlogistics", "1234 567/8").as_deref(),
            Some("https://link.tracker.delivery/track?client_id=my+client&carrier_id=kr.cjlogistics&tracking_number=1234+567%2F8")
        );
    }
}
