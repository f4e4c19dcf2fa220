//! Every rule's documented example is a report on which the rule fires, and its "consistent"
//! text one on which it does not: the documentation (`soi rules`, the README table) cannot
//! drift from what soi does. Series rules (SOI8xx) compare several reports, so their examples
//! are one line per report and are exercised by tests/series.rs on full fixtures.

mod common;
use common::soi;
use soi::rules::RuleSet;

fn codes_on(text: &str, code: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("vi-du.md");
    std::fs::write(&p, format!("{text}\n")).unwrap();
    let run = soi(&["check", "--format", "concise", p.to_str().unwrap()]);
    assert!(run.code == 0 || run.code == 1, "{code}: {}", run.stderr);
    run.stdout.lines().filter_map(|l| l.split('[').nth(1)?.split(']').next().map(str::to_owned)).collect()
}

#[test]
fn each_example_is_reported_and_each_consistent_text_is_not() {
    let rules = RuleSet::default_rules();
    let mut failures = Vec::new();
    for r in rules.rules.iter().filter(|r| !r.kind.as_str().starts_with("series")) {
        let example = r.example.as_deref().unwrap_or_else(|| panic!("{} has no example", r.code));
        let consistent = r.consistent.as_deref().unwrap_or_else(|| panic!("{} has no consistent text", r.code));
        if !codes_on(example, &r.code).contains(&r.code) {
            failures.push(format!("{}: example not reported: {example}", r.code));
        }
        if codes_on(consistent, &r.code).contains(&r.code) {
            failures.push(format!("{}: consistent text reported: {consistent}", r.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
