//! The scale of a row: the figures of one indicator in a row (its periods, its plan and
//! estimate) are of one size. A figure a hundred times larger or smaller than most of the
//! others, or a fractional count among whole ones ("10,98" households between thousands), is
//! a slipped unit or decimal mark. Each figure is bound to the others of its row's family.

use super::table::Grid;
use super::{Formula, Relation, RelationKind};
use crate::claims::FigRef;
use crate::layout::{Meaning, Measure};
use crate::lexicon::lexicon;
use crate::text::lower;

/// Figures compared with each one, on each side: a row of thousands of cells stays linear.
const NEIGHBOURS: usize = 12;

/// What a value column measures, without its period and kind: "Thực hiện năm 2023" and "Kế
/// hoạch năm 2024" measure the same (""), "Số trường" and "Số học sinh" do not.
fn measured(header: &str) -> String {
    let w = &lexicon().tables;
    let mut l = lower(header);
    for list in [&w.plan, &w.estimate, &w.actual, &w.previous, &w.period_words] {
        for x in list.iter() {
            while let Some(at) = l.match_indices(x.as_str()).map(|(i, _)| i).find(|&i| {
                let before = l[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                before && crate::lexicon::boundary_after(&l, i + x.len())
            }) {
                l.replace_range(at..at + x.len(), " ");
            }
        }
    }
    const PERIOD: [&str; 8] = ["tháng", "quý", "đầu", "cuối", "học", "vụ", "niên", "kỳ"];
    l.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()) && !PERIOD.contains(t)).collect::<Vec<_>>().join(" ")
}

pub(super) fn find(g: &Grid, out: &mut Vec<Relation>) {
    let cols = &g.table.columns;
    // Yearbook columns are different indicators ("Tổng số", "Nam"): no family to compare.
    if g.table.period_rows {
        return;
    }
    let values: Vec<usize> = g.value_columns().collect();
    for (r, row) in g.table.rows.iter().enumerate() {
        if row.measure != Measure::Amount {
            continue;
        }
        // The row's figures in value columns of one family (same group and unit, headers
        // that differ only by period and kind), not rates and not zero.
        let family = |j: usize| (cols[j].group.clone(), cols[j].unit.clone(), measured(&cols[j].header));
        let cells: Vec<(usize, FigRef)> = values
            .iter()
            .copied()
            .filter(|&j| !g.table.unit_of(r, j).is_some_and(|u| matches!(u.trim(), "%" | "‰")) && matches!(cols[j].meaning, Meaning::Value { .. }))
            .filter(|&j| g.number(r, j).is_some_and(|n| !n.is_zero()))
            .filter_map(|j| Some((j, g.fig(r, j)?)))
            .collect();
        for (n, &(j, f)) in cells.iter().enumerate() {
            let lo = n.saturating_sub(NEIGHBOURS);
            let others: Vec<FigRef> = cells[lo..cells.len().min(n + NEIGHBOURS + 1)].iter().filter(|&&(i, _)| i != j && family(i) == family(j)).map(|&(_, x)| x).collect();
            if others.len() >= 2 {
                out.push(Relation::new(RelationKind::TableUnit, Formula::Scale, f, others));
            }
        }
    }
}
