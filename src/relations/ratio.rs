//! `a/b` next to a stated percent ("6.847 triệu đồng/30.766 triệu đồng, đạt 22%", "511/528 cơ
//! sở (96,7%)").

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigureRole;

/// Words that may stand between "a/b" and its percent without changing what it is of.
const LINKS: [&str; 10] = ["đạt", "bằng", "tỷ", "tỉ", "lệ", "là", "chiếm", "ước", "khoảng", "tương"];

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for (ci, claim) in input.claims.claims.iter().enumerate() {
        let block = &input.layout.blocks[claim.block];
        let figs = &claim.figures;
        for (i, den) in figs.iter().enumerate() {
            if den.role != FigureRole::RatioDenominator || i == 0 || figs[i - 1].role != FigureRole::RatioNumerator {
                continue;
            }
            let Some(pct) = figs.get(i + 1).filter(|p| p.is_percent() && p.role != FigureRole::GrowthPercent) else { continue };
            let gap = &block.text[den.block_end..pct.block_start];
            // "… 31.000 triệu đồng, đạt 28%" or "… 528 cơ sở (96,7%)".
            let parenthesised = gap.trim() == "(";
            if !parenthesised && (gap.contains([';', '(', ')', '.']) || !only_links(gap)) {
                continue;
            }
            out.push(Relation::new(RelationKind::Ratio, Formula::Percent, (ci, i + 1), vec![(ci, i - 1), (ci, i)]));
        }
    }
}

fn only_links(gap: &str) -> bool {
    gap.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).all(|w| LINKS.contains(&crate::text::lower(w).as_str()))
}
