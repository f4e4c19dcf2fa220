//! Reading a file into text: decoding, cleaning (line endings, invisible and no-break
//! spaces), NFC normalisation, and the map from every normalised offset back to the original
//! line and column (diagnostics point into the file the user has).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use unicode_normalization::{is_nfc_quick, char::canonical_combining_class, IsNormalized, UnicodeNormalization};

use crate::error::{Error, Result};

mod legacy;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A position in the original file: 1-based line, 1-based column in characters of that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// A decoded report. `text` is cleaned and NFC; offsets into it map back to `original`.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    /// The decoded text exactly as in the file (BOM removed).
    pub original: String,
    /// `original` cleaned (a lone CR ends a line, zero-width characters dropped, no-break
    /// spaces made spaces) and in NFC: what every later stage reads.
    pub text: String,
    /// From `text` back to the cleaned text, and from that back to `original`.
    nfc_map: OffsetMap,
    clean_map: OffsetMap,
    /// Where each line of `original` starts; a line ends at LF, CRLF or a lone CR.
    line_starts: Vec<usize>,
    /// (byte offset, character index) every `CHECKPOINT` characters of `original`, so a
    /// column on a 10 MB line is found without counting the whole line.
    checkpoints: Vec<(usize, usize)>,
    /// For a Word document: where each character of each paragraph comes from, and the
    /// paragraphs' heading levels. `original` is then the text soi read, a line a paragraph.
    pub docx: Option<crate::docx::DocxText>,
}

const CHECKPOINT: usize = 1024;

/// Where a rewrite changed lengths, the (text offset, original offset) at each segment
/// start; between two entries the delta is constant. Empty when nothing changed.
#[derive(Debug, Default)]
struct OffsetMap {
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Records that text offset `t` is original offset `o`. A later point at the same text
    /// offset wins: after a removed character, the text goes on where the original does.
    fn push(&mut self, t: usize, o: usize) {
        match self.points.last_mut() {
            Some(last) if last.0 == t => *last = (t, o),
            _ => self.points.push((t, o)),
        }
    }

    fn to_original(&self, offset: usize) -> usize {
        let i = self.points.partition_point(|&(t, _)| t <= offset);
        if i == 0 {
            return offset;
        }
        let (t, o) = self.points[i - 1];
        // Inside a segment whose length changed, never run past its end in the original.
        let mapped = o + (offset - t);
        match self.points.get(i) {
            Some(&(_, next)) => mapped.min(next),
            None => mapped,
        }
    }
}

