//! A growth percent against the two absolute values it comes from: the current value and the
//! absolute change ("đạt 125.797 tấn, tăng 1.677 tấn, tăng 1,3%").

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigureRole;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for (ci, claim) in input.claims.claims.iter().enumerate() {
        let Some(vi) = claim.figures.iter().position(|f| f.role.is_amount()).filter(|&i| !claim.figures[i].is_percent()) else { continue };
        let value = &claim.figures[vi];
        let Some(di) = claim.figures.iter().position(|f| f.role == FigureRole::GrowthAbsolute).filter(|&i| claim.figures[i].dimension() == value.dimension()) else {
            continue;
        };
        let change = &claim.figures[di];
        let Some(pi) = claim.figures.iter().position(|f| f.role == FigureRole::GrowthPercent) else { continue };
        let pct = &claim.figures[pi];
        if !pct.is_percent() || pct.ratio_form || pct.negative != change.negative {
            continue;
        }
        out.push(Relation::new(RelationKind::Growth, Formula::GrowthFromChange { negative: change.negative }, (ci, pi), vec![(ci, di), (ci, vi)]));
    }
}
