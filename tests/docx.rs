//! Word documents: reading (runs, numbering, tables, footnotes, tracked changes), the
//! annotated copy, bad packages, and a corpus report converted by LibreOffice.

mod common;
use common::{findings, fixture, soi};
use std::io::{Read, Write};
use std::path::Path;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A minimal .docx from the body XML and optional extra parts.
fn docx(path: &Path, body: &str, extra: &[(&str, &str)]) {
    let mut parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ),
        (
            "word/_rels/document.xml.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#.into(),
        ),
        ("word/document.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)),
    ];
    for (n, x) in extra {
        parts.retain(|(p, _)| p != n);
        parts.push((n.to_string(), x.to_string()));
    }
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    for (n, x) in parts {
        z.start_file(n, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(x.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn claims_rows(path: &str) -> Vec<String> {
    common::figures(path).into_iter().map(|r| r.rsplit_once("| ").unwrap().1.to_owned()).collect()
}

#[test]
fn numbers_split_over_runs_tables_and_tracked_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.docx");
    let body = [
        // Word split "42.564" over three runs; the plan and the percent are intact.
        p(&format!("{}{}{}{}", r("Tổng kế hoạch vốn là 123.643 triệu đồng; lũy kế giải ngân là 42."), r("5"), r("64 triệu đồng, đạt "), r("34,4% kế hoạch."))),
        // A tracked change: "28%" deleted, "30%" inserted.
        p(&format!(
            r#"{}<w:del w:id="1" w:author="A"><w:r><w:delText>28%</w:delText></w:r></w:del><w:ins w:id="2" w:author="A">{}</w:ins>{}"#,
            r("Vốn huyện giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt "),
            r("30%"),
            r(" kế hoạch.")
        )),
        // A table row: each row is one line.
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Tổng thu</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>90 tỷ đồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_owned(),
        // A field: its result is read, its instruction is not.
        p(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE 77 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Doanh thu đạt 5 tỷ đồng.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#),
    ]
    .concat();
    docx(&path, &body, &[]);
    let path = path.to_str().unwrap();
    let rows = claims_rows(path);
    assert_eq!(
        rows,
        vec![
            "1:22 value 123643 triệu đồng",
            "1:62 value 42564 triệu đồng",
            "1:85 plan_percent 34.4 %",
            "2:21 ratio_numerator 9300 triệu đồng",
            "2:38 ratio_denominator 31000 triệu đồng",
            "2:61 plan_percent 30 %",
            "3:14 value 90 tỷ đồng",
            "4:15 value 5 tỷ đồng",
        ]
    );
    // 30% is right (the deleted 28% is not read): nothing to report.
    assert_eq!(findings(&[path]), (0, vec![]));
}

#[test]
fn footnotes_are_read_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.docx");
    let body = p(&format!(r#"{}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>{}"#, r("Phát hiện xử lý 05 vụ vi phạm"), r(".")));
    let notes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Trong đó: 03 vụ hàng giả, 01 vụ hàng lậu.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    docx(&path, &body, &[("word/footnotes.xml", &notes)]);
    let path = path.to_str().unwrap();
    let run = soi(&["claims", "--format", "json", path]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let claims = v["files"][0]["claims"].as_array().unwrap();
    let roles: Vec<(u64, &str, &str, &str)> = claims
        .iter()
        .flat_map(|c| c["figures"].as_array().unwrap().iter().map(move |f| (f["line"].as_u64().unwrap(), f["role"].as_str().unwrap(), f["value"].as_str().unwrap(), c["role"].as_str().unwrap())))
        .collect();
    // The footnote's parts are linked to the figure its reference follows.
    assert_eq!(roles, vec![(1, "total", "5", "body"), (2, "part", "3", "footnote"), (2, "part", "1", "footnote")]);
    // 3 + 1 ≠ 5 in a list that names its parts; the finding is on the total.
    let (code, list) = findings(&[path]);
    assert_eq!((code, list), (0, vec![]), "a \"trong đó\" subset of 4 of 5 is not reported");
}

#[test]
fn annotated_copy_has_one_comment_per_finding_on_the_figure() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("du-thao.docx");
    std::fs::copy(fixture("docx/bao-cao-mau.docx"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("du-thao.soi.docx");
    let run = soi(&["check", "--format", "json", input.to_str().unwrap(), "--annotate", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read(&input).unwrap(), before, "the original is never modified");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stated: Vec<String> = v["findings"].as_array().unwrap().iter().map(|f| f["stated"].as_str().unwrap_or("").to_owned()).collect();
    assert_eq!(stated.len(), 6);

    let mut zin = zip::ZipArchive::new(std::fs::File::open(&input).unwrap()).unwrap();
    let mut zout = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let read = |z: &mut zip::ZipArchive<std::fs::File>, n: &str| {
        let mut s = String::new();
        z.by_name(n).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let doc = read(&mut zout, "word/document.xml");
    let comments = read(&mut zout, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), 6);
    assert_eq!(comments.matches(r#"w:author="soi""#).count(), 6);
    // Each comment's range holds exactly the disputed figure (the doubled word, the period).
    let text_in = |x: &str| x.split("<w:t").skip(1).map(|t| t.split_once('>').unwrap().1.split("</w:t>").next().unwrap().to_owned()).collect::<String>();
    let mut anchored = Vec::new();
    for i in 0..6 {
        let a = doc.find(&format!(r#"<w:commentRangeStart w:id="{i}"/>"#)).unwrap();
        let b = doc.find(&format!(r#"<w:commentRangeEnd w:id="{i}"/>"#)).unwrap();
        assert!(doc.contains(&format!(r#"<w:commentReference w:id="{i}"/>"#)));
        anchored.push(text_in(&doc[a..b]));
    }
    assert_eq!(anchored, vec!["13.480 tấn/ha", "12.350 con", "36,2%", "cho cho", "12%", "6 THÁNG CUỐI NĂM 2023"]);
    // Every other part is copied byte for byte.
    for i in 0..zin.len() {
        let name = zin.by_index(i).unwrap().name().to_owned();
        if ["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"].contains(&name.as_str()) {
            continue;
        }
        assert_eq!(read(&mut zin, &name), read(&mut zout, &name), "{name} changed");
    }
    assert!(read(&mut zout, "[Content_Types].xml").contains("/word/comments.xml"));
    assert!(read(&mut zout, "word/_rels/document.xml.rels").contains("comments.xml"));
    // Re-reading the annotated copy gives the same findings.
    let again = soi(&["check", "--format", "concise", out.to_str().unwrap()]);
    let strip = |s: &str| s.lines().map(|l| l.split_once(':').unwrap().1.to_owned()).collect::<Vec<_>>();
    let first = soi(&["check", "--format", "concise", input.to_str().unwrap()]);
    assert_eq!(strip(&again.stdout), strip(&first.stdout));
    // Writing over the input is refused.
    let over = soi(&["check", input.to_str().unwrap(), "--annotate", input.to_str().unwrap()]);
    assert_eq!(over.code, 2);
    assert!(over.stderr.contains("trùng với tệp gốc"), "{}", over.stderr);
}

#[test]
fn existing_comments_are_kept_and_extended() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("c.docx");
    let comments = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:comments {W}><w:comment w:id="4" w:author="Chị Lan"><w:p><w:r><w:t>Xem lại mục này</w:t></w:r></w:p></w:comment></w:comments>"#);
    let body = p(&format!(r#"<w:commentRangeStart w:id="4"/>{}<w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r>"#, r("Doanh thu đạt đạt 5 tỷ đồng.")));
    docx(&input, &body, &[("word/comments.xml", &comments)]);
    let out = dir.path().join("c.soi.docx");
    let run = soi(&["check", input.to_str().unwrap(), "--annotate", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut c = String::new();
    z.by_name("word/comments.xml").unwrap().read_to_string(&mut c).unwrap();
    assert!(c.contains(r#"<w:comment w:id="4" w:author="Chị Lan">"#));
    assert!(c.contains(r#"<w:comment w:id="5" w:author="soi""#), "{c}");
    assert_eq!(c.matches("<w:comment ").count(), 2);
}

#[test]
fn bad_packages_get_one_clear_error_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("text.docx"), "không phải zip").unwrap();
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(vec![0u8; 1024]);
    std::fs::write(d.join("encrypted.docx"), cfb).unwrap();
    docx(&d.join("nodoc.docx"), "", &[]);
    {
        // Remove word/document.xml by writing a package without it.
        let f = std::fs::File::create(d.join("nodoc.docx")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file("[Content_Types].xml", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.finish().unwrap();
    }
    {
        // 80 MB of zeros compress to almost nothing.
        let f = std::fs::File::create(d.join("bomb.docx")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..80 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    let lol = format!(r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#);
    docx(&d.join("entities.docx"), "", &[("word/document.xml", &lol)]);
    let run = soi(&[
        "check",
        "--format",
        "concise",
        d.join("text.docx").to_str().unwrap(),
        d.join("encrypted.docx").to_str().unwrap(),
        d.join("nodoc.docx").to_str().unwrap(),
        d.join("bomb.docx").to_str().unwrap(),
        d.join("entities.docx").to_str().unwrap(),
        &fixture("share.txt"),
    ]);
    assert_eq!(run.code, 2);
    for expected in [
        "text.docx: không đọc được tài liệu Word: không phải tệp .docx (không phải gói zip)",
        "encrypted.docx: không đọc được tài liệu Word: tài liệu được mã hóa bằng mật khẩu (hoặc là tệp .doc cũ); hãy lưu lại thành .docx không có mật khẩu",
        "nodoc.docx: không đọc được tài liệu Word: thiếu word/document.xml: không phải tài liệu Word",
        "bomb.docx: không đọc được tài liệu Word: word/document.xml giải nén ra hơn 67108864 byte: có thể là zip bomb",
        "entities.docx: không đọc được tài liệu Word: word/document.xml có khai báo DTD/ENTITY; soi không mở rộng thực thể XML (có thể là XML bomb)",
    ] {
        // miette wraps at 80 columns: compare without the wrapping.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '│').collect::<String>();
        assert!(squeeze(&run.stderr).contains(&squeeze(expected)), "missing {expected:?} in:\n{}", run.stderr);
    }
    assert!(run.stdout.contains("SOI103"), "the other file is still checked");
}

#[test]
fn audit_and_formats_work_for_docx() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("docx/bao-cao-mau.docx"), dir.path().join("m.docx")).unwrap();
    assert_eq!(common::soi_in(dir.path(), &["audit", "m.docx", "-o", "a.csv"]).code, 0);
    let csv = std::fs::read_to_string(dir.path().join("a.csv")).unwrap();
    assert!(csv.contains("m.docx,15,303,I > 4,body,vốn huyện quản lý giải ngân,\"36,2%\",36.2,%,plan_percent,SOI101,lệch,SOI101,\"38,68%\""), "{csv}");
    let m = dir.path().join("m.docx");
    let m = m.to_str().unwrap();
    for format in ["sarif", "github", "json", "concise", "human"] {
        let run = soi(&["check", "--format", format, m]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    }
    // Human output shows the paragraph text around the labels (a window of the long paragraph).
    let human = soi(&["check", "--color", "never", m]).stdout;
    assert!(human.contains("15 │ …vốn huyện quản lý giải ngân 25.720 triệu đồng/66.500 triệu đồng, đạt 36,2% kế hoạch).\n"), "{human}");
}

#[test]
fn corpus_report_as_docx_reads_like_the_txt_and_annotated_copy_opens() {
    let Some(office) = common::soffice() else { return };
    let Some(src) = common::corpus("000") else { return };
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("r.txt");
    std::fs::copy(&src, &txt).unwrap();
    let conv = std::process::Command::new(&office)
        .args(["--headless", "--infilter=Text (encoded):UTF8", "--convert-to", "docx", "r.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(conv.status.success(), "{}", String::from_utf8_lossy(&conv.stderr));
    let docx = dir.path().join("r.docx");
    let (t, d) = (txt.to_str().unwrap(), docx.to_str().unwrap());
    // The same figures (value and role, paragraph = line) and the same findings, rule by rule.
    assert_eq!(claims_rows(t), claims_rows(d));
    let (tc, tl) = findings(&[t]);
    let (dc, dl) = findings(&[d]);
    assert_eq!((tc, &tl), (dc, &dl));
    // The design card's findings are among them (the .docx reads like the .txt, line = paragraph).
    assert!(tl.iter().any(|f| f.starts_with("26:870 ") && f.ends_with("SOI101")), "{tl:?}");
    assert!(tl.iter().any(|f| f.starts_with("101:") && f.ends_with("SOI301")), "{tl:?}");
    // The annotated copy opens in LibreOffice.
    let ann = dir.path().join("r.soi.docx");
    assert_eq!(soi(&["check", d, "--annotate", ann.to_str().unwrap()]).code, 1);
    let pdf = std::process::Command::new(&office).args(["--headless", "--convert-to", "pdf", "r.soi.docx"]).current_dir(dir.path()).output().unwrap();
    assert!(pdf.status.success() && dir.path().join("r.soi.pdf").exists(), "{}", String::from_utf8_lossy(&pdf.stderr));
    assert_eq!(findings(&[ann.to_str().unwrap()]).1, dl);
}
