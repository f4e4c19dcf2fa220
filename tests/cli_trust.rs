//! What a new user and a CI must be able to trust: a typo never turns checking off, a run
//! that checked nothing never looks green, messages say what happened (in the user's
//! language, with control characters escaped), and soi never writes over a report it reads.
//! Exact messages and exit codes throughout.

mod common;
use common::{fixture, soi, soi_in};
use std::path::Path;

/// A repository with one report: a ratio error and a doubled word.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("bao-cao")).unwrap();
    std::fs::write(
        dir.path().join("bao-cao/r.txt"),
        "Vốn xã giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt 28% kế hoạch.\nThu ngân sách đạt đạt 12 tỷ đồng.\n",
    )
    .unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const CONFIG_HELP: &str = "help: Các khóa hợp lệ của soi.yaml: select, ignore, levels, per-file-ignores, rules, baseline, exclude, lang, fail-on, series. Xem README, mục `soi.yaml`; `soi rules` liệt kê các mã quy tắc.";

#[test]
fn unknown_codes_on_the_command_line_fail_with_the_closest_ones() {
    let dir = repo();
    let run = soi_in(dir.path(), &["check", "--select", "SOI999", "bao-cao"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert!(run.stderr.contains("× --select: không có quy tắc nào có mã, tiền tố hay tên \"SOI999\"; gần nhất: SOI109 (elapsed-years-mismatch), SOI901 (unused-suppression)\n"), "{}", run.stderr);
    let run = soi_in(dir.path(), &["check", "--ignore", "ratio-mismach", "bao-cao"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("× --ignore: không có quy tắc nào có mã, tiền tố hay tên \"ratio-mismach\"; gần nhất: SOI101 (ratio-mismatch)\n"), "{}", run.stderr);
    // Names, lower case and prefixes are accepted wherever codes are.
    let by_name = soi_in(dir.path(), &["check", "--format", "concise", "--select", "ratio-mismatch", "bao-cao"]);
    assert_eq!((by_name.code, by_name.stdout.as_str()), (1, "bao-cao/r.txt:1:58: error[SOI101] Tỷ lệ 28% không khớp với 9.300 triệu đồng / 31.000 triệu đồng = 30,0%\n"));
    let by_prefix = soi_in(dir.path(), &["check", "--format", "concise", "--select", "soi5", "bao-cao"]);
    assert_eq!((by_prefix.code, by_prefix.stdout.as_str()), (1, "bao-cao/r.txt:2:15: warning[SOI501] Từ \"đạt\" bị lặp\n"));
    // `soi rule` suggests too.
    let rule = soi(&["rule", "SOI1O1"]);
    assert_eq!((rule.code, rule.stderr.as_str()), (2, "soi: không có quy tắc SOI1O1; gần nhất: SOI101 (ratio-mismatch); xem `soi rules`\n"));
}

#[test]
fn unknown_codes_in_soi_yaml_fail_naming_the_file_and_line() {
    let dir = repo();
    for (yaml, line, reason) in [
        ("select: [SOI1]\nignore: [SOI50l]\n", 2, "ignore: không có quy tắc nào có mã, tiền tố hay tên \"SOI50l\"; gần nhất: SOI501 (doubled-word)"),
        ("select: [SOI1, SOI999]\n", 1, "select: không có quy tắc nào có mã, tiền tố hay tên \"SOI999\"; gần nhất: SOI109 (elapsed-years-mismatch), SOI901 (unused-suppression)"),
        // "l" typed for "1": the rule it looks like, not every rule one edit away.
        ("levels: { SOI10l: info }\n", 1, "levels: không có quy tắc nào có mã, tiền tố hay tên \"SOI10l\"; gần nhất: SOI101 (ratio-mismatch)"),
        ("ignore: []\nper-file-ignores:\n  \"cu/**\": [doubled-wrd]\n", 3, "per-file-ignores: không có quy tắc nào có mã, tiền tố hay tên \"doubled-wrd\"; gần nhất: SOI501 (doubled-word)"),
    ] {
        write(dir.path(), "soi.yaml", yaml);
        let run = soi_in(dir.path(), &["check", "bao-cao"]);
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{yaml}");
        let want = format!("× {}: tệp cấu hình soi.yaml không hợp lệ: dòng {line}: {reason}\n", dir.path().join("soi.yaml").display());
        assert!(run.stderr.contains(&want), "{yaml}\nwant {want}\ngot {}", run.stderr);
        assert!(run.stderr.contains(CONFIG_HELP), "{}", run.stderr);
    }
    // Names and prefixes work in the file: levels by name, per-file-ignores by prefix.
    write(dir.path(), "soi.yaml", "levels: { doubled-word: error }\nper-file-ignores: { \"bao-cao/**\": [SOI1] }\n");
    let run = soi_in(dir.path(), &["check", "--format", "concise", "bao-cao"]);
    assert_eq!(run.stdout, "bao-cao/r.txt:2:15: error[SOI501] Từ \"đạt\" bị lặp\n");
}

#[test]
fn a_bad_key_in_soi_yaml_is_a_configuration_error_with_the_valid_keys() {
    let dir = repo();
    write(dir.path(), "soi.yaml", "select: [SOI1]\nfail_on: error\n");
    let run = soi_in(dir.path(), &["check", "bao-cao"]);
    assert_eq!(run.code, 2);
    let head = format!("× {}: tệp cấu hình soi.yaml không hợp lệ: dòng 2: unknown field `fail_on`", dir.path().join("soi.yaml").display());
    assert!(run.stderr.contains(&head), "{}", run.stderr);
    assert!(run.stderr.contains(CONFIG_HELP), "{}", run.stderr);
    assert!(!run.stderr.contains("tệp quy tắc"), "{}", run.stderr);
}

#[test]
fn baseline_key_in_soi_yaml_and_the_flag_wins() {
    let dir = repo();
    std::fs::create_dir(dir.path().join("cfg")).unwrap();
    let w = soi_in(dir.path(), &["check", "--write-baseline", "cfg/base.json", "bao-cao"]);
    assert_eq!((w.code, w.stdout.as_str()), (0, "Đã ghi 2 phát hiện vào cfg/base.json\n"));
    // Relative to soi.yaml, not to where soi runs.
    write(&dir.path().join("cfg"), "soi.yaml", "baseline: base.json\n");
    let quiet = soi_in(dir.path(), &["check", "--config", "cfg/soi.yaml", "--format", "concise", "bao-cao"]);
    assert_eq!((quiet.code, quiet.stdout.as_str()), (0, ""));
    write(dir.path(), "empty.json", "{\"version\": 1, \"findings\": []}");
    let flag = soi_in(dir.path(), &["check", "--config", "cfg/soi.yaml", "--baseline", "empty.json", "--format", "concise", "bao-cao"]);
    assert_eq!((flag.code, flag.stdout.lines().count()), (1, 2));
}

#[test]
fn suppressions_for_rules_that_did_not_run_are_not_unused() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "r.md",
        "<!-- soi-disable-next-line SOI101 -->\nVốn giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt 28% kế hoạch.\n\
         <!-- soi-disable-next-line SOI203 -->\nKhông có số nào ở đây.\n",
    );
    let unused = "r.md:3:1: warning[SOI901] Chỉ thị <!-- soi-disable-next-line SOI203 --> không tắt phát hiện nào\n";
    let all = soi_in(dir.path(), &["check", "--format", "concise", "r.md"]);
    assert_eq!(all.stdout, unused);
    // SOI203 left out: its directive has nothing to be unused against; SOI101's still works.
    for args in [&["--select", "SOI1,SOI9"][..], &["--ignore", "SOI2"]] {
        let mut full = vec!["check", "--format", "concise"];
        full.extend_from_slice(args);
        full.push("r.md");
        let run = soi_in(dir.path(), &full);
        assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{args:?}");
    }
    write(dir.path(), "soi.yaml", "per-file-ignores: { \"*.md\": [SOI2] }\n");
    let run = soi_in(dir.path(), &["check", "--format", "concise", "r.md"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

const NOTHING: &str = "soi: không kiểm tra được báo cáo nào (không có tệp .txt, .md hay .docx đọc được)\n";

#[test]
fn a_run_that_checked_nothing_says_so_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("trong")).unwrap();
    let run = soi_in(dir.path(), &["check", "trong"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (2, "", NOTHING));
    let zero = soi_in(dir.path(), &["check", "--exit-zero", "trong"]);
    assert_eq!(
        (zero.code, zero.stdout.as_str(), zero.stderr.as_str()),
        (0, "", "soi: cảnh báo: không kiểm tra được báo cáo nào (không có tệp .txt, .md hay .docx đọc được); thoát 0 vì --exit-zero\n")
    );
    // A missing file: its error alone (it says why nothing was checked), never the "no
    // findings" tally.
    let missing = soi_in(dir.path(), &["check", "khong-co.txt"]);
    assert_eq!((missing.code, missing.stdout.as_str()), (2, ""));
    assert!(missing.stderr.contains("khong-co.txt: không đọc được tệp") && !missing.stderr.contains("không kiểm tra được"), "{}", missing.stderr);
    // No empty workbook, no empty claims list.
    let audit = soi_in(dir.path(), &["audit", "trong", "-o", "a.xlsx"]);
    assert_eq!((audit.code, audit.stderr.as_str()), (2, NOTHING));
    assert!(!dir.path().join("a.xlsx").exists());
    let claims = soi_in(dir.path(), &["claims", "trong"]);
    assert_eq!((claims.code, claims.stdout.as_str(), claims.stderr.as_str()), (2, "", NOTHING));
}

const PDF_HELP: &str = "help: soi không đọc PDF. Hãy xuất văn bản: trong trình đọc PDF chọn Lưu thành văn bản (“Save as text”), hoặc chuyển bằng `pdftotext -layout bao-cao.pdf bao-cao.txt`, rồi kiểm tra tệp .txt. Nếu có bản Word gốc, kiểm tra thẳng tệp .docx.\n";

#[test]
fn pdf_and_doc_files_get_how_to_export_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pdf")).unwrap();
    write(&dir.path().join("pdf"), "bc.pdf", "%PDF-1.4");
    write(dir.path(), "cu.doc", "x");
    let direct = soi_in(dir.path(), &["check", "pdf/bc.pdf"]);
    assert_eq!(direct.code, 2);
    assert!(direct.stderr.contains("× pdf/bc.pdf: soi không đọc trực tiếp tệp .pdf\n") && direct.stderr.contains(PDF_HELP), "{}", direct.stderr);
    // A walked directory with nothing else in it.
    let walked = soi_in(dir.path(), &["check", "pdf"]);
    assert_eq!(walked.code, 2);
    assert!(walked.stderr.contains("× pdf/bc.pdf: soi không đọc trực tiếp tệp .pdf\n") && walked.stderr.contains(PDF_HELP), "{}", walked.stderr);
    let doc = soi_in(dir.path(), &["check", "cu.doc"]);
    assert!(doc.stderr.contains("help: Mở tệp bằng Word hoặc LibreOffice và Lưu thành .docx (File → Save As → Word Document), rồi kiểm tra tệp .docx.\n"), "{}", doc.stderr);
    // Beside a report, a PDF is skipped quietly.
    std::fs::copy(fixture("share.txt"), dir.path().join("pdf/share.txt")).unwrap();
    let mixed = soi_in(dir.path(), &["check", "--format", "concise", "pdf"]);
    assert_eq!((mixed.code, mixed.stderr.as_str()), (1, ""));
}

#[test]
fn audit_confirms_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("ratio.txt"), dir.path().join("ratio.txt")).unwrap();
    let run = soi_in(dir.path(), &["audit", "ratio.txt", "-o", "a.csv"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "Đã ghi 15 số liệu của 1 tệp vào a.csv\n", ""));
    let en = soi_in(dir.path(), &["audit", "--lang", "en", "ratio.txt", "-o", "a.md"]);
    assert_eq!(en.stdout, "Wrote 15 figures of 1 file to a.md\n");
}

