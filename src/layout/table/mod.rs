//! Indicator tables: the semantic model (rows, columns and what they mean, totals, groups,
//! units, the decimal convention) and the reading of tables from their written forms: pipe
//! tables (Markdown, and .docx rows) and tables flattened to text by copy-paste or PDF
//! conversion. A table that cannot be rebuilt with confidence is not read at all: a table
//! misread would produce false alarms.
//!
//! Each row becomes a `TableRow` block of the layout, so claims and findings point into it;
//! every cell keeps its byte range in the source text.

mod forms;
mod header;
mod number;
mod yearbook;

use rust_decimal::Decimal;

use super::{Block, BlockKind, Builder, Line, LineKind};
use crate::lexicon::{has_word, lexicon};
use crate::model::Qualifier;
use crate::text::{lower, squash};
pub use header::{is_previous, Against, Meaning, ValueKind};
pub use number::DecimalMark;

/// How a table was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `| a | b |` lines (Markdown, and the rows of a .docx table).
    Pipe,
    /// Cells separated by tabs.
    Tabs,
    /// Cells separated by runs of two or more spaces (space-aligned columns).
    Spaces,
    /// Cells separated by single spaces; rows rebuilt from the count of numbers after a label.
    Words,
    /// One cell per line.
    CellPerLine,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub form: Form,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub decimal: DecimalMark,
    /// The unit stated for the whole table ("ĐVT: Tỷ đồng" above it).
    pub unit: Option<String>,
    /// The rows are periods ("2015", "Sơ bộ 2023") and the columns what is measured, as in
    /// statistical yearbooks.
    pub period_rows: bool,
    /// Rows of the table's region that could not be rebuilt and were left out: sums over the
    /// rows of such a table are incomplete.
    pub skipped: usize,
    /// Source byte range of the whole table, header included.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// The header as written, the lines of a multi-line header joined ("So sánh (%) KH").
    pub header: String,
    pub meaning: Meaning,
    /// The unit the header states ("Diện tích (ha)", "Sản lượng, tấn", "(%)").
    pub unit: Option<String>,
    /// The upper header the column stands under ("Dân số thành thị" over "Tổng", "Nam",
    /// "Nữ"; "Phân theo giới tính" over "Nam", "Nữ"), when the header had two levels.
    pub group: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The indicator, without its number ("Dân số trung bình (người)").
    pub label: String,
    /// The row number as written: "1", "1.1", "a", "-", "+", "II".
    pub number: Option<String>,
    /// Depth in the hierarchy: I < 1 < 1.1 < a < - < +; rows with no number are leaves.
    pub level: u8,
    /// The row this one belongs to (its group or parent indicator).
    pub parent: Option<usize>,
    /// "Tổng số", "Tổng cộng", "Cộng", "Toàn tỉnh", …
    pub total: bool,
    /// A row without figures that opens a group ("Phân theo giới tính", "Trong đó:").
    pub group: bool,
    /// For this indicator less is better (poverty rate, accidents): the lexicon says so.
    pub lower_is_better: bool,
    /// The row's unit: its ĐVT cell, a unit in its label ("(tỷ đồng)"), else None (see
    /// `Table::unit_of`).
    pub unit: Option<String>,
    /// When the table's rows are periods: the row's period ("năm 2015").
    pub period: Option<String>,
    /// What the row's figures measure: amounts, or an index, growth or share of other rows.
    pub measure: Measure,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// The layout block of the row.
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// The cell as written (trimmed, `<br>` read as a space).
    pub text: String,
    pub value: Value,
    /// Source byte range of the cell (empty at the row's end for a missing cell).
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing, or a placeholder ("-", "x", "…").
    Empty,
    /// A number with its written precision, in the table's decimal convention.
    Number(Decimal),
    /// A range, as plans are sometimes given: "7,5-8,0".
    Range(Decimal, Decimal),
    /// A bound, as plans are sometimes given: "≥ 95", "trên 95" (Above), "< 7,6", "dưới 3"
    /// (Below), "khoảng 4" (About).
    Bound(Qualifier, Decimal),
    Assessment(Assessment),
    /// A number the table's convention cannot decide (`1.234` in an ambiguous table).
    Ambiguous,
    Text,
}

