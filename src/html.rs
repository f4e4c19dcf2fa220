//! `soi check --format html`: one self-contained page a reviewer opens in a browser, with the
//! reports' text and every figure marked by what the checks made of it.
//!
//! Each document becomes a model (`model::build`) serialized as JSON into an inert
//! `<script type="application/json">`; the page's script renders a document only when it comes
//! into view or is printed, so a run of hundreds of reports opens at once. The page puts the
//! run's summary and the script before the documents, so the browser shows the header, the
//! finding list and the first report while it is still reading the rest. Nothing is fetched:
//! styles and script are inline, and the page's security policy forbids any connection.

mod model;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::checks::{Finding, Outcome, Status};
use crate::document::Document;
use crate::error::Error;
use crate::rules::{Lang, RuleSet};

pub use model::{build, ClaimInfo, DocModel, FigureInfo, FindingMarks, Mark, MarkStatus, Part, RelationModel};

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");
/// Where the documents go in the template.
const DOCUMENTS: &str = "{{DOCUMENTS}}";

/// A checked document ready for the page: its model as script-safe JSON, and its counts.
#[derive(Debug)]
pub struct DocPart {
    json: String,
    entry: FileEntry,
}

/// A document's line in the run's summary.
#[derive(Debug, Clone, Serialize)]
struct FileEntry {
    file: String,
    figures: usize,
    relations: usize,
    /// Relations some rule checked.
    checked: usize,
    /// Checked relations that agree (within rounding).
    agrees: usize,
    findings: usize,
    /// Index of the document's first finding in the run's list.
    first: usize,
    /// Size of the text, so the page can reserve room before it renders the document.
    chars: usize,
    lines: usize,
}

/// Builds the page part of one document (run in parallel, before the page writes it).
pub fn document(doc: &Document, findings: &[Finding], outcomes: &[Outcome]) -> DocPart {
    let model = build(doc, findings, outcomes);
    let json = script_json(&serde_json::to_string(&model).unwrap_or_else(|_| "null".into()));
    let checked = outcomes.iter().filter(|o| o.status != Status::Unchecked).count();
    let agrees = outcomes.iter().filter(|o| matches!(o.status, Status::Agrees | Status::Rounding)).count();
    let text = &doc.source.original;
    let entry = FileEntry {
        file: model.file,
        figures: doc.claims.claims.iter().map(|c| c.figures.len()).sum(),
        relations: doc.relations.len(),
        checked,
        agrees,
        findings: findings.len(),
        first: 0,
        chars: text.chars().count(),
        lines: text.lines().count(),
    };
    DocPart { json, entry }
}

/// JSON made safe inside a `<script>` element: no `</script>` or `<!--` can close or confuse
/// it, and U+2028/U+2029 (line breaks to old JavaScript parsers) are escaped. `<`, `>` and
/// `&` only ever occur inside JSON strings, where `\u003c` means the same.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The page being written. Documents are spooled to a file as they come (memory stays bounded);
/// at the end the page is written head, summary and script first, then the documents, so a
/// browser shows the summary and the first document while it still reads the rest. A page
/// for a file goes to a temporary file beside it, renamed into place when complete, so a
/// failed run never leaves half a page.
pub struct Page<'w> {
    stdout: &'w mut dyn Write,
    /// The output file, or None for standard output.
    path: Option<PathBuf>,
    spool: Option<(BufWriter<File>, PathBuf)>,
    failed: Option<std::io::Error>,
    lang: Lang,
    files: Vec<FileEntry>,
    findings: usize,
}

