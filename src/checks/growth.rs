//! `growth`: a growth percent against the two absolute values it comes from: the current
//! value and the absolute change ("đạt 125.797 tấn, tăng 1.677 tấn, tăng 1,3%").

use rust_decimal::Decimal;

use super::interval::Interval;
use super::{Computed, shown_dp, Ctx, Finding};
use crate::claims::FigureRole;
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    for claim in &ctx.doc.claims.claims {
        if !rule.applies_to(claim.role) {
            continue;
        }
        let Some(value) = claim.main().filter(|f| !f.is_percent()) else { continue };
        let Some(change) = claim.find(FigureRole::GrowthAbsolute).filter(|d| d.dimension() == value.dimension()) else { continue };
        let Some(pct) = claim.find(FigureRole::GrowthPercent).filter(|g| g.is_percent() && !g.ratio_form && g.negative == change.negative) else {
            continue;
        };
        let v = Interval::of_figure_base(value);
        let d = Interval::of_figure_base(change);
        let before = if change.negative { v.plus(d) } else { v.minus(d) };
        let Some(computed) = d.percent_of(before) else { continue };
        let before_point = if change.negative { value.base_value() + change.base_value() } else { value.base_value() - change.base_value() };
        let Some(point) = change.base_value().checked_div(before_point).map(|r| r * Decimal::ONE_HUNDRED) else { continue };
        out.extend(ctx.judge(rule, pct, Computed { interval: computed, point, dp: shown_dp(pct), suffix: "%" }, &[change, value]));
    }
}
