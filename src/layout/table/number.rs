//! The numbers of a table cell, read under the table's decimal convention. A table decides
//! its convention once, from the evidence of all its cells: `15.40`, `6644.00`, `-7.57` use
//! the dot as decimal mark (and `20,187,293` groups thousands with commas); `1.968,80`,
//! `4.421.190`, `0,003` are Vietnamese. A table whose cells do not decide is ambiguous, and
//! its cells that could be read both ways are not figures.

use rust_decimal::Decimal;

/// Which mark separates the decimals in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// Vietnamese: `.` groups thousands, `,` marks decimals (`1.968,80`).
    Comma,
    /// English: `,` groups thousands, `.` marks decimals (`20,187,293`, `-7.57`).
    Dot,
    /// Only whole numbers without separators: nothing to decide.
    Plain,
    /// The cells disagree, or every separator could be either: separated cells are not read.
    Ambiguous,
}

/// What one number says about the convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    Comma,
    Dot,
    /// `1.234` or `1,234`: a thousands group or three decimals.
    Either,
    Plain,
}

/// A cell's number with thousands grouped by single spaces joined ("120 450,5" → "120450,5"):
/// in a cell of its own, the groups are one number.
fn unspaced(tok: &str) -> std::borrow::Cow<'_, str> {
    let t = tok.trim();
    let int_end = t.find([',', '.', '%']).unwrap_or(t.len());
    let groups: Vec<&str> = t[..int_end].split([' ', '\u{a0}', '\u{202f}', '\u{2009}']).collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let spaced = groups.len() > 1 && (1..=3).contains(&groups[0].len()) && digits(groups[0]) && groups[1..].iter().all(|g| g.len() == 3 && digits(g));
    if spaced {
        std::borrow::Cow::Owned(format!("{}{}", groups.concat(), &t[int_end..]))
    } else {
        std::borrow::Cow::Borrowed(tok)
    }
}

/// The digits and separators of a cell's number, without sign and percent sign.
fn core(tok: &str) -> Option<&str> {
    let t = tok.trim().trim_end_matches('%').trim_end();
    let t = t.strip_prefix(['-', '−', '–', '+']).unwrap_or(t).trim_start();
    let ok = !t.is_empty()
        && t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    ok.then_some(t)
}

fn evidence(t: &str) -> Evidence {
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    let after = |sep: char| t.rsplit(sep).next().map(str::len).unwrap_or(0);
    let int_len = t.find(['.', ',']).unwrap_or(t.len());
    match (dots, commas) {
        (0, 0) => Evidence::Plain,
        (_, 0) if dots > 1 => Evidence::Comma,
        (0, _) if commas > 1 => Evidence::Dot,
        (1, 0) if int_len >= 4 || t.starts_with("0.") || after('.') != 3 => Evidence::Dot,
        (0, 1) if int_len >= 4 || t.starts_with("0,") || after(',') != 3 => Evidence::Comma,
        (1, 0) | (0, 1) => Evidence::Either,
        // Both: the last one marks the decimals.
        _ if t.rfind(',') > t.rfind('.') => Evidence::Comma,
        _ => Evidence::Dot,
    }
}

/// The convention of a table, from the texts of its number cells, each with whether it
/// counts whole things (people, schools): a count is never fractional, so its `15.420` groups
/// thousands with a dot and its `15,420` with a comma.
pub fn decide<'a>(cells: impl Iterator<Item = (&'a str, bool)>) -> DecimalMark {
    let (mut comma, mut dot, mut either) = (0, 0, 0);
    for (t, count) in cells {
        let t = unspaced(t);
        let Some(c) = core(&t) else { continue };
        match evidence(c) {
            Evidence::Comma => comma += 1,
            Evidence::Dot => dot += 1,
            Evidence::Either if count && c.contains('.') => comma += 1,
            Evidence::Either if count => dot += 1,
            Evidence::Either => either += 1,
            Evidence::Plain => {}
        }
    }
    match (comma > 0, dot > 0) {
        (true, false) => DecimalMark::Comma,
        (false, true) => DecimalMark::Dot,
        (true, true) => DecimalMark::Ambiguous,
        (false, false) if either > 0 => DecimalMark::Ambiguous,
        (false, false) => DecimalMark::Plain,
    }
}

/// Whether a cell text is a number in some convention (before the table decides which).
pub fn looks_numeric(tok: &str) -> bool {
    core(&unspaced(tok)).is_some()
}

/// Reads a number under the table's convention: its value with the written precision, or
/// None when the text is not a number, its grouping is wrong, or the table cannot tell.
pub fn read(tok: &str, mark: DecimalMark) -> Option<Decimal> {
    let tok = unspaced(tok);
    let t = core(&tok)?;
    let negative = tok.trim_start().starts_with(['-', '−', '–']);
    let (group, decimal) = match mark {
        DecimalMark::Comma => ('.', ','),
        DecimalMark::Dot => (',', '.'),
        DecimalMark::Plain | DecimalMark::Ambiguous => {
            if evidence(t) != Evidence::Plain {
                return None;
            }
            (' ', ' ')
        }
    };
    let (int, frac) = match t.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if frac.is_some_and(|f| f.contains([group, decimal])) {
        return None;
    }
    // Groups: the first of 1-3 digits, each other of exactly 3.
    let groups: Vec<&str> = int.split(group).collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits: String = groups.concat();
    let written = match frac {
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    written.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_evidence_decides_the_convention() {
        let d = |cells: &[&'static str]| decide(cells.iter().map(|c| (*c, false)));
        assert_eq!(d(&["15.40", "6644.00", "-7.57"]), DecimalMark::Dot);
        assert_eq!(d(&["20,187,293", "319,368", "1,820"]), DecimalMark::Dot);
        assert_eq!(d(&["1.968,80", "997"]), DecimalMark::Comma);
        assert_eq!(d(&["0,003", "25,796"]), DecimalMark::Comma);
        assert_eq!(d(&["1.234", "5.678"]), DecimalMark::Ambiguous);
        assert_eq!(d(&["1,5", "2.25"]), DecimalMark::Ambiguous);
        assert_eq!(d(&["12", "7"]), DecimalMark::Plain);
        // Thousands grouped by spaces are plain whole numbers, or decimals after a comma.
        assert_eq!(d(&["120 450", "98 150"]), DecimalMark::Plain);
        assert_eq!(read("120 450,5", DecimalMark::Comma), Some("120450.5".parse().unwrap()));
        assert_eq!(read("1 20", DecimalMark::Plain), None);
        // Counts of whole things decide: 15.420 pupils.
        assert_eq!(decide([("15.420", true), ("5.678", true)].into_iter()), DecimalMark::Comma);
        assert_eq!(decide([("15,420", true)].into_iter()), DecimalMark::Dot);
    }

    #[test]
    fn cells_read_under_the_convention() {
        let r = |t, m| read(t, m).map(|d| d.to_string());
        assert_eq!(r("1.968,80", DecimalMark::Comma).as_deref(), Some("1968.80"));
        assert_eq!(r("319,368", DecimalMark::Dot).as_deref(), Some("319368"));
        assert_eq!(r("-7.57", DecimalMark::Dot).as_deref(), Some("-7.57"));
        assert_eq!(r("95,5%", DecimalMark::Comma).as_deref(), Some("95.5"));
        assert_eq!(r("1.234", DecimalMark::Ambiguous), None);
        assert_eq!(r("1234", DecimalMark::Ambiguous).as_deref(), Some("1234"));
        assert_eq!(r("12.34.5", DecimalMark::Comma), None);
        assert_eq!(r("29315.30", DecimalMark::Comma), None);
    }
}
