//! Text from the API made fit to show: control characters out, phone numbers in the national
//! format, and the delivery window a carrier writes into its text.

/// The text without control characters (C0, DEL, C1), which render as boxes; line breaks
/// (`\n`) stay, a tab becomes a space.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A Korean phone number (`+8215881255`, `+82-2-1234-5678`) in the national format
/// (`1588-1255`, `02-1234-5678`); any other number as given.
pub fn national_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.strip_prefix("82") {
        Some(rest) if phone.trim_start().starts_with('+') => {
            if rest.starts_with('1') && rest.len() == 8 {
                rest.to_owned()
            } else {
                format!("0{}", rest.trim_start_matches('0'))
            }
        }
        _ => return phone.trim().to_owned(),
    };
    let n = national.len();
    // Where the groups end: 15xx-xxxx; 02-xxx(x)-xxxx; 0xx-xxx(x)-xxxx.
    let cuts: &[usize] = match national.as_bytes() {
        [b'1', ..] if n == 8 => &[4],
        [b'0', b'2', ..] if (9..=10).contains(&n) => &[2, n - 4],
        [b'0', ..] if (10..=11).contains(&n) => &[3, n - 4],
        _ => return phone.trim().to_owned(),
    };
    let mut out = String::with_capacity(n + 2);
    let mut start = 0;
    for &cut in cuts.iter().chain([n].iter()) {
        if start > 0 {
            out.push('-');
        }
        out.push_str(&national[start..cut]);
        start = cut;
    }
    out
}

/// The delivery window a Korean carrier writes into its text, `(13~15시)`: (13, 15).
pub fn delivery_window(text: &str) -> Option<(u8, u8)> {
    let hour = |s: &str| s.trim().parse::<u8>().ok().filter(|h| *h <= 24);
    text.match_indices('(').find_map(|(at, _)| {
        let inside = text[at + 1..].split_once("시)")?.0;
        let (from, to) = inside.split_once('~')?;
        let (from, to) = (hour(from)?, hour(to)?);
        (from < to).then_some((from, to))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_line_breaks_stay() {
        assert_eq!(
            clean("CJ\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{7f}대한통운"),
            "CJ대한통운"
        );
        assert_eq!(clean("a\r\nb\u{85}c\td"), "a\nbc d");
        // Not controls: bidi marks and zero-width characters are left to `<bdi>`.
        assert_eq!(clean("\u{202e}x\u{200b}"), "\u{202e}x\u{200b}");
    }

    #[test]
    fn phones_in_the_national_format() {
        assert_eq!(national_phone("+8215881255"), "1588-1255");
        assert_eq!(national_phone("+82 1588-0011"), "1588-0011");
        assert_eq!(national_phone("+82212345678"), "02-1234-5678");
        assert_eq!(national_phone("+8221234567"), "02-123-4567");
        assert_eq!(national_phone("+82-31-123-4567"), "031-123-4567");
        assert_eq!(national_phone("+821012345678"), "010-1234-5678");
        assert_eq!(national_phone("1588-1300"), "1588-1300");
        assert_eq!(national_phone("+18004633339"), "+18004633339");
        assert_eq!(national_phone("+82123"), "+82123");
    }

    #[test]
    fn windows_from_the_carriers_text() {
        assert_eq!(
            delivery_window("고객님의 상품을 배송할 예정입니다.(13~15시)(배송담당:박*호)"),
            Some((13, 15))
        );
        assert_eq!(
            delivery_window("(배송담당) 도착 (17 ~ 19시)"),
            Some((17, 19))
        );
        assert_eq!(delivery_window("(19~17시)"), None);
        assert_eq!(delivery_window("(13~15)"), None);
        assert_eq!(delivery_window("배송출발"), None);
    }
}
