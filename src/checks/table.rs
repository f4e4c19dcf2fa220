//! The arithmetic of indicator tables: comparison cells, assessments, totals, shares, the
//! scale of a row, and figures the prose states again. Each figure is read at the precision
//! its table writes: a row printed "9.30 10.20 13.30" (every figure padded with a zero) is
//! written to one decimal, not two. A finding points at the cell and names its row and
//! column.

use rust_decimal::Decimal;

use super::{Ctx, Judgement, Related, Status};
use crate::claims::{FigRef, Figure};
use crate::interval::{Interval, Verdict};
use crate::layout::{Assessment, Table, Value};
use crate::model::Qualifier;
use crate::relations::{Bound, CompareForm, Formula, Relation, RelationKind};
use crate::rules::{Lang, Level, Rule};
use crate::text::fmt_vi;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    match rel.kind {
        RelationKind::TableCompare => compare(ctx, rule, rel),
        RelationKind::TableShare => share(ctx, rule, rel),
        RelationKind::TableTotal => total(ctx, rule, rel),
        RelationKind::TableAssessment => assessment(ctx, rule, rel),
        RelationKind::TableUnit => scale(ctx, rule, rel),
        RelationKind::TableRestatement => restated(ctx, rule, rel),
        _ => Judgement::unchecked(),
    }
}

/// The table, row and column of a figure's cell.
fn cell_of<'a>(ctx: &'a Ctx, r: FigRef) -> Option<(&'a Table, usize, usize)> {
    let (t, row, col) = ctx.doc.claims.claims.get(r.0)?.cell?;
    Some((ctx.doc.layout.tables.get(t)?, row, col))
}

/// The row label and the column header of a figure's cell, for messages.
fn names(ctx: &Ctx, r: FigRef) -> (String, String) {
    match cell_of(ctx, r) {
        Some((t, row, col)) => (
            t.rows.get(row).map(|x| x.label.clone()).unwrap_or_default(),
            t.columns.get(col).map(|c| c.header.clone()).unwrap_or_default(),
        ),
        None => (ctx.doc.claims.claims.get(r.0).map(|c| c.indicator.clone()).unwrap_or_default(), String::new()),
    }
}

/// Whether every figure of a row with decimals ends in a zero ("9.30 10.20 13.30"): the
/// table pads its figures, and the last zero is not a written digit.
fn padded(t: &Table, row: usize) -> bool {
    let Some(r) = t.rows.get(row) else { return false };
    let decimals: Vec<&Decimal> = r.cells.iter().filter_map(|c| if let Value::Number(n) = &c.value { Some(n) } else { None }).filter(|n| n.scale() > 0).collect();
    decimals.len() >= 2 && decimals.iter().all(|n| n.mantissa() % 10 == 0)
}

/// The decimals a figure is written to (one less when its row pads them).
fn decimals(ctx: &Ctx, r: FigRef) -> u32 {
    let f = ctx.figure(r);
    let scale = f.number.value.scale();
    match cell_of(ctx, r) {
        Some((t, row, _)) if scale > 0 && padded(t, row) => scale - 1,
        _ => scale,
    }
}

/// What a figure can mean at its written precision, in its own unit.
fn own(ctx: &Ctx, r: FigRef) -> Interval {
    let f = ctx.figure(r);
    let dp = decimals(ctx, r);
    if dp == f.number.value.scale() {
        return Interval::of_figure(f);
    }
    Interval::of(f.value(), Decimal::new(5, dp + 1), f.qualifier)
}

/// `own`, in the base unit of its dimension.
fn base(ctx: &Ctx, r: FigRef) -> Interval {
    let i = own(ctx, r);
    match &ctx.figure(r).unit {
        Some(u) => i.scale(u.scale),
        None => i,
    }
}

/// A stated interval against a computed one, at the stated figure's precision.
fn verdict(ctx: &Ctx, rule: &Rule, stated: FigRef, computed: Interval) -> Verdict {
    own(ctx, stated).widen(rule.tolerance).verdict(computed, decimals(ctx, stated))
}

