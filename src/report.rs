//! Printing: the only stage that writes. Human diagnostics through miette, the JSON contracts
//! of DESIGN.md, and a concise one-line form.

use std::fmt::Write as _;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use serde_json::{json, Value};

use crate::checks::{Finding, Outcome, Span};
use crate::document::Document;
use crate::rules::{Lang, Level};
pub use crate::snippet::escape;
use crate::source::Source;
use crate::snippet::{Label, Snippet};

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
                let mut l = loc(r.file.as_deref().unwrap_or(&f.file), &r.span);
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
    // Written one finding at a time, as serde_json's pretty printer writes the whole (keys in
    // order, two spaces a level): a JSON tree of every finding of a corpus took several times
    // the memory of the findings themselves.
    let nested = |v: &Value, indent: &str, out: &mut String| {
        let text = serde_json::to_string_pretty(v).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if n > 0 {
                out.push('\n');
                out.push_str(indent);
            }
            out.push_str(line);
        }
    };
    let mut s = String::from("{\n  \"findings\": [");
    for (k, f) in findings.iter().enumerate() {
        s.push_str(if k == 0 { "\n    " } else { ",\n    " });
        nested(&finding_json(f), "    ", &mut s);
    }
    s.push_str(if findings.is_empty() { "],\n  \"summary\": " } else { "\n  ],\n  \"summary\": " });
    nested(&json!({"files": files, "claims": claims, "findings": findings.len()}), "  ", &mut s);
    s.push_str(",\n  \"version\": 1\n}\n");
    s
}

/// `soi check --format concise`: `path:line:col: level[CODE] message`.
pub fn concise(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{}:{}:{}: {}[{}] {}{}", escape(&f.file), f.span.start_loc.line, f.span.start_loc.column, f.severity, f.code, escape(&f.message), elsewhere(f));
    }
    out
}

/// The related locations of a finding that are in other files, for the one-line formats:
/// " (xem bc-thang-4.md:12:30)" is where a series finding's earlier figure is.
fn elsewhere(f: &Finding) -> String {
    f.related
        .iter()
        .filter_map(|r| r.file.as_ref().map(|file| format!(" [{}:{}:{}]", escape(file), r.span.start_loc.line, r.span.start_loc.column)))
        .collect()
}

struct Diag<'a> {
    f: &'a Finding,
    message: String,
    help: Option<String>,
    snippet: &'a Snippet,
}

impl std::fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
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
        self.help.as_ref().map(|h| Box::new(h.clone()) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.snippet)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.snippet.labels()))
    }
}

/// Renders findings of one document with miette: each labelled line shown as a window
/// around its labels, fitted to `style.width`; report text escaped.
pub fn human(doc: &Document, findings: &[Finding], style: Style) -> String {
    human_source(&doc.source, findings, style)
}

/// `human` from the source alone (the series stage reads a report again to show a finding
/// in it). A related location in another file cannot be drawn in this file's snippet: it is
/// written as a note with its file, line and column.
pub fn human_source(source: &Source, findings: &[Finding], style: Style) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false).with_context_lines(0);
    let name = source.name();
    let mut out = String::new();
    for f in findings {
        let primary = match (&f.stated, style.lang) {
            (Some(s), Lang::Vi) => format!("ghi {s}"),
            (Some(s), Lang::En) => format!("written {s}"),
            (None, _) => String::new(),
        };
        let mut labels = vec![Label { span: f.span, text: &primary, primary: true }];
        labels.extend(f.related.iter().filter(|r| r.file.is_none()).map(|r| Label { span: r.span, text: &r.message, primary: false }));
        let snippet = Snippet::new(source, &name, &labels, style.width);
        let d = Diag { f, message: escape(&f.message).into_owned(), help: f.help.as_deref().map(|h| escape(h).into_owned()), snippet: &snippet };
        let _ = handler.render_report(&mut out, &d);
        let note = match style.lang {
            Lang::Vi => "ghi chú",
            Lang::En => "note",
        };
        for (text, line, column) in &snippet.notes {
            let _ = writeln!(out, "  {note}: {text} ({line}:{column})");
        }
        for r in &f.related {
            if let Some(file) = &r.file {
                let _ = writeln!(out, "  {note}: {} ({}:{}:{})", escape(&r.message), escape(file), r.span.start_loc.line, r.span.start_loc.column);
            }
        }
        out.push('\n');
    }
    out
}

/// `word` with an English plural `s` unless `n` is 1.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// The closing line of a human run.
pub fn tally(findings: usize, files: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi if findings == 0 => format!("Không có phát hiện nào ({files} tệp).\n"),
        Lang::Vi => format!("{findings} phát hiện trong {files} tệp.\n"),
        Lang::En if findings == 0 => format!("No findings ({files} {}).\n", plural(files, "file")),
        Lang::En => format!("{findings} {} in {files} {}.\n", plural(findings, "finding"), plural(files, "file")),
    }
}

