//! What the series checks keep of a document: its unit, its period, and its figures as
//! statements about an indicator (identity words), a measure (amount, plan, implied plan,
//! growth) and a period of a year, with where each is written. A corpus is never held in
//! memory: each document is reduced to this as soon as it is checked.

use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::issuer;
use super::period::{At, ReportPeriod, When};
use super::strings::{Strings, Sym};
use crate::checks::Span;
use crate::claims::{Claim, FigRef, Figure, FigureRole, Qualifier};
use crate::document::Document;
use crate::grammar::{Kind, Sep, Token};
use crate::interval::Interval;
use crate::lexicon::{lexicon, plain_words, Unit};
use crate::model::{Cue, Role};
use crate::relations::identity;
use crate::source::Location;
use crate::suppress::{self, Directive};

/// A document as the series checks see it.
#[derive(Debug, Clone)]
pub struct Summary {
    pub file: String,
    /// The file to read again when a finding in it is shown (None for standard input).
    pub path: Option<PathBuf>,
    /// The issuing unit, normalised (`issuer::normalise`).
    pub unit: Option<String>,
    pub period: Option<ReportPeriod>,
    pub statements: Box<[Statement]>,
    /// The file's `soi-disable` directives, for the series findings in it.
    pub directives: Vec<Disable>,
}

/// A `soi-disable` directive of the file, where it is written and as written.
#[derive(Debug, Clone)]
pub struct Disable {
    pub directive: Directive,
    pub span: Span,
    pub text: String,
}

/// What a statement measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// An amount of the indicator for a period.
    Amount,
    /// The year's plan (kế hoạch năm, dự toán giao, chỉ tiêu Nghị quyết).
    Plan,
    /// The plan an amount and its percent of plan imply, for the plan named `against` (its
    /// identity key).
    ImpliedPlan { against: Sym },
    /// A growth against an earlier period.
    Growth(Base),
}

/// The base of a growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Base {
    PreviousMonth,
    SameTime,
}

/// A figure and where it is written.
#[derive(Debug, Clone)]
pub struct Written {
    /// In the base unit of its dimension (a percent for a percent).
    pub value: Interval,
    pub point: Decimal,
    /// Decimals written (for telling rounding from a mismatch).
    pub decimals: u32,
    pub unit: Option<Arc<Unit>>,
    /// As written (in the run's `Strings`).
    pub text: Sym,
    pub place: Place,
}

