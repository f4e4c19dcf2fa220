//! An item of a list said to be in order against the item before it, at written precision:
//! "từ cao đến thấp" holds while no item is larger than the one before.

use super::{Ctx, Judgement, Status};
use crate::interval::Interval;
use crate::relations::{Formula, Relation};
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let (Formula::Order { descending }, [before]) = (rel.formula, rel.operands.as_slice()) else { return Judgement::unchecked() };
    let (b, a) = (ctx.figure(rel.result), ctx.figure(*before));
    let (ib, ia) = (Interval::of_figure_base(b), Interval::of_figure_base(a));
    // Equal at the written precision is in order either way.
    let in_order = if descending { ib.lo <= ia.hi } else { ib.hi >= ia.lo };
    let bound = format!("{} {}", if descending { "≤" } else { "≥" }, a.text);
    if in_order {
        return Judgement { status: Status::Agrees, computed: Some(bound), finding: None };
    }
    ctx.cover(rule, &[a, b]);
    let order = rel.cues.first().map(|c| c.text.clone()).unwrap_or_default();
    let vars = [("stated", b.text.clone()), ("operands", a.text.clone()), ("order", order)];
    let finding = ctx.finding(rule, rule.level, ctx.fig_span(b), vec![ctx.related(a)], &vars);
    Judgement { status: Status::Mismatch, computed: Some(bound), finding: Some(finding) }
}
