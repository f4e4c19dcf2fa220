//! Blocks of a report: headings, paragraphs, list items, footnotes and table rows, with their
//! section path and role. Hard wraps and page breaks are joined back into paragraphs; footnote
//! markers are linked to their text. Block text maps back to offsets of the source text.

mod footnote;
mod roles;
mod table;

use crate::grammar::{self, Kind};
pub use crate::model::{PeriodKind, Role};
pub use table::{is_previous, strip_translation, Against, Assessment, Cell, Column, DecimalMark, Form, Meaning, Measure, Row, Table, Value, ValueKind};
use crate::source::Source;
use crate::text::lower;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Footnote,
    TableRow,
}

/// A run of block text and the source-text range it stands for. Verbatim runs map byte for
/// byte; a rewritten run (`m<sup>3</sup>` read as `m³`) maps as a whole.
#[derive(Debug, Clone, Copy)]
struct Piece {
    block: usize,
    start: usize,
    end: usize,
    verbatim: bool,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub role: Role,
    /// Labels of the enclosing headings: "I > 1 > e".
    pub section: String,
    /// The text soi reads: wraps joined with a space, footnote markers and markup removed.
    pub text: String,
    /// `text` lowercased character by character (same byte offsets), for matching.
    pub lower: String,
    pieces: Vec<Piece>,
    /// Footnote markers in this block: (offset in `text`, label).
    pub markers: Vec<(usize, String)>,
    /// For a footnote: its label; the block it belongs to is found through `markers`.
    pub footnote: Option<String>,
    /// For a footnote: the block whose marker points at it.
    pub parent: Option<usize>,
}

impl Block {
    /// The source-text offset of a block offset. `end` picks the end of a rewritten run.
    pub fn source_offset(&self, offset: usize, end: bool) -> usize {
        let i = self.pieces.partition_point(|p| p.block <= offset).saturating_sub(1);
        let Some(p) = self.pieces.get(i) else { return 0 };
        if p.verbatim {
            (p.start + (offset - p.block)).min(p.end)
        } else if end && offset > p.block {
            p.end
        } else {
            p.start
        }
    }

    /// Source range of a block range, for a span that ends inside the block.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.source_offset(start, false);
        // The end maps from the last character, so a span never stretches over a joined wrap.
        let e = if end > start { self.source_offset(end, true) } else { s };
        (s, e.max(s))
    }
}

/// What the report says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub unit: Option<String>,
    pub period: Option<String>,
    pub year: Option<u16>,
}

/// A heading that opens a section: its block (text and role) and its label ("III", "2.1").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub block: usize,
    pub label: Option<String>,
}

impl Section {
    /// The heading's words after its label: "ĐÁNH GIÁ CHUNG" for "III. ĐÁNH GIÁ CHUNG".
    pub fn title<'a>(&self, blocks: &'a [Block]) -> &'a str {
        let text = blocks.get(self.block).map(|b| b.text.as_str()).unwrap_or("");
        match &self.label {
            Some(l) => text.strip_prefix(l.as_str()).map(|r| r.trim_start_matches(['.', ')', ' '])).unwrap_or(text),
            None => text,
        }
    }
}

#[derive(Debug)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// The headings, in order; `soi claims` lists them with the role each one gave.
    pub sections: Vec<Section>,
    pub meta: Meta,
    /// The tables read; each row is a `TableRow` block (`Row::block`).
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// A page number alone on its line: dropped, and it does not break a paragraph.
    PageNumber,
    Heading { rank: u8 },
    Bullet,
    Numbered,
    Footnote,
    Table,
    Text,
}

struct Line {
    start: usize,
    end: usize,
    kind: LineKind,
    label: Option<String>,
    /// Where the content starts after markers such as "#", "- ", "<sup>(1)</sup>".
    content: usize,
    chars: usize,
    /// A heading known only by its form (capitals, bold, a bullet and a colon), with the kind
    /// the line has when it turns out not to be one (the report's head, its signature).
    form: Option<LineKind>,
}

/// Heading ranks: a heading closes every open heading of the same or a deeper rank.
const RANK_PART: u8 = 0;
const RANK_LETTER: u8 = 1;
const RANK_ROMAN: u8 = 2;
const RANK_NUM: u8 = 3;
const RANK_ALPHA: u8 = 6;
const RANK_PLAIN: u8 = 7;

/// A numbered line longer than this is a list item, not a heading.
const HEADING_MAX_CHARS: usize = 130;
/// A bullet line ending in a colon longer than this is a list item, not a heading.
const BULLET_HEADING_MAX_CHARS: usize = 80;

