//! `soi check --format html`: one self-contained page a reviewer opens in a browser, with the
//! reports' text and every figure marked by what the checks made of it.
//!
//! The page is written as the run goes: a head, then each document as soon as it is checked
//! (its model as JSON in an inert `<script type="application/json">`), then the run's summary
//! and the script. The browser renders a document only when it comes into view, so a run of
//! hundreds of reports opens at once, and soi never holds more than the documents being
//! checked. Nothing is fetched: styles and script are inlined, and the page's security policy
//! forbids any connection.

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

pub use model::{build, DocModel, FindingMarks, Mark, MarkStatus, Part};

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

/// The page being written: to a temporary file beside the output (renamed into place when
/// complete, so a failed run never leaves half a page) or to standard output.
pub struct Page<'w> {
    out: Option<BufWriter<Box<dyn Write + 'w>>>,
    /// (temporary file, final path) when writing to a file.
    dest: Option<(PathBuf, PathBuf)>,
    failed: Option<std::io::Error>,
    lang: Lang,
    files: Vec<FileEntry>,
    findings: usize,
}

impl<'w> Page<'w> {
    /// Starts a page in `path`, or on `stdout` when there is none, and writes its head.
    pub fn create(path: Option<&Path>, stdout: &'w mut dyn Write, lang: Lang) -> Result<Page<'w>, Error> {
        let (out, dest): (Box<dyn Write + 'w>, _) = match path {
            Some(p) => {
                let mut name = p.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "soi.html".into());
                name.push(".soi-tmp");
                let tmp = p.with_file_name(name);
                let file = File::create(&tmp).map_err(|e| Error::Write { path: p.into(), reason: e.to_string() })?;
                (Box::new(file), Some((tmp, p.to_path_buf())))
            }
            None => (Box::new(stdout), None),
        };
        let mut page = Page { out: Some(BufWriter::new(out)), dest, failed: None, lang, files: Vec::new(), findings: 0 };
        let head = TEMPLATE.split(DOCUMENTS).next().unwrap_or_default();
        let head = head.replace("{{LANG}}", lang_code(lang)).replace("{{TITLE}}", title(lang)).replace("{{NOSCRIPT}}", noscript(lang)).replace("{{STYLE}}", STYLE);
        page.write(&head);
        Ok(page)
    }

    fn write(&mut self, s: &str) {
        if self.failed.is_some() {
            return;
        }
        if let Some(out) = &mut self.out {
            if let Err(e) = out.write_all(s.as_bytes()) {
                self.failed = Some(e);
            }
        }
    }

    /// Writes the next document. Its findings are the next `findings` of the run's list.
    pub fn add(&mut self, part: DocPart) {
        let DocPart { json, mut entry } = part;
        entry.first = self.findings;
        self.findings += entry.findings;
        let id = self.files.len();
        self.files.push(entry);
        self.write(&format!("<script type=\"application/json\" id=\"soi-doc-{id}\">"));
        self.write(&json);
        self.write("</script>\n");
    }

    /// Writes the summary (every finding as in `--format json`, with its document) and the
    /// script, and puts the page in place. `unreadable` counts the files the run could not read.
    pub fn finish(mut self, findings: &[Finding], rules: &RuleSet, unreadable: usize) -> Result<(), Error> {
        let summary = self.summary(findings, rules, unreadable);
        self.write("<script type=\"application/json\" id=\"soi-summary\">");
        self.write(&script_json(&summary));
        self.write("</script>\n");
        let tail = TEMPLATE.split(DOCUMENTS).nth(1).unwrap_or_default().replace("{{SCRIPT}}", SCRIPT);
        self.write(&tail);
        let target = self.dest.as_ref().map(|(_, p)| p.clone()).unwrap_or_else(|| "<stdout>".into());
        if let Some(mut out) = self.out.take() {
            if let Err(e) = out.flush() {
                self.failed.get_or_insert(e);
            }
        }
        if let Some(e) = self.failed.take() {
            return Err(Error::Write { path: target, reason: e.to_string() });
        }
        if let Some((tmp, path)) = self.dest.take() {
            std::fs::rename(&tmp, &path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::Write { path, reason: e.to_string() }
            })?;
        }
        Ok(())
    }

    fn summary(&self, findings: &[Finding], rules: &RuleSet, unreadable: usize) -> String {
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
        // Not finished (the run stopped): leave no partial page behind.
        if let Some((tmp, _)) = self.dest.take() {
            self.out.take();
            let _ = std::fs::remove_file(tmp);
        }
    }
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
    fn template_has_every_placeholder_once() {
        for p in ["{{LANG}}", "{{TITLE}}", "{{NOSCRIPT}}", "{{STYLE}}", DOCUMENTS, "{{SCRIPT}}"] {
            assert_eq!(TEMPLATE.matches(p).count(), 1, "{p}");
        }
        // The documents come after the head's placeholders, the script after them.
        let at = |p: &str| TEMPLATE.find(p).unwrap_or(usize::MAX);
        assert!(at("{{STYLE}}") < at(DOCUMENTS) && at(DOCUMENTS) < at("{{SCRIPT}}"));
    }
}
