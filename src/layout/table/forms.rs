//! Rebuilding tables from their written forms into `Raw` tables: pipe and tab grids (cells
//! by position in the row), space-aligned columns (cells by character column), single-space
//! rows (a label and a fixed count of numbers), and one cell per line. Each reader claims
//! the lines of the tables it rebuilt; a region it cannot rebuild with confidence stays prose.

use super::number::looks_numeric;
use super::{build, unit_text, Form, Found, Raw, RawRow, Span};
use crate::layout::{Line, LineKind};
use crate::lexicon::{has_word, lexicon};
use crate::text::lower;

/// How far above its first row a header may start, in non-blank lines.
const HEADER_LINES: usize = 8;

pub(super) fn find(text: &str, lines: &[Line]) -> Vec<Found> {
    let mut taken = vec![false; lines.len()];
    let mut out = Vec::new();
    for reader in [grid_pipe as Reader, grid_tabs, numbered_cells, cell_per_line, aligned, words, super::yearbook::read] {
        for raw in reader(text, lines, &taken) {
            if let Some(found) = build(text, raw) {
                for t in taken.iter_mut().take(found.lines.1 + 1).skip(found.lines.0) {
                    *t = true;
                }
                out.push(found);
            }
        }
    }
    out.sort_by_key(|f| f.lines.0);
    out
}

type Reader = fn(&str, &[Line], &[bool]) -> Vec<Raw>;

pub(super) fn blank(l: &Line) -> bool {
    matches!(l.kind, LineKind::Blank | LineKind::PageNumber)
}

/// The trimmed source range of a piece of a line.
pub(super) fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    (s + lead, s + lead + body.len())
}

