//! Number forms from reports of every province, as `soi claims` reads them: thousands grouped
//! by spaces, ranges, minus signs, compound scales and currencies, dot decimals decided per
//! paragraph.

mod common;
use common::{fixture, soi};

/// Every figure of a file as "line:column role value unit", with " negative" for a fall.
fn read(name: &str) -> Vec<String> {
    let run = soi(&["claims", "--format", "json", &fixture(name)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mut out = Vec::new();
    for c in v["files"][0]["claims"].as_array().expect("claims") {
        for f in c["figures"].as_array().expect("figures") {
            let neg = if f["negative"] == true { " negative" } else { "" };
            out.push(format!("{}:{} {} {} {}{neg}", f["line"], f["column"], f["role"].as_str().unwrap(), f["value"].as_str().unwrap(), f["unit"].as_str().unwrap_or("-")));
        }
    }
    out
}

#[test]
fn number_forms_from_the_wild() {
    assert_eq!(
        read("numbers.txt"),
        [
            // "346 000 ha", "1 250 300 tấn": one number each, not "346" and "0 ha".
            "1:39 value 346000 ha",
            "1:72 value 1250300 tấn",
            // "7,5-8,0%", "6.500 - 7.200 đồng/kg": both ends of a range, each in the unit written
            // after the second, neither a share or a value to add up.
            "2:50 other 7.5 %",
            "2:54 other 8.0 %",
            "2:77 other 6500 đồng/kg",
            "2:85 other 7200 đồng/kg",
            // "-4,13%" is a fall, as "giảm 0,8%" is.
            "3:36 growth_percent 4.13 % negative",
            "3:69 growth_percent 0.8 % negative",
            "4:25 value 1250.6 triệu USD",
            "4:56 value 1434.4 nghìn tỷ đồng",
            // "tháng 5 120 hộ": after "tháng" the 5 is the month, and 120 the count.
            "5:15 value 120 hộ",
            // After "cùng kỳ", "tổng số" the groups join; after a date's "/" they do not.
            "6:23 value 1300 hộ",
            "6:41 value 1250 hộ",
            "6:60 value 1250 hộ",
            // "tính đến 30/6" is a day and a month: no figure.
            "6:96 value 120 doanh nghiệp",
            // A dash opening a line is a bullet, not a minus sign.
            "7:2 share_percent 100 %",
            // "0.850" can only be a decimal, so its paragraph writes decimals with a dot: its
            // "1.250" is 1,250, here as everywhere in the paragraph.
            "8:15 total 1.250 tỷ đồng",
            "8:35 growth_percent 2.5 %",
            "8:57 part 0.850 tỷ đồng",
            "8:80 part 0.400 tỷ đồng",
            "8:114 value 1.250 USD",
            // Without such evidence "1.250" keeps the Vietnamese grouping ("2.5%" alone is no
            // proof: percents pasted from spreadsheets often have it).
            "9:15 value 1250 tỷ đồng",
            "9:35 growth_percent 2.5 %",
        ]
    );
}

/// Every claim of a file as "line:column period: figures".
fn periods(name: &str) -> Vec<String> {
    let run = soi(&["claims", "--format", "json", &fixture(name)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    v["files"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            let figs: Vec<&str> = c["figures"].as_array().expect("figures").iter().map(|f| f["text"].as_str().unwrap()).collect();
            format!("{}:{} {}: {}", c["line"], c["column"], c["period"].as_str().unwrap(), figs.join(", "))
        })
        .collect()
}

#[test]
fn a_length_of_time_is_not_the_period_of_a_figure() {
    assert_eq!(
        periods("periods.txt"),
        [
            // "(dưới 3 tháng)" is how long the training lasts: the figure is the report's own, and
            // its name stands before the parenthesis.
            "1:1 doc: 215 người",
            "1:101 9 tháng đầu năm 2024: 1.200 người",
        ]
    );
}