/// What the figures of a row measure. Rows of an index, a growth or a share stand in a block
/// opened by a line naming it ("Chỉ số phát triển (Năm trước = 100) - %", "Cơ cấu (%)"), or
/// under a row whose own label names it ("Tốc độ tăng trưởng GRDP" and its sectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Amount,
    /// This period over the previous one × 100.
    Index,
    /// This period over the previous one − 1, in percent.
    Growth,
    /// A part of a whole, in percent.
    Share,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    Reached,
    NotReached,
    Exceeded,
}

impl Table {
    /// The unit of a cell: the row's, else the column header's, else the table's. A compare
    /// or share column is in percent whatever the row counts in.
    pub fn unit_of(&self, row: usize, col: usize) -> Option<&str> {
        let c = self.columns.get(col)?;
        match c.meaning {
            Meaning::Compare { .. } | Meaning::Share => return Some(c.unit.as_deref().unwrap_or("%")),
            // A column in percent ("Tỷ lệ hộ nghèo (%)") is in percent whatever the row counts.
            Meaning::Value { .. } if c.unit.as_deref() == Some("%") => return Some("%"),
            // An index, a growth or a share is in percent whatever its block counts.
            Meaning::Value { .. } if self.rows.get(row).is_some_and(|r| r.measure != Measure::Amount) => return Some("%"),
            Meaning::Value { .. } => {}
            _ => return None,
        }
        self.rows.get(row)?.unit.as_deref().or(c.unit.as_deref()).or(self.unit.as_deref())
    }

    /// The rows a row adds up: its children (a total at the top of its list has them all),
    /// or for a total row closing a list, the rows beside it at the list's top level.
    pub fn parts_of(&self, row: usize) -> Vec<usize> {
        let children: Vec<usize> = (0..self.rows.len()).filter(|&r| self.rows[r].parent == Some(row)).collect();
        if !children.is_empty() || !self.rows.get(row).is_some_and(|r| r.total) {
            return children;
        }
        // The rows beside it, at the shallowest level among them.
        let me = &self.rows[row];
        let beside: Vec<usize> = (0..self.rows.len()).filter(|&r| r != row && self.rows[r].parent == me.parent && !self.rows[r].total && !self.rows[r].group).collect();
        let top = beside.iter().map(|&r| self.rows[r].level).min();
        beside.into_iter().filter(|&r| Some(self.rows[r].level) == top).collect()
    }

    /// The column holding row labels.
    pub fn label_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| c.meaning == Meaning::Label)
    }
}

/// A table found in the lines of a text, before its rows are placed as blocks.
pub(super) struct Found {
    pub table: Table,
    /// First and last line of the table, and of each row.
    pub lines: (usize, usize),
    pub row_lines: Vec<(usize, usize)>,
}

/// Which table, and which row starting here, a line belongs to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Owner {
    table: usize,
    row: Option<usize>,
}

/// Finds the tables among the lines; returns them with, for each line, its owner.
pub(super) fn find(text: &str, lines: &[Line]) -> (Vec<Found>, Vec<Option<Owner>>) {
    let found = forms::find(text, lines);
    let mut owner: Vec<Option<Owner>> = vec![None; lines.len()];
    for (t, f) in found.iter().enumerate() {
        for o in owner.iter_mut().take(f.lines.1 + 1).skip(f.lines.0) {
            *o = Some(Owner { table: t, row: None });
        }
        for (r, &(first, _)) in f.row_lines.iter().enumerate() {
            owner[first] = Some(Owner { table: t, row: Some(r) });
        }
    }
    (found, owner)
}

