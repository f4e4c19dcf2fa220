//! One document as the browser page shows it: its text cut at every marked range, the marks
//! (figures, and the places findings point at) with their status, and the relations and
//! findings that link marks together. Built from the same values as the JSON contracts
//! (`report::relations_json`), so the page and `--format json` cannot disagree.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::checks::{Finding, Outcome, Span, Status};
use crate::claims::FigRef;
use crate::document::Document;
use crate::rules::Level;

/// A document for the page script.
#[derive(Debug, Serialize)]
pub struct DocModel {
    pub file: String,
    /// The original text in order: plain pieces, and pieces covered by marks.
    pub parts: Vec<Part>,
    pub marks: Vec<Mark>,
    /// What the figures' claims are about; figures refer to them by index.
    pub claims: Vec<ClaimInfo>,
    pub relations: Vec<RelationModel>,
    /// For each finding of the document (in the order of the run's findings): its marks.
    pub findings: Vec<FindingMarks>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Part {
    Text(String),
    /// Text covered by marks, innermost (shortest) first: the first one owns a click.
    Marked { m: Vec<usize>, t: String },
}

/// How a mark is shown, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkStatus {
    Error,
    Warning,
    Info,
    /// An operand of a finding, or a figure of a relation that disagrees, not itself disputed.
    Related,
    /// Checked by at least one relation, which agrees (within rounding).
    Agrees,
    Unchecked,
}

#[derive(Debug, Serialize)]
pub struct Mark {
    pub status: MarkStatus,
    /// The marked text as written in the file.
    pub text: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<FigureInfo>,
    /// Findings (indices into `DocModel::findings`) that dispute this place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<usize>,
    /// Findings that name this place as an operand.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<usize>,
    /// Relations (indices into `DocModel::relations`) that bind this figure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<usize>,
    #[serde(skip)]
    start: usize,
    #[serde(skip)]
    end: usize,
}

/// What was read about a figure, as `soi claims` shows it.
#[derive(Debug, Serialize)]
pub struct FigureInfo {
    pub role: &'static str,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Index into `DocModel::claims`.
    pub claim: usize,
}

/// A claim's indicator and place, shared by its figures (a page of hundreds of reports stays
/// small enough to open at once).
#[derive(Debug, Serialize)]
pub struct ClaimInfo {
    pub indicator: String,
    pub section: String,
    pub part: &'static str,
}

/// A relation as `soi claims --relations --format json` prints it, plus its marks.
#[derive(Debug, Serialize)]
pub struct RelationModel {
    #[serde(flatten)]
    pub contract: Value,
    pub result_mark: usize,
    pub operand_marks: Vec<usize>,
    pub alternative_marks: Vec<Vec<usize>>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct FindingMarks {
    pub mark: usize,
    pub related: Vec<usize>,
}

/// Marks by their byte range in the original text; one mark per distinct range.
struct Marks<'a> {
    text: &'a str,
    doc: &'a Document,
    list: Vec<Mark>,
    by_range: HashMap<(usize, usize), usize>,
}

impl Marks<'_> {
    /// The mark of an original byte range, made when new. A range is widened to whole
    /// characters and to at least one, so every mark has text to click.
    fn at(&mut self, start: usize, end: usize) -> usize {
        let (start, end) = widen(self.text, start, end);
        if let Some(&m) = self.by_range.get(&(start, end)) {
            return m;
        }
        let at = self.doc.source.original_location(start);
        let id = self.list.len();
        self.list.push(Mark {
            status: MarkStatus::Unchecked,
            text: self.text.get(start..end).unwrap_or_default().to_owned(),
            line: at.line,
            column: at.column,
            figure: None,
            findings: Vec::new(),
            related: Vec::new(),
            relations: Vec::new(),
            start,
            end,
        });
        self.by_range.insert((start, end), id);
        id
    }

    fn span(&mut self, s: &Span) -> usize {
        self.at(s.start, s.end)
    }
}

