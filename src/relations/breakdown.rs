//! A total and its parts, from the breakdowns the claims stage read ("trong đó", "gồm", a bare
//! parenthesis of labelled amounts, a footnote that lists the parts).

use super::{Bound, Detail, Formula, Input, Relation, RelationKind};

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for bd in &input.claims.breakdowns {
        let total = input.figure(bd.total);
        if total.unit.is_none() {
            continue;
        }
        let mut r = Relation::new(RelationKind::Sum, Formula::Sum, bd.total, bd.parts.clone());
        r.detail = Detail { exhaustive: bd.exhaustive, open_ended: bd.open_ended, subset_cue: bd.subset_cue, why: None };
        if !bd.exhaustive {
            r.bound = Bound::AtLeast;
        }
        out.push(r);
    }
}
