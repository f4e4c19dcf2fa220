//! A property test over the whole pipeline, bytes to findings, in the normal test suite:
//! whatever the input, reading never panics and every location points into the file.

use proptest::prelude::*;
use soi::prelude::*;

/// Fragments real reports are made of, so random input reaches the interesting code.
const PIECES: &[&str] = &[
    "Tổng thu", " đạt ", " 1.234,5 ", "tỷ đồng", "triệu đồng/", "30.766", " (trong đó: ", ")", "; ", ". ", "\n", "% kế hoạch",
    ", tăng ", "% so với cùng kỳ", " gồm: ", " chiếm ", "<sup>(1)</sup>", "[footnoteRef:2]", "[2: ", "]", "¹", " ha", "tấn/ha",
    "I. ", "1.1. ", "a) ", "- ", "**", "# ", "ĐÁNH GIÁ CHUNG\n", "Phần thứ hai\n", " còn lại ", "lũy kế", " 21/28 trường", "m<sup>3</sup>",
    "năm 2022", "3 tháng cuối năm 2022", "đạt đạt", " 05/01/2024", "01/NQ-CP", "\u{0301}", "ả", "9,58%/năm", "hơn ", "(", "((",
];

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => prop::sample::select(PIECES).prop_map(str::to_owned), 1 => any::<String>()], 0..80)
        .prop_map(|v| v.concat())
}

fn run(text: &str) {
    let src = Source::from_text(std::path::Path::new("fuzz.txt"), text.to_owned());
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
}

fn cases() -> u32 {
    std::env::var("SOI_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

proptest! {
    // 256 cases in the normal suite; SOI_FUZZ_CASES=N for a longer run.
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_reads_without_panic(text in report()) {
        run(&text);
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(src) = Source::from_bytes(std::path::Path::new("fuzz.bin"), &bytes) {
            run(&src.original);
        }
    }
}