impl Builder<'_> {
    /// A line of a table: the first line of a row opens the row's block (with the row's other
    /// lines); header lines make no block. Nothing continues into or out of a table.
    pub(super) fn table_line(&mut self, found: &mut [Found], owner: Owner, lines: &[Line]) {
        self.open = None;
        self.open_note = None;
        let Some(r) = owner.row else { return };
        let Some(f) = found.get_mut(owner.table) else { return };
        let (first, last) = f.row_lines[r];
        let mut idx = None;
        for l in &lines[first..=last] {
            // A short number alone on a line looks like a page number; inside a row it is a cell.
            if l.kind == LineKind::Blank {
                continue;
            }
            // From the first character: markers such as "- " or "1." belong to the row label.
            let from = l.start + (self.text[l.start..l.end].len() - self.text[l.start..l.end].trim_start().len());
            match idx {
                None => {
                    let line = Line { start: l.start, end: l.end, kind: LineKind::Table, label: None, content: from, chars: l.chars, form: None };
                    idx = Some(self.start(BlockKind::TableRow, &line));
                }
                Some(i) => self.append(i, from, l.end),
            }
        }
        self.open = None;
        if let (Some(i), Some(row)) = (idx, f.table.rows.get_mut(r)) {
            row.block = i;
        }
    }
}

impl Block {
    /// The block offset of a source offset inside one of the block's verbatim runs; `end`
    /// for the end of a range (it belongs to the run it closes, not the join after it).
    pub fn block_offset(&self, source: usize, end: bool) -> Option<usize> {
        let i = self.pieces.partition_point(|p| if end { p.start < source } else { p.start <= source }).checked_sub(1)?;
        let p = self.pieces.get(i)?;
        (p.verbatim && source <= p.end).then(|| p.block + (source - p.start))
    }
}

/// A source byte range.
pub(super) type Span = (usize, usize);
/// A rebuilt row: its first and last line, and one source range per column.
pub(super) type RawRow = (usize, usize, Vec<Span>);

/// A table in its raw shape: header text per column and cell ranges per row, as a form
/// reader rebuilt them. `build` gives it meaning.
pub(super) struct Raw {
    pub form: Form,
    pub headers: Vec<String>,
    /// The upper header over each column, where the header had two levels (may be shorter
    /// than `headers`).
    pub groups: Vec<Option<String>>,
    /// Rows: first line, last line, and one source range per column.
    pub rows: Vec<RawRow>,
    pub unit: Option<String>,
    pub skipped: usize,
    pub lines: (usize, usize),
    pub start: usize,
    pub end: usize,
}

