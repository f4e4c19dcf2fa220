//! The relations stage on fixtures written for each phrasing: which figures are linked, by
//! which kind of relation, and whether the arithmetic agrees. Every line of a fixture holds a
//! consistent statement and, most of the time, an inconsistent one beside it.

mod common;
use common::{fixture, relations};

fn of_kind(name: &str, kind: &str) -> Vec<String> {
    relations(&fixture(&format!("relations/{name}.txt"))).into_iter().filter(|r| r.starts_with(kind)).collect()
}

#[test]
fn growth_against_the_change_and_the_current_value() {
    assert_eq!(
        of_kind("growth", "growth"),
        [
            // "giảm 1,6% (-852 ha)" after 52.400 ha; "tăng 2,1% (+188 ha)" after 9.120 ha.
            "growth 1:55 ⟵ 1:62,1:39 agrees",
            "growth 1:111 ⟵ 1:118,1:96 agrees",
            // "giảm 520 ha (bằng 1,65%)"; "giảm 95 ha (bằng 5,2%)" is 95 / 2.505 = 3,79%.
            "growth 2:55 ⟵ 2:42,2:26 agrees",
            "growth 2:121 ⟵ 2:109,2:94 mismatch",
            // "tăng 1,86% (1,04 tạ/ha)"; "giảm 3,5% (bằng 1,9 tạ/ha)" is 1,9 / 50,5 = 3,76%.
            "growth 3:47 ⟵ 3:54,3:29 agrees",
            "growth 3:102 ⟵ 3:113,3:85 mismatch",
            // "bằng 101,2% (tăng 1.406 ha)": 118.600 / 117.194.
            "growth 4:55 ⟵ 4:68,4:34 agrees",
            // "tăng 5.230 người (tăng 6,44%)"; "giảm 310 hộ (tăng 13,9%)" states a rise for a fall.
            "growth 5:75 ⟵ 5:57,5:38 agrees",
            "growth 5:127 ⟵ 5:114,5:99 mismatch",
        ]
    );
}
