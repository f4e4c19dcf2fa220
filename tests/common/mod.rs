#![allow(dead_code)]
//! Shared helpers: run the real binary, find the corpus (or say it is absent).

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn soi(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_soi")).args(args).env("NO_COLOR", "1").output().expect("soi runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `soi` run from another working directory.
pub fn soi_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_soi")).args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("soi runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

/// Says that a test did not run and why, where the person running the tests sees it: on the
/// real stderr (libtest captures `eprintln!` of passing tests, which hid every skip), and as a
/// marker under target/soi-skips/. With SOI_REQUIRE_SHARED set (`.ci/run` sets it) a skip is
/// a failure instead: CI must run everything.
pub fn skip(why: &str) {
    use std::io::Write;
    if std::env::var_os("SOI_REQUIRE_SHARED").is_some() {
        panic!("SOI_REQUIRE_SHARED is set, but {why}");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/soi-skips");
    if std::fs::create_dir_all(&dir).is_ok() {
        let name: String = why.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).take(80).collect();
        let _ = std::fs::write(dir.join(name), why);
    }
}

/// A corpus report from ../shared/corpus, or None (after `skip`) when it is absent.
pub fn corpus(prefix: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let found = std::fs::read_dir(&dir)
        .ok()
        .and_then(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix))));
    if found.is_none() {
        skip(&format!("../shared/corpus/{prefix}* not found; corpus tests did not run"));
    }
    found
}

/// `soffice` (LibreOffice) for the .docx conversion tests, or None (after `skip`).
pub fn soffice() -> Option<PathBuf> {
    let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if found {
        return Some(PathBuf::from("soffice"));
    }
    skip("soffice (LibreOffice) not installed; .docx conversion tests did not run");
    None
}

/// Findings of `soi check --format json` as "line:column severity CODE".
pub fn findings(args: &[&str]) -> (i32, Vec<String>) {
    let mut full = vec!["check", "--format", "json"];
    full.extend_from_slice(args);
    let run = soi(&full);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("json: {e}\n{}", run.stdout));
    let list = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| format!("{}:{} {} {}", f["line"], f["column"], f["severity"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    (run.code, list)
}

/// Every figure of `soi claims --format json` as "indicator | line:col role value unit".
pub fn figures(path: &str) -> Vec<String> {
    let run = soi(&["claims", "--format", "json", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mut out = Vec::new();
    for c in v["files"][0]["claims"].as_array().expect("claims") {
        for f in c["figures"].as_array().expect("figures") {
            let row = format!(
                "{} | {}:{} {} {} {}",
                c["indicator"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["role"].as_str().unwrap(),
                f["value"].as_str().unwrap(),
                f["unit"].as_str().unwrap_or("")
            );
            out.push(row.trim_end().to_owned());
        }
    }
    out
}

pub fn assert_pinned(all: &[String], pinned: &[&str]) {
    let missing: Vec<&&str> = pinned.iter().filter(|p| !all.iter().any(|a| a == **p)).collect();
    assert!(missing.is_empty(), "claims not read as pinned:\n{missing:#?}");
}

/// Every relation of `soi claims --relations --format json` as
/// "kind result-line:col ⟵ operand-line:col,… status".
pub fn relations(path: &str) -> Vec<String> {
    let run = soi(&["claims", "--relations", "--format", "json", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let at = |x: &serde_json::Value| format!("{}:{}", x["line"], x["column"]);
    v["files"][0]["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            let list = |set: &serde_json::Value| set.as_array().expect("operands").iter().map(at).collect::<Vec<String>>().join(",");
            // Other operand lists that may be meant, each after " | ".
            let alts: String = r["alternatives"].as_array().map(|sets| sets.iter().map(|s| format!(" | {}", list(s))).collect()).unwrap_or_default();
            format!("{} {} ⟵ {}{alts} {}", r["kind"].as_str().unwrap(), at(&r["result"]), list(&r["operands"]), r["status"].as_str().unwrap())
        })
        .collect()
}

/// The relations of a file as `soi claims --relations` shows them to people, one line each.
pub fn relations_human(path: &str) -> Vec<String> {
    let run = soi(&["claims", "--relations", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.stdout.lines().skip_while(|l| l.trim() != "quan hệ:").skip(1);
    lines.map(|l| l.trim().to_owned()).collect()
}
