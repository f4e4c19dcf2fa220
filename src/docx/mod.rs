//! Word documents: reading a `.docx` into text (one line per paragraph, in document order)
//! and writing an annotated copy with one Word comment per finding. Streaming with zip and
//! quick-xml; nothing but the parts soi needs is parsed, and no document model is rebuilt.
//!
//! The text soi reads: body paragraphs (automatic numbering written in front, as Word shows
//! it), table rows as `| cell | cell |` with one cell per grid column, tracked changes as
//! accepted (insertions kept, deletions dropped), fields as displayed, footnote references as
//! superscript digits and the footnotes themselves after the body, each starting with its
//! number. What nests inside a paragraph or a row (a text box, a nested table) comes on its
//! own lines right after it. Elements are matched by namespace, not by prefix.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;

use crate::error::{Error, Result};

mod annotate;
mod numbering;
mod xml;

pub use annotate::{annotate, Comment, Point};
use numbering::{Counters, Numbering};
use xml::{text_of, Walk, MC_NS};

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

/// Style id → heading level, from styles.xml (names "heading N", "Tiêu đề N", or an outline level).
fn heading_styles(xml: &[u8]) -> std::result::Result<HashMap<String, u8>, String> {
    let mut out = HashMap::new();
    let mut walk = Walk::new("word/styles.xml", xml);
    let mut current: Option<String> = None;
    while let Some(ev) = walk.next()? {
        let (Event::Start(e) | Event::Empty(e)) = &ev else { continue };
        match walk.w(e.name()) {
            Some(b"style") => current = walk.w_attr(e, b"styleId"),
            Some(b"name") => {
                if let (Some(id), Some(name)) = (&current, walk.w_attr(e, b"val")) {
                    let l = crate::text::lower(&name);
                    let level = ["heading ", "tiêu đề ", "title"].iter().find_map(|p| l.strip_prefix(p)).map(|rest| rest.trim().parse::<u8>().unwrap_or(1));
                    if let Some(level) = level {
                        out.insert(id.clone(), level.clamp(1, 6));
                    }
                }
            }
            Some(b"outlineLvl") => {
                if let (Some(id), Some(v)) = (&current, walk.w_attr(e, b"val").and_then(|v| v.parse::<u8>().ok())) {
                    if v < 9 {
                        out.entry(id.clone()).or_insert(v + 1);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A line of the text, before it is written out.
#[derive(Default)]
struct Line {
    text: String,
    chars: usize,
    pieces: Vec<Piece>,
    hint: LineHint,
    note: Option<String>,
}

impl Line {
    fn push(&mut self, s: &str, origin: Origin) {
        let len = s.chars().count();
        if len == 0 {
            return;
        }
        self.pieces.push(Piece { start: self.chars, len, origin });
        self.text.push_str(s);
        self.chars += len;
    }

    /// Appends another line's text and pieces.
    fn append(&mut self, other: Line) {
        for piece in other.pieces {
            self.pieces.push(Piece { start: piece.start + self.chars, ..piece });
        }
        self.text.push_str(&other.text);
        self.chars += other.chars;
    }
}

/// The reading state of one paragraph.
#[derive(Default)]
struct Para {
    line: Line,
    style: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
    /// Its place among the lines (none for a paragraph of a table cell).
    slot: Option<usize>,
}

/// One cell of a table row: its text, how many grid columns it spans, and whether it
/// continues a vertical merge (Word shows it empty).
#[derive(Default)]
struct Cell {
    line: Line,
    span: usize,
    merged: bool,
}

#[derive(Default)]
struct Row {
    cells: Vec<Cell>,
    /// Grid columns skipped before the first cell and after the last.
    before: usize,
    after_cols: usize,
    slot: usize,
}

/// Word allows 63 columns; a span or skip from the file beyond that is not a real table.
const MAX_GRID: usize = 63;

fn grid(v: Option<String>) -> usize {
    v.and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).min(MAX_GRID)
}

impl Row {
    /// `| c1 | c2 |`, one cell per grid column.
    fn line(self) -> Line {
        let mut line = Line::default();
        line.push("|", Origin::Other);
        let empty = |line: &mut Line, n: usize| {
            for _ in 0..n {
                line.push("  |", Origin::Other);
            }
        };
        empty(&mut line, self.before);
        for cell in self.cells {
            line.push(" ", Origin::Other);
            if !cell.merged {
                line.append(cell.line);
            }
            line.push(" |", Origin::Other);
            empty(&mut line, cell.span.max(1) - 1);
        }
        empty(&mut line, self.after_cols);
        line
    }
}

enum Frame {
    Para(Para),
    Row(Row),
}

/// Which part is read: the body (text with origins in document.xml) or the footnotes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Notes,
}

/// Reads a .docx.
pub fn read(path: &Path, bytes: &[u8]) -> Result<DocxText> {
    let mut zip = open(path, bytes)?;
    let document = part(path, &mut zip, "word/document.xml")?.ok_or_else(|| bad(path, "thiếu word/document.xml: không phải tài liệu Word"))?;
    let styles = part(path, &mut zip, "word/styles.xml")?.map(|x| heading_styles(&x)).transpose().map_err(|e| bad(path, e))?.unwrap_or_default();
    let numbers = part(path, &mut zip, "word/numbering.xml")?.map(|x| Numbering::parse(&x)).transpose().map_err(|e| bad(path, e))?.unwrap_or_default();
    let footnotes = part(path, &mut zip, "word/footnotes.xml")?;
    let mut out = DocxText::default();
    let mut reader = Reader { styles: &styles, numbers: &numbers, counters: Counters::default(), slots: Vec::new(), out: &mut out };
    reader.read(Part::Body, "word/document.xml", &document).map_err(|e| bad(path, e))?;
    if let Some(f) = footnotes {
        reader.read(Part::Notes, "word/footnotes.xml", &f).map_err(|e| bad(path, e))?;
    }
    Ok(out)
}

fn superscript(n: &str) -> String {
    n.chars().filter_map(|c| c.to_digit(10)).map(|d| ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d as usize]).collect()
}

struct Reader<'a> {
    styles: &'a HashMap<String, u8>,
    numbers: &'a Numbering,
    counters: Counters,
    /// The lines of the part, in the order their paragraphs and rows start: what nests in a
    /// paragraph or a row (a text box, a nested table) comes right after it. A slot is taken
    /// when an element starts and filled when it ends.
    slots: Vec<Option<Line>>,
    out: &'a mut DocxText,
}

impl Reader<'_> {
    fn read(&mut self, which: Part, name: &str, xml: &[u8]) -> std::result::Result<(), String> {
        let mut walk = Walk::new(name, xml);
        let mut frames: Vec<Frame> = Vec::new();
        let mut in_t = false;
        let mut t_node = 0usize; // w:t elements seen
        let mut t_offset = 0usize; // characters already read of the current w:t
        let mut ref_node = 0usize;
        let mut deleted = 0usize;
        let mut ppr = 0usize; // inside paragraph properties (tab stops are not tabs)
        let mut fallback = 0usize; // inside mc:Fallback, a second copy of what mc:Choice holds
        let mut note: Option<String> = None; // the footnote being read, and whether its number is written
        let mut note_first = false;
        while let Some(ev) = walk.next()? {
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let start = matches!(ev, Event::Start(_));
                    if walk.is(e.name(), MC_NS, b"Fallback") {
                        fallback += usize::from(start);
                        continue;
                    }
                    let Some(local) = walk.w(e.name()) else { continue };
                    // What document.xml positions count is counted everywhere, even unread.
                    match local {
                        b"t" => {
                            t_node += 1;
                            t_offset = 0;
                            in_t = start;
                        }
                        b"footnoteReference" => ref_node += 1,
                        _ => {}
                    }
                    if fallback > 0 {
                        continue;
                    }
                    let para = match frames.last_mut() {
                        Some(Frame::Para(p)) => Some(p),
                        _ => None,
                    };
                    match local {
                        b"p" if start && (which == Part::Body || note.is_some()) => {
                            let in_cell = matches!(frames.last(), Some(Frame::Row(_)));
                            let mut p = Para { slot: (!in_cell).then(|| self.slot()), ..Para::default() };
                            if note_first {
                                p.line.push(&format!("{} ", superscript(note.as_deref().unwrap_or(""))), Origin::Other);
                                note_first = false;
                            }
                            frames.push(Frame::Para(p));
                        }
                        b"pPr" if start => ppr += 1,
                        b"pStyle" => {
                            if let Some(p) = para {
                                p.style = walk.w_attr(e, b"val");
                            }
                        }
                        b"outlineLvl" => {
                            if let Some(p) = para {
                                p.outline = walk.w_attr(e, b"val").and_then(|v| v.parse::<u8>().ok()).filter(|v| *v < 9).map(|v| v + 1);
                            }
                        }
                        b"ilvl" => {
                            if let Some(p) = para {
                                let l = numbering::level(walk.w_attr(e, b"val"));
                                p.num = Some((p.num.take().map(|n| n.0).unwrap_or_default(), l));
                            }
                        }
                        b"numId" => {
                            if let Some(p) = para {
                                let id = walk.w_attr(e, b"val").unwrap_or_default();
                                let l = p.num.as_ref().map_or(0, |n| n.1);
                                p.num = Some((id, l));
                            }
                        }
                        b"del" | b"moveFrom" if start => deleted += 1,
                        b"tab" if deleted == 0 && ppr == 0 => {
                            if let Some(p) = para {
                                p.line.push("\t", Origin::Other);
                            }
                        }
                        b"br" | b"cr" if deleted == 0 => {
                            if let Some(p) = para {
                                p.line.push(" ", Origin::Other);
                            }
                        }
                        b"footnoteReference" if which == Part::Body => {
                            if let (Some(p), Some(id)) = (para, walk.w_attr(e, b"id")) {
                                self.out.note_refs.entry(id.clone()).or_insert(ref_node - 1);
                                if deleted == 0 {
                                    p.line.push(&superscript(&id), Origin::FootnoteRef { node: ref_node - 1 });
                                }
                            }
                        }
                        b"footnote" if start && which == Part::Notes => {
                            let kind = walk.w_attr(e, b"type").unwrap_or_default();
                            note = if kind.is_empty() || kind == "normal" { walk.w_attr(e, b"id") } else { None };
                            note_first = note.is_some();
                        }
                        b"tr" if start => frames.push(Frame::Row(Row { slot: self.slot(), ..Row::default() })),
                        b"gridBefore" | b"gridAfter" => {
                            if let Some(Frame::Row(row)) = frames.last_mut() {
                                let n = grid(walk.w_attr(e, b"val"));
                                if local == b"gridBefore" {
                                    row.before = n;
                                } else {
                                    row.after_cols = n;
                                }
                            }
                        }
                        b"tc" => {
                            if let Some(Frame::Row(row)) = frames.last_mut() {
                                row.cells.push(Cell { span: 1, ..Cell::default() });
                            }
                        }
                        b"gridSpan" => {
                            if let Some(Frame::Row(Row { cells, .. })) = frames.last_mut() {
                                if let Some(cell) = cells.last_mut() {
                                    cell.span = grid(walk.w_attr(e, b"val"));
                                }
                            }
                        }
                        b"vMerge" => {
                            if let Some(Frame::Row(Row { cells, .. })) = frames.last_mut() {
                                if let Some(cell) = cells.last_mut() {
                                    cell.merged = walk.w_attr(e, b"val").is_none_or(|v| v != "restart");
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(_) | Event::GeneralRef(_) if in_t => {
                    let s = text_of(&ev);
                    if let (Some(Frame::Para(p)), 0, 0) = (frames.last_mut(), deleted, fallback) {
                        let origin = match which {
                            Part::Body => Origin::Body { node: t_node - 1, offset: t_offset },
                            Part::Notes => Origin::Other,
                        };
                        p.line.push(&s, origin);
                    }
                    t_offset += s.chars().count();
                }
                Event::End(e) => {
                    if walk.is(e.name(), MC_NS, b"Fallback") {
                        fallback = fallback.saturating_sub(1);
                        continue;
                    }
                    let Some(local) = walk.w(e.name()) else { continue };
                    match local {
                        b"t" => in_t = false,
                        _ if fallback > 0 => {}
                        b"del" | b"moveFrom" => deleted = deleted.saturating_sub(1),
                        b"pPr" => ppr = ppr.saturating_sub(1),
                        b"p" if matches!(frames.last(), Some(Frame::Para(_))) => {
                            if let Some(Frame::Para(p)) = frames.pop() {
                                self.finish_para(p, which, note.as_ref(), &mut frames);
                            }
                        }
                        b"tr" if matches!(frames.last(), Some(Frame::Row(_))) => {
                            if let Some(Frame::Row(row)) = frames.pop() {
                                let slot = row.slot;
                                let mut line = row.line();
                                line.note.clone_from(&note);
                                self.fill(slot, line);
                            }
                        }
                        b"footnote" => note = None,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        for line in std::mem::take(&mut self.slots).into_iter().flatten() {
            self.push_line(line);
        }
        Ok(())
    }

    fn slot(&mut self) -> usize {
        self.slots.push(None);
        self.slots.len() - 1
    }

    fn fill(&mut self, slot: usize, line: Line) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = Some(line);
        }
    }

    /// A finished paragraph: numbering written in front, then its line goes into its slot, or
    /// into the table cell that holds it.
    fn finish_para(&mut self, mut p: Para, which: Part, note: Option<&String>, frames: &mut [Frame]) {
        // Automatic numbering, as Word shows it: "I. ", "1.2. ", "a) ".
        if which == Part::Body {
            if let Some((id, l)) = p.num.clone().filter(|(id, _)| id != "0") {
                if let Some(label) = self.numbers.label(&mut self.counters, &id, l) {
                    let mut line = Line::default();
                    line.push(&format!("{label} "), Origin::Other);
                    line.append(std::mem::take(&mut p.line));
                    p.line = line;
                }
            }
        }
        let heading = p.outline.or_else(|| p.style.as_ref().and_then(|s| self.styles.get(s).copied())).unwrap_or(0);
        p.line.hint = LineHint { heading, list: p.num.is_some() && heading == 0 };
        p.line.note = note.cloned();
        match (p.slot, frames.last_mut()) {
            (Some(slot), _) => self.fill(slot, p.line),
            // A paragraph of a cell: the cell's text, its paragraphs joined by a space.
            (None, Some(Frame::Row(row))) => {
                if let Some(cell) = row.cells.last_mut() {
                    if cell.line.chars > 0 {
                        cell.line.push(" ", Origin::Other);
                    }
                    cell.line.append(p.line);
                }
            }
            (None, _) => {}
        }
    }

    fn push_line(&mut self, line: Line) {
        // In a footnote, the reference mark itself is a run without text: skip empty lines.
        if line.note.is_some() && !line.text.trim().chars().any(|c| !c.is_numeric() && !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)) {
            return;
        }
        let out = &mut *self.out;
        if !out.hints.is_empty() {
            out.text.push('\n');
        }
        // A paragraph's own line breaks would shift every later line number.
        out.text.push_str(&line.text.replace(['\n', '\r'], " "));
        out.hints.push(line.hint);
        out.pieces.push(line.pieces);
        out.note_of_line.push(line.note);
    }
}
