//! Word documents: reading a `.docx` into text (one line per paragraph, in document order)
//! and writing an annotated copy with one Word comment per finding. Streaming with zip and
//! quick-xml; nothing but the parts soi needs is parsed, and no document model is rebuilt.
//!
//! The text soi reads: body paragraphs (automatic numbering written in front, as Word shows
//! it), table rows as `| cell | cell |`, tracked changes as accepted (insertions kept,
//! deletions dropped), fields as displayed, footnote references as superscript digits and
//! the footnotes themselves after the body, each starting with its number.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};

/// Caps against zip bombs: per part and in all.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Where a character of the text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The `offset`-th character of the `node`-th `w:t` of word/document.xml.
    Body { node: usize, offset: usize },
    /// The `node`-th `w:footnoteReference` of word/document.xml.
    FootnoteRef { node: usize },
    /// Text of word/footnotes.xml, or text soi wrote (numbering, separators).
    Other,
}

/// A run of characters of one line with one origin (offset counts characters).
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    pub start: usize,
    pub len: usize,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineHint {
    /// Heading level from the paragraph's style or outline level (0: not a heading).
    pub heading: u8,
    pub list: bool,
}

#[derive(Debug, Default)]
pub struct DocxText {
    pub text: String,
    pub hints: Vec<LineHint>,
    pub pieces: Vec<Vec<Piece>>,
    /// Footnote id → the `w:footnoteReference` node that points at it.
    pub note_refs: HashMap<String, usize>,
    /// For each line that is a footnote, its id.
    pub note_of_line: Vec<Option<String>>,
}

impl DocxText {
    /// The origin of a character (line 1-based, column 1-based in characters).
    pub fn origin(&self, line: usize, column: usize) -> Origin {
        let Some(pieces) = self.pieces.get(line.wrapping_sub(1)) else { return Origin::Other };
        let c = column.saturating_sub(1);
        for p in pieces {
            if c >= p.start && c < p.start + p.len {
                return match p.origin {
                    Origin::Body { node, offset } => Origin::Body { node, offset: offset + (c - p.start) },
                    o => o,
                };
            }
        }
        Origin::Other
    }
}

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::Docx { path: path.into(), reason: reason.into() }
}

/// Opens the package after the checks that do not need to decompress anything.
pub fn open(path: &Path, bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<Vec<u8>>>> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(bad(path, "tài liệu được mã hóa bằng mật khẩu (hoặc là tệp .doc cũ); hãy lưu lại thành .docx không có mật khẩu"));
    }
    if !bytes.starts_with(b"PK") {
        return Err(bad(path, "không phải tệp .docx (không phải gói zip)"));
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).map_err(|e| bad(path, format!("gói zip hỏng: {e}")))?;
    // What the headers declare; `part` also caps what is really inflated, whatever they say.
    let total = zip.decompressed_size().unwrap_or(0);
    if total > u128::from(MAX_TOTAL_BYTES) {
        return Err(bad(path, format!("giải nén ra quá lớn ({total} byte, tối đa {MAX_TOTAL_BYTES}): có thể là zip bomb")));
    }
    Ok(zip)
}

/// Reads one part, refusing more than the cap whatever the header claims.
pub fn part(path: &Path, zip: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> Result<Option<Vec<u8>>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(path, format!("{name}: {e}"))),
    };
    if file.encrypted() {
        return Err(bad(path, "tài liệu được mã hóa bằng mật khẩu; hãy lưu lại không có mật khẩu"));
    }
    let mut out = Vec::new();
    file.take(MAX_PART_BYTES + 1).read_to_end(&mut out).map_err(|e| bad(path, format!("{name}: {e}")))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(bad(path, format!("{name} giải nén ra hơn {MAX_PART_BYTES} byte: có thể là zip bomb")));
    }
    if contains(&out, b"<!DOCTYPE") || contains(&out, b"<!ENTITY") {
        return Err(bad(path, format!("{name} có khai báo DTD/ENTITY; soi không mở rộng thực thể XML (có thể là XML bomb)")));
    }
    Ok(Some(out))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.decode_and_unescape_value(e.decoder()).ok().map(|v| v.into_owned()))
}