/// A range on character boundaries of `text`, at least one character long when the text has
/// one (an empty range becomes the character at it, or the last one at the end).
fn widen(text: &str, start: usize, end: usize) -> (usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(text.len());
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let (mut s, mut e) = (floor(start), ceil(end.max(start)));
    if s == e {
        match text[s..].chars().next() {
            Some(c) => e = s + c.len_utf8(),
            None => s = text[..s].char_indices().next_back().map(|(i, _)| i).unwrap_or(s),
        }
    }
    (s, e)
}

/// The page model of a document: `findings` are the run's findings for it (configuration and
/// baseline applied), `outcomes` the relations' outcomes in the order of `doc.relations`.
pub fn build(doc: &Document, findings: &[Finding], outcomes: &[Outcome]) -> DocModel {
    let text = doc.source.original.as_str();
    let mut marks = Marks { text, doc, list: Vec::new(), by_range: HashMap::new() };
    let mut fig_mark: HashMap<FigRef, usize> = HashMap::new();
    for (ci, c) in doc.claims.claims.iter().enumerate() {
        for (fi, f) in c.figures.iter().enumerate() {
            let m = marks.at(doc.source.original_offset(f.start), doc.source.original_offset(f.end));
            fig_mark.insert((ci, fi), m);
            let mark = &mut marks.list[m];
            if mark.figure.is_none() {
                mark.figure = Some(FigureInfo {
                    role: f.role.as_str(),
                    value: f.value().to_string(),
                    unit: f.unit.as_ref().map(|u| u.text.clone()),
                    claim: ci,
                });
            }
        }
    }
    let of = |r: FigRef, marks: &mut Marks| match fig_mark.get(&r) {
        Some(&m) => m,
        None => {
            let f = doc.claims.figure(r);
            marks.at(doc.source.original_offset(f.start), doc.source.original_offset(f.end))
        }
    };
    let contracts = match crate::report::relations_json(doc, outcomes) {
        Value::Array(list) => list,
        _ => Vec::new(),
    };
    let mut relations = Vec::with_capacity(doc.relations.len());
    for (i, ((rel, outcome), contract)) in doc.relations.iter().zip(outcomes).zip(contracts).enumerate() {
        let result_mark = of(rel.result, &mut marks);
        let operand_marks: Vec<usize> = rel.operands.iter().map(|&r| of(r, &mut marks)).collect();
        let alternative_marks: Vec<Vec<usize>> = rel.alternatives.iter().map(|alt| alt.iter().map(|&r| of(r, &mut marks)).collect()).collect();
        let all = std::iter::once(result_mark).chain(operand_marks.iter().copied()).chain(alternative_marks.iter().flatten().copied());
        for m in all {
            let mark = &mut marks.list[m];
            if mark.relations.last() != Some(&i) {
                mark.relations.push(i);
            }
            let status = match outcome.status {
                Status::Agrees | Status::Rounding => MarkStatus::Agrees,
                Status::Mismatch => MarkStatus::Related,
                Status::Unchecked => MarkStatus::Unchecked,
            };
            mark.status = mark.status.min(status);
        }
        relations.push(RelationModel { contract, result_mark, operand_marks, alternative_marks });
    }
    let mut finding_marks = Vec::with_capacity(findings.len());
    for (i, f) in findings.iter().enumerate() {
        let mark = marks.span(&f.span);
        // A related place in another report is that report's (the page links it by location).
        let related: Vec<usize> = f.related.iter().filter(|r| r.file.is_none()).map(|r| marks.span(&r.span)).collect();
        let m = &mut marks.list[mark];
        m.findings.push(i);
        m.status = m.status.min(match f.severity {
            Level::Error => MarkStatus::Error,
            Level::Warning => MarkStatus::Warning,
            Level::Info => MarkStatus::Info,
        });
        for &r in &related {
            let m = &mut marks.list[r];
            if m.related.last() != Some(&i) {
                m.related.push(i);
            }
            m.status = m.status.min(MarkStatus::Related);
        }
        finding_marks.push(FindingMarks { mark, related });
    }
    let parts = segments(text, &marks.list);
    let claims = doc.claims.claims.iter().map(|c| ClaimInfo { indicator: c.indicator.clone(), section: c.section.clone(), part: c.role.as_str() }).collect();
    DocModel { file: doc.source.name(), parts, marks: marks.list, claims, relations, findings: finding_marks }
}

