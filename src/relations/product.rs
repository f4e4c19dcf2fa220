//! An amount against a quantity times a rate per unit of it, by the units' dimensions alone:
//! an output from its area and yield ("Xã Tân Lập: 420 ha, 58,5 tạ/ha, 2.580 tấn"), a value
//! from a quantity and its price ("1.250 tấn, giá bình quân 12.500 đồng/kg, đạt 15,6 tỷ
//! đồng"), a population from an area and its density ("người/km²"). Read only where one clause
//! states exactly one rate "M/D", one quantity of D and one amount of M, each as a level (not a
//! change or a plan): with more, which goes with which is not certain. A rate per counted thing
//! ("triệu đồng/người") is an average, read by average.rs.

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
    let rates: Vec<(FigRef, (&str, &str))> = figs.iter().filter(level).filter_map(|&r| Some((r, rate(v.fig(r).dimension()?)?))).collect();
    let [(yld, (measure, per))] = rates.as_slice() else { return };
    let (areas, outputs) = (of(per), of(measure));
    let ([area], [output]) = (areas.as_slice(), outputs.as_slice()) else { return };
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

/// The two dimensions of a rate per unit ("mass/area" of "tạ/ha"): one numerator, one
/// denominator that is not a count, neither a rate or a ratio itself.
fn rate(dimension: &str) -> Option<(&str, &str)> {
    let (num, den) = dimension.split_once('/')?;
    let plain = |d: &str| !d.is_empty() && !d.contains('/') && !d.starts_with("count:") && !matches!(d, "percent" | "permille" | "points" | "times" | "time");
    (plain(num) || num.starts_with("count:")).then_some(())?;
    plain(den).then_some((num, den))
}

/// A figure that states a level: not a change, a percent or a plan.
fn level(f: &Figure) -> bool {
    matches!(f.role, FigureRole::Value | FigureRole::Total | FigureRole::Part | FigureRole::Other) && !f.is_percent() && f.qualifier.is_none_or(|q| q != crate::model::Qualifier::Above && q != crate::model::Qualifier::Below)
}
