//! The audit list: one row per figure with where it is, what it is, which checks covered it
//! and whether it agrees. `.xlsx` (styled for filtering in Excel), `.csv` or `.md`.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

use crate::checks::{Coverage, Finding};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::rules::{Lang, Level};

pub const HEADERS_VI: [&str; 14] = [
    "Tệp", "Dòng", "Cột", "Mục", "Phần", "Chỉ tiêu", "Số liệu", "Giá trị", "Đơn vị", "Vai trò", "Kiểm tra", "Trạng thái", "Mã", "Tính được",
];
pub const HEADERS_EN: [&str; 14] = [
    "File", "Line", "Column", "Section", "Part", "Indicator", "Written", "Value", "Unit", "Role", "Checks", "Status", "Code", "Computed",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub section: String,
    pub part: String,
    pub indicator: String,
    pub written: String,
    pub value: String,
    pub unit: String,
    pub role: String,
    pub checks: String,
    pub status: String,
    pub code: String,
    pub computed: String,
}

impl Row {
    fn cells(&self) -> [String; 14] {
        [
            self.file.clone(),
            self.line.to_string(),
            self.column.to_string(),
            self.section.clone(),
            self.part.clone(),
            self.indicator.clone(),
            self.written.clone(),
            self.value.clone(),
            self.unit.clone(),
            self.role.clone(),
            self.checks.clone(),
            self.status.clone(),
            self.code.clone(),
            self.computed.clone(),
        ]
    }
}

/// The rows of one document. A figure is `lệch` when a finding at warning or above names it
/// (as the disputed figure or an operand), `làm tròn` when only an info finding does (the
/// figures differ within their last written digit), `khớp` when a check covered it and found
/// nothing, `chưa kiểm tra` otherwise.
pub fn rows(doc: &Document, findings: &[Finding], coverage: &Coverage, lang: Lang) -> Vec<Row> {
    let (ok, rounding, bad, unchecked) = status_words(lang);
    let mut out = Vec::new();
    for c in &doc.claims.claims {
        for f in &c.figures {
            let (s, _) = doc.span(f.start, f.end);
            let at = doc.source.original_offset(f.start);
            let names = |x: &Finding| x.span.start == at || x.related.iter().any(|r| r.span.start == at);
            let hit = findings.iter().filter(|x| x.severity >= Level::Warning).find(|x| names(x));
            let near = findings.iter().filter(|x| x.severity == Level::Info).find(|x| names(x));
            let checks = coverage.get(&f.start).map(|s| s.iter().cloned().collect::<Vec<_>>().join(", ")).unwrap_or_default();
            let computed_of = |x: &Finding| if x.span.start == at { x.computed.clone().unwrap_or_default() } else { String::new() };
            let (status, code, computed) = match (hit, near) {
                (Some(x), _) => (bad, x.code.clone(), computed_of(x)),
                (None, Some(x)) => (rounding, x.code.clone(), computed_of(x)),
                (None, None) if !checks.is_empty() => (ok, String::new(), String::new()),
                (None, None) => (unchecked, String::new(), String::new()),
            };
            out.push(Row {
                file: doc.source.name(),
                line: s.line,
                column: s.column,
                section: c.section.clone(),
                part: c.role.as_str().to_owned(),
                indicator: c.indicator.clone(),
                written: f.text.clone(),
                value: f.value().to_string(),
                unit: f.unit.as_ref().map(|u| u.text.clone()).unwrap_or_default(),
                role: f.role.as_str().to_owned(),
                checks,
                status: status.to_owned(),
                code,
                computed,
            });
        }
    }
    out
}

/// A figure of the run that a check across reports examined: its file, line, column, and
/// the rule.
pub struct Covered {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: String,
}

/// Lays the series checks over the rows of a run: a figure compared with another report's
/// is consistent when nothing was found, and takes the status of a finding that names it (as
/// the disputed figure, or as an operand, in its own file or another).
pub fn apply_series(rows: &mut [Row], findings: &[Finding], covered: &[Covered], lang: Lang) {
    let (ok, rounding, bad, unchecked) = status_words(lang);
    let at: std::collections::HashMap<(String, usize, usize), usize> = rows.iter().enumerate().map(|(i, r)| ((r.file.clone(), r.line, r.column), i)).collect();
    let find = |file: &str, s: &crate::checks::Span| at.get(&(file.to_owned(), s.start_loc.line, s.start_loc.column)).copied();
    for c in covered {
        if let Some(&i) = at.get(&(c.file.clone(), c.line, c.column)) {
            let row = &mut rows[i];
            if !row.checks.split(", ").any(|x| x == c.code) {
                row.checks = if row.checks.is_empty() { c.code.clone() } else { format!("{}, {}", row.checks, c.code) };
            }
            if row.status == unchecked {
                row.status = ok.to_owned();
            }
        }
    }
    let rank = |s: &str| [unchecked, ok, rounding, bad].iter().position(|w| *w == s).unwrap_or(0);
    for f in findings {
        let status = if f.severity >= Level::Warning { bad } else { rounding };
        let primary = find(&f.file, &f.span).map(|i| (i, true));
        let related = f.related.iter().filter_map(|r| find(r.file.as_deref().unwrap_or(&f.file), &r.span).map(|i| (i, false)));
        for (i, is_primary) in primary.into_iter().chain(related) {
            let row = &mut rows[i];
            if rank(status) > rank(&row.status) || (rank(status) == rank(&row.status) && row.code.is_empty()) {
                row.status = status.to_owned();
                row.code = f.code.clone();
                row.computed = if is_primary { f.computed.clone().unwrap_or_default() } else { String::new() };
            }
        }
    }
}

