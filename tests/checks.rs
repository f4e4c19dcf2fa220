//! Each check kind on a fixture written for it: the exact findings, and silence for the
//! consistent figures beside them.

mod common;
use common::{findings, fixture, soi};

fn check(name: &str) -> (i32, Vec<String>) {
    findings(&[&fixture(name)])
}

#[test]
fn ratio() {
    // 9.300/31.000 = 30% written 28%; 6.120/24.480 = 25% is right; 511/528 = 96,78% written
    // 96,7% is a rounding note; "21/28 trường (75%)" is right, "15/28 trường (60%)" is not.
    assert_eq!(check("ratio.txt"), (1, vec!["1:153 error SOI101".into(), "2:44 info SOI101".into(), "3:70 error SOI101".into()]));
}

#[test]
fn plan_percent() {
    // 30.000/80.000 = 37,5% is right; 20.000/50.000 = 40% written 45%.
    assert_eq!(check("plan_percent.txt"), (1, vec!["2:109 error SOI102".into()]));
}

#[test]
fn share() {
    assert_eq!(check("share.txt"), (1, vec!["1:101 error SOI103".into()]));
}

#[test]
fn sum() {
    // Falls short in a "gồm" list; exceeds; a single "trong đó" subset and a list that adds
    // up stay silent; 941 + 14 + 10 = 965 for a written 964 is a rounding note.
    assert_eq!(check("sum.txt"), (1, vec!["1:18 error SOI202".into(), "2:24 error SOI201".into(), "5:18 info SOI201".into()]));
}

#[test]
fn unlabeled_part() {
    // "15 tỷ đồng" has no label among labelled parts; fully labelled lists and a label written
    // after the figure ("40 tỷ đồng vốn sự nghiệp") stay silent.
    assert_eq!(check("unlabeled_part.txt"), (1, vec!["1:97 warning SOI204".into()]));
}

#[test]
fn difference() {
    assert_eq!(check("difference.txt"), (1, vec!["1:74 error SOI203".into()]));
}

#[test]
fn repeat() {
    // 8% in the body, 12% in the summary for the same amount; 10% vs 10,2% agree; 107% of
    // the HĐND resolution and 111% of the province plan are percents of different plans.
    assert_eq!(check("repeat.txt"), (1, vec!["4:77 error SOI301".into()]));
}

#[test]
fn growth() {
    // 1.677/(125.797−1.677) = 1,35% written 5%; 100/1.900 = 5,26% written 5,3% is right.
    assert_eq!(check("growth.txt"), (1, vec!["1:92 error SOI104".into()]));
}

#[test]
fn unit() {
    // A yield in tạ/ha and an area in ha stay silent; a growth in money is the level, unless
    // the name only goes on to say it grew ("… tiếp tục tăng trưởng và đạt 1.870 tỷ đồng"). A
    // percent without its sign before a plan or "SCK" is read as one and reported; whole
    // numbers there are counts ("1.205 chỉ tiêu", "giảm 2 so với cùng kỳ").
    assert_eq!(
        check("unit.txt"),
        (
            1,
            vec![
                "1:53 error SOI401".into(),
                "2:32 error SOI401".into(),
                "3:25 error SOI402".into(),
                "4:28 error SOI403".into(),
                "5:26 error SOI401".into(),
                "7:36 warning SOI406".into(),
                "7:61 warning SOI406".into(),
                // Households are no share of the population; people are, and households of
                // all households are.
                "9:44 warning SOI407".into(),
                // A share of certificates, and one "chiếm" of all households, above 100%; a
                // percent of the budget, a growth and an enrolment rate may be, and so may
                // children enrolled ("huy động") and a count against last year's (line 11).
                "10:9 error SOI408".into(),
                "10:66 error SOI408".into(),
            ]
        )
    );
}

#[test]
fn doubled_word() {
    // "hành vi vi phạm" and "dần dần" are correct Vietnamese.
    assert_eq!(check("doubled_word.txt"), (1, vec!["1:18 warning SOI501".into(), "1:59 warning SOI501".into(), "2:1 warning SOI501".into()]));
}

#[test]
fn stale_period() {
    // "tháng 1/2024" in a 2023 report's tasks is the coming period, not a stale one.
    assert_eq!(check("stale_period.txt"), (1, vec!["7:37 warning SOI601".into()]));
}

#[test]
fn json_contract_has_locations_and_operands() {
    let run = soi(&["check", "--format", "json", &fixture("ratio.txt")]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "SOI101");
    assert_eq!(f["kind"], "ratio");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64(), f["end_line"].as_u64(), f["end_column"].as_u64()), (Some(1), Some(153), Some(1), Some(156)));
    assert_eq!(f["stated"], "28%");
    assert_eq!(f["computed"], "30,0%");
    let related: Vec<(u64, &str)> =
        f["related"].as_array().unwrap().iter().map(|r| (r["column"].as_u64().unwrap(), r["message"].as_str().unwrap())).collect();
    assert_eq!(related, vec![(113, "9.300 triệu đồng"), (130, "31.000 triệu đồng")]);
    assert_eq!(v["summary"]["findings"], 3);
    assert_eq!(v["version"], 1);
}

#[test]
fn english_messages() {
    let run = soi(&["check", "--format", "concise", "--lang", "en", &fixture("plan_percent.txt")]);
    assert_eq!(run.stdout.trim_end(), format!("{}:2:109: error[SOI102] 45% of plan does not match: 20.000 triệu đồng / 50.000 triệu đồng = 40,0%", fixture("plan_percent.txt")));
}

#[test]
fn clean_file_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ok.txt");
    std::fs::write(&p, "Doanh thu đạt 120 tỷ đồng, tăng 5% so với cùng kỳ.\n").unwrap();
    let run = soi(&["check", p.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "Không có phát hiện nào (1 tệp).\n");
}

#[test]
fn malformed_rule_file_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.yaml"), "- code: X1\n  name: x\n  kind: ratio\n  level: error\n  message: { vi: m }\n  colour: red\n").unwrap();
    let run = soi(&["check", "--rules", dir.path().to_str().unwrap(), &fixture("ratio.txt")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("x.yaml") && run.stderr.contains("dòng 6") && run.stderr.contains("colour"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn rules_dir_overrides_a_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.yaml"),
        "- code: SOI501\n  name: doubled-word\n  kind: doubled_word\n  level: info\n  message: { vi: \"lặp {word}\" }\n",
    )
    .unwrap();
    let (code, list) = findings(&["--rules", dir.path().to_str().unwrap(), &fixture("doubled_word.txt")]);
    assert_eq!(code, 0);
    assert_eq!(list, vec!["1:18 info SOI501", "1:59 info SOI501", "2:1 info SOI501"]);
}

#[test]
fn human_output_snapshots() {
    for name in ["ratio", "plan_percent", "share", "sum", "unlabeled_part", "difference", "repeat", "growth", "unit", "doubled_word", "stale_period"] {
        let path = fixture(&format!("{name}.txt"));
        let run = soi(&["check", "--color", "never", &path]);
        let shown = run.stdout.replace(&path, &format!("{name}.txt"));
        insta::assert_snapshot!(name, shown);
    }
}
