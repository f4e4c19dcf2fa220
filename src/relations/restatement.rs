//! The same indicator, period and figure role stated twice (body vs summary, paragraph vs
//! footnote): the later statement restates the earlier one and must agree with it.

use std::collections::BTreeMap;

use super::{Formula, Input, Relation, RelationKind};
use crate::interval::Interval;
use crate::claims::{Claim, FigRef, Figure, FigureRole};
use crate::layout::Role;

/// A report restates an indicator a few times at most; comparing with the first statements
/// keeps a pathological file linear.
const MAX_EARLIER: usize = 16;

/// (indicator key, period, figure role, dimension)
type GroupKey<'a> = (&'a str, &'a str, FigureRole, &'a str);

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    let mut groups: BTreeMap<GroupKey, Vec<FigRef>> = BTreeMap::new();
    for (ci, c) in claims.iter().enumerate() {
        if c.key.split(' ').count() < 3 {
            continue;
        }
        for (fi, f) in c.figures.iter().enumerate() {
            if matches!(f.role, FigureRole::Value | FigureRole::Total | FigureRole::PlanPercent | FigureRole::GrowthPercent) && f.unit.is_some() {
                groups.entry((&c.key, &c.period, f.role, f.dimension().unwrap_or(""))).or_default().push((ci, fi));
            }
        }
    }
    for ((_, _, role, _), stated) in groups {
        for j in 1..stated.len() {
            let (cj, fj) = (&claims[stated[j].0], input.figure(stated[j]));
            let same = |&&r: &&FigRef| {
                let (ci, fi) = (&claims[r.0], input.figure(r));
                ci.block != cj.block && restates(input, ci, cj) && same_subject(ci, cj, role) && same_base(fi, fj) && fi.negative == fj.negative
            };
            // A disagreeing earlier statement is the one worth linking; otherwise the first.
            let earlier = &stated[..j.min(MAX_EARLIER)];
            let linked = earlier.iter().filter(same).find(|r| !agree(input.figure(**r), fj)).or_else(|| earlier.iter().find(same));
            if let Some(&i) = linked {
                out.push(Relation::new(RelationKind::Restatement, Formula::Same, stated[j], vec![i]));
            }
        }
    }
}

/// A later statement restates an earlier one when it sums it up (summary vs body) or
/// annotates it (a footnote vs its paragraph).
fn restates(input: &Input, a: &Claim, b: &Claim) -> bool {
    let blocks = &input.layout.blocks;
    let footnote_of = |n: &Claim, p: &Claim| blocks[n.block].parent == Some(p.block);
    (a.role != b.role && (a.role == Role::Summary || b.role == Role::Summary)) || footnote_of(a, b) || footnote_of(b, a)
}

fn agree(a: &Figure, b: &Figure) -> bool {
    Interval::of_figure_base(a).meets(Interval::of_figure_base(b))
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
            (Some(x), Some(y)) => x.dimension() == y.dimension() && agree(x, y),
            _ => false,
        },
        _ => true,
    }
}
