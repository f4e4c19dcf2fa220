//! The command line for reviewers, repositories and auditors: configuration, suppression,
//! baselines, output formats, exit codes, stdin, the audit list and the rule documentation.
//! Each test works in a temporary directory and asserts exact output and exit codes.

mod common;
use common::{fixture, soi, soi_in};
use std::path::Path;

/// A small repository of reports: one with a ratio error and a doubled word, one clean.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("bao-cao/cu")).unwrap();
    std::fs::write(
        dir.path().join("bao-cao/thang-5.txt"),
        "Vốn huyện giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt 28% kế hoạch.\nDoanh thu đạt đạt 120 tỷ đồng.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bao-cao/cu/thang-4.md"), "Tổng thu là 90 tỷ đồng (gồm: thu thuế 60 tỷ đồng; thu phí 20 tỷ đồng).\n").unwrap();
    dir
}

#[test]
fn exit_codes() {
    let dir = repo();
    assert_eq!(soi_in(dir.path(), &["check", "bao-cao"]).code, 1);
    assert_eq!(soi_in(dir.path(), &["check", "--exit-zero", "bao-cao"]).code, 0);
    assert_eq!(soi_in(dir.path(), &["check", "--select", "SOI5", "--fail-on", "error", "bao-cao"]).code, 0);
    assert_eq!(soi_in(dir.path(), &["check", "--select", "SOI5", "--fail-on", "warning", "bao-cao"]).code, 1);
    assert_eq!(soi_in(dir.path(), &["check", "khong-co.txt"]).code, 2);
    assert_eq!(soi_in(dir.path(), &["check", "--nope"]).code, 2);
}

#[test]
fn directory_walk_concise_statistics_quiet() {
    let dir = repo();
    let run = soi_in(dir.path(), &["check", "--format", "concise", "--statistics", "bao-cao"]);
    assert_eq!(
        run.stdout,
        "bao-cao/cu/thang-4.md:1:13: error[SOI202] Các thành phần cộng lại 80 tỷ đồng, thiếu so với tổng 90 tỷ đồng (danh sách mở đầu bằng \"gồm\" là danh sách đầy đủ)\n\
         bao-cao/thang-5.txt:1:61: error[SOI101] Tỷ lệ 28% không khớp với 9.300 triệu đồng / 31.000 triệu đồng = 30,0%\n\
         bao-cao/thang-5.txt:2:11: warning[SOI501] Từ \"đạt\" bị lặp\n\
         \x20   1  SOI101  ratio-mismatch\n\
         \x20   1  SOI202  parts-fall-short\n\
         \x20   1  SOI501  doubled-word\n"
    );
    let quiet = soi_in(dir.path(), &["check", "--quiet", "--select", "SOI999", "bao-cao"]);
    assert_eq!((quiet.code, quiet.stdout.as_str()), (0, ""));
    let loud = soi_in(dir.path(), &["check", "--select", "SOI999", "bao-cao"]);
    assert_eq!(loud.stdout, "Không có phát hiện nào (2 tệp).\n");
}

