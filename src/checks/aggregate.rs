//! A total's growth (or percent of plan) against its parts' values and rates: growth = T / Σ
//! pᵢ/(1+gᵢ) − 1; percent of plan = T / Σ pᵢ/Pᵢ × 100. Rates are read as the factors they
//! multiply by: "tăng 8%" 1,08; "giảm 7,82%" 0,9218; "bằng 99,8%" 0,998; "gấp 2,1 lần" 2,1.

use rust_decimal::Decimal;

use super::{shown_dp, Computed, Ctx, Judgement};
use crate::claims::{Figure, FigureRole};
use crate::interval::Interval;
use crate::relations::{Formula, Relation};
use crate::rules::Rule;
use crate::text::fmt_vi;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let plan = match rel.formula {
        Formula::AggregatePlan => true,
        Formula::AggregateGrowth => false,
        _ => return Judgement::unchecked(),
    };
    let Some((&total, pairs)) = rel.operands.split_first() else { return Judgement::unchecked() };
    let stated = ctx.figure(rel.result);
    let total = ctx.figure(total);
    // The base the total is measured against: Σ pᵢ / factorᵢ.
    let mut base = Interval::point(Decimal::ZERO);
    let mut base_point = Decimal::ZERO;
    let mut terms = Vec::new();
    for pair in pairs.chunks(2) {
        let [p, r] = pair else { return Judgement::unchecked() };
        let (p, r) = (ctx.figure(*p), ctx.figure(*r));
        // The part's base: its plan when stated as an amount, else its value over its rate.
        let (term, tp, shown) = if plan && !r.is_percent() {
            (Interval::of_figure_base(r), r.base_value(), r.text.clone())
        } else {
            let (Some(f), Some(fp)) = (factor(r), factor_point(r)) else { return Judgement::unchecked() };
            let Some(term) = Interval::of_figure_base(p).divided_by(f) else { return Judgement::unchecked() };
            let Some(tp) = p.base_value().checked_div(fp) else { return Judgement::unchecked() };
            (term, tp, format!("{} / {}", p.text, fmt_vi(fp, 4)))
        };
        base = base.plus(term);
        base_point = match base_point.checked_add(tp) {
            Some(b) => b,
            None => return Judgement::unchecked(),
        };
        terms.push(shown);
    }
    let Some(ratio) = Interval::of_figure_base(total).divided_by(base) else { return Judgement::unchecked() };
    let Some(ratio_point) = total.base_value().checked_div(base_point) else { return Judgement::unchecked() };
    // The computed factor, written the way the stated rate is.
    let (interval, point, suffix) = if stated.dimension() == Some("times") {
        (ratio, ratio_point, " lần")
    } else if plan || stated.ratio_form {
        let Some(p) = ratio_point.checked_mul(Decimal::ONE_HUNDRED) else { return Judgement::unchecked() };
        (ratio.scale(Decimal::ONE_HUNDRED), p, "%")
    } else {
        let g = ratio.minus(Interval::point(Decimal::ONE)).scale(Decimal::ONE_HUNDRED);
        let Some(gp) = ratio_point.checked_sub(Decimal::ONE).and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)) else { return Judgement::unchecked() };
        // A fall is stated as a positive "giảm P%".
        if stated.negative {
            (g.negated(), -gp, "%")
        } else {
            (g, gp, "%")
        }
    };
    let ops = format!("{} / ({})", total.text, terms.join(" + "));
    let figs: Vec<&Figure> = rel.operands.iter().map(|&r| ctx.figure(r)).collect();
    let mut j = ctx.judge(rule, stated, Computed { interval, point, dp: shown_dp(stated), suffix }, &figs, " ");
    if let Some(f) = j.finding.as_mut() {
        let listed = figs.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join(" ");
        f.message = f.message.replace(&listed, &ops);
        f.help = f.help.take().map(|h| h.replace(&listed, &ops));
    }
    j
}

/// A rate as the factor it multiplies by.
pub(super) fn factor(f: &Figure) -> Option<Interval> {
    let i = Interval::of_figure(f);
    let hundredth = Decimal::new(1, 2);
    if f.dimension() == Some("times") {
        return Some(i);
    }
    if !f.is_percent() {
        return None;
    }
    Some(if f.ratio_form || f.role == FigureRole::PlanPercent {
        i.scale(hundredth)
    } else if f.negative {
        Interval::point(Decimal::ONE).minus(i.scale(hundredth))
    } else {
        Interval::point(Decimal::ONE).plus(i.scale(hundredth))
    })
}

pub(super) fn factor_point(f: &Figure) -> Option<Decimal> {
    let v = f.value();
    let hundredth = Decimal::new(1, 2);
    if f.dimension() == Some("times") {
        return Some(v);
    }
    let r = v.checked_mul(hundredth)?;
    if f.ratio_form || f.role == FigureRole::PlanPercent {
        Some(r)
    } else if f.negative {
        Decimal::ONE.checked_sub(r)
    } else {
        Decimal::ONE.checked_add(r)
    }
}
