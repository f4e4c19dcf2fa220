//! `repeat`: the same indicator, period and figure role stated twice with values that cannot
//! both be true (body vs summary, paragraph vs footnote, a figure restated later). The later
//! statement is the primary location; the earlier one is related.

use std::collections::BTreeMap;

use super::interval::{Interval, Verdict};
use super::{Ctx, Finding};
use crate::claims::{Claim, Figure, FigureRole};
use crate::layout::Role;
use crate::rules::{Level, Rule};

const MAX_EARLIER: usize = 16;

/// (indicator key, period, figure role, dimension)
type GroupKey = (String, String, FigureRole, String);

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let claims = &ctx.doc.claims.claims;
    // (indicator key, period, role, dimension) → statements in document order.
    let mut groups: BTreeMap<GroupKey, Vec<(&Claim, &Figure)>> = BTreeMap::new();
    for c in claims {
        if !rule.applies_to(c.role) || c.key.split(' ').count() < 3 {
            continue;
        }
        for f in &c.figures {
            if matches!(f.role, FigureRole::Value | FigureRole::Total | FigureRole::PlanPercent | FigureRole::GrowthPercent) && f.unit.is_some() {
                let dim = f.dimension().unwrap_or("").to_owned();
                groups.entry((c.key.clone(), c.period.clone(), f.role, dim)).or_default().push((c, f));
            }
        }
    }
    for ((_, _, role, _), stated) in groups {
        for j in 1..stated.len() {
            let (cj, fj) = stated[j];
            // A report restates an indicator a few times at most; comparing with the first
            // statements keeps a pathological file linear.
            let earlier = stated[..j.min(MAX_EARLIER)].iter().find(|(ci, fi)| {
                ci.block != cj.block
                    && restates(ctx, ci, cj)
                    && same_subject(ci, cj, role)
                    && same_base(fi, fj)
                    && fi.negative == fj.negative
                    && verdict(fi, fj) == Verdict::Mismatch
            });
            if let Some((_, f0)) = stated[..j].iter().find(|(ci, _)| ci.block != cj.block && restates(ctx, ci, cj) && same_subject(ci, cj, role)) {
                ctx.cover(rule, &[f0, fj]);
            }
            let Some((ci, fi)) = earlier else { continue };
            let vars = [("stated", fj.text.clone()), ("computed", fi.text.clone()), ("indicator", cj.indicator.clone())];
            let related = vec![ctx.related(fi)];
            let _ = ci;
            out.push(ctx.finding(rule, rule.level.max(Level::Info), ctx.fig_span(fj), related, &vars));
        }
    }
}

/// A later statement restates an earlier one when it sums it up (summary vs body) or
/// annotates it (a footnote vs its paragraph).
fn restates(ctx: &Ctx, a: &Claim, b: &Claim) -> bool {
    let blocks = &ctx.doc.layout.blocks;
    let footnote_of = |n: &Claim, p: &Claim| blocks[n.block].parent == Some(p.block);
    (a.role != b.role && (a.role == Role::Summary || b.role == Role::Summary)) || footnote_of(a, b) || footnote_of(b, a)
}

fn verdict(a: &Figure, b: &Figure) -> Verdict {
    let (ia, ib) = (Interval::of_figure_base(a), Interval::of_figure_base(b));
    if ia.meets(ib) {
        Verdict::Consistent
    } else {
        Verdict::Mismatch
    }
}

/// "đạt 107% so với Nghị quyết HĐND" and "đạt 111% so với kế hoạch tỉnh" measure against
/// different plans: percents of plan compare only against the same one.
fn same_base(a: &Figure, b: &Figure) -> bool {
    let plan = |f: &Figure| f.against.as_deref().map(crate::claims::key).unwrap_or_default();
    a.role != FigureRole::PlanPercent || plan(a) == plan(b)
}

/// Percents are about the same thing only when the amounts they qualify agree.
fn same_subject(a: &Claim, b: &Claim, role: FigureRole) -> bool {
    match role {
        FigureRole::PlanPercent | FigureRole::GrowthPercent => match (a.main(), b.main()) {
            (Some(x), Some(y)) => x.dimension() == y.dimension() && verdict(x, y) == Verdict::Consistent,
            _ => false,
        },
        _ => true,
    }
}