/// What a finding shows beside the stated figure: what the others give, the computation as
/// a reader can redo it, and where the others are.
struct Shown {
    computed: String,
    operands: String,
    related: Vec<Related>,
}

/// A judgement of a figure's cell: a finding naming its row and column, unless consistent.
fn outcome(ctx: &Ctx, rule: &Rule, stated: FigRef, v: Verdict, shown: Shown, warn_only: bool) -> Judgement {
    let Shown { computed, operands, related } = shown;
    let (status, severity) = match v {
        Verdict::Consistent => return Judgement { status: Status::Agrees, computed: Some(computed), finding: None },
        Verdict::Rounding => (Status::Rounding, Level::Info),
        Verdict::Mismatch if warn_only => (Status::Mismatch, rule.level.min(Level::Warning)),
        Verdict::Mismatch => (Status::Mismatch, rule.level),
    };
    let f = ctx.figure(stated);
    let (row, column) = names(ctx, stated);
    let vars = [("stated", f.text.clone()), ("computed", computed.clone()), ("operands", operands), ("row", row), ("column", column)];
    let finding = ctx.finding(rule, severity, ctx.fig_span(f), related, &vars);
    Judgement { status, computed: Some(computed), finding: Some(finding) }
}

/// (interval, point) of a comparison in one form.
fn compared(ctx: &Ctx, form: CompareForm, x: FigRef, y: FigRef) -> Option<(Interval, Decimal)> {
    let (fx, fy) = (ctx.figure(x), ctx.figure(y));
    let hundred = Decimal::ONE_HUNDRED;
    match form {
        CompareForm::Ratio | CompareForm::Growth => {
            let i = base(ctx, x).percent_of(base(ctx, y))?;
            let p = fx.base_value().checked_div(fy.base_value())?.checked_mul(hundred)?;
            if form == CompareForm::Growth {
                Some((i.minus(Interval::point(hundred)), p.checked_sub(hundred)?))
            } else {
                Some((i, p))
            }
        }
        CompareForm::Points => Some((own(ctx, x).minus(own(ctx, y)), fx.value().checked_sub(fy.value())?)),
    }
}

fn compare(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let Formula::Compare { form, alt } = rel.formula else { return Judgement::unchecked() };
    let stated = own(ctx, rel.result).widen(rule.tolerance);
    // (gap, form, operands, interval, point). A reading that agrees settles it; otherwise the
    // column's own form is reported (its closest operands), the other one only when the own
    // form cannot be computed.
    let mut best: Option<(Decimal, CompareForm, &[FigRef], Interval, Decimal)> = None;
    for f in std::iter::once(form).chain(alt.iter().copied()) {
        for ops in rel.operand_sets() {
            let [x, y] = ops else { continue };
            let Some((i, p)) = compared(ctx, f, *x, *y) else { continue };
            let gap = stated.gap(i);
            let better = match &best {
                None => true,
                Some(b) => gap.is_zero() && !b.0.is_zero() || (f == b.1 && gap < b.0),
            };
            if better {
                best = Some((gap, f, ops, i, p));
            }
        }
    }
    let Some((_, f, ops, interval, point)) = best else { return Judgement::unchecked() };
    let [x, y] = ops else { return Judgement::unchecked() };
    let (tx, ty) = (&ctx.figure(*x).text, &ctx.figure(*y).text);
    let operands = match f {
        CompareForm::Ratio => format!("{tx} / {ty}"),
        CompareForm::Growth => format!("{tx} / {ty} − 1"),
        CompareForm::Points => format!("{tx} − {ty}"),
    };
    let suffix = if f == CompareForm::Points { "" } else { "%" };
    let dp = (decimals(ctx, rel.result) + 1).clamp(1, 4);
    let computed = format!("{}{suffix}", fmt_vi(point, dp));
    let related = vec![ctx.related(ctx.figure(*x)), ctx.related(ctx.figure(*y))];
    outcome(ctx, rule, rel.result, verdict(ctx, rule, rel.result, interval), Shown { computed, operands, related }, rel.detail.inferred)
}

