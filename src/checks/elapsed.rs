//! Years elapsed against the difference of the two years stated with them, exactly: a count of
//! years between two dates has no rounding, so one year off is an error, not a rounding note.

use rust_decimal::Decimal;

use super::{Ctx, Judgement, Status};
use crate::relations::{Formula, Relation};
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let (Formula::Elapsed { inclusive }, [last, first]) = (rel.formula, rel.operands.as_slice()) else { return Judgement::unchecked() };
    let (last, first, stated) = (ctx.figure(*last), ctx.figure(*first), ctx.figure(rel.result));
    let Some(years) = last.value().checked_sub(first.value()).filter(|y| *y > Decimal::ZERO) else { return Judgement::unchecked() };
    let unit = stated.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
    let computed = format!("{years}{unit}");
    if stated.value() == years || (inclusive && Some(stated.value()) == years.checked_add(Decimal::ONE)) {
        return Judgement { status: Status::Agrees, computed: Some(computed), finding: None };
    }
    let vars = [("stated", stated.text.clone()), ("computed", computed.clone()), ("operands", format!("{} − {}", last.text, first.text))];
    let finding = ctx.finding(rule, rule.level, ctx.fig_span(stated), vec![ctx.related(last), ctx.related(first)], &vars);
    Judgement { status: Status::Mismatch, computed: Some(computed), finding: Some(finding) }
}