/// Whether a header text carries the words of table headers (or a year).
pub(super) fn header_words(l: &str) -> bool {
    let w = &lexicon().tables;
    let lists = [&w.number, &w.label, &w.unit, &w.plan, &w.estimate, &w.actual, &w.previous, &w.compare, &w.share, &w.assessment];
    lists.iter().any(|list| list.iter().any(|x| has_word(l, x))) || l.split(|c: char| !c.is_ascii_digit()).any(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")))
}

/// A line that stands above a header, not in it: the table's title ("Bảng 2.3. …", "Biểu
/// 01") or its unit line ("ĐVT: Tỷ đồng").
pub(super) fn above_header(text: &str, l: &Line) -> bool {
    let low = lower(text[l.start..l.end].trim());
    let w = &lexicon().tables;
    let title = ["bảng ", "biểu ", "biểu số", "phụ lục"].iter().any(|t| low.starts_with(t));
    title || w.unit.iter().any(|u| low.strip_prefix(u.as_str()).is_some_and(|r| r.trim_start().starts_with(':')))
}

/// "ĐVT: Tỷ đồng", "(Đơn vị tính: triệu đồng)" on one of the lines just above a table.
pub(super) fn unit_line(text: &str, lines: &[Line], first: usize) -> Option<String> {
    let w = &lexicon().tables;
    for l in lines[first.saturating_sub(3)..first].iter().rev() {
        let t = text[l.start..l.end].trim();
        let low = lower(t);
        for u in &w.unit {
            if let Some(at) = low.find(u.as_str()) {
                let rest = &t[at + u.len()..];
                if let Some(unit) = rest.trim_start().strip_prefix(':') {
                    let unit = unit.trim().trim_end_matches(')').trim();
                    if let Some(found) = unit_text(unit) {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

fn line_text(text: &str, l: &Line) -> String {
    lower(text[l.start..l.end].trim())
}

/// A line naming the measure of the rows below it: "Chỉ số phát triển (Năm trước = 100) - %",
/// "Tỷ lệ tăng - Growth rate (%)", "Cơ cấu - Structure (%)".
pub(super) fn section_line(l: &str) -> bool {
    let w = &lexicon().tables;
    l.chars().count() <= 100 && w.index_sections.iter().chain(&w.growth_sections).chain(&w.share_sections).any(|x| has_word(l, x))
}

/// A line made only of the English of a bilingual table ("Index (Previous year = 100) - %").
pub(super) fn english_line(l: &str) -> bool {
    let english = &lexicon().tables.english;
    let words: Vec<&str> = l.split(|c: char| c.is_whitespace() || "()-–,.:;".contains(c)).filter(|w| !w.is_empty()).collect();
    !words.is_empty() && words.iter().all(|w| english.iter().any(|e| e == w) || w.chars().all(|c| c.is_ascii_digit()))
}

pub(super) fn is_numeric_cell(t: &str) -> bool {
    let t = t.trim();
    looks_numeric(t) || lexicon().tables.empty.iter().any(|e| e == t)
}

/// A row of column numbers under a header: "(1) (2) (3)", "A B 1 2 3".
fn numbering(cells: &[&str]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.trim().trim_matches(['(', ')'])).filter(|c| !c.is_empty()).collect();
    filled.len() >= 3
        && filled.iter().all(|c| (c.len() <= 2 && c.chars().all(|x| x.is_ascii_digit())) || (c.chars().count() == 1 && c.chars().all(|x| x.is_ascii_uppercase())))
}

// ------------------------------------------------------------------ grids: pipes and tabs

/// The cells of a pipe line: between unescaped `|`, trimmed.
fn pipe_cells(text: &str, l: &Line) -> Vec<(usize, usize)> {
    let s = &text[l.start..l.end];
    let mut bars: Vec<usize> = Vec::new();
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            bars.push(i);
        }
    }
    let mut cells = Vec::new();
    for w in bars.windows(2) {
        cells.push(trim(text, l.start + w[0] + 1, l.start + w[1]));
    }
    if let Some(&last) = bars.last() {
        let rest = trim(text, l.start + last + 1, l.end);
        if rest.1 > rest.0 {
            cells.push(rest);
        }
    }
    cells
}

fn tab_cells(text: &str, l: &Line) -> Vec<(usize, usize)> {
    // Leading tabs are empty cells (a total row without a number): only spaces are trimmed.
    let line = &text[l.start..l.end];
    let s = l.start + (line.len() - line.trim_start_matches(' ').len());
    let e = l.start + line.trim_end().len();
    let mut cells = Vec::new();
    let mut from = s;
    for (i, _) in text[s..e].match_indices('\t') {
        cells.push(trim(text, from, s + i));
        from = s + i + 1;
    }
    cells.push(trim(text, from, e));
    cells
}

fn rule_row(text: &str, cells: &[(usize, usize)]) -> bool {
    !cells.is_empty() && cells.iter().all(|&(s, e)| {
        let t = &text[s..e];
        t.contains('-') && t.chars().all(|c| matches!(c, '-' | ':' | ' '))
    })
}

fn grid_pipe(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    grid(text, lines, taken, Form::Pipe, &|l: &Line| l.kind == LineKind::Table, &pipe_cells)
}

fn grid_tabs(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    let tabbed = |l: &Line| l.kind != LineKind::Table && !blank(l) && text[l.start..l.end].trim().contains('\t');
    grid(text, lines, taken, Form::Tabs, &tabbed, &tab_cells)
}

/// Runs of grid lines: the header rows (before a `|---|` rule, or before the first row with
/// numbers), then one row per line.
type Split = dyn Fn(&str, &Line) -> Vec<Span>;

fn grid(text: &str, lines: &[Line], taken: &[bool], form: Form, member: &dyn Fn(&Line) -> bool, split: &Split) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if taken[i] || !member(&lines[i]) {
            i += 1;
            continue;
        }
        let first = i;
        while i < lines.len() && !taken[i] && member(&lines[i]) {
            i += 1;
        }
        let last = i - 1;
        let rows: Vec<(usize, Vec<(usize, usize)>)> = (first..=last).map(|k| (k, split(text, &lines[k]))).collect();
        if let Some(raw) = grid_table(text, lines, form, first, last, rows) {
            out.push(raw);
        }
    }
    out
}

fn grid_table(text: &str, lines: &[Line], form: Form, first: usize, last: usize, rows: Vec<(usize, Vec<(usize, usize)>)>) -> Option<Raw> {
    let texts = |cells: &[(usize, usize)]| cells.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>();
    let has_numbers = |cells: &[(usize, usize)]| {
        cells.iter().skip(1).any(|&(s, e)| {
            let t = &text[s..e];
            looks_numeric(t) && !(t.len() == 4 && (t.starts_with("19") || t.starts_with("20")))
        })
    };
    let rule = rows.iter().position(|(_, c)| rule_row(text, c));
    let head_end = match rule {
        Some(r) => r,
        None => rows.iter().position(|(_, c)| has_numbers(c) && !numbering(&texts(c))).unwrap_or(rows.len()),
    };
    if head_end == 0 || head_end > HEADER_LINES || head_end >= rows.len() {
        return None;
    }
    // Header rows that follow the rule: no numbers, nothing in the label columns ("| | | KH |
    // Cùng kỳ |" under a merged "So sánh (%)").
    let mut body_start = head_end + usize::from(rule.is_some());
    let mut head_rows: Vec<&Vec<(usize, usize)>> = rows[..head_end].iter().map(|(_, c)| c).collect();
    while let Some((_, c)) = rows.get(body_start) {
        let label_empty = c.iter().take(2).all(|&(s, e)| e == s);
        if has_numbers(c) || !label_empty || !c.iter().any(|&(s, e)| e > s) {
            break;
        }
        head_rows.push(c);
        body_start += 1;
    }
    let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    if form == Form::Tabs && width < 3 {
        return None;
    }
    let mut headers = vec![String::new(); width];
    let mut groups: Vec<Option<String>> = vec![None; width];
    head_rows.retain(|c| !numbering(&texts(c)));
    for (h, cells) in head_rows.iter().enumerate() {
        let upper = h + 1 < head_rows.len();
        let mut left = String::new();
        for (j, header) in headers.iter_mut().enumerate() {
            let mut t = cells.get(j).map(|&(s, e)| text[s..e].replace("<br>", " ")).unwrap_or_default();
            // An empty cell in an upper header row continues the cell to its left (a merged
            // "So sánh (%)" over "KH" and "CK"), except over the label columns.
            if t.trim().is_empty() && upper && j > 1 {
                t = left.clone();
            }
            left = t.clone();
            // The top row of a two-level header names the group over the leaves below it.
            if h == 0 && upper && j > 1 && !t.trim().is_empty() {
                groups[j] = Some(t.trim().to_owned());
            }
            if !t.trim().is_empty() && !header.ends_with(t.trim()) {
                if !header.is_empty() {
                    header.push(' ');
                }
                header.push_str(t.trim());
            }
        }
    }
    // A group is a group only over more than one leaf that says more than it does.
    for j in 0..width {
        let spread = groups[j].as_ref().is_some_and(|g| groups.iter().filter(|x| x.as_ref() == Some(g)).count() > 1 && headers[j].trim() != g.as_str());
        if !spread {
            groups[j] = None;
        }
    }
    if !header_words(&lower(&headers.join(" "))) {
        return None;
    }
    let body: Vec<RawRow> = rows[body_start..]
        .iter()
        .filter(|(_, c)| !rule_row(text, c) && !numbering(&texts(c)) && c.iter().any(|&(s, e)| e > s))
        .map(|(k, c)| (*k, *k, c.clone()))
        .collect();
    if body.is_empty() {
        return None;
    }
    Some(Raw {
        form,
        headers,
        groups,
        rows: body,
        unit: unit_line(text, lines, first),
        skipped: 0,
        lines: (first, last),
        start: lines[first].start,
        end: lines[last].end,
    })
}

// ------------------------------------------------------------------ one cell per line

/// The cell of a line of a one-cell-per-line table ("1 |" has its bar dropped).
pub(super) fn line_cell(text: &str, l: &Line) -> (usize, usize) {
    let (s, e) = trim(text, l.start, l.end);
    let t = &text[s..e];
    match t.strip_suffix('|') {
        Some(r) => trim(text, s, s + r.len()),
        None => (s, e),
    }
}

/// One cell per line, with text among the figures (a unit, a range, an assessment), in
/// numbered rows: each row opens with its number (1, 2, 3, …) followed by its label, and
/// every row has as many cells as the header right above the first has lines. Empty cells
/// must be written ("-", "x"): a flattened table loses the blank ones, and then which
/// column a cell belongs to cannot be told. A total row may close the list without a number.
fn numbered_cells(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    let cells: Vec<(usize, (usize, usize))> = (0..lines.len()).filter(|&k| lines[k].kind != LineKind::Blank && !taken[k]).map(|k| (k, line_cell(text, &lines[k]))).collect();
    let t = |i: usize| cells.get(i).map(|c| &text[c.1 .0..c.1 .1]).unwrap_or("");
    let number_is = |i: usize, n: usize| t(i).parse::<usize>().ok() == Some(n);
    let label = |i: usize| {
        let s = t(i);
        s.chars().any(char::is_alphabetic) && !is_numeric_cell(s) && s.chars().count() <= 120
    };
    let short_text = |i: usize| t(i).chars().count() <= 60 && !is_numeric_cell(t(i)) && !t(i).is_empty();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if !(number_is(i, 1) && label(i + 1)) {
            i += 1;
            continue;
        }
        // The width: from row 1 to row 2.
        let Some(w) = (i + 2..cells.len().min(i + 64)).find(|&j| number_is(j, 2) && label(j + 1)).map(|j| j - i) else {
            i += 1;
            continue;
        };
        if w < 3 || i < w || !(i - w..i).all(short_text) {
            i += 1;
            continue;
        }
        let mut rows: Vec<RawRow> = Vec::new();
        let mut at = i;
        let mut n = 1;
        while at + w <= cells.len() && number_is(at, n) && label(at + 1) {
            // The next row must start right after this one, or the list must end.
            let end = at + w;
            if end < cells.len() && !number_is(end, n + 1) && !label(end) {
                break;
            }
            rows.push((cells[at].0, cells[end - 1].0, cells[at..end].iter().map(|c| c.1).collect()));
            at = end;
            n += 1;
        }
        // A total row without a number: its label and one cell fewer.
        let total = lexicon().tables.totals.iter().any(|x| lower(t(at).trim_end_matches(':')) == *x);
        if total && at + w - 1 <= cells.len() {
            let empty = (cells[at].1 .0, cells[at].1 .0);
            let mut row = vec![empty];
            row.extend(cells[at..at + w - 1].iter().map(|c| c.1));
            rows.push((cells[at].0, cells[at + w - 2].0, row));
            at += w - 1;
        }
        // Text among the figures is what the plain reader cannot take; without it, leave the
        // table to that reader.
        let texty = rows.iter().any(|(_, _, cs)| cs.iter().skip(2).any(|&(s, e)| !is_numeric_cell(&text[s..e]) && text[s..e].chars().any(char::is_alphabetic)));
        let headers: Vec<String> = cells[i - w..i].iter().map(|c| text[c.1 .0..c.1 .1].to_owned()).collect();
        if rows.len() < 2 || !texty || !header_words(&lower(&headers.join(" "))) {
            i += 1;
            continue;
        }
        let first = cells[i - w].0;
        let last = rows.last().map(|r| r.1).unwrap_or(first);
        out.push(Raw {
            form: Form::CellPerLine,
            headers,
            groups: Vec::new(),
            rows,
            unit: unit_line(text, lines, first),
            skipped: 0,
            lines: (first, last),
            start: lines[first].start,
            end: lines[last].end,
        });
        i = at;
    }
    out
}

fn cell_per_line(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    // Non-blank lines, as cells.
    // Short numbers look like page numbers to the layout; here they are cells.
    let cells: Vec<(usize, (usize, usize))> = (0..lines.len()).filter(|&k| lines[k].kind != LineKind::Blank && !taken[k]).map(|k| (k, line_cell(text, &lines[k]))).collect();
    let is_num = |c: (usize, usize)| is_numeric_cell(&text[c.0..c.1]);
    let short = |c: (usize, usize)| text[c.0..c.1].chars().count() <= 60 && !text[c.0..c.1].ends_with('.');
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        // A row: an optional number line, a label line, then K number lines.
        let Some((rows, next, stt, k)) = cell_rows(text, &cells, i, &is_num, &short) else {
            i += 1;
            continue;
        };
        if rows.len() < 3 {
            i += 1;
            continue;
        }
        // The header: short text lines above the first row (no numbers, no taken lines).
        let first_row_line = cells[i].0;
        let mut head: Vec<(usize, (usize, usize))> = Vec::new();
        let mut j = i;
        while j > 0 && head.len() < 4 * k + 4 {
            j -= 1;
            let (line, c) = cells[j];
            if !short(c) || is_num(c) || taken[line] || (j + 1 < cells.len() && cells[j + 1].0 > line + 3) {
                break;
            }
            head.push((line, c));
        }
        head.reverse();
        let labels = 1 + usize::from(stt);
        // Label headers, then group headers over the leaves, then one leaf per number column.
        let mut found = None;
        for skip in 0..head.len() {
            let h = &head[skip..];
            let Some(groups) = h.len().checked_sub(labels + k) else { break };
            if groups == 0 || (k % groups == 0 && groups < k) {
                found = Some((skip, groups));
                break;
            }
        }
        let Some((skip, n_groups)) = found else {
            i = next;
            continue;
        };
        let h = &head[skip..];
        let ht = |c: (usize, usize)| text[c.0..c.1].to_owned();
        let mut headers: Vec<String> = h[..labels].iter().map(|x| ht(x.1)).collect();
        let mut groups: Vec<Option<String>> = vec![None; labels];
        if stt && headers.len() == 2 {
            headers[0] = "STT".into();
        }
        let leaves = &h[labels + n_groups..];
        for (q, leaf) in leaves.iter().enumerate() {
            let group = match k.checked_div(n_groups) {
                Some(per) if per > 0 => Some(ht(h[labels + q / per].1)),
                _ => None,
            };
            headers.push(match &group {
                Some(g) => format!("{g} {}", ht(leaf.1)),
                None => ht(leaf.1),
            });
            groups.push(group);
        }
        if !header_words(&lower(&headers.join(" "))) {
            i = next;
            continue;
        }
        let first = h.first().map(|x| x.0).unwrap_or(first_row_line);
        let last = rows.last().map(|r| r.1).unwrap_or(first_row_line);
        out.push(Raw {
            form: Form::CellPerLine,
            headers,
            groups,
            rows,
            unit: unit_line(text, lines, first),
            skipped: 0,
            lines: (first, last),
            start: lines[first].start,
            end: lines[last].end,
        });
        i = next;
    }
    out
}

