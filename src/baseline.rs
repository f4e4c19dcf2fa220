//! Baselines: `--write-baseline FILE` records today's findings, `--baseline FILE` hides them.
//! Keys are content fingerprints (rule, file, the figures and what they give), not line
//! numbers, so editing other parts of a report does not bring old findings back.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::checks::Finding;
use crate::error::{Error, Result};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    rule: String,
    fingerprint: String,
    message: String,
}

/// FNV-1a, 64 bits: stable across versions and platforms, unlike std's hasher.
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Fingerprints of one file's findings, in order. The n-th identical finding gets its own key.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    findings
        .iter()
        .map(|f| {
            let message = f.message.split_whitespace().collect::<Vec<_>>().join(" ");
            let related: Vec<&str> = f.related.iter().map(|r| r.message.as_str()).collect();
            let base = fnv(&[&f.code, &f.file, &message, &related.join("\u{1f}")]);
            let count = seen.entry(base.clone()).or_insert(0);
            let n = *count;
            *count += 1;
            if n == 0 {
                base
            } else {
                fnv(&[&base, &n.to_string()])
            }
        })
        .collect()
}

/// Fingerprints of a run's findings (sorted by file), counted per file, in order.
pub fn fingerprints_by_file(findings: &[Finding]) -> Vec<String> {
    let mut out = Vec::with_capacity(findings.len());
    let mut i = 0;
    while i < findings.len() {
        let j = findings[i..].iter().position(|f| f.file != findings[i].file).map(|p| i + p).unwrap_or(findings.len());
        out.extend(fingerprints(&findings[i..j]));
        i = j;
    }
    out
}

#[derive(Debug, Default)]
pub struct Baseline {
    keys: BTreeSet<(String, String)>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        // A regular file (a FIFO would block) of a size a baseline can have.
        let text = crate::settings::read_regular(path, crate::source::MAX_FILE_BYTES).map_err(|r| Error::Baseline { path: path.into(), reason: r.reason })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| Error::Baseline { path: path.into(), reason: e.to_string() })?;
        Ok(Baseline { keys: file.findings.into_iter().map(|e| (e.file, e.fingerprint)).collect() })
    }

    /// Removes the findings the baseline knows.
    pub fn filter(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let prints = fingerprints(&findings);
        findings.into_iter().zip(prints).filter(|(f, p)| !self.keys.contains(&(f.file.clone(), p.clone()))).map(|(f, _)| f).collect()
    }
}

/// The baseline file for a run's findings.
pub fn write(path: &Path, findings: &[Finding]) -> Result<()> {
    let entries: Vec<_> = findings
        .iter()
        .zip(fingerprints_by_file(findings))
        .map(|(f, p)| json!({"file": f.file, "rule": f.code, "fingerprint": p, "message": f.message}))
        .collect();
    let text = serde_json::to_string_pretty(&json!({"version": 1, "findings": entries})).unwrap_or_default() + "\n";
    crate::output::write_bytes(path, text.as_bytes())
}
