//! The five real reports of ../shared/corpus (read at test time, never copied here). When the
//! corpus is absent each test says so on stderr and passes without checking anything.

mod common;
use common::{assert_pinned, corpus, figures, findings, soi};

fn path(prefix: &str) -> Option<String> {
    corpus(prefix).map(|p| p.display().to_string())
}

#[test]
fn every_report_reads_without_error() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let Some(p) = path(prefix) else { return };
        let run = soi(&["claims", "--format", "json", &p]);
        assert_eq!(run.code, 0, "{prefix}: {}", run.stderr);
        let run = soi(&["check", "--format", "json", &p]);
        assert!(run.code == 0 || run.code == 1, "{prefix}: {}", run.stderr);
    }
}

#[test]
fn report_000_claims() {
    let Some(p) = path("000") else { return };
    assert_pinned(
        &figures(&p),
        &[
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ 9 tháng đầu năm | 10:170 value 2972.5 tỷ đồng",
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ 9 tháng đầu năm | 10:191 plan_percent 80.4 %",
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ 9 tháng đầu năm | 10:212 growth_percent 16 %",
            "gạch xây dựng | 14:261 value 5.57 triệu viên",
            "Tổng giá trị sản xuất công nghiệp - tiểu thủ công nghiệp 9 tháng đầu năm | 14:82 value 423.6 tỷ đồng",
            "Tổng giá trị sản xuất công nghiệp - tiểu thủ công nghiệp 9 tháng đầu năm | 14:120 growth_percent 4 %",
            "Tổng đàn gia súc | 17:108 growth_percent 4.3 %",
            "Tổng kế hoạch vốn đầu tư công giao đầu năm | 26:492 total 123643 triệu đồng",
            "lũy kế giá trị giải ngân | 26:656 total 42564 triệu đồng",
            "lũy kế giá trị giải ngân | 26:679 plan_percent 34.4 %",
            "Giải ngân | 26:736 ratio_numerator 6847 triệu đồng",
            "Giải ngân | 26:753 ratio_denominator 30766 triệu đồng",
            "Giải ngân | 26:776 plan_percent 22 %",
            "Số giải ngân | 26:829 ratio_numerator 31926 triệu đồng",
            "Số giải ngân | 26:847 ratio_denominator 83005 triệu đồng",
            "Số giải ngân | 26:870 plan_percent 37.4 %",
            "Giải ngân | 26:939 ratio_numerator 3791 triệu đồng",
            "Giải ngân | 26:956 ratio_denominator 9872 triệu đồng",
            "Giải ngân | 26:978 plan_percent 38.4 %",
            "tỷ lệ chất thải đô thị được thu gom và xử lý | 33:626 share_percent 100 %",
            "vốn sự nghiệp | 85:266 part 7585 triệu đồng",
        ],
    );
    // Body (line 14) and summary (line 101) name the industry indicator the same way.
    let run = soi(&["claims", "--format", "json", &p]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let keys: Vec<(u64, String, String)> = v["files"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["figures"][0]["value"] == "423.6")
        .map(|c| (c["line"].as_u64().unwrap(), c["key"].as_str().unwrap().to_owned(), c["figures"][2]["value"].as_str().unwrap().to_owned()))
        .collect();
    let key = "giá trị sản xuất công nghiệp tiểu thủ công nghiệp".to_owned();
    assert_eq!(keys, vec![(14, key.clone(), "4".into()), (101, key, "11".into())]);
}

#[test]
fn report_000_design_card_findings() {
    let Some(p) = path("000") else { return };
    let (code, list) = findings(&[&p]);
    assert_eq!(code, 1);
    // 34,4% (42.564 of 123.643) is right and raises nothing; 37,4% for 31.926/83.005 is wrong.
    assert!(!list.iter().any(|f| f.starts_with("26:679 ")), "{list:?}");
    assert!(list.contains(&"26:870 error SOI101".to_owned()), "{list:?}");
    // "tăng 11%" in the summary against "tăng 4%" in the body: one finding linking both.
    let run = soi(&["check", "--format", "json", &p]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let repeat: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "SOI301").collect();
    assert_eq!(repeat.len(), 1);
    assert_eq!((repeat[0]["line"].as_u64(), repeat[0]["stated"].as_str()), (Some(101), Some("11%")));
    assert_eq!((repeat[0]["related"][0]["line"].as_u64(), repeat[0]["related"][0]["column"].as_u64()), (Some(14), Some(120)));
}

#[test]
fn report_001_claims() {
    let Some(p) = path("001") else { return };
    assert_pinned(
        &figures(&p),
        &[
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng | 39:36 total 4475 tỷ đồng",
            "Tổng giá trị sản xuất | 57:31 total 643.2 tỷ đồng",
            "Tổng giá trị sản xuất | 57:50 plan_percent 102 %",
            "Tổng giá trị sản xuất | 57:70 growth_percent 4 %",
            "Công nghiệp khai khoáng | 57:152 part 11 tỷ đồng",
            "Công nghiệp chế biến chế tạo | 57:193 part 396.4 tỷ đồng",
            "quản lý và xử lý rác thải, nước thải | 57:260 part 25.8 tỷ đồng",
            "CN khác | 57:282 part 210 tỷ đồng",
            "Nông nghiệp | 61:185 part 8.1 tỷ đồng",
            "Chè kinh doanh | 65:1649 part 940.5 ha",
            "tổng số hoá chất sát trùng phun | 81:230 value 575 lít",
            "bán lẻ sản phẩm thuốc lá | 107:313 part 9 giấy phép",
            "bị nhắc nhở | 147:199 part 67 cơ sở",
            "chiến sỹ thi đua cơ sở | 279:390 value 69 cá nhân",
            "bắt xử lý | 303:133 value 66 đối tượng",
            "Thu ngân sách trên địa bàn ước thực hiện năm 2024 | 377:80 plan_percent 67 %",
            "doanh thu | 399:258 value 385 tỷ đồng",
        ],
    );
}

#[test]
fn report_002_claims() {
    let Some(p) = path("002") else { return };
    assert_pinned(
        &figures(&p),
        &[
            "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trong tháng | 24:138 value 339 tỷ đồng",
            "lũy kế | 24:166 value 1931 tỷ đồng",
            "lũy kế | 24:185 plan_percent 43 %",
            "Phát hiện xử lý | 24:431 total 5 vụ",
            "Xử phạt VPHC | 24:594 value 8.7 trđ",
            "Giá trị sản xuất CN-TTCN | 29:176 growth_percent 12.18 %",
            "sản lượng chè búp tươi | 31:223 value 1723.8 tấn/ha",
            "Trồng | 31:496 ratio_numerator 576 ha",
            "Trồng | 31:500 ratio_denominator 636.9 ha",
            "Thu NSNN trên địa bàn | 39:244 plan_percent 29.8 %",
            "Tổng chi NSĐP | 39:665 total 135446 trđ",
            "Chi thường xuyên | 39:705 part 117443 triệu đồng",
            "Luỹ kế thực hiện đã trao | 54:157 value 8720 GCN",
            "Tặng giấy khen | 80:1013 value 27 cá nhân",
            "Lập biên bản | 90:909 value 135 trường hợp",
            "vốn sự nghiệp thực hiện CTMTQG xây dựng Nông thôn | 95:282 part 1858 triệu đồng",
        ],
    );
}

#[test]
fn report_003_claims() {
    let Some(p) = path("003") else { return };
    assert_pinned(
        &figures(&p),
        &[
            "diện tích trồng | 41:146 part 48 ha",
            "tổng lượng vắc xin | 43:951 value 288407 liều",
            "Phá rừng trái luật | 57:32 part 85 vụ",
            "chè khô các loại | 79:491 growth_percent 8.3 %",
            "tổng kim ngạch xuất nhập khẩu hàng hóa | 97:87 total 13.9 triệu USD",
            "tổng kim ngạch xuất nhập khẩu hàng hóa | 97:107 plan_percent 34.2 %",
            "kim ngạch xuất khẩu | 97:194 part 9.91 triệu USD",
            "kim ngạch xuất khẩu | 97:236 growth_percent 17.8 %",
            "giá trị xuất khẩu hàng địa phương | 97:308 value 5.3 triệu USD",
            "kim ngạch nhập khẩu | 97:405 part 3.99 triệu USD",
            "thu ngân sách trên địa bàn | 117:372 part 1692 tỷ đồng",
            "cho vay doanh nghiệp nhỏ và vừa | 127:137 value 9342 tỷ đồng",
            "vốn đăng ký đầu tư | 135:62 value 1159 tỷ đồng",
            "đã giải ngân | 153:1042 value 68320 triệu đồng",
            "Thực hiện giao đất | 237:39 value 26 dự án",
            "tiếp nhận qua dịch vụ công trực tuyến | 271:588 share_percent 71.9 %",
        ],
    );
}

#[test]
fn report_004_claims_across_hard_wraps() {
    let Some(p) = path("004") else { return };
    assert_pinned(
        &figures(&p),
        &[
            // The claim starts on line 23; its figures sit on line 25, the next on 27.
            "Lũy kế tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng | 25:19 value 2030 tỷ đồng",
            "Lũy kế tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng | 25:38 plan_percent 58.8 %",
            "riêng trong tháng 7 | 27:1 value 230.6 tỷ đồng",
            "Lũy kế hết tháng 7 tổng lượt khách du lịch | 57:48 value 68714 lượt người",
            "Lũy kế hết tháng 7 tổng lượt khách du lịch | 57:71 plan_percent 68 %",
            "doanh thu | 58:20 value 81.9 tỷ đồng",
            "lũy kế hết tháng 7 | 64:59 value 275.59 tỷ đồng",
            "lũy kế hết tháng 7 | 66:5 plan_percent 50.39 %",
            "Giá trị sản xuất ngành chế biến thực phẩm | 68:59 value 24.6 tỷ đồng",
            "Giá trị sản xuất ngành chế biến thực phẩm | 70:1 growth_percent 25.76 %",
            "Đã gieo trồng trên diện tích | 88:11 value 522.8 ha",
            "Lũy kế tổng thu NSĐP đến ngày 14/7/2022 | 145:31 plan_percent 72 %",
            "Tổng chi ngân sách NSĐP | 155:29 total 167623 triệu đồng",
            "giá trị giải ngân | 171:23 plan_percent 21.9 %",
            "trong tháng đã tổ chức khám chữa bệnh | 290:1 value 2923 lượt bệnh nhân",
            "tuyên truyền bằng xe thông tin lưu động | 331:24 value 20 lượt",
        ],
    );
    let run = soi(&["claims", "--format", "json", &p]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let c = &v["files"][0]["claims"].as_array().unwrap().iter().find(|c| c["figures"][0]["value"] == "2030").cloned().unwrap();
    assert_eq!((c["line"].as_u64(), c["end_line"].as_u64()), (Some(23), Some(25)));
}

#[test]
fn nfd_copy_gives_the_same_figures() {
    use unicode_normalization::UnicodeNormalization;
    let Some(p) = path("002") else { return };
    let text = std::fs::read_to_string(&p).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let nfd = dir.path().join("nfd.txt");
    std::fs::write(&nfd, text.nfd().collect::<String>()).unwrap();
    // Same values, roles and lines; columns count characters of the NFD lines, so compare
    // them against the NFD text itself.
    let strip = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .map(|r| {
                let (_, fig) = r.split_once(" | ").unwrap();
                let (loc, rest) = fig.split_once(' ').unwrap();
                format!("{} {}", loc.split(':').next().unwrap(), rest.nfc().collect::<String>())
            })
            .collect()
    };
    let a = figures(&p);
    let b = figures(nfd.to_str().unwrap());
    assert_eq!(strip(a), strip(b.clone()));
    // A figure's column points at the figure in the decomposed file.
    let lines: Vec<String> = text.nfd().collect::<String>().split('\n').map(str::to_owned).collect();
    let row = b.iter().find(|r| r.contains("value 1723.8")).unwrap();
    let loc = row.split(" | ").nth(1).unwrap().split(' ').next().unwrap();
    let (l, c): (usize, usize) = (loc.split(':').next().unwrap().parse().unwrap(), loc.split(':').nth(1).unwrap().parse().unwrap());
    let at: String = lines[l - 1].chars().skip(c - 1).take(7).collect();
    assert_eq!(at, "1.723,8");
}

#[test]
fn issuing_unit_and_period_of_each_report() {
    let expected = [
        ("000", "UBND thành phố Lai Châu", "9 tháng đầu năm 2023"),
        ("001", "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU", "năm 2024"),
        ("002", "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU", "tháng 5/2024"),
        ("003", "UBND tỉnh Lai Châu", "9 tháng đầu năm 2024"),
        ("004", "Uỷ ban nhân dân thành phố Lai Châu", "tháng 7/2022"),
    ];
    for (prefix, unit, period) in expected {
        let Some(p) = path(prefix) else { return };
        let run = soi(&["claims", "--format", "json", &p]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let f = &v["files"][0];
        assert_eq!((f["unit"].as_str(), f["period"].as_str()), (Some(unit), Some(period)), "{prefix}");
    }
}
