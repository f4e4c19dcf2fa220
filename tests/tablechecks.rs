//! The table checks (SOI701–706) on indicator tables written for them, in each form a table
//! reaches soi: a Markdown pipe table, a tab-separated one, one flattened to a cell per line,
//! and a .docx table made by LibreOffice. Each holds the same indicator table: consistent
//! rows beside inconsistent ones, a lower-is-better row, plans written as a range and as
//! bounds, a total row; the pipe file adds rates, shares and a unit slip, the others a
//! district table with a growth column.

mod common;
use common::{findings, fixture, soi};

fn check(name: &str) -> (i32, Vec<String>) {
    findings(&[&fixture(&format!("tablechecks/{name}"))])
}

/// The findings of the indicator table (Biểu 01) at its rows' line and cells' columns, with
/// the line of its first row.
fn main_table(first: u64, columns: [u64; 6]) -> Vec<String> {
    let [estimate, compare, assess2, assess4, assess6, total] = columns;
    vec![
        // The prose says 7.878, the table 7.787 for the same indicator and period.
        format!("{first}:{estimate} error SOI706"),
        // 7.787 / 7.213,5 = 107,95%, written 108,9.
        format!("{first}:{compare} error SOI701"),
        // 846 < 900 written "Đạt".
        format!("{}:{assess2} error SOI702", first + 1),
        // 9,6 inside the range 9,0-10,0 written "Vượt".
        format!("{}:{assess4} error SOI702", first + 3),
        // Malnutrition, a plan "dưới 12" (less is better): 12,3 written "Đạt".
        format!("{}:{assess6} error SOI702", first + 5),
        // 7.787 + 846 = 8.633, written 8.643.
        format!("{}:{total} error SOI703", first + 7),
    ]
}

#[test]
fn pipe_table() {
    let mut want = main_table(9, [66, 74, 81, 85, 98, 47]);
    want.extend([
        // 49 / 980 = 5,0%, written 5,5; 30 / 129 = 23,26% of the poor households, written
        // 25,3, so the shares add up to 102,1.
        "23:28 error SOI704".to_owned(),
        "24:35 error SOI704".to_owned(),
        "25:32 error SOI703".to_owned(),
        // 10,98 households between 1.240 and 1.075; an income of 47.800 beside 45,1. The
        // pupils beside the schools of Phụ lục 4 are another indicator, not another scale.
        "31:30 warning SOI705".to_owned(),
        "33:61 warning SOI705".to_owned(),
    ]);
    assert_eq!(check("pipe.md"), (1, want));
}

#[test]
fn tab_separated_table() {
    let mut want = main_table(8, [54, 60, 63, 67, 80, 36]);
    // 600 / 620 = 96,77%, written 95,8 (its growth -3,2 is right); the districts add up to
    // 2.900, written 2.950.
    want.extend(["22:19 error SOI701".to_owned(), "23:18 error SOI703".to_owned()]);
    assert_eq!(check("tabs.txt"), (1, want));
}

#[test]
fn one_cell_per_line_table() {
    // Every cell on its own line: a finding is at the line of its cell.
    let want = ["21:1 error SOI706", "22:1 error SOI701", "33:1 error SOI702", "51:1 error SOI702", "69:1 error SOI702", "83:1 error SOI703"];
    assert_eq!(check("cells.txt"), (1, want.map(String::from).to_vec()));
}

/// LibreOffice, or None (and a visible note) when it is not installed.
fn soffice() -> Option<&'static str> {
    let found = std::process::Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "soffice (LibreOffice) is required in CI");
        eprintln!("SKIPPED: soffice (LibreOffice) not installed; the .docx table was not made and checked");
    }
    found.then_some("soffice")
}

#[test]
fn docx_table_made_by_libreoffice() {
    let Some(office) = soffice() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("tablechecks/table.html"), dir.path().join("table.html")).expect("copy");
    let conv = std::process::Command::new(office)
        .args(["--headless", "--convert-to", "docx:MS Word 2007 XML", "table.html"])
        .current_dir(dir.path())
        .output()
        .expect("soffice runs");
    assert!(conv.status.success(), "{}", String::from_utf8_lossy(&conv.stderr));
    let docx = dir.path().join("table.docx");
    // In a .docx, the line is the paragraph (a table row is one) and the column counts the
    // characters of the row as `soi claims` shows it. The header's "So sánh (%)" spans two
    // columns over a second header row ("Kế hoạch", "Cùng kỳ").
    let mut want = main_table(6, [66, 74, 81, 85, 98, 48]);
    want.extend(["18:29 error SOI701".to_owned(), "19:26 error SOI703".to_owned()]);
    assert_eq!(findings(&[docx.to_str().expect("utf-8 path")]), (1, want));
}

