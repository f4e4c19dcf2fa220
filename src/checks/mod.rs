//! Checks: the arithmetic over the relations of a document, driven by the rule set, plus the
//! few checks that read text or single figures (units, doubled words, stale periods). All
//! arithmetic is interval arithmetic on `Decimal`s carrying their written precision.

mod aggregate;
mod average;
mod contribution;
mod difference;
mod doubled_word;
mod growth;
mod growth_range;
mod order;
mod label;
mod percent;
mod product;
mod elapsed;
mod named;
mod restatement;
mod stale_period;
mod sum;
mod table;
mod unit;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::claims::Figure;
use crate::document::Document;
use crate::interval::{Interval, Verdict};
use crate::relations::{Relation, RelationKind};
use crate::rules::{CheckKind, Lang, Level, Rule, RuleSet};
use crate::source::Location;
use crate::text::fmt_vi;

pub type Severity = Level;

/// A range of the original file: byte offsets and their line/column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub start_loc: Location,
    pub end_loc: Location,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
    /// The file it is in, when not the finding's own (a figure of another report of the series).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub kind: CheckKind,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: String,
    pub span: Span,
    pub related: Vec<Related>,
    pub stated: Option<String>,
    pub computed: Option<String>,
}

impl Finding {
    /// A finding of `rule` in `file` at `span`, its message and help filled from `vars`
    /// (`stated` and `computed` among them are kept as fields too).
    pub fn of_rule(rule: &Rule, lang: Lang, severity: Severity, file: String, span: Span, related: Vec<Related>, vars: &[(&str, String)]) -> Finding {
        let get = |k: &str| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        Finding {
            code: rule.code.clone(),
            name: rule.name.clone(),
            kind: rule.kind,
            severity,
            message: Rule::render(rule.message.get(lang), vars),
            help: rule.help.as_ref().map(|h| Rule::render(h.get(lang), vars)),
            file,
            span,
            related,
            stated: get("stated"),
            computed: get("computed"),
        }
    }
}

/// What the other figures give for a stated one: the interval it may lie in, the point value
/// shown in messages (with `dp` decimals and a unit suffix).
pub struct Computed<'a> {
    pub interval: Interval,
    pub point: Decimal,
    pub dp: u32,
    pub suffix: &'a str,
}

/// How a relation fared under the rules that check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No selected rule checks it, or its arithmetic cannot be done.
    Unchecked,
    Agrees,
    Rounding,
    Mismatch,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchecked => "unchecked",
            Status::Agrees => "agrees",
            Status::Rounding => "rounding",
            Status::Mismatch => "mismatch",
        }
    }
}

/// A relation's outcome: its status, what its operands give, and the rules that ran on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub computed: Option<String>,
    pub rules: Vec<String>,
}

/// What a rule's arithmetic says of one relation.
pub struct Judgement {
    pub status: Status,
    pub computed: Option<String>,
    pub finding: Option<Finding>,
}

impl Judgement {
    pub(super) fn unchecked() -> Judgement {
        Judgement { status: Status::Unchecked, computed: None, finding: None }
    }

    /// The finding, if any, reported at most as a warning when `uncertain`: a link inferred
    /// rather than stated, or figures said to be approximate, is worth a look, not an error.
    pub(super) fn at_most_warning(mut self, uncertain: bool) -> Judgement {
        if let Some(f) = self.finding.as_mut().filter(|_| uncertain) {
            f.severity = f.severity.min(Level::Warning);
        }
        self
    }
}

/// Which rules examined which figure (by the figure's start in the source text): the audit
/// list marks a figure consistent only when some check really covered it.
pub type Coverage = std::collections::BTreeMap<usize, std::collections::BTreeSet<String>>;

/// Everything a check needs to turn a verdict into a finding.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub lang: Lang,
    covered: std::cell::RefCell<Coverage>,
}