type CellRows = (Vec<RawRow>, usize, bool, usize);

/// Rows of the same shape from cell `i` on: [number line] label line, K number lines.
/// Returns the rows, the next cell index, whether rows carry a number line, and K.
fn cell_rows(
    text: &str,
    cells: &[(usize, (usize, usize))],
    i: usize,
    is_num: &dyn Fn((usize, usize)) -> bool,
    short: &dyn Fn((usize, usize)) -> bool,
) -> Option<CellRows> {
    let stt_at = |at: usize, want: u32| {
        cells.get(at).is_some_and(|c| text[c.1 .0..c.1 .1].parse::<u32>().ok() == Some(want)) && cells.get(at + 1).is_some_and(|c| !is_num(c.1))
    };
    let stt = stt_at(i, 1);
    let mut at = i;
    let mut rows = Vec::new();
    let mut k: Option<usize> = None;
    let mut n = 1;
    loop {
        let start = at;
        let mut row = Vec::new();
        if stt {
            if !stt_at(at, n) {
                // A total row closes a numbered list without a number.
                if cells.get(at).is_some_and(|c| !is_num(c.1) && short(c.1)) && !rows.is_empty() {
                    row.push((cells[at].1 .0, cells[at].1 .0));
                } else {
                    break;
                }
            } else {
                row.push(cells[at].1);
                at += 1;
            }
        }
        let Some(&(_, label)) = cells.get(at) else { break };
        if is_num(label) || !short(label) || !text[label.0..label.1].chars().any(|c| c.is_alphabetic()) {
            break;
        }
        row.push(label);
        at += 1;
        let mut count = 0;
        while let Some(&(_, c)) = cells.get(at) {
            // The next row's number, followed by its label, ends this row.
            if !is_num(c) || (stt && stt_at(at, n + 1)) {
                break;
            }
            if k.is_some_and(|k| count == k) {
                break;
            }
            row.push(c);
            count += 1;
            at += 1;
        }
        match k {
            None if count >= 2 => k = Some(count),
            Some(k) if count == k => {}
            _ => break,
        }
        rows.push((cells[start].0, cells[at - 1].0, row));
        n += 1;
    }
    let k = k?;
    (!rows.is_empty()).then_some((rows, at.max(i + 1), stt, k))
}

