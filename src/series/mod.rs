//! Series: a report checked against the other reports of its series. A unit's reports come
//! in series (monthly, quarterly, six- and nine-month, annual, year after year); figures that
//! must agree across them are where copy-paste from last month's draft does the most damage.
//!
//! Each document is reduced, as soon as it is checked, to a `Summary` (its unit, its period
//! and its figures as statements about an indicator identity and a period). After the run,
//! documents are grouped by issuing unit, ordered by period, and the checks compare statements
//! through indexes by indicator and period, so a repository is checked in time linear in its
//! size; no pair of documents is ever compared as such.

mod compare;
mod cumulative;
mod group;
mod growth;
mod issuer;
mod period;
mod plan;
mod restated;
mod strings;
mod summary;
mod unplaced;

pub use compare::{Cross, Loc};
pub use group::Member;
pub use strings::Strings;
pub use summary::{summarize, Summary};

use crate::checks::{Finding, Related};
use crate::rules::{CheckKind, Lang, RuleSet};

/// What the series checks make of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings with the index of the document they are in, suppression comments applied,
    /// sorted by document and position.
    pub findings: Vec<(usize, Finding)>,
    /// Every comparison made, agreeing or not, by the document of its result.
    pub relations: Vec<Cross>,
    /// Each document's place in its series.
    pub members: Vec<Option<Member>>,
}

/// Runs the series rules of `rules` over the run's documents.
pub fn check(summaries: &[Summary], strings: &Strings, rules: &RuleSet, lang: Lang) -> Outcome {
    run(summaries, strings, rules, lang, true)
}

/// The findings of `check` alone: the comparisons that agree are not kept (a corpus of one
/// unit's reports makes one for every figure each report restates).
pub fn findings(summaries: &[Summary], strings: &Strings, rules: &RuleSet, lang: Lang) -> Vec<(usize, Finding)> {
    run(summaries, strings, rules, lang, false).findings
}

fn run(summaries: &[Summary], strings: &Strings, rules: &RuleSet, lang: Lang, relations: bool) -> Outcome {
    let units = group::by_unit(summaries);
    let members = group::members(summaries, &units);
    let mut rank = vec![0; summaries.len()];
    for docs in units.values() {
        for (k, &d) in docs.iter().enumerate() {
            rank[d] = k;
        }
    }
    let table = strings.lock();
    let mut run = compare::Run { summaries, strings: &table, rank, lang, findings: Vec::new(), relations: relations.then(Vec::new) };
    for rule in rules.rules.iter().filter(|r| r.kind.is_series()) {
        if rule.kind == CheckKind::SeriesUnplaced {
            unplaced::check(&mut run, rule, &units);
            continue;
        }
        for docs in units.values().filter(|d| d.len() >= 2) {
            match rule.kind {
                CheckKind::SeriesPlan => plan::plan(&mut run, rule, docs),
                CheckKind::SeriesImpliedPlan => plan::implied(&mut run, rule, docs),
                CheckKind::SeriesCumulative => cumulative::never_decreases(&mut run, rule, docs),
                CheckKind::SeriesMonth => cumulative::month_difference(&mut run, rule, docs),
                CheckKind::SeriesGrowth => growth::check(&mut run, rule, docs),
                CheckKind::SeriesRestatement => restated::check(&mut run, rule, docs),
                _ => {}
            }
        }
    }
    let compare::Run { findings, relations, .. } = run;
    let mut relations = relations.unwrap_or_default();
    let mut findings = suppress(findings, summaries, rules, lang);
    findings.sort_by(|(a, x), (b, y)| (a, x.span.start, x.span.end, &x.code).cmp(&(b, y.span.start, y.span.end, &y.code)));
    findings.dedup_by(|(a, x), (b, y)| a == b && x.code == y.code && x.span == y.span);
    relations.sort_by(|a, b| (a.result.doc, a.result.span.start, &a.rule).cmp(&(b.result.doc, b.result.span.start, &b.rule)));
    Outcome { findings, relations, members }
}

/// Drops the findings a `soi-disable` directive of their file covers, and reports a directive
/// that names only series rules and silenced nothing (the document stage leaves those to us).
fn suppress(findings: Vec<(usize, Finding)>, summaries: &[Summary], rules: &RuleSet, lang: Lang) -> Vec<(usize, Finding)> {
    let mut used: Vec<Vec<bool>> = summaries.iter().map(|s| vec![false; s.directives.len()]).collect();
    let mut kept = Vec::with_capacity(findings.len());
    for (d, f) in findings {
        let dirs = &summaries[d].directives;
        match dirs.iter().position(|x| x.directive.covers(f.span.start_loc.line, &f.code)) {
            Some(i) => used[d][i] = true,
            None => kept.push((d, f)),
        }
    }
    let Some(rule) = rules.of_kind(CheckKind::Suppression).next() else { return kept };
    let series_only = |codes: &[String]| {
        !codes.is_empty()
            && codes.iter().all(|c| {
                let named: Vec<_> = rules.rules.iter().filter(|r| r.code.starts_with(c.as_str())).collect();
                !named.is_empty() && named.iter().all(|r| r.kind.is_series())
            })
    };
    for (d, s) in summaries.iter().enumerate() {
        for (dir, _) in s.directives.iter().zip(&used[d]).filter(|(_, u)| !**u) {
            if !series_only(&dir.directive.codes) {
                continue;
            }
            let stated = dir.text.clone();
            let span = &dir.span;
            kept.push((
                d,
                Finding {
                    code: rule.code.clone(),
                    name: rule.name.clone(),
                    kind: rule.kind,
                    severity: rule.level,
                    message: crate::rules::Rule::render(rule.message.get(lang), &[("stated", stated.clone())]),
                    help: rule.help.as_ref().map(|h| crate::rules::Rule::render(h.get(lang), &[("stated", stated.clone())])),
                    file: s.file.clone(),
                    span: *span,
                    related: Vec::<Related>::new(),
                    stated: Some(stated),
                    computed: None,
                },
            ));
        }
    }
    kept
}
