//! `plan_percent`: "đạt P% kế hoạch" against the plan amount stated elsewhere in the report
//! ("lũy kế giải ngân là 42.564 triệu đồng, đạt 34,4% kế hoạch" against "Tổng kế hoạch vốn …
//! là 123.643 triệu đồng"). The words after the percent name the plan; a plan named by more
//! than the bare word is looked up in the whole report, a bare "kế hoạch" only in the same
//! paragraph.

use rust_decimal::Decimal;

use super::interval::Interval;
use super::{Computed, shown_dp, Ctx, Finding};
use crate::claims::{key, FigureRole};
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let claims = &ctx.doc.claims.claims;
    // Claims that name a plan, found once.
    let plans: Vec<usize> = claims.iter().enumerate().filter(|(_, c)| c.key.starts_with("kế hoạch") || c.key.starts_with("dự toán")).map(|(i, _)| i).collect();
    for (ci, claim) in claims.iter().enumerate() {
        if !rule.applies_to(claim.role) || claim.figures.iter().any(|f| f.role == FigureRole::RatioDenominator) {
            continue;
        }
        let Some(value) = claim.figures.iter().find(|f| matches!(f.role, FigureRole::Value | FigureRole::Total | FigureRole::Part) && !f.is_percent()) else { continue };
        let Some(pct) = claim.figures.iter().find(|f| f.role == FigureRole::PlanPercent && !f.exceeds) else { continue };
        let Some(against) = pct.against.as_deref() else { continue };
        let plan_key = key(against);
        let bare = crate::lexicon::lexicon().plan_words.contains(&crate::text::lower(against));
        if plan_key.is_empty() || !plan_key.starts_with("kế hoạch") && !plan_key.starts_with("dự toán") {
            continue;
        }
        // The one earlier claim that names this plan, measured like the value, in the same
        // paragraph (bare "kế hoạch") or section; with two candidates the plan is unclear.
        let before = plans.partition_point(|&p| p < ci);
        let candidates: Vec<_> = plans[..before]
            .iter()
            .rev()
            .take(64)
            .map(|&p| &claims[p])
            .filter(|c| {
                c.key.starts_with(&plan_key)
                    && (if bare { c.block == claim.block } else { c.section == claim.section })
                    && c.role == claim.role
                    && c.main().is_some_and(|m| m.dimension() == value.dimension() && !m.is_percent())
                    && c.find(FigureRole::PlanPercent).is_none()
            })
            .collect();
        let [plan] = candidates.as_slice() else { continue };
        let Some(plan) = plan.main() else { continue };
        let Some(computed) = Interval::of_figure_base(value).percent_of(Interval::of_figure_base(plan)) else { continue };
        let Some(point) = value.base_value().checked_div(plan.base_value()).map(|r| r * Decimal::ONE_HUNDRED) else { continue };
        out.extend(ctx.judge(rule, pct, Computed { interval: computed, point, dp: shown_dp(pct), suffix: "%" }, &[value, plan]));
    }
}
