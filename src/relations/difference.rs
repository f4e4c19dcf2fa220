//! A remainder: "còn lại C", "còn C" after what it is left of. C = A − B where
//! - A/B is a ratio just before ("giải quyết 238/316 vụ việc, còn lại 35 vụ việc": 316 − 238);
//! - or the sentence states exactly three amounts of one kind, the whole first ("phải trao 900
//!   giấy, đã trao 700 giấy, còn lại 200 giấy").

use super::view::{is_amount, views, Break, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, FigureRole};

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for v in views(input) {
        for (k, &cr) in v.figs.iter().enumerate() {
            let c = v.fig(cr);
            if !c.remainder || !is_amount(c) || c.is_percent() {
                continue;
            }
            if let Some(r) = after_ratio(&v, k).or_else(|| three_amounts(&v, k)) {
                out.push(r);
            }
        }
    }
}

/// "a/b …, còn (lại) c": the remainder of a ratio is b − a.
fn after_ratio(v: &View, k: usize) -> Option<Relation> {
    let cr = v.figs[k];
    // The nearest ratio before the remainder in the same sentence, with nothing measured like
    // it in between.
    let den_at = (0..k).rev().find(|&i| v.fig(v.figs[i]).role == FigureRole::RatioDenominator)?;
    let (num, den) = (*v.figs.get(den_at.checked_sub(1)?)?, v.figs[den_at]);
    if v.fig(num).role != FigureRole::RatioNumerator || v.boundary(den, cr) >= Break::Sentence {
        return None;
    }
    let c = v.fig(cr);
    if v.figs[den_at + 1..k].iter().any(|&x| is_amount(v.fig(x)) && v.fig(x).dimension() == c.dimension()) {
        return None;
    }
    let same = |x: FigRef| v.fig(x).unit.is_none() || v.fig(x).dimension() == c.dimension() || c.unit.is_none();
    (same(num) && same(den)).then(|| Relation::new(RelationKind::Difference, Formula::Difference, cr, vec![den, num]))
}

/// Exactly three amounts of the remainder's kind in its sentence, the remainder last and the
/// whole first.
fn three_amounts(v: &View, k: usize) -> Option<Relation> {
    let cr = v.figs[k];
    let c = v.fig(cr);
    // The last part of a list ("trong đó: 12 công chức …, 06 cán bộ …, còn lại 08 cán bộ"):
    // the list's sum holds it, with parts this kind-by-kind count would miss.
    if c.role == FigureRole::Part {
        return None;
    }
    let same: Vec<FigRef> = v
        .figs
        .iter()
        .copied()
        .filter(|&x| {
            let f = v.fig(x);
            f.sentence == c.sentence && is_amount(f) && !f.is_percent() && f.role != FigureRole::RatioDenominator && f.dimension() == c.dimension()
        })
        .collect();
    let [a, b, last] = same.as_slice() else { return None };
    if *last != cr || v.fig(*a).base_value() < v.fig(*b).base_value() {
        return None;
    }
    Some(Relation::new(RelationKind::Difference, Formula::Difference, cr, vec![*a, *b]))
}
