//! A growth percent against the values it comes from. Growths are signed: "giảm 5%" is −5%,
//! so a fall stated as a rise is a mismatch, not a match.

use rust_decimal::Decimal;

use super::{shown_dp, Ctx, Judgement, Status};
use crate::claims::Figure;
use crate::interval::{Interval, Verdict};
use crate::relations::{Formula, Relation};
use crate::rules::{Level, Rule};
use crate::text::fmt_vi;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let (negative, ratio) = match rel.formula {
        Formula::GrowthFromChange { negative } => (negative, false),
        Formula::RatioFromChange { negative } => (negative, true),
        Formula::GrowthFromValues { ratio } => return from_values(ctx, rule, rel, ratio),
        Formula::PointsFromValues => return points(ctx, rule, rel),
        Formula::GrowthOfQuotient => return of_quotient(ctx, rule, rel),
        _ => return Judgement::unchecked(),
    };
    let [change, value] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (change, value, pct) = (ctx.figure(*change), ctx.figure(*value), ctx.figure(rel.result));
    let v = Interval::of_figure_base(value);
    let d = Interval::of_figure_base(change);
    // The earlier value: what the current one was before the change.
    let before = if negative { v.plus(d) } else { v.minus(d) };
    let (interval, point) = if ratio {
        let Some(i) = v.percent_of(before) else { return Judgement::unchecked() };
        let p = base_point(value, change, negative).and_then(|b| value.base_value().checked_div(b)).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
        (i, p)
    } else {
        let Some(i) = d.percent_of(before) else { return Judgement::unchecked() };
        let i = if negative { i.negated() } else { i };
        let p = base_point(value, change, negative).and_then(|b| change.base_value().checked_div(b)).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
        (i, p.map(|p| if negative { -p } else { p }))
    };
    let Some(point) = point else { return Judgement::unchecked() };
    // The computation as a reader can redo it: change / earlier value.
    let earlier = base_point(value, change, negative).map(|b| fmt_in_unit(b, value)).unwrap_or_default();
    let ops = if ratio { format!("{} / {earlier}", value.text) } else { format!("{} / {earlier}", change.text) };
    verdict(ctx, rule, pct, Computed { interval, point, ratio, ops }, vec![ctx.related(change), ctx.related(value)])
}

/// A growth against the current value and the base stated with it: current / base − 1.
fn from_values(ctx: &Ctx, rule: &Rule, rel: &Relation, ratio: bool) -> Judgement {
    let [current, base] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (current, base, pct) = (ctx.figure(*current), ctx.figure(*base), ctx.figure(rel.result));
    // Values said to be approximate ("trên 27.361", "khoảng 25.080") bound nothing useful;
    // the growth was computed from their written digits, and a mismatch is worth a look.
    let approximate = [current, base].iter().any(|f| !f.is_point());
    let of = if approximate { Interval::of_written_base } else { Interval::of_figure_base };
    // "gấp 2,5 lần": the factor itself, current / base.
    let times = pct.dimension() == Some("times");
    let Some(i) = (if times { of(current).divided_by(of(base)) } else { of(current).percent_of(of(base)) }) else { return Judgement::unchecked() };
    let scale = if times { Decimal::ONE } else { Decimal::ONE_HUNDRED };
    let Some(p) = current.base_value().checked_div(base.base_value()).and_then(|r| r.checked_mul(scale)) else { return Judgement::unchecked() };
    let hundred = Interval::point(Decimal::ONE_HUNDRED);
    let ratio = ratio || times;
    let (interval, point) = if ratio { (i, p) } else { (i.minus(hundred), p - Decimal::ONE_HUNDRED) };
    let ops = if ratio { format!("{} / {}", current.text, base.text) } else { format!("{} / {} − 1", current.text, base.text) };
    verdict(ctx, rule, pct, Computed { interval, point, ratio, ops }, vec![ctx.related(current), ctx.related(base)]).at_most_warning(approximate)
}

/// A rate's change in points against the current and the earlier rate: current − base.
fn points(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [current, base] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (current, base, change) = (ctx.figure(*current), ctx.figure(*base), ctx.figure(rel.result));
    let interval = Interval::of_figure(current).minus(Interval::of_figure(base));
    let point = current.value() - base.value();
    let ops = format!("{} − {}", current.text, base.text);
    verdict(ctx, rule, change, Computed { interval, point, ratio: false, ops }, vec![ctx.related(current), ctx.related(base)])
}