/// Style id → heading level, from styles.xml (names "heading N", "Tiêu đề N", or an outline level).
fn heading_styles(xml: &[u8]) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:style" => current = attr(&e, b"w:styleId"),
                b"w:name" => {
                    if let (Some(id), Some(name)) = (&current, attr(&e, b"w:val")) {
                        let l = crate::text::lower(&name);
                        let level = ["heading ", "tiêu đề ", "title"].iter().find_map(|p| l.strip_prefix(p)).map(|rest| rest.trim().parse::<u8>().unwrap_or(1));
                        if let Some(level) = level {
                            out.insert(id.clone(), level.clamp(1, 6));
                        }
                    }
                }
                b"w:outlineLvl" => {
                    if let (Some(id), Some(v)) = (&current, attr(&e, b"w:val").and_then(|v| v.parse::<u8>().ok())) {
                        if v < 9 {
                            out.entry(id.clone()).or_insert(v + 1);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// A level of a numbering definition: format and text ("%1.").
#[derive(Debug, Clone, Default)]
struct Lvl {
    fmt: String,
    text: String,
    start: u32,
}

/// numId → levels, from numbering.xml.
fn numbering(xml: &[u8]) -> HashMap<String, Vec<Lvl>> {
    let mut abstracts: HashMap<String, Vec<Lvl>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut abs, mut lvl, mut num): (Option<String>, Option<usize>, Option<String>) = (None, None, None);
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:abstractNum" => abs = attr(&e, b"w:abstractNumId"),
                b"w:lvl" => lvl = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()),
                b"w:num" => num = attr(&e, b"w:numId"),
                b"w:abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num, attr(&e, b"w:val")) {
                        nums.insert(n.clone(), a);
                    }
                }
                name @ (b"w:numFmt" | b"w:lvlText" | b"w:start") => {
                    if let (Some(a), Some(l)) = (&abs, lvl) {
                        let levels = abstracts.entry(a.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, Lvl { start: 1, ..Lvl::default() });
                        }
                        let v = attr(&e, b"w:val").unwrap_or_default();
                        match name {
                            b"w:numFmt" => levels[l].fmt = v,
                            b"w:lvlText" => levels[l].text = v,
                            _ => levels[l].start = v.parse().unwrap_or(1),
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    nums.into_iter().filter_map(|(n, a)| abstracts.get(&a).cloned().map(|l| (n, l))).collect()
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn format_number(n: u32, fmt: &str) -> String {
    let letter = |base: u8| char::from(base + ((n.max(1) - 1) % 26) as u8).to_string();
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(b'A'),
        "lowerLetter" => letter(b'a'),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The reading state of one paragraph.
#[derive(Default)]
struct Para {
    text: String,
    chars: usize,
    pieces: Vec<Piece>,
    style: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
}

impl Para {
    fn push(&mut self, s: &str, origin: Origin) {
        let len = s.chars().count();
        if len == 0 {
            return;
        }
        self.pieces.push(Piece { start: self.chars, len, origin });
        self.text.push_str(s);
        self.chars += len;
    }
}

/// Reads the text of a .docx.
pub fn read(path: &Path, bytes: &[u8]) -> Result<DocxText> {
    let mut zip = open(path, bytes)?;
    let document = part(path, &mut zip, "word/document.xml")?.ok_or_else(|| bad(path, "thiếu word/document.xml: không phải tài liệu Word"))?;
    let styles = part(path, &mut zip, "word/styles.xml")?.map(|x| heading_styles(&x)).unwrap_or_default();
    let numbers = part(path, &mut zip, "word/numbering.xml")?.map(|x| numbering(&x)).unwrap_or_default();
    let footnotes = part(path, &mut zip, "word/footnotes.xml")?;
    let mut out = DocxText::default();
    body(&document, &styles, &numbers, &mut out).map_err(|e| bad(path, format!("word/document.xml: {e}")))?;
    if let Some(f) = footnotes {
        notes(&f, &mut out).map_err(|e| bad(path, format!("word/footnotes.xml: {e}")))?;
    }
    Ok(out)
}

/// The characters of a text event, or of an entity reference (`&amp;`, `&#7843;`).
pub(crate) fn text_of(ev: &Event) -> String {
    match ev {
        Event::Text(t) => t.decode().map(|c| c.into_owned()).unwrap_or_default(),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                return c.to_string();
            }
            let name = r.decode().map(|c| c.into_owned()).unwrap_or_default();
            quick_xml::escape::resolve_predefined_entity(&name).unwrap_or("").to_owned()
        }
        _ => String::new(),
    }
}

fn superscript(n: &str) -> String {
    n.chars().filter_map(|c| c.to_digit(10)).map(|d| ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d as usize]).collect()
}

