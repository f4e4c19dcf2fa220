//! Where the time of a run goes: the time spent in each stage, summed over the files (over
//! every thread, so it can exceed the wall time), for `soi check --timings`. Counting costs a
//! clock read at each stage boundary of a file, so it is always on; only the table is optional.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::rules::Lang;

/// The stages of the pipeline, in the order a file goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file, decoding, cleaning and normalising its text.
    Read,
    Layout,
    /// Claims, with the tokenizer.
    Claims,
    Relations,
    /// Checks, suppressions, configuration and baseline.
    Checks,
    /// The series summaries and the cross-report checks.
    Series,
    /// Rendering and writing the output.
    Report,
}

const STAGES: [Stage; 7] = [Stage::Read, Stage::Layout, Stage::Claims, Stage::Relations, Stage::Checks, Stage::Series, Stage::Report];

static NANOS: [AtomicU64; 7] = [const { AtomicU64::new(0) }; 7];
static BYTES: AtomicU64 = AtomicU64::new(0);
static FILES: AtomicU64 = AtomicU64::new(0);

impl Stage {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Stage::Read, Lang::Vi) => "đọc tệp",
            (Stage::Layout, Lang::Vi) => "bố cục",
            (Stage::Claims, Lang::Vi) => "số liệu",
            (Stage::Relations, Lang::Vi) => "quan hệ",
            (Stage::Checks, Lang::Vi) => "kiểm tra",
            (Stage::Series, Lang::Vi) => "chuỗi báo cáo",
            (Stage::Report, Lang::Vi) => "kết quả",
            (Stage::Read, Lang::En) => "read",
            (Stage::Layout, Lang::En) => "layout",
            (Stage::Claims, Lang::En) => "claims",
            (Stage::Relations, Lang::En) => "relations",
            (Stage::Checks, Lang::En) => "checks",
            (Stage::Series, Lang::En) => "series",
            (Stage::Report, Lang::En) => "report",
        }
    }
}

/// Adds the time since `start` to `stage`.
pub fn add(stage: Stage, start: Instant) {
    let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    NANOS[stage as usize].fetch_add(nanos, Ordering::Relaxed);
}

/// Runs `f`, its time counted to `stage`.
pub fn time<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    add(stage, start);
    out
}

/// Counts a file read, of `bytes` bytes of text.
pub fn file_read(bytes: usize) {
    FILES.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(u64::try_from(bytes).unwrap_or(u64::MAX), Ordering::Relaxed);
}

/// The table printed after a run that took `wall`.
pub fn table(wall: Duration, lang: Lang) -> String {
    let secs = |n: u64| n as f64 / 1e9;
    let total: u64 = NANOS.iter().map(|n| n.load(Ordering::Relaxed)).sum();
    let (stage, time, share, sum, wall_l, files_l) = match lang {
        Lang::Vi => ("giai đoạn", "thời gian (s)", "tỷ lệ", "cộng", "thời gian thực", "tệp"),
        Lang::En => ("stage", "time (s)", "share", "total", "wall time", "files"),
    };
    let mut out = format!("{stage:<16} {time:>13} {share:>7}\n");
    for s in STAGES {
        let n = NANOS[s as usize].load(Ordering::Relaxed);
        let pct = if total == 0 { 0.0 } else { n as f64 * 100.0 / total as f64 };
        out += &format!("{:<16} {:>13.3} {:>6.1}%\n", s.label(lang), secs(n), pct);
    }
    out += &format!("{sum:<16} {:>13.3}\n", secs(total));
    let bytes = BYTES.load(Ordering::Relaxed) as f64;
    let w = wall.as_secs_f64();
    let rate = if w > 0.0 { bytes / 1_048_576.0 / w } else { 0.0 };
    out += &format!("{wall_l}: {w:.3} s, {} {files_l}, {:.1} MiB, {rate:.1} MiB/s\n", FILES.load(Ordering::Relaxed), bytes / 1_048_576.0);
    out
}
