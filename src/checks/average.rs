//! An average per unit against its total over its count, at the written precision of all
//! three. The total was inferred (the one amount of its measure near the count), so a
//! disagreement is a warning.

use rust_decimal::Decimal;

use super::{Computed, Ctx, Judgement};
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [total, count] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (t, c, a) = (ctx.figure(*total), ctx.figure(*count), ctx.figure(rel.result));
    let scale = a.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
    let Some(quotient) = Interval::of_figure_base(t).divided_by(Interval::of_figure_base(c)) else { return Judgement::unchecked() };
    let Some(point) = t.base_value().checked_div(c.base_value()).and_then(|q| q.checked_div(scale)) else { return Judgement::unchecked() };
    let Some(inverse) = Decimal::ONE.checked_div(scale) else { return Judgement::unchecked() };
    let unit = a.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
    let dp = a.number.value.scale() + 1;
    ctx.judge(rule, a, Computed { interval: quotient.scale(inverse), point, dp, suffix: &unit }, &[t, c], " / ").at_most_warning(rel.detail.inferred)
}
