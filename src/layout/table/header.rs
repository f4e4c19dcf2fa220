//! What a table column holds, read from its header: the row number, the label, the unit, a
//! value (plan, estimate, actual, previous period; with its period), a comparison of two
//! other columns (and which two), a share, an assessment.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{unit_text, Column};
use crate::grammar::{self, Kind, PeriodKind};
use crate::layout::describe;
use crate::lexicon::{has_word, lexicon, TableWords};
use crate::text::{lower, squash};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// STT, TT: the row number.
    Number,
    /// Chỉ tiêu, Tên đơn vị: what the row is about.
    Label,
    /// ĐVT: the row's unit.
    Unit,
    /// Figures of the indicator for a period.
    Value { kind: ValueKind, period: Option<String> },
    /// A percent comparing column `of` with column `base` (None where the table lacks it):
    /// "Ước TH/KH (%)", "So với cùng kỳ (%)", "2019/2018". `growth` when it states the change
    /// ("tăng/giảm %", "-7.57") rather than the ratio ("101,63").
    Compare { of: Option<usize>, base: Option<usize>, against: Against, growth: bool },
    /// A share of a total: "Cơ cấu (%)", "Tỷ trọng".
    Share,
    /// Đạt / Không đạt / Vượt.
    Assessment,
    Note,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Actual,
    Estimate,
    Plan,
    /// The same period of the previous year, or the previous period.
    Previous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    Plan,
    Previous,
    /// Another column named by its period or kind.
    Column,
}

const MAX_RESOLVED_COLUMNS: usize = 200;

fn any(l: &str, list: &[String]) -> bool {
    list.iter().any(|w| has_word(l, w))
}

fn kind_of(l: &str, w: &TableWords) -> Option<ValueKind> {
    if any(l, &w.plan) {
        Some(ValueKind::Plan)
    } else if any(l, &w.estimate) {
        Some(ValueKind::Estimate)
    } else if any(l, &w.previous) {
        Some(ValueKind::Previous)
    } else if any(l, &w.actual) {
        Some(ValueKind::Actual)
    } else {
        None
    }
}

/// Four-digit years 1990–2099 standing alone in a header, in order.
fn years(l: &str) -> Vec<u16> {
    crate::text::years(l).filter(|y| *y >= 1990).collect()
}

/// The period a header names: "năm 2023", "6 tháng đầu năm 2024", "8T/2019", "2019".
fn period(l: &str) -> Option<String> {
    let toks = grammar::tokens(l);
    if let Some(p) = toks.iter().find_map(|t| match t.kind {
        Kind::Period(p) if p.kind != PeriodKind::YearRange => Some(p),
        _ => None,
    }) {
        return Some(describe(p.kind, p.year.or_else(|| years(l).first().copied())));
    }
    // "8T/2019", "6t/2024": months of a year.
    for (i, _) in l.match_indices("t/") {
        let count: String = l[..i].chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
        let year: String = l[i + 2..].chars().take_while(|c| c.is_ascii_digit()).collect();
        if let (Ok(c), Ok(y)) = (count.parse::<u8>(), year.parse::<u16>()) {
            if (1..=12).contains(&c) && year.len() == 4 {
                return Some(describe(PeriodKind::Months { count: c, last: false }, Some(y)));
            }
        }
    }
    let ys = years(l);
    match ys.as_slice() {
        [y] => Some(describe(PeriodKind::Year, Some(*y))),
        // "2018-2019": a school or crop year, named as written.
        [a, b] if b.checked_sub(*a) == Some(1) => Some(format!("{a}-{b}")),
        _ => None,
    }
}

