//! `soi check --timings` (and SOI_TIMINGS=1): a table of the time per stage on stderr, after
//! the run; what the run prints on stdout and its exit code are the same as without it.

mod common;

use std::process::Command;

use common::{fixture, soi};

/// The stage column of the table, its other lines reduced to their label.
fn shape(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .map(|l| match l.split_once(':') {
            Some((label, _)) => format!("{label}:"),
            None => l.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '%' || c == ' ').to_owned(),
        })
        .collect()
}

const VI: [&str; 10] =
    ["giai đoạn        thời gian (s)   tỷ lệ", "đọc tệp", "bố cục", "số liệu", "quan hệ", "kiểm tra", "chuỗi báo cáo", "kết quả", "cộng", "thời gian thực:"];
const EN: [&str; 10] = ["stage                 time (s)   share", "read", "layout", "claims", "relations", "checks", "series", "report", "total", "wall time:"];

#[test]
fn timings_table_in_vietnamese_output_unchanged() {
    let plain = soi(&["check", "--format", "json", &fixture("plan_percent.txt")]);
    let timed = soi(&["check", "--format", "json", "--timings", &fixture("plan_percent.txt")]);
    assert_eq!(plain.code, 1);
    assert_eq!((timed.code, timed.stdout.as_str()), (plain.code, plain.stdout.as_str()));
    assert_eq!(plain.stderr, "");
    assert_eq!(shape(&timed.stderr), VI);
    assert!(timed.stderr.contains(", 1 tệp, "), "{}", timed.stderr);
}

#[test]
fn timings_table_in_english_through_the_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(["check", "--lang", "en", &fixture("plan_percent.txt"), &fixture("ratio.txt")])
        .env("NO_COLOR", "1")
        .env("SOI_TIMINGS", "1")
        .output()
        .unwrap();
    let plain = soi(&["check", "--lang", "en", &fixture("plan_percent.txt"), &fixture("ratio.txt")]);
    assert_eq!((out.status.code(), String::from_utf8_lossy(&out.stdout)), (Some(plain.code), plain.stdout.as_str().into()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(shape(&stderr), EN);
    assert!(stderr.contains(", 2 files, "), "{stderr}");
}

#[test]
fn no_table_when_not_asked_or_turned_off() {
    let out = Command::new(env!("CARGO_BIN_EXE_soi")).args(["check", &fixture("plan_percent.txt")]).env("SOI_TIMINGS", "0").output().unwrap();
    assert_eq!(out.stderr, b"");
}
