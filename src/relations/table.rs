//! Indicator tables as relations. The cells of a table are figures (claims whose `cell` names
//! them); the finders in `table_*.rs` bind them by what the columns and rows mean: comparison
//! columns, assessments, totals, shares, the scale of a row. Here: one table's grid of
//! figures, and the matching of the rows of an index, growth or share block to the amount
//! rows they are computed from.

use rustc_hash::FxHashMap as HashMap;

use rust_decimal::Decimal;

use super::{Input, Relation};
use crate::claims::{key, FigRef};
use crate::layout::{strip_translation, Meaning, Measure, Table, Value};
use crate::lexicon::{has_word, lexicon};
use crate::text::lower;

/// One table and the figures of its cells.
pub(super) struct Grid<'a> {
    pub t: usize,
    pub table: &'a Table,
    figs: HashMap<(usize, usize), FigRef>,
    /// The rows right under each row, found once (finders ask for them row after row).
    kids: Vec<Vec<usize>>,
}

impl<'a> Grid<'a> {
    fn new(t: usize, table: &'a Table, figs: HashMap<(usize, usize), FigRef>) -> Grid<'a> {
        let mut kids = vec![Vec::new(); table.rows.len()];
        for (r, row) in table.rows.iter().enumerate() {
            if let Some(k) = row.parent.and_then(|p| kids.get_mut(p)) {
                k.push(r);
            }
        }
        Grid { t, table, figs, kids }
    }

    /// The rows right under row `r`.
    pub fn children(&self, r: usize) -> &[usize] {
        self.kids.get(r).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The figure of a cell, if the cell is one.
    pub fn fig(&self, r: usize, j: usize) -> Option<FigRef> {
        self.figs.get(&(r, j)).copied()
    }

    /// The number of a cell, if it holds one.
    pub fn number(&self, r: usize, j: usize) -> Option<Decimal> {
        match self.table.rows.get(r)?.cells.get(j)?.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Columns of figures of the indicator (not comparisons or shares).
    pub fn value_columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.table.columns.iter().enumerate().filter(|(_, c)| matches!(c.meaning, Meaning::Value { .. })).map(|(j, _)| j)
    }

    /// The period of a value column.
    pub fn period(&self, j: usize) -> Option<&str> {
        match &self.table.columns.get(j)?.meaning {
            Meaning::Value { period, .. } => period.as_deref(),
            _ => None,
        }
    }

    /// The value column of the period just before column `j`'s, of the same kind, group and
    /// unit (the one alone that fits).
    pub fn previous_column(&self, j: usize) -> Option<usize> {
        let (Meaning::Value { kind, period: Some(p) }, col) = (&self.table.columns.get(j)?.meaning, &self.table.columns[j]) else { return None };
        let same = |i: usize| {
            let c = &self.table.columns[i];
            matches!(&c.meaning, Meaning::Value { kind: k, .. } if k == kind) && c.group == col.group && c.unit == col.unit
        };
        let found: Vec<usize> = self.value_columns().filter(|&i| i != j && same(i) && self.period(i).is_some_and(|q| crate::layout::is_previous(q, p))).collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The column a value column is compared with as its earlier period: the one a
    /// comparison column names as its base against a previous period, else the column of the
    /// period just before.
    pub fn earlier_column(&self, j: usize) -> Option<usize> {
        let compared = self.table.columns.iter().find_map(|c| match c.meaning {
            Meaning::Compare { of: Some(of), base: Some(base), against, .. } if of == j && against != crate::layout::Against::Plan => Some(base),
            _ => None,
        });
        compared.or_else(|| self.previous_column(j))
    }

    /// A row's label as rows are matched: the key of the label without its translation.
    pub fn row_key(&self, r: usize) -> String {
        self.table.rows.get(r).map(|row| label_key(&row.label)).unwrap_or_default()
    }
}

/// The key rows and columns are matched by: the lexicon's key, on the label without its
/// English translation ("Tiểu học - Primary"), with the tone of "oa", "oe", "uy" placed one
/// way ("thuỷ sản" and "thủy sản" are one word).
pub(super) fn label_key(label: &str) -> String {
    canonical_tones(&key(&strip_translation(label)))
}

/// Old and new placements of a tone in "oa", "oe", "uy": "hoà" and "hòa", "thuỷ" and "thủy".
fn canonical_tones(s: &str) -> String {
    const PAIRS: [(&str, &str); 15] = [
        ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
        ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
        ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
    ];
    let mut out = s.to_owned();
    for (old, new) in PAIRS {
        if out.contains(old) {
            out = out.replace(old, new);
        }
    }
    out
}

/// Whether a header or label names a total ("Tổng số", "Tổng", "Cộng", "Tổng số - Total").
pub(super) fn is_total_word(header: &str) -> bool {
    let l = lower(&strip_translation(header));
    let l = l.trim_end_matches(':').trim();
    lexicon().tables.totals.iter().any(|w| l == w)
}

/// Whether labels name all the parts of a whole (a partition of the lexicon: "Nam", "Nữ").
pub(super) fn is_partition(labels: &[String]) -> bool {
    let mut have: Vec<String> = labels.iter().map(|l| lower(&strip_translation(l)).trim_end_matches(':').trim().to_owned()).collect();
    have.sort();
    have.dedup();
    have.len() == labels.len()
        && lexicon().tables.partitions.iter().any(|p| {
            let mut want = p.clone();
            want.sort();
            want == have
        })
}

/// For each row of an index, growth or share block, the amount rows it is computed from:
/// the best candidate first, then the others that fit as well (tried as alternatives).
/// - A block opened by a line (a yearbook's "Chỉ số phát triển (Năm trước = 100)") lists
///   the same rows as the amounts above it: rows are matched in order, by label.
/// - A row whose own label names the measure ("Tốc độ tăng trưởng GRDP") heads rows that
///   match the children of an amount row ("Tổng giá trị gia tăng (Giá 2010)"): the head is
///   matched to that row, each child to its child of the same label. Among several such
///   amount rows, a growth prefers constant prices and a share current prices, then the one
///   whose label shares most words with the head's.
pub(super) fn counterparts(g: &Grid) -> Vec<(usize, Vec<usize>)> {
    let rows = &g.table.rows;
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    if g.table.period_rows {
        return out;
    }
    let amounts: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].measure == Measure::Amount && !rows[r].group).collect();
    let keys: Vec<String> = (0..rows.len()).map(|r| g.row_key(r)).collect();
    let children = |p: usize| -> Vec<usize> { g.children(p).to_vec() };
    // The amount rows of each key, in order.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::default();
    for &a in &amounts {
        by_key.entry(keys[a].as_str()).or_default().push(a);
    }
    let mut last_matched: Option<usize> = None;
    let mut r = 0;
    while r < rows.len() {
        let row = &rows[r];
        if row.measure == Measure::Amount || row.group {
            r += 1;
            continue;
        }
        let kids = children(r);
        if names_measure(&row.label) && !kids.is_empty() && (0..row.cells.len()).any(|j| g.fig(r, j).is_some()) {
            // A head with children: the amount rows whose children match at least two of its.
            let mut cands: Vec<(usize, usize)> = amounts
                .iter()
                .filter(|&&a| a != r)
                .map(|&a| {
                    let theirs = children(a);
                    (a, kids.iter().filter(|&&k| !keys[k].is_empty() && theirs.iter().any(|&t| keys[t] == keys[k])).count())
                })
                .filter(|&(_, n)| n >= 2)
                .collect();
            rank(g, r, &mut cands);
            if let Some(&(best, _)) = cands.first() {
                let tied: Vec<usize> = cands.iter().take_while(|c| same_rank(g, r, c.0, best)).map(|c| c.0).collect();
                out.push((r, tied.clone()));
                for k in kids {
                    // A child is matched only under the best amount rows, never elsewhere.
                    let found: Vec<usize> = tied.iter().filter_map(|&a| children(a).into_iter().find(|&t| keys[t] == keys[k])).collect();
                    if !found.is_empty() {
                        out.push((k, found));
                    }
                }
            }
            let head = r;
            r += 1;
            while r < rows.len() && under(g.table, r, head) {
                r += 1;
            }
            continue;
        }
        // A row of a block opened by a line: the first amount row of its label after the last
        // one matched (the block lists the rows above it again, in order).
        let found = by_key.get(keys[r].as_str()).filter(|_| !keys[r].is_empty()).and_then(|list| {
            let from = list.partition_point(|&a| last_matched.is_some_and(|x| a <= x));
            list.get(from).copied().filter(|&a| a < r)
        });
        if let Some(a) = found {
            out.push((r, vec![a]));
            last_matched = Some(a);
        }
        r += 1;
    }
    out
}

/// Whether a label itself names an index, growth or share ("Tốc độ tăng trưởng …", "Cơ cấu …").
fn names_measure(label: &str) -> bool {
    let w = &lexicon().tables;
    let l = lower(label);
    w.index_rows.iter().chain(&w.growth_rows).chain(&w.share_rows).any(|x| l.starts_with(x.as_str()))
}

/// Whether row `r` lies under `head` (by its chain of parents; a parent always comes first).
fn under(t: &Table, r: usize, head: usize) -> bool {
    let mut p = t.rows.get(r).and_then(|x| x.parent);
    while let Some(i) = p {
        if i == head {
            return true;
        }
        p = t.rows.get(i).and_then(|x| x.parent);
    }
    false
}

/// Price words of a label: Some(true) constant prices ("giá so sánh", "giá 2010"), Some(false)
/// current prices.
fn prices(label: &str) -> Option<bool> {
    let w = &lexicon().tables;
    let l = lower(label);
    if w.constant_prices.iter().any(|x| has_word(&l, x)) {
        return Some(true);
    }
    if w.current_prices.iter().any(|x| has_word(&l, x)) {
        return Some(false);
    }
    // "giá 2010": prices of a base year.
    let constant = l.match_indices("giá ").any(|(i, _)| {
        let y: String = l[i + "giá ".len()..].chars().take_while(|c| c.is_ascii_digit()).collect();
        y.len() == 4
    });
    constant.then_some(true)
}

/// The words two labels share (outside the words of measures and filler).
fn shared_words(a: &str, b: &str) -> usize {
    let words = |s: &str| -> Vec<String> { lower(s).split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 1).map(str::to_owned).collect() };
    let (wa, wb) = (words(a), words(b));
    wa.iter().filter(|w| wb.contains(w)).count()
}