/// The status words: agrees, rounding, mismatch, unchecked.
fn status_words(lang: Lang) -> (&'static str, &'static str, &'static str, &'static str) {
    match lang {
        Lang::Vi => ("khớp", "làm tròn", "lệch", "chưa kiểm tra"),
        Lang::En => ("consistent", "rounding", "inconsistent", "unchecked"),
    }
}

/// A number as soi writes it ("1250.4" for a value, "30,0%" or "2.783,48 tỷ đồng" for a
/// computed one) as a spreadsheet number; None when the text is not one.
fn spreadsheet_number(s: &str, vietnamese: bool) -> Option<f64> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))).unwrap_or(s.len());
    let digits = &s[..end];
    if digits.is_empty() || !s[end..].trim().chars().all(|c| !c.is_ascii_digit()) {
        return None;
    }
    let plain = if vietnamese { digits.replace('.', "").replace(',', ".") } else { digits.to_owned() };
    plain.parse::<f64>().ok().filter(|f| f.is_finite())
}

fn headers(lang: Lang) -> [&'static str; 14] {
    match lang {
        Lang::Vi => HEADERS_VI,
        Lang::En => HEADERS_EN,
    }
}

pub fn csv(rows: &[Row], lang: Lang) -> String {
    let field = |s: &str| if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() };
    let mut out = headers(lang).iter().map(|h| field(h)).collect::<Vec<_>>().join(",") + "\r\n";
    for r in rows {
        out.push_str(&r.cells().iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    // A BOM so that Excel opens the UTF-8 as UTF-8.
    format!("\u{feff}{out}")
}

pub fn markdown(rows: &[Row], lang: Lang) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let h = headers(lang);
    let mut out = format!("| {} |\n|{}|\n", h.join(" | "), h.iter().map(|_| "---").collect::<Vec<_>>().join("|"));
    for r in rows {
        out.push_str(&format!("| {} |\n", r.cells().iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
    }
    out
}

pub fn xlsx(path: &Path, rows: &[Row], lang: Lang) -> Result<()> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::Write { path: path.into(), reason: e.to_string() };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(match lang {
        Lang::Vi => "Số liệu",
        Lang::En => "Figures",
    })
    .map_err(err)?;
    let head = Format::new().set_bold().set_background_color(Color::RGB(0x1F4E78)).set_font_color(Color::White).set_border(FormatBorder::Thin);
    let bad = Format::new().set_font_color(Color::RGB(0x9C0006)).set_background_color(Color::RGB(0xFFC7CE));
    let good = Format::new().set_font_color(Color::RGB(0x006100)).set_background_color(Color::RGB(0xC6EFCE));
    let near = Format::new().set_font_color(Color::RGB(0x9C5700)).set_background_color(Color::RGB(0xFFEB9C));
    let rounding = status_words(lang).1;
    let widths = [28.0, 7.0, 7.0, 12.0, 10.0, 48.0, 20.0, 14.0, 12.0, 18.0, 18.0, 14.0, 9.0, 14.0];
    for (c, h) in headers(lang).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
        ws.set_column_width(c as u16, widths[c]).map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in r.cells().iter().enumerate() {
            let col = c as u16;
            // Numbers as numbers, so Excel sums and sorts them; the written form stays in
            // its own column ("Số liệu").
            let number = match c {
                1 | 2 | 7 => spreadsheet_number(v, false),
                13 => spreadsheet_number(v, true),
                _ => None,
            };
            match c {
                _ if number.is_some() => ws.write_number(row, col, number.unwrap_or_default()).map(|_| ()),
                11 if r.status == rounding => ws.write_string_with_format(row, col, v, &near).map(|_| ()),
                11 if r.code.is_empty() && !r.checks.is_empty() => ws.write_string_with_format(row, col, v, &good).map(|_| ()),
                11 if !r.code.is_empty() => ws.write_string_with_format(row, col, v, &bad).map(|_| ()),
                _ => ws.write_string(row, col, v).map(|_| ()),
            }
            .map_err(err)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.autofilter(0, 0, rows.len() as u32, 13).map_err(err)?;
    wb.save(path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_number;

    #[test]
    fn numbers_as_soi_writes_them() {
        assert_eq!(spreadsheet_number("1250.4", false), Some(1250.4));
        assert_eq!(spreadsheet_number("30,0%", true), Some(30.0));
        assert_eq!(spreadsheet_number("2.783,48 tỷ đồng", true), Some(2783.48));
        assert_eq!(spreadsheet_number("", true), None);
        assert_eq!(spreadsheet_number("tháng 5/2024", true), None);
        assert_eq!(spreadsheet_number("5 tỷ / 2 tỷ", true), None);
    }
}
