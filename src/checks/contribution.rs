//! Contributions to a growth, in percentage points: a complete list adds up to the growth it
//! splits; each part's contribution is its increase over the total of the year before.

use rust_decimal::Decimal;

use super::aggregate::{factor, factor_point};
use super::{shown_dp, Computed, Ctx, Judgement};
use crate::claims::Figure;
use crate::interval::Interval;
use crate::relations::{Formula, Relation};
use crate::rules::Rule;
use crate::text::fmt_vi;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    match rel.formula {
        Formula::Sum => sum(ctx, rule, rel),
        Formula::Contribution { part } => one(ctx, rule, rel, part),
        _ => Judgement::unchecked(),
    }
}

/// Σ contributions against the growth they split.
fn sum(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let growth = ctx.figure(rel.result);
    let parts: Vec<&Figure> = rel.operands.iter().map(|&r| ctx.figure(r)).collect();
    let interval = parts.iter().fold(Interval::point(Decimal::ZERO), |acc, p| acc.plus(Interval::of_figure(p)));
    let Some(point) = parts.iter().try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.value())) else { return Judgement::unchecked() };
    // A fall's contributions add up to a negative growth.
    let (interval, point) = if growth.negative { (interval.negated(), -point) } else { (interval, point) };
    ctx.judge(rule, growth, Computed { interval, point, dp: shown_dp(growth).min(2), suffix: "%" }, &parts, " + ")
}

/// One part's contribution: (pᵢ − pᵢ/(1+gᵢ)) / Σ pⱼ/(1+gⱼ) × 100.
fn one(ctx: &Ctx, rule: &Rule, rel: &Relation, part: usize) -> Judgement {
    let stated = ctx.figure(rel.result);
    let mut before = Interval::point(Decimal::ZERO);
    let mut before_point = Decimal::ZERO;
    let mut mine = None;
    for (i, pair) in rel.operands.chunks(2).enumerate() {
        let [p, g] = pair else { return Judgement::unchecked() };
        let (p, g) = (ctx.figure(*p), ctx.figure(*g));
        let (Some(f), Some(fp)) = (factor(g), factor_point(g)) else { return Judgement::unchecked() };
        let v = Interval::of_figure_base(p);
        let Some(prev) = v.divided_by(f) else { return Judgement::unchecked() };
        let Some(prev_point) = p.base_value().checked_div(fp) else { return Judgement::unchecked() };
        before = before.plus(prev);
        before_point = match before_point.checked_add(prev_point) {
            Some(b) => b,
            None => return Judgement::unchecked(),
        };
        if i == part {
            // The increase p − p/f, over the corners of p's and f's intervals.
            let corners = [(v.lo, f.lo), (v.lo, f.hi), (v.hi, f.lo), (v.hi, f.hi)];
            let inc: Vec<Decimal> = corners.iter().filter_map(|&(a, b)| a.checked_sub(a.checked_div(b)?)).collect();
            let (Some(lo), Some(hi)) = (inc.iter().min().copied(), inc.iter().max().copied()) else { return Judgement::unchecked() };
            let Some(inc_point) = p.base_value().checked_sub(prev_point) else { return Judgement::unchecked() };
            mine = Some((Interval { lo, hi }, inc_point, p));
        }
    }
    let Some((inc, inc_point, p)) = mine else { return Judgement::unchecked() };
    if before.lo <= Decimal::ZERO {
        return Judgement::unchecked();
    }
    let hundred = Decimal::ONE_HUNDRED;
    let ratios: Vec<Decimal> = [(inc.lo, before.lo), (inc.lo, before.hi), (inc.hi, before.lo), (inc.hi, before.hi)]
        .iter()
        .filter_map(|&(a, b)| a.checked_div(b)?.checked_mul(hundred))
        .collect();
    let (Some(lo), Some(hi)) = (ratios.iter().min().copied(), ratios.iter().max().copied()) else { return Judgement::unchecked() };
    let Some(point) = inc_point.checked_div(before_point).and_then(|r| r.checked_mul(hundred)) else { return Judgement::unchecked() };
    let mut j = ctx.judge(rule, stated, Computed { interval: Interval { lo, hi }, point, dp: shown_dp(stated).min(3), suffix: " điểm %" }, &[p], "");
    if let Some(f) = j.finding.as_mut() {
        let scale = p.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
        let ops = format!("({} − {}) / {}", p.text, fmt_in(before_point_of(ctx, rel, part), scale, p), fmt_in(before_point, scale, p));
        f.message = f.message.replacen(&p.text, &ops, 1);
    }
    j
}

/// The part's own value the year before, in base units.
fn before_point_of(ctx: &Ctx, rel: &Relation, part: usize) -> Decimal {
    let (Some(p), Some(g)) = (rel.operands.get(part.saturating_mul(2)), rel.operands.get(part.saturating_mul(2).saturating_add(1))) else { return Decimal::ZERO };
    let (p, g) = (ctx.figure(*p), ctx.figure(*g));
    factor_point(g).and_then(|f| p.base_value().checked_div(f)).unwrap_or_default()
}

fn fmt_in(base: Decimal, scale: Decimal, like: &Figure) -> String {
    let v = base.checked_div(scale).unwrap_or(base);
    let unit = like.unit.as_ref().map(|u| format!(" {}", u.text)).unwrap_or_default();
    format!("{}{unit}", fmt_vi(v, like.number.value.scale().max(1)))
}