impl Ctx<'_> {
    pub fn span(&self, start: usize, end: usize) -> Span {
        let src = &self.doc.source;
        let (s, e) = (src.original_offset(start), src.original_offset(end.max(start)));
        Span { start: s, end: e, start_loc: src.original_location(s), end_loc: src.original_location(e) }
    }

    /// A span from byte offsets of the original text.
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        let src = &self.doc.source;
        Span { start, end, start_loc: src.original_location(start), end_loc: src.original_location(end) }
    }

    pub fn fig_span(&self, f: &Figure) -> Span {
        self.span(f.start, f.end)
    }

    pub fn figure(&self, r: crate::claims::FigRef) -> &Figure {
        self.doc.claims.figure(r)
    }

    /// A finding for `rule` at `primary`, with the message filled from `vars`.
    pub fn finding(&self, rule: &Rule, severity: Severity, primary: Span, related: Vec<Related>, vars: &[(&str, String)]) -> Finding {
        Finding::of_rule(rule, self.lang, severity, self.doc.source.name(), primary, related, vars)
    }

    /// Notes that `rule` examined these figures, whatever it found.
    pub fn cover(&self, rule: &Rule, figs: &[&Figure]) {
        let mut c = self.covered.borrow_mut();
        for f in figs {
            c.entry(f.start).or_default().insert(rule.code.clone());
        }
    }

    pub fn related(&self, f: &Figure) -> Related {
        Related { span: self.fig_span(f), message: f.text.clone(), file: None }
    }

    /// A stated figure judged against an interval: its status, and a finding unless
    /// consistent (`info` when only the last written digit is off, the rule's level
    /// otherwise). `operands` are shown as related locations and in the message.
    pub fn judge(&self, rule: &Rule, stated: &Figure, computed: Computed, operands: &[&Figure], joiner: &str) -> Judgement {
        let Computed { interval, point, dp: shown_dp, suffix } = computed;
        let verdict = Interval::of_figure(stated).widen(rule.tolerance).verdict(interval, stated.number.value.scale());
        let shown = format!("{}{suffix}", fmt_vi(point, shown_dp));
        let (status, severity) = match verdict {
            Verdict::Consistent => return Judgement { status: Status::Agrees, computed: Some(shown), finding: None },
            Verdict::Rounding => (Status::Rounding, Level::Info),
            Verdict::Mismatch => (Status::Mismatch, rule.level),
        };
        let ops = operands.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join(joiner);
        let vars = [("stated", stated.text.clone()), ("computed", shown.clone()), ("operands", ops)];
        let related = operands.iter().map(|f| self.related(f)).collect();
        Judgement { status, computed: Some(shown), finding: Some(self.finding(rule, severity, self.fig_span(stated), related, &vars)) }
    }
}

/// The relation kind a rule kind checks, if it checks relations.
fn relation_kind(kind: CheckKind) -> Option<RelationKind> {
    Some(match kind {
        CheckKind::Ratio => RelationKind::Ratio,
        CheckKind::PlanPercent => RelationKind::PlanPercent,
        CheckKind::Share => RelationKind::Share,
        CheckKind::Sum => RelationKind::Sum,
        CheckKind::Difference => RelationKind::Difference,
        CheckKind::Growth => RelationKind::Growth,
        CheckKind::Repeat => RelationKind::Restatement,
        CheckKind::Aggregate => RelationKind::Aggregate,
        CheckKind::Contribution => RelationKind::Contribution,
        CheckKind::Order => RelationKind::Order,
        CheckKind::Product => RelationKind::Product,
        CheckKind::Elapsed => RelationKind::Elapsed,
        CheckKind::Average => RelationKind::Average,
        CheckKind::GrowthRange => RelationKind::GrowthRange,
        CheckKind::NamedCount => RelationKind::NamedCount,
        CheckKind::TableCompare => RelationKind::TableCompare,
        CheckKind::TableAssessment => RelationKind::TableAssessment,
        CheckKind::TableTotal => RelationKind::TableTotal,
        CheckKind::TableShare => RelationKind::TableShare,
        CheckKind::TableUnit => RelationKind::TableUnit,
        CheckKind::TableRestatement => RelationKind::TableRestatement,
        _ => return None,
    })
}