/// Gives a raw table its meaning; None when its columns say nothing a figure could use.
pub(super) fn build(text: &str, raw: Raw) -> Option<Found> {
    let words = &lexicon().tables;
    let cell_text = |(s, e): (usize, usize)| squash(&text[s..e].replace("<br>", " ").replace("<br/>", " ").replace("<br />", " "));
    let mut columns = header::columns(&raw.headers);
    for (c, g) in columns.iter_mut().zip(&raw.groups) {
        c.group = g.as_ref().map(|g| squash(g)).filter(|g| !g.is_empty());
    }
    // A column whose cells are all assessments is the assessment column, whatever its header.
    for (j, col) in columns.iter_mut().enumerate() {
        let mut seen = false;
        let all = raw.rows.iter().all(|(_, _, cells)| {
            let t = lower(&cell_text(cells.get(j).copied().unwrap_or((0, 0))));
            seen |= assessment(&t).is_some();
            t.is_empty() || assessment(&t).is_some()
        });
        if seen && all {
            col.meaning = Meaning::Assessment;
        }
    }
    // A column the header does not explain but whose cells are numbers holds values
    // ("Tổng dân số", "Nam", "Nữ").
    for (j, col) in columns.iter_mut().enumerate() {
        if col.meaning == Meaning::Other {
            let filled: Vec<String> = raw.rows.iter().map(|(_, _, cells)| cell_text(cells.get(j).copied().unwrap_or((0, 0)))).filter(|t| !t.is_empty()).collect();
            if !filled.is_empty() && filled.iter().all(|t| number::looks_numeric(t) || words.empty.contains(&lower(t))) {
                col.meaning = Meaning::Value { kind: ValueKind::Actual, period: None };
            }
        }
    }
    if !columns.iter().any(|c| matches!(c.meaning, Meaning::Value { .. } | Meaning::Compare { .. } | Meaning::Share)) {
        return None;
    }
    let label_col = columns.iter().position(|c| c.meaning == Meaning::Label);
    let number_col = columns.iter().position(|c| c.meaning == Meaning::Number);
    let unit_col = columns.iter().position(|c| c.meaning == Meaning::Unit);
    let numeric = |j: usize| matches!(columns[j].meaning, Meaning::Value { .. } | Meaning::Compare { .. } | Meaning::Share);
    // Whether a row counts whole things, from its ĐVT cell or label, or the table's unit.
    let is_count = |u: Option<String>| {
        u.and_then(|u| {
            let l = lower(&u);
            lexicon().unit_at(&u, &l).map(|(unit, _)| unit.is_count())
        })
        .unwrap_or(false)
    };
    let table_count = is_count(raw.unit.clone());
    let counts: Vec<bool> = raw
        .rows
        .iter()
        .map(|(_, _, cells)| {
            let own = unit_col.and_then(|j| cells.get(j)).map(|&c| cell_text(c)).filter(|t| !t.is_empty());
            let from_label = label_col.and_then(|j| cells.get(j)).and_then(|&c| label_unit(&cell_text(c)));
            match own.or(from_label) {
                Some(u) => is_count(Some(u)),
                None => table_count,
            }
        })
        .collect();
    let decimal = number::decide(raw.rows.iter().zip(&counts).flat_map(|((_, _, cells), &count)| {
        cells.iter().enumerate().filter(|(j, _)| *j < columns.len() && numeric(*j)).map(move |(_, &(s, e))| (&text[s..e], count))
    }));
    let mut rows = Vec::new();
    let mut row_lines = Vec::new();
    for (first, last, cells) in &raw.rows {
        let cells: Vec<Cell> = (0..columns.len())
            .map(|j| {
                let (s, e) = cells.get(j).copied().unwrap_or_else(|| cells.last().map(|c| (c.1, c.1)).unwrap_or((raw.end, raw.end)));
                let t = cell_text((s, e));
                let value = if numeric(j) || columns[j].meaning == Meaning::Assessment { value_of(&t, decimal) } else if t.is_empty() { Value::Empty } else { Value::Text };
                Cell { text: t, value, start: s, end: e }
            })
            .collect();
        let raw_label = label_col.map(|j| cells[j].text.clone()).unwrap_or_default();
        let (marker, label) = split_marker(&raw_label);
        let number = number_col.map(|j| cells[j].text.clone()).filter(|t| !t.is_empty()).or(marker);
        let l = lower(&label);
        let has_figures = cells.iter().any(|c| matches!(c.value, Value::Number(_) | Value::Range(..) | Value::Ambiguous));
        let unit = unit_col.map(|j| cells[j].text.clone()).filter(|t| !t.is_empty()).or_else(|| label_unit(&label));
        let total_word = l.trim_end_matches([':', ' ']);
        let total = words.totals.iter().any(|w| total_word == w || (w.contains(' ') && total_word.starts_with(w.as_str())));
        let group = !has_figures && (l.trim_end().ends_with(':') || words.groups.iter().any(|w| l.starts_with(w.as_str())));
        let lower_is_better = lower_is_better(&l);
        let start = cells.iter().map(|c| c.start).min().unwrap_or(raw.start);
        let end = cells.iter().map(|c| c.end).max().unwrap_or(start);
        // A total without a number stands above the list it sums (first or last row).
        let level = if total && number.is_none() { 0 } else { level_of(number.as_deref(), group) };
        let period = header::row_period(&label);
        rows.push(Row { label, level, number, parent: None, total, group, lower_is_better, unit, period, measure: Measure::Amount, cells, block: 0, start, end });
        row_lines.push((*first, *last));
    }
    // A comparison with negative cells and none near 100 states the change, not the ratio.
    for (j, col) in columns.iter_mut().enumerate() {
        if let Meaning::Compare { growth, .. } = &mut col.meaning {
            let values: Vec<Decimal> = rows.iter().filter_map(|r| if let Some(Value::Number(n)) = r.cells.get(j).map(|c| &c.value) { Some(*n) } else { None }).collect();
            *growth |= values.iter().any(|n| n.is_sign_negative()) && values.iter().all(|n| n.abs() < Decimal::from(50));
        }
    }
    // Space-aligned rows without numbers nest by indentation ("Tiểu học" over "  Công lập",
    // "  Ngoài công lập"): each deeper indentation is a level below.
    if raw.form == Form::Spaces {
        let indent = |r: &Row| -> Option<usize> {
            let at = label_col.and_then(|j| r.cells.get(j)).map(|c| c.start)?;
            let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
            Some(text[line_start..at].chars().count())
        };
        let eligible = |r: &Row| r.number.is_none() && !r.total && !forms::section_line(&lower(&r.label));
        let mut steps: Vec<usize> = rows.iter().filter(|r| eligible(r)).filter_map(indent).collect();
        steps.sort_unstable();
        steps.dedup();
        if steps.len() >= 2 {
            for row in rows.iter_mut().filter(|r| eligible(r)) {
                if let Some(rank) = indent(row).and_then(|i| steps.iter().position(|&s| s == i)) {
                    row.level = 9u8.saturating_add(u8::try_from(rank.min(8)).unwrap_or(8));
                }
            }
        }
    }
    // A row marked "-" right under an unnumbered row or a group line belongs to it ("Tốc độ
    // tăng trưởng" over "- Nông nghiệp", "- Dịch vụ"): marks nest one level below the last
    // unmarked row.
    let mut floor: Option<u8> = None;
    for row in rows.iter_mut() {
        let marked = matches!(row.number.as_deref(), Some("-" | "–" | "•" | "+" | "*"));
        if !marked {
            floor = Some(row.level).filter(|&l| l >= 5 && !row.total);
            continue;
        }
        if let Some(f) = floor {
            row.level = f.saturating_add(row.level.saturating_sub(4));
        }
    }
    // Rows are periods when most rows with figures are labelled by one ("2015", "Sơ bộ 2023").
    let with_figures: Vec<&Row> = rows.iter().filter(|r| r.cells.iter().any(|c| matches!(c.value, Value::Number(_)))).collect();
    let dated = with_figures.iter().filter(|r| r.period.is_some()).count();
    let period_rows = dated >= 2 && dated * 3 >= with_figures.len() * 2;
    if !period_rows {
        for r in rows.iter_mut() {
            r.period = None;
        }
    }
    link_parents(&mut rows);
    // A row without a unit counts in its ancestor's ("Nam" under "Dân số trung bình (người)").
    for r in 0..rows.len() {
        if rows[r].unit.is_none() {
            let mut p = rows[r].parent;
            while let Some(i) = p {
                if rows[i].unit.is_some() {
                    rows[r].unit = rows[i].unit.clone();
                    break;
                }
                p = rows[i].parent;
            }
        }
    }
    measures(&mut rows, &columns);
    Some(Found {
        table: Table { form: raw.form, columns, rows, decimal, unit: raw.unit, period_rows, skipped: raw.skipped, start: raw.start, end: raw.end },
        lines: raw.lines,
        row_lines,
    })
}