/// (price preference met, shared words, matched children): higher is better.
fn score(g: &Grid, head: usize, cand: usize, matched: usize) -> (bool, usize, usize) {
    let rows = &g.table.rows;
    let want_constant = rows[head].measure != Measure::Share;
    let price_ok = prices(&rows[cand].label) == Some(want_constant) || prices(&rows[head].label).is_some_and(|p| prices(&rows[cand].label) == Some(p));
    (price_ok, shared_words(&rows[head].label, &rows[cand].label), matched)
}

fn rank(g: &Grid, head: usize, cands: &mut [(usize, usize)]) {
    cands.sort_by(|a, b| score(g, head, b.0, b.1).cmp(&score(g, head, a.0, a.1)).then(a.0.cmp(&b.0)));
}

/// Whether two candidates rank the same (on price and shared words).
fn same_rank(g: &Grid, head: usize, a: usize, b: usize) -> bool {
    let s = |c: usize| {
        let (p, w, _) = score(g, head, c, 0);
        (p, w)
    };
    s(a) == s(b)
}

/// Every relation of the document's tables, table by table.
pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let tables = &input.layout.tables;
    if tables.is_empty() {
        return;
    }
    let mut figs: Vec<HashMap<(usize, usize), FigRef>> = vec![HashMap::default(); tables.len()];
    for (ci, c) in input.claims.claims.iter().enumerate() {
        if let Some((t, r, j)) = c.cell {
            if let Some(m) = figs.get_mut(t) {
                m.insert((r, j), (ci, 0));
            }
        }
    }
    let grids: Vec<Grid> = tables.iter().zip(figs).enumerate().map(|(t, (table, figs))| Grid::new(t, table, figs)).collect();
    for g in &grids {
        super::table_compare::find(g, out);
        super::table_total::find(g, out);
        super::table_share::find(g, out);
        super::table_assessment::find(g, out);
        super::table_unit::find(g, out);
    }
    super::table_prose::find(input, &grids, &super::table_prose::stated(input), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_across_spellings_and_translations() {
        assert_eq!(label_key("Nông, lâm nghiệp và thuỷ sản"), label_key("- Nông, lâm nghiệp và thủy sản"));
        assert_eq!(label_key("Công nghiệp - Xây Dựng"), label_key("Công nghiệp-Xây dựng"));
        assert_eq!(label_key("Tiểu học - Primary"), label_key("Tiểu học"));
        assert_ne!(label_key("Công lập - Public"), label_key("Ngoài công lập - Non-public"));
        assert!(is_partition(&["Nam".into(), "Nữ".into()]));
        assert!(is_partition(&["Thành thị - Urban".into(), "Nông thôn".into()]));
        assert!(!is_partition(&["Nam".into()]));
        assert!(!is_partition(&["Lúa".into(), "Ngô".into()]));
    }
}