pub fn layout(src: &Source) -> Layout {
    let text = &src.text;
    let mut lines = Vec::new();
    let mut pos = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let end = pos + raw.trim_end_matches(['\n', '\r']).len();
        lines.push(classify(text, pos, end, src.heading_hint(i)));
        pos += raw.len();
    }
    let wrap = wrap_width(&lines);
    let (mut found, table_owner) = table::find(text, &lines);
    let mut b = Builder { text, blocks: Vec::new(), sections: Vec::new(), stack: Vec::new(), open: None, open_note: None, started: false, closing: false };
    for (i, line) in lines.iter().enumerate() {
        if let Some(owner) = table_owner[i] {
            b.table_line(&mut found, owner, &lines);
            continue;
        }
        let open_heading = b.open.filter(|&o| b.blocks[o].kind == BlockKind::Heading && continues_heading(text, &b.blocks[o], line));
        let kind = match line.form {
            Some(fallback) if open_heading.is_none() && !b.takes_form_heading(line, wrap) => fallback,
            _ => line.kind,
        };
        match kind {
            LineKind::Blank | LineKind::PageNumber => {}
            LineKind::Heading { rank } => {
                let next_continues = next_text(&lines, i).is_some_and(|n| starts_lower(text, n));
                if wrap.is_some_and(|w| line.chars + 8 >= w) && next_continues && !is_upper(&text[line.content..line.end]) {
                    // A numbered paragraph that the PDF wrapped: not a heading.
                    b.start(BlockKind::ListItem, line);
                } else if let Some(open) = open_heading {
                    b.append(open, line.start, line.end);
                    b.retitle(open);
                } else {
                    b.heading(rank, line);
                }
            }
            LineKind::Footnote => {
                let idx = b.start(BlockKind::Footnote, line);
                b.open_note = Some(idx);
            }
            LineKind::Bullet | LineKind::Numbered => {
                b.start(BlockKind::ListItem, line);
            }
            LineKind::Table => {
                b.start(BlockKind::TableRow, line);
                b.open = None;
            }
            LineKind::Text => {
                if let Some(open) = open_heading {
                    b.append(open, line.start, line.end);
                    b.retitle(open);
                    continue;
                }
                let target = b.continuation(line, wrap, lines.get(i.wrapping_sub(1)));
                match target {
                    Some(t) => b.append(t, line.start, line.end),
                    None => {
                        b.start(BlockKind::Paragraph, line);
                    }
                }
            }
        }
    }
    let (mut blocks, sections) = (b.blocks, b.sections);
    for block in &mut blocks {
        block.lower = lower(&block.text);
    }
    footnote::link_footnotes(&mut blocks);
    let meta = read_meta(src, &blocks);
    Layout { blocks, sections, meta, tables: found.into_iter().map(|f| f.table).collect() }
}

fn next_text(lines: &[Line], i: usize) -> Option<&Line> {
    lines[i + 1..].iter().find(|l| !matches!(l.kind, LineKind::Blank | LineKind::PageNumber))
}

fn starts_lower(text: &str, line: &Line) -> bool {
    text[line.content..line.end].chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || "(,;%".contains(c))
}

fn is_upper(s: &str) -> bool {
    let (mut n, mut up) = (0, 0);
    for c in s.chars().filter(|&c| crate::text::is_letter(c)) {
        n += 1;
        up += crate::text::is_upper_char(c) as usize;
        // More small letters than a tenth of all the line could hold: prose, not capitals.
        if (n - up) * 10 > s.len() {
            return false;
        }
    }
    n > 0 && up * 10 >= n * 9
}

/// An all-caps heading wrapped onto the next line ("… NĂM" / "2022 CỦA CHÍNH PHỦ", "… KINH TẾ"
/// / "XÃ HỘI, …"). A line that names a section role by itself starts a heading of its own.
fn continues_heading(text: &str, open: &Block, line: &Line) -> bool {
    let body = &text[line.content..line.end];
    // The costly tests last.
    let caps_form = || {
        let form = match line.kind {
            LineKind::Heading { .. } => line.form.is_some() && line.label.is_none(),
            LineKind::Text => !has_figure(body),
            _ => false,
        };
        form && roles::role_of(body).is_none()
    };
    matches!(line.kind, LineKind::Heading { .. } | LineKind::Text)
        && !open.text.trim_end().ends_with(['.', ':'])
        && is_upper(body)
        && is_upper(&open.text)
        && (body.chars().next().is_some_and(|c| c.is_ascii_digit()) || caps_form())
}

/// A short line in capitals that is not a figure: "ĐÁNH GIÁ CHUNG", "NHIỆM VỤ, GIẢI PHÁP NĂM
/// 2025".
fn caps_heading(s: &str) -> bool {
    if !is_upper(s) || s.chars().count() > HEADING_MAX_CHARS {
        return false;
    }
    let words = s.split_whitespace().filter(|w| w.chars().any(crate::text::is_letter)).count();
    let letters = s.chars().filter(|c| crate::text::is_letter(*c)).count();
    words >= 2 && letters >= 6 && !has_figure(s)
}

