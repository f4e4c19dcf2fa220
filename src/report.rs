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

/// The report's text for miette, with the column of a location counted in characters (as
/// everywhere else in soi) rather than bytes, so the header reads `bc.txt:26:870`.
struct CharColumns {
    inner: NamedSource<String>,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(&'a self, span: &miette::SourceSpan, before: usize, after: usize) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self.inner.read_span(span, before, after)?;
        if before != 0 || after != 0 {
            return Ok(contents);
        }
        let text = self.inner.inner();
        let at = span.offset().min(text.len());
        let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = text.get(line_start..at).map(|s| s.chars().count()).unwrap_or(contents.column());
        let name = contents.name().unwrap_or_default().to_owned();
        Ok(Box::new(
            miette::MietteSpanContents::new_named(name, contents.data(), *contents.span(), contents.line(), column, contents.line_count())
                .with_language("text"),
        ))
    }
}

struct Diag<'a> {
    f: &'a Finding,
    src: &'a CharColumns,
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
    let src = CharColumns { inner: NamedSource::new(doc.source.name(), doc.source.original_lf().into_owned()).with_language("text") };
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

/// `--format github`: workflow commands that annotate the lines of a pull request.
pub fn github(findings: &[Finding]) -> String {
    let esc = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let prop = |s: &str| esc(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            prop(&f.file),
            f.span.start_loc.line,
            f.span.start_loc.column,
            f.span.end_loc.line,
            f.span.end_loc.column,
            prop(&format!("{} {}", f.code, f.name)),
            esc(&f.message)
        );
    }
    out
}

/// `--statistics`: how many findings each rule raised, most first.
pub fn statistics(findings: &[Finding]) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = std::collections::BTreeMap::new();
    for f in findings {
        *counts.entry((f.code.as_str(), f.name.as_str())).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.iter().map(|((code, name), n)| format!("{n:>5}  {code:<7} {name}\n")).collect()
}

/// `--format sarif`: SARIF 2.1.0 with the rules' metadata, so code-scanning tools can show
/// the findings and track them across commits.
pub fn sarif(findings: &[Finding], rules: &crate::rules::RuleSet, lang: Lang) -> String {
    let prints = crate::baseline::fingerprints_by_file(findings);
    let driver_rules: Vec<Value> = rules
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary.as_ref().map(|s| s.get(lang).to_owned()).unwrap_or_else(|| r.name.clone())},
                "fullDescription": {"text": r.why.as_ref().map(|s| s.get(lang).to_owned()).unwrap_or_default()},
                "help": {"text": r.help.as_ref().map(|s| s.get(lang).to_owned()).unwrap_or_default()},
                "defaultConfiguration": {"level": sarif_level(r.level)},
                "properties": {"kind": r.kind.as_str()}
            })
        })
        .collect();
    let index_of = |code: &str| rules.rules.iter().position(|r| r.code == code);
    let region = |s: &Span| json!({"startLine": s.start_loc.line, "startColumn": s.start_loc.column, "endLine": s.end_loc.line, "endColumn": s.end_loc.column});
    let results: Vec<Value> = findings
        .iter()
        .zip(prints)
        .map(|(f, print)| {
            let uri = f.file.replace('\\', "/");
            let mut r = json!({
                "ruleId": f.code,
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(&f.span)}}],
                "relatedLocations": f.related.iter().enumerate().map(|(i, rel)| json!({
                    "id": i,
                    "message": {"text": rel.message},
                    "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(&rel.span)}
                })).collect::<Vec<_>>(),
                "partialFingerprints": {"soiFingerprint/v1": print},
            });
            if let (Some(i), Some(o)) = (index_of(&f.code), r.as_object_mut()) {
                o.insert("ruleIndex".into(), json!(i));
            }
            r
        })
        .collect();
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "soi", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://crates.io/crates/soi", "rules": driver_rules}},
            "results": results
        }]
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

fn sarif_level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}


/// `soi rule CODE`: what a rule checks, why it matters, a finding and a consistent figure.
pub fn explain(r: &crate::rules::Rule, lang: Lang) -> String {
    let (why, bad, good, help) = match lang {
        Lang::Vi => ("Vì sao", "Bị báo", "Không bị báo", "Cách sửa"),
        Lang::En => ("Why", "Reported", "Not reported", "Fix"),
    };
    let mut s = format!("{} ({}) — {}, kind {}\n", r.code, r.name, r.level, r.kind.as_str());
    if let Some(sum) = &r.summary {
        let _ = writeln!(s, "\n{}", sum.get(lang));
    }
    if let Some(w) = &r.why {
        let _ = writeln!(s, "\n{why}: {}", w.get(lang));
    }
    if let Some(e) = &r.example {
        let _ = writeln!(s, "\n{bad}:\n    {e}");
    }
    if let Some(c) = &r.consistent {
        let _ = writeln!(s, "\n{good}:\n    {c}");
    }
    if let Some(h) = &r.help {
        // The help is a template filled per finding; here its placeholders read as "…".
        let mut text = h.get(lang).to_owned();
        while let (Some(a), Some(b)) = (text.find('{'), text.find('}')) {
            if b < a {
                break;
            }
            text.replace_range(a..=b, "…");
        }
        let _ = writeln!(s, "\n{help}: {text}");
    }
    s
}

/// Markup in an example (a suppression comment) is shown as code, not interpreted.
fn code_if_markup(s: &str) -> String {
    if s.contains('<') {
        format!("`{s}`")
    } else {
        s.to_owned()
    }
}

/// The README's rule table, generated from the rules' own text.
pub fn rules_table(rules: &crate::rules::RuleSet) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut s = String::from("| Mã | Tên | Mức | Kiểm tra | Ví dụ bị báo |\n|---|---|---|---|---|\n");
    for r in &rules.rules {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            r.code,
            r.name,
            r.level,
            cell(r.summary.as_ref().map(|t| t.vi.as_str()).unwrap_or("")),
            cell(&code_if_markup(r.example.as_deref().unwrap_or("")))
        );
    }
    s
}