#[test]
fn exclude_globs() {
    let dir = repo();
    let run = soi_in(dir.path(), &["check", "--format", "concise", "--exclude", "**/cu", "bao-cao"]);
    assert!(!run.stdout.contains("thang-4"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 2);
}

#[test]
fn configuration_file_is_discovered_and_flags_win() {
    let dir = repo();
    std::fs::write(
        dir.path().join("soi.yaml"),
        "ignore: [SOI5]\nlevels: { SOI101: warning }\nper-file-ignores: { \"bao-cao/cu/**\": [SOI2] }\nfail-on: error\nlang: en\n",
    )
    .unwrap();
    // Discovered from the checked path upward, from a subdirectory too.
    let run = soi_in(&dir.path().join("bao-cao"), &["check", "--format", "concise", "."]);
    assert_eq!(run.stdout, "./thang-5.txt:1:61: warning[SOI101] 28% does not match 9.300 triệu đồng / 31.000 triệu đồng = 30,0%\n");
    // fail-on: error, and the only finding is now a warning.
    assert_eq!(run.code, 0);
    // Flags beat the file.
    let run = soi_in(dir.path(), &["check", "--format", "concise", "--lang", "vi", "--select", "SOI5", "bao-cao"]);
    assert_eq!(run.stdout, "bao-cao/thang-5.txt:2:11: warning[SOI501] Từ \"đạt\" bị lặp\n");
    let shown = soi_in(dir.path(), &["config", "bao-cao"]);
    assert_eq!(shown.code, 0);
    assert!(shown.stdout.contains("fail-on: error\n") && shown.stdout.contains("lang: en\n") && shown.stdout.contains("- SOI5\n"), "{}", shown.stdout);
    // A broken configuration names the file and the line.
    std::fs::write(dir.path().join("soi.yaml"), "select: [SOI1]\nfail_on: error\n").unwrap();
    let bad = soi_in(dir.path(), &["check", "bao-cao"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("soi.yaml") && bad.stderr.contains("dòng 2"), "{}", bad.stderr);
}

#[test]
fn configuration_adds_rule_directories() {
    let dir = repo();
    std::fs::create_dir(dir.path().join("quy-tac")).unwrap();
    std::fs::write(
        dir.path().join("quy-tac/lap.yaml"),
        "- code: SOI501\n  name: doubled-word\n  kind: doubled_word\n  level: error\n  message: { vi: \"lặp: {word}\" }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("soi.yaml"), "rules: [quy-tac]\nselect: [SOI501]\n").unwrap();
    let run = soi_in(dir.path(), &["check", "--format", "concise", "bao-cao"]);
    assert_eq!(run.stdout, "bao-cao/thang-5.txt:2:11: error[SOI501] lặp: đạt\n");
}

#[test]
fn suppression_comments_and_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.md"),
        "<!-- soi-disable-next-line SOI501 -->\nDoanh thu đạt đạt 120 tỷ đồng.\n\
         <!-- soi-disable SOI101 -->\nVốn giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt 28% kế hoạch.\n<!-- soi-enable -->\n\
         Chi phí là là 5 tỷ đồng.\n<!-- soi-disable-next-line SOI203 -->\nKhông có số nào sai ở đây.\n",
    )
    .unwrap();
    let run = soi_in(dir.path(), &["check", "--format", "concise", "r.md"]);
    assert_eq!(
        run.stdout,
        "r.md:6:9: warning[SOI501] Từ \"là\" bị lặp\nr.md:7:1: warning[SOI901] Chỉ thị <!-- soi-disable-next-line SOI203 --> không tắt phát hiện nào\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn baseline_round_trip() {
    let dir = repo();
    let w = soi_in(dir.path(), &["check", "--format", "concise", "--write-baseline", "baseline.json", "bao-cao"]);
    assert_eq!(w.code, 1);
    let again = soi_in(dir.path(), &["check", "--format", "concise", "--baseline", "baseline.json", "bao-cao"]);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""));
    // Editing other parts (lines above) does not bring old findings back; a new one fails.
    let p = dir.path().join("bao-cao/thang-5.txt");
    let old = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("I. KẾT QUẢ\nMở đầu mới.\n\n{old}Chi phí là là 5 tỷ đồng.\n")).unwrap();
    let after = soi_in(dir.path(), &["check", "--format", "concise", "--baseline", "baseline.json", "bao-cao"]);
    assert_eq!(after.stdout, "bao-cao/thang-5.txt:6:9: warning[SOI501] Từ \"là\" bị lặp\n");
    assert_eq!(after.code, 1);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{").unwrap();
    assert_eq!(soi_in(dir.path(), &["check", "--baseline", "broken.json", "bao-cao"]).code, 2);
}

#[test]
fn sarif_structure() {
    let run = soi(&["check", "--format", "sarif", &fixture("ratio.txt")]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "soi");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 21);
    assert_eq!(rules[0]["id"], "SOI101");
    assert_eq!(rules[0]["name"], "ratio-mismatch");
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
    assert!(rules[0]["shortDescription"]["text"].as_str().unwrap().contains("a/b"));
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let r = &results[0];
    assert_eq!(r["ruleId"], "SOI101");
    assert_eq!(r["ruleIndex"], 0);
    assert_eq!(r["level"], "error");
    assert_eq!(r["message"]["text"], "Tỷ lệ 28% không khớp với 9.300 triệu đồng / 31.000 triệu đồng = 30,0%");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], fixture("ratio.txt"));
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 153);
    assert_eq!(loc["region"]["endLine"], 1);
    assert_eq!(loc["region"]["endColumn"], 156);
    assert_eq!(r["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"], 113);
    assert_eq!(r["partialFingerprints"]["soiFingerprint/v1"].as_str().unwrap().len(), 16);
    assert_eq!(results[1]["level"], "note");
}

#[test]
fn github_annotations_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let run = soi(&["check", "--format", "github", "--output-file", out.to_str().unwrap(), &fixture("plan_percent.txt")]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!(
            "::error file={},line=2,col=109,endLine=2,endColumn=112,title=SOI102 plan-percent-mismatch::45%25 kế hoạch không khớp: 20.000 triệu đồng / 50.000 triệu đồng = 40,0%25\n",
            fixture("plan_percent.txt")
        )
    );
}