/// "Đánh giá chung:" after a bullet: a short label of what follows, with no figure in it.
fn bullet_heading(s: &str) -> bool {
    let s = s.trim_end().trim_end_matches(['*', '_']);
    s.ends_with(':') && s.chars().count() <= BULLET_HEADING_MAX_CHARS && s.chars().any(crate::text::is_letter) && !has_figure(s)
}

/// Whether a line states a figure (a period such as "năm 2025" is not one).
fn has_figure(s: &str) -> bool {
    grammar::tokens(&lower(s)).iter().any(|t| matches!(t.kind, Kind::Figure(_)))
}

/// The width a PDF conversion wrapped lines at, when most lines stop near it.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut widths: Vec<usize> =
        lines.iter().filter(|l| !matches!(l.kind, LineKind::Blank | LineKind::PageNumber)).map(|l| l.chars).collect();
    if widths.len() < 10 {
        return None;
    }
    widths.sort_unstable();
    let w = widths[widths.len() * 9 / 10];
    let near = widths.iter().filter(|&&x| x + 20 >= w).count();
    (w <= 120 && near * 10 >= widths.len() * 4).then_some(w)
}

/// `heading_hint`: a heading level known from outside the text (a Word paragraph style).
fn classify(text: &str, start: usize, end: usize, heading_hint: usize) -> Line {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let chars = body.chars().count();
    let mut line = Line { start, end, kind: LineKind::Text, label: None, content: start + lead, chars, form: None };
    // Empty, or an HTML comment (soi's own suppression directives among them).
    if body.is_empty() || (body.starts_with("<!--") && body.ends_with("-->")) {
        line.kind = LineKind::Blank;
        return line;
    }
    if body.chars().all(|c| c.is_ascii_digit()) && body.len() <= 3 {
        line.kind = LineKind::PageNumber;
        return line;
    }
    if body.starts_with('|') {
        line.kind = LineKind::Table;
        line.content = start + lead + 1;
        return line;
    }
    // Markdown heading marks and emphasis around the whole line.
    let marks = body.chars().take_while(|&c| c == '#').count();
    let after_hash = body[marks..].trim_start();
    let hashes = if marks == 0 { heading_hint } else { marks };
    let bold = hashes == 0 && body.starts_with("**") && body.trim_end_matches(['*', ' ']).len() > 2 && body.trim_end().ends_with("**");
    let plain = after_hash.trim_start_matches(['*', '_']).trim_start();
    let offset_of = |s: &str| start + lead + (body.len() - s.len());
    if let Some((label, rest)) = footnote_label(plain) {
        line.kind = LineKind::Footnote;
        line.label = Some(label);
        line.content = offset_of(rest);
        return line;
    }
    // "* " is a Markdown bullet before it is emphasis.
    let bullet = if after_hash.starts_with("* ") && hashes == 0 { Some(after_hash) } else { Some(plain).filter(|p| p.starts_with("- ") || p.starts_with("+ ") || p.starts_with("• ")) };
    if let Some(bullet) = bullet {
        let rest = bullet[1..].trim_start();
        line.kind = LineKind::Bullet;
        line.content = offset_of(rest);
        if hashes == 0 && bullet_heading(rest) {
            line.kind = LineKind::Heading { rank: RANK_PLAIN };
            line.form = Some(LineKind::Bullet);
        }
        return line;
    }
    // A heading without a label sits under the open ones, except a line in capitals, which
    // stands where the roman sections do ("ĐÁNH GIÁ CHUNG" after "IV.").
    let form_rank = || if is_upper(plain) { RANK_ROMAN } else { RANK_PLAIN };
    let (rank, label) = match heading_label(plain) {
        Some((rank, label)) => (Some(rank), Some(label)),
        None if hashes > 0 => (Some(RANK_PLAIN.min(hashes as u8)), None),
        None if bold || caps_heading(plain) => {
            line.form = Some(LineKind::Text);
            (Some(form_rank()), None)
        }
        None => (None, None),
    };
    line.content = offset_of(after_hash);
    if let Some(rank) = rank {
        if chars <= HEADING_MAX_CHARS || hashes > 0 || bold {
            line.kind = LineKind::Heading { rank };
            line.label = label;
        } else if label.is_some() {
            // "b) Lâm nghiệp: Công tác …": a long labelled paragraph still opens its section.
            line.kind = LineKind::Numbered;
            line.label = label;
        }
    }
    line
}

const PART: &str = "phần thứ";

