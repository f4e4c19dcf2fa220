//! Small text helpers shared by the stages.

/// Lowercases character by character, keeping a character whose lowercase would change its
/// UTF-8 length: offsets into the result are offsets into the input.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Runs of characters that stay as they are (and ASCII, lowercased at the end in one go:
    // no other character lowercases to ASCII here) are copied whole.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let l = lower_char(c);
        if l != c {
            out.push_str(&s[run..i]);
            out.push(l);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out.make_ascii_lowercase();
    out
}

/// One character of `lower`.
pub fn lower_char(c: char) -> char {
    // Fast paths for ASCII, Latin-1, the letters of Vietnamese in Latin Extended-A and -B
    // (ă đ ĩ ũ ơ ư), combining marks and the Latin Extended Additional block (capital even,
    // small odd): all of a report but a few symbols. A test holds them to the general rule.
    match c as u32 {
        0..=0x7F => return c.to_ascii_lowercase(),
        u @ 0xC0..=0xDE if u != 0xD7 => return char::from_u32(u + 0x20).unwrap_or(c),
        0xD7 | 0xDF..=0xFF | 0x300..=0x36F => return c,
        u @ (0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF) => return char::from_u32(u + 1).unwrap_or(c),
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => return c,
        u @ 0x1EA0..=0x1EF9 => return char::from_u32(u | 1).unwrap_or(c),
        _ => {}
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
        _ => c,
    }
}

/// `char::is_uppercase` with the fast paths of `lower_char`.
pub fn is_upper_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_uppercase(),
        0xC0..=0xDE => c != '×',
        0xDF..=0xFF | 0x300..=0x36F => false,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => true,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => false,
        u @ 0x1EA0..=0x1EF9 => u % 2 == 0,
        _ => c.is_uppercase(),
    }
}

/// `char::is_alphanumeric`, through the fast paths of `is_letter`.
pub fn is_alphanumeric(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// `char::is_alphabetic` with fast paths for ASCII and the Latin blocks Vietnamese is written
/// in (the general lookup is slow, and this runs on every character of a report).
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// A combining mark (tone or vowel mark left apart in decomposed text).
pub fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::canonical_combining_class(c) != 0
}

/// A character of a word: a letter, or a combining mark on one.
pub fn is_word_char(c: char) -> bool {
    is_letter(c) || is_mark(c)
}

/// The four-digit years (1900–2099) standing alone in a text, in order: "năm 2025", "8T/2019".
pub fn years(s: &str) -> impl Iterator<Item = u16> + '_ {
    s.split(|c: char| !c.is_ascii_digit()).filter(|t| t.len() == 4).filter_map(|t| t.parse::<u16>().ok()).filter(|y| (1900..2100).contains(y))
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_keeps_offsets() {
        let s = "ĐẠT 34,4% Kế Hoạch İ ỲỸẶÀÉ×";
        let l = super::lower(s);
        assert_eq!(l.len(), s.len());
        assert!(l.starts_with("đạt 34,4% kế hoạch"));
        assert!(l.ends_with("ỳỹặàé×"));
        for c in ['À', 'Ý', 'Ạ', 'Ỹ', 'Đ', 'Ơ', 'Ư', 'Ă', 'Â', 'Ê', 'Ô'] {
            assert_eq!(super::lower(&c.to_string()), c.to_lowercase().to_string(), "{c}");
        }
    }

    #[test]
    fn fast_paths_follow_the_general_rules() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut l = c.to_lowercase();
            let general = match (l.next(), l.next()) {
                (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
                _ => c,
            };
            assert_eq!(super::lower_char(c), general, "{c:?}");
            if !c.is_ascii() {
                assert!(!general.is_ascii(), "{c:?}");
            }
            // Lowercase text lowercased again is the same text.
            assert_eq!(super::lower_char(general), general, "{c:?}");
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_upper_char(c), c.is_uppercase(), "{c:?}");
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}

/// Writes a decimal the Vietnamese way with `dp` decimals: 38.4615 → "38,46", 2783.48 → "2.783,48".
pub fn fmt_vi(d: rust_decimal::Decimal, dp: u32) -> String {
    // A Decimal holds at most 28 decimals.
    let dp = dp.min(28);
    let r = d.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.*}", dp as usize, r);
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (s, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = if neg { format!("-{grouped}") } else { grouped };
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod fmt_tests {
    use rust_decimal_macros::dec;
    #[test]
    fn vietnamese_number_format() {
        assert_eq!(super::fmt_vi(dec!(38.4615), 2), "38,46");
        assert_eq!(super::fmt_vi(dec!(2783.48), 2), "2.783,48");
        assert_eq!(super::fmt_vi(dec!(123643), 0), "123.643");
    }
}
