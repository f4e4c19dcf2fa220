//! Inputs: encodings, bad files, directories; exit codes; a bad file never stops the others.

mod common;
use common::{fixture, soi};

#[test]
fn utf16_with_bom_reads_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Tổng vốn giao là 1.000 triệu đồng (gồm: vốn đầu tư 600 triệu đồng; vốn sự nghiệp 300 triệu đồng).\n";
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let p = dir.path().join("utf16.txt");
    std::fs::write(&p, le).unwrap();
    let run = soi(&["check", "--format", "concise", p.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.ends_with(":1:18: error[SOI202] Các thành phần cộng lại 900 triệu đồng, thiếu so với tổng 1.000 triệu đồng (danh sách mở đầu bằng \"gồm\" là danh sách đầy đủ)\n"), "{}", run.stdout);
}

#[test]
fn legacy_encoding_is_refused_with_how_to_convert_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("tcvn3.txt");
    // "Báo cáo tình hình kinh tế xã hội tháng 5" in the TCVN3 (ABC) font encoding.
    std::fs::write(&p, b"B\xb8o c\xb8o t\xd6nh h\xd6nh kinh t\xd5 x\xb7 h\xe9i th\xb8ng 5 n\xa8m 2024").unwrap();
    let run = soi(&["check", "--format", "concise", p.to_str().unwrap(), &fixture("share.txt")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("tcvn3.txt: tệp có vẻ dùng bảng mã tiếng Việt cũ 8-bit"), "{}", run.stderr);
    assert!(run.stderr.contains("Unikey"), "{}", run.stderr);
    assert!(run.stdout.contains("error[SOI103]"), "the other file is still checked: {}", run.stdout);
}

#[test]
fn binary_and_empty_files_get_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("a.txt");
    std::fs::write(&bin, [0u8, 1, 2, 3, 255, 0]).unwrap();
    let empty = dir.path().join("b.txt");
    std::fs::write(&empty, "").unwrap();
    let run = soi(&["check", bin.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("a.txt: đây là tệp nhị phân"), "{}", run.stderr);
    assert!(run.stderr.contains("b.txt: tệp rỗng"), "{}", run.stderr);
}

#[test]
fn directories_are_walked_in_order_skipping_hidden_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git/x.txt"), "đạt đạt 5 tỷ đồng\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "Doanh thu đạt đạt 5 tỷ đồng.\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "Chi phí đạt 3 tỷ đồng, với với 5 cơ sở.\n").unwrap();
    std::fs::write(dir.path().join("c.csv"), "đạt đạt\n").unwrap();
    let run = soi(&["check", "--format", "concise", dir.path().to_str().unwrap()]);
    let d = dir.path().display();
    assert_eq!(
        run.stdout,
        format!("{d}/a.txt:1:24: warning[SOI501] Từ \"với\" bị lặp\n{d}/b.md:1:11: warning[SOI501] Từ \"đạt\" bị lặp\n")
    );
    assert_eq!(run.code, 1);
}

#[test]
fn missing_file_and_bad_arguments_exit_two() {
    assert_eq!(soi(&["check", "/nonexistent/bao-cao.txt"]).code, 2);
    assert_eq!(soi(&["check", "--format", "xml", &fixture("share.txt")]).code, 2);
    assert_eq!(soi(&["check", "x.docx"]).code, 2);
}

#[test]
fn rules_are_listed() {
    let run = soi(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SOI101", "SOI102", "SOI103", "SOI104", "SOI105", "SOI106", "SOI201", "SOI202", "SOI203", "SOI204", "SOI301", "SOI401", "SOI402", "SOI403", "SOI404", "SOI405", "SOI501", "SOI601", "SOI701", "SOI702", "SOI703", "SOI704", "SOI705", "SOI706", "SOI901"]);
    for code in codes {
        let r = soi(&["rule", code]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.starts_with(code));
    }
}