fn push_line(out: &mut DocxText, text: &str, pieces: Vec<Piece>, hint: LineHint) {
    out.note_of_line.push(None);
    if !out.hints.is_empty() {
        out.text.push('\n');
    }
    // A paragraph's own line breaks would shift every later line number.
    out.text.push_str(&text.replace(['\n', '\r'], " "));
    out.hints.push(hint);
    out.pieces.push(pieces);
}

fn body(xml: &[u8], styles: &HashMap<String, u8>, numbers: &HashMap<String, Vec<Lvl>>, out: &mut DocxText) -> std::result::Result<(), quick_xml::Error> {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut para: Option<Para> = None;
    let mut in_t = false;
    let mut t_node = 0usize; // w:t elements seen
    let mut t_offset = 0usize; // characters already read of the current w:t
    let mut ref_node = 0usize;
    let mut deleted = 0usize;
    let mut table_depth = 0usize;
    let mut row: Option<(String, Vec<Piece>, usize)> = None; // text, pieces, chars
    // Columns the current cell spans: a merged header cell is followed by empty ones, so the
    // row keeps one cell per column (as a Markdown table writes "| So sánh (%) | |").
    let mut span = 1usize;
    let mut counters: HashMap<(String, usize), u32> = HashMap::new();
    loop {
        let ev = r.read_event_into(&mut buf)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:p" if !empty => para = Some(Para::default()),
                    b"w:pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(e, b"w:val");
                        }
                    }
                    b"w:outlineLvl" => {
                        if let Some(p) = para.as_mut() {
                            p.outline = attr(e, b"w:val").and_then(|v| v.parse::<u8>().ok()).filter(|v| *v < 9).map(|v| v + 1);
                        }
                    }
                    b"w:ilvl" => {
                        if let Some(p) = para.as_mut() {
                            let l = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            p.num = Some((p.num.take().map(|n| n.0).unwrap_or_default(), l));
                        }
                    }
                    b"w:numId" => {
                        if let Some(p) = para.as_mut() {
                            let id = attr(e, b"w:val").unwrap_or_default();
                            let l = p.num.as_ref().map(|n| n.1).unwrap_or(0);
                            p.num = Some((id, l));
                        }
                    }
                    b"w:gridSpan" => span = attr(e, b"w:val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64),
                    b"w:tc" if !empty => span = 1,
                    b"w:del" | b"w:moveFrom" if !empty => deleted += 1,
                    b"w:t" if !empty => {
                        t_node += 1;
                        t_offset = 0;
                        in_t = true;
                    }
                    b"w:t" => t_node += 1,
                    b"w:tab" if deleted == 0 => {
                        if let Some(p) = para.as_mut() {
                            p.push("\t", Origin::Other);
                        }
                    }
                    b"w:br" | b"w:cr" if deleted == 0 => {
                        if let Some(p) = para.as_mut() {
                            p.push(" ", Origin::Other);
                        }
                    }
                    b"w:footnoteReference" => {
                        ref_node += 1;
                        if let (Some(p), Some(id)) = (para.as_mut(), attr(e, b"w:id")) {
                            out.note_refs.entry(id.clone()).or_insert(ref_node - 1);
                            if deleted == 0 {
                                p.push(&superscript(&id), Origin::FootnoteRef { node: ref_node - 1 });
                            }
                        }
                    }
                    b"w:tbl" if !empty => table_depth += 1,
                    b"w:tr" if !empty => row = Some((String::from("|"), Vec::new(), 1)),
                    _ => {}
                }
            }
            ref ev @ (Event::Text(_) | Event::GeneralRef(_)) if in_t => {
                let s = text_of(ev);
                if let (Some(p), 0) = (para.as_mut(), deleted) {
                    p.push(&s, Origin::Body { node: t_node - 1, offset: t_offset });
                }
                t_offset += s.chars().count();
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:del" | b"w:moveFrom" => deleted = deleted.saturating_sub(1),
                b"w:p" => {
                    let Some(mut p) = para.take() else { continue };
                    // Automatic numbering, as Word shows it: "I. ", "1.2. ", "a) ".
                    if let Some((id, l)) = p.num.clone().filter(|(id, _)| id != "0") {
                        if let Some(levels) = numbers.get(&id) {
                            let start = |k: usize| levels.get(k).map(|x| x.start).unwrap_or(1);
                            let n = counters.entry((id.clone(), l)).and_modify(|c| *c += 1).or_insert(start(l));
                            let n = *n;
                            counters.retain(|(cid, cl), _| cid != &id || *cl <= l);
                            if let Some(lvl) = levels.get(l) {
                                let mut label = lvl.text.clone();
                                for k in 0..=l {
                                    let v = if k == l { n } else { counters.get(&(id.clone(), k)).copied().unwrap_or(start(k)) };
                                    let fmt = levels.get(k).map(|x| x.fmt.as_str()).unwrap_or("decimal");
                                    label = label.replace(&format!("%{}", k + 1), &format_number(v, fmt));
                                }
                                if !label.trim().is_empty() && levels.get(l).is_some_and(|x| x.fmt != "bullet") {
                                    let mut np = Para::default();
                                    np.push(&format!("{label} "), Origin::Other);
                                    for piece in &p.pieces {
                                        np.pieces.push(Piece { start: piece.start + np.chars, ..*piece });
                                    }
                                    np.chars += p.chars;
                                    np.text.push_str(&p.text);
                                    np.style = p.style.take();
                                    np.outline = p.outline;
                                    np.num = p.num.take();
                                    p = np;
                                }
                            }
                        }
                    }
                    let heading = p.outline.or_else(|| p.style.as_ref().and_then(|s| styles.get(s).copied())).unwrap_or(0);
                    if table_depth > 0 {
                        if let Some((text, pieces, chars)) = row.as_mut() {
                            text.push(' ');
                            *chars += 1;
                            for piece in p.pieces {
                                pieces.push(Piece { start: piece.start + *chars, ..piece });
                            }
                            text.push_str(&p.text);
                            *chars += p.chars;
                        }
                    } else {
                        let list = p.num.is_some() && heading == 0;
                        push_line(out, &p.text, p.pieces, LineHint { heading, list });
                    }
                }
                b"w:tc" => {
                    if let Some((text, _, chars)) = row.as_mut() {
                        for _ in 0..span {
                            text.push_str(" |");
                            *chars += 2;
                        }
                    }
                    span = 1;
                }
                b"w:tr" => {
                    if let Some((text, pieces, _)) = row.take() {
                        push_line(out, &text, pieces, LineHint::default());
                    }
                }
                b"w:tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

fn notes(xml: &[u8], out: &mut DocxText) -> std::result::Result<(), quick_xml::Error> {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut id: Option<String> = None;
    let mut first = true;
    let mut para: Option<Para> = None;
    let mut in_t = false;
    loop {
        match r.read_event_into(&mut buf)? {
            Event::Start(e) => match e.name().as_ref() {
                b"w:footnote" => {
                    let kind = attr(&e, b"w:type").unwrap_or_default();
                    id = if kind.is_empty() || kind == "normal" { attr(&e, b"w:id") } else { None };
                    first = true;
                }
                b"w:p" if id.is_some() => {
                    let mut p = Para::default();
                    if first {
                        p.push(&format!("{} ", superscript(id.as_deref().unwrap_or(""))), Origin::Other);
                        first = false;
                    }
                    para = Some(p);
                }
                b"w:t" => in_t = true,
                _ => {}
            },
            ref ev @ (Event::Text(_) | Event::GeneralRef(_)) if in_t => {
                if let Some(p) = para.as_mut() {
                    p.push(&text_of(ev), Origin::Other);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => {
                    if let Some(p) = para.take() {
                        // The reference mark itself is a run without text: skip empty notes.
                        if p.text.trim().chars().any(|c| !c.is_numeric() && !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)) {
                            push_line(out, &p.text, p.pieces, LineHint::default());
                            if let Some(last) = out.note_of_line.last_mut() {
                                *last = id.clone();
                            }
                        }
                    }
                }
                b"w:footnote" => id = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}


mod annotate;
pub use annotate::{annotate, Comment, Point};
