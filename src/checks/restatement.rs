//! A figure stated again: the later statement must meet the earlier one.

use super::{Ctx, Judgement, Status};
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::{Level, Rule};

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [earlier] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (earlier, later) = (ctx.figure(*earlier), ctx.figure(rel.result));
    let computed = Some(earlier.text.clone());
    if Interval::of_figure_base(earlier).meets(Interval::of_figure_base(later)) {
        return Judgement { status: Status::Agrees, computed, finding: None };
    }
    let claim = &ctx.doc.claims.claims[rel.result.0];
    let vars = [("stated", later.text.clone()), ("computed", earlier.text.clone()), ("indicator", claim.indicator.clone())];
    let finding = ctx.finding(rule, rule.level.max(Level::Info), ctx.fig_span(later), vec![ctx.related(earlier)], &vars);
    Judgement { status: Status::Mismatch, computed, finding: Some(finding) }
}
