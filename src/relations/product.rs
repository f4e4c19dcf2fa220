//! An output against the area it comes from and its yield: "Xã Tân Lập: 420 ha, 58,5 tạ/ha,
//! 2.580 tấn", "diện tích gieo trồng 1.200 ha, năng suất 55 tạ/ha, sản lượng 6.600 tấn". Read
//! only where one clause states exactly one area, one yield per area and one output of the
//! yield's measure, each as a level (not a change or a plan): with more, which goes with which
//! is not certain.

use super::view::{views, Break, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, Figure, FigureRole};

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for v in views(input) {
        for figs in v.runs(Break::Clause) {
            clause(&v, figs, out);
        }
    }
}

fn clause(v: &View, figs: &[FigRef], out: &mut Vec<Relation>) {
    let level = |r: &&FigRef| level(v.fig(**r));
    let of = |dim: &str| -> Vec<FigRef> { figs.iter().filter(level).filter(|&&r| v.fig(r).dimension() == Some(dim)).copied().collect() };
    let yields: Vec<FigRef> = figs.iter().filter(level).filter(|&&r| v.fig(r).dimension().is_some_and(|d| d.ends_with("/area") && !d[..d.len() - 5].contains('/'))).copied().collect();
    let areas = of("area");
    let ([area], [yld]) = (areas.as_slice(), yields.as_slice()) else { return };
    let measure = v.fig(*yld).dimension().map(|d| d.trim_end_matches("/area").to_owned()).unwrap_or_default();
    let outputs = of(&measure);
    let [output] = outputs.as_slice() else { return };
    // The three stand together: between the first and the last, no other amount (an area
    // inside a parenthesis, "vùng Bắc 140 ha; vùng Nam 210 ha", is a part, not the one).
    let pos = |r: FigRef| figs.iter().position(|&x| x == r).unwrap_or(0);
    let (lo, hi) = [*area, *yld, *output].into_iter().map(pos).fold((usize::MAX, 0), |(lo, hi), p| (lo.min(p), hi.max(p)));
    let others = figs[lo..=hi].iter().filter(|&&r| r != *area && r != *yld && r != *output).any(|&r| !v.fig(r).is_percent());
    let depth = v.fig(*area).depth;
    if others || v.fig(*yld).depth != depth || v.fig(*output).depth != depth {
        return;
    }
    out.push(Relation::new(RelationKind::Product, Formula::Product, *output, vec![*area, *yld]));
}

/// A figure that states a level: not a change, a percent or a plan.
fn level(f: &Figure) -> bool {
    matches!(f.role, FigureRole::Value | FigureRole::Total | FigureRole::Part | FigureRole::Other) && !f.is_percent() && f.qualifier.is_none_or(|q| q != crate::model::Qualifier::Above && q != crate::model::Qualifier::Below)
}