/// One rule on one relation.
fn judge_relation(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    match rel.kind {
        RelationKind::Ratio | RelationKind::PlanPercent | RelationKind::Share => percent::judge(ctx, rule, rel),
        RelationKind::Sum => sum::judge(ctx, rule, rel),
        RelationKind::Difference => difference::judge(ctx, rule, rel),
        RelationKind::Growth => growth::judge(ctx, rule, rel),
        RelationKind::Restatement => restatement::judge(ctx, rule, rel),
        RelationKind::Aggregate => aggregate::judge(ctx, rule, rel),
        RelationKind::Contribution => contribution::judge(ctx, rule, rel),
        RelationKind::Order => order::judge(ctx, rule, rel),
        RelationKind::Product => product::judge(ctx, rule, rel),
        RelationKind::Elapsed => elapsed::judge(ctx, rule, rel),
        RelationKind::Average => average::judge(ctx, rule, rel),
        RelationKind::GrowthRange => growth_range::judge(ctx, rule, rel),
        RelationKind::NamedCount => named::judge(ctx, rule, rel),
        RelationKind::TableCompare
        | RelationKind::TableAssessment
        | RelationKind::TableTotal
        | RelationKind::TableShare
        | RelationKind::TableUnit
        | RelationKind::TableRestatement => table::judge(ctx, rule, rel),
    }
}

/// Runs every rule of the set on a document; findings sorted by position, then code.
pub fn run(doc: &Document, rules: &RuleSet, lang: Lang) -> Vec<Finding> {
    run_with_coverage(doc, rules, lang).0
}

/// `run`, with the suppression directives of the file applied, and what each rule covered.
pub fn run_with_coverage(doc: &Document, rules: &RuleSet, lang: Lang) -> (Vec<Finding>, Coverage) {
    let (findings, coverage, _) = run_all(doc, rules, lang);
    (findings, coverage)
}

/// Everything a run produces: findings (suppressions applied), coverage, and the outcome of
/// each relation of the document (in the order of `doc.relations`).
pub fn run_all(doc: &Document, rules: &RuleSet, lang: Lang) -> (Vec<Finding>, Coverage, Vec<Outcome>) {
    let ctx = Ctx { doc, lang, covered: Default::default() };
    let mut out = Vec::new();
    let mut outcomes: Vec<Outcome> = doc.relations.iter().map(|_| Outcome { status: Status::Unchecked, computed: None, rules: Vec::new() }).collect();
    for rule in &rules.rules {
        if let Some(kind) = relation_kind(rule.kind) {
            for (rel, outcome) in doc.relations.iter().zip(outcomes.iter_mut()).filter(|(r, _)| r.kind == kind) {
                let role = doc.claims.claims[rel.result.0].role;
                if !rule.applies_to(role) {
                    continue;
                }
                let j = judge_relation(&ctx, rule, rel);
                if j.status == Status::Unchecked {
                    continue;
                }
                let figs: Vec<&Figure> = rel.figures().map(|r| ctx.figure(r)).collect();
                ctx.cover(rule, &figs);
                outcome.rules.push(rule.code.clone());
                if j.status > outcome.status {
                    outcome.status = j.status;
                }
                if outcome.computed.is_none() {
                    outcome.computed = j.computed;
                }
                out.extend(j.finding);
            }
            continue;
        }
        match rule.kind {
            CheckKind::Unit => unit::check(&ctx, rule, &mut out),
            CheckKind::DoubledWord => doubled_word::check(&ctx, rule, &mut out),
            CheckKind::StalePeriod => stale_period::check(&ctx, rule, &mut out),
            CheckKind::UnlabeledPart => label::check(&ctx, rule, &mut out),
            // Reported by the suppression stage, after the checks.
            _ => {}
        }
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code)));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    let out = crate::suppress::apply(&ctx, rules, out);
    (out, ctx.covered.into_inner(), outcomes)
}

/// Shown precision for a computed percent: one more digit than the stated one.
pub fn shown_dp(stated: &Figure) -> u32 {
    stated.number.value.scale().saturating_add(1).clamp(1, 4)
}