#[test]
fn space_aligned_table_with_plans_and_assessments() {
    // Ranges, bounds and assessments stand among the figures of their columns. Poverty under
    // a plan "dưới 3" at 3,2 and trained labour at 68,5 for a plan of 70 are not "Đạt"; a
    // plan "trên 45" exceeded at 46,2 is "Vượt", a range 7,0-7,5 met at 7,2 is "Đạt".
    assert_eq!(check("spaces.txt"), (1, vec!["9:72 error SOI702".to_owned(), "10:72 error SOI702".to_owned()]));
}

#[test]
fn sub_totals_and_the_grand_total() {
    // Each "Cộng" adds up the rows since the one before it, "Tổng cộng" the two "Cộng":
    // 550 + 660 = 1.210, written 1.310 (and the grand total follows the written one).
    assert_eq!(check("subtotals.md"), (1, vec!["12:20 error SOI703".to_owned()]));
    let totals: Vec<String> = common::relations(&fixture("tablechecks/subtotals.md")).into_iter().filter(|r| r.starts_with("table_total")).collect();
    assert_eq!(
        totals,
        [
            "table_total 9:12 ⟵ 7:20,8:20 agrees",
            "table_total 9:20 ⟵ 7:28,8:28 agrees",
            "table_total 12:12 ⟵ 10:24,11:24 agrees",
            "table_total 12:20 ⟵ 10:30,11:30 mismatch",
            "table_total 13:17 ⟵ 9:12,12:12 agrees",
            "table_total 13:25 ⟵ 9:20,12:20 agrees",
        ]
    );
}

#[test]
fn yearbook_blocks_against_the_amounts() {
    // 2019: 214.300 + 197.400 = 411.700, written 412.700; the 2022 index of men is
    // 222.400 / 219.800 = 101,18, written 101,81; the 2023 urban share is 130.600 / 432.900
    // = 30,17%, written 31,17. Every other sum, index and share agrees.
    assert_eq!(findings(&[&fixture("tables/yearbook-words.txt")]), (1, vec!["10:6 error SOI703".into(), "18:13 error SOI701".into(), "24:39 error SOI704".into()]));
    assert_eq!(findings(&[&fixture("tables/yearbook-cells.txt")]), (1, vec!["29:1 error SOI703".into(), "106:1 error SOI701".into(), "172:1 error SOI704".into()]));
}

#[test]
fn growth_and_share_rows_against_the_rows_they_come_from() {
    // Growths against the values at constant prices (the row "Giá so sánh 2010", not
    // "Giá hiện hành"); shares against the current-price values; figures printed "9.80"
    // are read to one decimal, as every figure of their row ends in a zero.
    assert_eq!(
        findings(&[&fixture("tables/padded.txt")]),
        (
            1,
            vec![
                // 2.535,6 / 2.326,2 − 1 = 9,0%, written 9.80.
                "3:54 error SOI701".into(),
                // 634,1 / 619,2 − 1 = 2,4%, written 3.40.
                "4:27 error SOI701".into(),
                // 69800.00 among values of about 60.
                "15:75 warning SOI705".into(),
                // The shares of 2022 add up to 100,99.
                "16:66 error SOI703".into(),
                // 1.290 / 3.390 = 38,05%, written 39.05.
                "18:33 error SOI704".into(),
            ]
        )
    );
    // An index block of a space-aligned table: 860 / 845 = 101,8, written 108,1. Public and
    // non-public classes (indented under their level) add up to it in every year.
    assert_eq!(findings(&[&fixture("tables/spaces-index.txt")]), (1, vec!["16:61 error SOI701".into()]));
    let sums = common::relations(&fixture("tables/spaces-index.txt")).into_iter().filter(|r| r.starts_with("table_total")).count();
    assert_eq!(sums, 6);
}

#[test]
fn a_column_read_against_the_wrong_columns_binds_nothing() {
    // "Kế hoạch/Thực hiện (%)" holds actual over plan in every row: the header says the
    // reverse, so the reading of the column is doubtful and nothing is reported.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nguoc.md");
    let rows = [
        "| STT | Chỉ tiêu | Kế hoạch | Thực hiện | Kế hoạch/Thực hiện (%) |",
        "|---|---|---|---|---|",
        "| 1 | Thu ngân sách (tỷ đồng) | 1.000 | 1.050 | 105,0 |",
        "| 2 | Chi ngân sách (tỷ đồng) | 900 | 940 | 104,4 |",
        "| 3 | Vốn đầu tư (tỷ đồng) | 2.000 | 2.200 | 110,0 |",
        "| 4 | Xuất khẩu (triệu USD) | 300 | 330 | 110,0 |",
        "| 5 | Nhập khẩu (triệu USD) | 200 | 190 | 95,0 |",
    ];
    std::fs::write(&path, rows.join("\n") + "\n").expect("write");
    let path = path.to_str().expect("utf-8 path");
    assert_eq!(findings(&[path]), (0, vec![]));
    assert!(!common::relations(path).iter().any(|r| r.starts_with("table_compare")));
}

