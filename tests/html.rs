//! `soi check --format html`: the page carries exactly the findings of `--format json`, marks
//! every figure with its status, embeds report text so that it stays text, and works in a real
//! browser: headless Chromium driven by playwright-core (tests/browser/page.cjs) opens it,
//! clicks, filters, navigates with the keyboard and prints.
//!
//! The browser tests need `chromium` (Debian's package), `node`, and playwright-core under
//! target/browser-test (installed there with npm when missing). Without them they print a
//! SKIPPED line, or fail when SOI_REQUIRE_SHARED=1 (as in CI, whose .ci/run installs them).

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{soi, soi_in, Run};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `soi check --format html --output-file DIR/page.html ARGS` from the repository root: the run
/// and the page.
fn page(dir: &Path, args: &[&str]) -> (Run, String) {
    let out = dir.join("page.html");
    let mut full = vec!["check", "--format", "html", "--output-file", out.to_str().unwrap()];
    full.extend_from_slice(args);
    let run = soi_in(root(), &full);
    let html = std::fs::read_to_string(&out).unwrap_or_default();
    (run, html)
}

/// The JSON in `<script type="application/json" id="ID">`.
fn data(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no {id} in the page")) + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn json_findings(args: &[&str]) -> Vec<Value> {
    let mut full = vec!["check", "--format", "json"];
    full.extend_from_slice(args);
    let run = soi_in(root(), &full);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// The page's findings without the two keys it adds (`doc`, `index`).
fn contract(findings: &Value) -> Vec<Value> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut f = f.clone();
            let o = f.as_object_mut().unwrap();
            o.remove("doc");
            o.remove("index");
            f
        })
        .collect()
}

/// A diagnostic as one line: miette's wrapping and margin removed.
fn unwrapped(s: &str) -> String {
    s.split_whitespace().filter(|w| *w != "│").collect::<Vec<_>>().join(" ")
}

/// The mark of a document model at line:column.
fn mark_at(doc: &Value, line: u64, column: u64) -> &Value {
    doc["marks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["line"] == line && m["column"] == column)
        .unwrap_or_else(|| panic!("no mark at {line}:{column}"))
}

/// The document's text, put back together from its parts.
fn text_of(doc: &Value) -> String {
    doc["parts"].as_array().unwrap().iter().map(|p| p.as_str().or(p["t"].as_str()).unwrap()).collect()
}

#[test]
fn page_findings_are_the_json_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (run, html) = page(dir.path(), &["examples/bao-cao-mau.txt"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (1, "", ""));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"), "{}", &html[..80]);
    assert!(html.ends_with("</html>\n"));
    let summary = data(&html, "soi-summary");
    let json = json_findings(&["examples/bao-cao-mau.txt"]);
    assert_eq!(json.len(), 6);
    assert_eq!(contract(&summary["findings"]), json);
    let placed: Vec<(u64, u64)> = summary["findings"].as_array().unwrap().iter().map(|f| (f["doc"].as_u64().unwrap(), f["index"].as_u64().unwrap())).collect();
    assert_eq!(placed, (0..6).map(|k| (0, k)).collect::<Vec<_>>());
    assert_eq!(
        summary["files"],
        {
            // Relations as `soi claims --relations` counts them: the page shows the same data.
            let (relations, checked, agrees) = relation_counts("examples/bao-cao-mau.txt");
            serde_json::json!([{"file": "examples/bao-cao-mau.txt", "figures": 31, "relations": relations, "checked": checked, "agrees": agrees,
                                "findings": 6, "first": 0, "chars": 1694, "lines": 23}])
        }
    );

    // Each finding's place and operands are marks at the finding's own locations.
    let doc = data(&html, "soi-doc-0");
    for (k, f) in json.iter().enumerate() {
        let fm = &doc["findings"][k];
        let m = &doc["marks"][fm["mark"].as_u64().unwrap() as usize];
        assert_eq!((&m["line"], &m["column"]), (&f["line"], &f["column"]), "finding {k}");
        assert!(m["findings"].as_array().unwrap().contains(&Value::from(k)));
        let related: Vec<(&Value, &Value, &Value)> = fm["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let m = &doc["marks"][r.as_u64().unwrap() as usize];
                (&m["line"], &m["column"], &m["text"])
            })
            .collect();
        let expected: Vec<(&Value, &Value, &Value)> = f["related"].as_array().unwrap().iter().map(|r| (&r["line"], &r["column"], &r["message"])).collect();
        assert_eq!(related, expected, "finding {k}");
    }
    // The text is all there, in order.
    assert_eq!(text_of(&doc), std::fs::read_to_string(root().join("examples/bao-cao-mau.txt")).unwrap());
}

