//! What every series check shares: the run's documents in series order, and turning a
//! comparison of two reports into a relation (always) and a finding (when they disagree).
//! The primary location is in the later report; its operands in other reports carry their file.

use rust_decimal::Decimal;

use super::strings::{Sym, Table};
use super::summary::{Statement, Summary, Written};
use crate::checks::{Finding, Related, Span, Status};
use crate::interval::Verdict;
use crate::rules::{Lang, Level, Rule};
use crate::text::fmt_vi;

/// A statement of the run: (document, statement of its summary).
pub type Ref = (usize, usize);

/// A figure of one of the run's documents.
#[derive(Debug, Clone)]
pub struct Loc {
    pub doc: usize,
    pub span: Span,
    pub text: String,
}


/// A comparison across reports: the figure in the later report, the figures it was
/// compared with, and how it fared.
#[derive(Debug, Clone)]
pub struct Cross {
    pub rule: String,
    pub kind: &'static str,
    pub result: Loc,
    pub operands: Vec<Loc>,
    pub status: Status,
    pub computed: Option<String>,
}

/// The run being checked: the summaries, each document's rank in its unit's series.
pub struct Run<'a> {
    pub summaries: &'a [Summary],
    pub strings: &'a Table,
    pub rank: Vec<usize>,
    pub lang: Lang,
    pub findings: Vec<(usize, Finding)>,
    /// None when only the findings are wanted.
    pub relations: Option<Vec<Cross>>,
}

impl<'a> Run<'a> {
    pub fn statement(&self, doc: usize, i: usize) -> &Statement {
        &self.summaries[doc].statements[i]
    }

    /// A string of the run's summaries.
    pub fn str(&self, s: Sym) -> &'a str {
        self.strings.get(s)
    }

    /// A figure of a document as a relation's location.
    pub fn loc(&self, doc: usize, w: &Written) -> Loc {
        Loc { doc, span: w.place.span(), text: self.str(w.text).to_owned() }
    }

    pub fn file(&self, doc: usize) -> &str {
        &self.summaries[doc].file
    }

    /// A document's file name, as messages name the other report (its location, with the
    /// whole path, goes with the finding's related locations).
    pub fn name(&self, doc: usize) -> String {
        let file = self.file(doc);
        std::path::Path::new(file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.to_owned())
    }

    /// The period of a document's report, as written in messages.
    pub fn period(&self, doc: usize) -> String {
        self.summaries[doc].period.map(|p| p.describe()).unwrap_or_default()
    }

    /// Records a comparison; a finding unless consistent (`info` when only the last written
    /// digit is off). `vars` fill the rule's message; `file` is the other report's name.
    pub fn judge(&mut self, rule: &Rule, verdict: Verdict, result: Loc, operands: Vec<Loc>, computed: String, vars: &[(&str, String)]) {
        let (status, severity) = match verdict {
            Verdict::Consistent => (Status::Agrees, None),
            Verdict::Rounding => (Status::Rounding, Some(Level::Info)),
            Verdict::Mismatch => (Status::Mismatch, Some(rule.level)),
        };
        if let Some(severity) = severity {
            let file = self.file(result.doc).to_owned();
            let related = operands
                .iter()
                .map(|o| Related { span: o.span, message: o.text.clone(), file: (o.doc != result.doc).then(|| self.file(o.doc).to_owned()) })
                .collect();
            self.findings.push((result.doc, Finding::of_rule(rule, self.lang, severity, file, result.span, related, vars)));
        }
        if let Some(relations) = &mut self.relations {
            relations.push(Cross { rule: rule.code.clone(), kind: rule.kind.as_str(), result, operands, status, computed: Some(computed) });
        }
    }
}

impl Run<'_> {
    /// Judges a later report's figure against the same figure stated by an earlier one (a
    /// plan, a past period restated): the later is the result, the earlier its operand;
    /// `period` names the earlier report's period in the message.
    pub fn judge_same(&mut self, rule: &Rule, earlier: Ref, later: Ref, verdict: Verdict, period: String) {
        let ((rd, ri), (ed, ei)) = (earlier, later);
        let (r, e) = (self.statement(rd, ri).clone(), self.statement(ed, ei).clone());
        let vars = [
            ("indicator", self.str(e.name).to_owned()),
            ("stated", self.str(e.figure.text).to_owned()),
            ("computed", self.str(r.figure.text).to_owned()),
            ("operands", self.str(r.figure.text).to_owned()),
            ("file", self.name(rd)),
            ("period", period),
        ];
        let (result, operand, computed) = (self.loc(ed, &e.figure), self.loc(rd, &r.figure), self.str(r.figure.text).to_owned());
        self.judge(rule, verdict, result, vec![operand], computed, &vars);
    }

    /// Records a comparison that could not be judged (the reports are too far apart to be
    /// sure a disagreement is an error).
    pub fn unjudged(&mut self, rule: &Rule, result: Loc, operands: Vec<Loc>, computed: String) {
        if let Some(relations) = &mut self.relations {
            relations.push(Cross { rule: rule.code.clone(), kind: rule.kind.as_str(), result, operands, status: Status::Unchecked, computed: Some(computed) });
        }
    }
}

/// An amount in the base unit written in the unit of a figure ("1.234,5 tỷ đồng").
pub fn in_unit(base: Decimal, like: &Written, dp: u32) -> String {
    like.unit.as_ref().map_or_else(|| fmt_vi(base, dp), |u| u.write(base, dp))
}