/// Where a figure is written: a `Span` in half its size (every file's statements are held
/// until the series is checked). Offsets past 4 GiB are kept as 4 GiB.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    start: u32,
    end: u32,
    start_loc: (u32, u32),
    end_loc: (u32, u32),
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn wide(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl Place {
    pub fn of(s: Span) -> Place {
        let loc = |l: Location| (small(l.line), small(l.column));
        Place { start: small(s.start), end: small(s.end), start_loc: loc(s.start_loc), end_loc: loc(s.end_loc) }
    }

    pub fn span(self) -> Span {
        let loc = |(line, column): (u32, u32)| Location { line: wide(line), column: wide(column) };
        Span { start: wide(self.start), end: wide(self.end), start_loc: loc(self.start_loc), end_loc: loc(self.end_loc) }
    }
}

#[derive(Debug, Clone)]
pub struct Statement {
    /// The indicator's identity words, sorted (`identity::Words::key`), and the indicator as
    /// the report writes it (for messages), in the run's `Strings`.
    pub key: Sym,
    pub name: Sym,
    pub measure: Measure,
    pub at: At,
    /// The stated figure: the amount, the plan, the percent of plan, the growth.
    pub figure: Written,
    /// What a growth or a percent of plan adds (boxed: most statements have none).
    pub derived: Option<Box<Derived>>,
    pub estimate: bool,
    /// The sentence says the plan was adjusted ("điều chỉnh", "bổ sung").
    pub adjusted: bool,
    /// Said to count from the start of the year ("lũy kế", "từ đầu năm", "5 tháng đầu năm").
    pub cumulative: bool,
    /// A growth written as a ratio to the base ("bằng 91% so với cùng kỳ").
    pub ratio_form: bool,
}

/// A growth's or percent of plan's amount, and what the statement says with it.
#[derive(Debug, Clone)]
pub struct Derived {
    pub of: Written,
    /// An implied plan (in the amount's base unit); a growth's signed percent.
    pub value: Interval,
    pub point: Decimal,
}

impl Statement {
    /// A growth's or percent of plan's amount.
    pub fn of(&self) -> Option<&Written> {
        self.derived.as_ref().map(|d| &d.of)
    }

    /// What is compared: an implied plan, a growth's signed percent, else the figure.
    pub fn value(&self) -> Interval {
        self.derived.as_ref().map_or(self.figure.value, |d| d.value)
    }

    pub fn point(&self) -> Decimal {
        self.derived.as_ref().map_or(self.figure.point, |d| d.point)
    }
}

impl Summary {
    /// Whether the document can take part in a series.
    pub fn placed(&self) -> bool {
        self.unit.is_some() && self.period.is_some()
    }
}

/// The summary of a checked document, its strings kept in the run's `strings`.
pub fn summarize(doc: &Document, strings: &Strings) -> Summary {
    let meta = &doc.layout.meta;
    let unit = meta.unit.as_deref().and_then(issuer::normalise);
    let period = ReportPeriod::read(meta);
    let mut statements = Vec::new();
    if let (Some(_), Some(rp)) = (&unit, period) {
        read_statements(doc, rp, strings, &mut statements);
    }
    let path = doc.source.path.is_file().then(|| doc.source.path.clone());
    let src = &doc.source;
    let directives = suppress::directives(src)
        .into_iter()
        .map(|d| {
            let span = Span { start: d.start, end: d.end, start_loc: src.original_location(d.start), end_loc: src.original_location(d.end) };
            let text = src.original.get(d.start..d.end).unwrap_or("").to_owned();
            Disable { directive: d, span, text }
        })
        .collect();
    Summary { file: src.name(), path, unit, period, statements: unambiguous(statements), directives }
}

/// A claim's identity key and written name, interned; none when the claim names nothing.
type Named = (Sym, Sym);

fn read_statements(doc: &Document, rp: ReportPeriod, strings: &Strings, out: &mut Vec<Statement>) {
    let claims = &doc.claims;
    for bc in &claims.blocks {
        let Some(block) = doc.layout.blocks.get(bc.block) else { continue };
        // The end of the figure before, in reading order: a figure's own words lie after it.
        let mut last: Option<(usize, usize)> = None;
        // Each claim's amount read so far, for its percents and growths.
        let mut amount: HashMap<usize, (FigRef, Reading)> = HashMap::default();
        let mut names: HashMap<(usize, Option<&str>), Option<Named>> = HashMap::default();
        let mut sentences = Sentences::new(&block.lower);
        for r in claims.figures_of(bc) {
            let f = claims.figure(r);
            let floor = match last {
                Some((sentence, end)) if sentence == f.sentence && end <= f.tok_start => end,
                _ => 0,
            };
            last = Some((f.sentence, f.tok_end));
            let c = &claims.claims[r.0];
            if c.role == Role::Tasks || c.cell.is_some() {
                continue;
            }
            let reading = read_period(&bc.tokens, &block.lower, floor, f, c, rp);
            let at = match f.role {
                FigureRole::PlanPercent | FigureRole::GrowthPercent => None,
                _ if f.role.is_amount() => {
                    amount.insert(r.0, (r, reading));
                    reading.at
                }
                _ => continue,
            };
            // The indicator's words, once per claim and counted noun: a figure of a claim that
            // names nothing makes no statement, and is not written down.
            let named = of_figure(claims, r, f, &amount);
            let noun = named.unit.as_ref().filter(|u| u.is_count()).map(|u| u.text.as_str());
            let syms = *names.entry((r.0, noun)).or_insert_with(|| {
                let words = identity::of_claim(c, named);
                (!words.is_empty()).then(|| {
                    let mut table = strings.lock();
                    (table.sym(words.key()), table.sym(c.indicator.trim()))
                })
            });
            let Some((key, name)) = syms else { continue };
            let mut statement = |measure: Measure, at: At, figure: Written, of: Option<Written>, value: Interval, point: Decimal| Statement {
                key,
                name,
                measure,
                at,
                figure,
                derived: of.map(|of| Box::new(Derived { of, value, point })),
                estimate: f.qualifier == Some(Qualifier::Estimate),
                adjusted: sentences.adjusted(f.block_start, f.block_end),
                cumulative: reading.cumulative,
                ratio_form: f.ratio_form,
            };
            let year_plan = At { year: rp.year, when: When::ToMonth(12) };
            match f.role {
                FigureRole::PlanPercent => {
                    let Some((a, ar)) = amount.get(&r.0).copied() else { continue };
                    let Some(against) = f.against.as_deref().map(|a| identity::of_text(a).key().to_owned()).filter(|k| !k.is_empty()) else { continue };
                    let against = strings.lock().sym(&against);
                    let af = claims.figure(a);
                    if af.is_percent() || !f.is_percent() || ar.at.is_some_and(|at| at.year != rp.year) {
                        continue;
                    }
                    let mut pct = Interval::of_figure(f);
                    let mut pct_point = f.value();
                    if f.exceeds {
                        pct = pct.plus(Interval::point(Decimal::ONE_HUNDRED));
                        pct_point = pct_point.saturating_add(Decimal::ONE_HUNDRED);
                    }
                    let amount_w = written(doc, af, strings);
                    let Some(plan) = amount_w.value.divided_by(pct).map(|p| p.scale(Decimal::ONE_HUNDRED)) else { continue };
                    let Some(point) = amount_w.point.checked_mul(Decimal::ONE_HUNDRED).and_then(|v| v.checked_div(pct_point)) else { continue };
                    let mut s = statement(Measure::ImpliedPlan { against }, year_plan, written(doc, f, strings), Some(amount_w), plan, point);
                    s.estimate = af.qualifier == Some(Qualifier::Estimate);
                    out.push(s);
                }
                FigureRole::GrowthPercent => {
                    let Some(base) = f.base.as_deref().and_then(base_of) else { continue };
                    let Some((a, ar)) = amount.get(&r.0).copied() else { continue };
                    let af = claims.figure(a);
                    if af.is_percent() || !f.is_percent() {
                        continue;
                    }
                    // A month report's own figure compared with last month is the month's.
                    let at = match (ar.at, base, rp.month()) {
                        (Some(at), _, _) => at,
                        (None, Base::PreviousMonth, Some(m)) => At { year: rp.year, when: When::Month(m) },
                        _ => continue,
                    };
                    let g = Interval::of_figure(f);
                    let signed = f.negative && !f.ratio_form;
                    let (value, point) = if signed { (g.negated(), -f.value()) } else { (g, f.value()) };
                    out.push(statement(Measure::Growth(base), at, written(doc, f, strings), Some(written(doc, af, strings)), value, point));
                }
                _ => {
                    let Some(at) = at else { continue };
                    // The year's plan, for this year; an amount the report tells of its own
                    // period or before, never a forecast nor a base of an earlier year.
                    let plan = names_plan(c);
                    if at.year != rp.year || (!plan && !rp.covers(at)) {
                        continue;
                    }
                    let w = written(doc, f, strings);
                    let (value, point) = (w.value, w.point);
                    let (measure, at) = if plan { (Measure::Plan, year_plan) } else { (Measure::Amount, at) };
                    out.push(statement(measure, at, w, None, value, point));
                }
            }
        }
    }
}

/// The figure whose unit names the indicator: a percent's amount.
fn of_figure<'a>(claims: &'a crate::claims::Claims, r: FigRef, f: &'a Figure, amount: &HashMap<usize, (FigRef, Reading)>) -> &'a Figure {
    match f.role {
        FigureRole::PlanPercent | FigureRole::GrowthPercent => amount.get(&r.0).map(|(a, _)| claims.figure(*a)).unwrap_or(f),
        _ => f,
    }
}

/// A claim about a plan: its name starts with a plan word ("kế hoạch vốn", "dự toán thu").
fn names_plan(c: &Claim) -> bool {
    lexicon().plan_words.iter().any(|w| c.key.starts_with(w.as_str()))
}

fn written(doc: &Document, f: &Figure, strings: &Strings) -> Written {
    let src = &doc.source;
    let (s, e) = (src.original_offset(f.start), src.original_offset(f.end.max(f.start)));
    let span = Span { start: s, end: e, start_loc: src.original_location(s), end_loc: src.original_location(e) };
    let mut table = strings.lock();
    Written {
        value: Interval::of_figure_base(f),
        point: f.base_value(),
        decimals: f.number.value.scale(),
        unit: f.unit.as_ref().map(|u| table.unit(u)),
        text: table.sym(&f.text),
        place: Place::of(span),
    }
}

/// The period a figure is about, and whether it is said to count from the start of the year.
#[derive(Debug, Clone, Copy)]
struct Reading {
    at: Option<At>,
    cumulative: bool,
}

/// Reads the words between the figure before (or the sentence's start) and this figure: the
/// nearest period, "trong tháng", "lũy kế"; failing those, the claim's period.
fn read_period(toks: &[Token], lower: &str, floor: usize, f: &Figure, c: &Claim, rp: ReportPeriod) -> Reading {
    let lex = lexicon();
    let from = floor.min(f.tok_start).min(toks.len());
    let window = &toks[from..f.tok_start.min(toks.len())];
    let is_cumulative = |t: &Token| matches!(t.kind, Kind::Cue(Cue::Cumulative)) && lower.get(t.start..t.end).is_some_and(|w| lex.series.cumulative.contains(&plain_words(w)));
    // The sentence's part that speaks of this figure.
    let start = window.iter().rposition(|t| matches!(t.kind, Kind::Sep(Sep::Stop))).map(|i| i + 1).unwrap_or(0);
    let window = &window[start..];
    let month = |m: Option<u8>| m.map(|m| At { year: rp.year, when: When::Month(m) });
    for (i, t) in window.iter().enumerate().rev() {
        match t.kind {
            Kind::Cue(Cue::Monthly) => return Reading { at: month(rp.month()), cumulative: false },
            _ if is_cumulative(t) => return Reading { at: Some(At { year: rp.year, when: When::ToMonth(rp.end()) }), cumulative: true },
            Kind::Period(p) => {
                // "so với cùng kỳ năm 2023" names a base, not this figure's period.
                if window[..i].iter().rev().take(2).any(|t| matches!(t.kind, Kind::Cue(Cue::Compare | Cue::SameTime))) {
                    continue;
                }
                let Some(when) = When::of_kind(p.kind) else { return Reading { at: None, cumulative: false } };
                // "lũy kế đến hết tháng 5" counts from January.
                let counted = window[..i].iter().any(is_cumulative);
                let when = match when {
                    When::Month(m) if counted => When::ToMonth(m),
                    w => w,
                };
                let cumulative = counted || matches!(when, When::ToMonth(n) if n < 12);
                return Reading { at: Some(At { year: p.year.unwrap_or(rp.year), when }), cumulative };
            }
            _ => {}
        }
    }
    match c.period.as_str() {
        "doc" => Reading { at: rp.own(), cumulative: false },
        "month" => Reading { at: month(rp.month()), cumulative: false },
        stated => {
            let low = crate::text::lower(stated);
            let p = crate::grammar::tokens(&low).into_iter().find_map(|t| if let Kind::Period(p) = t.kind { Some(p) } else { None });
            let at = p.and_then(|p| Some(At { year: p.year.unwrap_or(rp.year), when: When::of_kind(p.kind)? }));
            // A year before the report's is a base ("so với năm 2023"), not what it states.
            let at = at.filter(|a| a.year == rp.year);
            Reading { at, cumulative: at.is_some_and(|a| matches!(a.when, When::ToMonth(n) if n < 12)) }
        }
    }
}

fn base_of(base: &str) -> Option<Base> {
    let lex = lexicon();
    let plain = plain_words(base);
    if lex.series.previous_month.iter().any(|w| has_phrase(&plain, w)) {
        Some(Base::PreviousMonth)
    } else if lex.series.same_time.iter().any(|w| has_phrase(&plain, w)) {
        Some(Base::SameTime)
    } else {
        None
    }
}

/// The sentences (up to ". " or ";" or a line end) of a block's lowercase text, and whether
/// each says a plan was adjusted: the boundaries found once per block, each sentence read
/// once for all its figures.
struct Sentences<'a> {
    lower: &'a str,
    /// Whether the block holds the first word of an adjusted-plan phrase at all (most do not).
    /// `plain_words` only splits and drops: its words are in the (lowercase) block as they are.
    maybe: Option<bool>,
    /// Byte offsets of the boundaries, found when the block's first statement asks.
    ends: Option<Vec<usize>>,
    /// The last sentence read (its byte range) and what it says.
    last: Option<((usize, usize), bool)>,
}