/// What each row measures. A line without figures that names an index, a growth or a share
/// opens a block of such rows, up to the next such line; a row with figures whose own label
/// names one (narrower words) passes it to the rows under it. Only rows in percent (or
/// without a unit) measure a percent.
fn measures(rows: &mut [Row], columns: &[Column]) {
    let w = &lexicon().tables;
    let starts = |l: &str, list: &[String]| list.iter().any(|x| l.starts_with(x.as_str()));
    let percent_or_none = |r: &Row| r.unit.as_deref().is_none_or(|u| u.trim() == "%");
    let mut section = Measure::Amount;
    for r in 0..rows.len() {
        let l = lower(&rows[r].label);
        let has_figures = rows[r].cells.iter().enumerate().any(|(j, c)| matches!(c.value, Value::Number(_)) && columns.get(j).is_some_and(|c| matches!(c.meaning, Meaning::Value { .. })));
        if !has_figures && rows[r].number.is_none() {
            let any_of = |list: &[String]| list.iter().any(|x| has_word(&l, x));
            let named = if any_of(&w.index_sections) {
                Some(Measure::Index)
            } else if any_of(&w.growth_sections) {
                Some(Measure::Growth)
            } else if any_of(&w.share_sections) {
                Some(Measure::Share)
            } else {
                None
            };
            if let Some(m) = named {
                section = m;
                rows[r].measure = m;
                continue;
            }
        }
        let own = if starts(&l, &w.index_rows) {
            Some(Measure::Index)
        } else if starts(&l, &w.growth_rows) {
            Some(Measure::Growth)
        } else if starts(&l, &w.share_rows) {
            Some(Measure::Share)
        } else {
            None
        };
        let inherited = rows[r].parent.map(|p| rows[p].measure).filter(|m| *m != Measure::Amount);
        let m = own.or(inherited).unwrap_or(section);
        rows[r].measure = if m != Measure::Amount && !percent_or_none(&rows[r]) { Measure::Amount } else { m };
    }
}

