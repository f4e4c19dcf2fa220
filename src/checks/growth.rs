//! A growth percent against the values it comes from.

use rust_decimal::Decimal;

use super::{shown_dp, Computed, Ctx, Judgement};
use crate::interval::Interval;
use crate::relations::{Formula, Relation};
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let Formula::GrowthFromChange { negative } = rel.formula else { return Judgement::unchecked() };
    let [change, value] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (change, value, pct) = (ctx.figure(*change), ctx.figure(*value), ctx.figure(rel.result));
    let v = Interval::of_figure_base(value);
    let d = Interval::of_figure_base(change);
    let before = if negative { v.plus(d) } else { v.minus(d) };
    let Some(interval) = d.percent_of(before) else { return Judgement::unchecked() };
    let before_point = if negative { value.base_value().checked_add(change.base_value()) } else { value.base_value().checked_sub(change.base_value()) };
    let Some(point) = before_point.and_then(|b| change.base_value().checked_div(b)).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)) else {
        return Judgement::unchecked();
    };
    ctx.judge(rule, pct, Computed { interval, point, dp: shown_dp(pct), suffix: "%" }, &[change, value], " / ")
}