// ------------------------------------------------------------------ space-aligned columns

/// A piece of a line between runs of 2+ spaces: source range and character columns.
#[derive(Debug, Clone, Copy)]
struct Frag {
    s: usize,
    e: usize,
    a: usize,
    b: usize,
}

fn frags(text: &str, l: &Line) -> Vec<Frag> {
    let line = &text[l.start..l.end];
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None; // (byte start, char start)
    let mut spaces = 0;
    let mut last_end = (0, 0); // byte end, char end of the last non-space
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            spaces += if c == '\t' { 2 } else { 1 };
            continue;
        }
        if spaces >= 2 || cur.is_none() {
            if let Some((bs, cs)) = cur {
                out.push(Frag { s: l.start + bs, e: l.start + last_end.0, a: cs, b: last_end.1 });
            }
            cur = Some((i, col));
        }
        spaces = 0;
        last_end = (i + c.len_utf8(), col);
    }
    if let Some((bs, cs)) = cur {
        out.push(Frag { s: l.start + bs, e: l.start + last_end.0, a: cs, b: last_end.1 });
    }
    out
}

/// "2010": a column header, not a figure.
fn is_year(t: &str) -> bool {
    t.len() == 4 && (t.starts_with("19") || t.starts_with("20")) && t.chars().all(|c| c.is_ascii_digit())
}