/// The period a row label names when the rows of a table are periods: "2015", "Năm 2015",
/// "Sơ bộ - Prel. 2023", "2018-2019".
pub(super) fn row_period(label: &str) -> Option<String> {
    // A year or a pair of years has 4 or 8 digits: every other line is passed over before any
    // lowercasing (this runs on each line of a document when yearbook tables are looked for).
    if !matches!(label.bytes().filter(u8::is_ascii_digit).count(), 4 | 8) {
        return None;
    }
    let w = &lexicon().tables;
    let mut l = lower(label);
    // Only whole-word occurrences of the period words are taken out, so a word that is not a
    // number and not one of theirs stays and fails the label: most labels ("Tổng thu năm
    // 2024") are told here, before a search for each period word.
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        w.period_words.iter().chain(&w.english).flat_map(|x| x.split(|c: char| !c.is_alphanumeric())).filter(|p| !p.is_empty()).map(str::to_owned).collect()
    });
    if l.split(|c: char| !c.is_alphanumeric()).any(|r| !r.is_empty() && !r.bytes().all(|b| b.is_ascii_digit()) && !words.contains(r)) {
        return None;
    }
    for x in w.period_words.iter().chain(&w.english) {
        // Whole words only: "năm" in "năm 2015", never inside another word.
        while let Some(at) = l.match_indices(x.as_str()).map(|(i, _)| i).find(|&i| {
            let before = l[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            before && crate::lexicon::boundary_after(&l, i + x.len())
        }) {
            l.replace_range(at..at + x.len(), " ");
        }
    }
    let rest: String = l.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '(' | ')' | '.' | ':' | '*')).collect();
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match years(&l).as_slice() {
        [y] if rest.len() == 4 => Some(describe(PeriodKind::Year, Some(*y))),
        [a, b] if rest.len() == 8 && b.checked_sub(*a) == Some(1) => Some(format!("{a}-{b}")),
        _ => None,
    }
}

/// The years of a period as written by `period` or `row_period`, for finding the period
/// before it: "năm 2019" → ("năm", [2019]); "2018-2019" → ("", [2018, 2019]).
fn period_years(p: &str) -> (String, Vec<u16>) {
    let ys = years(p);
    let prefix: String = p.chars().filter(|c| !c.is_ascii_digit() && *c != '-').collect::<String>().trim().to_owned();
    (prefix, ys)
}

/// Whether period `earlier` is the one just before `later` ("năm 2018" before "năm 2019",
/// "2018-2019" before "2019-2020", "6 tháng đầu năm 2023" before "6 tháng đầu năm 2024").
pub fn is_previous(earlier: &str, later: &str) -> bool {
    let (pa, ya) = period_years(earlier);
    let (pb, yb) = period_years(later);
    pa == pb && !ya.is_empty() && ya.len() == yb.len() && ya.iter().zip(&yb).all(|(a, b)| a.checked_add(1) == Some(*b))
}

/// A unit the header states: "(tỷ đồng)", "Diện tích, ha", "%".
fn header_unit(h: &str) -> Option<String> {
    let t = h.trim();
    if t == "%" || t == "(%)" {
        return Some("%".into());
    }
    if let (Some(open), Some(close)) = (t.rfind('('), t.rfind(')')) {
        if open < close {
            if let Some(u) = unit_text(&t[open + 1..close]) {
                return Some(u);
            }
        }
    }
    t.rsplit_once(',').and_then(|(_, u)| unit_text(u))
}

/// The meaning of each column from its header; comparisons resolved to the columns they
/// compare.
pub(super) fn columns(headers: &[String]) -> Vec<Column> {
    let w = &lexicon().tables;
    let mut cols: Vec<Column> = Vec::with_capacity(headers.len());
    for h in headers {
        let h = squash(h);
        let l = lower(&h);
        let has_label = cols.iter().any(|c: &Column| c.meaning == Meaning::Label);
        let bare = l.trim_matches(|c: char| !c.is_alphanumeric());
        let meaning = if w.number.iter().any(|x| bare == x) {
            Meaning::Number
        } else if bare == "đơn vị" {
            if has_label { Meaning::Unit } else { Meaning::Label }
        } else if w.unit.iter().any(|x| bare == x) {
            Meaning::Unit
        } else if any(&l, &w.note) {
            Meaning::Note
        } else if any(&l, &w.assessment) {
            Meaning::Assessment
        } else if any(&l, &w.share) {
            Meaning::Share
        } else if is_compare(&l, w) {
            Meaning::Compare { of: None, base: None, against: Against::Previous, growth: any(&l, &w.growth) }
        } else if !has_label && w.label.iter().any(|x| l.starts_with(x.as_str())) && kind_of(&l, w).is_none() && years(&l).is_empty() {
            Meaning::Label
        } else if let Some(kind) = kind_of(&l, w) {
            Meaning::Value { kind, period: period(&l) }
        } else if period(&l).is_some() || header_unit(&h).is_some() {
            Meaning::Value { kind: ValueKind::Actual, period: period(&l) }
        } else {
            Meaning::Other
        };
        cols.push(Column { unit: header_unit(&h), header: h, meaning, group: None });
    }
    // Without a label header, the first column that is not a number or unit is the label.
    if !cols.iter().any(|c| c.meaning == Meaning::Label) {
        if let Some(c) = cols.iter_mut().find(|c| matches!(c.meaning, Meaning::Other | Meaning::Note)) {
            c.meaning = Meaning::Label;
        }
    }
    // Resolving a comparison looks at every value column: past this width a "table" is not
    // an indicator table, and its comparisons stay unresolved (linear time on any input).
    if cols.len() > MAX_RESOLVED_COLUMNS {
        return cols;
    }
    for j in 0..cols.len() {
        if let Meaning::Compare { growth, .. } = cols[j].meaning {
            let (of, base, against) = operands(&cols, j);
            cols[j].meaning = Meaning::Compare { of, base, against, growth };
        }
    }
    cols
}

