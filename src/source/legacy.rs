//! Vietnamese written in a legacy 8-bit encoding (TCVN3/ABC, VNI, Windows-1258), either as raw
//! bytes or already misread as Latin-1 and saved as UTF-8 ("B¸o c¸o"). An encoding is named
//! only on evidence: decoded with it, the words that carry high bytes are Vietnamese
//! syllables. Any other file that is not UTF-8 is just that, not a guess.

use unicode_normalization::UnicodeNormalization;

/// How much of a file the guess looks at: enough words, bounded work.
const SAMPLE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy)]
enum Legacy {
    Tcvn3,
    Vni,
    Cp1258,
}

const ALL: [Legacy; 3] = [Legacy::Tcvn3, Legacy::Vni, Legacy::Cp1258];

/// TCVN 5712 (the TCVN3/ABC fonts use its lower half), bytes 0x80..=0xFF; a `\0` entry is unused.
const TCVN3_HIGH: [char; 128] = [
    'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ', //
    'Í', 'Ị', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ', //
    '\u{a0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', //
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ', //
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', //
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', //
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', //
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', //
];

/// Windows-1258 where it differs from Latin-1 in 0xA0..=0xFF: five letters, the đồng sign
/// and the tone marks it writes as combining characters after the vowel.
fn cp1258(b: u8) -> char {
    match b {
        0xC3 => 'Ă',
        0xCC => '\u{300}',
        0xD0 => 'Đ',
        0xD2 => '\u{309}',
        0xD5 => 'Ơ',
        0xDD => 'Ư',
        0xDE => '\u{303}',
        0xE3 => 'ă',
        0xEC => '\u{301}',
        0xF0 => 'đ',
        0xF2 => '\u{323}',
        0xF5 => 'ơ',
        0xFD => 'ư',
        0xFE => '₫',
        0xA0..=0xFF => char::from(b),
        _ => '\u{FFFD}',
    }
}

/// VNI (Windows): a base letter followed by a byte for its marks, a few letters whole. The
/// capital forms are the small ones less 0x20.
fn vni(b: u8) -> &'static str {
    let small = if (0xC0..=0xDC).contains(&b) { b + 0x20 } else { b };
    let capital = small != b;
    match (small, capital) {
        (0xE6, false) => "ỉ",
        (0xE6, true) => "Ỉ",
        (0xEC, false) => "ì",
        (0xEC, true) => "Ì",
        (0xED, false) => "í",
        (0xED, true) => "Í",
        (0xEE, false) => "ỵ",
        (0xEE, true) => "Ỵ",
        (0xF1, false) => "đ",
        (0xF1, true) => "Đ",
        (0xF2, false) => "ị",
        (0xF2, true) => "Ị",
        (0xF3, false) => "ĩ",
        (0xF3, true) => "Ĩ",
        (0xF4, false) => "ơ",
        (0xF4, true) => "Ơ",
        (0xF6, false) => "ư",
        (0xF6, true) => "Ư",
        (0xE0, _) => "\u{302}\u{300}",
        (0xE1, _) => "\u{302}\u{301}",
        (0xE2, _) => "\u{302}",
        (0xE3, _) => "\u{302}\u{303}",
        (0xE4, _) => "\u{302}\u{323}",
        (0xE5, _) => "\u{302}\u{309}",
        (0xE8, _) => "\u{306}\u{300}",
        (0xE9, _) => "\u{306}\u{301}",
        (0xEA, _) => "\u{306}",
        (0xEB, _) => "\u{306}\u{323}",
        (0xEF, _) => "\u{323}",
        (0xF5, _) => "\u{303}",
        (0xF8, _) => "\u{300}",
        (0xF9, _) => "\u{301}",
        (0xFA, _) => "\u{306}\u{309}",
        (0xFB, _) => "\u{309}",
        (0xFC, _) => "\u{306}\u{303}",
        _ => "\u{FFFD}",
    }
}

/// A legacy encoding named, with how to convert from it besides Unikey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    pub name: &'static str,
    pub convert: &'static str,
}

impl Legacy {
    fn guess(self) -> Guess {
        let (name, convert) = match self {
            Legacy::Tcvn3 => ("TCVN3 (ABC)", "; hoặc `iconv -f TCVN5712-1 -t UTF-8 tệp.txt > tệp-utf8.txt`"),
            Legacy::Vni => ("VNI", ""),
            Legacy::Cp1258 => ("Windows-1258", "; hoặc `iconv -f CP1258 -t UTF-8 tệp.txt > tệp-utf8.txt`"),
        };
        Guess { name, convert }
    }

    fn decode(self, bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len() * 2);
        for &b in bytes {
            if b.is_ascii() {
                out.push(char::from(b));
                continue;
            }
            match self {
                Legacy::Tcvn3 => out.push(TCVN3_HIGH[usize::from(b - 0x80)]),
                Legacy::Vni => out.push_str(vni(b)),
                Legacy::Cp1258 => out.push(cp1258(b)),
            }
        }
        out.nfc().collect()
    }
}