impl<'w> Page<'w> {
    /// Starts a page for `path`, or for `stdout` when there is none. The spool is made beside
    /// the output, so an unwritable place is reported before the run.
    pub fn create(path: Option<&Path>, stdout: &'w mut dyn Write, lang: Lang) -> Result<Page<'w>, Error> {
        if let Some(p) = path.filter(|p| p.is_dir()) {
            return Err(Error::Write { path: p.into(), reason: "đây là một thư mục; hãy cho tên tệp, ví dụ soi.html".into() });
        }
        let spool_path = match path {
            Some(p) => beside(p, ".soi-docs"),
            None => std::env::temp_dir().join(format!("soi-{}-{}.docs", std::process::id(), nanos())),
        };
        let target = path.map(Path::to_path_buf).unwrap_or_else(|| spool_path.clone());
        let file = File::create(&spool_path).map_err(|e| Error::Write { path: target, reason: e.to_string() })?;
        Ok(Page {
            stdout,
            path: path.map(Path::to_path_buf),
            spool: Some((BufWriter::new(file), spool_path)),
            failed: None,
            lang,
            files: Vec::new(),
            findings: 0,
        })
    }

    /// Spools the next document. Its findings are the next ones of the run's list.
    pub fn add(&mut self, part: DocPart) {
        let DocPart { json, mut entry } = part;
        entry.first = self.findings;
        self.findings += entry.findings;
        let id = self.files.len();
        self.files.push(entry);
        if let (Some((w, _)), None) = (&mut self.spool, &self.failed) {
            let written = writeln!(w, "<script type=\"application/json\" id=\"soi-doc-{id}\">{json}</script>");
            if let Err(e) = written {
                self.failed = Some(e);
            }
        }
    }

    /// Writes the page: head, summary (every finding as in `--format json`, with its
    /// document; the series findings, documents in the order added, after the rest), script,
    /// then the spooled documents. `unreadable` counts the files the run
    /// could not read.
    pub fn finish(mut self, findings: &[Finding], series: &[(usize, Finding)], rules: &RuleSet, unreadable: usize) -> Result<(), Error> {
        let summary = script_json(&self.summary(findings, series, rules, unreadable));
        let target = self.path.clone().unwrap_or_else(|| "<stdout>".into());
        let fail = |e: std::io::Error| Error::Write { path: target.clone(), reason: e.to_string() };
        let Some((spool, spool_path)) = self.spool.take() else { return Ok(()) };
        let docs = spool.into_inner().map_err(|e| e.into_error());
        let result = match (self.failed.take(), docs) {
            (Some(e), _) | (None, Err(e)) => Err(fail(e)),
            (None, Ok(_)) => self.assemble(&summary, &spool_path).map_err(fail),
        };
        let _ = std::fs::remove_file(&spool_path);
        result
    }

    fn assemble(&mut self, summary: &str, spool: &Path) -> std::io::Result<()> {
        let (head, tail) = TEMPLATE.split_once(DOCUMENTS).unwrap_or((TEMPLATE, ""));
        let lang = self.lang;
        let vars = [("LANG", lang_code(lang)), ("TITLE", title(lang)), ("NOSCRIPT", noscript(lang)), ("STYLE", STYLE), ("SUMMARY", summary), ("SCRIPT", SCRIPT)];
        let write = |out: &mut dyn Write| -> std::io::Result<()> {
            let mut out = BufWriter::new(out);
            fill(&mut out, head, &vars)?;
            std::io::copy(&mut File::open(spool)?, &mut out)?;
            out.write_all(tail.as_bytes())?;
            out.flush()
        };
        match &self.path {
            None => write(&mut *self.stdout),
            Some(path) => {
                let tmp = beside(path, ".soi-tmp");
                let done = File::create(&tmp).and_then(|mut f| write(&mut f)).and_then(|_| std::fs::rename(&tmp, path));
                if done.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                done
            }
        }
    }

    fn summary(&self, findings: &[Finding], series: &[(usize, Finding)], rules: &RuleSet, unreadable: usize) -> String {
        let lang = self.lang;
        let mut list = Vec::with_capacity(findings.len());
        for (d, file) in self.files.iter().enumerate() {
            for (k, f) in findings.iter().skip(file.first).take(file.findings).enumerate() {
                let mut v = crate::report::finding_json(f);
                if let Some(o) = v.as_object_mut() {
                    o.insert("doc".into(), Value::from(d));
                    o.insert("index".into(), Value::from(k));
                }
                list.push(v);
            }
        }
        // Findings across the reports of a series: each place with its document, found in its
        // model by line and column (see page.js `prepare`).
        let doc_of = |file: &str| self.files.iter().position(|f| f.file == file);
        for (d, f) in series {
            let mut v = crate::report::finding_json(f);
            if let Some(o) = v.as_object_mut() {
                o.insert("doc".into(), Value::from(*d));
                o.insert("series".into(), Value::from(true));
                if let Some(Value::Array(related)) = o.get_mut("related") {
                    for (r, rel) in related.iter_mut().zip(&f.related) {
                        let at = match &rel.file {
                            Some(file) => doc_of(file),
                            None => Some(*d),
                        };
                        if let (Some(m), Some(at)) = (r.as_object_mut(), at) {
                            m.insert("doc".into(), Value::from(at));
                        }
                    }
                    related.retain(|r| r.get("doc").is_some());
                }
            }
            list.push(v);
        }
        let rules: Vec<Value> = rules
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({"code": r.code, "name": r.name, "level": r.level.as_str(),
                                   "summary": r.summary.as_ref().map(|s| s.get(lang))})
            })
            .collect();
        let v = serde_json::json!({
            "version": 1,
            "tool": env!("CARGO_PKG_VERSION"),
            "lang": lang_code(lang),
            "files": self.files,
            "unreadable": unreadable,
            "rules": rules,
            "findings": list,
        });
        serde_json::to_string(&v).unwrap_or_else(|_| "null".into())
    }
}