/// A data row of an aligned table: label fragments, then at least two number fragments.
fn aligned_row(text: &str, fs: &[Frag]) -> Option<usize> {
    // Value cells: numbers, and what stands among them in a column (a range or a bound of a
    // plan, an assessment).
    let value = |f: &Frag| is_numeric_cell(&text[f.s..f.e]) || !matches!(super::value_of(&text[f.s..f.e], super::DecimalMark::Comma), super::Value::Text);
    let values = fs.iter().rev().take_while(|f| value(f)).count();
    if values > 0 && fs[fs.len() - values..].iter().all(|f| is_year(&text[f.s..f.e])) {
        return None;
    }
    let label = &fs[..fs.len() - values];
    let real = fs[fs.len() - values..].iter().filter(|f| looks_numeric(&text[f.s..f.e])).count();
    (values >= 2 && real >= 1 && !label.is_empty() && label.iter().any(|f| text[f.s..f.e].chars().any(|c| c.is_alphabetic()))).then_some(values)
}

fn aligned(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Three fragments need two gaps of two spaces (or a tab): most lines have none.
        let line = &text.as_bytes()[lines[i].start..lines[i].end];
        let gap = |k: usize| match line[k] {
            b'\t' => true,
            b' ' => line.get(k + 1) == Some(&b' '),
            0xC2 => line.get(k + 1) == Some(&0xA0),
            _ => false,
        };
        if taken[i] || !(0..line.len()).any(gap) {
            i += 1;
            continue;
        }
        let fs = frags(text, &lines[i]);
        let Some(k) = (fs.len() >= 3).then(|| aligned_row(text, &fs)).flatten() else {
            i += 1;
            continue;
        };
        // The rows: lines with K values, text-only group lines in the label area between them.
        let first_row = i;
        let label_end = fs[fs.len() - k].a;
        let mut rows: Vec<(usize, Vec<Frag>)> = Vec::new();
        let mut skipped = 0;
        let mut j = i;
        let mut last = i;
        while j < lines.len() && !taken[j] {
            let l = &lines[j];
            if blank(l) {
                j += 1;
                continue;
            }
            let f = frags(text, l);
            match aligned_row(text, &f) {
                Some(n) if n == k => {
                    rows.push((j, f));
                    last = j;
                }
                Some(_) => skipped += 1,
                None if f.len() == 1 && f[0].a < label_end && !text[f[0].s..f[0].e].ends_with('.') && !looks_numeric(&text[f[0].s..f[0].e]) => {
                    // A group line ("Phân theo giới tính") only inside the table.
                    let more = (j + 1..lines.len().min(j + 4)).any(|n| !blank(&lines[n]) && aligned_row(text, &frags(text, &lines[n])) == Some(k));
                    if !more {
                        break;
                    }
                    rows.push((j, f));
                }
                // A row with a cell missing: which column lost it cannot be told, so the row is
                // left out (and counted), not guessed.
                None if f.len() > 1 && f.iter().any(|x| x.a + 2 >= label_end && looks_numeric(&text[x.s..x.e])) => skipped += 1,
                // A line opening a block of an index, a growth or a shares ("Chỉ số phát
                // triển (Năm trước = 100) - %") between rows of the same columns: a group
                // row; its English translation on the next line is passed over.
                None if f.len() <= 2 && section_line(&line_text(text, l)) => {
                    let more = (j + 1..lines.len().min(j + 6)).any(|n| !blank(&lines[n]) && aligned_row(text, &frags(text, &lines[n])) == Some(k));
                    if !more {
                        break;
                    }
                    let joined = Frag { s: f[0].s, e: f[f.len() - 1].e, a: 0, b: f[f.len() - 1].b };
                    rows.push((j, vec![joined]));
                }
                None if english_line(&line_text(text, l)) && rows.last().is_some_and(|r| r.1.len() == 1) => {}
                None => break,
            }
            j += 1;
        }
        i = j.max(i + 1);
        if rows.iter().filter(|r| r.1.len() > 1).count() < 2 {
            continue;
        }
        // Value columns: the character spans of each of the K value fragments.
        let mut spans: Vec<(usize, usize)> = vec![(usize::MAX, 0); k];
        for (_, f) in rows.iter().filter(|r| r.1.len() > 1) {
            for (q, fr) in f[f.len() - k..].iter().enumerate() {
                spans[q] = (spans[q].0.min(fr.a), spans[q].1.max(fr.b));
            }
        }
        let area = spans[0].0;
        // The header: lines above the first row with a fragment over the value columns.
        let mut head: Vec<usize> = Vec::new();
        let mut n = first_row;
        let mut blanks = 0;
        while n > 0 && head.len() < HEADER_LINES {
            n -= 1;
            if taken[n] {
                break;
            }
            if blank(&lines[n]) {
                blanks += 1;
                if blanks > 3 {
                    break;
                }
                continue;
            }
            blanks = 0;
            let f = frags(text, &lines[n]);
            // A header line has a piece over the number columns, and no long one running into
            // them from the label side (that is prose, or a title).
            if !f.iter().any(|x| x.b >= area) || f.iter().any(|x| x.a < area && x.b >= area && x.b - x.a > 25) || aligned_row(text, &f).is_some() || above_header(text, &lines[n]) {
                break;
            }
            head.push(n);
        }
        head.reverse();
        let mut headers = vec![String::new(); k + 1];
        for &h in &head {
            for fr in frags(text, &lines[h]) {
                let t = &text[fr.s..fr.e];
                let over: Vec<usize> = (0..k).filter(|&q| fr.a <= spans[q].1 && fr.b >= spans[q].0).collect();
                let targets = if fr.b < area {
                    vec![0]
                } else if over.is_empty() {
                    // The nearest column by centre.
                    let mid = (fr.a + fr.b) / 2;
                    (0..k).min_by_key(|&q| ((spans[q].0 + spans[q].1) / 2).abs_diff(mid)).map(|q| vec![q + 1]).unwrap_or_default()
                } else {
                    over.iter().map(|q| q + 1).collect()
                };
                for q in targets {
                    if !headers[q].is_empty() {
                        headers[q].push(' ');
                    }
                    headers[q].push_str(t);
                }
            }
        }
        if head.is_empty() || !header_words(&lower(&headers[1..].join(" "))) {
            continue;
        }
        let body: Vec<RawRow> = rows
            .iter()
            .map(|(line, f)| {
                let label = f.iter().take(f.len().saturating_sub(if f.len() > 1 { k } else { 0 }));
                let (s, e) = label.fold((usize::MAX, 0), |acc, x| (acc.0.min(x.s), acc.1.max(x.e)));
                let mut cells = vec![if s == usize::MAX { (lines[*line].start, lines[*line].start) } else { (s, e) }];
                if f.len() > 1 {
                    cells.extend(f[f.len() - k..].iter().map(|x| (x.s, x.e)));
                }
                (*line, *line, cells)
            })
            .collect();
        let first = head.first().copied().unwrap_or(first_row);
        out.push(Raw { form: Form::Spaces, headers, groups: Vec::new(), rows: body, unit: unit_line(text, lines, first), skipped, lines: (first, last), start: lines[first].start, end: lines[last].end });
    }
    out
}

