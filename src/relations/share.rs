//! A part's percent of its whole: "chiếm P%" or "(P%)" written right after a part of a
//! breakdown, against the part divided by the breakdown's total.

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigureRole;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let c = input.claims;
    for bd in &c.breakdowns {
        for &p in &bd.parts {
            let claim = &c.claims[p.0];
            let part = c.figure(p);
            let si = p.1 + 1;
            let Some(share) = claim.figures.get(si).filter(|f| f.role == FigureRole::SharePercent) else { continue };
            // Only a share written right after the part: "… 248 tỷ đồng, chiếm 5,5%" or "(5,5%)".
            let block = &input.layout.blocks[claim.block];
            let gap = crate::text::lower(&block.text[part.block_end..share.block_start]);
            if !gap.chars().all(|c| " ,(".contains(c)) && gap.trim_matches([' ', ',', '(']) != "chiếm" {
                continue;
            }
            out.push(Relation::new(RelationKind::Share, Formula::Percent, (p.0, si), vec![p, bd.total]));
        }
    }
}
