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
    // 3 + 1 ≠ 5: two parts that make up most of the total may be the two main ones, so the
    // shortfall is a note on the total, and the exit code stays 0.
    let (code, list) = findings(&[path]);
    assert_eq!((code, list), (0, vec!["1:17 info SOI202".to_owned()]), "a \"trong đó\" list of 4 of 5 is a note");
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

    parse_all_parts(&out);
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
    parse_all_parts(&out);
    assert_eq!(findings(&[out.to_str().unwrap()]), findings(&[input.to_str().unwrap()]));
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
    parse_all_parts(&ann);
    let pdf = std::process::Command::new(&office).args(["--headless", "--convert-to", "pdf", "r.soi.docx"]).current_dir(dir.path()).output().unwrap();
    assert!(pdf.status.success() && dir.path().join("r.soi.pdf").exists(), "{}", String::from_utf8_lossy(&pdf.stderr));
    assert_eq!(findings(&[ann.to_str().unwrap()]).1, dl);
}

/// Every XML part of a package parses as namespace-aware XML: tags match, nothing is cut
/// short, every prefix is declared. Returns the parts' text.
fn parse_all_parts(path: &Path) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().to_owned();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut x = String::new();
        f.read_to_string(&mut x).unwrap();
        let mut r = quick_xml::NsReader::from_str(&x);
        let mut depth = 0usize;
        loop {
            let ev = r.read_event().unwrap_or_else(|e| panic!("{name}: {e}\n{x}"));
            match &ev {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    depth += usize::from(matches!(ev, Event::Start(_)));
                    assert!(!matches!(r.resolve_element(e.name()).0, ResolveResult::Unknown(_)), "{name}: undeclared prefix in {e:?}");
                    for a in e.attributes() {
                        assert!(!matches!(r.resolve_attribute(a.unwrap().key).0, ResolveResult::Unknown(_)), "{name}: undeclared attribute prefix in {e:?}");
                    }
                }
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "{name} is cut short");
        parts.push((name, x));
    }
    parts
}

/// Annotates `input` into `out`, checks the copy is sound XML, reads to the same findings,
/// and holds one soi comment per finding on exactly `anchored` (the text of each range).
fn annotate_and_check(input: &Path, anchored: &[&str]) -> Vec<(String, String)> {
    let out = input.with_extension("soi.docx");
    let run = soi(&["check", "--format", "concise", input.to_str().unwrap(), "--annotate", out.to_str().unwrap()]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let parts = parse_all_parts(&out);
    assert_eq!(findings(&[out.to_str().unwrap()]), findings(&[input.to_str().unwrap()]), "the annotated copy reads to the same findings");
    let part = |n: &str| parts.iter().find(|(p, _)| p == n).map(|(_, x)| x.clone()).unwrap_or_default();
    let doc = part("word/document.xml");
    let rels = part("word/_rels/document.xml.rels");
    let types = part("[Content_Types].xml");
    assert!(rels.contains("relationships/comments"), "{rels}");
    assert!(types.contains(r#"PartName="/word/comments.xml""#), "{types}");
    // The text inside each comment's range, whatever the prefix of the document.
    let mut texts = Vec::new();
    let mut r = quick_xml::NsReader::from_str(&doc);
    let mut open: Vec<String> = Vec::new();
    let mut in_t = false;
    loop {
        use quick_xml::events::Event;
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Empty(e) => {
                let local = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
                let id = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == b"id").map(|a| String::from_utf8(a.value.to_vec()).unwrap());
                if local == "commentRangeStart" {
                    open.push(id.unwrap());
                    texts.push(String::new());
                } else if local == "commentRangeEnd" {
                    let id = id.unwrap();
                    open.retain(|o| *o != id);
                }
            }
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::Text(t) if in_t => {
                let s = t.decode().unwrap().into_owned();
                let n = texts.len();
                for (k, text) in texts.iter_mut().enumerate() {
                    if k + open.len() >= n {
                        text.push_str(&s);
                    }
                }
            }
            _ => {}
        }
    }
    assert_eq!(texts, anchored);
    parts
}

const ROOT_NS: &str = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

fn document(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W} {ROOT_NS}><w:body>{body}</w:body></w:document>"#)
}