#[test]
fn stdin_with_a_filename() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(["check", "--format", "concise", "--stdin-filename", "du-thao.txt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("Doanh thu đạt đạt 5 tỷ đồng.\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "du-thao.txt:1:11: warning[SOI501] Từ \"đạt\" bị lặp\n");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn human_output_has_no_colour_off_a_terminal() {
    let run = soi(&["check", &fixture("plan_percent.txt")]);
    assert!(!run.stdout.contains('\u{1b}'));
    let forced = soi(&["check", "--color", "always", &fixture("plan_percent.txt")]);
    assert!(forced.stdout.contains('\u{1b}'));
}

const AUDIT_ROWS: [[&str; 14]; 3] = [
    ["ratio.txt", "1", "113", "", "body", "vốn huyện giải ngân", "9.300 triệu đồng", "9300", "triệu đồng", "ratio_numerator", "SOI101", "lệch", "SOI101", ""],
    ["ratio.txt", "1", "153", "", "body", "vốn huyện giải ngân", "28%", "28", "%", "plan_percent", "SOI101", "lệch", "SOI101", "30,0%"],
    ["ratio.txt", "2", "44", "", "body", "Số cơ sở đạt chuẩn", "96,7%", "96.7", "%", "share_percent", "SOI101", "khớp", "", ""],
];

fn audit_in(dir: &Path, out: &str) -> common::Run {
    std::fs::copy(fixture("ratio.txt"), dir.join("ratio.txt")).unwrap();
    soi_in(dir, &["audit", "ratio.txt", "--output", out])
}

#[test]
fn audit_csv() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(audit_in(dir.path(), "a.csv").code, 0);
    let text = std::fs::read_to_string(dir.path().join("a.csv")).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Tệp,Dòng,Cột,Mục,Phần,Chỉ tiêu,Số liệu,Giá trị,Đơn vị,Vai trò,Kiểm tra,Trạng thái,Mã,Tính được");
    assert_eq!(lines.len(), 16);
    assert_eq!(lines[4], "ratio.txt,1,113,,body,vốn huyện giải ngân,9.300 triệu đồng,9300,triệu đồng,ratio_numerator,SOI101,lệch,SOI101,");
    assert_eq!(lines[6], "ratio.txt,1,153,,body,vốn huyện giải ngân,28%,28,%,plan_percent,SOI101,lệch,SOI101,\"30,0%\"");
    assert_eq!(lines[9], "ratio.txt,2,44,,body,Số cơ sở đạt chuẩn,\"96,7%\",96.7,%,share_percent,SOI101,khớp,,");
}

#[test]
fn audit_markdown() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(audit_in(dir.path(), "a.md").code, 0);
    let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (row, line) in AUDIT_ROWS.iter().zip([lines[5], lines[7], lines[10]]) {
        assert_eq!(line, format!("| {} |", row.join(" | ")));
    }
}

#[test]
fn audit_xlsx() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(audit_in(dir.path(), "a.xlsx").code, 0);
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("a.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Số liệu".to_owned()]);
    let range = wb.worksheet_range("Số liệu").unwrap();
    assert_eq!(range.get_size(), (16, 14));
    let cell = |r: usize, c: usize| match range.get((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    };
    assert_eq!(cell(0, 0), "Tệp");
    assert_eq!(cell(0, 13), "Tính được");
    for (row, r) in AUDIT_ROWS.iter().zip([4usize, 6, 9]) {
        let got: Vec<String> = (0..14).map(|c| cell(r, c)).collect();
        assert_eq!(got, row.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    }
    // Frozen header and autofilter, as written in the sheet's XML.
    let file = std::fs::File::open(dir.path().join("a.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"), "{xml}");
    assert!(xml.contains("<autoFilter ref=\"A1:N16\"/>"));
    assert!(xml.contains("<col min=\"6\" max=\"6\" width=\"48.7109375\""));
}

#[test]
fn audit_refuses_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    let run = audit_in(dir.path(), "a.pdf");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(".xlsx, .csv hoặc .md"));
}

#[test]
fn every_rule_is_explained() {
    let list = soi(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    for r in v.as_array().unwrap() {
        let code = r["code"].as_str().unwrap();
        let run = soi(&["rule", code]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.starts_with(&format!("{code} ({})", r["name"].as_str().unwrap())));
        for part in ["Vì sao: ", "Bị báo:\n    ", "Không bị báo:\n    ", "Cách sửa: "] {
            assert!(run.stdout.contains(part), "{code} lacks {part:?}:\n{}", run.stdout);
        }
    }
    assert_eq!(soi(&["rule", "SOI000"]).code, 2);
}

#[test]
fn readme_rule_table_is_generated_from_the_rules() {
    let table = soi(&["rules", "--format", "markdown"]).stdout;
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("<!-- rules:begin -->\n").expect("marker") + "<!-- rules:begin -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("marker");
    assert_eq!(&readme[start..end], table, "README's rule table is stale: paste `soi rules --format markdown`");
}

#[test]
fn progress_on_a_terminal_nothing_on_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..25 {
        std::fs::copy(fixture("share.txt"), dir.path().join(format!("f{i:02}.txt"))).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    // On a pipe: findings on stdout, nothing on stderr.
    let piped = soi(&["check", "--format", "concise", d]);
    assert_eq!((piped.code, piped.stderr.as_str()), (1, ""));
    // On a terminal (util-linux `script` gives soi one): a progress line, cleared at the end.
    let cmd = format!("{} check --format concise {d} > /dev/null", env!("CARGO_BIN_EXE_soi"));
    let Ok(tty) = std::process::Command::new("script").args(["-qec", &cmd, "/dev/null"]).output() else {
        assert!(std::env::var_os("CI").is_none(), "script (util-linux) is required in CI");
        eprintln!("SKIPPED: script (util-linux) not available");
        return;
    };
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert_eq!(shown.matches("\r\u{1b}[2K[").count(), 25, "{shown:?}");
    assert!(shown.contains("[25/25] "), "{shown:?}");
    assert!(shown.ends_with("\r\u{1b}[2K"), "{shown:?}");
}