#[test]
fn every_figure_is_marked_with_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = page(dir.path(), &["examples/bao-cao-mau.txt"]);
    let doc = data(&html, "soi-doc-0");
    let claims: Value = serde_json::from_str(&soi_in(root(), &["claims", "--format", "json", "examples/bao-cao-mau.txt"]).stdout).unwrap();
    let mut figures = 0;
    for c in claims["files"][0]["claims"].as_array().unwrap() {
        for f in c["figures"].as_array().unwrap() {
            let m = mark_at(&doc, f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
            assert_eq!((&m["text"], &m["figure"]["role"], &m["figure"]["value"]), (&f["text"], &f["role"], &f["value"]));
            figures += 1;
        }
    }
    assert_eq!(figures, 31);
    let status = |line, column| mark_at(&doc, line, column)["status"].as_str().unwrap().to_owned();
    // 36,2% is the ratio that does not match; its operands are part of that finding.
    assert_eq!(status(15, 303), "error");
    assert_eq!(status(15, 262), "related");
    assert_eq!(status(15, 280), "related");
    // 41,3% = 12.400 / 30.000 agrees; so do its operands.
    assert_eq!(status(15, 218), "agrees");
    assert_eq!(status(15, 177), "agrees");
    // No relation binds the visitors' figure.
    assert_eq!(status(9, 189), "unchecked");
    // A doubled word is a finding on text, not on a figure.
    let doubled = mark_at(&doc, 17, 85);
    assert_eq!((doubled["status"].as_str(), doubled["text"].as_str(), doubled.get("figure")), (Some("warning"), Some("cho cho"), None));
    // The relation of 36,2%, as `soi claims --relations` gives it, with its marks.
    let rel = &doc["relations"][mark_at(&doc, 15, 303)["relations"][0].as_u64().unwrap() as usize];
    assert_eq!((&rel["kind"], &rel["status"], &rel["computed"], &rel["rules"]), (&Value::from("ratio"), &Value::from("mismatch"), &Value::from("38,68%"), &serde_json::json!(["SOI101"])));
    let texts: Vec<&str> = rel["operand_marks"].as_array().unwrap().iter().map(|m| doc["marks"][m.as_u64().unwrap() as usize]["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["25.720 triệu đồng", "66.500 triệu đồng"]);
}

#[test]
fn report_text_stays_text_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (run, html) = page(dir.path(), &["tests/fixtures/html/hostile.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The page's own three scripts (a document, the summary, the code) and nothing else.
    assert_eq!(html.to_ascii_lowercase().matches("<script").count(), 3);
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 3);
    assert!(!html.contains("<img") && !html.contains("<!-- chú") && !html.contains('\u{2028}') && !html.contains('\u{2029}'));
    let doc = data(&html, "soi-doc-0");
    assert_eq!(text_of(&doc), std::fs::read_to_string(root().join("tests/fixtures/html/hostile.txt")).unwrap());
    let summary = data(&html, "soi-summary");
    assert_eq!(contract(&summary["findings"]), json_findings(&["tests/fixtures/html/hostile.txt"]));
}

#[test]
fn english_interface_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let (run, html) = page(dir.path(), &["examples/bao-cao-mau.txt", "--lang", "en"]);
    assert_eq!(run.code, 1);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<title>soi — figure check</title>"));
    let summary = data(&html, "soi-summary");
    assert_eq!(summary["lang"], "en");
    assert_eq!(summary["findings"][2]["message"], "36,2% does not match 25.720 triệu đồng / 66.500 triệu đồng = 38,68%");
}

#[test]
fn a_directory_is_one_page_with_its_documents_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("bao-cao");
    std::fs::create_dir(&reports).unwrap();
    for (name, fixture) in [("c.txt", "ratio.txt"), ("a.txt", "growth.txt"), ("b.md", "sum.txt")] {
        std::fs::copy(root().join("tests/fixtures").join(fixture), reports.join(name)).unwrap();
    }
    let r = reports.to_str().unwrap();
    let (run, html) = page(dir.path(), &[r]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary = data(&html, "soi-summary");
    let json = json_findings(&[r]);
    assert_eq!(contract(&summary["findings"]), json);
    let files = summary["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(names, [format!("{r}/a.txt"), format!("{r}/b.md"), format!("{r}/c.txt")]);
    // Each document's findings are the next ones of the list, and its model says where they are.
    let mut first = 0;
    for (d, f) in files.iter().enumerate() {
        assert_eq!(f["first"].as_u64(), Some(first), "{d}");
        let n = f["findings"].as_u64().unwrap();
        assert!(n > 0, "{d} has no finding");
        let doc = data(&html, &format!("soi-doc-{d}"));
        assert_eq!(doc["file"], f["file"]);
        assert_eq!(doc["findings"].as_array().unwrap().len() as u64, n);
        for k in 0..n {
            let g = &summary["findings"][(first + k) as usize];
            assert_eq!((g["doc"].as_u64(), g["index"].as_u64(), &g["file"]), (Some(d as u64), Some(k), &f["file"]));
        }
        first += n;
    }
    assert_eq!(first as usize, json.len());
}

#[test]
fn an_unreadable_file_is_reported_and_counted_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("bao-cao");
    std::fs::create_dir(&reports).unwrap();
    std::fs::copy(root().join("examples/bao-cao-mau.txt"), reports.join("a.txt")).unwrap();
    std::fs::write(reports.join("b.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    let (run, html) = page(dir.path(), &[reports.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("b.txt: đây là tệp nhị phân"), "{}", run.stderr);
    let summary = data(&html, "soi-summary");
    assert_eq!((summary["unreadable"].as_u64(), summary["files"].as_array().map(Vec::len)), (Some(1), Some(1)));
}

#[test]
fn a_page_that_cannot_be_written_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("khong-co/trang.html");
    let run = soi_in(root(), &["check", "--format", "html", "--output-file", out.to_str().unwrap(), "examples/bao-cao-mau.txt"]);
    assert_eq!(run.code, 2);
    assert!(unwrapped(&run.stderr).contains(&format!("{}: không ghi được: No such file or directory", out.display())), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn a_directory_as_output_is_refused_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let run = soi_in(root(), &["check", "--format", "html", "--output-file", dir.path().to_str().unwrap(), "examples/bao-cao-mau.txt"]);
    assert_eq!(run.code, 2);
    assert!(unwrapped(&run.stderr).contains(&format!("{}: không ghi được: đây là một thư mục; hãy cho tên tệp, ví dụ soi.html", dir.path().display())), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn without_an_output_file_the_page_goes_to_stdout_and_no_temporary_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    let run = soi_in(root(), &["check", "--format", "html", "examples/bao-cao-mau.txt"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("<!DOCTYPE html>") && run.stdout.ends_with("</html>\n"));
    assert_eq!(contract(&data(&run.stdout, "soi-summary")["findings"]), json_findings(&["examples/bao-cao-mau.txt"]));
    let (_, html) = page(dir.path(), &["examples/bao-cao-mau.txt"]);
    assert_eq!(html, run.stdout, "the same page either way");
    let left: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["page.html"]);
}

// ---- In a real browser ------------------------------------------------------------------

/// Headless Chromium and playwright-core, or None after saying why (a failure under CI).
struct Browser {
    chromium: PathBuf,
    playwright: PathBuf,
}

fn say(line: &str) {
    // Straight to stderr, past the test harness's capture, so a skip is seen.
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn browser() -> Option<Browser> {
    let required = std::env::var("SOI_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    let missing = |what: String| {
        assert!(!required, "SOI_REQUIRE_SHARED=1 but {what}; .ci/run installs it");
        say(&format!("SKIPPED: {what}; the browser tests of the HTML page did not run"));
        None
    };
    let chromium = std::env::var_os("SOI_CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return missing(format!("{} not found (apt-get install chromium)", chromium.display()));
    }
    if !Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()) {
        return missing("node not found".into());
    }
    let prefix = root().join("target/browser-test");
    let playwright = prefix.join("node_modules/playwright-core");
    if !playwright.join("package.json").exists() {
        // As .ci/run does; works wherever npm reaches its registry.
        let _ = Command::new("npm")
            .args(["install", "--no-save", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&prefix)
            .arg(format!("playwright-core@{PLAYWRIGHT}"))
            .status();
    }
    if !playwright.join("package.json").exists() {
        return missing(format!("playwright-core not found under {} (npm install --prefix target/browser-test playwright-core@{PLAYWRIGHT})", prefix.display()));
    }
    Some(Browser { chromium, playwright })
}

/// The playwright-core that .ci/run installs.
const PLAYWRIGHT: &str = "1.65.1";

/// Opens a page in the browser as tests/browser/page.cjs does, and what it saw.
fn open(b: &Browser, html: &Path, screenshot: Option<&Path>) -> Value {
    let mut cmd = Command::new("node");
    cmd.arg(root().join("tests/browser/page.cjs")).arg(&b.playwright).arg(&b.chromium).arg(html);
    if let Some(s) = screenshot {
        cmd.arg(s);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "the browser script failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What every page must show: nothing went wrong, and each finding is marked once in the text.
fn assert_sound(seen: &Value, findings: usize) {
    assert_eq!(seen["console"], serde_json::json!([]), "console errors");
    assert_eq!(seen["dialogs"], serde_json::json!([]), "a script ran");
    assert_eq!(seen["requests"], serde_json::json!([]), "the page reached out");
    assert_eq!(seen["pwned"], Value::Null);
    assert_eq!(seen["list"].as_array().unwrap().len(), findings);
    let marked: Vec<u64> = seen["print"]["markedFindings"].as_array().unwrap().iter().map(|g| g.as_u64().unwrap()).collect();
    assert_eq!(marked, (0..findings as u64).collect::<Vec<_>>(), "marked findings");
    assert_eq!(seen["print"]["notes"].as_array().unwrap().len(), findings, "inline notes when printed");
    assert_eq!((&seen["print"]["listShown"], &seen["print"]["toolbarShown"]), (&Value::Bool(false), &Value::Bool(false)));
    assert_eq!(seen["print"]["rendered"], seen["docs"]);
}

#[test]
fn browser_shows_the_sample_report_and_its_findings() {
    let Some(b) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, _) = page(dir.path(), &["examples/bao-cao-mau.txt"]);
    let seen = open(&b, &dir.path().join("page.html"), Some(&shots().join("bao-cao-mau")));
    let json = json_findings(&["examples/bao-cao-mau.txt"]);
    assert_sound(&seen, json.len());
    assert_eq!(seen["lang"], "vi");
    assert_eq!(seen["title"], "soi — kiểm tra số liệu");
    let summary = seen["summary"].as_str().unwrap();
    let (relations, checked, agrees) = relation_counts("examples/bao-cao-mau.txt");
    let want = format!("1 tệp · 31 số liệu đọc được · {checked}/{relations} quan hệ đã kiểm tra ({agrees} khớp) · 6 phát hiện");
    assert!(summary.starts_with(&want), "{summary}");
    // The list, in the order of --format json.
    let list: Vec<String> = seen["list"].as_array().unwrap().iter().map(|i| format!("{} {}", i["rule"].as_str().unwrap(), i["where"].as_str().unwrap())).collect();
    let expected: Vec<String> = json.iter().map(|f| format!("{} {}:{}:{}", f["rule"].as_str().unwrap(), f["file"].as_str().unwrap(), f["line"], f["column"])).collect();
    assert_eq!(list, expected);
    // Clicking a finding selects and focuses its place and lights up exactly its operands.
    for (k, (click, f)) in seen["clicks"].as_array().unwrap().iter().zip(&json).enumerate() {
        let mut operands: Vec<&str> = f["related"].as_array().unwrap().iter().map(|r| r["message"].as_str().unwrap()).collect();
        operands.sort();
        assert_eq!(click["operands"].as_array().unwrap().iter().map(|o| o.as_str().unwrap()).collect::<Vec<_>>(), operands, "finding {k}");
        assert_eq!((click["detail"].as_str(), click["current"].as_str()), (Some(k.to_string().as_str()), Some(format!("li-{k}").as_str())));
        assert_eq!(click["selected"].as_array().unwrap().len(), 1);
        assert_eq!(click["focused"], click["selected"][0]);
    }
    assert_eq!(seen["clicks"][2]["selected"], serde_json::json!(["36,2%"]));
    assert_eq!(seen["clicks"][2]["operands"], serde_json::json!(["25.720 triệu đồng", "66.500 triệu đồng"]));
    // A figure that agrees, clicked in the text, shows its relation and lights its figures.
    assert_eq!(seen["agreeing"]["relations"], serde_json::json!(["nêu lại cùng chỉ tiêu"]));
    assert_eq!(seen["agreeing"]["lit"], 2);
    // From the first finding, J, J, K: the second, third, second; K from the first wraps to the last.
    assert_eq!(seen["keys"], serde_json::json!(["li-1", "li-2", "li-1", "li-0", "li-5"]));
    // Filters hide what they should.
    let f = &seen["filters"];
    assert_eq!(f["warning"]["items"], serde_json::json!([3, 5]));
    assert_eq!(f["warning"]["dimmed"], 4, "the four errors' marks are shown plainly");
    assert_eq!(f["warning"]["counter"], "Hiện 2/6 phát hiện");
    assert_eq!((&f["rule"]["rule"], &f["rule"]["items"]), (&Value::from("SOI401"), &serde_json::json!([0])));
    // "khong khop" finds "không khớp" whatever the diacritics, in messages (SOI101, SOI601)
    // and in help (SOI301).
    assert_eq!(f["search"]["items"], serde_json::json!([2, 4, 5]));
    assert_eq!(f["cleared"]["items"], serde_json::json!([0, 1, 2, 3, 4, 5]));
    // Printed: the report's text itself, with each finding inline.
    assert_eq!(seen["print"]["textsWithoutNotes"][0], std::fs::read_to_string(root().join("examples/bao-cao-mau.txt")).unwrap());
    assert_eq!(seen["print"]["notes"][2], "[SOI101] Tỷ lệ 36,2% không khớp với 25.720 triệu đồng / 66.500 triệu đồng = 38,68%");
}

#[test]
fn browser_shows_series_findings_and_goes_to_the_other_report() {
    let Some(b) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    // SOI807 has no figure to mark (it is about the whole file); the others each have one.
    let (run, _) = page(dir.path(), &["tests/fixtures/series/errors", "--ignore", "SOI807"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let seen = open(&b, &dir.path().join("page.html"), Some(&shots().join("series")));
    assert_sound(&seen, 6);
    let list: Vec<String> = seen["list"].as_array().unwrap().iter().map(|x| format!("{} {}", x["rule"].as_str().unwrap(), x["where"].as_str().unwrap())).collect();
    assert_eq!(list[0], "SOI806 tests/fixtures/series/errors/bc-2024-nam.md:11:118");
    // Clicking a series finding selects its figure in the later report, its operands in the
    // same report lit ("60 tỷ đồng" for the month's own figure of SOI803).
    let clicks = seen["clicks"].as_array().unwrap();
    assert_eq!(clicks[0]["selected"], serde_json::json!(["140 tỷ đồng"]));
    assert_eq!(clicks[1]["selected"], serde_json::json!(["26 tỷ đồng"]));
    assert_eq!(clicks[1]["operands"], serde_json::json!(["60 tỷ đồng"]));
    // Its operand in the earlier report is a button that goes there.
    let other = &seen["other"];
    assert_eq!(other["label"], "104 tỷ đồng (tests/fixtures/series/errors/bc-2024-thang-05.md:15:98)");
    assert_eq!(other["selected"], serde_json::json!(["tests/fixtures/series/errors/bc-2024-thang-05.md 104 tỷ đồng"]));
}

#[test]
fn browser_interface_in_english() {
    let Some(b) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, _) = page(dir.path(), &["examples/bao-cao-mau.txt", "--lang", "en"]);
    let seen = open(&b, &dir.path().join("page.html"), None);
    assert_sound(&seen, 6);
    assert_eq!((&seen["lang"], &seen["title"]), (&Value::from("en"), &Value::from("soi — figure check")));
    let summary = seen["summary"].as_str().unwrap();
    let (relations, checked, agrees) = relation_counts("examples/bao-cao-mau.txt");
    let want = format!("1 file · 31 figures read · {checked}/{relations} relations checked ({agrees} agree) · 6 findings");
    assert!(summary.starts_with(&want), "{summary}");
    assert_eq!(seen["filters"]["warning"]["counter"], "Showing 2/6 findings");
    assert_eq!(seen["print"]["notes"][2], "[SOI101] 36,2% does not match 25.720 triệu đồng / 66.500 triệu đồng = 38,68%");
    assert_eq!(seen["agreeing"]["relations"], serde_json::json!(["same indicator stated again"]));
}

#[test]
fn browser_runs_no_script_from_a_report() {
    let Some(b) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, _) = page(dir.path(), &["tests/fixtures/html/hostile.txt"]);
    let seen = open(&b, &dir.path().join("page.html"), None);
    assert_sound(&seen, 1);
    let original = std::fs::read_to_string(root().join("tests/fixtures/html/hostile.txt")).unwrap();
    assert_eq!(seen["print"]["textsWithoutNotes"][0], original.as_str(), "the markup shows as text");
}

#[test]
fn browser_renders_a_large_run_lazily_and_all_of_it_when_printed() {
    let Some(b) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("bao-cao");
    std::fs::create_dir(&reports).unwrap();
    for i in 0..40 {
        std::fs::copy(root().join("examples/bao-cao-mau.txt"), reports.join(format!("{i:02}.txt"))).unwrap();
    }
    let (run, _) = page(dir.path(), &[reports.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let seen = open(&b, &dir.path().join("page.html"), None);
    assert_sound(&seen, 240);
    assert_eq!(seen["docs"], 40);
    let at_open = seen["renderedAtOpen"].as_u64().unwrap();
    assert!((1..5).contains(&at_open), "{at_open} documents rendered before any was in view");
    // The last file's filter shows only its document and its six findings.
    assert_eq!(seen["filters"]["lastFile"]["docs"], serde_json::json!([39]));
    assert_eq!(seen["filters"]["lastFile"]["items"], serde_json::json!([234, 235, 236, 237, 238, 239]));
}

/// A corpus report, or None after a visible SKIPPED line (a failure under CI).
fn corpus(prefix: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    let found = std::fs::read_dir(&dir)
        .ok()
        .and_then(|d| d.filter_map(|e| e.ok().map(|e| e.path())).find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix))));
    if found.is_none() {
        assert!(std::env::var("SOI_REQUIRE_SHARED").map_or(true, |v| v != "1"), "SOI_REQUIRE_SHARED=1 but ../shared/corpus/{prefix}* is absent");
        say(&format!("SKIPPED: ../shared/corpus/{prefix}* not found; no screenshot of a corpus report"));
    }
    found
}

#[test]
fn browser_shows_a_corpus_report() {
    let Some(report) = corpus("002") else { return };
    let Some(b) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let r = report.to_str().unwrap();
    let (run, _) = page(dir.path(), &[r]);
    assert!(run.code <= 1, "{}", run.stderr);
    let seen = open(&b, &dir.path().join("page.html"), Some(&shots().join("corpus-002")));
    assert_sound(&seen, json_findings(&[r]).len());
    assert_eq!(seen["print"]["textsWithoutNotes"][0], std::fs::read_to_string(&report).unwrap().replace("\r\n", "\n").as_str());
    say(&format!("screenshots of the corpus report: {}", shots().join("corpus-002.png").display()));
}

/// (relations, relations checked, relations that agree) of a file, as `soi claims --relations`
/// lists them.
fn relation_counts(path: &str) -> (usize, usize, usize) {
    let run = soi(&["claims", "--relations", "--format", "json", path]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let rels = v["files"][0]["relations"].as_array().unwrap();
    let status = |s: &str| rels.iter().filter(|r| r["status"] == s).count();
    (rels.len(), rels.len() - status("unchecked"), status("agrees"))
}
