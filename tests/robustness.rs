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
        common::skip("mkfifo not available; the FIFO test did not run");
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

/// Runs soi with a deadline: a hang fails the test instead of blocking the suite.
fn soi_within(args: &[&str], secs: u64) -> Run {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(out) => {
            let out = out.unwrap();
            Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
        }
        Err(_) => {
            let _ = std::process::Command::new("kill").arg(pid.to_string()).status();
            panic!("soi {args:?} still running after {secs} s");
        }
    }
}

#[test]
fn fifo_as_config_baseline_or_rule_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    if !made {
        common::skip("mkfifo not available");
        return;
    }
    let (f, share) = (fifo.to_str().unwrap(), fixture("share.txt"));
    let d = dir.path().to_str().unwrap();
    for args in [vec!["check", "--config", f, &share], vec!["check", "--baseline", f, &share], vec!["check", "--rules", d, &share]] {
        let run = soi_within(&args, 20);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("pipe.yaml") && run.stderr.contains("không phải tệp thường"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn yaml_bombs_in_settings_are_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let share = fixture("share.txt");
    let cfg = dir.path().join("soi.yaml");
    let c = cfg.to_str().unwrap();
    // Aliases: the error names the line.
    std::fs::write(&cfg, "select: &a [SOI1]\nignore: *a\n").unwrap();
    let run = soi_within(&["check", "--config", c, &share], 20);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dòng 1: không cho phép neo (anchor &) trong tệp cấu hình/quy tắc"), "{}", run.stderr);
    // 100k-deep nesting.
    std::fs::write(&cfg, format!("select: {}{}\n", "[".repeat(100_000), "]".repeat(100_000))).unwrap();
    let run = soi_within(&["check", "--config", c, &share], 20);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dòng 1: lồng quá sâu (hơn 16 cấp)"), "{}", run.stderr);
    // Over the size cap.
    std::fs::write(&cfg, format!("# {}\nselect: [SOI1]\n", "x".repeat(1024 * 1024))).unwrap();
    let run = soi_within(&["check", "--config", c, &share], 20);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("tệp quá lớn (1048594 byte, tối đa 1048576 byte)"), "{}", run.stderr);
    // The same screen for rule files.
    let rules = dir.path().join("quy-tac");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("r.yaml"), "- &r\n  code: X1\n- *r\n").unwrap();
    let run = soi_within(&["check", "--rules", rules.to_str().unwrap(), &share], 20);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("r.yaml: tệp quy tắc không hợp lệ: không cho phép neo (anchor &)"), "{}", run.stderr);
}

#[test]
fn stdin_is_capped_like_a_file() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(["check", "--stdin-filename", "lon.txt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let chunk = "Doanh thu đạt 5 tỷ đồng.\n".repeat(40_000).into_bytes();
    let mut sent = 0usize;
    // soi stops reading past 64 MiB: the pipe then breaks, which ends the writing.
    while sent < 80 * 1024 * 1024 {
        if stdin.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lon.txt: đầu vào chuẩn quá lớn (hơn 67108864 byte)"), "{err}");
}

#[test]
fn a_finding_far_along_a_200_kb_line_is_shown_in_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mot-dong.txt");
    let filler = "Kinh tế của xã tiếp tục ổn định và có bước phát triển; ";
    let mut text = filler.repeat(200_000 / filler.len() + 1);
    text.push_str("doanh thu đạt đạt 12 tỷ đồng.\n");
    std::fs::write(&p, &text).unwrap();
    let column = text.chars().count() - "đạt đạt 12 tỷ đồng.\n".chars().count() + 1;
    assert!(column > 65_535);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_soi"))
        .args(["check", "--color", "never", p.to_str().unwrap()])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains(&format!("mot-dong.txt:1:{column}]")), "{stdout}");
    let shown = stdout.lines().find(|l| l.starts_with(" 1 │ ")).expect("the source line");
    assert!(shown.starts_with(" 1 │ …") && shown.ends_with("doanh thu đạt đạt 12 tỷ đồng."), "{shown}");
    assert!(shown.chars().count() <= 80, "{} columns: {shown}", shown.chars().count());
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
    assert_eq!(run.stdout, format!("{}:1:160024: error[SOI202] Các thành phần cộng lại 900 triệu đồng, thiếu so với tổng 1.000 triệu đồng (danh sách mở đầu bằng \"gồm\" là danh sách đầy đủ)\n", digits.display()));
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

/// Figures at the edge of what a Decimal holds go through every check: read, compared, shown.
#[test]
fn figures_at_the_decimal_limit_are_checked_not_crashed_on() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    std::fs::write(&huge, "Tổng vốn là 79.228.162.514.264.337.593.543.950.335 đồng (gồm: vốn A 1 đồng; vốn B 2 đồng).\n").unwrap();
    let run = soi(&["check", "--format", "concise", huge.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains(":1:13: error[SOI202] Các thành phần cộng lại 3 đồng, thiếu so với tổng 79.228.162.514.264.337.593.543.950.335 đồng"), "{}", run.stdout);
    let tiny = dir.path().join("tiny.txt");
    std::fs::write(&tiny, "Phải trao 0,0000000000000000000001 giấy, đã trao 100000000000 giấy, còn lại 0,00000000000000000000 giấy.\n").unwrap();
    // A remainder written with 28 decimals: its rounding slack is one digit finer than a
    // Decimal holds (found by the docx fuzz test).
    let finest = dir.path().join("finest.txt");
    std::fs::write(&finest, " 21/28 trườnga)  còn lại 0,00000000000000000000179228162514264337593543950335 nghìn tỷ 999 triệuTổng thu").unwrap();
    for path in [&tiny, &finest] {
        for format in ["concise", "human", "json"] {
            let run = soi(&["check", "--format", format, path.to_str().unwrap()]);
            no_panic(&run);
            assert!(run.code == 0 || run.code == 1, "{format}: {}", run.stderr);
        }
    }
}

/// An output path that is a device is written to, never replaced by a file (soi often runs as
/// root in containers, where /dev is writable).
#[cfg(unix)]
#[test]
fn an_output_that_is_a_device_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(&p, "Doanh thu đạt đạt 5 tỷ đồng.\n").unwrap();
    let full = soi(&["check", "--output-file", "/dev/full", p.to_str().unwrap()]);
    assert_eq!(full.code, 2);
    assert!(full.stderr.contains("/dev/full: không ghi được: ổ đĩa đã đầy"), "{}", full.stderr);
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device());
    let null = soi(&["check", "--format", "json", "--output-file", "/dev/null", p.to_str().unwrap()]);
    assert_eq!((null.code, null.stdout.as_str()), (1, ""), "{}", null.stderr);
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}