fn is_compare(l: &str, w: &TableWords) -> bool {
    if any(l, &w.compare) || (any(l, &w.growth) && l.contains('%')) {
        return true;
    }
    // "Ước TH/KH", "TH/KH (%)", "2019/2018": two kinds or two years around a slash.
    l.split_once('/').is_some_and(|(a, b)| {
        let side = |s: &str| kind_of(s, w).is_some() || !years(s).is_empty();
        let a_last = a.rsplit(' ').next().unwrap_or(a);
        let b_first = b.split(' ').next().unwrap_or(b);
        side(a_last) && side(b_first) && !a_last.is_empty() && !b_first.is_empty()
    })
}

/// A value column: index, kind, the year of its period.
type ValueCol = (usize, ValueKind, Option<u16>);

/// Which column a comparison takes as its figure (`of`) and which as its base.
fn operands(cols: &[Column], j: usize) -> (Option<usize>, Option<usize>, Against) {
    let w = &lexicon().tables;
    let l = lower(&cols[j].header);
    // Split into what is compared and what it is compared with.
    let cut = ["so sánh", "so với", "% so", "tốc độ phát triển", "chỉ số phát triển", "tỷ lệ so", "so "].iter().find_map(|k| l.find(k).map(|at| (at, at + k.len())));
    let (a, b) = match cut {
        Some((s, e)) => (&l[..s], &l[e..]),
        None => l.split_once('/').unwrap_or(("", &l)),
    };
    let (ya, yb) = (years(a), years(b));
    let (ka, kb) = (kind_of(a, w), kind_of(b, w));
    let values: Vec<ValueCol> = cols
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.meaning {
            Meaning::Value { kind, period } => Some((i, *kind, period.as_deref().and_then(|p| years(p).last().copied()))),
            _ => None,
        })
        .collect();
    // Among candidates, the one sharing most words with the comparison's header ("Diện tích").
    let words: Vec<&str> = l.split(|c: char| !c.is_alphanumeric()).filter(|t| t.chars().count() > 1 && !t.chars().all(|c| c.is_ascii_digit())).collect();
    let best = |pick: &dyn Fn(&ValueCol) -> bool| -> Option<usize> {
        values
            .iter()
            .filter(|v| pick(v))
            .max_by_key(|(i, _, _)| {
                let hl = lower(&cols[*i].header);
                let shared = words.iter().filter(|t| has_word(&hl, t)).count();
                // Prefer columns left of the comparison, nearest first.
                (shared, *i < j, if *i < j { *i } else { 0 })
            })
            .map(|v| v.0)
    };
    let year_a = ya.first().copied().or_else(|| if ya.is_empty() && yb.len() >= 2 { yb.first().copied() } else { None });
    let of = match (ka, year_a) {
        (Some(k), y) => best(&|v| v.1 == k && (y.is_none() || v.2 == y)),
        (None, Some(y)) => best(&|v| v.2 == Some(y) && !matches!(v.1, ValueKind::Plan | ValueKind::Previous)),
        (None, None) => {
            best(&|v| v.1 == ValueKind::Estimate).or_else(|| {
                let latest = values.iter().filter(|v| v.1 == ValueKind::Actual).filter_map(|v| v.2).max();
                best(&|v| v.1 == ValueKind::Actual && (latest.is_none() || v.2 == latest))
            })
        }
    };
    let year_b = if ya.is_empty() && yb.len() >= 2 { yb.get(1).copied() } else { yb.first().copied() };
    let of_year = of.and_then(|o| values.iter().find(|v| v.0 == o)).and_then(|v| v.2);
    let (against, base) = match kb {
        Some(ValueKind::Plan) => (Against::Plan, best(&|v| v.1 == ValueKind::Plan && (year_b.is_none() || v.2 == year_b))),
        Some(ValueKind::Previous) => (
            Against::Previous,
            best(&|v| v.1 == ValueKind::Previous).or_else(|| best(&|v| v.1 == ValueKind::Actual && v.2.is_some() && v.2.zip(of_year).is_some_and(|(b, o)| b < o))),
        ),
        Some(k) => (Against::Column, best(&|v| v.1 == k && Some(v.0) != of && (year_b.is_none() || v.2 == year_b))),
        None => match year_b {
            Some(y) => (Against::Column, best(&|v| v.2 == Some(y) && Some(v.0) != of && v.1 != ValueKind::Plan)),
            None => (Against::Previous, best(&|v| v.1 == ValueKind::Previous)),
        },
    };
    (of, base, against)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meanings(hs: &[&str]) -> Vec<Meaning> {
        columns(&hs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).into_iter().map(|c| c.meaning).collect()
    }

    #[test]
    fn headers_of_an_indicator_table() {
        let m = meanings(&["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2023", "Kế hoạch năm 2024", "Ước thực hiện năm 2024", "So sánh (%) KH", "So sánh (%) Cùng kỳ", "Đánh giá"]);
        assert_eq!(m[0], Meaning::Number);
        assert_eq!(m[1], Meaning::Label);
        assert_eq!(m[2], Meaning::Unit);
        assert_eq!(m[3], Meaning::Value { kind: ValueKind::Actual, period: Some("năm 2023".into()) });
        assert_eq!(m[4], Meaning::Value { kind: ValueKind::Plan, period: Some("năm 2024".into()) });
        assert_eq!(m[5], Meaning::Value { kind: ValueKind::Estimate, period: Some("năm 2024".into()) });
        assert_eq!(m[6], Meaning::Compare { of: Some(5), base: Some(4), against: Against::Plan, growth: false });
        assert_eq!(m[7], Meaning::Compare { of: Some(5), base: Some(3), against: Against::Previous, growth: false });
        assert_eq!(m[8], Meaning::Assessment);
    }

    #[test]
    fn periods_of_rows_and_the_one_before() {
        assert_eq!(row_period("2015").as_deref(), Some("năm 2015"));
        assert_eq!(row_period("Sơ bộ - Prel. 2023").as_deref(), Some("năm 2023"));
        assert_eq!(row_period("Năm 2015").as_deref(), Some("năm 2015"));
        assert_eq!(row_period("2018-2019").as_deref(), Some("2018-2019"));
        assert_eq!(row_period("Tiểu học"), None);
        assert_eq!(row_period("1. Dân số 2015"), None);
        assert_eq!(row_period("Ước tính 2024").as_deref(), Some("năm 2024"));
        assert_eq!(row_period("Tổng thu năm 2024"), None);
        assert_eq!(row_period("Năm 2015²"), None);
        assert!(is_previous("năm 2018", "năm 2019") && !is_previous("năm 2010", "năm 2016"));
        assert!(is_previous("2018-2019", "2019-2020"));
        assert!(is_previous("6 tháng đầu năm 2023", "6 tháng đầu năm 2024") && !is_previous("năm 2023", "6 tháng đầu năm 2024"));
    }

    #[test]
    fn comparisons_name_their_columns() {
        let m = meanings(&["Tỉnh", "8T/2019 Diện tích, ha", "8T/2019 Sản lượng, tấn", "8T/2018 Diện tích, ha", "8T/2018 Sản lượng, tấn", "% 2019 so với 2018 về Diện tích", "% 2019 so với 2018 về Sản lượng"]);
        assert_eq!(m[1], Meaning::Value { kind: ValueKind::Actual, period: Some("8 tháng đầu năm 2019".into()) });
        assert_eq!(m[5], Meaning::Compare { of: Some(1), base: Some(3), against: Against::Column, growth: false });
        assert_eq!(m[6], Meaning::Compare { of: Some(2), base: Some(4), against: Against::Column, growth: false });
        let m = meanings(&["Chỉ tiêu", "KH", "TH", "TH/KH (%)"]);
        assert_eq!(m[3], Meaning::Compare { of: Some(2), base: Some(1), against: Against::Plan, growth: false });
    }
}
