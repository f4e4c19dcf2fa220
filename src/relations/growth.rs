//! A growth percent against the values it comes from: the current value and the change
//! ("đạt 125.797 tấn, tăng 1.677 tấn, tăng 1,3%"; "52.400 ha, giảm 1,6% (-852 ha)"; "giảm 520
//! ha (bằng 1,65%)"), or a growth written as a ratio to the base ("bằng 101,2% (tăng 1.406
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
            // "đạt 41,30% kế hoạch, tăng 2,2% (81,407 tỷ đồng)", "2.140/31.500 hộ, chiếm tỷ lệ
            // 6,79%; giảm 312 hộ (0,98%)": after a percent of plan, or the rate of a count out
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