// ------------------------------------------------------------------ single-space rows

/// Whitespace-separated tokens of a line, as source ranges.
pub(super) fn tokens(text: &str, l: &Line) -> Vec<(usize, usize)> {
    token_iter(text, l.start, l.end).collect()
}

/// `tokens` of `text[start..end]`, one at a time.
pub(super) fn token_iter(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let s = &text[start..end];
    let mut chars = s.char_indices().skip_while(|(_, c)| c.is_whitespace()).peekable();
    std::iter::from_fn(move || {
        let (from, _) = chars.next()?;
        let to = chars.by_ref().find(|(_, c)| c.is_whitespace()).map_or(s.len(), |(i, _)| i);
        // Past the whitespace that ended the token.
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        Some((start + from, start + to))
    })
}

/// Whether the last of a line's `tokens` is a number: a row of `word_row` ends in two.
fn last_token_numeric(text: &str, l: &Line) -> bool {
    let s = text[l.start..l.end].trim_end_matches(char::is_whitespace);
    let last = s.rfind(char::is_whitespace).map_or(s, |i| s[i..].trim_start_matches(char::is_whitespace));
    !last.is_empty() && is_numeric_cell(last)
}

/// A single-space row: the count of trailing numbers, when the label before them has a
/// letter and no number of its own (but a leading row number, or one in parentheses).
fn word_row(text: &str, toks: &[(usize, usize)]) -> Option<usize> {
    let k = toks.iter().rev().take_while(|&&(s, e)| is_numeric_cell(&text[s..e])).count();
    if k < 2 || k == toks.len() {
        return None;
    }
    let label = &toks[..toks.len() - k];
    if !label.iter().any(|&(s, e)| text[s..e].chars().any(|c| c.is_alphabetic())) || toks[toks.len() - k..].iter().all(|&(s, e)| is_year(&text[s..e])) {
        return None;
    }
    let mut depth = 0i32;
    for (n, &(s, e)) in label.iter().enumerate() {
        let t = &text[s..e];
        let inside = depth > 0 || t.starts_with('(');
        depth += t.matches('(').count() as i32 - t.matches(')').count() as i32;
        if n > 0 && !inside && looks_numeric(t.trim_end_matches(['.', ')'])) {
            return None;
        }
    }
    Some(k)
}

