//! The year's plan across its reports: a plan figure (kế hoạch năm, dự toán giao, chỉ tiêu
//! Nghị quyết) is the same in every report of the year (SOI801), and so is the plan that an
//! amount and its percent of plan imply (SOI804), unless a report says the plan was adjusted:
//! from that report on, the adjusted plan is the one compared.

use std::collections::BTreeMap;

use super::compare::{Ref, in_unit, Run};
use super::summary::{comparable, Measure};
use crate::interval::Verdict;
use crate::rules::Rule;

/// Statements of plans in the unit's documents (in series order), by indicator, the plan an
/// implied plan is against, and year.
fn groups<'r>(run: &'r Run, docs: &[usize], implied: bool) -> BTreeMap<(&'r str, Option<&'r str>, u16), Vec<Ref>> {
    let mut out: BTreeMap<(&str, Option<&str>, u16), Vec<Ref>> = BTreeMap::new();
    for &d in docs {
        for (i, s) in run.summaries[d].statements.iter().enumerate() {
            let against = match s.measure {
                Measure::Plan if !implied => None,
                Measure::ImpliedPlan { against } if implied => Some(run.str(against)),
                _ => continue,
            };
            out.entry((run.str(s.key), against, s.at.year)).or_default().push((d, i));
        }
    }
    out
}

/// Reports further apart than this (in months reached) may disagree without saying so: a plan
/// adjusted in between (at the HĐND's mid-year session, say) may be said so only in the
/// reports between. Their agreement is recorded; a disagreement is left unjudged.
const NEAR: u8 = 3;

/// The statements of a group, each compared with the plan of the nearest earlier report that
/// agreed with its own predecessor: a report that states it wrong is reported once, not again
/// by the next report that has it right. An adjusted plan starts afresh. `each` gets the
/// reference, the statement, and whether a disagreement is a finding.
fn against_reference(entries: &[(usize, usize)], run: &Run, mut each: impl FnMut(Ref, Ref, bool)) {
    let Some(&first) = entries.first() else { return };
    let end = |d: usize| run.summaries[d].period.map(|p| p.end()).unwrap_or(0);
    let mut reference = first;
    for &e in &entries[1..] {
        let (r, s) = (run.statement(reference.0, reference.1), run.statement(e.0, e.1));
        if e.0 == reference.0 || !comparable(&r.figure.unit, &s.figure.unit) {
            continue;
        }
        if s.adjusted {
            reference = e;
            continue;
        }
        let near = end(e.0).saturating_sub(end(reference.0)) <= NEAR;
        each(reference, e, near);
        if s.value().meets(r.value()) || !near {
            reference = e;
        }
    }
}

/// SOI801: a plan figure against the one an earlier report of the year stated.
pub fn plan(run: &mut Run, rule: &Rule, docs: &[usize]) {
    let mut pairs = Vec::new();
    for entries in groups(run, docs, false).values() {
        against_reference(entries, run, |r, e, near| pairs.push((r, e, near)));
    }
    for ((rd, ri), (ed, ei), near) in pairs {
        let (r, e) = (run.statement(rd, ri).clone(), run.statement(ed, ei).clone());
        let verdict = e.figure.value.widen(rule.tolerance).verdict(r.figure.value, e.figure.decimals);
        if !near && verdict != Verdict::Consistent {
            let (result, operand) = (run.loc(ed, &e.figure), run.loc(rd, &r.figure));
            run.unjudged(rule, result, vec![operand], run.str(r.figure.text).to_owned());
            continue;
        }
        let period = run.period(rd);
        run.judge_same(rule, (rd, ri), (ed, ei), verdict, period);
    }
}

/// SOI804: the plan an amount and its percent imply, against an earlier report's.
pub fn implied(run: &mut Run, rule: &Rule, docs: &[usize]) {
    let mut pairs = Vec::new();
    for entries in groups(run, docs, true).values() {
        against_reference(entries, run, |r, e, near| pairs.push((r, e, near)));
    }
    for ((rd, ri), (ed, ei), near) in pairs {
        let (r, e) = (run.statement(rd, ri).clone(), run.statement(ed, ei).clone());
        let (Some(ra), Some(ea)) = (r.of(), e.of()) else { continue };
        let verdict = if e.value().widen(rule.tolerance).meets(r.value()) { Verdict::Consistent } else { Verdict::Mismatch };
        let dp = ea.decimals.min(2);
        let (mine, theirs) = (in_unit(e.point(), ea, dp), in_unit(r.point(), ra, dp));
        let operands = vec![run.loc(ed, ea), run.loc(rd, &r.figure), run.loc(rd, ra)];
        let result = run.loc(ed, &e.figure);
        if !near && verdict != Verdict::Consistent {
            run.unjudged(rule, result, operands, mine);
            continue;
        }
        let vars = [
            ("indicator", run.str(e.name).to_owned()),
            ("stated", format!("{} / {}", run.str(ea.text), run.str(e.figure.text))),
            ("computed", mine.clone()),
            ("operands", format!("{theirs} ({} / {})", run.str(ra.text), run.str(r.figure.text))),
            ("file", run.name(rd)),
            ("period", run.period(rd)),
        ];
        run.judge(rule, verdict, result, operands, mine, &vars);
    }
}
