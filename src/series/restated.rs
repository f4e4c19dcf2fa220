//! SOI806: a figure for a past period restated in a later report (the nine months' value
//! quoted in the annual report, last month's in this month's) agrees with the report of that
//! period. An estimate replaced by the actual in a later report is not a restatement.

use std::collections::BTreeMap;

use super::compare::{Ref, Run};
use super::period::{At, When};
use super::summary::{comparable, Measure};
use crate::rules::Rule;

pub fn check(run: &mut Run, rule: &Rule, docs: &[usize]) {
    let mut groups: BTreeMap<(&str, At), Vec<Ref>> = BTreeMap::new();
    for &d in docs {
        for (i, s) in run.summaries[d].statements.iter().enumerate() {
            if s.measure == Measure::Amount {
                groups.entry((run.str(s.key), s.at)).or_default().push((d, i));
            }
        }
    }
    let mut pairs = Vec::new();
    for ((_, at), entries) in &groups {
        // The reference: the report of that period when it states it, else the first.
        let own = |d: usize| {
            run.summaries[d].period.is_some_and(|p| match (p.own(), p.month(), at.when) {
                (Some(o), _, _) => o == *at,
                (None, Some(m), When::Month(n) | When::ToMonth(n)) => p.year == at.year && m == n,
                _ => false,
            })
        };
        let Some(&reference) = entries.iter().find(|(d, _)| own(*d)).or(entries.first()) else { continue };
        for &e in entries {
            if e.0 == reference.0 {
                continue;
            }
            let (r, s) = (run.statement(reference.0, reference.1), run.statement(e.0, e.1));
            // A revised estimate, or units that measure different things.
            if (r.estimate && !s.estimate) || (s.estimate && !r.estimate) || !comparable(&r.figure.unit, &s.figure.unit) {
                continue;
            }
            // The later report is the one that restates.
            let (earlier, later) = if run.rank[e.0] > run.rank[reference.0] { (reference, e) } else { (e, reference) };
            pairs.push((earlier, later, *at));
        }
    }
    for ((rd, ri), (ed, ei), at) in pairs {
        let (r, e) = (run.statement(rd, ri), run.statement(ed, ei));
        let verdict = e.figure.value.widen(rule.tolerance).verdict(r.figure.value, e.figure.decimals);
        run.judge_same(rule, (rd, ri), (ed, ei), verdict, at.describe());
    }
}
