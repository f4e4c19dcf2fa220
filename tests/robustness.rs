//! Bad input of every kind ends in findings or one clear error (exit 0/1/2) within seconds:
//! never a panic, a hang or unbounded memory, and a bad file never stops the others.

mod common;
use common::{fixture, soi, Run};

fn check(paths: &[&str]) -> Run {
    let mut args = vec!["check", "--format", "concise"];
    args.extend_from_slice(paths);
    soi(&args)
}

fn no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!([0, 1, 2].contains(&run.code), "exit {}: {}", run.code, run.stderr);
}

#[test]
fn random_bytes_and_invalid_utf8_mid_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let random: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let r = dir.path().join("random.txt");
    std::fs::write(&r, random).unwrap();
    let bad = dir.path().join("bad.txt");
    let mut bytes = "Doanh thu đạt 5 tỷ đồng.\n".repeat(100).into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\x80 abc\n");
    std::fs::write(&bad, bytes).unwrap();
    let run = check(&[r.to_str().unwrap(), bad.to_str().unwrap(), &fixture("share.txt")]);
    no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("random.txt: đây là tệp nhị phân"), "{}", run.stderr);
    assert!(run.stderr.contains("bad.txt: dòng 101: không phải UTF-8 hợp lệ (byte 0xff)"), "{}", run.stderr);
    assert!(run.stdout.contains("SOI103"), "the good file is still checked");
}

#[test]
fn ten_megabyte_single_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("line.txt");
    let sentence = "Doanh thu đạt 1.234,5 tỷ đồng (gồm: thu A 600 tỷ đồng; thu B 634,5 tỷ đồng), tăng 5% so với cùng kỳ; ";
    let mut text = sentence.repeat(10_000_000 / sentence.len() + 1);
    text.push_str("thu C 10 tỷ đồng (gồm: thu D 3 tỷ đồng; thu E 4 tỷ đồng).\n");
    std::fs::write(&p, text).unwrap();
    let run = check(&[p.to_str().unwrap()]);
    no_panic(&run);
    // Only the last breakdown is wrong: 3 + 4 ≠ 10.
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 1, "{}", &run.stdout[..run.stdout.len().min(500)]);
    assert!(run.stdout.contains("error[SOI202]"));
}

#[test]
fn million_digit_number() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("digits.txt");
    std::fs::write(&p, format!("Tổng thu đạt {} triệu đồng, đạt 50% kế hoạch.\n", "9".repeat(1_000_000))).unwrap();
    let run = check(&[p.to_str().unwrap()]);
    no_panic(&run);
    assert_eq!(run.code, 0);
}

#[test]
fn five_thousand_nested_parentheses() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nested.txt");
    let text = format!("Tổng vốn là 1.000 triệu đồng {}{}\n", "(trong đó: vốn A 5 triệu đồng ".repeat(5000), ")".repeat(5000));
    std::fs::write(&p, text).unwrap();
    let run = check(&[p.to_str().unwrap()]);
    no_panic(&run);
    assert_eq!(run.code, 0);
}

#[test]
fn unreadable_file_is_reported_and_the_others_checked() {
    // /proc/self/mem is a regular file that cannot be read from offset 0 (EIO), even as root.
    let run = check(&["/proc/self/mem", &fixture("share.txt")]);
    no_panic(&run);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("/proc/self/mem: không đọc được tệp"), "{}", run.stderr);
    assert!(run.stdout.contains("SOI103"));
}

#[test]
fn fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    if !made {
        eprintln!("SKIPPED: mkfifo not available");
        return;
    }
    let run = check(&[fifo.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pipe.txt: không phải tệp thường"), "{}", run.stderr);
}

#[test]
fn symlink_loop_in_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::fs::copy(fixture("share.txt"), sub.join("share.txt")).unwrap();
    let run = check(&[dir.path().to_str().unwrap()]);
    no_panic(&run);
    // Links are not followed (like ripgrep without -L): the loop is never entered.
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn empty_and_whitespace_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("e.txt");
    std::fs::write(&e, "").unwrap();
    let w = dir.path().join("w.md");
    std::fs::write(&w, "  \n\n\t\n").unwrap();
    let run = check(&[e.to_str().unwrap(), w.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.matches("tệp rỗng").count(), 2, "{}", run.stderr);
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in ["ratio", "sum", "unit", "repeat", "doubled_word", "share"].iter().enumerate() {
        for k in 0..5 {
            std::fs::copy(fixture(&format!("{name}.txt")), dir.path().join(format!("{i}{k}_{name}.txt"))).unwrap();
        }
    }
    let run_with = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_soi"))
            .args(["check", "--format", "json", dir.path().to_str().unwrap()])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        out.stdout
    };
    let one = run_with("1");
    assert!(!one.is_empty());
    assert_eq!(one, run_with("2"));
    assert_eq!(one, run_with("8"));
    assert_eq!(one, run_with("8"));
}

/// Shapes that once made the tokenizer quadratic (minutes at these sizes) end with the exact
/// output: "năm" and "tháng" not followed by a period, and a number too long to be a figure
/// followed by a real breakdown error. How long they take is in BENCHMARKS.md (Scaling).
#[test]
fn long_runs_of_period_words_and_unreadable_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let words = dir.path().join("words.txt");
    std::fs::write(&words, format!("{}\n", "năm nay, tháng này, quý này; ".repeat(20_000))).unwrap();
    let digits = dir.path().join("digits.txt");
    let mut text = format!("Số hiệu 1{}. ", ".234".repeat(40_000));
    text.push_str("Tổng vốn là 1.000 triệu đồng (gồm: vốn A 600 triệu đồng; vốn B 300 triệu đồng).\n");
    std::fs::write(&digits, text).unwrap();
    let run = check(&[words.to_str().unwrap(), digits.to_str().unwrap()]);
    no_panic(&run);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, format!("{}:1:160024: error[SOI202] Các thành phần cộng lại 900 triệu đồng, thiếu so với tổng 1.000 triệu đồng\n", digits.display()));
}

/// An old-Mac file (lone CR line endings) with no-break and zero-width spaces reports at the
/// line and column an editor shows.
#[test]
fn lone_cr_and_invisible_spaces_point_into_the_file_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mac.txt");
    std::fs::write(&p, "Báo cáo tháng 5.\r\u{feff}Doanh thu đạt\u{a0}đạt 5\u{200b} tỷ đồng.\r").unwrap();
    let run = check(&[p.to_str().unwrap()]);
    assert_eq!(run.stdout, format!("{}:2:12: warning[SOI501] Từ \"đạt\" bị lặp\n", p.display()));
    assert_eq!(run.code, 1);
}
