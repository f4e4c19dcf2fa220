//! `share`: "chiếm P%" or "(P%)" of a part, against the part divided by its stated whole.

use rust_decimal::Decimal;

use super::interval::Interval;
use super::{Computed, shown_dp, Ctx, Finding};
use crate::claims::FigureRole;
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let c = &ctx.doc.claims;
    for bd in &c.breakdowns {
        let total = c.figure(bd.total);
        for &p in &bd.parts {
            let claim = &c.claims[p.0];
            if !rule.applies_to(claim.role) {
                continue;
            }
            let part = c.figure(p);
            let Some(share) = claim.figures.get(p.1 + 1).filter(|f| f.role == FigureRole::SharePercent) else { continue };
            // Only a share written right after the part: "… 248 tỷ đồng, chiếm 5,5%" or "(5,5%)".
            let block = &ctx.doc.layout.blocks[claim.block];
            let gap = crate::text::lower(&block.text[part.block_end..share.block_start]);
            if !gap.chars().all(|c| " ,(".contains(c)) && gap.trim_matches([' ', ',', '(']) != "chiếm" {
                continue;
            }
            let Some(computed) = Interval::of_figure_base(part).percent_of(Interval::of_figure_base(total)) else { continue };
            let Some(point) = part.base_value().checked_div(total.base_value()).map(|r| r * Decimal::ONE_HUNDRED) else { continue };
            out.extend(ctx.judge(rule, share, Computed { interval: computed, point, dp: shown_dp(share), suffix: "%" }, &[part, total]));
        }
    }
}