impl Source {
    /// Reads and decodes a file from disk.
    pub fn read(path: &Path) -> Result<Source> {
        let meta = std::fs::metadata(path).map_err(|source| Error::Io { path: path.into(), source })?;
        if !meta.is_file() {
            // A FIFO or device would block or never end; a directory is walked, not read.
            return Err(Error::NotAFile { path: path.into() });
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(Error::TooLarge { path: path.into(), size: meta.len(), limit: MAX_FILE_BYTES });
        }
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.into(), source })?;
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
            return Source::from_docx(path, &bytes);
        }
        Source::from_bytes(path, &bytes)
    }

    /// Decodes bytes: UTF-8 (BOM optional), UTF-16 LE/BE with BOM; anything else is refused.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Source> {
        let original = decode(path, bytes)?;
        if original.trim().is_empty() {
            return Err(Error::Empty { path: path.into() });
        }
        Ok(Source::from_text(path, original))
    }

    /// Builds a source from already decoded text (used by tests and stdin).
    pub fn from_text(path: &Path, original: String) -> Source {
        let (cleaned, clean_map) = clean(&original);
        let (text, nfc_map) = normalise(&cleaned);
        let bytes = original.as_bytes();
        let mut line_starts = vec![0];
        // A line ends at LF, CRLF or a lone CR. Scanned as bytes: both are ASCII.
        line_starts.extend(
            bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).map(|(i, _)| i + 1),
        );
        // Every CHECKPOINT-th character: a character starts at each byte that does not
        // continue one (10xxxxxx).
        let checkpoints = bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b & 0xC0 != 0x80)
            .map(|(i, _)| i)
            .step_by(CHECKPOINT)
            .enumerate()
            .map(|(k, b)| (b, k * CHECKPOINT))
            .collect();
        Source { path: path.to_path_buf(), original, text, nfc_map, clean_map, line_starts, checkpoints, docx: None }
    }

    /// A Word document: one line per paragraph, as `docx::read` gives them.
    pub fn from_docx(path: &Path, bytes: &[u8]) -> Result<Source> {
        let doc = crate::docx::read(path, bytes)?;
        if doc.text.trim().is_empty() {
            return Err(Error::Empty { path: path.into() });
        }
        let mut src = Source::from_text(path, doc.text.clone());
        src.docx = Some(doc);
        Ok(src)
    }

    /// The heading level a Word paragraph style gives a line (0: none, or not a .docx).
    pub fn heading_hint(&self, line: usize) -> usize {
        self.docx.as_ref().and_then(|d| d.hints.get(line)).map(|h| h.heading as usize).unwrap_or(0)
    }

    /// The original byte offset of a byte offset into `text`.
    pub fn original_offset(&self, offset: usize) -> usize {
        let o = self.clean_map.to_original(self.nfc_map.to_original(offset)).min(self.original.len());
        // Land on a character boundary of the original.
        let mut o = o;
        while o > 0 && !self.original.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// Line and column (characters) in the original file of a byte offset into `text`.
    pub fn location(&self, offset: usize) -> Location {
        self.original_location(self.original_offset(offset))
    }

    /// Line and column of a byte offset into `original`.
    pub fn original_location(&self, offset: usize) -> Location {
        let offset = offset.min(self.original.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self.char_index(offset) - self.char_index(start) + 1;
        Location { line, column }
    }

    /// How many characters of `original` come before byte `offset`.
    fn char_index(&self, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(b, _)| b <= offset).saturating_sub(1);
        let (b, c) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        c + self.original[b..offset].chars().count()
    }

    /// Byte offset in `original` where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.wrapping_sub(1)).copied().unwrap_or(self.original.len())
    }

    /// The original text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line.wrapping_sub(1)).copied().unwrap_or(self.original.len());
        let end = self.line_starts.get(line).map(|e| e - 1).unwrap_or(self.original.len());
        self.original[start..end.max(start)].trim_end_matches('\r')
    }

    /// `original` with every lone CR made a LF: the same bytes at the same offsets, split
    /// into the lines that locations count (for printers that only know LF and CRLF).
    pub fn original_lf(&self) -> Cow<'_, str> {
        if self.line_starts.iter().skip(1).all(|&s| self.original.as_bytes().get(s - 1) == Some(&b'\n')) {
            return Cow::Borrowed(&self.original);
        }
        let mut out = self.original.clone().into_bytes();
        for &s in &self.line_starts[1..] {
            out[s - 1] = b'\n';
        }
        Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| self.original.clone()))
    }

    /// The path as given, for messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(path, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(path, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(path, rest, u16::from_be_bytes);
    }
    utf8(path, bytes)
}

fn utf8(path: &Path, bytes: &[u8]) -> Result<String> {
    if looks_binary(bytes) {
        return Err(Error::Binary { path: path.into() });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if let Some(guess) = legacy::guess_mojibake(text) {
                return Err(Error::LegacyEncoding { path: path.into(), guess: guess.name, convert: guess.convert });
            }
            Ok(text.to_owned())
        }
        Err(e) => {
            if let Some(guess) = legacy::guess_bytes(bytes) {
                return Err(Error::LegacyEncoding { path: path.into(), guess: guess.name, convert: guess.convert });
            }
            let position = e.valid_up_to();
            let line = bytes[..position].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::Encoding { path: path.into(), offset: bytes[position], line })
        }
    }
}

fn utf16(path: &Path, bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    for ch in char::decode_utf16(units) {
        match ch {
            Ok(c) => out.push(c),
            Err(e) => {
                return Err(Error::Encoding {
                    path: path.into(),
                    offset: (e.unpaired_surrogate() & 0xff) as u8,
                    line: out.matches('\n').count() + 1,
                })
            }
        }
    }
    if out.contains('\0') {
        return Err(Error::Binary { path: path.into() });
    }
    Ok(out)
}

