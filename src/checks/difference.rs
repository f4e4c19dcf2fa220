//! `difference`: "còn lại C" where the amount it is left of (A) and what was taken (B) are
//! both stated in the same sentence: A − B = C. Only sentences with exactly these three
//! amounts of one dimension are read, so a remainder of something else is never checked.

use rust_decimal::Decimal;

use super::interval::Interval;
use super::{Computed, Ctx, Finding};
use crate::claims::Figure;
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let claims = &ctx.doc.claims.claims;
    for (bi, block) in ctx.doc.layout.blocks.iter().enumerate() {
        if !rule.applies_to(block.role) {
            continue;
        }
        let first = claims.partition_point(|c| c.block < bi);
        let figs: Vec<&Figure> = claims[first..].iter().take_while(|c| c.block == bi).flat_map(|c| c.figures.iter()).filter(|f| f.role.is_amount() && !f.is_percent()).collect();
        for (k, c) in figs.iter().enumerate() {
            if !c.remainder || k < 2 {
                continue;
            }
            // The sentence around the remainder.
            let s0 = block.text[..c.block_start].rfind(['.', ';']).map(|i| i + 1).unwrap_or(0);
            let s1 = block.text[c.block_end..].find(['.', ';']).map(|i| c.block_end + i).unwrap_or(block.text.len());
            let lo = figs.partition_point(|f| f.block_start < s0);
            let hi = figs.partition_point(|f| f.block_end <= s1);
            let same: Vec<&&Figure> = figs[lo..hi.max(lo)].iter().filter(|f| f.dimension() == c.dimension()).collect();
            if same.len() != 3 || !std::ptr::eq(*same[2], *c) {
                continue;
            }
            let (a, b) = (*same[0], *same[1]);
            let computed = Interval::of_figure_base(a).minus(Interval::of_figure_base(b));
            let scale = c.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
            let point = (a.base_value() - b.base_value()).checked_div(scale).unwrap_or_default();
            let computed = computed.scale(Decimal::ONE.checked_div(scale).unwrap_or(Decimal::ONE));
            let unit = c.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
            out.extend(ctx.judge(rule, c, Computed { interval: computed, point, dp: c.number.value.scale(), suffix: &unit }, &[a, b]));
        }
    }
}