fn words(text: &str, lines: &[Line], taken: &[bool]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if taken[i] || blank(&lines[i]) || !last_token_numeric(text, &lines[i]) {
            i += 1;
            continue;
        }
        let toks = tokens(text, &lines[i]);
        if word_row(text, &toks).is_none() {
            i += 1;
            continue;
        }
        // The header above: up to six short lines, with as many years as the rows have numbers.
        let first_row = i;
        let mut head: Vec<usize> = Vec::new();
        let mut n = first_row;
        while n > 0 && head.len() < 6 {
            n -= 1;
            if taken[n] || blank(&lines[n]) {
                break;
            }
            let t = text[lines[n].start..lines[n].end].trim();
            let numbers = tokens(text, &lines[n]).iter().filter(|&&(s, e)| looks_numeric(&text[s..e]) && !is_year(&text[s..e])).count();
            if t.chars().count() > 150 || t.ends_with('.') || numbers >= 2 || above_header(text, &lines[n]) {
                break;
            }
            head.push(n);
        }
        head.reverse();
        let head_text: String = head.iter().map(|&h| text[lines[h].start..lines[h].end].trim()).collect::<Vec<_>>().join(" ");
        let columns = year_columns(&head_text);
        let k = columns.len();
        // The rows: lines with K numbers; a label-only line joins the row below it.
        let mut rows: Vec<RawRow> = Vec::new();
        let mut short: Vec<usize> = Vec::new();
        let mut skipped = 0;
        let mut pending: Option<usize> = None;
        let mut j = first_row;
        let mut last = first_row;
        while j < lines.len() && !taken[j] {
            let l = &lines[j];
            if blank(l) {
                j += 1;
                continue;
            }
            let t = tokens(text, l);
            match word_row(text, &t) {
                // A row one figure short is kept aside: it fills the columns before a last
                // column that holds nothing but zeros (a year with no data yet).
                Some(c) if (c == k && k >= 2) || (c + 1 == k && k >= 4) => {
                    let label_toks = &t[..t.len() - c];
                    let from = pending.take().unwrap_or(j);
                    let label = (if from < j { lines[from].start + (text[lines[from].start..lines[from].end].len() - text[lines[from].start..lines[from].end].trim_start().len()) } else { label_toks[0].0 }, label_toks[label_toks.len() - 1].1);
                    let mut cells = vec![label];
                    cells.extend_from_slice(&t[t.len() - c..]);
                    if c < k {
                        cells.push((l.end, l.end));
                        short.push(rows.len());
                    }
                    rows.push((from, j, cells));
                    last = j;
                }
                Some(_) => {
                    skipped += 1 + usize::from(pending.take().is_some());
                    last = j;
                }
                None if pending.is_none() && !t.is_empty() && text[t[0].0..t[t.len() - 1].1].chars().count() <= 60 && !t.iter().any(|&(s, e)| looks_numeric(&text[s..e])) => {
                    // A wrapped label ("6 Chi quản lý hành chính, Đảng," / "Đoàn thể 402,7 …").
                    let next_is_row = (j + 1 < lines.len()) && word_row(text, &tokens(text, &lines[j + 1])) == Some(k);
                    if !next_is_row {
                        break;
                    }
                    pending = Some(j);
                }
                None => {
                    // A line of several rows run together, or anything else with numbers.
                    if t.iter().filter(|&&(s, e)| looks_numeric(&text[s..e])).count() >= 2 && t.iter().any(|&(s, e)| text[s..e].chars().any(char::is_alphabetic)) {
                        skipped += 1;
                        last = j;
                    } else {
                        break;
                    }
                }
            }
            j += 1;
        }
        i = j.max(i + 1);
        // The short rows stand only if every full row has a zero in the last column.
        let zero = |(s, e): (usize, usize)| looks_numeric(&text[s..e]) && text[s..e].chars().all(|c| matches!(c, '0' | '.' | ',' | '-'));
        let full: Vec<&RawRow> = rows.iter().enumerate().filter(|(n, _)| !short.contains(n)).map(|(_, r)| r).collect();
        let placeholder = !full.is_empty() && full.iter().all(|(_, _, cells)| cells.last().is_some_and(|&c| zero(c)));
        if !placeholder && !short.is_empty() {
            skipped += short.len();
            rows = rows.into_iter().enumerate().filter(|(n, _)| !short.contains(n)).map(|(_, r)| r).collect();
        }
        if k < 2 || rows.len() < 2 || head.is_empty() {
            continue;
        }
        let mut headers = vec![head_label(&head_text)];
        // A unit column ("ĐV tính"): the unit closes each row's label ("… Tỷ đồng 29315.30").
        let low_head = lower(&head_text);
        if let Some(u) = lexicon().tables.unit.iter().find(|u| has_word(&low_head, u)) {
            headers.push(u.clone());
            for (_, _, cells) in rows.iter_mut() {
                let label = cells[0];
                let unit = label_tail_unit(text, label);
                let (ls, le) = match unit {
                    Some(us) => trim(text, label.0, us),
                    None => label,
                };
                cells[0] = (ls, le);
                cells.insert(1, match unit {
                    Some(us) => (us, label.1),
                    None => (label.1, label.1),
                });
            }
        }
        headers.extend(columns);
        let first = head[0];
        out.push(Raw { form: Form::Words, headers, groups: Vec::new(), rows, unit: unit_line(text, lines, first), skipped, lines: (first, last), start: lines[first].start, end: lines[last].end });
    }
    out
}

