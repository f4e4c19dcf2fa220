//! A count against the names listed with it. The names are counted two ways (a name may hold
//! "và"), so the count must fall between the two; outside, the list and the count disagree.

use rust_decimal::Decimal;

use super::{Ctx, Judgement, Related, Status};
use crate::relations::{Formula, Relation};
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let Formula::Count { min, max } = rel.formula else { return Judgement::unchecked() };
    let stated = ctx.figure(rel.result);
    let computed = if min == max { min.to_string() } else { format!("{min}–{max}") };
    if (Decimal::from(min)..=Decimal::from(max)).contains(&stated.value()) {
        return Judgement { status: Status::Agrees, computed: Some(computed), finding: None };
    }
    let related = rel.detail.names.iter().map(|c| Related { span: ctx.span(c.start, c.end), message: c.text.clone(), file: None }).collect();
    // Names that hold commas ("THCS Lê Quý Đôn, thị trấn Phố Ràng") are told apart by semicolons.
    let sep = if rel.detail.names.iter().any(|c| c.text.contains(',')) { "; " } else { ", " };
    let names = rel.detail.names.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(sep);
    let vars = [("stated", stated.text.clone()), ("computed", computed.clone()), ("operands", names)];
    let finding = ctx.finding(rule, rule.level, ctx.fig_span(stated), related, &vars);
    Judgement { status: Status::Mismatch, computed: Some(computed), finding: Some(finding) }
}
