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
    assert_eq!(codes, ["SOI101", "SOI102", "SOI103", "SOI104", "SOI105", "SOI106", "SOI107", "SOI108", "SOI109", "SOI110", "SOI111", "SOI201", "SOI202", "SOI203", "SOI204", "SOI205", "SOI301", "SOI401", "SOI402", "SOI403", "SOI404", "SOI405", "SOI406", "SOI407", "SOI408", "SOI501", "SOI601", "SOI701", "SOI702", "SOI703", "SOI704", "SOI705", "SOI706", "SOI801", "SOI802", "SOI803", "SOI804", "SOI805", "SOI806", "SOI807", "SOI901"]);
    for code in codes {
        let r = soi(&["rule", code]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.starts_with(code));
    }
}

/// A made-up sentence in the legacy encodings below (figures as in reports, text our own).
const SENTENCE: &str = "Năm nay tổng thu ngân sách trên địa bàn huyện ước đạt 1.250 tỷ đồng, tăng 12% so với cùng kỳ; chi thường xuyên được bảo đảm đúng dự toán.\n";

/// TCVN3 (ABC): one byte per small letter (the standard's table, typed here).
fn tcvn3(text: &str) -> Vec<u8> {
    const LETTERS: &str = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ";
    const BYTES: [u8; 67] = [
        0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xAE, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1,
        0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xAC,
        0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE,
    ];
    text.chars()
        .map(|c| if c.is_ascii() { c as u8 } else { BYTES[LETTERS.chars().position(|l| l == c).unwrap_or_else(|| panic!("{c} not in the TCVN3 table"))] })
        .collect()
}

/// VNI: the base letter, then one byte for its marks (ơ ư đ and some i, y are whole letters).
fn vni(text: &str) -> Vec<u8> {
    const WHOLE: [(char, u8); 9] = [('ơ', 0xF4), ('ư', 0xF6), ('đ', 0xF1), ('ì', 0xEC), ('í', 0xED), ('ỉ', 0xE6), ('ĩ', 0xF3), ('ị', 0xF2), ('ỵ', 0xEE)];
    // (shape, tone) → byte; shape: ' ' none, '^' circumflex, '(' breve; tone: ' ' none, '`' '\'' '?' '~' '.'.
    const MARKS: [(char, char, u8); 17] = [
        (' ', '\'', 0xF9), (' ', '`', 0xF8), (' ', '?', 0xFB), (' ', '~', 0xF5), (' ', '.', 0xEF),
        ('^', ' ', 0xE2), ('^', '\'', 0xE1), ('^', '`', 0xE0), ('^', '?', 0xE5), ('^', '~', 0xE3), ('^', '.', 0xE4),
        ('(', ' ', 0xEA), ('(', '\'', 0xE9), ('(', '`', 0xE8), ('(', '?', 0xFA), ('(', '~', 0xFC), ('(', '.', 0xEB),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some(&(_, b)) = WHOLE.iter().find(|(w, _)| *w == c) {
            out.push(b);
            continue;
        }
        let (mut base, mut shape, mut tone) = (None, ' ', ' ');
        for d in unicode_normalization::UnicodeNormalization::nfd(c.to_string().as_str()) {
            match d {
                '\u{302}' => shape = '^',
                '\u{306}' => shape = '(',
                '\u{31B}' => base = Some(if base == Some(b'o') { 0xF4 } else { 0xF6 }),
                '\u{301}' => tone = '\'',
                '\u{300}' => tone = '`',
                '\u{309}' => tone = '?',
                '\u{303}' => tone = '~',
                '\u{323}' => tone = '.',
                d => base = Some(d as u8),
            }
        }
        out.push(base.unwrap_or_else(|| panic!("{c}")));
        if (shape, tone) != (' ', ' ') {
            out.push(MARKS.iter().find(|m| (m.0, m.1) == (shape, tone)).unwrap_or_else(|| panic!("{c}")).2);
        }
    }
    out
}