/// "Phần thứ nhất", "A.", "IV.", "1.", "1.1.", "a)", "a).", "đ)" at the start of a line.
fn heading_label(s: &str) -> Option<(u8, String)> {
    // `lower` keeps each character's length: the line's first eight characters are enough.
    let head = s.char_indices().nth(PART.chars().count()).map_or(s, |(i, _)| &s[..i]);
    if lower(head).starts_with(PART) {
        return Some((RANK_PART, String::new()));
    }
    let token = &s[..s.find(char::is_whitespace).unwrap_or(s.len())];
    let t = token.trim_end_matches(['*', '_']);
    let rest_ok = s.len() > token.len();
    if !rest_ok {
        return None;
    }
    // Roman numerals before single letters: "I." is a roman one.
    if let Some(r) = t.strip_suffix('.') {
        if !r.is_empty() && r.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
            return Some((RANK_ROMAN, r.to_owned()));
        }
        if r.len() == 1 && r.chars().all(|c| c.is_ascii_uppercase()) {
            return Some((RANK_LETTER, r.to_owned()));
        }
        let parts: Vec<&str> = r.split('.').collect();
        if parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit())) {
            return Some((RANK_NUM + (parts.len() as u8 - 1).min(2), r.to_owned()));
        }
    }
    // "1.1 Thương mại" without the final dot.
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit())) {
        return Some((RANK_NUM + (parts.len() as u8 - 1).min(2), t.to_owned()));
    }
    let alpha = t.strip_suffix(").").or_else(|| t.strip_suffix(')'))?;
    let mut cs = alpha.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if c.is_lowercase() && c.is_alphabetic() => Some((RANK_ALPHA, c.to_string())),
        _ => None,
    }
}

/// "[1: text", "<sup>(1)</sup> text", "¹ text": a footnote's own text starts here.
fn footnote_label(s: &str) -> Option<(String, &str)> {
    if let Some(rest) = s.strip_prefix("<sup>") {
        let close = rest.find("</sup>")?;
        let label = rest[..close].trim_matches(['(', ')', ' ']);
        if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit()) {
            return Some((label.to_owned(), rest[close + 6..].trim_start()));
        }
        return None;
    }
    let sup: String = s.chars().take_while(|c| superscript_digit(*c).is_some()).collect();
    if !sup.is_empty() {
        let rest = &s[sup.len()..];
        if rest.starts_with(' ') {
            let label: String = sup.chars().filter_map(superscript_digit).collect();
            return Some((label, rest.trim_start()));
        }
    }
    if let Some(rest) = s.strip_prefix('[') {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() && rest[digits.len()..].starts_with(':') {
            return Some((digits.clone(), rest[digits.len() + 1..].trim_start()));
        }
    }
    None
}

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴'..='⁹' => char::from_digit(c as u32 - '⁰' as u32, 10)?,
        _ => return None,
    })
}

struct Heading {
    rank: u8,
    label: Option<String>,
    role: Option<Role>,
}

struct Builder<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    sections: Vec<Section>,
    stack: Vec<Heading>,
    /// The paragraph or list item that a continuation line would join.
    open: Option<usize>,
    open_note: Option<usize>,
    /// A numbered (or Markdown, or Word-styled) heading was seen: the report's head is over.
    started: bool,
    /// The signature was reached ("Nơi nhận", "TM. ỦY BAN NHÂN DÂN"): no more sections.
    closing: bool,
}

