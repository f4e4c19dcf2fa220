//! The text checks: doubled words (SOI501), implausible rates (SOI403) and stale years in
//! the tasks part (SOI601), on fixtures of made-up sentences.

mod common;
use common::{findings, fixture};

#[test]
fn doubled_words_at_sentence_starts_and_word_boundaries() {
    // Reported: "Đã đã" at a sentence start, "đạt đạt", "với với" (after "đối với"), "giá giá
    // trị", "công công", "Lũy kế lũy kế". Not reported: "sản xuất xuất khẩu", "bảo vệ vệ sinh",
    // "tổ chức chức năng", "đánh giá giá trị", the names "Hà Hà Nam" and "phân khu Khu công
    // nghiệp", the word "song song".
    let (code, list) = findings(&[&fixture("doubled_word_boundary.txt")]);
    assert_eq!(code, 1);
    assert_eq!(
        list,
        [
            "1:1 warning SOI501",
            "6:19 warning SOI501",
            "6:50 warning SOI501",
            "7:6 warning SOI501",
            "7:46 warning SOI501",
            "8:1 warning SOI501",
        ]
    );
}