/// Whether less is better for the indicator a lowercase label names: a bad thing (poverty,
/// accidents), unless the label names its reduction ("Giảm tỷ lệ hộ nghèo", "Mức giảm …"),
/// where more is better.
fn lower_is_better(l: &str) -> bool {
    let w = &lexicon().tables;
    let bad = w.lower_is_better.iter().any(|x| has_word(l, x));
    let reduction = w.reduction.iter().any(|x| l.starts_with(x.as_str()) && crate::lexicon::boundary_after(l, x.len()));
    bad && !reduction
}

fn assessment(l: &str) -> Option<Assessment> {
    let w = &lexicon().tables;
    let l = l.trim();
    // Longest word first: "không đạt" before "đạt".
    if w.not_reached.iter().any(|x| l.starts_with(x.as_str())) {
        Some(Assessment::NotReached)
    } else if w.exceeded.iter().any(|x| l.starts_with(x.as_str())) {
        Some(Assessment::Exceeded)
    } else if w.reached.iter().any(|x| l.starts_with(x.as_str())) {
        Some(Assessment::Reached)
    } else {
        None
    }
}

pub(super) fn value_of(t: &str, mark: DecimalMark) -> Value {
    let l = lower(t);
    if l.is_empty() || lexicon().tables.empty.contains(&l) {
        return Value::Empty;
    }
    if let Some(a) = assessment(&l) {
        return Value::Assessment(a);
    }
    if number::looks_numeric(t) {
        return number::read(t, mark).map(Value::Number).unwrap_or(Value::Ambiguous);
    }
    if let Some((q, rest)) = bound_words(&l) {
        return match number::read(rest, mark) {
            Some(n) if number::looks_numeric(rest) => Value::Bound(q, n),
            _ => Value::Text,
        };
    }
    // "7,5-8,0", "7,5 - 8,0": a range, as plans are given.
    for sep in [" - ", " – ", "-", "–", "÷"] {
        if let Some((a, b)) = t.split_once(sep) {
            if number::looks_numeric(a) && number::looks_numeric(b) && !a.trim().is_empty() {
                return match (number::read(a, mark), number::read(b, mark)) {
                    (Some(x), Some(y)) if x <= y => Value::Range(x, y),
                    _ => Value::Ambiguous,
                };
            }
        }
    }
    Value::Text
}