/// An average's growth from its total's and its count's: (1 + g₀) / (1 + g₁) − 1. The link
/// was inferred, so a disagreement is a warning.
fn of_quotient(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    use super::aggregate::{factor, factor_point};
    let [g0, g1] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (g0, g1, pct) = (ctx.figure(*g0), ctx.figure(*g1), ctx.figure(rel.result));
    let (Some(f0), Some(f1)) = (factor(g0), factor(g1)) else { return Judgement::unchecked() };
    let Some(ratio) = f0.divided_by(f1) else { return Judgement::unchecked() };
    let Some(p) = factor_point(g0).zip(factor_point(g1)).and_then(|(a, b)| a.checked_div(b)).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)) else { return Judgement::unchecked() };
    let hundred = Decimal::ONE_HUNDRED;
    let interval = ratio.scale(hundred).minus(Interval::point(hundred));
    let signed = |f: &crate::claims::Figure| if f.negative { format!("(1 − {})", f.text) } else { format!("(1 + {})", f.text) };
    let ops = format!("{} / {} − 1", signed(g0), signed(g1));
    verdict(ctx, rule, pct, Computed { interval, point: p - hundred, ratio: false, ops }, vec![ctx.related(g0), ctx.related(g1)]).at_most_warning(rel.detail.inferred)
}

/// What the operands give for a growth: its interval and point (signed), whether it is in
/// ratio form, and the computation as written in the message.
struct Computed {
    interval: Interval,
    point: Decimal,
    ratio: bool,
    ops: String,
}

/// The stated growth against what the operands give.
fn verdict(ctx: &Ctx, rule: &Rule, pct: &Figure, computed: Computed, related: Vec<super::Related>) -> Judgement {
    let Computed { interval, point, ratio, ops } = computed;
    // The stated growth, signed: "giảm 1,6%" is −1,6%.
    let stated_i = Interval::of_figure(pct).widen(rule.tolerance);
    let stated_i = if pct.negative && !ratio { stated_i.negated() } else { stated_i };
    let verdict = stated_i.verdict(interval, pct.number.value.scale());
    let dp = shown_dp(pct);
    // In the stated figure's own unit: "%", "lần", "điểm phần trăm".
    let suffix = pct.unit.as_ref().filter(|u| !u.is_percent()).map_or_else(|| "%".to_owned(), |u| format!(" {}", u.text));
    let shown = format!("{}{suffix}", fmt_vi(if ratio { point } else { point.abs() }, dp));
    let sign_word = |neg: bool| match (ctx.lang, neg) {
        (crate::rules::Lang::Vi, true) => "giảm ",
        (crate::rules::Lang::Vi, false) => "tăng ",
        (crate::rules::Lang::En, true) => "down ",
        (crate::rules::Lang::En, false) => "up ",
    };
    // The direction is named only when it differs from the stated one ("giảm 5%" computed as a rise).
    let flipped = !ratio && point.is_sign_negative() != pct.negative && !point.is_zero();
    let computed = if flipped { format!("{}{shown}", sign_word(point.is_sign_negative())) } else { shown.clone() };
    let (status, severity) = match verdict {
        Verdict::Consistent => return Judgement { status: Status::Agrees, computed: Some(computed), finding: None },
        Verdict::Rounding => (Status::Rounding, Level::Info),
        Verdict::Mismatch => (Status::Mismatch, rule.level),
    };
    let stated = if flipped { format!("{}{}", sign_word(pct.negative), pct.text) } else { pct.text.clone() };
    let vars = [("stated", stated), ("computed", computed.clone()), ("operands", ops)];
    Judgement { status, computed: Some(computed), finding: Some(ctx.finding(rule, severity, ctx.fig_span(pct), related, &vars)) }
}

/// The earlier value in the base unit: current − change for a rise, current + change for a fall.
fn base_point(value: &Figure, change: &Figure, negative: bool) -> Option<Decimal> {
    if negative {
        value.base_value().checked_add(change.base_value())
    } else {
        value.base_value().checked_sub(change.base_value())
    }
}

/// A base-unit amount written in a figure's own unit ("30 vụ", "1.234,5 tỷ đồng").
fn fmt_in_unit(base: Decimal, like: &Figure) -> String {
    let dp = like.number.value.scale();
    like.unit.as_ref().map_or_else(|| fmt_vi(base, dp), |u| u.write(base, dp))
}