/// `soi claims --format json` for several documents.
pub fn claims_json(docs: &[&Document]) -> String {
    let parts: Vec<String> = docs.iter().map(|d| claims_json_file(d, None)).collect();
    let mut out = Vec::new();
    let _ = write_claims_json(&mut out, &parts);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `{"files": [...], "version": 1}` around files rendered by `claims_json_file`: the
/// same bytes as pretty-printing one tree of everything, without ever building that tree.
pub fn write_claims_json(out: &mut dyn std::io::Write, files: &[String]) -> std::io::Result<()> {
    if files.is_empty() {
        return out.write_all(b"{\n  \"files\": [],\n  \"version\": 1\n}\n");
    }
    out.write_all(b"{\n  \"files\": [\n")?;
    for (i, f) in files.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(f.as_bytes())?;
    }
    out.write_all(b"\n  ],\n  \"version\": 1\n}\n")
}

/// One file's object of `soi claims --format json`, pretty-printed at the depth it has in
/// the whole document. Claims are rendered one at a time (a report's tree of values would
/// take some hundred times its size).
pub fn claims_json_file(doc: &Document, outcomes: Option<&[Outcome]>) -> String {
    let (head, tail) = claims_json_file_parts(doc, outcomes);
    head + &tail
}

/// `claims_json_file` in two parts, where a `"series"` entry goes between them (the series a
/// document belongs to is known only once the run has read every document).
pub fn claims_json_file_parts(doc: &Document, outcomes: Option<&[Outcome]>) -> (String, String) {
    let meta = &doc.layout.meta;
    let mut out = String::from("    {\n      \"claims\": ");
    if doc.claims.claims.is_empty() {
        out.push_str("[]");
    } else {
        out.push_str("[\n");
        for (i, c) in doc.claims.claims.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            indented(&mut out, &claim_json(doc, c), 8);
        }
        out.push_str("\n      ]");
    }
    let sections: Vec<Value> = sections(doc)
        .map(|(line, label, heading, role)| json!({"heading": heading, "line": line, "label": label, "role": role.as_str()}))
        .collect();
    // Keys in the order a pretty-printed tree gives them (sorted).
    let mut keys = vec![("file", json!(doc.source.name())), ("period", json!(meta.period))];
    if let Some(o) = outcomes {
        keys.push(("relations", relations_json(doc, o)));
    }
    keys.push(("sections", json!(sections)));
    let mut tail = String::new();
    for (key, value) in keys.into_iter().chain([("unit", json!(meta.unit))]) {
        let to = if key == "unit" { &mut tail } else { &mut out };
        json_entry(to, key, &value);
    }
    tail.push_str("\n    }");
    (out, tail)
}

/// `,\n      "key": value` at the depth of a file object of `soi claims --format json`.
fn json_entry(out: &mut String, key: &str, value: &Value) {
    let _ = write!(out, ",\n      {}: ", json!(key));
    let mut v = String::new();
    indented(&mut v, value, 6);
    out.push_str(v.trim_start());
}

/// The `"series"` entry of a file object of `soi claims --format json`: the series the document
/// belongs to and, with `--relations`, the comparisons with the other reports made for it.
pub fn series_json_entry(member: &crate::series::Member, relations: Option<Vec<Value>>) -> String {
    let mut v = json!({"unit": member.unit, "year": member.year, "position": member.position, "of": member.of, "period": member.period});
    if let (Some(r), Some(o)) = (relations, v.as_object_mut()) {
        o.insert("relations".into(), json!(r));
    }
    let mut out = String::new();
    json_entry(&mut out, "series", &v);
    out
}

/// A comparison across the reports of a series, for JSON: an operand in another file carries it.
pub fn cross_json(c: &crate::series::Cross, file_of: impl Fn(usize) -> String) -> Value {
    let at = |l: &crate::series::Loc| {
        let mut v = json!({"line": l.span.start_loc.line, "column": l.span.start_loc.column,
                           "end_line": l.span.end_loc.line, "end_column": l.span.end_loc.column, "text": l.text});
        if let (true, Some(o)) = (l.doc != c.result.doc, v.as_object_mut()) {
            o.insert("file".into(), json!(file_of(l.doc)));
        }
        v
    };
    json!({"kind": c.kind, "result": at(&c.result), "operands": c.operands.iter().map(at).collect::<Vec<_>>(),
           "rules": [c.rule], "status": c.status.as_str(), "computed": c.computed})
}