/// A body with a text box (and its fallback copy), a nested table, merged and spanned cells.
fn structured_body() -> String {
    let cell = |text: &str, props: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(&r(text)));
    let txbx = |text: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(&r(text)));
    [
        // A paragraph with a text box between its runs: the box comes on the next line.
        p(&format!(
            r#"{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}"#,
            r("Doanh thu đạt 90 tỷ đồng"),
            txbx("Chi phí đạt đạt 50 tỷ đồng"),
            txbx("Chi phí đạt đạt 50 tỷ đồng"),
            r(", tăng 5%.")
        )),
        // A row whose second cell holds a nested table: the nested rows follow the row.
        format!(
            "<w:tbl><w:tr>{}<w:tc>{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl></w:tc></w:tr></w:tbl>",
            cell("Tổng thu", ""),
            p(&r("90 tỷ đồng")),
            cell("Thu A", ""),
            cell("60 tỷ đồng", ""),
            cell("Thu B", ""),
            cell("với với 30 tỷ đồng", "")
        ),
        // A spanned header cell, a vertical merge, a skipped first grid column.
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
            cell("Chỉ tiêu", r#"<w:gridSpan w:val="2"/>"#),
            cell("Giá trị", ""),
            cell("Nông nghiệp", r#"<w:vMerge w:val="restart"/>"#),
            cell("Lúa", ""),
            cell("40 ha", ""),
            cell("", "<w:vMerge/>"),
            cell("Ngô", ""),
            cell("12 ha", ""),
            cell("Rau", ""),
            cell("8 ha", ""),
        ),
        p(&r("Cuối cùng là là 7 tấn.")),
    ]
    .concat()
}

#[test]
fn text_boxes_nested_tables_and_merged_cells_keep_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.docx");
    docx(&path, "", &[("word/document.xml", &document(&structured_body()))]);
    let path = path.to_str().unwrap();
    assert_eq!(
        claims_rows(path),
        vec![
            "1:15 value 90 tỷ đồng",
            "1:32 growth_percent 5 %",
            "2:17 value 50 tỷ đồng",
            "3:14 value 90 tỷ đồng",
            "4:11 value 60 tỷ đồng",
            "5:19 value 30 tỷ đồng",
            // "| Chỉ tiêu |  | Giá trị |" has no figure; then "| Nông nghiệp | Lúa | 40 ha |",
            // "|  | Ngô | 12 ha |" (merged), "|  | Rau | 8 ha |" (one grid column skipped).
            "7:23 value 40 ha",
            "8:12 value 12 ha",
            "9:12 value 8 ha",
            "10:17 value 7 tấn",
        ]
    );
    // The doubled words in the text box, the nested cell and the last paragraph, each once.
    assert_eq!(findings(&[path]), (1, vec!["2:9 warning SOI501".into(), "5:11 warning SOI501".into(), "10:11 warning SOI501".into()]));
    annotate_and_check(Path::new(path), &["đạt đạt", "với với", "là là"]);
}

/// The main namespace bound to another prefix, or as the default namespace, reads the same.
#[test]
fn any_prefix_for_the_main_namespace_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("w.docx");
    let body = structured_body();
    docx(&base, "", &[("word/document.xml", &document(&body))]);
    let want = claims_rows(base.to_str().unwrap());
    let want_findings = findings(&[base.to_str().unwrap()]);
    let ns0 = document(&body).replace("<w:", "<ns0:").replace("</w:", "</ns0:").replace(" w:", " ns0:").replace("xmlns:w=", "xmlns:ns0=");
    let default = document(&body).replace("<w:", "<").replace("</w:", "</").replace(" w:", " ").replace("xmlns:w=", "xmlns=");
    for (name, xml) in [("ns0.docx", ns0), ("default.docx", default)] {
        let path = dir.path().join(name);
        docx(&path, "", &[("word/document.xml", &xml)]);
        assert_eq!(claims_rows(path.to_str().unwrap()), want, "{name}");
        assert_eq!(findings(&[path.to_str().unwrap()]), want_findings, "{name}");
        annotate_and_check(&path, &["đạt đạt", "với với", "là là"]);
    }
}