#[test]
fn messages_name_the_row_and_the_column() {
    let path = fixture("tablechecks/pipe.md");
    let run = soi(&["check", "--format", "concise", "--select", "SOI701,SOI702,SOI705", &path]);
    let lines: Vec<&str> = run.stdout.lines().map(|l| l.strip_prefix(path.as_str()).unwrap_or(l)).collect();
    assert_eq!(
        lines,
        [
            ":9:74: error[SOI701] Thu ngân sách trên địa bàn, cột \"Ước TH/KH (%)\": ghi 108,9 nhưng 7.787 / 7.213,5 = 107,95%",
            ":10:81: error[SOI702] Giá trị sản xuất nông nghiệp, cột \"Đánh giá\": ghi \"Đạt\" nhưng 846 so với kế hoạch 900 là \"Không đạt\"",
            ":12:85: error[SOI702] Tốc độ tăng giá trị sản xuất công nghiệp, cột \"Đánh giá\": ghi \"Vượt\" nhưng 9,6 so với kế hoạch 9,0-10,0 là \"Đạt\"",
            ":14:98: error[SOI702] Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi, cột \"Đánh giá\": ghi \"Đạt\" nhưng 12,3 so với kế hoạch dưới 12 là \"Không đạt\"",
            ":31:30: warning[SOI705] Số hộ nghèo, cột \"Năm 2022\": 10,98 không cùng cỡ với các số cùng dòng (1.240, 1.075): một số đếm mà có phần lẻ",
            ":33:61: warning[SOI705] Thu nhập bình quân đầu người, cột \"Năm 2023\": 47.800 không cùng cỡ với các số cùng dòng (45,1): gấp 1.060 lần",
        ]
    );
    let en = soi(&["check", "--format", "concise", "--lang", "en", "--select", "SOI703", &path]);
    assert_eq!(
        en.stdout.lines().next().and_then(|l| l.strip_prefix(path.as_str())),
        Some(":16:47: error[SOI703] Tổng cộng, column \"Ước thực hiện năm 2024\": 8.643 written, but the parts add up to 8.633")
    );
}

#[test]
fn findings_point_at_the_cell_and_its_operands() {
    let run = soi(&["check", "--format", "json", "--select", "SOI701", &fixture("tablechecks/pipe.md")]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let f = &v["findings"][0];
    let at = |x: &serde_json::Value| (x["line"].as_u64(), x["column"].as_u64(), x["end_column"].as_u64());
    assert_eq!(at(f), (Some(9), Some(74), Some(79)));
    assert_eq!((f["stated"].as_str(), f["computed"].as_str()), (Some("108,9"), Some("107,95%")));
    let related: Vec<_> = f["related"].as_array().expect("related").iter().map(|r| (at(r), r["message"].as_str().unwrap_or(""))).collect();
    assert_eq!(related, [((Some(9), Some(66), Some(71)), "7.787"), ((Some(9), Some(56), Some(63)), "7.213,5")]);
}

#[test]
fn relations_list_what_each_cell_is_checked_against() {
    let rels = common::relations(&fixture("tablechecks/tabs.txt"));
    let district: Vec<&String> = rels.iter().filter(|r| r.contains(" 22:") || r.contains(" 23:")).collect();
    assert_eq!(
        district,
        [
            "table_compare 22:19 ⟵ 22:15,22:11 mismatch",
            "table_compare 22:24 ⟵ 22:15,22:11 agrees",
            "table_total 23:12 ⟵ 20:11,21:13,22:11 agrees",
            "table_total 23:18 ⟵ 20:17,21:17,22:15 mismatch",
            "table_compare 23:24 ⟵ 23:18,23:12 agrees",
            "table_compare 23:30 ⟵ 23:18,23:12 agrees",
        ]
    );
}

#[test]
fn human_output_snapshot_per_rule() {
    let path = fixture("tablechecks/pipe.md");
    for code in ["SOI701", "SOI702", "SOI703", "SOI704", "SOI705", "SOI706"] {
        let run = soi(&["check", "--color", "never", "--select", code, &path]);
        let shown = run.stdout.replace(&path, "pipe.md");
        insta::assert_snapshot!(code, shown);
    }
}
