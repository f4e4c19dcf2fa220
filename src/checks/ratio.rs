//! `ratio`: an explicit a/b next to a stated percent ("6.847 triệu đồng/30.766 triệu đồng,
//! đạt 22%").

use super::interval::Interval;
use super::{Computed, shown_dp, Ctx, Finding};
use crate::claims::FigureRole;
use crate::rules::Rule;

/// Words that may stand between "a/b" and its percent without changing what it is of.
const LINKS: [&str; 10] = ["đạt", "bằng", "tỷ", "tỉ", "lệ", "là", "chiếm", "ước", "khoảng", "tương"];

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    for claim in &ctx.doc.claims.claims {
        if !rule.applies_to(claim.role) {
            continue;
        }
        let block = &ctx.doc.layout.blocks[claim.block];
        let figs = &claim.figures;
        for (i, den) in figs.iter().enumerate() {
            if den.role != FigureRole::RatioDenominator || i == 0 || figs[i - 1].role != FigureRole::RatioNumerator {
                continue;
            }
            let num = &figs[i - 1];
            let Some(pct) = figs.get(i + 1).filter(|p| p.is_percent() && p.role != FigureRole::GrowthPercent) else { continue };
            let gap = &block.text[den.block_end..pct.block_start];
            // "… 31.000 triệu đồng, đạt 28%" or "… 528 cơ sở (96,7%)".
            let parenthesised = gap.trim() == "(";
            if !parenthesised && (gap.contains([';', '(', ')', '.']) || !only_links(gap)) {
                continue;
            }
            let (a, b) = (Interval::of_figure_base(num), Interval::of_figure_base(den));
            let Some(computed) = a.percent_of(b) else { continue };
            let Some(point) = num.base_value().checked_div(den.base_value()).map(|r| r * rust_decimal::Decimal::ONE_HUNDRED) else { continue };
            out.extend(ctx.judge(rule, pct, Computed { interval: computed, point, dp: shown_dp(pct), suffix: "%" }, &[num, den]));
        }
    }
}

fn only_links(gap: &str) -> bool {
    gap.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).all(|w| LINKS.contains(&crate::text::lower(w).as_str()))
}
