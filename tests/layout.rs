//! Sections and their roles: headings known by their numbering or by their form (capitals,
//! bold, a bullet and a colon), the role their leading words give, and `soi claims` saying which
//! role each section got.

mod common;
use common::{corpus, findings, fixture, soi};

fn claims_json(path: &str) -> serde_json::Value {
    let run = soi(&["claims", "--format", "json", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("json")
}

/// The sections of `soi claims --format json` as "line label role" ("-" for no label).
fn sections(path: &str) -> Vec<String> {
    let v = claims_json(path);
    v["files"][0]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| format!("{} {} {}", s["line"], s["label"].as_str().unwrap_or("-"), s["role"].as_str().unwrap()))
        .collect()
}

/// Each claim as "line role".
fn claim_roles(path: &str) -> Vec<String> {
    let v = claims_json(path);
    v["files"][0]["claims"].as_array().expect("claims").iter().map(|c| format!("{} {}", c["line"], c["role"].as_str().unwrap())).collect()
}

#[test]
fn unnumbered_headings_open_sections_with_the_role_of_their_leading_words() {
    let p = fixture("sections.txt");
    let v = claims_json(&p);
    let got = &v["files"][0]["sections"];
    let want = serde_json::json!([
        {"heading": "KẾT QUẢ THỰC HIỆN CÁC NGÀNH, LĨNH VỰC", "line": 9, "label": "I", "role": "body"},
        {"heading": "Công nghiệp", "line": 10, "label": "1", "role": "body"},
        {"heading": "Công tác dự báo, cảnh báo thiên tai", "line": 12, "label": "2", "role": "body"},
        {"heading": "Khắc phục hạn chế trong giải ngân", "line": 14, "label": "3", "role": "body"},
        {"heading": "ĐÁNH GIÁ CHUNG", "line": 17, "label": null, "role": "summary"},
        {"heading": "NHIỆM VỤ, GIẢI PHÁP 3 THÁNG CUỐI NĂM 2024", "line": 20, "label": null, "role": "tasks"},
    ]);
    assert_eq!(got, &want);
    // The unit and title block and the signature are not sections; the existing keys stay.
    assert_eq!(v["files"][0]["unit"], "ỦY BAN NHÂN DÂN HUYỆN NAM SƠN");
    assert_eq!(v["files"][0]["period"], "9 tháng đầu năm 2024");
    assert_eq!(claim_roles(&p), ["11 body", "13 body", "15 body", "18 summary"]);
    // So the summary's restatement and the tasks' stale period are checked.
    let (code, list) = findings(&[&p]);
    assert_eq!(code, 1);
    assert_eq!(list, ["18:64 error SOI301", "21:34 warning SOI601"]);
}

#[test]
fn claims_lists_each_section_with_its_role() {
    let run = soi(&["claims", &fixture("sections.txt")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("  mục ")).collect();
    assert_eq!(
        listed,
        [
            "  mục I KẾT QUẢ THỰC HIỆN CÁC NGÀNH, LĨNH VỰC → body (dòng 9)",
            "  mục 1 Công nghiệp → body (dòng 10)",
            "  mục 2 Công tác dự báo, cảnh báo thiên tai → body (dòng 12)",
            "  mục 3 Khắc phục hạn chế trong giải ngân → body (dòng 14)",
            "  mục ĐÁNH GIÁ CHUNG → summary (dòng 17)",
            "  mục NHIỆM VỤ, GIẢI PHÁP 3 THÁNG CUỐI NĂM 2024 → tasks (dòng 20)",
        ]
    );
}

#[test]
fn bullet_colon_bold_and_wrapped_capital_headings() {
    let p = fixture("sections.md");
    let v = claims_json(&p);
    let got = &v["files"][0]["sections"];
    let want = serde_json::json!([
        {"heading": "KẾT QUẢ THỰC HIỆN TRÊN CÁC LĨNH VỰC", "line": 5, "label": "I", "role": "body"},
        {"heading": "Đánh giá chung:", "line": 9, "label": null, "role": "summary"},
        {"heading": "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025", "line": 13, "label": null, "role": "tasks"},
    ]);
    assert_eq!(got, &want);
    let (_, list) = findings(&[&p]);
    assert_eq!(list, ["11:56 error SOI301", "16:37 warning SOI601"]);
}

/// The sections of the five corpus reports (lines, labels and roles only: no corpus text here).
#[test]
fn corpus_sections_and_roles() {
    let expected: [(&str, &[&str]); 5] = [
        (
            "000",
            &[
                "3 - body", "4 - body", "7 I body", "8 1 body", "9 a body", "13 b body", "15 c body", "23 d body",
                "25 e body", "27 f body", "32 g body", "37 h body", "40 2 body", "41 a body", "46 b body", "49 c body",
                "54 d body", "60 3 body", "62 4 body", "70 5 body", "72 6 body", "77 7 body", "83 8 body", "91 IV body",
                "92 1 body", "96 2 body", "98 V summary", "99 1 summary", "105 2 summary", "111 3 summary", "117 - tasks", "118 - tasks",
            ],
        ),
        (
            "001",
            &[
                "20 - body", "22 - body", "29 I body", "31 1 body", "33 1.1 body", "45 1.2 body", "59 1.3 body", "77 1.4 body",
                "97 1.5 body", "103 2 body", "111 2.1 body", "131 2.2 body", "137 2.3 body", "159 2.4 body", "193 2.5 body", "199 3 body",
                "215 4 body", "221 5 body", "249 6 body", "269 7 body", "273 8 body", "315 9 body", "341 III body", "343 1 body",
                "363 2 body", "373 III summary", "391 IV summary", "393 1 summary", "411 2 summary", "419 3 summary", "435 - tasks", "437 - tasks",
                "439 I tasks", "447 II tasks", "449 1 tasks", "457 2 tasks", "468 II tasks", "470 1 tasks", "474 2 tasks", "476 III tasks",
                "478 1 tasks", "482 2 tasks", "484 2.1 tasks", "494 2.2 tasks", "498 2.3 tasks", "506 2.4 tasks", "514 2.5 tasks", "520 2.6 tasks",
                "524 2.7 tasks", "530 2.8 tasks", "534 3 tasks", "538 3.1 tasks", "542 3.2 tasks", "546 3.3 tasks", "550 3.4 tasks", "556 3.5 tasks",
                "560 3.6 tasks", "566 4 tasks", "570 5 tasks", "576 6 tasks", "582 7 tasks",
            ],
        ),
        (
            "002",
            &[
                "14 I body", "21 II body", "22 1 body", "23 a body", "28 b body", "30 c body", "37 d body", "41 đ body",
                "47 e body", "52 f body", "58 g body", "61 2 body", "62 a body", "65 b body", "70 c body", "72 d body",
                "76 đ body", "78 3 body", "79 a body", "82 b body", "88 4 body", "93 5 body", "96 III summary", "97 1 summary",
                "101 2 summary", "105 IV tasks",
            ],
        ),
        (
            "003",
            &[
                "13 A body", "17 B body", "25 I body", "27 1 body", "29 1.1 body", "33 a body", "77 1.2 body", "93 1.3 body",
                "115 1.4 body", "121 1.5 body", "137 1.6 body", "155 2 body", "157 a body", "171 b body", "191 c body", "197 d body",
                "211 e body", "227 3 body", "247 4 body", "287 5 body", "301 II summary", "303 1 summary", "313 2 summary", "321 3 summary",
                "329 - tasks", "331 - tasks", "339 2 tasks",
            ],
        ),
        (
            "004",
            &[
                "1 I body", "15 II body", "17 1 body", "19 1.1 body", "62 1.2 body", "82 1.3 body", "141 1.4 body", "161 1.5 body",
                "193 1.6 body", "216 1.7 body", "258 2 body", "260 2.1 body", "284 2.2 body", "317 2.3 body", "337 2.4 body", "361 3 body",
                "374 4 body", "402 5 body", "438 6 body", "467 7 body", "483 III summary", "485 1 summary", "521 2 summary", "530 3 summary",
                "548 IV tasks", "550 1 tasks", "570 3 tasks", "586 4 tasks", "601 5 tasks", "641 7 tasks", "649 8 tasks", "665 9 tasks",
            ],
        ),
    ];
    for (prefix, want) in expected {
        let Some(p) = corpus(prefix) else { return };
        assert_eq!(sections(&p.display().to_string()), want, "{prefix}");
    }
}
