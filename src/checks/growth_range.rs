//! A total's growth against the smallest and the largest growth of its parts, each read at
//! its written precision: a weighted average of the parts' growths cannot leave that range.

use rust_decimal::Decimal;

use super::aggregate::{factor, factor_point};
use super::{Ctx, Judgement, Status};
use crate::claims::Figure;
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::Rule;
use crate::text::fmt_vi;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let total = ctx.figure(rel.result);
    let parts: Vec<&Figure> = rel.operands.iter().map(|&p| ctx.figure(p)).collect();
    let (Some(lo), Some(hi)) = (parts.iter().map(|p| signed(p).lo).min(), parts.iter().map(|p| signed(p).hi).max()) else { return Judgement::unchecked() };
    let t = signed(total).widen(rule.tolerance);
    // The range as the parts write it: "3,2% đến 12,1%".
    let point = |p: &&&Figure| signed_point(p);
    let (Some(low), Some(high)) = (parts.iter().min_by_key(point), parts.iter().max_by_key(point)) else { return Judgement::unchecked() };
    let dp = parts.iter().map(|p| p.number.value.scale()).max().unwrap_or(0);
    let range = format!("{}% … {}%", fmt_vi(signed_point(low), dp), fmt_vi(signed_point(high), dp));
    if t.meets(Interval { lo, hi }) {
        return Judgement { status: Status::Agrees, computed: Some(range), finding: None };
    }
    let ops: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
    let vars = [("stated", total.text.clone()), ("computed", range.clone()), ("operands", ops.join(", "))];
    let related = parts.iter().map(|p| ctx.related(p)).collect();
    let finding = ctx.finding(rule, rule.level, ctx.fig_span(total), related, &vars);
    Judgement { status: Status::Mismatch, computed: Some(range), finding: Some(finding) }
}

/// A growth as a signed percent: "giảm 3%" is −3%, "bằng 104%" is +4% (its factor, less one).
fn signed(f: &Figure) -> Interval {
    let hundred = Decimal::ONE_HUNDRED;
    factor(f).map_or_else(|| Interval::of_figure(f), |x| x.scale(hundred).minus(Interval::point(hundred)))
}

fn signed_point(f: &Figure) -> Decimal {
    factor_point(f).and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)).map_or_else(|| f.value(), |x| x - Decimal::ONE_HUNDRED)
}
