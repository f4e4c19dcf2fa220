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

#[test]
fn implausible_rates_only_for_the_rate_the_bound_names() {
    // "tỷ lệ sinh" is not "tỷ lệ sinh viên …" (a longer word) nor "tỷ lệ sinh con thứ 3 …"
    // (another indicator), and "học sinh" does not hold it as whole words; with a qualifier
    // (thô, năm 2024, a place, toàn tỉnh) or nothing after it, the bound applies.
    let (code, list) = findings(&[&fixture("implausible_rate.txt")]);
    assert_eq!(code, 1);
    assert_eq!(list, ["4:28 error SOI403", "5:28 error SOI403", "6:34 error SOI403", "7:50 error SOI403"]);
}

#[test]
fn a_bare_stale_year_planned_in_the_tasks_part() {
    // A 2024 report planning 2025. Stale: "chỉ tiêu kế hoạch năm 2023" (line 6) and
    // "nhiệm vụ năm 2022 giao" (line 14). Not stale: the body's "kế hoạch năm 2023" (line 4),
    // "so với năm 2023", a resolution of 2023, a date, capital carried over from 2023,
    // "giai đoạn 2021 - 2025", "từ năm 2022", a settlement of 2022, the report's own year.
    let (code, list) = findings(&[&fixture("stale_year.txt")]);
    assert_eq!(code, 1);
    assert_eq!(list, ["6:46 warning SOI601", "14:36 warning SOI601"]);
}
