//! A stated percent against operands[0] / operands[1]: ratios, percents of plan, shares.

use rust_decimal::Decimal;

use super::{shown_dp, Computed, Ctx, Judgement};
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [num, den] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (num, den, pct) = (ctx.figure(*num), ctx.figure(*den), ctx.figure(rel.result));
    let Some(interval) = Interval::of_figure_base(num).percent_of(Interval::of_figure_base(den)) else { return Judgement::unchecked() };
    let Some(point) = num.base_value().checked_div(den.base_value()).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)) else {
        return Judgement::unchecked();
    };
    ctx.judge(rule, pct, Computed { interval, point, dp: shown_dp(pct), suffix: "%" }, &[num, den], " / ")
}
