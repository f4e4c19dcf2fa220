//! The part of a report a diagnostic shows. Reports put a whole paragraph (often 300+
//! characters, sometimes a whole PDF on one line) on a line, so, as rustc does for long
//! lines, each labelled line is shown as a window around its labels, cut with `…` and
//! fitted to the terminal; labels too far from the others on their line become notes.
//! Control characters of the report are shown escaped (`\u{1b}`), never sent to the terminal.

use std::borrow::Cow;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::checks::Span;
use crate::source::Source;
use crate::text::is_mark;

const ELLIPSIS: &str = "…";
/// How far (in characters) a cut edge may move to reach a space.
const SNAP: usize = 12;

/// A label to show: a span of the original text, its text, whether it is the primary one.
pub struct Label<'a> {
    pub span: Span,
    pub text: &'a str,
    pub primary: bool,
}

/// One shown line: which line of the file, where it sits in `Snippet::text`.
struct Shown {
    /// 1-based line of the file.
    line: usize,
    start: usize,
    end: usize,
}

/// The windows of one diagnostic, as a small text miette renders, with the labels moved
/// into it and line numbers and columns those of the file.
pub struct Snippet {
    name: String,
    text: String,
    shown: Vec<Shown>,
    /// Labels in `text`, with the 0-based column of each in the file (for the header).
    labels: Vec<(LabeledSpan, usize)>,
    /// Labels that did not fit in their line's window: (text, line, column).
    pub notes: Vec<(String, usize, usize)>,
}

impl Snippet {
    /// The windows for `labels` (the primary first) fitted to `width` terminal columns.
    pub fn new(src: &Source, name: &str, labels: &[Label], width: usize) -> Snippet {
        let mut lines: Vec<usize> = labels.iter().map(|l| l.span.start_loc.line).collect();
        lines.sort_unstable();
        lines.dedup();
        let gutter = lines.last().map(|l| l.to_string().len()).unwrap_or(1) + 4;
        // Room for the text between the gutter and the edge, ellipses included.
        let budget = width.saturating_sub(gutter + 2).max(24);
        let mut snippet = Snippet { name: escape(name).into_owned(), text: String::new(), shown: Vec::new(), labels: Vec::new(), notes: Vec::new() };
        for line in lines {
            let on_line: Vec<&Label> = labels.iter().filter(|l| l.span.start_loc.line == line).collect();
            snippet.add_line(src, line, &on_line, budget);
        }
        snippet
    }

    fn add_line(&mut self, src: &Source, line: usize, labels: &[&Label], budget: usize) {
        let text = src.line_text(line);
        let base = src.line_start(line);
        let line_end = base + text.len();
        // Byte ranges in the original, clamped to this line (a span running on is cut here).
        let range = |l: &Label| {
            let s = l.span.start.clamp(base, line_end);
            (s, l.span.end.clamp(s, line_end))
        };
        let anchor = labels.iter().position(|l| l.primary).unwrap_or(0);
        let (mut ws, mut we) = range(labels[anchor]);
        // A label wider than the window is cut to it.
        we = advance(text, base, ws, we, budget);
        let mut fitted = vec![false; labels.len()];
        fitted[anchor] = true;
        // Nearest labels first, while the window still fits.
        let mut order: Vec<usize> = (0..labels.len()).filter(|&i| i != anchor).collect();
        order.sort_by_key(|&i| labels[i].span.start.abs_diff(labels[anchor].span.start));
        for i in order {
            let (s, e) = range(labels[i]);
            let (ns, ne) = (ws.min(s), we.max(e));
            if width_of(&text[ns - base..ne - base]) <= budget {
                (ws, we) = (ns, ne);
                fitted[i] = true;
            } else {
                self.notes.push((escape(labels[i].text).into_owned(), line, labels[i].span.start_loc.column));
            }
        }
        // Widen to fill the budget, as evenly as the line allows on both sides.
        if width_of(text) <= budget {
            (ws, we) = (base, line_end);
        } else {
            let spare = budget.saturating_sub(width_of(&text[ws - base..we - base]));
            let left_room = width_of(&text[..ws - base]);
            let left = (spare / 2).max(spare.saturating_sub(width_of(&text[we - base..]))).min(left_room);
            ws = retreat(text, base, ws, left);
            let right = budget.saturating_sub(width_of(&text[ws - base..we - base]));
            we = advance(text, base, we, line_end, right);
        }
        // A cut edge moves to a word boundary nearby, so no word is shown half.
        let (first, last) = labels.iter().zip(&fitted).filter(|(_, f)| **f).fold((we, ws), |(a, b), (l, _)| {
            let (s, e) = range(l);
            (a.min(s), b.max(e))
        });
        if ws > base {
            if let Some(sp) = text[ws - base..first.max(ws) - base].char_indices().take(SNAP).find(|(_, c)| *c == ' ') {
                ws += sp.0 + 1;
            }
        }
        if we < line_end {
            let tail = &text[last.min(we) - base..we - base];
            if let Some((i, _)) = tail.char_indices().rev().take(SNAP).find(|(_, c)| *c == ' ') {
                we = last.min(we) + i;
            }
        }
        let cut_left = ws > base;
        let cut_right = we < line_end;
        // Where each label boundary lands in the shown text (a label cut by the window ends
        // at its edge).
        let clip = |l: &Label| {
            let (s, e) = range(l);
            let s = s.clamp(ws, we);
            (s, e.clamp(s, we))
        };
        let mut marks: Vec<usize> = labels.iter().zip(&fitted).filter(|(_, f)| **f).flat_map(|(l, _)| <[usize; 2]>::from(clip(l))).collect();
        marks.sort_unstable();
        marks.dedup();
        let start = self.text.len();
        if cut_left {
            self.text.push_str(ELLIPSIS);
        }
        let mut moved: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
        let mut next = 0;
        for (i, c) in text[ws - base..we - base].char_indices() {
            let at = ws + i;
            while next < marks.len() && marks[next] <= at {
                moved.push((marks[next], self.text.len()));
                next += 1;
            }
            push_escaped(&mut self.text, c);
        }
        for &m in &marks[next..] {
            moved.push((m, self.text.len()));
        }
        if cut_right {
            self.text.push_str(ELLIPSIS);
        }
        let end = self.text.len();
        self.text.push('\n');
        self.shown.push(Shown { line, start, end });
        let place = |o: usize| moved.iter().find(|(m, _)| *m == o).map(|(_, v)| *v).unwrap_or(end);
        for (l, _) in labels.iter().zip(&fitted).filter(|(_, f)| **f) {
            let (s, e) = clip(l);
            let (vs, ve) = (place(s), place(e));
            let label = escape(l.text).into_owned();
            let span = if l.primary {
                LabeledSpan::new_primary_with_span(Some(label), (vs, ve - vs))
            } else {
                LabeledSpan::new_with_span(Some(label), (vs, ve - vs))
            };
            self.labels.push((span, l.span.start_loc.column.saturating_sub(1)));
        }
    }

