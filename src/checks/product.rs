//! An output against its area times its yield, at the written precision of all three.

use rust_decimal::Decimal;

use super::{Computed, Ctx, Judgement};
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [area, yld] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (a, y, o) = (ctx.figure(*area), ctx.figure(*yld), ctx.figure(rel.result));
    let scale = o.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
    let Some(inverse) = Decimal::ONE.checked_div(scale) else { return Judgement::unchecked() };
    let Some(product) = Interval::of_figure_base(a).times(Interval::of_figure_base(y)) else { return Judgement::unchecked() };
    let Some(point) = a.base_value().checked_mul(y.base_value()).and_then(|p| p.checked_mul(inverse)) else { return Judgement::unchecked() };
    let unit = o.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
    ctx.judge(rule, o, Computed { interval: product.scale(inverse), point, dp: o.number.value.scale(), suffix: &unit }, &[a, y], " × ")
}