/// Raw bytes (not UTF-8): the legacy encoding they are written in, if they read as Vietnamese.
pub fn guess_bytes(bytes: &[u8]) -> Option<Guess> {
    best(&bytes[..bytes.len().min(SAMPLE_BYTES)])
}

/// Valid UTF-8 that is really a legacy encoding read as Latin-1 (TCVN3's "B¸o c¸o", VNI's
/// "baùo caùo"). Real Vietnamese has letters no Latin-1 reading can give (ơ ư đ ạ ế …): their
/// presence settles it. Otherwise, Latin-1 signs that never occur in Vietnamese glued to
/// letters are the cue, and the bytes behind the text must read as Vietnamese.
pub fn guess_mojibake(text: &str) -> Option<Guess> {
    if text.chars().any(vietnamese_only) {
        return None;
    }
    let mut signs = 0usize;
    let mut prev_letter = false;
    let mut bytes = Vec::new();
    for c in text.chars() {
        if bytes.len() >= SAMPLE_BYTES {
            break;
        }
        if prev_letter && is_sign(c) {
            signs += 1;
        }
        prev_letter = c.is_alphabetic();
        // Back to the bytes the text was misread from; anything past Latin-1 was not a byte.
        bytes.push(u8::try_from(u32::from(c)).unwrap_or(b' '));
    }
    if signs < 3 {
        return None;
    }
    best(&bytes)
}

/// Letters of Vietnamese outside Latin-1: ă đ ĩ ũ ơ ư and the Latin Extended Additional block.
fn vietnamese_only(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}')
}

/// A Latin-1 character that NFC Vietnamese never writes (its letters À Á Â Ã È É Ê Ì Í Ò Ó
/// Ô Õ Ù Ú Ý and their small forms are not signs) and that ordinary text does not glue to a
/// word either (° ² ³ ¹ for units and footnotes, « » quotes).
fn is_sign(c: char) -> bool {
    let u = u32::from(c);
    (0xA0..=0xFF).contains(&u) && !"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý°²³¹«»".contains(c)
}

/// The encoding under which most words carrying high bytes are Vietnamese syllables, when
/// they clearly are: at least three such words and seven in ten of them.
fn best(bytes: &[u8]) -> Option<Guess> {
    if bytes.is_ascii() {
        return None;
    }
    let (enc, valid, total) = ALL
        .iter()
        .map(|&e| {
            let (v, t) = syllables(&e.decode(bytes));
            (e, v, t)
        })
        .max_by_key(|&(_, v, _)| v)?;
    (valid >= 3 && valid * 10 >= total * 7).then(|| enc.guess())
}

/// (Vietnamese syllables, all words) among the words with a non-ASCII character.
fn syllables(text: &str) -> (usize, usize) {
    let word_char = |c: char| c.is_alphabetic() || crate::text::is_mark(c) || c == '\u{FFFD}';
    let mut valid = 0;
    let mut total = 0;
    for w in text.split(|c: char| !word_char(c)).filter(|w| !w.is_ascii()) {
        total += 1;
        if is_syllable(w) {
            valid += 1;
        }
    }
    (valid, total)
}

const ONSETS: [&str; 28] =
    ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];
const CODAS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
const NUCLEI: [&str; 53] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe",
    "oi", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi",
    "uya", "uyê", "uyu", "ươi", "ươu",
];

/// One Vietnamese syllable: onset, vowel nucleus, coda, and at most one tone mark.
fn is_syllable(word: &str) -> bool {
    let mut tones = 0;
    let bare: String = word
        .to_lowercase()
        .nfd()
        .filter(|&c| {
            let tone = matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    tones <= 1
        && ONSETS.iter().filter_map(|o| bare.strip_prefix(o)).any(|rest| {
            CODAS.iter().filter_map(|c| rest.strip_suffix(c)).any(|nucleus| NUCLEI.contains(&nucleus))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_recognised() {
        for w in ["người", "nghiệp", "khoảng", "quốc", "được", "huyện", "gì", "giờ", "tỉnh", "Báo", "ĐẠT", "uyên"] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["café", "résumé", "tờỡ", "baùo", "cafộ", "Größe"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn tcvn3_table_is_the_standard_one() {
        // "Báo cáo tình hình kinh tế xã hội" in TCVN3.
        let b = b"B\xb8o c\xb8o t\xd7nh h\xd7nh kinh t\xd5 x\xb7 h\xe9i";
        assert_eq!(Legacy::Tcvn3.decode(b), "Báo cáo tình hình kinh tế xã hội");
        assert_eq!(Legacy::Vni.decode(b"bao\xf9 ca\xf9o \xf1\xf6\xf4\xefc"), "baó cáo được");
    }
}