fn refused_as(bytes: &[u8], name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let run = soi(&["check", "--format", "concise", p.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    run.stderr.split_whitespace().collect::<Vec<_>>().join(" ").replace(" │", "")
}

#[test]
fn ordinary_vietnamese_with_latin1_letters_is_not_taken_for_tcvn3() {
    // Only letters that Latin-1 also has: "có", "không", "công", "tích", "thì", "lúa".
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("a.txt", "có ".repeat(20)), ("b.txt", "có không công tích thì lúa, ".repeat(20))] {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let run = soi(&["claims", p.to_str().unwrap()]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{name}");
    }
}

#[test]
fn legacy_vietnamese_files_are_refused_with_their_encoding_named() {
    let cp1258 = std::fs::read(fixture("legacy/cp1258.txt")).unwrap();
    let iconv = |from: &str| format!("; hoặc `iconv -f {from} -t UTF-8 tệp.txt > tệp-utf8.txt`.");
    for (bytes, name, how) in [
        (tcvn3(SENTENCE), "TCVN3 (ABC)", iconv("TCVN5712-1")),
        (vni(SENTENCE), "VNI", ", đích Unicode.".to_owned()),
        (cp1258, "Windows-1258", iconv("CP1258")),
    ] {
        let err = refused_as(&bytes, "cu.txt");
        assert!(err.contains(&format!("cu.txt: tệp có vẻ dùng bảng mã tiếng Việt cũ 8-bit ({name}), không phải Unicode")), "{name}: {err}");
        // How to convert, for that encoding (iconv has no VNI).
        assert!(err.contains(&format!("nguồn {name}, đích Unicode")) && err.ends_with(&how), "{name}: {err}");
    }
}

#[test]
fn legacy_text_misread_as_latin1_and_saved_as_utf8_is_refused() {
    // What a converter that assumed Latin-1 makes of TCVN3 and VNI files: valid UTF-8.
    for (bytes, name) in [(tcvn3(SENTENCE), "TCVN3 (ABC)"), (vni(SENTENCE), "VNI")] {
        let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
        let err = refused_as(latin1.as_bytes(), "mojibake.txt");
        assert!(err.contains(&format!("mojibake.txt: tệp có vẻ dùng bảng mã tiếng Việt cũ 8-bit ({name})")), "{name}: {err}");
    }
}

#[test]
fn latin1_that_is_not_vietnamese_is_just_not_utf8() {
    let err = refused_as(b"Notes\nR\xe9sum\xe9 du caf\xe9 : 12 tonnes, 3 \xe9t\xe9s.\n", "fr.txt");
    assert!(err.contains("fr.txt: dòng 2: không phải UTF-8 hợp lệ (byte 0xe9)"), "{err}");
    assert!(!err.contains("bảng mã tiếng Việt cũ"), "{err}");
}

/// Every passage of the evaluation set and every paragraph of every corpus report, each in a
/// file of its own, reads without error.
#[test]
fn every_real_passage_and_paragraph_reads() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let read_dir = |d: &str| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(shared.join(d)).map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        v.sort();
        v
    };
    let (passages, reports) = (read_dir("eval/dev/passages"), read_dir("corpus"));
    if passages.is_empty() || reports.is_empty() {
        eprintln!("SKIPPED: ../shared/eval/dev/passages or ../shared/corpus not found; real-text decoding not tested");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut texts: Vec<(String, String)> = passages.iter().map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap())).collect();
    for r in &reports {
        let whole = std::fs::read_to_string(r).unwrap();
        for (i, para) in whole.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
            texts.push((format!("{} paragraph {}", r.display(), i + 1), para.to_owned()));
        }
    }
    let mut refused = Vec::new();
    for (k, (name, text)) in texts.iter().enumerate() {
        let p = dir.path().join(format!("{k}.txt"));
        std::fs::write(&p, text).unwrap();
        if let Err(e) = soi::source::Source::read(&p) {
            refused.push(format!("{name}: {e}"));
        }
    }
    assert!(refused.is_empty(), "{} of {} refused:\n{}", refused.len(), texts.len(), refused.join("\n"));
}

/// Zero-width characters, no-break spaces, a stray BOM and old-Mac line endings (a lone CR)
/// lose no finding, and every position is a line and column of the file as written.
#[test]
fn invisible_characters_and_lone_cr_keep_findings_at_original_positions() {
    let clean = "Báo cáo tháng 5.\nTổng vốn giao là 1.000 triệu đồng (gồm: vốn đầu tư 600 triệu đồng; vốn sự nghiệp 300 triệu đồng).\n";
    let message = "error[SOI202] Các thành phần cộng lại 900 triệu đồng, thiếu so với tổng 1.000 triệu đồng (danh sách mở đầu bằng \"gồm\" là danh sách đầy đủ)";
    let cases = [
        ("clean.txt", clean.to_owned(), "2:18"),
        ("zero-width.txt", clean.replace("1.000 ", "1.000\u{200b} ").replace("600 ", "600\u{200c} ").replace("300 ", "300\u{2060} "), "2:18"),
        ("nbsp.txt", clean.replace("1.000 ", "1.000\u{a0}").replace("600 ", "600\u{202f}").replace("300 ", "300\u{feff} "), "2:18"),
        ("cr.txt", clean.replace('\n', "\r"), "2:18"),
        // Invisible characters before the figure are characters of the line as written.
        ("shifted.txt", clean.replace('\n', "\r").replace("Tổng vốn", "\u{200d}Tổng\u{a0}vốn\u{200b}"), "2:20"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, text, at) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, &text).unwrap();
        let run = soi(&["check", "--format", "concise", p.to_str().unwrap()]);
        assert_eq!(run.stdout, format!("{}:{at}: {message}\n", p.display()), "{name}");
        let figures: Vec<String> = common::figures(p.to_str().unwrap()).into_iter().map(|f| f.rsplit_once("| ").unwrap().1.to_owned()).collect();
        // Columns count the characters of the line as written, invisible ones included.
        let line = text.split(['\n', '\r']).nth(1).unwrap();
        let col = |figure: &str| line[..line.find(figure).unwrap()].chars().count() + 1;
        let want = [
            format!("2:{} total 1000 triệu đồng", col("1.000")),
            format!("2:{} part 600 triệu đồng", col("600")),
            format!("2:{} part 300 triệu đồng", col("300")),
        ];
        assert_eq!(figures, want, "{name}");
    }
    // The human report shows the line as the file has it, under its own number.
    let p = dir.path().join("shifted.txt");
    let human = soi(&["check", "--color", "never", p.to_str().unwrap()]).stdout;
    assert!(human.contains("shifted.txt:2:20]"), "{human}");
    assert!(human.contains(" 2 │ …giao là 1.000 triệu đồng (gồm: vốn đầu tư 600 triệu đồng"), "{human}");
}
