//! The percent of a total against its parts' values and percents. When a total is broken down
//! into parts that add up to it and every part states its own growth (or its own percent of
//! the same plan), the total's percent follows: growth = T / Σ pᵢ/(1+gᵢ) − 1, percent of plan
//! = T / Σ pᵢ/Pᵢ. "GRDP đạt 8.712,74 tỷ đồng, tăng 6,56%; trong đó: khu vực I đạt 1.853,03 tỷ
//! đồng, tăng 3,31%; …" is checked whole.

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{key, Claim, FigRef, Figure, FigureRole};
use crate::interval::Interval;
use crate::lexicon::lexicon;
use crate::model::GrowthBase;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let sums: Vec<(FigRef, Vec<FigRef>)> = out.iter().filter(|r| r.kind == RelationKind::Sum && r.formula == Formula::Sum).map(|r| (r.result, r.operands.clone())).collect();
    for (total, parts) in sums {
        if parts.len() < 2 || !adds_up(input, total, &parts) {
            continue;
        }
        let claims = &input.claims.claims;
        let whole = &claims[total.0];
        let percents: Vec<usize> = (0..whole.figures.len()).filter(|&i| i > total.1 && is_rate(&whole.figures[i])).collect();
        for &pi in &percents {
            let p = &whole.figures[pi];
            let mut ops = vec![total];
            for &part in &parts {
                let Some(q) = matching(&claims[part.0], part.1, &whole.figures, pi, &percents) else {
                    ops.clear();
                    break;
                };
                ops.push(part);
                // A part's percent of plan written next to its a/b: the plan is the stated b.
                let stated_plan = out.iter().find(|r| r.kind == RelationKind::Ratio && r.result == (part.0, q)).and_then(|r| r.operands.get(1).copied());
                ops.push(stated_plan.unwrap_or((part.0, q)));
            }
            if ops.is_empty() {
                continue;
            }
            let formula = if p.role == FigureRole::PlanPercent { Formula::AggregatePlan } else { Formula::AggregateGrowth };
            out.push(Relation::new(RelationKind::Aggregate, formula, (total.0, pi), ops));
        }
    }
}

/// A growth or a percent of plan, stated as a percent or a multiple ("gấp 2,1 lần").
fn is_rate(f: &Figure) -> bool {
    match f.role {
        FigureRole::PlanPercent => f.is_percent() && !f.exceeds,
        FigureRole::GrowthPercent => (f.is_percent() || f.dimension() == Some("times")) && f.against.is_none(),
        _ => false,
    }
}

/// The parts add up to the total at their written precision.
fn adds_up(input: &Input, total: FigRef, parts: &[FigRef]) -> bool {
    let s = parts.iter().fold(Interval::point(rust_decimal::Decimal::ZERO), |acc, &p| acc.plus(Interval::of_figure_base(input.figure(p))));
    s.meets(Interval::of_figure_base(input.figure(total)))
}

/// The part's own rate matching the total's rate `whole[pi]`: a percent of the same plan, or a
/// growth over the same base — named, or by position when the part names none.
fn matching(claim: &Claim, from: usize, whole: &[Figure], pi: usize, whole_rates: &[usize]) -> Option<usize> {
    let p = &whole[pi];
    let rates: Vec<usize> = (from + 1..claim.figures.len()).take_while(|&i| !claim.figures[i].role.is_amount()).filter(|&i| is_rate(&claim.figures[i])).collect();
    let same_role: Vec<usize> = rates.iter().copied().filter(|&i| claim.figures[i].role == p.role).collect();
    match p.role {
        FigureRole::PlanPercent => {
            let plan = |f: &Figure| f.against.as_deref().map(key).unwrap_or_default();
            let named: Vec<usize> = same_role.iter().copied().filter(|&i| plan(&claim.figures[i]) == plan(p)).collect();
            match named.as_slice() {
                [one] => Some(*one),
                // Only one plan on both sides: the part's plan is the total's, named or not.
                [] if same_role.len() == 1 && whole_rates.iter().filter(|&&i| whole[i].role == FigureRole::PlanPercent).count() == 1 => same_role.first().copied(),
                _ => None,
            }
        }
        _ => {
            // Bases of no known kind compare by their words.
            fn category(f: &Figure) -> Option<&str> {
                f.base.as_deref().map(|b| match lexicon().growth_base(b) {
                    GrowthBase::Other => b,
                    k => k.as_str(),
                })
            }
            let wanted = category(p);
            let named: Vec<usize> = same_role.iter().copied().filter(|&i| category(&claim.figures[i]).is_some() && category(&claim.figures[i]) == wanted).collect();
            if let [one] = named.as_slice() {
                return Some(*one);
            }
            // "tăng 2,4% và tăng 61,8%": the part's growths follow the total's order.
            let whole_growths: Vec<usize> = whole_rates.iter().copied().filter(|&i| whole[i].role == FigureRole::GrowthPercent).collect();
            let k = whole_growths.iter().position(|&i| i == pi)?;
            let q = *same_role.get(k)?;
            let conflicting = category(&claim.figures[q]).is_some_and(|c| wanted.is_some_and(|w| w != c));
            (!conflicting && same_dimension(&claim.figures[q], p)).then_some(q)
        }
    }
}

/// Percents against percents, multiples against multiples.
fn same_dimension(a: &Figure, b: &Figure) -> bool {
    a.dimension() == b.dimension() || (a.is_percent() && b.dimension() == Some("times")) || (b.is_percent() && a.dimension() == Some("times"))
}