impl Builder<'_> {
    fn section(&self) -> String {
        self.stack.iter().filter_map(|h| h.label.as_deref()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" > ")
    }

    /// The innermost heading's role, except that everything under a tasks part is tasks.
    fn role(&self) -> Role {
        if self.stack.iter().any(|h| h.role == Some(Role::Tasks)) {
            return Role::Tasks;
        }
        self.stack.iter().rev().find_map(|h| h.role).unwrap_or(Role::Body)
    }

    /// Whether a line that looks like a heading opens a section. Before the first numbered
    /// heading only one that names a role does: the rest is the report's head (unit, title).
    fn takes_form_heading(&mut self, line: &Line, wrap: Option<usize>) -> bool {
        let heading = &self.text[line.content..line.end];
        if roles::is_header_line(heading) {
            self.closing |= self.started;
            return false;
        }
        // A bullet line as long as the wrap width may go on below.
        let wrapped = line.form == Some(LineKind::Bullet) && wrap.is_some_and(|w| line.chars + 20 >= w);
        !self.closing && !wrapped && (self.started || roles::role_of(heading).is_some())
    }

    fn heading(&mut self, rank: u8, line: &Line) {
        while self.stack.last().is_some_and(|h| h.rank >= rank) {
            self.stack.pop();
        }
        self.started |= line.form.is_none();
        let role = roles::role_of(&self.text[line.content..line.end]);
        self.stack.push(Heading { rank, label: line.label.clone(), role });
        let idx = self.start(BlockKind::Heading, line);
        self.sections.push(Section { block: idx, label: line.label.clone().filter(|l| !l.is_empty()) });
        self.open = Some(idx);
    }

    /// Re-reads the role of a heading that grew by a wrapped line.
    fn retitle(&mut self, idx: usize) {
        let role = roles::role_of(&self.blocks[idx].text);
        if let Some(h) = self.stack.last_mut() {
            h.role = role.or(h.role);
        }
        self.blocks[idx].role = self.role();
    }

    fn start(&mut self, kind: BlockKind, line: &Line) -> usize {
        if kind == BlockKind::ListItem && line.label.is_some() {
            // A long labelled paragraph ("b) Lâm nghiệp: …") opens its section too.
            if let Some((rank, _)) = heading_label(&self.text[line.content..line.end]) {
                if rank == RANK_ALPHA {
                    while self.stack.last().is_some_and(|h| h.rank >= rank) {
                        self.stack.pop();
                    }
                    self.stack.push(Heading { rank, label: line.label.clone(), role: None });
                }
            }
        }
        let role = if kind == BlockKind::Footnote { Role::Footnote } else { self.role() };
        let footnote = if kind == BlockKind::Footnote { line.label.clone() } else { None };
        self.blocks.push(Block {
            kind,
            role,
            section: self.section(),
            text: String::new(),
            lower: String::new(),
            pieces: Vec::new(),
            markers: Vec::new(),
            footnote,
            parent: None,
        });
        let idx = self.blocks.len() - 1;
        self.append(idx, line.content, line.end);
        if kind != BlockKind::Footnote {
            self.open = Some(idx);
        }
        idx
    }

    /// Which open block a text line continues, if any.
    fn continuation(&mut self, line: &Line, wrap: Option<usize>, prev: Option<&Line>) -> Option<usize> {
        let lower_start = starts_lower(self.text, line);
        let unterminated = |b: &Block| !b.text.trim_end().ends_with(['.', '!', '?', ':']) || b.text.trim_end().ends_with("...");
        let long_prev = |b: &Block| wrap.is_some_and(|w| prev.is_some_and(|p| p.chars + 20 >= w)) && !b.text.trim_end().ends_with(['.', '!', '?']);
        if let Some(o) = self.open {
            let b = &self.blocks[o];
            if b.kind != BlockKind::Heading && ((lower_start && unterminated(b)) || long_prev(b)) {
                return Some(o);
            }
        }
        if let Some(n) = self.open_note.take() {
            if lower_start && unterminated(&self.blocks[n]) {
                self.open_note = Some(n);
                return Some(n);
            }
        }
        None
    }

    /// Appends source text `start..end` to a block: markers out, markup out, wraps joined.
    fn append(&mut self, idx: usize, start: usize, end: usize) {
        let text = self.text;
        let mut notes: Vec<(String, usize, usize)> = Vec::new();
        {
            let block = &mut self.blocks[idx];
            if !block.text.is_empty() {
                let at = block.pieces.last().map(|p| p.end).unwrap_or(start);
                block.pieces.push(Piece { block: block.text.len(), start: at, end: at, verbatim: false });
                block.text.push(' ');
            }
            let s = &text[start..end];
            let mut i = 0;
            let mut run = 0; // start of the current verbatim run, relative to `start`
            let flush = |block: &mut Block, from: usize, to: usize| {
                if to > from {
                    block.pieces.push(Piece { block: block.text.len(), start: start + from, end: start + to, verbatim: true });
                    block.text.push_str(&s[from..to]);
                }
            };
            while i < s.len() {
                // Markup starts only at these bytes ("[", "<", "*", "\\", and the first byte of
                // the superscript digits ¹²³ and ⁰⁴-⁹): skip to the next one.
                match s.as_bytes()[i..].iter().position(|b| matches!(b, b'[' | b'<' | b'*' | b'\\' | 0xC2 | 0xE2)) {
                    Some(p) => i += p,
                    None => break,
                }
                let rest = &s[i..];
                let c = rest.chars().next().unwrap_or(' ');
                // [footnoteRef:N]
                if let Some(r) = rest.strip_prefix("[footnoteRef:") {
                    if let Some(close) = r.find(']') {
                        flush(block, run, i);
                        block.markers.push((block.text.len(), r[..close].trim().to_owned()));
                        i += "[footnoteRef:".len() + close + 1;
                        run = i;
                        continue;
                    }
                }
                // [N: footnote text] inside a paragraph line
                if i > 0 && c == '[' {
                    if let Some((label, body)) = footnote_label(rest) {
                        let body_at = i + (rest.len() - body.len());
                        let close = matching_bracket(&s[i..]).map(|e| i + e).unwrap_or(s.len());
                        flush(block, run, i);
                        notes.push((label, start + body_at, start + close.max(body_at)));
                        i = (close + 1).min(s.len());
                        run = i;
                        continue;
                    }
                }
                // <sup>…</sup>: a unit exponent after "m", otherwise a footnote marker.
                if let Some(r) = rest.strip_prefix("<sup>") {
                    if let Some(close) = r.find("</sup>") {
                        let inner = &r[..close];
                        let whole = 5 + close + 6;
                        flush(block, run, i);
                        let after_m = s[..i].ends_with('m');
                        let exp = match inner.trim() {
                            "2" if after_m => Some("²"),
                            "3" if after_m => Some("³"),
                            _ => None,
                        };
                        if let Some(e) = exp {
                            block.pieces.push(Piece { block: block.text.len(), start: start + i, end: start + i + whole, verbatim: false });
                            block.text.push_str(e);
                        } else {
                            let label = inner.trim_matches(['(', ')', ' ']);
                            if label.chars().all(|c| c.is_ascii_digit()) && !label.is_empty() {
                                block.markers.push((block.text.len(), label.to_owned()));
                            } else {
                                flush(block, 5 + i, 5 + i + close);
                            }
                        }
                        i += whole;
                        run = i;
                        continue;
                    }
                }
                // ¹ ²⁴ markers (but m² and m³ are units)
                if superscript_digit(c).is_some() {
                    let sup: String = rest.chars().take_while(|c| superscript_digit(*c).is_some()).collect();
                    let unit = s[..i].ends_with('m') && sup.chars().count() == 1 && (sup == "²" || sup == "³");
                    if !unit {
                        flush(block, run, i);
                        block.markers.push((block.text.len(), sup.chars().filter_map(superscript_digit).collect()));
                        i += sup.len();
                        run = i;
                        continue;
                    }
                }
                // Markdown emphasis and escapes carry no meaning here.
                if c == '*' || (c == '\\' && rest[1..].starts_with(|n: char| n.is_ascii_punctuation())) {
                    flush(block, run, i);
                    i += 1;
                    run = i;
                    continue;
                }
                i += c.len_utf8();
            }
            flush(block, run, s.len());
            // Trailing spaces would make a join look like two spaces.
            let trimmed = block.text.trim_end().len();
            block.text.truncate(trimmed);
            while block.pieces.last().is_some_and(|p| p.block >= block.text.len() && !block.text.is_empty()) {
                block.pieces.pop();
            }
        }
        let section = self.blocks[idx].section.clone();
        for (label, s, e) in notes {
            self.blocks.push(Block {
                kind: BlockKind::Footnote,
                role: Role::Footnote,
                section: section.clone(),
                text: String::new(),
                lower: String::new(),
                pieces: Vec::new(),
                markers: Vec::new(),
                footnote: Some(label),
                parent: None,
            });
            let n = self.blocks.len() - 1;
            self.append(n, s, e);
        }
    }
}

