//! Checking a report against the other reports of its series (SOI801–807): the self-written
//! series of an invented district under tests/fixtures/series/ (four month reports and the
//! annual report of 2024, the annual report of 2023), consistent in `ok/` and with one error of
//! each kind in `errors/`; and the corpus reports of one city, checked together.

mod common;

use std::path::{Path, PathBuf};

use common::{skip, soi_in, Run};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `soi ARGS` run from the repository, so file names are relative.
fn soi(args: &[&str]) -> Run {
    soi_in(root(), args)
}

/// `soi ARGS` run from `dir`.
fn soi_at(dir: &Path, args: &[&str]) -> Run {
    soi_in(dir, args)
}

/// The findings of `soi check --format json` as "file:line:column RULE".
fn findings_of(run: &Run) -> Vec<String> {
    let v: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("json: {e}\n{}\n{}", run.stdout, run.stderr));
    v["findings"].as_array().unwrap().iter().map(|f| format!("{}:{}:{} {}", f["file"].as_str().unwrap(), f["line"], f["column"], f["rule"].as_str().unwrap())).collect()
}

const ERRORS: [&str; 7] = [
    "tests/fixtures/series/errors/bc-2024-nam.md:11:118 SOI806",
    "tests/fixtures/series/errors/bc-2024-thang-03.md:15:106 SOI803",
    "tests/fixtures/series/errors/bc-2024-thang-04.md:15:54 SOI801",
    "tests/fixtures/series/errors/bc-2024-thang-04.md:19:50 SOI802",
    "tests/fixtures/series/errors/bc-2024-thang-05.md:11:81 SOI805",
    "tests/fixtures/series/errors/bc-2024-thang-05.md:15:116 SOI804",
    "tests/fixtures/series/errors/ghi-chu.md:1:1 SOI807",
];