/// The series a document belongs to, for `soi claims` in human form.
pub fn series_human(member: &crate::series::Member) -> String {
    format!("  chuỗi báo cáo: {} năm {}, báo cáo {}/{} ({})\n", member.unit, member.year, member.position, member.of, member.period)
}

/// The comparisons across reports made for a document, one line each, result first.
pub fn cross_human(list: &[&crate::series::Cross], file_of: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    if list.is_empty() {
        return out;
    }
    let _ = writeln!(out, "  quan hệ trong chuỗi:");
    for c in list {
        let l = |x: &crate::series::Loc| {
            let file = if x.doc == c.result.doc { String::new() } else { format!("{}:", escape(&file_of(x.doc))) };
            format!("{} ({file}{}:{})", x.text, x.span.start_loc.line, x.span.start_loc.column)
        };
        let ops: Vec<String> = c.operands.iter().map(l).collect();
        let computed = c.computed.as_deref().map(|x| format!(" → {x}")).unwrap_or_default();
        let r = &c.result;
        let _ = writeln!(out, "    {}:{} {} {} ⟵ {}{computed}: {} [{}]", r.span.start_loc.line, r.span.start_loc.column, c.kind, r.text, ops.join(", "), c.status.as_str(), c.rule);
    }
    out
}

/// `v` pretty-printed with every line indented by `by` spaces (JSON strings hold no raw
/// line breaks, so this cannot change a value).
fn indented(out: &mut String, v: &Value, by: usize) {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n(' ', by));
        out.push_str(line);
    }
}

fn claim_json(doc: &Document, c: &crate::claims::Claim) -> Value {
    let (s, e) = doc.span(c.start, c.end);
    let figures: Vec<Value> = c
        .figures
        .iter()
        .map(|f| {
            let (fs, fe) = doc.span(f.start, f.end);
            let mut v = json!({"role": f.role.as_str(), "text": f.text, "value": f.value().to_string(),
                   "unit": f.unit.as_ref().map(|u| u.text.clone()),
                   "line": fs.line, "column": fs.column, "end_line": fe.line, "end_column": fe.column});
            // A fall ("giảm 1,6%", "-4,13%") keeps its magnitude in `value` and says so here.
            if let (true, Some(m)) = (f.negative, v.as_object_mut()) {
                m.insert("negative".into(), json!(true));
            }
            v
        })
        .collect();
    let mut v = json!({"indicator": c.indicator, "key": c.key, "period": c.period,
           "line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column,
           "section": c.section, "role": c.role.as_str(), "figures": figures});
    // A bare measure ("sản lượng") and what the text says it is of ("cây quế").
    if let (Some(subject), Some(m)) = (&c.subject, v.as_object_mut()) {
        m.insert("subject".into(), json!(subject.thing));
        // The measure the name does not say ("diện tích" for "chăm sóc 1.420 ha thảo quả").
        if let Some(measure) = &subject.measure {
            m.insert("measure".into(), json!(measure));
        }
    }
    v
}

/// Each section heading: its line, label, text and the role it gave its blocks.
fn sections(doc: &Document) -> impl Iterator<Item = (usize, Option<&str>, &str, crate::model::Role)> {
    doc.layout.sections.iter().filter_map(|s| {
        let b = doc.layout.blocks.get(s.block)?;
        let (at, _) = doc.span(b.source_offset(0, false), b.source_offset(0, false));
        Some((at.line, s.label.as_deref(), s.title(&doc.layout.blocks), b.role))
    })
}

/// `soi claims` for people: one line per claim, figures indented below.
pub fn claims_human(doc: &Document) -> String {
    let (head, tail) = claims_human_parts(doc);
    head + &tail
}

