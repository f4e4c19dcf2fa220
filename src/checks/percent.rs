//! A stated percent against what its operands give: part / whole × 100 (ratios, percents of
//! plan, shares), or the share another share's whole gives. When several operand lists may be
//! meant, the percent agrees if any of them gives it; otherwise the closest is reported.

use rust_decimal::Decimal;

use super::{shown_dp, Computed, Ctx, Judgement};
use crate::claims::{FigRef, Figure};
use crate::interval::Interval;
use crate::relations::{Formula, Relation};
use crate::rules::Rule;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let pct = ctx.figure(rel.result);
    let stated = Interval::of_figure(pct).widen(rule.tolerance);
    // (gap to the stated interval, operands, computed interval and point)
    let mut best: Option<(Decimal, &[FigRef], Interval, Decimal)> = None;
    for ops in rel.operand_sets() {
        let Some((interval, point)) = compute(ctx, rel.formula, ops) else { continue };
        let gap = stated.gap(interval);
        if best.as_ref().is_none_or(|b| gap < b.0) {
            best = Some((gap, ops, interval, point));
        }
    }
    let Some((_, ops, interval, point)) = best else { return Judgement::unchecked() };
    let figs: Vec<&Figure> = ops.iter().map(|&r| ctx.figure(r)).collect();
    // "vượt 12% kế hoạch": the margin over the whole, amount / plan − 100%.
    let (interval, point) = if pct.exceeds { (interval.minus(Interval::point(Decimal::ONE_HUNDRED)), point - Decimal::ONE_HUNDRED) } else { (interval, point) };
    let mut j = ctx.judge(rule, pct, Computed { interval, point, dp: shown_dp(pct), suffix: "%" }, &figs, " / ");
    if let (true, Some(f), [a, b]) = (pct.exceeds, j.finding.as_mut(), figs.as_slice()) {
        f.message = f.message.replace(&format!("{} / {}", a.text, b.text), &format!("{} / {} − 100%", a.text, b.text));
    }
    if rel.formula == Formula::CommonWhole {
        // Show the computation a reader can redo: part × other percent / other part.
        if let (Some(f), [a, b, c]) = (j.finding.as_mut(), figs.as_slice()) {
            f.message = f.message.replace(&format!("{} / {} / {}", a.text, b.text, c.text), &format!("{} × {} / {}", a.text, c.text, b.text));
        }
    }
    j.at_most_warning(rel.detail.inferred)
}

/// What the operands give, as an interval and a point value, in percent.
fn compute(ctx: &Ctx, formula: Formula, ops: &[FigRef]) -> Option<(Interval, Decimal)> {
    let hundred = Decimal::ONE_HUNDRED;
    match (formula, ops) {
        (Formula::Percent, [num, den]) => {
            let (num, den) = (ctx.figure(*num), ctx.figure(*den));
            let interval = Interval::of_figure_base(num).percent_of(Interval::of_figure_base(den))?;
            let point = num.base_value().checked_div(den.base_value())?.checked_mul(hundred)?;
            Some((interval, point))
        }
        (Formula::CommonWhole, [part, other, other_pct]) => {
            let (part, other, other_pct) = (ctx.figure(*part), ctx.figure(*other), ctx.figure(*other_pct));
            // The other share's whole (other / other_pct × 100), then this part's share of it.
            let whole = Interval::of_figure_base(other).percent_of(Interval::of_figure(other_pct))?;
            let interval = Interval::of_figure_base(part).percent_of(whole)?;
            let point = part.base_value().checked_mul(other_pct.value())?.checked_div(other.base_value())?;
            Some((interval, point))
        }
        _ => None,
    }
}