fn share(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let stated = own(ctx, rel.result).widen(rule.tolerance);
    let mut best: Option<(Decimal, &[FigRef], Interval, Decimal)> = None;
    for ops in rel.operand_sets() {
        let [part, whole] = ops else { continue };
        let Some(i) = base(ctx, *part).percent_of(base(ctx, *whole)) else { continue };
        let Some(p) = ctx.figure(*part).base_value().checked_div(ctx.figure(*whole).base_value()).and_then(|v| v.checked_mul(Decimal::ONE_HUNDRED)) else { continue };
        let gap = stated.gap(i);
        if best.as_ref().is_none_or(|b| gap < b.0) {
            best = Some((gap, ops, i, p));
        }
    }
    let Some((_, ops, interval, point)) = best else { return Judgement::unchecked() };
    let [part, whole] = ops else { return Judgement::unchecked() };
    let operands = format!("{} / {}", ctx.figure(*part).text, ctx.figure(*whole).text);
    let dp = (decimals(ctx, rel.result) + 1).clamp(1, 4);
    let computed = format!("{}%", fmt_vi(point, dp));
    let related = vec![ctx.related(ctx.figure(*part)), ctx.related(ctx.figure(*whole))];
    outcome(ctx, rule, rel.result, verdict(ctx, rule, rel.result, interval), Shown { computed, operands, related }, rel.detail.inferred)
}

/// The parts of a sum as a reader can redo it; a long list is cut in the middle.
fn plus_list(figs: &[&Figure]) -> String {
    const SHOWN: usize = 8;
    if figs.len() <= SHOWN {
        return figs.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join(" + ");
    }
    let head: Vec<&str> = figs[..SHOWN - 2].iter().map(|f| f.text.as_str()).collect();
    let tail: Vec<&str> = figs[figs.len() - 2..].iter().map(|f| f.text.as_str()).collect();
    format!("{} + … + {}", head.join(" + "), tail.join(" + "))
}

fn total(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let parts: Vec<&Figure> = rel.operands.iter().map(|&p| ctx.figure(p)).collect();
    let t = base(ctx, rel.result);
    let s = rel.operands.iter().fold(Interval::point(Decimal::ZERO), |acc, &p| acc.plus(base(ctx, p)));
    let Some(point) = parts.iter().try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.base_value())) else { return Judgement::unchecked() };
    let total_fig = ctx.figure(rel.result);
    let scale = total_fig.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
    let dp = rel.operands.iter().map(|&p| decimals(ctx, p)).chain(std::iter::once(decimals(ctx, rel.result))).max().unwrap_or(0);
    let computed = point.checked_div(scale).map(|v| fmt_vi(v, dp)).unwrap_or_default();
    let v = match rel.bound {
        // Parts named as "trong đó" may fall short, never exceed.
        Bound::AtLeast if s.lo <= t.hi => Verdict::Consistent,
        Bound::AtLeast => {
            let unit = Decimal::new(1, decimals(ctx, rel.result)).checked_mul(scale).unwrap_or(Decimal::ONE);
            if s.gap(t) <= unit { Verdict::Rounding } else { Verdict::Mismatch }
        }
        Bound::Exact => {
            let unit = Decimal::new(1, decimals(ctx, rel.result)).checked_mul(scale).unwrap_or(Decimal::ONE);
            if s.meets(t) {
                Verdict::Consistent
            } else if s.gap(t) <= unit {
                Verdict::Rounding
            } else {
                Verdict::Mismatch
            }
        }
    };
    let related = parts.iter().map(|p| ctx.related(p)).collect();
    outcome(ctx, rule, rel.result, v, Shown { computed, operands: plus_list(&parts), related }, rel.detail.inferred)
}

/// The plan an assessment is judged against, as an interval, and how to show it.
fn plan_of(ctx: &Ctx, rel: &Relation) -> Option<(Interval, String)> {
    if let Some(&p) = rel.operands.get(1) {
        return Some((own(ctx, p), ctx.figure(p).text.clone()));
    }
    let &(t, r, j) = rel.detail.cells.get(1)?;
    let cell = ctx.doc.layout.tables.get(t)?.rows.get(r)?.cells.get(j)?;
    let i = match cell.value {
        Value::Range(lo, hi) => Interval { lo, hi },
        Value::Bound(Qualifier::About, v) => Interval::of(v, Decimal::ZERO, Some(Qualifier::About)),
        Value::Bound(_, v) => Interval::point(v),
        _ => return None,
    };
    Some((i, cell.text.clone()))
}

