//! Tables whose rows are periods, as statistical yearbooks print them: "2015 1352704 652190
//! 700514 …" on one line, or the year and each figure on lines of their own. Blocks of rows
//! opened by a line naming an index, a growth or a share ("Chỉ số phát triển (Năm trước =
//! 100) - %", "Tỷ lệ tăng - Growth rate (%)", "Cơ cấu - Structure (%)") repeat the years.
//! The columns are named from the header when its words name exactly as many of them ("Tổng
//! số", then the parts of a whole: "Nam", "Nữ", "Thành thị", "Nông thôn"); otherwise they
//! stay unnamed and only the periods relate the blocks.

use super::forms::{above_header, blank, english_line, is_numeric_cell, line_cell, section_line, token_iter, tokens, unit_line};
use super::header::row_period;
use super::{strip_translation, unit_text, Form, Raw, RawRow, Span};
use crate::layout::Line;
use crate::lexicon::{has_word, lexicon};
use crate::text::lower;

/// How many lines above the first row a header may reach.
const HEADER_LINES: usize = 40;

pub(super) fn read(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match block(text, lines, taken, i) {
            Some((raw, next)) => {
                out.push(raw);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A row starting at line `i`: its label range, its cells, and the line after it. On one
/// line ("2015 1352704 …") or one cell per line ("2015", then K lines of figures).
fn row_at(text: &str, lines: &[Line], taken: &[bool], i: usize, k: Option<usize>) -> Option<(RawRow, usize)> {
    let l = lines.get(i)?;
    // A year is four digits in a row: most lines have none.
    if taken[i] || blank(l) || !text.as_bytes()[l.start..l.end].windows(4).any(|w| w.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    // The label: the tokens up to the first year, when they name the period alone. The
    // tokens after it are read only for a label that does.
    let mut toks = token_iter(text, l.start, l.end);
    let first = toks.next()?;
    let year = std::iter::once(first).chain(toks.by_ref()).find(|&(s, e)| is_year_token(&text[s..e]))?;
    let label = (first.0, year.1);
    row_period(&text[label.0..label.1])?;
    let rest: Vec<Span> = toks.collect();
    let rest = &rest[..];
    if !rest.is_empty() {
        // On one line: every token after the year is a figure.
        if rest.len() < 2 || !rest.iter().all(|&(s, e)| is_numeric_cell(&text[s..e])) || k.is_some_and(|k| k != rest.len()) {
            return None;
        }
        let mut cells = vec![label];
        cells.extend_from_slice(rest);
        return Some(((i, i, cells), i + 1));
    }
    // One cell per line: the figures on the lines below, as many as the first row had.
    let mut cells: Vec<Span> = vec![label];
    let mut at = i + 1;
    while at < lines.len() && !taken[at] {
        let l = &lines[at];
        if blank(l) {
            at += 1;
            continue;
        }
        let c = line_cell(text, l);
        // A year after some figures opens the next row.
        let next_row = cells.len() >= 3 && is_year_token(&text[c.0..c.1]);
        if !is_numeric_cell(&text[c.0..c.1]) || next_row || k.is_some_and(|k| cells.len() > k) {
            break;
        }
        cells.push(c);
        at += 1;
    }
    let n = cells.len() - 1;
    if n < 2 || k.is_some_and(|k| k != n) {
        return None;
    }
    let last = (i + 1..at).rev().find(|&x| !blank(&lines[x])).unwrap_or(i);
    Some(((i, last, cells), at))
}

fn is_year_token(t: &str) -> bool {
    let d = t.trim_matches(|c: char| !c.is_ascii_digit());
    d.len() == 4 && d.len() + 1 >= t.len() && d.parse::<u16>().is_ok_and(|y| (1990..2100).contains(&y))
}

/// A table of period rows starting at line `first`, and the line after it.
fn block(text: &str, lines: &[Line], taken: &[bool], first: usize) -> Option<(Raw, usize)> {
    let ((a, b, cells), mut at) = row_at(text, lines, taken, first, None)?;
    let k = cells.len() - 1;
    let mut rows: Vec<RawRow> = vec![(a, b, cells)];
    let mut last = b;
    let mut pending_section: Option<usize> = None;
    while at < lines.len() && !taken[at] {
        let l = &lines[at];
        if blank(l) {
            at += 1;
            continue;
        }
        if let Some((row, next)) = row_at(text, lines, taken, at, Some(k)) {
            if let Some(s) = pending_section.take() {
                let (ls, le) = super::forms::trim(text, lines[s].start, lines[s].end);
                rows.push((s, s, vec![(ls, le)]));
            }
            last = row.1;
            rows.push(row);
            at = next;
            continue;
        }
        let lt = lower(text[l.start..l.end].trim());
        if pending_section.is_none() && section_line(&lt) {
            pending_section = Some(at);
        } else if !(pending_section.is_some() && english_line(&lt)) {
            break;
        }
        at += 1;
    }
    if rows.len() < 2 {
        return None;
    }
    let (head, unit) = header(text, lines, taken, first);
    let names = names(text, lines, &head, k);
    let first_line = head.first().copied().unwrap_or(first);
    let mut headers = vec!["Năm".to_owned()];
    match names {
        Some(n) => headers.extend(n),
        None => headers.extend((1..=k).map(|n| format!("(cột {n})"))),
    }
    let unit = unit.or_else(|| unit_line(text, lines, first_line));
    Some((
        Raw {
            form: if rows[0].0 == rows[0].1 { Form::Words } else { Form::CellPerLine },
            headers,
            groups: Vec::new(),
            rows,
            unit,
            skipped: 0,
            lines: (first_line, last),
            start: lines[first_line].start,
            end: lines[last].end,
        },
        last + 1,
    ))
}

/// The header lines above the first row (short lines without figures), and a unit line
/// among them ("Người - Person").
fn header(text: &str, lines: &[Line], taken: &[bool], first: usize) -> (Vec<usize>, Option<String>) {
    let mut head = Vec::new();
    let mut unit = None;
    let mut n = first;
    let mut blanks = 0;
    while n > 0 && head.len() < HEADER_LINES {
        n -= 1;
        if taken[n] {
            break;
        }
        let l = &lines[n];
        if blank(l) {
            blanks += 1;
            if blanks > 3 {
                break;
            }
            continue;
        }
        blanks = 0;
        let t = text[l.start..l.end].trim();
        let numbers = tokens(text, l).iter().filter(|&&(s, e)| is_numeric_cell(&text[s..e]) && !is_year_token(&text[s..e])).count();
        if t.chars().count() > 100 || t.ends_with('.') || numbers >= 2 || above_header(text, l) {
            break;
        }
        if unit.is_none() {
            unit = unit_text(&strip_translation(t));
            if unit.is_some() {
                head.push(n);
                continue;
            }
        }
        head.push(n);
    }
    head.reverse();
    (head, unit)
}

/// The column names the header gives, in order, when it gives exactly `k`: words naming a
/// total and the parts of a whole, outside the lines (or the tails of lines) that name the
/// groups ("Phân theo giới tính") and the English.
fn names(text: &str, lines: &[Line], head: &[usize], k: usize) -> Option<Vec<String>> {
    let w = &lexicon().tables;
    let mut leaves: Vec<&str> = w.partitions.iter().flatten().map(String::as_str).collect();
    leaves.sort_by_key(|x| std::cmp::Reverse(x.len()));
    // From the line nearest the rows upwards, until the names are as many as the columns.
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut count = 0;
    for &h in head.iter().rev() {
        if count == k {
            break;
        }
        let l = &lines[h];
        let mut lt = lower(text[l.start..l.end].trim());
        if english_line(&lt) {
            continue;
        }
        for g in &w.groups {
            if let Some(at) = lt.find(g.as_str()) {
                lt.truncate(at);
            }
        }
        // Words in the order they are written: a total first, then the parts.
        let mut hits: Vec<(usize, String)> = Vec::new();
        let mut taken_at: Vec<(usize, usize)> = Vec::new();
        for word in w.totals.iter().map(String::as_str).chain(leaves.iter().copied()) {
            for (at, _) in lt.match_indices(word) {
                let end = at + word.len();
                let before = lt[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                if before && crate::lexicon::boundary_after(&lt, end) && !taken_at.iter().any(|&(s, e)| at < e && s < end) && has_word(&lt, word) {
                    taken_at.push((at, end));
                    hits.push((at, word.to_owned()));
                }
            }
        }
        hits.sort();
        count += hits.len();
        found.push(hits.into_iter().map(|(_, w)| capitalise(&w)).collect());
    }
    (count == k).then(|| found.into_iter().rev().flatten().collect())
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
