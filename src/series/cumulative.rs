//! Figures counted from the start of the year (lũy kế, từ đầu năm, N tháng đầu năm) never
//! decrease from one period to the next (SOI802), and a month's own figure (trong tháng N)
//! is the cumulative of N months less that of N − 1 (SOI803), where all three are stated and
//! not all by one report.

use std::collections::BTreeMap;

use super::compare::{Ref, in_unit, Run};
use super::period::When;
use super::summary::{comparable, Measure, Statement};
use crate::interval::Verdict;
use crate::rules::Rule;

/// The unit's cumulative amounts and month amounts, by indicator and year: for each month
/// count, the statement of the report of that period when it states one, else the first.
struct Index<'r> {
    cumulative: BTreeMap<(&'r str, u16), BTreeMap<u8, Ref>>,
    months: Vec<(&'r str, u16, u8, Ref)>,
}

fn index<'r>(run: &'r Run, docs: &[usize]) -> Index<'r> {
    let mut cumulative: BTreeMap<(&str, u16), BTreeMap<u8, Ref>> = BTreeMap::new();
    let mut months = Vec::new();
    let counts = |s: &Statement| s.measure == Measure::Amount && !s.figure.unit.as_ref().is_some_and(|u| u.is_percent());
    for &d in docs {
        let end = run.summaries[d].period.map(|p| p.end());
        for (i, s) in run.summaries[d].statements.iter().enumerate().filter(|(_, s)| counts(s)) {
            match s.at.when {
                When::ToMonth(n) if s.cumulative => {
                    let slot = cumulative.entry((run.str(s.key), s.at.year)).or_default();
                    let own = end == Some(n);
                    match slot.get(&n) {
                        Some(&(od, _)) if run.summaries[od].period.map(|p| p.end()) == Some(n) || !own => {}
                        _ => {
                            slot.insert(n, (d, i));
                        }
                    }
                }
                When::Month(m) if !s.cumulative => months.push((run.str(s.key), s.at.year, m, (d, i))),
                _ => {}
            }
        }
    }
    Index { cumulative, months }
}

/// SOI802: each cumulative figure against the one of the period before it.
pub fn never_decreases(run: &mut Run, rule: &Rule, docs: &[usize]) {
    let mut pairs = Vec::new();
    for by_count in index(run, docs).cumulative.values() {
        let list: Vec<(u8, Ref)> = by_count.iter().map(|(n, e)| (*n, *e)).collect();
        for w in list.windows(2) {
            let [(_, a), (n, b)] = [w[0], w[1]];
            let (sa, sb) = (run.statement(a.0, a.1), run.statement(b.0, b.1));
            if a.0 != b.0 && comparable(&sa.figure.unit, &sb.figure.unit) {
                pairs.push((a, b, n));
            }
        }
    }
    for (a, b, _) in pairs {
        let (sa, sb) = (run.statement(a.0, a.1), run.statement(b.0, b.1));
        let verdict = if sb.figure.value.hi.saturating_add(rule.tolerance) < sa.figure.value.lo { Verdict::Mismatch } else { Verdict::Consistent };
        let period = sb.at.describe();
        run.judge_same(rule, a, b, verdict, period);
    }
}

/// SOI803: a month's own figure against its cumulative less the previous month's.
pub fn month_difference(run: &mut Run, rule: &Rule, docs: &[usize]) {
    let idx = index(run, docs);
    let mut triples = Vec::new();
    for &(key, year, m, month) in &idx.months {
        let Some(by_count) = idx.cumulative.get(&(key, year)) else { continue };
        let (Some(&now), Some(&before)) = (by_count.get(&m), m.checked_sub(1).and_then(|p| by_count.get(&p))) else { continue };
        if month.0 == now.0 && now.0 == before.0 {
            continue;
        }
        let all = [month, now, before].map(|(d, i)| run.statement(d, i).figure.unit.clone());
        if !(comparable(&all[0], &all[1]) && comparable(&all[1], &all[2])) {
            continue;
        }
        triples.push((month, now, before));
    }
    for (month, now, before) in triples {
        let [m, n, b] = [month, now, before].map(|(d, i)| run.statement(d, i).clone());
        // The figure of the latest report is the one reported (the month's, on a tie).
        let latest = [(month, 0), (now, 1), (before, 2)].into_iter().max_by_key(|((d, _), k)| (run.rank[*d], std::cmp::Reverse(*k))).map(|(_, k)| k).unwrap_or(0);
        let (stated, stated_doc, computed, point, ops, operands) = match latest {
            0 => (&m, month.0, n.figure.value.minus(b.figure.value), n.figure.point.checked_sub(b.figure.point), format!("{} − {}", run.str(n.figure.text), run.str(b.figure.text)), [(now.0, &n), (before.0, &b)]),
            1 => (&n, now.0, b.figure.value.plus(m.figure.value), b.figure.point.checked_add(m.figure.point), format!("{} + {}", run.str(b.figure.text), run.str(m.figure.text)), [(before.0, &b), (month.0, &m)]),
            _ => (&b, before.0, n.figure.value.minus(m.figure.value), n.figure.point.checked_sub(m.figure.point), format!("{} − {}", run.str(n.figure.text), run.str(m.figure.text)), [(now.0, &n), (month.0, &m)]),
        };
        let Some(point) = point else { continue };
        let verdict = stated.figure.value.widen(rule.tolerance).verdict(computed, stated.figure.decimals);
        let shown = in_unit(point, &stated.figure, stated.figure.decimals.max(computed_dp(&operands)));
        let other = operands.iter().find(|(d, _)| *d != stated_doc).map(|(d, _)| *d).unwrap_or(stated_doc);
        let vars = [
            ("indicator", run.str(stated.name).to_owned()),
            ("stated", run.str(stated.figure.text).to_owned()),
            ("computed", shown.clone()),
            ("operands", ops),
            ("file", run.name(other)),
            ("period", stated.at.describe()),
        ];
        let locs = operands.iter().map(|(d, s)| run.loc(*d, &s.figure)).collect();
        let result = run.loc(stated_doc, &stated.figure);
        run.judge(rule, verdict, result, locs, shown, &vars);
    }
}

/// Decimals to show a sum or difference with: the most its operands were written with.
fn computed_dp(operands: &[(usize, &Statement); 2]) -> u32 {
    operands.iter().map(|(_, s)| s.figure.decimals).max().unwrap_or(0).min(4)
}
