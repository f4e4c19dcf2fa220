//! A figure stated again: the later statement must meet the earlier one.

use super::{Ctx, Judgement, Status};
use rust_decimal::Decimal;

use crate::claims::{Figure, FigureRole};
use crate::model::Qualifier;
use crate::interval::Interval;
use crate::relations::Relation;
use crate::rules::{Level, Rule};

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let [earlier] = rel.operands.as_slice() else { return Judgement::unchecked() };
    let (earlier, later) = (ctx.figure(*earlier), ctx.figure(rel.result));
    let computed = Some(earlier.text.clone());
    // "đạt trên 95%" restated "đạt trên 107%": one bound written twice, so its figure must
    // agree, though the two ranges overlap.
    let bound = |f: &Figure| matches!(f.qualifier, Some(Qualifier::Above | Qualifier::Below | Qualifier::Over | Qualifier::Nearly));
    let as_written = |f: &Figure| Figure { qualifier: None, ..f.clone() };
    let (earlier, later) = if bound(earlier) && earlier.qualifier == later.qualifier { (&as_written(earlier), &as_written(later)) } else { (earlier, later) };
    if value(earlier, later).meets(value(later, earlier)) {
        return Judgement { status: Status::Agrees, computed, finding: None };
    }
    // "275,5" restating "275,59": cut, not rounded, to fewer digits; a note, not an error.
    let cut = |short: &Figure, long: &Figure| short.number.value.scale() < long.number.value.scale() && truncated(short).meets(value(long, short));
    let cut_short = cut(later, earlier) || cut(earlier, later);
    // A link inferred from a shared percent, not from the names, is reported as a warning.
    let level = if rel.detail.inferred { rule.level.min(Level::Warning) } else { rule.level };
    let severity = if cut_short { Level::Info } else { level.max(Level::Info) };
    let claim = &ctx.doc.claims.claims[rel.result.0];
    use crate::rules::Lang::{En, Vi};
    let why = match (&rel.detail.why, &rel.detail.after, rel.detail.anchored, ctx.lang) {
        (Some(w), Some(a), _, Vi) => format!("cùng chỉ tiêu \"{w}\" ngay sau \"{a}\", cùng kỳ"),
        (Some(w), Some(a), _, En) => format!("the same indicator \"{w}\" right after \"{a}\", the same period"),
        (Some(w), None, false, Vi) => format!("cùng chỉ tiêu \"{w}\", cùng kỳ"),
        (Some(w), None, false, En) => format!("the same indicator \"{w}\", the same period"),
        (Some(w), None, true, Vi) => format!("cả hai chỗ cùng nêu {w}"),
        (Some(w), None, true, En) => format!("both state {w}"),
        (None, _, _, Vi) => "cùng chỉ tiêu, cùng kỳ".to_owned(),
        (None, _, _, En) => "the same indicator and period".to_owned(),
    };
    let vars = [("stated", later.text.clone()), ("computed", earlier.text.clone()), ("indicator", claim.indicator.clone()), ("why", why)];
    let finding = ctx.finding(rule, severity, ctx.fig_span(later), vec![ctx.related(earlier)], &vars);
    let status = if cut_short { Status::Rounding } else { Status::Mismatch };
    Judgement { status, computed, finding: Some(finding) }
}

/// What a figure may mean when its last digits were cut off: from its value up to one unit of
/// its last digit, in its base unit.
fn truncated(f: &Figure) -> Interval {
    let v = f.number.value;
    let unit = Decimal::try_new(1, v.scale()).unwrap_or(Decimal::ZERO);
    let i = Interval { lo: v, hi: v.saturating_add(unit) };
    match &f.unit {
        Some(u) => i.scale(u.scale),
        None => i,
    }
}

/// What a figure states, comparable across forms: a growth as a signed change in percent
/// ("giảm 5%" is −5, "bằng 104,5%" is +4,5), anything else in its base unit; against a
/// statement that leaves out the per-unit ("128,5 triệu đồng" for "128,5 triệu đồng/ha/năm"),
/// in the base unit of the amount alone.
fn value(f: &Figure, other: &Figure) -> Interval {
    if let (Some(u), Some(o)) = (&f.unit, &other.unit) {
        if u.dimension != o.dimension && u.base_dimension() == o.base_dimension() {
            return Interval::of_figure(f).scale(u.numerator_scale());
        }
    }
    if f.role == FigureRole::GrowthPercent && f.is_percent() {
        let i = Interval::of_figure(f);
        return if f.ratio_form {
            i.minus(Interval::point(Decimal::ONE_HUNDRED))
        } else if f.negative {
            i.negated()
        } else {
            i
        };
    }
    Interval::of_figure_base(f)
}
