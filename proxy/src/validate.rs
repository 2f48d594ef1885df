//! What a carrier id and a tracking number can look like: anything else is refused with a clear
//! message and never sent upstream.

const MAX_LENGTH: usize = 64;

/// Ids are dot-separated lowercase segments: `kr.cjlogistics`, `un.upu.ems`,
/// `kr.actcore.ocean-inbound`.
pub fn carrier_id(id: &str) -> Result<&str, String> {
    let segment_ok = |segment: &str| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if id.len() <= MAX_LENGTH && id.contains('.') && id.split('.').all(segment_ok) {
        Ok(id)
    } else {
        Err("The carrier id is not a carrier id (such as kr.cjlogistics).".into())
    }
}

/// Tracking numbers are letters, digits and hyphens, at most 64 of them.
pub fn tracking_number(number: &str) -> Result<&str, String> {
    let ok = !number.is_empty()
        && number.len() <= MAX_LENGTH
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(number)
    } else {
        Err("The tracking number is not a tracking number (letters, digits and hyphens, at most 64).".into())
    }
}

/// Shows the last 4 characters of a tracking number, for logs.
pub fn masked(number: &str) -> String {
    let count = number.chars().count();
    let shown = count.saturating_sub(4);
    number
        .chars()
        .enumerate()
        .map(|(i, c)| if i < shown || count <= 4 { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carrier_ids() {
        for ok in [
            "kr.cjlogistics",
            "un.upu.ems",
            "kr.actcore.ocean-inbound",
            "xx.nowhere",
        ] {
            assert_eq!(carrier_id(ok), Ok(ok));
        }
        for bad in [
            "",
            "kr",
            ".",
            "..",
            "kr.",
            ".kr",
            "KR.CJ",
            "kr/cj.x",
            "kr.cj logistics",
            "kr..cj",
        ] {
            assert!(carrier_id(bad).is_err(), "{bad:?}");
        }
        assert!(carrier_id(&format!("kr.{}", "a".repeat(62))).is_err());
    }

    #[test]
    fn tracking_numbers() {
        for ok in ["1234567890", "RR123456789KR", "1234-5678-90"] {
            assert_eq!(tracking_number(ok), Ok(ok));
        }
        for bad in ["", " ", "12 34", "..", "12/34", "<script>", "１２３"] {
            assert!(tracking_number(bad).is_err(), "{bad:?}");
        }
        assert!(tracking_number(&"1".repeat(64)).is_ok());
        assert!(tracking_number(&"1".repeat(65)).is_err());
    }

    #[test]
    fn numbers_are_masked_to_their_last_four() {
        assert_eq!(masked("1234567890"), "******7890");
        assert_eq!(masked("12345"), "*2345");
        assert_eq!(masked("1234"), "****");
        assert_eq!(masked(""), "");
    }
}