impl Drop for Page<'_> {
    fn drop(&mut self) {
        // Not finished (the run stopped): leave no spool behind.
        if let Some((w, path)) = self.spool.take() {
            drop(w);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// `path` with `suffix` added to its file name, in the same directory.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "soi.html".into());
    name.push(suffix);
    path.with_file_name(name)
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

/// Writes `template` with each `{{KEY}}` of `vars` replaced, in one pass: a value is never
/// searched for placeholders (report text in the summary stays as it is).
fn fill(out: &mut dyn Write, template: &str, vars: &[(&str, &str)]) -> std::io::Result<()> {
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..at])?;
        let after = &rest[at + 2..];
        match after.find("}}").and_then(|end| vars.iter().find(|(k, _)| *k == &after[..end]).map(|(_, v)| (end, v))) {
            Some((end, value)) => {
                out.write_all(value.as_bytes())?;
                rest = &after[end + 2..];
            }
            None => {
                out.write_all(b"{{")?;
                rest = after;
            }
        }
    }
    out.write_all(rest.as_bytes())
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "soi — kiểm tra số liệu",
        Lang::En => "soi — figure check",
    }
}

fn noscript(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Trang này cần JavaScript để hiện báo cáo. Hãy bật JavaScript trong trình duyệt, hoặc dùng soi check --format human.",
        Lang::En => "This page needs JavaScript to show the reports. Turn JavaScript on in the browser, or use soi check --format human.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let s = serde_json::to_string("</script><!-- & \u{2028}\u{2029}").unwrap_or_default();
        let safe = script_json(&s);
        assert_eq!(safe, r#""\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029""#);
        assert_eq!(serde_json::from_str::<String>(&safe).ok().as_deref(), Some("</script><!-- & \u{2028}\u{2029}"));
    }

    #[test]
    fn template_has_every_placeholder_once_documents_last() {
        for p in ["{{LANG}}", "{{TITLE}}", "{{NOSCRIPT}}", "{{STYLE}}", "{{SUMMARY}}", "{{SCRIPT}}", DOCUMENTS] {
            assert_eq!(TEMPLATE.matches(p).count(), 1, "{p}");
        }
        let at = |p: &str| TEMPLATE.find(p).unwrap_or(usize::MAX);
        assert!(at("{{STYLE}}") < at("{{SUMMARY}}") && at("{{SUMMARY}}") < at("{{SCRIPT}}") && at("{{SCRIPT}}") < at(DOCUMENTS));
        // Nothing in the script or style can end their elements early.
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script") && !STYLE.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn fill_replaces_once_and_never_inside_values() {
        let mut out = Vec::new();
        let vars = [("A", "{{B}}"), ("B", "b")];
        fill(&mut out, "x{{A}}y{{B}}z{{C}}{{", &vars).unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&out), "x{{B}}ybz{{C}}{{");
    }
}
