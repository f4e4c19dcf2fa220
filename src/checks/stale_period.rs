//! `stale_period`: a period that cannot be right for the report — the tasks part of a 2023
//! report planning "3 tháng cuối năm 2022" was copied from last year's report, and so was one
//! planning "chỉ tiêu kế hoạch năm 2022". A bare year is a plan only when plan words lead to
//! it and no comparison or reference does (rules/lexicon.yaml, `stale_year`).

use super::{Ctx, Finding};
use crate::grammar::{self, Kind, PeriodKind, Token};
use crate::lexicon::{has_words, lexicon, plain_words};
use crate::rules::Rule;

/// How many words before a bare year may lead to it.
const LEAD_WORDS: usize = 10;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let Some(year) = ctx.doc.layout.meta.year else { return };
    for block in &ctx.doc.layout.blocks {
        if !rule.applies_to(block.role) {
            continue;
        }
        let toks = grammar::tokens(&block.lower);
        for (i, t) in toks.iter().enumerate() {
            let Kind::Period(p) = t.kind else { continue };
            let Some(y) = p.year else { continue };
            let stale = match p.kind {
                PeriodKind::Months { .. } | PeriodKind::Month(_) | PeriodKind::Quarter(_) => y < year,
                PeriodKind::Year => y < year && plans_for(&block.lower, &toks[..i], t),
                PeriodKind::YearRange => false,
            };
            if stale {
                let (start, end) = block.source_range(t.start, t.end);
                let vars = [("stated", block.text[t.start..t.end].to_owned()), ("year", year.to_string())];
                out.push(ctx.finding(rule, rule.level, ctx.span(start, end), Vec::new(), &vars));
            }
        }
    }
}

/// "… chỉ tiêu kế hoạch năm 2023": plan words lead to the year within its clause, with no
/// comparison, reference, date or document number among them, and nothing after it says the
/// year's plan is carried over; "năm 2021 - 2025" is a span.
fn plans_for(low: &str, before: &[Token], year: &Token) -> bool {
    let words = &lexicon().stale_year;
    // The clause: back to the last sentence or clause mark (not the dot of "1.200"), looking
    // no further back than a few words can reach, so a huge block stays linear.
    let mut from = year.start.saturating_sub(LEAD_WORDS * 30);
    while !low.is_char_boundary(from) {
        from += 1;
    }
    let head = &low[..year.start];
    let clause_start = head[from..]
        .char_indices()
        .rev()
        .find(|&(i, c)| matches!(c, ';' | ':' | '(' | ')' | '!' | '?') || (c == '.' && !head[from + i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let lead_words = plain_words(&head[clause_start..]);
    let lead: Vec<&str> = lead_words.split(' ').collect();
    let lead = lead[lead.len().saturating_sub(LEAD_WORDS)..].join(" ");
    let cited = before.iter().rev().take_while(|t| t.start >= clause_start).any(|t| matches!(t.kind, Kind::Date | Kind::DocRef));
    let after = &low[year.end..];
    let range = after.trim_start().starts_with(['-', '–']);
    let next = plain_words(&after[..after.char_indices().nth(40).map_or(after.len(), |(i, _)| i)]);
    words.plans.iter().any(|p| has_words(&lead, p))
        && !words.references.iter().any(|r| has_words(&lead, r))
        && !cited
        && !range
        && !words.carried.iter().any(|c| has_words(&next, c))
}