#[test]
fn english_counts_rule_texts_and_help() {
    let dir = repo();
    let one = soi_in(dir.path(), &["check", "--lang", "en", "--select", "SOI5", "bao-cao"]);
    assert!(one.stdout.ends_with("\n1 finding in 1 file.\n"), "{}", one.stdout);
    let none = soi_in(dir.path(), &["check", "--lang", "en", "--select", "SOI6", "bao-cao"]);
    assert_eq!(none.stdout, "No findings (1 file).\n");
    let w = soi_in(dir.path(), &["check", "--lang", "en", "--write-baseline", "b.json", "bao-cao"]);
    assert_eq!(w.stdout, "Wrote 2 findings to b.json\n");
    let rule = soi(&["rule", "SOI101", "--lang", "en"]);
    assert!(rule.stdout.contains("\nWhy: The percentage printed next to a/b is what readers trust at a glance;"), "{}", rule.stdout);
    // Every rule has an English "why".
    let list: serde_json::Value = serde_json::from_str(&soi(&["rules", "--format", "json"]).stdout).unwrap();
    for r in list.as_array().unwrap() {
        let run = soi(&["rule", r["code"].as_str().unwrap(), "--lang", "en"]);
        let why = run.stdout.lines().find(|l| l.starts_with("Why: ")).unwrap_or_default().to_owned();
        assert!(why.is_ascii() || !why.contains(" là "), "{}: {why}", r["code"]);
    }
    let help = soi(&["check", "--help"]);
    assert!(help.stdout.contains("Tệp .txt, .md, .docx, thư mục, hoặc - để đọc đầu vào chuẩn\n"), "{}", help.stdout);
}