fn matching_bracket(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The issuing unit ("ỦY BAN NHÂN DÂN / THÀNH PHỐ LAI CHÂU") and the period of the report,
/// read from its head: the title after "BÁO CÁO", or failing that the first heading with one.
fn read_meta(src: &Source, blocks: &[Block]) -> Meta {
    let mut meta = Meta::default();
    let head: Vec<&Block> = blocks.iter().take(40).collect();
    for (i, b) in head.iter().enumerate() {
        let l = lower(&b.text);
        if l.starts_with("ủy ban nhân dân") || l.starts_with("uỷ ban nhân dân") {
            let place = head.get(i + 1).map(|n| n.text.trim()).filter(|t| is_upper(t) && !lower(t).starts_with("cộng hòa") && !lower(t).starts_with("cộng hoà"));
            meta.unit = Some(match place {
                Some(p) if l.trim() == "ủy ban nhân dân" || l.trim() == "uỷ ban nhân dân" => format!("{} {}", b.text.trim(), p),
                _ => b.text.trim().to_owned(),
            });
            break;
        }
    }
    if meta.unit.is_none() {
        meta.unit = find_unit_phrase(&src.text);
    }
    let title_at = head.iter().position(|b| lower(&b.text).trim() == "báo cáo");
    let candidates: Vec<&Block> = match title_at {
        Some(t) => head[t + 1..].iter().take(2).copied().collect(),
        None => blocks.iter().filter(|b| b.kind == BlockKind::Heading).take(6).collect(),
    };
    for b in candidates {
        let l = lower(&b.text);
        let toks = grammar::tokens(&l);
        let periods: Vec<grammar::Period> = toks.iter().filter_map(|t| if let Kind::Period(p) = t.kind { Some(p) } else { None }).collect();
        let year = periods.iter().find_map(|p| p.year).or_else(|| {
            toks.iter().find_map(|t| match t.kind {
                Kind::Figure(n) if (1990..2100).contains(&n.value.trunc().to_string().parse::<u32>().unwrap_or(0)) => n.value.to_string().parse().ok(),
                _ => None,
            })
        });
        let first = periods.iter().find(|p| !matches!(p.kind, PeriodKind::YearRange));
        if let Some(p) = first {
            let y = p.year.or(year);
            // A bare year ("Nghị quyết 01/NQ-CP năm 2022") gives way to a month or quarter of
            // the same year in a later heading ("tháng 7 năm 2022").
            if meta.period.is_some() && (p.kind == PeriodKind::Year || y != meta.year) {
                continue;
            }
            meta.year = y;
            meta.period = Some(describe(p.kind, y));
            if p.kind != PeriodKind::Year {
                break;
            }
        }
    }
    meta
}

/// "UBND thành phố Lai Châu" where the report names its issuer in the text: the first mention
/// followed by a proper name (capitalised words).
fn find_unit_phrase(text: &str) -> Option<String> {
    const KEYS: [&str; 10] = [
        "UBND tỉnh ", "UBND thành phố ", "UBND huyện ", "UBND thị xã ", "Ủy ban nhân dân tỉnh ", "Ủy ban nhân dân thành phố ",
        "Ủy ban nhân dân huyện ", "Uỷ ban nhân dân tỉnh ", "Uỷ ban nhân dân thành phố ", "Uỷ ban nhân dân huyện ",
    ];
    // One pass over the text, not one per key: every key starts with "U" or "Ủ" (first byte
    // 0xE1), and no two match at one place, so the first mention is the first place where a
    // key is followed by a name.
    let bytes = text.as_bytes();
    for at in (0..bytes.len()).filter(|&i| matches!(bytes[i], b'U' | 0xE1)) {
        let Some(key) = KEYS.into_iter().find(|k| text[at..].starts_with(k)) else { continue };
        let rest = &text[at + key.len()..];
        // Capitalised words, up to the first that ends a phrase ("Lai Châu./.").
        let mut name: Vec<&str> = Vec::new();
        for w in rest.split_whitespace().take(3) {
            if !w.chars().next().is_some_and(|c| c.is_uppercase()) {
                break;
            }
            let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            name.push(bare);
            if bare.len() < w.len() {
                break;
            }
        }
        if name.is_empty() {
            continue;
        }
        return Some(format!("{key}{}", name.join(" ")));
    }
    None
}

/// A period as people write it: "9 tháng đầu năm 2023", "tháng 5/2024", "quý III/2024".
pub fn describe(kind: PeriodKind, year: Option<u16>) -> String {
    let y = |sep: &str| year.map(|y| format!("{sep}{y}")).unwrap_or_default();
    match kind {
        PeriodKind::Months { count, last: false } => format!("{count} tháng đầu năm{}", y(" ")),
        PeriodKind::Months { count, last: true } => format!("{count} tháng cuối năm{}", y(" ")),
        PeriodKind::Month(m) => format!("tháng {m}{}", y("/")),
        PeriodKind::Quarter(q) => format!("quý {}{}", ["I", "II", "III", "IV"].get(q.saturating_sub(1) as usize).unwrap_or(&"?"), y("/")),
        PeriodKind::Year | PeriodKind::YearRange => format!("năm{}", y(" ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lay(s: &str) -> Layout {
        layout(&Source::from_text(Path::new("t.md"), s.to_owned()))
    }

    #[test]
    fn headings_give_sections_and_roles() {
        let l = lay("Phần thứ nhất\nI. TÌNH HÌNH\n1. Về kinh tế\na) Thương mại\nDoanh thu đạt 5 tỷ đồng.\nV. ĐÁNH GIÁ CHUNG\n1. Những kết quả đạt được\n- Doanh thu đạt 5 tỷ đồng.\nPhần thứ hai\nNHIỆM VỤ TRỌNG TÂM\n1. Phấn đấu doanh thu đạt 6 tỷ đồng, tiếp tục triển khai đồng bộ các giải pháp phát triển thương mại, dịch vụ, du lịch trên toàn địa bàn thành phố.\n");
        let paras: Vec<(&str, &str, Role)> = l.blocks.iter().filter(|b| b.kind != BlockKind::Heading).map(|b| (b.text.as_str(), b.section.as_str(), b.role)).collect();
        assert_eq!(paras[0], ("Doanh thu đạt 5 tỷ đồng.", "I > 1 > a", Role::Body));
        assert_eq!(paras[1], ("Doanh thu đạt 5 tỷ đồng.", "V > 1", Role::Summary));
        assert_eq!(paras[2].2, Role::Tasks);
    }

    #[test]
    fn page_breaks_and_footnotes_mid_sentence_are_joined() {
        let l = lay("Tổng diện tích rừng bị cháy là 33\n\n¹ Nghị quyết số 17-NQ/TU.\n\nha¹. Công tác khác.\n");
        let para = l.blocks.iter().find(|b| b.kind == BlockKind::Paragraph).unwrap();
        assert_eq!(para.text, "Tổng diện tích rừng bị cháy là 33 ha. Công tác khác.");
        assert_eq!(para.markers, vec![(para.text.find(". Công").unwrap(), "1".to_owned())]);
        let note = l.blocks.iter().find(|b| b.kind == BlockKind::Footnote).unwrap();
        assert_eq!(note.text, "Nghị quyết số 17-NQ/TU.");
        assert_eq!(note.parent, Some(0));
    }

    #[test]
    fn inline_footnotes_are_cut_out_and_linked() {
        let l = lay("Thu đạt 5 tỷ đồng[footnoteRef:1]. [1:  Trong đó thu thuế 3 tỷ đồng.] \nCâu sau.\n");
        assert_eq!(l.blocks[0].text, "Thu đạt 5 tỷ đồng.");
        assert_eq!(l.blocks[1].text, "Trong đó thu thuế 3 tỷ đồng.");
        assert_eq!(l.blocks[1].role, Role::Footnote);
        assert_eq!(l.blocks[1].parent, Some(0));
        // Offsets still point into the source.
        let src = "Thu đạt 5 tỷ đồng[footnoteRef:1]. [1:  Trong đó thu thuế 3 tỷ đồng.] \nCâu sau.\n";
        let at = l.blocks[1].text.find('3').unwrap();
        assert_eq!(&src[l.blocks[1].source_offset(at, false)..][..1], "3");
    }

    #[test]
    fn sup_markup_becomes_units_or_markers() {
        let l = lay("Khai thác đá 47.800 m<sup>3</sup> trong năm<sup>(1)</sup>.\n\n<sup>(1)</sup> Ghi chú.\n");
        assert_eq!(l.blocks[0].text, "Khai thác đá 47.800 m³ trong năm.");
        assert_eq!(l.blocks[1].footnote.as_deref(), Some("1"));
        assert_eq!(l.blocks[1].parent, Some(0));
    }

    #[test]
    fn wrapped_capital_headings_join_and_the_head_is_no_section() {
        let l = lay("ỦY BAN NHÂN DÂN\nHUYỆN NAM SƠN\nBÁO CÁO\nPhần thứ nhất\n**ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH\nNĂM 2024**\nI. VỀ TRIỂN KHAI NGHỊ QUYẾT SỐ 01/NQ-CP NĂM\n2024 CỦA CHÍNH PHỦ\nDoanh thu đạt 5 tỷ đồng.\nNHIỆM VỤ NĂM 2025\n- Phấn đấu doanh thu đạt 6 tỷ đồng.\nNơi nhận:\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n");
        let sections: Vec<(&str, Role)> = l.sections.iter().map(|s| (s.title(&l.blocks), l.blocks[s.block].role)).collect();
        assert_eq!(
            sections,
            [
                ("Phần thứ nhất", Role::Body),
                ("ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2024", Role::Body),
                ("VỀ TRIỂN KHAI NGHỊ QUYẾT SỐ 01/NQ-CP NĂM 2024 CỦA CHÍNH PHỦ", Role::Body),
                ("NHIỆM VỤ NĂM 2025", Role::Tasks),
            ]
        );
        assert_eq!(l.meta.unit.as_deref(), Some("ỦY BAN NHÂN DÂN HUYỆN NAM SƠN"));
    }

    #[test]
    fn reads_unit_and_period() {
        let l = lay("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LAI CHÂU\nBÁO CÁO\nTình hình kinh tế - xã hội tháng 5; nhiệm vụ trọng tâm tháng 6 năm 2024\nI. KẾT QUẢ\n");
        assert_eq!(l.meta.unit.as_deref(), Some("ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"));
        assert_eq!(l.meta.period.as_deref(), Some("tháng 5/2024"));
        assert_eq!(l.meta.year, Some(2024));
    }

    #[test]
    fn the_first_named_unit_in_the_text_is_the_issuer() {
        // A key with no capitalised name after it is passed over; the earliest mention wins,
        // whichever key it is written with.
        let text = "Theo UBND tỉnh giao, Uỷ ban nhân dân huyện Tam Đường và UBND tỉnh Lai Châu./. đã họp.";
        assert_eq!(find_unit_phrase(text).as_deref(), Some("Uỷ ban nhân dân huyện Tam Đường"));
        assert_eq!(find_unit_phrase("Theo UBND tỉnh giao và UBND tỉnh Lai Châu./. đã họp.").as_deref(), Some("UBND tỉnh Lai Châu"));
        assert_eq!(find_unit_phrase("Ủy ban nhân dân xã A"), None);
    }
}
