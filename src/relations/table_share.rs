//! Percents of a whole in a table: a share column ("Cơ cấu (%)", "Tỷ trọng") against its
//! value column and the column's total; a rate column against the two count columns it
//! divides ("Tỷ lệ hộ nghèo (%)" = "Số hộ nghèo" / "Tổng số hộ"); the rows of a share block
//! ("Cơ cấu …") against the amount rows and their whole.

use rust_decimal::Decimal;

use super::table::{counterparts, Grid};
use super::{Formula, Relation, RelationKind};
use crate::claims::FigRef;
use crate::layout::{Meaning, Measure};
use crate::text::lower;

pub(super) fn find(g: &Grid, out: &mut Vec<Relation>) {
    share_columns(g, out);
    rate_columns(g, out);
    if g.table.period_rows {
        period_rows(g, out);
    } else {
        blocks(g, out);
    }
}

fn share(res: FigRef, part: FigRef, whole: FigRef) -> Relation {
    Relation::new(RelationKind::TableShare, Formula::Percent, res, vec![part, whole])
}

/// For each row, the total row whose parts include it (found once: a table of thousands of
/// rows asks row after row).
fn totals_of(g: &Grid) -> Vec<Option<usize>> {
    let t = g.table;
    let mut out = vec![None; t.rows.len()];
    for x in (0..t.rows.len()).filter(|&x| t.rows[x].total) {
        for p in t.parts_of(x) {
            if let Some(slot) = out.get_mut(p).filter(|s| s.is_none()) {
                *slot = Some(x);
            }
        }
    }
    out
}

/// The row whose figure is the whole of row `r`'s: its parent, else the total row whose
/// parts include it.
fn whole_row(g: &Grid, totals: &[Option<usize>], r: usize, j: usize) -> Option<usize> {
    let t = g.table;
    if let Some(p) = t.rows.get(r)?.parent.filter(|&p| g.fig(p, j).is_some() && !t.rows[p].group) {
        return Some(p);
    }
    totals.get(r).copied().flatten().filter(|&x| g.fig(x, j).is_some())
}

/// The words of a header that name what it counts.
fn words(header: &str) -> Vec<String> {
    let drop = ["cơ", "cấu", "tỷ", "trọng", "số", "tổng", "lệ"];
    lower(header).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !drop.contains(w)).map(str::to_owned).collect()
}

/// A share column divides the value column to its left that names what it does ("Cơ cấu
/// hộ nghèo (%)": "Số hộ nghèo"), else the nearest one; never a column in percent.
fn share_columns(g: &Grid, out: &mut Vec<Relation>) {
    let mut totals: Option<Vec<Option<usize>>> = None;
    for (j, col) in g.table.columns.iter().enumerate() {
        if col.meaning != Meaning::Share {
            continue;
        }
        let mine = words(&col.header);
        let left: Vec<usize> = (0..j).rev().filter(|&i| matches!(g.table.columns[i].meaning, Meaning::Value { .. }) && g.table.columns[i].unit.as_deref() != Some("%")).collect();
        let shared = |i: usize| words(&g.table.columns[i].header).iter().filter(|w| mine.contains(w)).count();
        let best = left.iter().copied().max_by_key(|&i| (shared(i), std::cmp::Reverse(j - i)));
        let Some(v) = best else { continue };
        for r in 0..g.table.rows.len() {
            let (Some(res), Some(part)) = (g.fig(r, j), g.fig(r, v)) else { continue };
            let totals = totals.get_or_insert_with(|| totals_of(g));
            let Some(w) = whole_row(g, totals, r, v) else { continue };
            if let Some(whole) = g.fig(w, v) {
                out.push(share(res, part, whole));
            }
        }
    }
}

/// The content words of a header, without the words of rates and totals and the unit.
fn content(header: &str) -> String {
    let l = lower(header);
    let l = l.split('(').next().unwrap_or(&l);
    let mut words: Vec<&str> = l.split_whitespace().collect();
    for lead in [["tỷ", "lệ"], ["tổng", "số"]] {
        if words.len() > 2 && words[..2] == lead {
            words.drain(..2);
        }
    }
    if words.first() == Some(&"số") {
        words.remove(0);
    }
    words.join(" ")
}

/// "Tỷ lệ hộ nghèo (%)" beside "Số hộ nghèo" and "Tổng số hộ": the rate is the one count
/// over the other. Both columns must be found, each the only one that fits.
fn rate_columns(g: &Grid, out: &mut Vec<Relation>) {
    let cols = &g.table.columns;
    let values: Vec<usize> = g.value_columns().collect();
    for (j, col) in cols.iter().enumerate() {
        let l = lower(&col.header);
        let percent = col.unit.as_deref() == Some("%") || matches!(col.meaning, Meaning::Share);
        if !percent || !l.starts_with("tỷ lệ") {
            continue;
        }
        let what = content(&col.header);
        let Some(noun) = what.split_whitespace().next() else { continue };
        let parts: Vec<usize> = values.iter().copied().filter(|&i| i != j && !lower(&cols[i].header).starts_with("tổng") && content(&cols[i].header) == what).collect();
        let wholes: Vec<usize> = values.iter().copied().filter(|&i| i != j && lower(&cols[i].header).starts_with("tổng số") && content(&cols[i].header) == noun).collect();
        let ([part], [whole]) = (parts.as_slice(), wholes.as_slice()) else { continue };
        for r in 0..g.table.rows.len() {
            if let (Some(res), Some(p), Some(w)) = (g.fig(r, j), g.fig(r, *part), g.fig(r, *whole)) {
                out.push(share(res, p, w));
            }
        }
    }
}

/// A share block's rows: each against its amount row and that row's parent, column by column.
fn blocks(g: &Grid, out: &mut Vec<Relation>) {
    let rows = &g.table.rows;
    for (r, amounts) in counterparts(g) {
        if rows[r].measure != Measure::Share {
            continue;
        }
        for j in g.value_columns().collect::<Vec<_>>() {
            let Some(res) = g.fig(r, j) else { continue };
            let sets: Vec<Vec<FigRef>> = amounts
                .iter()
                .filter_map(|&a| {
                    let p = rows[a].parent.filter(|&p| rows[p].measure == Measure::Amount)?;
                    Some(vec![g.fig(a, j)?, g.fig(p, j)?])
                })
                .collect();
            let Some((first, rest)) = sets.split_first() else { continue };
            let mut rel = share(res, first[0], first[1]);
            rel.alternatives = rest.to_vec();
            out.push(rel);
        }
    }
}

/// A yearbook's share rows (rows are periods): the column whose every share is 100 is the
/// whole; each other share is its column's amount over the whole's, in the same period.
fn period_rows(g: &Grid, out: &mut Vec<Relation>) {
    let rows = &g.table.rows;
    let shares: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].measure == Measure::Share && rows[r].period.is_some()).collect();
    if shares.is_empty() {
        return;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let whole = (0..g.table.columns.len()).find(|&j| shares.iter().all(|&r| g.number(r, j) == Some(hundred)));
    let Some(w) = whole else { return };
    for &r in &shares {
        let p = rows[r].period.as_deref();
        let Some(a) = rows.iter().position(|x| x.measure == Measure::Amount && x.period.as_deref() == p) else { continue };
        let Some(total) = g.fig(a, w) else { continue };
        for j in 0..rows[r].cells.len() {
            if j == w {
                continue;
            }
            if let (Some(res), Some(part)) = (g.fig(r, j), g.fig(a, j)) {
                out.push(share(res, part, total));
            }
        }
    }
}
