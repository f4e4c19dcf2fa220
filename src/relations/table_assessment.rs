//! An assessment column ("Đánh giá": "Đạt", "Không đạt", "Vượt", "Hoàn thành") against the
//! row's actual figure and its plan. The plan is the plan column's cell: a number, a range
//! ("7,5-8,0") or a bound ("≥ 95", "dưới 3", "khoảng 4"). The actual is what the plan's
//! comparison column compares, else the estimate (or actual) of the plan's period. For an
//! indicator where less is better (poverty, accidents; a plan written "< 7,6") the
//! direction is reversed.

use super::table::Grid;
use super::{Cue, Formula, Relation, RelationKind};
use crate::layout::{Against, Meaning, Value, ValueKind};
use crate::model::Qualifier;

pub(super) fn find(g: &Grid, out: &mut Vec<Relation>) {
    let cols = &g.table.columns;
    let Some(ja) = cols.iter().position(|c| c.meaning == Meaning::Assessment) else { return };
    let Some((actual, plan)) = columns(g) else { return };
    for (r, row) in g.table.rows.iter().enumerate() {
        let Some(cell) = row.cells.get(ja) else { continue };
        let Value::Assessment(said) = cell.value else { continue };
        let Some(a) = g.fig(r, actual) else { continue };
        let Some(p) = row.cells.get(plan) else { continue };
        let (operands, bound_below) = match p.value {
            Value::Number(_) => match g.fig(r, plan) {
                Some(f) => (vec![a, f], false),
                None => continue,
            },
            Value::Range(..) => (vec![a], false),
            Value::Bound(q, _) => (vec![a], q == Qualifier::Below),
            _ => continue,
        };
        let lower_is_better = row.lower_is_better || bound_below;
        let mut rel = Relation::new(RelationKind::TableAssessment, Formula::Assessment { said, lower_is_better }, a, operands);
        rel.cues.push(Cue { text: cell.text.clone(), start: cell.start, end: cell.end });
        rel.detail.cells = vec![(g.t, r, ja), (g.t, r, plan)];
        out.push(rel);
    }
}

/// The actual and plan columns an assessment judges, when the table makes them certain.
fn columns(g: &Grid) -> Option<(usize, usize)> {
    let cols = &g.table.columns;
    // The comparison with the plan names both.
    let by_compare: Vec<(usize, usize)> = cols
        .iter()
        .filter_map(|c| match c.meaning {
            Meaning::Compare { of: Some(of), base: Some(base), against: Against::Plan, .. } => Some((of, base)),
            _ => None,
        })
        .collect();
    // A figure of another period than the plan's (six months against a year's plan) is
    // progress, not an outcome.
    let same_period = |a: usize, p: usize| match (g.period(a), g.period(p)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    if let [one] = by_compare.as_slice() {
        return same_period(one.0, one.1).then_some(*one);
    }
    let of_kind = |k: ValueKind| -> Vec<(usize, Option<&str>)> {
        cols.iter()
            .enumerate()
            .filter_map(|(j, c)| match &c.meaning {
                Meaning::Value { kind, period } if *kind == k => Some((j, period.as_deref())),
                _ => None,
            })
            .collect()
    };
    let plans = of_kind(ValueKind::Plan);
    let [(plan, period)] = plans.as_slice() else { return None };
    // The estimate of the plan's period, else the actual of it, else the only estimate.
    for k in [ValueKind::Estimate, ValueKind::Actual] {
        let same: Vec<usize> = of_kind(k).into_iter().filter(|(_, p)| p.is_some() && p == period).map(|(j, _)| j).collect();
        if let [one] = same.as_slice() {
            return Some((*one, *plan));
        }
    }
    match of_kind(ValueKind::Estimate).as_slice() {
        [(one, _)] => Some((*one, *plan)),
        _ => None,
    }
}