/// NUL bytes or many control characters in the first 8 KiB: not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    controls * 20 > head.len()
}

/// NFC with a map back: each segment (a starter and the marks after it) is normalised alone.
/// Characters that are NFC whatever surrounds them: ASCII, the Latin blocks Vietnamese is
/// written in (precomposed), dashes, quotes, the ellipsis and superscript digits. A report
/// made only of these needs no normalisation check at all.
fn surely_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x2070..=0x209F)
}

fn normalise(original: &str) -> (String, OffsetMap) {
    if original.chars().all(surely_nfc) || is_nfc_quick(original.chars()) == IsNormalized::Yes {
        return (original.to_owned(), OffsetMap::default());
    }
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::default();
    // original[..copied] is in `text`; a segment that is one surely-NFC character is its own
    // NFC, and waits to be copied with the run it stands in.
    let mut copied = 0;
    let mut seg_start = 0;
    let mut simple = true;
    let mut flush = |from: usize, to: usize, simple: bool, text: &mut String, map: &mut OffsetMap| {
        if simple {
            return;
        }
        text.push_str(&original[copied..from]);
        let t = text.len();
        text.extend(original[from..to].nfc());
        if text.len() - t != to - from {
            map.push(t, from);
            map.push(text.len(), to);
        }
        copied = to;
    };
    for (i, c) in original.char_indices() {
        // Every surely-NFC character is a starter.
        let starter = surely_nfc(c) || canonical_combining_class(c) == 0;
        if i == 0 {
            simple = surely_nfc(c);
        } else if starter {
            flush(seg_start, i, simple, &mut text, &mut map);
            seg_start = i;
            simple = surely_nfc(c);
        } else {
            simple = false;
        }
    }
    flush(seg_start, original.len(), simple, &mut text, &mut map);
    text.push_str(&original[copied..]);
    (text, map)
}

/// What a character becomes in the text soi reads, when not itself: a lone CR (old Mac line
/// ending) a line break, a no-break space a space, a zero-width character or a stray BOM
/// nothing. Unseen, they would split "42.564\u{200b} triệu" or join lines.
fn cleaned(c: char, next: Option<&u8>) -> Option<&'static str> {
    match c {
        '\r' if next != Some(&b'\n') => Some("\n"),
        '\u{A0}' | '\u{202F}' => Some(" "),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(""),
        _ => None,
    }
}

