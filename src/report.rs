//! Printing: the only stage that writes. Human diagnostics through miette, the JSON contracts
//! of DESIGN.md, and a concise one-line form.

use std::fmt::Write as _;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use serde_json::{json, Value};

use crate::checks::{Finding, Span};
use crate::document::Document;
use crate::rules::{Lang, Level};

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

fn loc(file: &str, s: &Span) -> Value {
    json!({"file": file, "line": s.start_loc.line, "column": s.start_loc.column,
           "end_line": s.end_loc.line, "end_column": s.end_loc.column})
}

pub fn finding_json(f: &Finding) -> Value {
    let mut v = loc(&f.file, &f.span);
    let o = v.as_object_mut();
    if let Some(o) = o {
        o.insert("rule".into(), json!(f.code));
        o.insert("name".into(), json!(f.name));
        o.insert("kind".into(), json!(f.kind.as_str()));
        o.insert("severity".into(), json!(f.severity.as_str()));
        o.insert("message".into(), json!(f.message));
        o.insert("help".into(), json!(f.help));
        let related: Vec<Value> = f
            .related
            .iter()
            .map(|r| {
                let mut l = loc(&f.file, &r.span);
                if let Some(m) = l.as_object_mut() {
                    m.insert("message".into(), json!(r.message));
                }
                l
            })
            .collect();
        o.insert("related".into(), json!(related));
        o.insert("stated".into(), json!(f.stated));
        o.insert("computed".into(), json!(f.computed));
    }
    v
}

/// `soi check --format json`.
pub fn check_json(findings: &[Finding], files: usize, claims: usize) -> String {
    let list: Vec<Value> = findings.iter().map(finding_json).collect();
    let v = json!({"version": 1, "findings": list,
                   "summary": {"files": files, "claims": claims, "findings": findings.len()}});
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// `soi check --format concise`: `path:line:col: level[CODE] message`.
pub fn concise(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{}:{}:{}: {}[{}] {}", f.file, f.span.start_loc.line, f.span.start_loc.column, f.severity, f.code, f.message);
    }
    out
}

struct Diag<'a> {
    f: &'a Finding,
    src: &'a NamedSource<String>,
    primary: String,
}

impl std::fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.f.message)
    }
}
impl std::fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.f.message)
    }
}
impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(format!("{}({})", self.f.code, self.f.name)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.f.severity {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
            Level::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.f.help.as_ref().map(|h| Box::new(h.clone()) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = vec![LabeledSpan::new_primary_with_span(Some(self.primary.clone()), (self.f.span.start, self.f.span.end - self.f.span.start))];
        for r in &self.f.related {
            labels.push(LabeledSpan::new_with_span(Some(r.message.clone()), (r.span.start, r.span.end - r.span.start)));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Renders findings of one document with miette.
pub fn human(doc: &Document, findings: &[Finding], style: Style) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false);
    let src = NamedSource::new(doc.source.name(), doc.source.original.clone()).with_language("text");
    let mut out = String::new();
    for f in findings {
        let primary = match (&f.stated, style.lang) {
            (Some(s), Lang::Vi) => format!("ghi {s}"),
            (Some(s), Lang::En) => format!("written {s}"),
            (None, _) => String::new(),
        };
        let d = Diag { f, src: &src, primary };
        let _ = handler.render_report(&mut out, &d);
        out.push('\n');
    }
    out
}

/// The closing line of a human run.
pub fn tally(findings: usize, files: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi if findings == 0 => format!("Không có phát hiện nào ({files} tệp).\n"),
        Lang::Vi => format!("{findings} phát hiện trong {files} tệp.\n"),
        Lang::En if findings == 0 => format!("No findings ({files} files).\n"),
        Lang::En => format!("{findings} findings in {files} files.\n"),
    }
}

/// `soi claims --format json` for several documents.
pub fn claims_json(docs: &[&Document]) -> String {
    let files: Vec<Value> = docs.iter().map(|d| claims_of(d)).collect();
    let mut s = serde_json::to_string_pretty(&json!({"version": 1, "files": files})).unwrap_or_default();
    s.push('\n');
    s
}

fn claims_of(doc: &Document) -> Value {
    let file = doc.source.name();
    let claims: Vec<Value> = doc
        .claims
        .claims
        .iter()
        .map(|c| {
            let (s, e) = doc.span(c.start, c.end);
            let figures: Vec<Value> = c
                .figures
                .iter()
                .map(|f| {
                    let (fs, fe) = doc.span(f.start, f.end);
                    json!({"role": f.role.as_str(), "text": f.text, "value": f.value().to_string(),
                           "unit": f.unit.as_ref().map(|u| u.text.clone()),
                           "line": fs.line, "column": fs.column, "end_line": fe.line, "end_column": fe.column})
                })
                .collect();
            json!({"indicator": c.indicator, "key": c.key, "period": c.period,
                   "line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column,
                   "section": c.section, "role": c.role.as_str(), "figures": figures})
        })
        .collect();
    let meta = &doc.layout.meta;
    json!({"file": file, "unit": meta.unit, "period": meta.period, "claims": claims})
}

/// `soi claims` for people: one line per claim, figures indented below.
pub fn claims_human(doc: &Document) -> String {
    let mut out = String::new();
    let meta = &doc.layout.meta;
    let _ = writeln!(out, "{}", doc.source.name());
    if let Some(u) = &meta.unit {
        let _ = writeln!(out, "  đơn vị: {u}");
    }
    if let Some(p) = &meta.period {
        let _ = writeln!(out, "  kỳ báo cáo: {p}");
    }
    for c in &doc.claims.claims {
        let (s, _) = doc.span(c.start, c.end);
        let section = if c.section.is_empty() { String::new() } else { format!(" [{}]", c.section) };
        let _ = writeln!(out, "{}:{}: {} ({}{})", s.line, s.column, c.indicator, c.role.as_str(), section);
        for f in &c.figures {
            let (fs, _) = doc.span(f.start, f.end);
            let unit = f.unit.as_ref().map(|u| u.text.as_str()).unwrap_or("");
            let _ = writeln!(out, "    {}:{}  {:<17} {} {}", fs.line, fs.column, f.role.as_str(), f.value(), unit);
        }
    }
    out
}