#[test]
fn control_characters_are_escaped_in_human_concise_and_github_output() {
    let dir = tempfile::tempdir().unwrap();
    // An escape sequence in the report text, next to a doubled word; a newline in a file name.
    let name = "bao\ncao\u{1b}[2J.txt";
    write(dir.path(), name, "Tiêu đề \u{1b}[31mđỏ\u{1b}[0m: doanh thu đạt đạt 12 tỷ đồng.\n");
    let concise = soi_in(dir.path(), &["check", "--format", "concise", name]);
    assert_eq!(concise.stdout, "bao\\ncao\\u{1b}[2J.txt:1:32: warning[SOI501] Từ \"đạt\" bị lặp\n");
    let github = soi_in(dir.path(), &["check", "--format", "github", name]);
    assert!(!github.stdout.contains('\u{1b}') && github.stdout.lines().count() == 1, "{:?}", github.stdout);
    let human = soi_in(dir.path(), &["check", "--color", "never", name]);
    assert!(!human.stdout.contains('\u{1b}'), "{:?}", human.stdout);
    assert!(human.stdout.contains("╭─[bao\\ncao\\u{1b}[2J.txt:1:32]\n"), "{}", human.stdout);
    assert!(human.stdout.contains(" 1 │ Tiêu đề \\u{1b}[31mđỏ\\u{1b}[0m: doanh thu đạt đạt 12 tỷ đồng.\n"), "{}", human.stdout);
    // Errors on stderr name the file escaped too.
    let pdf = "a\u{1b}[31mb.pdf";
    write(dir.path(), pdf, "x");
    let err = soi_in(dir.path(), &["check", pdf]);
    assert!(err.stderr.contains("× a\\u{1b}[31mb.pdf: soi không đọc trực tiếp tệp .pdf\n") && !err.stderr.contains('\u{1b}'), "{:?}", err.stderr);
    // The label still points at the doubled word after the escapes widened the line.
    let under = human.stdout.lines().skip_while(|l| !l.starts_with(" 1 │")).nth(1).unwrap().to_owned();
    let line = human.stdout.lines().find(|l| l.starts_with(" 1 │")).unwrap();
    let col = |s: &str, pat: char| s.chars().position(|c| c == pat).unwrap();
    assert_eq!(col(&under, '─'), line.chars().collect::<String>().find("đạt đạt").map(|b| line[..b].chars().count()).unwrap());
}