fn clean(original: &str) -> (Cow<'_, str>, OffsetMap) {
    let special = |c: char| matches!(c, '\r' | '\u{A0}' | '\u{202F}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}');
    let bytes = original.as_bytes();
    // The special characters, found by the first byte of their UTF-8 (0D, C2 A0, E2 80 xx,
    // E2 81 A0, EF BB BF): a pass over bytes, not over characters.
    let mut specials = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, 0x0D | 0xC2 | 0xE2 | 0xEF))
        .filter_map(|(i, _)| original[i..].chars().next().filter(|&c| special(c)).map(|c| (i, c)))
        .peekable();
    if specials.peek().is_none() {
        return (Cow::Borrowed(original), OffsetMap::default());
    }
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::default();
    let mut copied = 0; // original bytes before this are in `text`
    for (i, c) in specials {
        let Some(with) = cleaned(c, bytes.get(i + c.len_utf8())) else { continue };
        text.push_str(&original[copied..i]);
        let t = text.len();
        text.push_str(with);
        copied = i + c.len_utf8();
        if with.len() != c.len_utf8() {
            map.push(t, i);
            map.push(text.len(), copied);
        }
    }
    if copied == 0 {
        // Only CRLF line ends: nothing to change.
        return (Cow::Borrowed(original), map);
    }
    text.push_str(&original[copied..]);
    (Cow::Owned(text), map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Source {
        Source::from_text(Path::new("t.txt"), s.to_owned())
    }

    #[test]
    fn a_surely_nfc_character_is_a_starter_and_its_own_nfc() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| surely_nfc(c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(c.to_string().nfc().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn only_the_segments_that_need_it_are_normalised() {
        // Decomposed letters among precomposed ones, a mark at the very start, a composed
        // letter followed by a mark, and a singleton (Ω, U+2126) that NFC replaces.
        let text = "\u{301}Tổng thu đa\u{323}t 42.564 tri\u{ea}\u{323}u, \u{1ea1}\u{301} \u{2126} – “cuối”";
        let (out, map) = normalise(text);
        let mut want = String::new();
        let mut seg = 0;
        for (i, c) in text.char_indices() {
            if i > seg && canonical_combining_class(c) == 0 {
                want.extend(text[seg..i].nfc());
                seg = i;
            }
        }
        want.extend(text[seg..].nfc());
        assert_eq!(out, want);
        let at = out.find("42.564").unwrap_or(0);
        assert_eq!(&text[map.to_original(at)..map.to_original(at) + 6], "42.564");
    }

    #[test]
    fn nfd_offsets_map_back_to_original_columns() {
        let nfd: String = "Tổng thu đạt 42.564 triệu".nfd().collect();
        let s = src(&nfd);
        assert_eq!(s.text, "Tổng thu đạt 42.564 triệu");
        let at = s.text.find("42.564").unwrap();
        let loc = s.location(at);
        // Columns count characters of the original (decomposed) line.
        let want = nfd[..nfd.find("42.564").unwrap()].chars().count() + 1;
        assert_eq!(loc, Location { line: 1, column: want });
        let end = s.location(at + "42.564".len());
        assert_eq!(end.column, want + 6);
    }

    #[test]
    fn lines_and_columns_are_one_based_characters() {
        let s = src("dòng một\nđạt 34,4%");
        let at = s.text.find("34,4").unwrap();
        assert_eq!(s.location(at), Location { line: 2, column: 5 });
        assert_eq!(s.line_text(2), "đạt 34,4%");
    }

    #[test]
    fn cleaning_keeps_offsets_into_the_original() {
        let s = src("Tổng\u{a0}thu\r42.564\u{200b} triệu\r\nđạt\u{feff} 5");
        assert_eq!(s.text, "Tổng thu\n42.564 triệu\r\nđạt 5");
        assert_eq!(s.location(s.text.find("triệu").unwrap()), Location { line: 2, column: 9 });
        assert_eq!(s.location(s.text.rfind('5').unwrap()), Location { line: 3, column: 6 });
        assert_eq!((s.line_text(1), s.line_text(2), s.line_text(3)), ("Tổng\u{a0}thu", "42.564\u{200b} triệu", "đạt\u{feff} 5"));
        assert_eq!(s.original_lf(), "Tổng\u{a0}thu\n42.564\u{200b} triệu\r\nđạt\u{feff} 5");
        // Decomposed text and a zero-width space together: both maps apply.
        let nfd: String = "Tổng\u{200b} thu đạt 7".nfd().collect();
        let s = src(&nfd);
        assert_eq!(s.text, "Tổng thu đạt 7");
        let want = nfd[..nfd.find('7').unwrap()].chars().count() + 1;
        assert_eq!(s.location(s.text.find('7').unwrap()), Location { line: 1, column: want });
    }

    #[test]
    fn decodes_boms_and_refuses_the_rest() {
        let p = Path::new("x.txt");
        let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Tổng 5 tấn".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(Source::from_bytes(p, &utf16le).unwrap().text, "Tổng 5 tấn");
        let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("đạt".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(Source::from_bytes(p, &utf16be).unwrap().text, "đạt");
        let bom8: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain("ước".bytes()).collect();
        assert_eq!(Source::from_bytes(p, &bom8).unwrap().text, "ước");
        assert!(matches!(Source::from_bytes(p, b""), Err(Error::Empty { .. })));
        assert!(matches!(Source::from_bytes(p, b"\x00\x01\x02abc"), Err(Error::Binary { .. })));
        // TCVN3: "Báo cáo tình hình" written with the ABC font's bytes.
        let tcvn3 = b"B\xb8o c\xb8o t\xd6nh h\xd6nh kinh t\xd5 x\xb7 h\xe9i th\xb8ng 5";
        assert!(matches!(Source::from_bytes(p, tcvn3), Err(Error::LegacyEncoding { .. })));
    }
}
