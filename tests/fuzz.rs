//! Property tests over the whole pipeline, bytes to findings, in the normal test suite:
//! whatever the input, reading never panics and every location points into the file. Beside
//! random text and bytes: numbers at the edges of a Decimal, long number chains, deep
//! parentheses, and generated .docx packages with hostile structure and numbering (read,
//! checked, annotated, and the annotated copy read again).

use std::io::Write;

use proptest::prelude::*;
use soi::prelude::*;

/// Fragments real reports are made of, so random input reaches the interesting code.
const PIECES: &[&str] = &[
    "Tổng thu", " đạt ", " 1.234,5 ", "tỷ đồng", "triệu đồng/", "30.766", " (trong đó: ", ")", "; ", ". ", "\n", "% kế hoạch",
    ", tăng ", "% so với cùng kỳ", " gồm: ", " chiếm ", "<sup>(1)</sup>", "[footnoteRef:2]", "[2: ", "]", "¹", " ha", "tấn/ha",
    "I. ", "1.1. ", "a) ", "- ", "**", "# ", "ĐÁNH GIÁ CHUNG\n", "Phần thứ hai\n", " còn lại ", "lũy kế", " 21/28 trường", "m<sup>3</sup>",
    "năm 2022", "3 tháng cuối năm 2022", "đạt đạt", " 05/01/2024", "01/NQ-CP", "\u{0301}", "ả", "9,58%/năm", "hơn ", "(", "((",
    "\r", "\r\n", "\u{200b}", "\u{a0}", "\u{feff}", " | ", "tháng ", "quý ", " lần",
];

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => prop::sample::select(PIECES).prop_map(str::to_owned), 1 => any::<String>()], 0..80)
        .prop_map(|v| v.concat())
}

/// Numbers at the edges: up to 40 digits, 28 and more decimals, at and past Decimal::MAX, long
/// groupings, and chains of numbers joined by separators.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,3}(\\.[0-9]{3}){0,13}(,[0-9]{1,32})?",
        "[0-9]{20,40}(,[0-9]{1,40})?",
        "0,0{20,40}[1-9]",
        Just("79.228.162.514.264.337.593.543.950.335".to_owned()),
        Just("79.228.162.514.264.337.593.543.950.336".to_owned()),
        Just("7.922.816.251.426.433.759.354.395.033,5".to_owned()),
        Just("79228162514264337593543950335 nghìn tỷ 999 triệu".to_owned()),
        Just("0,0000000000000000000000000001".to_owned()),
        (prop::collection::vec("[0-9]{1,4}", 2..300), prop::sample::select(vec!["/", ",", ".", "-", ", ", " / ", ".1.234."]))
            .prop_map(|(v, sep)| v.join(sep)),
    ]
}

fn numbers_report() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![2 => prop::sample::select(PIECES).prop_map(str::to_owned), 2 => number()], 1..40).prop_map(|v| v.concat())
}

/// Parentheses nested thousands deep around report text, closed or not.
fn nested_report() -> impl Strategy<Value = String> {
    (0usize..800, 0usize..800, report()).prop_map(|(open, close, inner)| format!("Tổng vốn là 1.000 triệu đồng {}{inner}{}\n", "(trong đó: vốn A 5 triệu đồng ".repeat(open), ")".repeat(close)))
}

fn run(text: &str) {
    let src = Source::from_text(std::path::Path::new("fuzz.txt"), text.to_owned());
    run_source(src);
}

fn run_source(src: Source) -> (Document, Vec<Finding>) {
    let doc = Document::from_source(src);
    let findings = soi::checks::run(&doc, &RuleSet::default_rules(), Lang::Vi);
    // Lines end at LF, CRLF or a lone CR, as editors count them.
    let lines = doc.source.original.replace("\r\n", "\n").split(['\n', '\r']).count();
    for f in &findings {
        assert!(f.span.start <= f.span.end && f.span.end <= doc.source.original.len());
        assert!(f.span.start_loc.line >= 1 && f.span.end_loc.line <= lines);
        assert!(doc.source.original.is_char_boundary(f.span.start) && doc.source.original.is_char_boundary(f.span.end));
    }
    let _ = soi::report::claims_json(&[&doc]);
    let _ = soi::report::human(&doc, &findings, soi::report::Style { color: false, width: 80, lang: Lang::Vi });
    (doc, findings)
}

