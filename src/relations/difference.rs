//! A remainder: "còn lại C" where the amount it is left of (A) and what was taken (B) are both
//! stated in the same sentence: C = A − B. Only sentences with exactly these three amounts of
//! one dimension are read, so a remainder of something else is never linked.

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigRef;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    let mut ci = 0;
    while ci < claims.len() {
        let bi = claims[ci].block;
        let end = ci + claims[ci..].iter().take_while(|c| c.block == bi).count();
        let block = &input.layout.blocks[bi];
        let figs: Vec<FigRef> = (ci..end)
            .flat_map(|c| (0..claims[c].figures.len()).map(move |f| (c, f)))
            .filter(|&r| {
                let f = input.figure(r);
                f.role.is_amount() && !f.is_percent()
            })
            .collect();
        for (k, &cr) in figs.iter().enumerate() {
            let c = input.figure(cr);
            if !c.remainder || k < 2 {
                continue;
            }
            // The sentence around the remainder.
            let s0 = block.text[..c.block_start].rfind(['.', ';']).map(|i| i + 1).unwrap_or(0);
            let s1 = block.text[c.block_end..].find(['.', ';']).map(|i| c.block_end + i).unwrap_or(block.text.len());
            let same: Vec<FigRef> = figs
                .iter()
                .copied()
                .filter(|&r| {
                    let f = input.figure(r);
                    f.block_start >= s0 && f.block_end <= s1 && f.dimension() == c.dimension()
                })
                .collect();
            if same.len() != 3 || same[2] != cr {
                continue;
            }
            out.push(Relation::new(RelationKind::Difference, Formula::Difference, cr, vec![same[0], same[1]]));
        }
        ci = end;
    }
}