#[test]
fn a_consistent_series_has_no_finding() {
    let run = soi(&["check", "--format", "json", "tests/fixtures/series/ok"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(findings_of(&run), Vec::<String>::new());
}

#[test]
fn each_error_of_a_series_is_found_in_the_later_report() {
    let run = soi(&["check", "--format", "json", "tests/fixtures/series/errors"]);
    assert_eq!(run.code, 1);
    assert_eq!(findings_of(&run), ERRORS);
}

#[test]
fn no_series_removes_them_and_so_does_soi_yaml() {
    let run = soi(&["check", "--format", "json", "--no-series", "tests/fixtures/series/errors"]);
    assert_eq!((run.code, findings_of(&run)), (0, Vec::new()));
    let dir = copy_of("errors");
    std::fs::write(dir.path().join("soi.yaml"), "series: false\n").unwrap();
    let run = soi_at(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!((run.code, findings_of(&run)), (0, Vec::new()));
    let shown = soi_at(dir.path(), &["config"]);
    assert!(shown.stdout.contains("series: false"), "{}", shown.stdout);
}

#[test]
fn one_report_alone_is_checked_as_before() {
    let file = "tests/fixtures/series/errors/bc-2024-thang-04.md";
    let alone = soi(&["check", "--format", "json", file]);
    let without = soi(&["check", "--format", "json", "--no-series", file]);
    assert_eq!(alone.stdout, without.stdout);
    assert_eq!(findings_of(&alone), Vec::<String>::new());
}

#[test]
fn json_and_sarif_name_the_earlier_report_of_a_related_location() {
    let run = soi(&["check", "--format", "json", "tests/fixtures/series/errors"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let plan = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "SOI801").unwrap();
    assert_eq!(plan["file"], "tests/fixtures/series/errors/bc-2024-thang-04.md");
    assert_eq!(plan["stated"], "205 tỷ đồng");
    assert_eq!(plan["computed"], "250 tỷ đồng");
    assert_eq!(plan["message"], "Dự toán thu ngân sách nhà nước năm 2024 được giao: ghi 205 tỷ đồng nhưng bc-2024-thang-03.md (tháng 3/2024) ghi 250 tỷ đồng");
    let related = &plan["related"][0];
    assert_eq!((related["file"].as_str(), &related["line"], &related["column"]), (Some("tests/fixtures/series/errors/bc-2024-thang-03.md"), &Value::from(15), &Value::from(54)));
    // An operand in the same report carries no file.
    let month = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "SOI803").unwrap();
    let files: Vec<&str> = month["related"].as_array().unwrap().iter().map(|r| r["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["tests/fixtures/series/errors/bc-2024-thang-03.md", "tests/fixtures/series/errors/bc-2024-thang-02.md"]);

    let run = soi(&["check", "--format", "sarif", "tests/fixtures/series/errors"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let result = v["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "SOI801").unwrap();
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "tests/fixtures/series/errors/bc-2024-thang-04.md");
    let other = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(other["artifactLocation"]["uri"], "tests/fixtures/series/errors/bc-2024-thang-03.md");
    assert_eq!((&other["region"]["startLine"], &other["region"]["startColumn"]), (&Value::from(15), &Value::from(54)));
}

#[test]
fn one_line_formats_and_human_output_give_the_other_file_line_and_column() {
    let concise = soi(&["check", "--format", "concise", "tests/fixtures/series/errors"]).stdout;
    let line = concise.lines().find(|l| l.contains("SOI802")).unwrap();
    assert_eq!(
        line,
        "tests/fixtures/series/errors/bc-2024-thang-04.md:19:50: error[SOI802] giải ngân vốn đầu tư công (4 tháng đầu năm 2024): ghi 17 tỷ đồng, nhỏ hơn 20 tỷ đồng mà bc-2024-thang-03.md ghi cho kỳ trước [tests/fixtures/series/errors/bc-2024-thang-03.md:19:50]"
    );
    let github = soi(&["check", "--format", "github", "tests/fixtures/series/errors"]).stdout;
    let line = github.lines().find(|l| l.contains("SOI806")).unwrap();
    assert!(line.starts_with("::error file=tests/fixtures/series/errors/bc-2024-nam.md,line=11,col=118,"), "{line}");
    assert!(line.ends_with("[tests/fixtures/series/errors/bc-2024-thang-05.md:15:98]"), "{line}");

    let human = soi(&["check", "tests/fixtures/series/errors"]);
    let text = &human.stdout;
    // The primary is drawn in the later report; the earlier report's figure is a note.
    let at = text.find("SOI806(series-restated-differently)").unwrap();
    let block = &text[at..at + text[at..].find("\n\nSOI803").unwrap()];
    assert!(block.contains("╭─[tests/fixtures/series/errors/bc-2024-nam.md:11:118]"), "{block}");
    assert!(block.contains("ghi chú: 104 tỷ đồng (tests/fixtures/series/errors/bc-2024-thang-05.md:15:98)"), "{block}");
    assert!(text.ends_with("7 phát hiện trong 7 tệp.\n"), "{text}");
    // Findings of a file stay together, in position order.
    let order: Vec<usize> = ["bc-2024-thang-04.md:15:54", "bc-2024-thang-04.md:19:50"].iter().map(|p| text.find(p).unwrap()).collect();
    assert!(order[0] < order[1]);
}

#[test]
fn english_messages_with_lang_en() {
    let run = soi(&["check", "--format", "concise", "--lang", "en", "tests/fixtures/series/errors"]);
    let line = run.stdout.lines().find(|l| l.contains("SOI805")).unwrap();
    assert_eq!(
        line,
        "tests/fixtures/series/errors/bc-2024-thang-05.md:11:81: warning[SOI805] Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ trong tháng: up 15% written, but 187 tỷ đồng / 170 tỷ đồng (the figure of bc-2024-thang-04.md) gives up 10,0% [tests/fixtures/series/errors/bc-2024-thang-04.md:11:63]"
    );
}

#[test]
fn claims_say_which_series_a_report_belongs_to() {
    let run = soi(&["claims", "--format", "json", "tests/fixtures/series/ok"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let series: Vec<(String, Value)> = v["files"].as_array().unwrap().iter().map(|f| (f["file"].as_str().unwrap().rsplit('/').next().unwrap().to_owned(), f["series"].clone())).collect();
    let of = |name: &str| series.iter().find(|(n, _)| n == name).map(|(_, s)| s.clone()).unwrap();
    assert_eq!(of("bc-2024-thang-03.md"), serde_json::json!({"unit": "huyện tân phong", "year": 2024, "position": 2, "of": 5, "period": "tháng 3/2024"}));
    assert_eq!(of("bc-2024-nam.md")["position"], 5);
    assert_eq!(of("bc-2023-nam.md"), serde_json::json!({"unit": "huyện tân phong", "year": 2023, "position": 1, "of": 1, "period": "năm 2023"}));
    let human = soi(&["claims", "tests/fixtures/series/ok/bc-2024-thang-02.md", "tests/fixtures/series/ok/bc-2024-thang-05.md"]).stdout;
    assert!(human.contains("  kỳ báo cáo: tháng 5/2024\n  chuỗi báo cáo: huyện tân phong năm 2024, báo cáo 2/2 (tháng 5/2024)\n"), "{human}");
    // A report that cannot be placed has no series entry.
    let run = soi(&["claims", "--format", "json", "tests/fixtures/series/errors"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let note = v["files"].as_array().unwrap().iter().find(|f| f["file"].as_str().unwrap().ends_with("ghi-chu.md")).unwrap();
    assert_eq!(note.get("series"), None);
}

#[test]
fn claims_relations_list_the_comparisons_with_other_reports() {
    let run = soi(&["claims", "--relations", "--format", "json", "tests/fixtures/series/ok"]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let may = v["files"].as_array().unwrap().iter().find(|f| f["file"].as_str().unwrap().ends_with("bc-2024-thang-05.md")).unwrap();
    let list: Vec<String> = may["series"]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ops: Vec<String> = r["operands"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| format!("{}{}:{}", o.get("file").and_then(Value::as_str).map(|f| format!("{}:", f.rsplit('/').next().unwrap())).unwrap_or_default(), o["line"], o["column"]))
                .collect();
            format!("{} {}:{} ⟵ {} {} {}", r["kind"].as_str().unwrap(), r["result"]["line"], r["result"]["column"], ops.join(", "), r["status"].as_str().unwrap(), r["rules"][0].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        list,
        [
            "series_growth 11:81 ⟵ 11:63, bc-2024-thang-04.md:11:63 agrees SOI805",
            "series_month 15:40 ⟵ 15:98, bc-2024-thang-04.md:15:164 agrees SOI803",
            "series_cumulative 15:98 ⟵ bc-2024-thang-04.md:15:164 agrees SOI802",
            "series_implied_plan 15:116 ⟵ 15:98, bc-2024-thang-04.md:15:181, bc-2024-thang-04.md:15:164 agrees SOI804",
            "series_cumulative 19:50 ⟵ bc-2024-thang-04.md:19:50 agrees SOI802",
        ]
    );
}

/// A copy of one of the fixture series in a temporary directory.
fn copy_of(which: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = root().join("tests/fixtures/series").join(which);
    for e in std::fs::read_dir(&from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_suppression_comment_in_the_later_report_silences_a_series_finding() {
    let dir = copy_of("errors");
    let april = dir.path().join("bc-2024-thang-04.md");
    edit(&april, "Dự toán thu ngân sách nhà nước năm 2024 được giao là 205", "<!-- soi-disable-next-line SOI801 -->\nDự toán thu ngân sách nhà nước năm 2024 được giao là 205");
    let run = soi_at(dir.path(), &["check", "--format", "concise", "."]);
    assert!(!run.stdout.contains("SOI801"), "{}", run.stdout);
    assert!(!run.stdout.contains("SOI901"), "{}", run.stdout);
    // A directive for a series rule that silences nothing is reported, as any other.
    let may = dir.path().join("bc-2024-thang-05.md");
    edit(&may, "3. Đầu tư công", "3. Đầu tư công\n\n<!-- soi-disable-next-line SOI802 -->");
    let run = soi_at(dir.path(), &["check", "--format", "concise", "."]);
    let unused: Vec<&str> = run.stdout.lines().filter(|l| l.contains("SOI901")).collect();
    assert_eq!(unused, ["./bc-2024-thang-05.md:19:1: warning[SOI901] Chỉ thị <!-- soi-disable-next-line SOI802 --> không tắt phát hiện nào"]);
    // Alone, the April report runs no series rule, so its SOI801 directive is not "unused".
    let run = soi_at(dir.path(), &["check", "--format", "concise", "bc-2024-thang-04.md"]);
    assert!(!run.stdout.contains("SOI901"), "{}", run.stdout);
}

#[test]
fn a_baseline_hides_series_findings_and_per_file_ignores_apply() {
    let dir = copy_of("errors");
    let run = soi_at(dir.path(), &["check", ".", "--write-baseline", "base.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Đã ghi 7 phát hiện vào base.json\n");
    let run = soi_at(dir.path(), &["check", "--format", "json", ".", "--baseline", "base.json"]);
    assert_eq!((run.code, findings_of(&run)), (0, Vec::new()));
    std::fs::write(dir.path().join("soi.yaml"), "per-file-ignores:\n  \"bc-2024-thang-05.md\": [SOI804]\nlevels: { SOI806: warning }\n").unwrap();
    let run = soi_at(dir.path(), &["check", "--format", "concise", "."]);
    assert!(!run.stdout.contains("SOI804"), "{}", run.stdout);
    assert!(run.stdout.contains("warning[SOI806]"), "{}", run.stdout);
}

#[test]
fn the_audit_list_gives_series_findings_and_comparisons_their_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("audit.csv");
    let run = soi(&["audit", "tests/fixtures/series/errors", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = std::fs::read_to_string(&out).unwrap();
    let row = |file: &str, at: &str| csv.lines().find(|l| l.starts_with(&format!("tests/fixtures/series/errors/{file},{at},"))).unwrap_or_else(|| panic!("{file} {at}\n{csv}")).to_owned();
    assert!(row("bc-2024-thang-04.md", "15,54").ends_with(",lệch,SOI801,250 tỷ đồng"), "{}", row("bc-2024-thang-04.md", "15,54"));
    // The earlier report's figure is an operand of the finding.
    assert!(row("bc-2024-thang-03.md", "15,54").ends_with(",lệch,SOI801,"), "{}", row("bc-2024-thang-03.md", "15,54"));
    // A figure only a series check covered, and it agreed.
    assert!(row("bc-2024-thang-02.md", "11,63").ends_with(",SOI805,khớp,,"), "{}", row("bc-2024-thang-02.md", "11,63"));
    let run = soi(&["audit", "--no-series", "tests/fixtures/series/errors", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(!csv.contains("SOI8"), "{csv}");
}

/// One plan figure, one cumulative figure and one restated figure changed in copies of the
/// consistent series: each is caught, at the figure changed.
#[test]
fn a_changed_plan_cumulative_or_restated_figure_is_caught() {
    let cases = [
        ("bc-2024-thang-03.md", "được giao là 250 tỷ đồng", "được giao là 260 tỷ đồng", "./bc-2024-thang-03.md:15:54 SOI801"),
        ("bc-2024-thang-04.md", "giải ngân vốn đầu tư công đạt 27 tỷ đồng", "giải ngân vốn đầu tư công đạt 18 tỷ đồng", "./bc-2024-thang-04.md:19:50 SOI802"),
        ("bc-2024-nam.md", "thu ngân sách nhà nước đạt 104 tỷ đồng", "thu ngân sách nhà nước đạt 114 tỷ đồng", "./bc-2024-nam.md:11:118 SOI806"),
    ];
    for (file, from, to, expected) in cases {
        let dir = copy_of("ok");
        edit(&dir.path().join(file), from, to);
        let run = soi_at(dir.path(), &["check", "--format", "json", "--select", "SOI8", "."]);
        assert_eq!(findings_of(&run), [expected], "{file}: {from} → {to}");
    }
}

#[test]
fn the_page_lists_series_findings_with_the_other_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.html");
    let run = soi(&["check", "tests/fixtures/series/errors", "--format", "html", "--output-file", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    let start = html.find("id=\"soi-summary\">").unwrap() + "id=\"soi-summary\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let summary: Value = serde_json::from_str(&html[start..end]).unwrap();
    let files: Vec<&str> = summary["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    let list = summary["findings"].as_array().unwrap();
    assert_eq!(list.len(), 7);
    let plan = list.iter().find(|f| f["rule"] == "SOI801").unwrap();
    assert_eq!(plan["series"], true);
    assert_eq!(files[plan["doc"].as_u64().unwrap() as usize], "tests/fixtures/series/errors/bc-2024-thang-04.md");
    // The related figure links to the earlier report's document in the page.
    assert_eq!(files[plan["related"][0]["doc"].as_u64().unwrap() as usize], "tests/fixtures/series/errors/bc-2024-thang-03.md");
    assert_eq!((&plan["related"][0]["line"], &plan["related"][0]["column"]), (&Value::from(15), &Value::from(54)));
}

/// The corpus reports of one unit (Lai Châu city: 2022, 2023 and two of 2024), or None after a
/// visible SKIPPED line.
fn city_reports() -> Option<Vec<PathBuf>> {
    let found: Vec<PathBuf> = ["000", "001", "002", "004"].iter().filter_map(|p| common::corpus(p)).collect();
    (found.len() == 4).then_some(found)
}

#[test]
fn corpus_reports_of_one_city_are_checked_together_without_false_alarms() {
    let Some(files) = city_reports() else { return };
    let names: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["check", "--format", "json", "--select", "SOI8"];
    args.extend(&names);
    let run = soi(&args);
    assert_eq!(findings_of(&run), Vec::<String>::new(), "{}", run.stderr);
    // The two reports of 2024 form one series, and figures were compared across them.
    let mut args = vec!["claims", "--relations", "--format", "json"];
    args.extend(&names);
    let run = soi(&args);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    let members: Vec<String> = files.iter().filter_map(|f| f.get("series")).map(|s| format!("{} {} {}/{}", s["unit"].as_str().unwrap(), s["year"], s["position"], s["of"])).collect();
    assert_eq!(members, ["thành phố lai châu 2023 1/1", "thành phố lai châu 2024 2/2", "thành phố lai châu 2024 1/2", "thành phố lai châu 2022 1/1"]);
    let compared: Vec<&Value> = files
        .iter()
        .filter_map(|f| f.get("series"))
        .flat_map(|s| s["relations"].as_array().unwrap().iter())
        .filter(|r| r["status"] == "agrees" && r["operands"].as_array().unwrap().iter().any(|o| o.get("file").is_some()))
        .collect();
    assert!(!compared.is_empty(), "no figure compared across the reports of 2024");
}

#[test]
fn the_province_is_not_the_city_of_the_same_name() {
    let (Some(city), Some(province)) = (common::corpus("001"), common::corpus("003")) else {
        skip("../shared/corpus/001, 003 not found; the unit test on the corpus did not run");
        return;
    };
    let run = soi(&["claims", "--format", "json", city.to_str().unwrap(), province.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let units: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["series"]["unit"].as_str().unwrap()).collect();
    assert_eq!(units, ["thành phố lai châu", "tỉnh lai châu"]);
}