/// `claims_human` in two parts, where the series line goes between them.
pub fn claims_human_parts(doc: &Document) -> (String, String) {
    let mut head = String::new();
    let meta = &doc.layout.meta;
    let _ = writeln!(head, "{}", doc.source.name());
    if let Some(u) = &meta.unit {
        let _ = writeln!(head, "  đơn vị: {u}");
    }
    if let Some(p) = &meta.period {
        let _ = writeln!(head, "  kỳ báo cáo: {p}");
    }
    let mut out = String::new();
    for (line, label, heading, role) in sections(doc) {
        let label = label.map(|l| format!("{l} ")).unwrap_or_default();
        let _ = writeln!(out, "  mục {label}{heading} → {} (dòng {line})", role.as_str());
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
    (head, out)
}

/// `--format github`: workflow commands that annotate the lines of a pull request.
pub fn github(findings: &[Finding]) -> String {
    // GitHub's own escapes for % and line breaks, then every other control character shown.
    let esc = |s: &str| escape(&s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned();
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
            esc(&(f.message.clone() + &elsewhere(f)))
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
                    "physicalLocation": {"artifactLocation": {"uri": rel.file.as_deref().map(|f| f.replace('\\', "/")).unwrap_or_else(|| uri.clone())}, "region": region(&rel.span)}
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
    // Examples are whole (short) reports: every line indented under its title.
    let indented = |t: &str| t.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n");
    if let Some(e) = &r.example {
        let _ = writeln!(s, "\n{bad}:\n{}", indented(e));
    }
    if let Some(c) = &r.consistent {
        let _ = writeln!(s, "\n{good}:\n{}", indented(c));
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

/// An example in one Markdown table cell: its lines joined by `<br>` (a table's rule line
/// left out), table pipes escaped,
/// markup (a suppression comment) shown as code rather than interpreted.
fn example_cell(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty() && !l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
        .map(|l| if l.contains('<') { format!("`{l}`") } else { l.to_owned() })
        .map(|l| l.replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("<br>")
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
            example_cell(r.example.as_deref().unwrap_or(""))
        );
    }
    s
}

/// A figure of a relation, for JSON: where it is and how it is written.
fn figure_ref_json(doc: &Document, r: crate::claims::FigRef) -> Value {
    let f = doc.claims.figure(r);
    let (s, e) = doc.span(f.start, f.end);
    json!({"line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column, "text": f.text})
}

/// A cue word of a relation, for JSON: as written and where.
fn cue_json(doc: &Document, c: &crate::relations::Cue) -> Value {
    let (s, e) = doc.span(c.start, c.end);
    json!({"text": c.text, "line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column})
}

/// The relations of a document with their outcomes (`soi claims --relations --format json`).
pub fn relations_json(doc: &Document, outcomes: &[Outcome]) -> Value {
    let list: Vec<Value> = doc
        .relations
        .iter()
        .zip(outcomes)
        .map(|(r, o)| {
            let mut v = json!({
                "kind": r.kind.as_str(),
                "result": figure_ref_json(doc, r.result),
                "operands": r.operands.iter().map(|&x| figure_ref_json(doc, x)).collect::<Vec<_>>(),
                "exact": r.bound == crate::relations::Bound::Exact,
                "cues": r.cues.iter().map(|c| cue_json(doc, c)).collect::<Vec<_>>(),
                "rules": o.rules,
                "status": o.status.as_str(),
                "computed": o.computed,
            });
            if let (Some(why), Some(m)) = (&r.detail.why, v.as_object_mut()) {
                m.insert("why".into(), json!(why));
            }
            if let (false, Some(m)) = (r.alternatives.is_empty(), v.as_object_mut()) {
                let sets: Vec<Vec<Value>> = r.alternatives.iter().map(|set| set.iter().map(|&x| figure_ref_json(doc, x)).collect()).collect();
                m.insert("alternatives".into(), json!(sets));
            }
            if let (false, Some(m)) = (r.detail.names.is_empty(), v.as_object_mut()) {
                m.insert("names".into(), json!(r.detail.names.iter().map(|c| cue_json(doc, c)).collect::<Vec<_>>()));
            }
            v
        })
        .collect();
    json!(list)
}

/// The relations of a document for people: one line each, result first.
pub fn relations_human(doc: &Document, outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    if doc.relations.is_empty() {
        return out;
    }
    let _ = writeln!(out, "  quan hệ:");
    for (r, o) in doc.relations.iter().zip(outcomes) {
        let res = doc.claims.figure(r.result);
        let (s, _) = doc.span(res.start, res.end);
        let list = |set: &[crate::claims::FigRef]| -> Vec<String> {
            set.iter()
                .map(|&x| {
                    let f = doc.claims.figure(x);
                    let (l, _) = doc.span(f.start, f.end);
                    format!("{} ({}:{})", f.text, l.line, l.column)
                })
                .collect()
        };
        let ops = list(&r.operands);
        // A count of names has no figures to count from: its names are shown instead.
        let mut ops = if ops.is_empty() { r.detail.names.iter().map(|c| format!("\"{}\"", c.text)).collect() } else { ops };
        // Other operand lists that may be meant, each after "hoặc" (or).
        for set in &r.alternatives {
            if let Some(last) = ops.last_mut() {
                last.push_str(&format!(" hoặc {}", list(set).join(", ")));
            }
        }
        let bound = if r.bound == crate::relations::Bound::Exact { "" } else { " (cận)" };
        let computed = o.computed.as_deref().map(|c| format!(" → {c}")).unwrap_or_default();
        let rules = if o.rules.is_empty() { String::new() } else { format!(" [{}]", o.rules.join(", ")) };
        let _ = writeln!(out, "    {}:{} {} {}{bound} ⟵ {}{computed}: {}{rules}", s.line, s.column, r.kind.as_str(), res.text, ops.join(", "), o.status.as_str());
    }
    out
}