fn assessment_word(a: Assessment, lang: Lang) -> &'static str {
    match (a, lang) {
        (Assessment::Reached, Lang::Vi) => "Đạt",
        (Assessment::NotReached, Lang::Vi) => "Không đạt",
        (Assessment::Exceeded, Lang::Vi) => "Vượt",
        (Assessment::Reached, Lang::En) => "reached",
        (Assessment::NotReached, Lang::En) => "not reached",
        (Assessment::Exceeded, Lang::En) => "exceeded",
    }
}

fn assessment(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let Formula::Assessment { said, lower_is_better } = rel.formula else { return Judgement::unchecked() };
    let Some(&(t, r, j)) = rel.detail.cells.first() else { return Judgement::unchecked() };
    let Some(cell) = ctx.doc.layout.tables.get(t).and_then(|x| x.rows.get(r)).and_then(|x| x.cells.get(j)) else { return Judgement::unchecked() };
    let Some((plan, plan_text)) = plan_of(ctx, rel) else { return Judgement::unchecked() };
    let a = own(ctx, rel.result);
    // Which way the actual may lie from the plan, given the rounding of both; for an
    // indicator where less is better, "above" is the worse side.
    let (worse, better) = if lower_is_better { (a.hi > plan.hi, a.lo < plan.lo) } else { (a.lo < plan.lo, a.hi > plan.hi) };
    let inside = a.meets(plan);
    let fits = match said {
        Assessment::Reached => inside || better,
        Assessment::Exceeded => better,
        Assessment::NotReached => worse,
    };
    // What the figures say, for the message: the side the actual surely lies on.
    let expected = if better && !inside { Assessment::Exceeded } else if worse && !inside { Assessment::NotReached } else { Assessment::Reached };
    let actual = ctx.figure(rel.result);
    let computed = assessment_word(expected, ctx.lang).to_owned();
    if fits {
        return Judgement { status: Status::Agrees, computed: Some(computed), finding: None };
    }
    let (row, _) = names(ctx, rel.result);
    let column = ctx.doc.layout.tables.get(t).and_then(|x| x.columns.get(j)).map(|c| c.header.clone()).unwrap_or_default();
    let operands = match ctx.lang {
        Lang::Vi => format!("{} so với kế hoạch {plan_text}", actual.text),
        Lang::En => format!("{} against the plan {plan_text}", actual.text),
    };
    let vars = [("stated", cell.text.clone()), ("computed", computed.clone()), ("operands", operands), ("row", row), ("column", column)];
    let mut related = vec![ctx.related(actual)];
    if let Some(&p) = rel.operands.get(1) {
        related.push(ctx.related(ctx.figure(p)));
    }
    let finding = ctx.finding(rule, rule.level, ctx.span(cell.start, cell.end), related, &vars);
    Judgement { status: Status::Mismatch, computed: Some(computed), finding: Some(finding) }
}

/// How many times one positive figure is another (in base units), when both are positive.
fn times(a: &Figure, b: &Figure) -> Option<Decimal> {
    let (x, y) = (a.base_value(), b.base_value());
    if x <= Decimal::ZERO || y <= Decimal::ZERO {
        return None;
    }
    let r = x.checked_div(y)?;
    if r >= Decimal::ONE {
        Some(r)
    } else {
        Decimal::ONE.checked_div(r)
    }
}

/// Off by a factor of a hundred or more: a unit (or a thousands mark) slipped.
const FACTOR: Decimal = Decimal::ONE_HUNDRED;

