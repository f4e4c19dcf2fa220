//! The role a heading gives its section, read from the heading's leading words with the lists
//! of rules/lexicon.yaml (`section_roles`), and the head and signature lines that look like
//! headings but open no section (`header_lines`).

use super::heading_label;
use crate::lexicon::{lexicon, plain_words, starts_with_words};
use crate::model::Role;

/// The words a heading starts with, after its label, bullet and filler words: "nhiệm vụ giải
/// pháp trọng tâm" for "IV. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM".
fn lead(heading: &str) -> String {
    let s = heading.trim_start_matches(|c: char| !c.is_alphanumeric());
    let s = match heading_label(s) {
        Some((_, label)) if !label.is_empty() => s.split_once(char::is_whitespace).map(|(_, rest)| rest).unwrap_or(""),
        _ => s,
    };
    let mut words = plain_words(s);
    let skip = &lexicon().section_roles.skip;
    while let Some(w) = skip.iter().find(|w| !w.is_empty() && starts_with_words(&words, w)) {
        words = words[w.len()..].trim_start().to_owned();
    }
    words
}

/// The role a heading gives the blocks under it, if its leading words name one.
pub(super) fn role_of(heading: &str) -> Option<Role> {
    let words = lead(heading);
    let roles = &lexicon().section_roles;
    let any = |list: &[String]| list.iter().any(|p| starts_with_words(&words, p));
    if any(&roles.tasks) {
        Some(Role::Tasks)
    } else if any(&roles.summary) {
        Some(Role::Summary)
    } else if any(&roles.body) {
        Some(Role::Body)
    } else {
        None
    }
}

/// "ỦY BAN NHÂN DÂN", "BÁO CÁO", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:": the report's head or
/// signature, not a section.
pub(super) fn is_header_line(line: &str) -> bool {
    let words = plain_words(line);
    lexicon().header_lines.iter().any(|p| starts_with_words(&words, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_from_leading_words() {
        let cases = [
            ("III. ĐÁNH GIÁ CHUNG", Some(Role::Summary)),
            ("2. Một số tồn tại, hạn chế và nguyên nhân chủ yếu", Some(Role::Summary)),
            ("3. Nguyên nhân hạn chế", Some(Role::Summary)),
            ("* Đánh giá chung:", Some(Role::Summary)),
            ("IV. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM THÁNG 6/2024", Some(Role::Tasks)),
            ("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025", Some(Role::Tasks)),
            ("Phần thứ hai", Some(Role::Tasks)),
            ("Phần thứ II", Some(Role::Tasks)),
            ("Phần thứ nhất", Some(Role::Body)),
            ("4. Công tác dự báo, cảnh báo thiên tai", None),
            ("b) Công tác khắc phục hạn chế trong giải ngân", None),
            ("5. Nghiên cứu nguyên nhân sạt lở", None),
            ("I. KẾT QUẢ THỰC HIỆN CÁC NGÀNH, LĨNH VỰC", None),
            ("III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU", Some(Role::Summary)),
            ("2. Tình hình thực hiện các chỉ tiêu kinh tế - xã hội", Some(Role::Summary)),
            ("ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2024", None),
            ("1.2. Nhiệm vụ quốc phòng, quân sự địa phương", None),
        ];
        for (heading, role) in cases {
            assert_eq!(role_of(heading), role, "{heading}");
        }
    }

    #[test]
    fn head_and_signature_lines_are_not_sections() {
        for line in ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:"] {
            assert!(is_header_line(line), "{line}");
        }
        for line in ["ĐÁNH GIÁ CHUNG", "NHIỆM VỤ, GIẢI PHÁP NĂM 2025", "BẢO ĐẢM QUỐC PHÒNG"] {
            assert!(!is_header_line(line), "{line}");
        }
    }
}