#[test]
fn a_document_cut_short_or_ill_formed_is_an_error_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let full = document(&[p(&r("Doanh thu đạt 5 tỷ đồng.")), p(&r("Chi phí đạt đạt 3 tỷ đồng.")), p(&r("Lợi nhuận đạt 2 tỷ đồng."))].concat());
    let cut = &full[..full.len() / 2];
    let mismatched = full.replacen("</w:t>", "</w:r>", 1);
    let numbering = format!(r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">"#);
    let cases = [
        ("cut.docx", "word/document.xml", cut.to_owned(), "word/document.xml bị cắt cụt: hết dữ liệu khi thẻ <w:"),
        ("mismatched.docx", "word/document.xml", mismatched, "word/document.xml không phải XML hợp lệ"),
        ("numbering.docx", "word/numbering.xml", numbering, "word/numbering.xml bị cắt cụt"),
        // Cut before its first element: nothing to read is not an empty report.
        ("empty.docx", "word/document.xml", String::new(), "word/document.xml không có phần tử nào (trống hoặc bị cắt cụt)"),
    ];
    for (file, part, xml, message) in cases {
        let path = dir.path().join(file);
        if part == "word/document.xml" {
            docx(&path, "", &[(part, &xml)]);
        } else {
            docx(&path, &p(&r("Doanh thu đạt 5 tỷ đồng.")), &[(part, &xml)]);
        }
        let run = soi(&["check", "--format", "concise", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{file}: {}", run.stdout);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '│').collect::<String>();
        assert!(squeeze(&run.stderr).contains(&squeeze(&format!("{file}: không đọc được tài liệu Word: {message}"))), "{file}: {}", run.stderr);
    }
}

#[test]
fn hostile_numbering_is_bounded_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.docx");
    // A level index far past 8, a roman start near u32::MAX, a label of ten thousand "%1".
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="4294967295"><w:start w:val="4294967290"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%9.{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        "%1".repeat(10_000)
    );
    let numbered = |text: &str| format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="18446744073709551615"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#, r(text));
    let body = [numbered("Doanh thu đạt 5 tỷ đồng."), numbered("Chi phí đạt 3 tỷ đồng.")].concat();
    docx(&path, &body, &[("word/numbering.xml", &numbering)]);
    let run = soi(&["claims", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The level is read as 8, its start as 10 000 (ten M), its text as its first 64 characters:
    // "MMMMMMMMMM." then thirty "%1" (level 0, undefined: 1) and a lone "%".
    let rows = claims_rows(path.to_str().unwrap());
    assert_eq!(rows, vec!["1:58 value 5 tỷ đồng", "2:57 value 3 tỷ đồng"]);
}

#[test]
fn annotating_tracked_formatting_pandoc_comments_other_prefixes_and_missing_rels() {
    let dir = tempfile::tempdir().unwrap();
    // A run with a tracked formatting change: its properties nest another w:rPr.
    let changed = format!(
        r#"<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="9" w:author="A" w:date="2024-01-01T00:00:00Z"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>Doanh thu đạt đạt 5 tỷ đồng.</w:t></w:r></w:p>"#
    );
    let a = dir.path().join("rprchange.docx");
    docx(&a, &changed, &[]);
    annotate_and_check(&a, &["đạt đạt"]);

    // pandoc writes an empty comments part as a self-closing root.
    let b = dir.path().join("pandoc.docx");
    let empty_comments = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:comments {W} />"#);
    docx(&b, &p(&r("Doanh thu đạt đạt 5 tỷ đồng.")), &[("word/comments.xml", &empty_comments)]);
    let parts = annotate_and_check(&b, &["đạt đạt"]);
    let comments = &parts.iter().find(|(n, _)| n == "word/comments.xml").unwrap().1;
    assert!(comments.contains(r#"<w:comment w:id="0" w:author="soi""#), "{comments}");

    // A comments part under another prefix keeps its comments and gets ours after them.
    let c = dir.path().join("ns0.docx");
    let ns0 = r#"<?xml version="1.0" encoding="UTF-8"?><ns0:comments xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:comment ns0:id="7" ns0:author="B"><ns0:p><ns0:r><ns0:t>Xem lại</ns0:t></ns0:r></ns0:p></ns0:comment></ns0:comments>"#;
    docx(&c, &p(&r("Doanh thu đạt đạt 5 tỷ đồng.")), &[("word/comments.xml", ns0)]);
    let parts = annotate_and_check(&c, &["đạt đạt"]);
    let comments = &parts.iter().find(|(n, _)| n == "word/comments.xml").unwrap().1;
    assert!(comments.contains(r#"<ns0:comment ns0:id="7" ns0:author="B">"#), "{comments}");
    assert!(comments.contains(r#"w:id="8" w:author="soi""#), "{comments}");

    // No word/_rels/document.xml.rels at all: it is created with the comments relationship.
    let d = dir.path().join("norels.docx");
    docx(&d, &p(&r("Doanh thu đạt đạt 5 tỷ đồng.")), &[]);
    {
        let mut z = zip::ZipArchive::new(std::fs::File::open(&d).unwrap()).unwrap();
        let f = std::fs::File::create(dir.path().join("norels2.docx")).unwrap();
        let mut w = zip::ZipWriter::new(f);
        for i in 0..z.len() {
            let e = z.by_index_raw(i).unwrap();
            if e.name() != "word/_rels/document.xml.rels" {
                w.raw_copy_file(e).unwrap();
            }
        }
        w.finish().unwrap();
    }
    annotate_and_check(&dir.path().join("norels2.docx"), &["đạt đạt"]);
}

#[test]
fn an_annotated_copy_that_cannot_be_written_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.docx");
    docx(&input, &p(&r("Doanh thu đạt đạt 5 tỷ đồng.")), &[]);
    let missing = dir.path().join("khong-co/ra.docx");
    let cases = [
        ("/dev/full".to_owned(), "/dev/full: không ghi được: ổ đĩa đã đầy"),
        (missing.display().to_string(), "ra.docx: không ghi được: thư mục chứa tệp không tồn tại"),
    ];
    for (out, message) in cases {
        let run = soi(&["check", "--format", "concise", input.to_str().unwrap(), "--annotate", &out]);
        assert_eq!(run.code, 2, "{out}");
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '│').collect::<String>();
        assert!(squeeze(&run.stderr).contains(&squeeze(message)), "{out}: {}", run.stderr);
        assert!(!run.stderr.contains("ZipWriter"), "{}", run.stderr);
        assert!(run.stdout.contains("SOI501"), "the findings are still printed");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    // Nothing half-written is left beside the input.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, ["a.docx"]);
}

/// A .docx checked with the other reports of its series gets the series findings as comments
/// too: the annotated copy is written once they are known.
#[test]
fn an_annotated_report_carries_its_series_findings() {
    let dir = tempfile::tempdir().unwrap();
    let series = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/series/errors");
    let text = std::fs::read_to_string(series.join("bc-2024-thang-05.md")).unwrap();
    let body: String = text.lines().filter(|l| !l.trim().is_empty()).map(|l| p(&r(&l.replace('&', "&amp;")))).collect();
    let input = dir.path().join("bc-2024-thang-05.docx");
    docx(&input, &body, &[]);
    let mut args: Vec<String> = vec!["check".into(), "--format".into(), "concise".into()];
    for m in ["bc-2024-thang-02.md", "bc-2024-thang-03.md", "bc-2024-thang-04.md"] {
        args.push(series.join(m).display().to_string());
    }
    let out = dir.path().join("thang-05.soi.docx");
    args.extend([input.display().to_string(), "--annotate".into(), out.display().to_string()]);
    let run = soi(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("bc-2024-thang-05.docx:7:81: warning[SOI805]"), "{}", run.stdout);
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut c = String::new();
    z.by_name("word/comments.xml").unwrap().read_to_string(&mut c).unwrap();
    assert!(c.contains("[SOI805]") && c.contains("[SOI804]"), "{c}");
    parse_all_parts(&out);
    // The series may be a directory that holds .docx reports too: the one named is annotated.
    let sibling = series.join("bc-2024-thang-04.md");
    let in_dir = dir.path().join("chuoi");
    std::fs::create_dir(&in_dir).unwrap();
    std::fs::copy(&sibling, in_dir.join("bc-2024-thang-04.md")).unwrap();
    docx(&in_dir.join("khac.docx"), &p(&r("Doanh thu đạt 5 tỷ đồng.")), &[]);
    let walked = soi(&["check", input.to_str().unwrap(), in_dir.to_str().unwrap(), "--annotate", out.to_str().unwrap()]);
    assert_eq!(walked.code, 1, "{}", walked.stderr);
    // Two .docx files named cannot both be annotated into one copy.
    let other = dir.path().join("khac.docx");
    docx(&other, &p(&r("Doanh thu đạt 5 tỷ đồng.")), &[]);
    let two = soi(&["check", input.to_str().unwrap(), other.to_str().unwrap(), "--annotate", out.to_str().unwrap()]);
    assert_eq!(two.code, 2);
    assert!(two.stderr.contains("--annotate cần đúng một tệp .docx"), "{}", two.stderr);
}