/// The text cut at every mark boundary. A piece lists the marks covering it, shortest first,
/// so nested and crossing ranges both keep all their text.
fn segments(text: &str, marks: &[Mark]) -> Vec<Part> {
    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).chain([0, text.len()]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut starts: Vec<usize> = (0..marks.len()).collect();
    starts.sort_by_key(|&m| marks[m].start);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&m| marks[m].end > a);
        while let Some(&m) = starts.get(next).filter(|&&m| marks[m].start <= a) {
            if marks[m].end > a {
                active.push(m);
            }
            next += 1;
        }
        let piece = display(text, a, b);
        if active.is_empty() {
            match out.last_mut() {
                Some(Part::Text(t)) => t.push_str(&piece),
                _ => out.push(Part::Text(piece)),
            }
        } else {
            let mut m = active.clone();
            m.sort_by_key(|&i| (marks[i].end - marks[i].start, i));
            out.push(Part::Marked { m, t: piece });
        }
    }
    out
}

/// A piece of the text for display: a CR that ends a line is dropped (a browser would show
/// it as a second line break).
fn display(text: &str, a: usize, b: usize) -> String {
    let piece = text.get(a..b).unwrap_or_default();
    if !piece.contains('\r') {
        return piece.to_owned();
    }
    let mut out = String::with_capacity(piece.len());
    for (i, c) in piece.char_indices() {
        if c == '\r' && text.as_bytes().get(a + i + 1) == Some(&b'\n') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize) -> Mark {
        Mark {
            status: MarkStatus::Unchecked,
            text: String::new(),
            line: 1,
            column: 1,
            figure: None,
            findings: Vec::new(),
            related: Vec::new(),
            relations: Vec::new(),
            start,
            end,
        }
    }

    fn t(s: &str) -> Part {
        Part::Text(s.to_owned())
    }

    fn m(ids: &[usize], s: &str) -> Part {
        Part::Marked { m: ids.to_vec(), t: s.to_owned() }
    }

    #[test]
    fn nested_and_crossing_marks_keep_every_character() {
        let text = "abcdefghij";
        // [2,6) holds [3,4); [5,8) crosses [2,6) and, shorter, comes first where they meet.
        let marks = [mark(2, 6), mark(3, 4), mark(5, 8)];
        assert_eq!(
            segments(text, &marks),
            vec![t("ab"), m(&[0], "c"), m(&[1, 0], "d"), m(&[0], "e"), m(&[2, 0], "f"), m(&[2], "gh"), t("ij")]
        );
    }

    #[test]
    fn line_ending_cr_is_dropped_from_display_only() {
        let text = "a\r\nb\rc";
        assert_eq!(segments(text, &[mark(3, 4)]), vec![t("a\n"), m(&[0], "b"), t("\rc")]);
    }

    #[test]
    fn empty_and_split_ranges_widen_to_whole_characters() {
        let text = "số 5";
        assert_eq!(widen(text, 1, 1), (1, 4)); // "ố" is three bytes
        assert_eq!(widen(text, 2, 2), (1, 4));
        assert_eq!(widen(text, 5, 5), (5, 6));
        assert_eq!(widen(text, 6, 6), (5, 6));
        assert_eq!(widen(text, 99, 99), (5, 6));
        assert_eq!(widen("", 0, 0), (0, 0));
    }
}
