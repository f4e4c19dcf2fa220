//! `stale_period`: a period that cannot be right for the report — the tasks part of a 2023
//! report planning "3 tháng cuối năm 2022" was copied from last year's report.

use super::{Ctx, Finding};
use crate::grammar::{self, Kind, PeriodKind};
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let Some(year) = ctx.doc.layout.meta.year else { return };
    for block in &ctx.doc.layout.blocks {
        if !rule.applies_to(block.role) {
            continue;
        }
        for t in grammar::tokens(&block.lower) {
            let Kind::Period(p) = t.kind else { continue };
            if !matches!(p.kind, PeriodKind::Months { .. } | PeriodKind::Month(_) | PeriodKind::Quarter(_)) {
                continue;
            }
            let Some(y) = p.year else { continue };
            if y < year {
                let (start, end) = block.source_range(t.start, t.end);
                let vars = [("stated", block.text[t.start..t.end].to_owned()), ("year", year.to_string())];
                out.push(ctx.finding(rule, rule.level, ctx.span(start, end), Vec::new(), &vars));
            }
        }
    }
}