    /// The labels, placed in the shown text.
    pub fn labels(&self) -> impl Iterator<Item = LabeledSpan> + '_ {
        self.labels.iter().map(|(l, _)| l.clone())
    }
}

impl SourceCode for Snippet {
    /// The shown lines a span touches (context lines are not shown: in a report they are
    /// whole other paragraphs), numbered as in the file.
    fn read_span<'a>(&'a self, span: &SourceSpan, _before: usize, _after: usize) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (from, to) = (span.offset(), span.offset() + span.len());
        let first = self.shown.iter().position(|s| from <= s.end).ok_or(MietteError::OutOfBounds)?;
        let last = self.shown[first..].iter().position(|s| to <= s.end).map(|p| first + p).unwrap_or(self.shown.len() - 1);
        let (start, end) = (self.shown[first].start, self.shown[last].end);
        let column = self.labels.iter().find(|(l, _)| l.offset() == from).map(|(_, c)| *c).unwrap_or(0);
        let data = &self.text.as_bytes()[start..end];
        Ok(Box::new(
            MietteSpanContents::new_named(self.name.clone(), data, (start, end - start).into(), self.shown[first].line - 1, column, last - first + 1)
                .with_language("text"),
        ))
    }
}

/// Display width as a terminal counts it for report text: combining marks take no column.
fn width_of(s: &str) -> usize {
    s.chars().filter(|&c| !is_mark(c)).count()
}

/// The byte offset `cols` columns after `from`, not past `limit`.
fn advance(text: &str, base: usize, from: usize, limit: usize, cols: usize) -> usize {
    let mut n = 0;
    for (i, c) in text[from - base..limit - base].char_indices() {
        if !is_mark(c) {
            if n == cols {
                return from + i;
            }
            n += 1;
        }
    }
    limit
}

/// The byte offset `cols` columns before `from` (a letter's marks stay with it).
fn retreat(text: &str, base: usize, from: usize, cols: usize) -> usize {
    let mut n = 0;
    let mut at = from;
    for (i, c) in text[..from - base].char_indices().rev() {
        if is_mark(c) {
            continue;
        }
        if n == cols {
            break;
        }
        n += 1;
        at = base + i;
    }
    at
}

/// Whether a character must not reach a terminal as is: control characters (escape
/// sequences, line breaks inside a name) and the bidirectional overrides that reorder text.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if unsafe_char(c) => out.push_str(&c.escape_unicode().to_string()),
        c => out.push(c),
    }
}

/// Text from a report or a file name made safe to print: control characters shown as
/// `\n`, `\r` or `\u{1b}`.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(src: &Source, text: &str, nth: usize) -> Span {
        let start = src.original.match_indices(text).nth(nth).unwrap().0;
        let end = start + text.len();
        Span { start, end, start_loc: src.original_location(start), end_loc: src.original_location(end) }
    }

    #[test]
    fn long_line_gets_a_window_and_far_labels_become_notes() {
        let filler = "và các chỉ tiêu khác tiếp tục ổn định ".repeat(20);
        let line = format!("Thu 9.300 triệu đồng {filler} chi 31.000 triệu đồng, đạt 28% kế hoạch.\nDòng hai.\n");
        let src = Source::from_text(std::path::Path::new("r.txt"), line);
        let labels = [
            Label { span: span(&src, "28%", 0), text: "ghi 28%", primary: true },
            Label { span: span(&src, "31.000 triệu đồng", 0), text: "31.000 triệu đồng", primary: false },
            Label { span: span(&src, "9.300 triệu đồng", 0), text: "9.300 triệu đồng", primary: false },
        ];
        let snippet = Snippet::new(&src, "r.txt", &labels, 80);
        assert_eq!(snippet.text, "…chỉ tiêu khác tiếp tục ổn định  chi 31.000 triệu đồng, đạt 28% kế hoạch.\n");
        assert_eq!(snippet.notes, vec![("9.300 triệu đồng".to_owned(), 1, 5)]);
        let placed: Vec<&str> = snippet.labels().map(|l| &snippet.text[l.offset()..l.offset() + l.len()]).collect();
        assert_eq!(placed, ["28%", "31.000 triệu đồng"]);
    }

    #[test]
    fn escapes_controls_and_bidi_overrides() {
        assert_eq!(escape("a\u{1b}[31mb\nc\td\u{202e}"), "a\\u{1b}[31mb\\nc\td\\u{202e}");
        assert!(matches!(escape("Tổng thu 5 tỷ đồng"), Cow::Borrowed(_)));
    }
}
