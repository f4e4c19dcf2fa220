//! Checks: each kind reads the rule set and the document's claims and produces findings.
//! All arithmetic is interval arithmetic on `Decimal`s carrying their written precision.

mod difference;
mod doubled_word;
mod growth;
pub mod interval;
mod label;
mod plan_percent;
mod ratio;
mod repeat;
mod share;
mod stale_period;
mod sum;
mod unit;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::claims::Figure;
use crate::document::Document;
use crate::rules::{CheckKind, Lang, Level, Rule, RuleSet};
use crate::source::Location;
use crate::text::fmt_vi;
use interval::{Interval, Verdict};

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

/// What the other figures give for a stated one: the interval it may lie in, the point value
/// shown in messages (with `dp` decimals and a unit suffix).
pub struct Computed<'a> {
    pub interval: Interval,
    pub point: Decimal,
    pub dp: u32,
    pub suffix: &'a str,
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

    /// A finding for `rule` at `primary`, with the message filled from `vars`.
    pub fn finding(&self, rule: &Rule, severity: Severity, primary: Span, related: Vec<Related>, vars: &[(&str, String)]) -> Finding {
        let get = |k: &str| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        Finding {
            code: rule.code.clone(),
            name: rule.name.clone(),
            kind: rule.kind,
            severity,
            message: Rule::render(rule.message.get(self.lang), vars),
            help: rule.help.as_ref().map(|h| Rule::render(h.get(self.lang), vars)),
            file: self.doc.source.name(),
            span: primary,
            related,
            stated: get("stated"),
            computed: get("computed"),
        }
    }

    /// Notes that `rule` examined these figures, whatever it found.
    pub fn cover(&self, rule: &Rule, figs: &[&Figure]) {
        let mut c = self.covered.borrow_mut();
        for f in figs {
            c.entry(f.start).or_default().insert(rule.code.clone());
        }
    }

    pub fn related(&self, f: &Figure) -> Related {
        Related { span: self.fig_span(f), message: f.text.clone() }
    }

    /// A finding for a figure judged against an interval: nothing when consistent, `info`
    /// when only the last written digit is off, the rule's level otherwise.
    pub fn judge(&self, rule: &Rule, stated: &Figure, computed: Computed, operands: &[&Figure]) -> Option<Finding> {
        let Computed { interval, point, dp: shown_dp, suffix } = computed;
        self.cover(rule, &[stated]);
        self.cover(rule, operands);
        let verdict = Interval::of_figure(stated).widen(rule.tolerance).verdict(interval, stated.number.value.scale());
        let severity = match verdict {
            Verdict::Consistent => return None,
            Verdict::Rounding => Level::Info,
            Verdict::Mismatch => rule.level,
        };
        let ops = operand_text(operands, rule.kind);
        let vars = [
            ("stated", stated.text.clone()),
            ("computed", format!("{}{suffix}", fmt_vi(point, shown_dp))),
            ("operands", ops),
        ];
        let related = operands.iter().map(|f| self.related(f)).collect();
        Some(self.finding(rule, severity, self.fig_span(stated), related, &vars))
    }
}

fn operand_text(ops: &[&Figure], kind: CheckKind) -> String {
    let texts: Vec<&str> = ops.iter().map(|f| f.text.as_str()).collect();
    match kind {
        CheckKind::Sum => texts.join(" + "),
        CheckKind::Difference => texts.join(" − "),
        _ => texts.join(" / "),
    }
}

/// Runs every rule of the set on a document; findings sorted by position, then code.
pub fn run(doc: &Document, rules: &RuleSet, lang: Lang) -> Vec<Finding> {
    run_with_coverage(doc, rules, lang).0
}

/// `run`, with the suppression directives of the file applied, and what each rule covered.
pub fn run_with_coverage(doc: &Document, rules: &RuleSet, lang: Lang) -> (Vec<Finding>, Coverage) {
    let ctx = Ctx { doc, lang, covered: Default::default() };
    let mut out = Vec::new();
    for rule in &rules.rules {
        match rule.kind {
            CheckKind::Ratio => ratio::check(&ctx, rule, &mut out),
            CheckKind::PlanPercent => plan_percent::check(&ctx, rule, &mut out),
            CheckKind::Share => share::check(&ctx, rule, &mut out),
            CheckKind::Sum => sum::check(&ctx, rule, &mut out),
            CheckKind::Difference => difference::check(&ctx, rule, &mut out),
            CheckKind::Repeat => repeat::check(&ctx, rule, &mut out),
            CheckKind::Growth => growth::check(&ctx, rule, &mut out),
            CheckKind::Unit => unit::check(&ctx, rule, &mut out),
            CheckKind::DoubledWord => doubled_word::check(&ctx, rule, &mut out),
            CheckKind::StalePeriod => stale_period::check(&ctx, rule, &mut out),
            CheckKind::UnlabeledPart => label::check(&ctx, rule, &mut out),
            // Reported by the suppression stage, after the checks.
            CheckKind::Suppression => {}
        }
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code)));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    let out = crate::suppress::apply(&ctx, rules, out);
    (out, ctx.covered.into_inner())
}

/// Shown precision for a computed percent: one more digit than the stated one.
pub fn shown_dp(stated: &Figure) -> u32 {
    (stated.number.value.scale() + 1).clamp(1, 4)
}
