//! Comparisons in a table: a column comparing two others of its row ("Ước TH/KH (%)", "So
//! cùng kỳ (%)", "2019/2018", "tăng/giảm (%)"), and the rows of an index or growth block
//! against the amounts they compare (this period's over the period before's).

use rust_decimal::Decimal;

use super::table::{counterparts, Grid};
use super::{CompareForm, Formula, Relation, RelationKind};
use crate::claims::FigRef;
use crate::layout::{Meaning, Measure};

pub(super) fn find(g: &Grid, out: &mut Vec<Relation>) {
    columns(g, out);
    if g.table.period_rows {
        period_rows(g, out);
    } else {
        blocks(g, out);
    }
}

/// Whether the figures of row `r` in column `j` are rates (%, ‰), which tables compare in
/// points as often as in percent.
fn is_rate(g: &Grid, r: usize, j: usize) -> bool {
    g.table.unit_of(r, j).is_some_and(|u| matches!(u.trim(), "%" | "‰")) || g.table.rows.get(r).is_some_and(|row| row.measure != Measure::Amount)
}

/// The forms a comparison cell may take: the column's own, and the others a row may use.
fn forms(g: &Grid, r: usize, j: usize, of: usize, growth: bool) -> (CompareForm, &'static [CompareForm]) {
    use CompareForm::{Growth, Points, Ratio};
    // Figures at or below zero ("-2,36‰" against "-0,10‰") compare only as a difference.
    if [Some(of), base_of(g, j)].into_iter().flatten().any(|c| g.number(r, c).is_some_and(|v| v <= Decimal::ZERO)) {
        return (Points, &[]);
    }
    // "Tăng/giảm so với cùng kỳ" without a percent sign may be the change in units.
    let in_units = growth && !g.table.columns.get(j).is_some_and(|c| c.header.contains('%') || c.unit.as_deref() == Some("%"));
    if !is_rate(g, r, of) {
        return match (growth, in_units) {
            (true, true) => (Growth, &[Points, Ratio]),
            (true, false) => (Growth, &[Ratio]),
            (false, _) => (Ratio, &[Growth]),
        };
    }
    // A rate's comparison far from 100 is a difference in points.
    let small = g.number(r, j).is_some_and(|v| v.abs() < Decimal::from(50));
    match (growth, small) {
        (false, true) => (Points, &[Ratio, Growth]),
        (false, false) => (Ratio, &[Points, Growth]),
        (true, _) => (Growth, &[Points, Ratio]),
    }
}

/// The base column of a comparison column.
fn base_of(g: &Grid, j: usize) -> Option<usize> {
    match g.table.columns.get(j)?.meaning {
        Meaning::Compare { base, .. } => base,
        _ => None,
    }
}

/// Roughly what a comparison gives (no rounding intervals): for telling a column read right
/// from one whose operands were guessed wrong.
fn rough(form: CompareForm, x: Decimal, y: Decimal) -> Option<Decimal> {
    match form {
        CompareForm::Ratio => x.checked_div(y)?.checked_mul(Decimal::ONE_HUNDRED),
        CompareForm::Growth => x.checked_div(y)?.checked_mul(Decimal::ONE_HUNDRED)?.checked_sub(Decimal::ONE_HUNDRED),
        CompareForm::Points => x.checked_sub(y),
    }
}

fn columns(g: &Grid, out: &mut Vec<Relation>) {
    for (j, col) in g.table.columns.iter().enumerate() {
        let Meaning::Compare { of: Some(of), base: Some(base), growth, .. } = col.meaning else { continue };
        let mut found = Vec::new();
        let mut near = 0;
        for r in 0..g.table.rows.len() {
            let (Some(res), Some(x), Some(y)) = (g.fig(r, j), g.fig(r, of), g.fig(r, base)) else { continue };
            let (form, alt) = forms(g, r, j, of, growth);
            if let (Some(v), Some(a), Some(b)) = (g.number(r, j), g.number(r, of), g.number(r, base)) {
                let slack = Decimal::new(1, v.scale()).max(v.abs() / Decimal::from(100));
                near += usize::from(std::iter::once(form).chain(alt.iter().copied()).any(|f| rough(f, a, b).is_some_and(|c| (c - v).abs() <= slack)));
            }
            found.push(Relation::new(RelationKind::TableCompare, Formula::Compare { form, alt }, res, vec![x, y]));
        }
        // A column that disagrees with its operands in most rows was read against the wrong
        // columns (a header the reading misunderstood): it binds nothing.
        if found.len() >= 4 && near * 2 < found.len() {
            continue;
        }
        out.extend(found);
    }
}

fn block_form(m: Measure) -> Option<(CompareForm, &'static [CompareForm])> {
    match m {
        Measure::Index => Some((CompareForm::Ratio, &[CompareForm::Growth])),
        Measure::Growth => Some((CompareForm::Growth, &[CompareForm::Ratio])),
        _ => None,
    }
}

/// An index or growth row against its amount row(s), column by column: this period's amount
/// over the previous period's (the column of the year before).
fn blocks(g: &Grid, out: &mut Vec<Relation>) {
    for (r, amounts) in counterparts(g) {
        let Some((form, alt)) = block_form(g.table.rows[r].measure) else { continue };
        for j in g.value_columns().collect::<Vec<_>>() {
            let (Some(res), Some(prev)) = (g.fig(r, j), g.previous_column(j)) else { continue };
            let sets: Vec<Vec<FigRef>> = amounts.iter().filter_map(|&a| Some(vec![g.fig(a, j)?, g.fig(a, prev)?])).collect();
            let Some((first, rest)) = sets.split_first() else { continue };
            let mut rel = Relation::new(RelationKind::TableCompare, Formula::Compare { form, alt }, res, first.clone());
            rel.alternatives = rest.to_vec();
            out.push(rel);
        }
    }
}

/// A yearbook's index or growth rows (rows are periods): each against the amounts of its
/// period and of the period before, in the same column.
fn period_rows(g: &Grid, out: &mut Vec<Relation>) {
    let rows = &g.table.rows;
    let amount_of = |p: &str| rows.iter().position(|x| x.measure == Measure::Amount && x.period.as_deref() == Some(p));
    for (r, row) in rows.iter().enumerate() {
        let (Some((form, alt)), Some(p)) = (block_form(row.measure), row.period.as_deref()) else { continue };
        let Some(now) = amount_of(p) else { continue };
        let Some(before) = rows.iter().position(|x| x.measure == Measure::Amount && x.period.as_deref().is_some_and(|q| crate::layout::is_previous(q, p))) else { continue };
        for j in 0..row.cells.len() {
            let (Some(res), Some(x), Some(y)) = (g.fig(r, j), g.fig(now, j), g.fig(before, j)) else { continue };
            out.push(Relation::new(RelationKind::TableCompare, Formula::Compare { form, alt }, res, vec![x, y]));
        }
    }
}
