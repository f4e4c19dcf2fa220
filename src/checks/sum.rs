//! `sum`: a total against its parts. Parts that add up to more than the total are an error
//! (unless one part is itself a subset of another: dropping it makes the list add up); parts
//! that fall short are reported only when the list reads as complete.

use rust_decimal::Decimal;

use super::interval::{Interval, Verdict};
use super::{Ctx, Finding};
use crate::claims::Breakdown;
use crate::rules::{Direction, Level, Rule};
use crate::text::fmt_vi;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let c = &ctx.doc.claims;
    for bd in &c.breakdowns {
        let total = c.figure(bd.total);
        if !rule.applies_to(c.claims[bd.total.0].role) || total.unit.is_none() {
            continue;
        }
        let parts: Vec<_> = bd.parts.iter().map(|&p| c.figure(p)).collect();
        let t = Interval::of_figure_base(total);
        // A "part" larger than the total is not a part of it: the list belongs elsewhere.
        if parts.iter().any(|p| Interval::of_figure_base(p).lo > t.hi) {
            continue;
        }
        let s = parts.iter().fold(Interval::point(Decimal::ZERO), |acc, p| acc.plus(Interval::of_figure_base(p)));
        let point: Decimal = parts.iter().map(|p| p.base_value()).sum();
        ctx.cover(rule, &parts);
        ctx.cover(rule, &[total]);
        // One unit of the least precise figure, in the base unit.
        let unit = parts
            .iter()
            .chain(std::iter::once(&total))
            .map(|f| Decimal::new(1, f.number.value.scale()) * f.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE))
            .max()
            .unwrap_or(Decimal::ONE);
        // The intervals meet, yet the written digits add up to something else (941 + 14 + 10
        // = 965 for a total of 964): rounding of the parts, noted at info.
        let written_gap = point - total.base_value();
        let over = s.lo > t.hi || (written_gap >= unit && s.meets(t));
        let under = s.hi < t.lo || (-written_gap >= unit && s.meets(t));
        let wanted = match rule.params.direction {
            Some(Direction::Exceeds) => over && near_miss(point, total.base_value()) && !levels_mixed(&parts, t),
            Some(Direction::Short) => under && reads_complete(bd, point, total.base_value(), rule),
            None => (over && near_miss(point, total.base_value()) && !levels_mixed(&parts, t)) || (under && reads_complete(bd, point, total.base_value(), rule)),
        };
        if !wanted {
            continue;
        }
        let verdict = if t.widen(rule.tolerance).gap(s) <= unit { Verdict::Rounding } else { Verdict::Mismatch };
        let severity = if verdict == Verdict::Rounding { Level::Info } else { rule.level };
        let scale = total.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE);
        let dp = parts.iter().map(|p| p.number.value.scale()).chain(std::iter::once(total.number.value.scale())).max().unwrap_or(0);
        let computed = point.checked_div(scale).map(|v| fmt_vi(v, dp)).unwrap_or_default();
        let unit_text = total.unit.as_ref().map(|u| u.text.clone()).unwrap_or_default();
        let ops: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
        let vars = [
            ("stated", total.text.clone()),
            ("computed", format!("{computed} {unit_text}").trim().to_owned()),
            ("operands", ops.join(" + ")),
        ];
        let related = parts.iter().map(|p| ctx.related(p)).collect();
        out.push(ctx.finding(rule, severity, ctx.fig_span(total), related, &vars));
    }
}

/// "rừng trồng 199,02 ha, rừng cảnh quan đô thị 48,6 ha": when some of the parts already add
/// up to the total, the others are sub-items of those listed at another level, not a slip.
fn levels_mixed(parts: &[&crate::claims::Figure], t: Interval) -> bool {
    // Subsets of at most 12 parts (4096 sums); a longer list is judged on its first 12.
    let n = parts.len().min(12);
    (1u32..(1 << n) - 1).any(|mask| {
        let sub = (0..n).filter(|i| mask & (1 << i) != 0).fold(Interval::point(Decimal::ZERO), |acc, i| acc.plus(Interval::of_figure_base(parts[i])));
        sub.meets(t)
    })
}

/// Parts far above their total are nested subsets ("tiếp nhận 6.441 hồ sơ, trong đó: đã giải
/// quyết 6.387, đúng hạn 6.354"), not a list that adds up wrong.
fn near_miss(sum: Decimal, total: Decimal) -> bool {
    sum <= total * Decimal::new(15, 1)
}

/// A list is complete when its cue says so ("gồm", "phân theo", a bare parenthesis), or when a
/// "trong đó" list of two or more parts covers nearly all of the total; never when it trails
/// off ("…", "khác").
fn reads_complete(bd: &Breakdown, sum: Decimal, total: Decimal, rule: &Rule) -> bool {
    if bd.open_ended {
        return false;
    }
    if bd.exhaustive {
        return true;
    }
    let coverage = rule.params.min_coverage.unwrap_or(Decimal::new(9, 1));
    bd.subset_cue && bd.parts.len() >= 2 && total > Decimal::ZERO && sum >= total * coverage
}