/// Runs soi and says whether `path` kept its bytes.
fn refused(dir: &Path, args: &[&str], path: &str) {
    let before = std::fs::read(dir.join(path)).unwrap();
    let run = soi_in(dir, args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains("không ghi kết quả vào đây vì trùng với tệp gốc"), "{args:?}: {}", run.stderr);
    assert_eq!(std::fs::read(dir.join(path)).unwrap(), before, "{args:?} changed {path}");
}

#[test]
fn outputs_never_overwrite_an_input() {
    let dir = repo();
    let d = dir.path();
    std::fs::hard_link(d.join("bao-cao/r.txt"), d.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("bao-cao/r.txt"), d.join("soft.txt")).unwrap();
    refused(d, &["check", "bao-cao/r.txt", "--output-file", "bao-cao/r.txt"], "bao-cao/r.txt");
    refused(d, &["check", "bao-cao", "--output-file", "link.txt"], "bao-cao/r.txt");
    refused(d, &["check", "bao-cao/r.txt", "--write-baseline", "soft.txt"], "bao-cao/r.txt");
    std::fs::copy(fixture("share.txt"), d.join("r.md")).unwrap();
    refused(d, &["audit", "r.md", "-o", "r.md"], "r.md");
    // --annotate onto a hard link of the .docx (canonical paths differ, the inode does not).
    std::fs::copy(fixture("docx/bao-cao-mau.docx"), d.join("du-thao.docx")).unwrap();
    std::fs::hard_link(d.join("du-thao.docx"), d.join("ban-sao.docx")).unwrap();
    refused(d, &["check", "du-thao.docx", "--annotate", "ban-sao.docx"], "du-thao.docx");
    // A new file is written whole, and no temporary file is left behind.
    let ok = soi_in(d, &["check", "bao-cao", "--output-file", "out.txt"]);
    assert_eq!(ok.code, 1);
    assert!(std::fs::read_to_string(d.join("out.txt")).unwrap().ends_with("2 phát hiện trong 1 tệp.\n"));
    let names: Vec<String> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn claims_json_is_one_document_for_several_files() {
    let run = soi(&["claims", "--format", "json", &fixture("share.txt"), &fixture("ratio.txt")]);
    assert_eq!(run.code, 0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    // Byte for byte what pretty-printing the whole tree gives.
    assert_eq!(run.stdout, serde_json::to_string_pretty(&v).unwrap() + "\n");
}