fn scale(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let f = ctx.figure(rel.result);
    let others: Vec<&Figure> = rel.operands.iter().map(|&o| ctx.figure(o)).collect();
    let off: Vec<(usize, Decimal)> = others.iter().enumerate().filter_map(|(i, o)| times(f, o).filter(|t| *t >= FACTOR).map(|t| (i, t))).collect();
    let scaled = off.len() * 2 > others.len();
    let whole = |x: &Figure| x.value().fract().is_zero();
    let fractional = f.unit.as_ref().is_some_and(|u| u.is_count()) && !whole(f) && others.iter().all(|o| whole(o));
    if !scaled && !fractional {
        return Judgement { status: Status::Agrees, computed: None, finding: None };
    }
    // Shown: the nearest figures of the row on each side.
    let col = |r: FigRef| cell_of(ctx, r).map(|c| c.2).unwrap_or(0);
    let me = col(rel.result);
    let left = rel.operands.iter().copied().filter(|&o| col(o) < me).max_by_key(|&o| col(o));
    let right = rel.operands.iter().copied().filter(|&o| col(o) > me).min_by_key(|&o| col(o));
    let near: Vec<FigRef> = left.into_iter().chain(right).collect();
    let operands = near.iter().map(|&o| ctx.figure(o).text.clone()).collect::<Vec<_>>().join(", ");
    // Against the middle of the others.
    let mut values: Vec<Decimal> = others.iter().map(|o| o.base_value()).collect();
    values.sort();
    let middle = values.get(values.len() / 2).copied().unwrap_or(Decimal::ONE);
    let factor = if middle > Decimal::ZERO && f.base_value() > Decimal::ZERO {
        let r = f.base_value().checked_div(middle).unwrap_or(Decimal::ONE);
        if r >= Decimal::ONE { r } else { Decimal::ONE.checked_div(r).unwrap_or(Decimal::ONE) }
    } else {
        Decimal::ONE
    };
    let larger = f.base_value() > middle;
    let n = fmt_vi(factor.round(), 0);
    let computed = match (scaled, larger, ctx.lang) {
        (true, true, Lang::Vi) => format!("gấp {n} lần"),
        (true, false, Lang::Vi) => format!("nhỏ hơn {n} lần"),
        (true, true, Lang::En) => format!("{n} times larger"),
        (true, false, Lang::En) => format!("{n} times smaller"),
        (false, _, Lang::Vi) => "một số đếm mà có phần lẻ".to_owned(),
        (false, _, Lang::En) => "a count with a fraction".to_owned(),
    };
    let related = near.iter().map(|&o| ctx.related(ctx.figure(o))).collect();
    outcome(ctx, rule, rel.result, Verdict::Mismatch, Shown { computed, operands, related }, true)
}

fn restated(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [p] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (table, prose) = (ctx.figure(rel.result), ctx.figure(*p));
    let v = if crate::relations::restatement_agrees(table, prose) { Verdict::Consistent } else { Verdict::Mismatch };
    outcome(ctx, rule, rel.result, v, Shown { computed: prose.text.clone(), operands: prose.text.clone(), related: vec![ctx.related(prose)] }, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_zeros_are_not_written_digits() {
        let cells = |xs: &[&str]| xs.iter().map(|x| crate::layout::Cell { text: (*x).into(), value: Value::Number(x.parse().unwrap()), start: 0, end: 0 }).collect::<Vec<_>>();
        let row = |xs: &[&str]| crate::layout::Row {
            label: "x".into(),
            number: None,
            level: 9,
            parent: None,
            total: false,
            group: false,
            lower_is_better: false,
            unit: None,
            period: None,
            measure: crate::layout::Measure::Amount,
            cells: cells(xs),
            block: 0,
            start: 0,
            end: 0,
        };
        let t = |r| Table { form: crate::layout::Form::Words, columns: Vec::new(), rows: vec![r], decimal: crate::layout::DecimalMark::Dot, unit: None, period_rows: false, skipped: 0, start: 0, end: 0 };
        assert!(padded(&t(row(&["9.30", "10.20", "13.30"])), 0));
        assert!(!padded(&t(row(&["28.27", "31.56", "29.80"])), 0));
        assert!(!padded(&t(row(&["9.30"])), 0));
    }
}
