//! SOI805: a growth "so với tháng trước" or "so với cùng kỳ" against the figure the earlier
//! report of the series stated for that base period, when it is there: this month's amount
//! over last month's (or last year's same period) must give the growth written.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::compare::{Ref, Run};
use super::period::{At, When};
use super::summary::{comparable, Base, Measure};
use crate::interval::Interval;
use crate::rules::{Lang, Rule};
use crate::text::fmt_vi;

pub fn check(run: &mut Run, rule: &Rule, docs: &[usize]) {
    let mut amounts: BTreeMap<(&str, At), Vec<Ref>> = BTreeMap::new();
    let mut growths = Vec::new();
    for &d in docs {
        for (i, s) in run.summaries[d].statements.iter().enumerate() {
            match s.measure {
                Measure::Amount => amounts.entry((run.str(s.key), s.at)).or_default().push((d, i)),
                Measure::Growth(base) => growths.push((d, i, base)),
                _ => {}
            }
        }
    }
    let mut pairs = Vec::new();
    for (d, i, base) in growths {
        let g = run.statement(d, i);
        let at = g.at;
        let earlier = match (base, at.when) {
            (Base::PreviousMonth, When::Month(1)) => At { year: at.year.saturating_sub(1), when: When::Month(12) },
            (Base::PreviousMonth, When::Month(m)) => At { year: at.year, when: When::Month(m - 1) },
            (Base::PreviousMonth, _) => continue,
            (Base::SameTime, when) => At { year: at.year.saturating_sub(1), when },
        };
        let Some(entries) = amounts.get(&(run.str(g.key), earlier)) else { continue };
        // The base as an earlier report stated it (not an estimate the actual has replaced).
        let found = entries.iter().find(|(od, oi)| {
            let o = run.statement(*od, *oi);
            run.rank[*od] < run.rank[d] && !o.estimate && g.of().is_some_and(|a| comparable(&a.unit, &o.figure.unit))
        });
        if let Some(&(od, oi)) = found {
            pairs.push(((d, i), (od, oi)));
        }
    }
    for ((d, i), (od, oi)) in pairs {
        let (g, o) = (run.statement(d, i).clone(), run.statement(od, oi).clone());
        let Some(now) = g.of() else { continue };
        let Some(ratio) = now.value.percent_of(o.figure.value) else { continue };
        let Some(point) = now.point.checked_mul(Decimal::ONE_HUNDRED).and_then(|v| v.checked_div(o.figure.point)) else { continue };
        let hundred = Interval::point(Decimal::ONE_HUNDRED);
        let (computed, point) = if g.ratio_form { (ratio, point) } else { (ratio.minus(hundred), point - Decimal::ONE_HUNDRED) };
        let verdict = g.value().widen(rule.tolerance).verdict(computed, g.figure.decimals);
        let dp = (g.figure.decimals + 1).clamp(1, 4);
        let words = |neg: bool| match (run.lang, neg) {
            (Lang::Vi, true) => "giảm ",
            (Lang::Vi, false) => "tăng ",
            (Lang::En, true) => "down ",
            (Lang::En, false) => "up ",
        };
        let shown = if g.ratio_form { format!("{}%", fmt_vi(point, dp)) } else { format!("{}{}%", words(point.is_sign_negative()), fmt_vi(point.abs(), dp)) };
        let text = run.str(g.figure.text);
        let stated = if g.ratio_form { text.to_owned() } else { format!("{}{}", words(g.point().is_sign_negative()), text) };
        let vars = [
            ("indicator", run.str(g.name).to_owned()),
            ("stated", stated),
            ("computed", shown.clone()),
            ("operands", format!("{} / {}", run.str(now.text), run.str(o.figure.text))),
            ("file", run.name(od)),
            ("period", o.at.describe()),
        ];
        let (result, operands) = (run.loc(d, &g.figure), vec![run.loc(d, now), run.loc(od, &o.figure)]);
        run.judge(rule, verdict, result, operands, shown, &vars);
    }
}