fn cases() -> u32 {
    std::env::var("SOI_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// A long run (SOI_FUZZ_CASES set) takes edge numbers through the checks and the printers too;
/// the short run in the suite stops at the claims for them, because the checks stage still
/// panics on some (open, listed in BENCHMARKS.md under Fuzzing).
fn long_run() -> bool {
    std::env::var_os("SOI_FUZZ_CASES").is_some()
}

thread_local! {
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// With SOI_FUZZ_COLLECT=FILE, a panic does not stop the run: its location, message and input
/// are appended to FILE (once per location) and the next case runs, so one long run lists
/// every distinct panic instead of the first.
fn guarded(input: &dyn std::fmt::Debug, package: Option<&[u8]>, f: impl FnOnce() + std::panic::UnwindSafe) {
    let Some(file) = std::env::var_os("SOI_FUZZ_COLLECT") else { return f() };
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            // Where in soi it happened (a panic inside a dependency is listed by its caller).
            let trace = std::backtrace::Backtrace::force_capture().to_string();
            let caller = trace.lines().map(str::trim).find(|l| l.contains(": soi::")).map(|l| l.split_once(": ").map_or(l, |p| p.1).to_owned());
            let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            let at = match caller {
                Some(c) => format!("{c} ({at})"),
                None => at,
            };
            let msg = info.payload().downcast_ref::<String>().cloned().or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            PANIC_AT.with(|p| *p.borrow_mut() = format!("{at}: {msg}"));
        }))
    });
    if std::panic::catch_unwind(f).is_err() {
        let at = PANIC_AT.with(|p| p.borrow().clone());
        let key = at.split(" (").next().unwrap_or("").to_owned();
        let seen = std::fs::read_to_string(&file).unwrap_or_default();
        if !seen.lines().any(|l| l.starts_with(&format!("PANIC {key} ("))) {
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&file).unwrap();
            let mut input = format!("{input:?}");
            input.truncate(input.floor_char_boundary(4000));
            if let Some(bytes) = package {
                // A package is kept whole beside the list, to open or unzip.
                let kept = format!("{}-{}.docx", file.to_string_lossy(), seen.lines().filter(|l| l.starts_with("PANIC")).count() + 1);
                std::fs::write(&kept, bytes).unwrap();
                input = format!("package written to {kept}");
            }
            writeln!(f, "PANIC {at}\nINPUT {input}\n").unwrap();
        }
    }
}

/// A piece of WordprocessingML, written with any prefix for the main namespace.
#[derive(Debug, Clone)]
enum Node {
    P(Vec<Node>),
    NumP(String, String, Vec<Node>),
    R(Vec<Node>),
    T(String),
    Tbl(Vec<Node>),
    Tr(String, Vec<Node>),
    Tc(String, Vec<Node>),
    TextBox(Vec<Node>),
    Del(Vec<Node>),
    FootRef(String),
    Tab,
}