/// Where a unit closing a label starts ("Dịch vụ %", "… (Giá 2010) Tỷ đồng"), if one does.
fn label_tail_unit(text: &str, (s, e): (usize, usize)) -> Option<usize> {
    let label = &text[s..e];
    let spaces: Vec<usize> = label.match_indices(' ').map(|(i, _)| i).collect();
    // The longest tail of at most three words that reads whole as a unit.
    for &at in spaces.iter().rev().take(3).collect::<Vec<_>>().iter().rev() {
        if unit_text(&label[at + 1..]).is_some() {
            return Some(s + at + 1);
        }
    }
    None
}

/// The label header of a single-space header: what precedes the first year ("Chỉ tiêu").
fn head_label(head: &str) -> String {
    let l = lower(head);
    let w = &lexicon().tables;
    w.label.iter().find(|x| has_word(&l, x)).cloned().unwrap_or_default()
}

/// The number columns of a single-space header: one per year ("Năm 2008", "2010"), each under
/// its group when groups with units ("Diện tích (ha)", "Sản lượng (tấn)") divide them evenly.
fn year_columns(head: &str) -> Vec<String> {
    let toks: Vec<&str> = head.split_whitespace().collect();
    let mut years: Vec<String> = Vec::new();
    for (n, t) in toks.iter().enumerate() {
        let bare = t.trim_matches(|c: char| !c.is_ascii_digit());
        if bare.len() == 4 && (bare.starts_with("19") || bare.starts_with("20")) && bare.len() + 2 >= t.len() {
            let before = if n > 0 && lower(toks[n - 1]) == "năm" { "Năm " } else { "" };
            years.push(format!("{before}{bare}"));
        }
    }
    // Groups: "Diện tích (ha)": words ending in a parenthesised unit, before the first year.
    let first_year = head.find(|c: char| c.is_ascii_digit()).unwrap_or(head.len());
    let mut groups: Vec<String> = Vec::new();
    let mut from = 0;
    let pre = &head[..first_year];
    for (at, _) in pre.match_indices(')') {
        if let Some(open) = pre[..at].rfind('(') {
            if unit_text(&pre[open + 1..at]).is_some() {
                let start = pre[from..open].trim_end().rfind(|c: char| c.is_uppercase()).map(|p| from + p).unwrap_or(from);
                groups.push(pre[start..=at].trim().to_owned());
            }
        }
        from = at + 1;
    }
    if !groups.is_empty() && years.len().is_multiple_of(groups.len()) && groups.len() < years.len() {
        let per = years.len() / groups.len();
        return years.iter().enumerate().map(|(q, y)| format!("{} {y}", groups[q / per])).collect();
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_the_runs_between_whitespace() {
        let text = "x  Năm\u{a0}2015  12,5\t7 ";
        let toks: Vec<&str> = token_iter(text, 1, text.len()).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(toks, ["Năm", "2015", "12,5", "7"]);
        assert_eq!(token_iter(text, 0, 1).collect::<Vec<_>>(), [(0, 1)]);
        assert_eq!(token_iter("   ", 0, 3).count(), 0);
    }

    #[test]
    fn single_space_headers_give_year_columns() {
        assert_eq!(year_columns("TT CHỈ TIÊU Năm 2008 Năm 2009 Năm 2010"), vec!["Năm 2008", "Năm 2009", "Năm 2010"]);
        assert_eq!(
            year_columns("TT Huyện Diện tích (ha) Sản lượng (tấn) 2008 2010 2008 2010"),
            vec!["Diện tích (ha) 2008", "Diện tích (ha) 2010", "Sản lượng (tấn) 2008", "Sản lượng (tấn) 2010"]
        );
    }
}
