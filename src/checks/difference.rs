//! A remainder against the difference of the two amounts it is left of.

use rust_decimal::Decimal;

use super::{Computed, Ctx, Judgement};
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [a, b] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (a, b, c) = (ctx.figure(*a), ctx.figure(*b), ctx.figure(rel.result));
    let scale = c.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
    let Some(inverse) = Decimal::ONE.checked_div(scale) else { return Judgement::unchecked() };
    let interval = Interval::of_figure_base(a).minus(Interval::of_figure_base(b)).scale(inverse);
    let Some(point) = a.base_value().checked_sub(b.base_value()).and_then(|d| d.checked_div(scale)) else { return Judgement::unchecked() };
    let unit = c.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
    ctx.judge(rule, c, Computed { interval, point, dp: c.number.value.scale(), suffix: &unit }, &[a, b], " − ")
}