impl<'a> Sentences<'a> {
    fn new(lower: &'a str) -> Sentences<'a> {
        Sentences { lower, maybe: None, ends: None, last: None }
    }

    /// Whether the sentence around a byte range says the plan was adjusted.
    fn adjusted(&mut self, start: usize, end: usize) -> bool {
        let lower = self.lower;
        let lex = lexicon();
        if !*self.maybe.get_or_insert_with(|| lex.series.adjusted.iter().any(|w| w.split(' ').next().is_some_and(|first| lower.contains(first)))) {
            return false;
        }
        let bytes = lower.as_bytes();
        let ends = self.ends.get_or_insert_with(|| {
            (0..bytes.len()).filter(|&i| matches!(bytes[i], b';' | b'\n') || (bytes[i] == b'.' && bytes.get(i + 1) == Some(&b' '))).collect()
        });
        let start = start.min(bytes.len());
        let end = end.clamp(start, bytes.len());
        // The nearest boundary before the range, and the first at or after its end.
        let before = ends.partition_point(|&i| i < start);
        let from = before.checked_sub(1).and_then(|k| ends.get(k)).map_or(0, |&i| i + 1);
        let to = ends.get(ends.partition_point(|&i| i < end)).copied().unwrap_or(bytes.len());
        match self.last {
            Some((range, said)) if range == (from, to) => said,
            _ => {
                let sentence = plain_words(lower.get(from..to).unwrap_or(""));
                let said = lex.series.adjusted.iter().any(|w| has_phrase(&sentence, w));
                self.last = Some(((from, to), said));
                said
            }
        }
    }
}

/// Whether `phrase` occurs in `plain` (both as `plain_words` gives them) as whole words.
fn has_phrase(plain: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    // Every occurrence, overlapping ones too: the first may not stand on word boundaries.
    let mut from = 0;
    while let Some(p) = plain.get(from..).and_then(|rest| rest.find(phrase)) {
        let at = from + p;
        let after = at + phrase.len();
        if (at == 0 || plain.as_bytes()[at - 1] == b' ') && (after == plain.len() || plain.as_bytes()[after] == b' ') {
            return true;
        }
        from = at + plain[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// One statement per indicator, measure and period: where a report states one twice with
/// values that disagree, it is unsure which one the series should see, and keeps neither.
fn unambiguous(statements: Vec<Statement>) -> Box<[Statement]> {
    let mut first: HashMap<(Sym, Measure, At), usize> = HashMap::default();
    let mut out: Vec<Option<Statement>> = Vec::with_capacity(statements.len());
    let mut dropped = vec![false; statements.len()];
    for s in statements {
        let k = (s.key, s.measure, s.at);
        match first.get(&k) {
            Some(&i) => {
                let agree = out[i].as_ref().is_some_and(|o| o.value().meets(s.value()) && comparable(&o.figure.unit, &s.figure.unit));
                if !agree {
                    dropped[i] = true;
                }
                out.push(None);
            }
            None => {
                first.insert(k, out.len());
                out.push(Some(s));
            }
        }
    }
    // Held until every file is read: no spare capacity.
    out.into_iter().enumerate().filter(|(i, _)| !dropped.get(*i).copied().unwrap_or(false)).filter_map(|(_, s)| s).collect()
}

/// Units that measure the same kind of thing (no unit compares only with no unit).
pub fn comparable(a: &Option<Arc<Unit>>, b: &Option<Arc<Unit>>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.comparable(y),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_counts_only_on_word_boundaries() {
        assert!(has_phrase("kế hoạch điều chỉnh năm", "điều chỉnh"));
        assert!(!has_phrase("kế hoạch điều chỉnhx", "điều chỉnh"));
        // The first occurrence is not on a boundary, an overlapping later one is.
        assert!(has_phrase("xa a a", "a a"));
        assert!(!has_phrase("xa a", "a a"));
        assert!(!has_phrase("bất kỳ", ""));
    }

    #[test]
    fn each_figure_reads_its_own_sentence() {
        let text = "kế hoạch vốn 100 tỷ đồng. kế hoạch vốn sau điều chỉnh 120 tỷ đồng; giải ngân 80 tỷ đồng";
        let mut s = Sentences::new(text);
        let at = |w: &str| text.find(w).unwrap_or(0);
        assert!(!s.adjusted(at("100"), at("100") + 3));
        assert!(s.adjusted(at("120"), at("120") + 3));
        assert!(!s.adjusted(at("80"), at("80") + 2));
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;

    #[test]
    fn a_place_gives_back_its_span() {
        let span = Span { start: 10, end: 24, start_loc: Location { line: 3, column: 5 }, end_loc: Location { line: 3, column: 19 } };
        assert_eq!(Place::of(span).span(), span);
        let far = Span { start: usize::MAX, end: usize::MAX, start_loc: Location { line: 1, column: 1 }, end_loc: Location { line: 1, column: 2 } };
        assert_eq!(Place::of(far).span().start, wide(u32::MAX));
    }
}
