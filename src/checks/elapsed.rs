//! Years elapsed against the difference of the two years stated with them, exactly: a count of
//! years between two dates has no rounding, so one year off is an error, not a rounding note.

use rust_decimal::Decimal;

use super::{Ctx, Judgement, Status};
use crate::model::Qualifier;
use crate::relations::{Formula, Relation};
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let (Formula::Elapsed { inclusive }, [last, first]) = (rel.formula, rel.operands.as_slice()) else { return Judgement::unchecked() };
    let (last, first, stated) = (ctx.figure(*last), ctx.figure(*first), ctx.figure(rel.result));
    let Some(years) = last.value().checked_sub(first.value()).filter(|y| *y > Decimal::ZERO) else { return Judgement::unchecked() };
    let unit = stated.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
    let more = years.checked_add(Decimal::ONE);
    // Bare years may count the span either way: both counts are shown.
    let computed = match more.filter(|_| inclusive) {
        Some(m) => format!("{years}–{m}{unit}"),
        None => format!("{years}{unit}"),
    };
    let exact = |y: Decimal| match stated.qualifier {
        // "hơn 10 năm", "trên 10 năm": fewer than the span; "gần", "dưới": more; "khoảng": one off.
        Some(Qualifier::Over | Qualifier::Above) => stated.value() <= y,
        Some(Qualifier::Nearly | Qualifier::Below) => stated.value() >= y,
        Some(Qualifier::About) => (stated.value() - y).abs() <= Decimal::ONE,
        _ => stated.value() == y,
    };
    if exact(years) || (inclusive && more.is_some_and(exact)) {
        return Judgement { status: Status::Agrees, computed: Some(computed), finding: None };
    }
    let vars = [("stated", stated.text.clone()), ("computed", computed.clone()), ("operands", format!("{} − {}", last.text, first.text))];
    let finding = ctx.finding(rule, rule.level, ctx.fig_span(stated), vec![ctx.related(last), ctx.related(first)], &vars);
    Judgement { status: Status::Mismatch, computed: Some(computed), finding: Some(finding) }
}
