//! A growth percent against the values it comes from: the current value and the change
//! ("đạt 125.797 tấn, tăng 1.677 tấn, tăng 1,3%"; "40.831 ha, giảm 1,6% (-673 ha)"; "giảm 657
//! ha (bằng 0,85%)"), or a growth written as a ratio to the base ("bằng 100,38% (tăng 2.389
//! ha)").

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigureRole;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for (ci, claim) in input.claims.claims.iter().enumerate() {
        let figs = &claim.figures;
        for (gi, g) in figs.iter().enumerate() {
            if g.role != FigureRole::GrowthPercent || !g.is_percent() || g.against.is_some() {
                continue;
            }
            // The change written right before or right after the percent.
            let change = [gi.checked_sub(1), Some(gi + 1)]
                .into_iter()
                .flatten()
                .find(|&k| figs.get(k).is_some_and(|c| c.role == FigureRole::GrowthAbsolute && !c.is_percent() && c.unit.is_some()));
            let Some(di) = change else { continue };
            let c = &figs[di];
            // The current value: the amount the claim is about, measured like the change.
            let Some(vi) = figs.iter().position(|f| f.role.is_amount() && !f.is_percent() && f.unit.as_ref().map(|u| u.base_dimension()) == c.unit.as_ref().map(|u| u.base_dimension()))
            else {
                continue;
            };
            // "đạt 37,72% kế hoạch, tăng 1,7% (94,826 tỷ đồng)", "8.668/80.276 hộ, chiếm tỷ lệ
            // 10,80%; giảm 747 hộ (1,02%)": after a percent of plan, or the rate of a count out
            // of a whole, the growth may be in points of that percent; which one is not certain.
            let rate = figs[vi].role == FigureRole::RatioNumerator && figs[vi..gi].iter().any(|f| f.role == FigureRole::SharePercent);
            if vi > gi.min(di) || rate || figs[vi..gi].iter().any(|f| f.role == FigureRole::PlanPercent) {
                continue;
            }
            let formula = if g.ratio_form { Formula::RatioFromChange { negative: c.negative } } else { Formula::GrowthFromChange { negative: c.negative } };
            out.push(Relation::new(RelationKind::Growth, formula, (ci, gi), vec![(ci, di), (ci, vi)]));
        }
    }
}