/// A bound written before or after a number: "≥ 95", "trên 95", "< 7,6", "dưới 3",
/// "khoảng 4", "95 trở lên". Returns the bound's direction and the number's text.
fn bound_words(l: &str) -> Option<(Qualifier, &str)> {
    let w = &lexicon().tables;
    let t = l.trim();
    for (sign, q) in [("≥", Qualifier::Above), (">=", Qualifier::Above), (">", Qualifier::Above), ("≤", Qualifier::Below), ("<=", Qualifier::Below), ("<", Qualifier::Below)] {
        if let Some(rest) = t.strip_prefix(sign) {
            return Some((q, rest.trim()));
        }
    }
    for (list, q) in [(&w.at_least, Qualifier::Above), (&w.at_most, Qualifier::Below), (&w.about, Qualifier::About)] {
        if let Some(rest) = list.iter().find_map(|x| t.strip_prefix(x.as_str()).filter(|r| r.starts_with(' '))) {
            return Some((q, rest.trim()));
        }
    }
    for (list, q) in [(&w.at_least_after, Qualifier::Above), (&w.at_most_after, Qualifier::Below)] {
        if let Some(rest) = list.iter().find_map(|x| t.strip_suffix(x.as_str()).filter(|r| r.ends_with(' '))) {
            return Some((q, rest.trim()));
        }
    }
    None
}

/// "1. Dân số" → ("1", "Dân số"); "- Nông nghiệp" → ("-", "Nông nghiệp"); "II. Xã hội".
fn split_marker(label: &str) -> (Option<String>, String) {
    let t = label.trim();
    for m in ["- ", "+ ", "* ", "– ", "• "] {
        if let Some(rest) = t.strip_prefix(m) {
            return (Some(m.trim().to_owned()), rest.trim().to_owned());
        }
    }
    let token: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    let bare = token.trim_end_matches(['.', ')']);
    let numbered = !bare.is_empty() && bare.split('.').all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let roman = !bare.is_empty() && bare.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && token.len() > bare.len();
    let letter = bare.chars().count() == 1 && bare.chars().all(|c| c.is_lowercase()) && token.len() > bare.len();
    if (numbered || roman || letter) && t.len() > token.len() {
        return (Some(bare.to_owned()), t[token.len()..].trim().to_owned());
    }
    // "3.Cơ cấu …": a number glued to the label.
    let glued: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if glued.ends_with('.') && glued.len() > 1 && glued.len() <= 4 && t[glued.len()..].starts_with(|c: char| c.is_alphabetic()) {
        return (Some(glued.trim_end_matches('.').to_owned()), t[glued.len()..].trim().to_owned());
    }
    (None, t.to_owned())
}

/// The depth of a row number: roman numerals, then 1, 1.1, a), -, +.
fn level_of(number: Option<&str>, group: bool) -> u8 {
    let Some(n) = number else { return if group { 8 } else { 9 } };
    match n {
        "-" | "–" | "•" => 5,
        "+" | "*" => 6,
        _ if n.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) => 1,
        _ if n.chars().all(|c| c.is_ascii_digit()) => 2,
        _ if n.chars().all(|c| c.is_ascii_digit() || c == '.') => 2 + n.matches('.').count().min(2) as u8,
        _ => 4,
    }
}

/// A unit in parentheses at the end of a row label: "Dân số trung bình (người)", "Tỷ lệ
/// sinh (‰)", "Mức tăng/giảm tỷ lệ sinh (‰) (+ -)".
fn label_unit(label: &str) -> Option<String> {
    let mut t = label.trim_end();
    for _ in 0..3 {
        let inner = t.strip_suffix(')')?;
        let open = inner.rfind('(')?;
        if let Some(u) = unit_text(&inner[open + 1..]) {
            return Some(u);
        }
        t = inner[..open].trim_end();
    }
    None
}

/// "Tiểu học - Primary" → "Tiểu học": a label without the English translation a bilingual
/// table adds after a dash.
pub fn strip_translation(label: &str) -> String {
    let english = &lexicon().tables.english;
    for sep in [" - ", " – ", " / "] {
        if let Some((vi, en)) = label.rsplit_once(sep) {
            let words: Vec<String> = lower(en).split(|c: char| c.is_whitespace() || "().,".contains(c)).filter(|w| !w.is_empty()).map(str::to_owned).collect();
            if !words.is_empty() && words.iter().all(|w| english.contains(w)) {
                return vi.trim().to_owned();
            }
        }
    }
    label.trim().to_owned()
}