/// Attribute values a hostile or broken producer might write.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,2}",
        Just("4294967295".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-1".to_owned()),
        Just("".to_owned()),
        Just("restart".to_owned()),
        "[a-z%0-9]{0,6}",
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let text = prop_oneof![prop::sample::select(PIECES).prop_map(str::to_owned), number()];
    let leaf = prop_oneof![text.prop_map(Node::T), value().prop_map(Node::FootRef), Just(Node::Tab)];
    leaf.prop_recursive(6, 120, 6, |inner| {
        let kids = prop::collection::vec(inner, 0..6);
        prop_oneof![
            kids.clone().prop_map(Node::P),
            (value(), value(), kids.clone()).prop_map(|(l, n, k)| Node::NumP(l, n, k)),
            kids.clone().prop_map(Node::R),
            kids.clone().prop_map(Node::Tbl),
            (value(), kids.clone()).prop_map(|(v, k)| Node::Tr(v, k)),
            (value(), kids.clone()).prop_map(|(v, k)| Node::Tc(v, k)),
            kids.clone().prop_map(Node::TextBox),
            kids.prop_map(Node::Del),
        ]
    })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn write_node(n: &Node, w: &str, out: &mut String) {
    let all = |kids: &[Node], out: &mut String| kids.iter().for_each(|k| write_node(k, w, out));
    match n {
        Node::P(k) => {
            out.push_str(&format!("<{w}p>"));
            all(k, out);
            out.push_str(&format!("</{w}p>"));
        }
        Node::NumP(l, id, k) => {
            out.push_str(&format!(r#"<{w}p><{w}pPr><{w}numPr><{w}ilvl {w}val="{}"/><{w}numId {w}val="{}"/></{w}numPr></{w}pPr>"#, esc(l), esc(id)));
            all(k, out);
            out.push_str(&format!("</{w}p>"));
        }
        Node::R(k) => {
            out.push_str(&format!("<{w}r><{w}rPr><{w}b/><{w}rPrChange {w}id=\"1\"><{w}rPr/></{w}rPrChange></{w}rPr>"));
            all(k, out);
            out.push_str(&format!("</{w}r>"));
        }
        Node::T(t) => out.push_str(&format!(r#"<{w}r><{w}t xml:space="preserve">{}</{w}t></{w}r>"#, esc(t))),
        Node::Tbl(k) => {
            out.push_str(&format!("<{w}tbl>"));
            all(k, out);
            out.push_str(&format!("</{w}tbl>"));
        }
        Node::Tr(v, k) => {
            out.push_str(&format!(r#"<{w}tr><{w}trPr><{w}gridBefore {w}val="{}"/></{w}trPr>"#, esc(v)));
            all(k, out);
            out.push_str(&format!("</{w}tr>"));
        }
        Node::Tc(v, k) => {
            out.push_str(&format!(r#"<{w}tc><{w}tcPr><{w}gridSpan {w}val="{0}"/><{w}vMerge {w}val="{0}"/></{w}tcPr>"#, esc(v)));
            all(k, out);
            out.push_str(&format!("</{w}tc>"));
        }
        Node::TextBox(k) => {
            out.push_str(&format!(r#"<{w}r><mc:AlternateContent><mc:Choice Requires="wps"><{w}drawing><{w}txbxContent>"#));
            all(k, out);
            out.push_str(&format!(r#"</{w}txbxContent></{w}drawing></mc:Choice><mc:Fallback><{w}txbxContent>"#));
            all(k, out);
            out.push_str(&format!("</{w}txbxContent></mc:Fallback></mc:AlternateContent></{w}r>"));
        }
        Node::Del(k) => {
            out.push_str(&format!(r#"<{w}del {w}id="3" {w}author="A">"#));
            all(k, out);
            out.push_str(&format!("</{w}del>"));
        }
        Node::FootRef(id) => out.push_str(&format!(r#"<{w}r><{w}footnoteReference {w}id="{}"/></{w}r>"#, esc(id))),
        Node::Tab => out.push_str(&format!("<{w}r><{w}tab/></{w}r>")),
    }
}

/// A numbering level with hostile values.
fn lvl() -> impl Strategy<Value = String> {
    (value(), value(), prop::sample::select(vec!["decimal", "upperRoman", "lowerRoman", "upperLetter", "bullet", "none", "x"]), "(%[0-9]|[.)a-z]){0,12}", 0usize..3000)
        .prop_map(|(ilvl, start, fmt, text, repeat)| {
            format!(r#"<w:lvl w:ilvl="{}"><w:start w:val="{}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{}{}"/></w:lvl>"#, esc(&ilvl), esc(&start), esc(&text), "%1".repeat(repeat))
        })
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A generated package: document.xml (any prefix, sometimes cut short), numbering.xml,
/// footnotes.xml.
fn package() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(node(), 0..12),
        prop::sample::select(vec!["w", "ns0", ""]),
        prop::collection::vec(lvl(), 0..4),
        prop::option::weighted(0.1, 0.0f64..1.0),
        prop::collection::vec(prop::sample::select(PIECES), 0..6),
    )
        .prop_map(|(nodes, prefix, levels, cut, note)| {
            let w = if prefix.is_empty() { String::new() } else { format!("{prefix}:") };
            let decl = if prefix.is_empty() { format!(r#"xmlns="{W_NS}""#) } else { format!(r#"xmlns:{prefix}="{W_NS}""#) };
            let mut body = String::new();
            for n in &nodes {
                write_node(n, &w, &mut body);
            }
            let mut document = format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><{w}document {decl} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><{w}body>{body}</{w}body></{w}document>"#
            );
            if let Some(f) = cut {
                let mut at = (document.len() as f64 * f) as usize;
                while !document.is_char_boundary(at) {
                    at -= 1;
                }
                document.truncate(at);
            }
            let numbering = format!(
                r#"<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
                levels.concat()
            );
            let footnotes = format!(
                r#"<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:footnote></w:footnotes>"#,
                esc(&note.concat())
            );
            let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default();
            let ct = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
            for (name, x) in [("[Content_Types].xml", ct), ("word/document.xml", &document), ("word/numbering.xml", &numbering), ("word/footnotes.xml", &footnotes)] {
                let _ = z.start_file(name, opts);
                let _ = z.write_all(x.as_bytes());
            }
            z.finish().map(|c| c.into_inner()).unwrap_or_default()
        })
}

/// Reads a generated package; when it reads, checks it and writes an annotated copy, which
/// must read again to the same findings.
fn run_docx(bytes: &[u8]) {
    let path = std::path::Path::new("fuzz.docx");
    let Ok(src) = Source::from_docx(path, bytes) else { return };
    let (doc, findings) = run_source(src);
    let Some(text) = &doc.source.docx else { return };
    let comments: Vec<soi::docx::Comment> = findings
        .iter()
        .filter_map(|f| {
            let (s, e) = (f.span.start_loc, f.span.end_loc);
            let (start, end) = text.anchor(s.line, s.column, e.line, e.column)?;
            Some(soi::docx::Comment { start, end, text: f.message.clone() })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.docx");
    let annotated = soi::docx::annotate(path, bytes, &comments).unwrap_or_else(|e| panic!("annotate: {e}"));
    std::fs::write(&out, annotated).unwrap();
    let again = Source::read(&out).unwrap_or_else(|e| panic!("the annotated copy does not read: {e}"));
    let (_, findings_again) = run_source(again);
    let key = |f: &Finding| (f.code.clone(), f.span.start_loc, f.span.end_loc);
    assert_eq!(findings.iter().map(key).collect::<Vec<_>>(), findings_again.iter().map(key).collect::<Vec<_>>());
}

proptest! {
    // 256 cases in the normal suite; SOI_FUZZ_CASES=N for a longer run.
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_reads_without_panic(text in report()) {
        guarded(&text, None, || run(&text));
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        guarded(&bytes, None, || {
            if let Ok(src) = Source::from_bytes(std::path::Path::new("fuzz.bin"), &bytes) {
                run(&src.original);
            }
        });
    }

    #[test]
    fn huge_tiny_and_chained_numbers_read_without_panic(text in numbers_report()) {
        guarded(&text, None, || {
            if long_run() {
                run(&text);
            } else {
                let doc = Document::from_source(Source::from_text(std::path::Path::new("fuzz.txt"), text.clone()));
                let _ = soi::report::claims_json(&[&doc]);
            }
        });
    }

    #[test]
    fn deep_parentheses_read_without_panic(text in nested_report()) {
        guarded(&text, None, || run(&text));
    }

    #[test]
    fn hostile_docx_reads_or_fails_cleanly_and_annotates_soundly(bytes in package()) {
        guarded(&"package", Some(&bytes), || run_docx(&bytes));
    }
}