/// The text if the lexicon reads it whole as a unit.
pub(super) fn unit_text(s: &str) -> Option<String> {
    let s = s.trim();
    let l = lower(s);
    let (u, len) = lexicon().unit_at(s, &l)?;
    (len == s.len()).then_some(u.text)
}

/// Each row's parent: the nearest row above it at a lower level. Rows of the same level as a
/// total that closes a list stay siblings.
fn link_parents(rows: &mut [Row]) {
    let mut stack: Vec<usize> = Vec::new();
    // Rows with figures since the last total: a total after some closes them ("Cộng" under a
    // list) and opens nothing, so the rows after it are not its parts.
    let mut since_total = 0;
    for r in 0..rows.len() {
        while stack.last().is_some_and(|&p| rows[p].level >= rows[r].level) {
            stack.pop();
        }
        rows[r].parent = stack.last().copied();
        if rows[r].total {
            let closing = since_total > 0;
            since_total = 0;
            if closing {
                continue;
            }
        } else if !rows[r].group {
            since_total += 1;
        }
        stack.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_markers_and_units() {
        assert_eq!(split_marker("1. Dân số"), (Some("1".into()), "Dân số".into()));
        assert_eq!(split_marker("1.2 Nam"), (Some("1.2".into()), "Nam".into()));
        assert_eq!(split_marker("- Nông nghiệp"), (Some("-".into()), "Nông nghiệp".into()));
        assert_eq!(split_marker("II. Xã hội"), (Some("II".into()), "Xã hội".into()));
        assert_eq!(split_marker("a) Trồng trọt"), (Some("a".into()), "Trồng trọt".into()));
        assert_eq!(split_marker("3.Cơ cấu"), (Some("3".into()), "Cơ cấu".into()));
        assert_eq!(split_marker("Toàn tỉnh"), (None, "Toàn tỉnh".into()));
        assert_eq!(label_unit("Tổng thu (tỷ đồng)").as_deref(), Some("tỷ đồng"));
        assert_eq!(label_unit("Tỷ lệ sinh (‰)").as_deref(), Some("‰"));
        assert_eq!(label_unit("Tổng thu (giá 2010)"), None);
    }

    #[test]
    fn cell_values() {
        assert_eq!(value_of("7,5-8,0", DecimalMark::Comma), Value::Range("7.5".parse().unwrap(), "8.0".parse().unwrap()));
        assert_eq!(value_of("Không đạt", DecimalMark::Comma), Value::Assessment(Assessment::NotReached));
        assert_eq!(value_of("-", DecimalMark::Comma), Value::Empty);
        assert_eq!(value_of("1.234", DecimalMark::Ambiguous), Value::Ambiguous);
        assert_eq!(value_of("≥ 95", DecimalMark::Comma), Value::Bound(Qualifier::Above, "95".parse().unwrap()));
        assert_eq!(value_of("Trên 95%", DecimalMark::Comma), Value::Bound(Qualifier::Above, "95".parse().unwrap()));
        assert_eq!(value_of("<7,6", DecimalMark::Comma), Value::Bound(Qualifier::Below, "7.6".parse().unwrap()));
        assert_eq!(value_of("dưới 3", DecimalMark::Comma), Value::Bound(Qualifier::Below, "3".parse().unwrap()));
        assert_eq!(value_of("khoảng 4", DecimalMark::Comma), Value::Bound(Qualifier::About, "4".parse().unwrap()));
        assert_eq!(value_of("90 trở lên", DecimalMark::Comma), Value::Bound(Qualifier::Above, "90".parse().unwrap()));
        assert_eq!(value_of("trên địa bàn", DecimalMark::Comma), Value::Text);
    }

    #[test]
    fn less_is_better_for_bad_things_but_not_for_their_reduction() {
        assert!(lower_is_better("tỷ lệ hộ nghèo"));
        assert!(lower_is_better("tỷ lệ hộ nghèo (giảm còn)"));
        assert!(!lower_is_better("giảm tỷ lệ hộ nghèo"));
        assert!(!lower_is_better("mức giảm tỷ lệ hộ nghèo"));
        assert!(!lower_is_better("thu nhập bình quân đầu người"));
    }
}
