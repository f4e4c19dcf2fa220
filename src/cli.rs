//! The command line: parses arguments, resolves the configuration, runs the pipeline per file
//! (in parallel, results in input order) and hands the results to `report`/`audit`.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use rayon::prelude::*;
use serde_json::json;

use crate::audit;
use crate::baseline::{self, Baseline};
use crate::checks::{self, Coverage, Finding};
use crate::config::{self, Config, Overrides};
use crate::document::Document;
use crate::error::Error;
use crate::html;
use crate::output::{self, Inputs};
use crate::report::{self, Style};
use crate::rules::{Lang, Level, RuleSet};
use crate::series;
use crate::source::{Source, MAX_FILE_BYTES};
use crate::timings::{self, Stage};

#[derive(Debug, Parser)]
#[command(name = "soi", version, about = "Soi số liệu: kiểm tra tính nhất quán của số liệu trong báo cáo kinh tế - xã hội")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Kiểm tra số liệu của các báo cáo (tệp, thư mục, hoặc - cho đầu vào chuẩn).
    Check(CheckArgs),
    /// Liệt kê các số liệu đọc được (chỉ tiêu, giá trị, vai trò, vị trí).
    Claims(ClaimsArgs),
    /// Xuất danh sách kiểm toán: mỗi số liệu một dòng, kèm trạng thái kiểm tra (.xlsx, .csv, .md).
    Audit(AuditArgs),
    /// Liệt kê các quy tắc.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[arg(long, value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Giải thích một quy tắc: kiểm tra gì, vì sao, ví dụ.
    Rule {
        code: String,
        #[arg(long, value_enum, default_value_t = Lang::Vi)]
        lang: Lang,
    },
    /// In cấu hình đã hợp nhất (soi.yaml và tham số dòng lệnh).
    Config {
        #[arg(default_value = ".")]
        path: PathBuf,
        #[command(flatten)]
        common: Common,
    },
}

/// Options shared by the commands that run the checks.
#[derive(Debug, Args, Default)]
struct Common {
    /// Tệp cấu hình (mặc định: soi.yaml gần nhất, tìm từ đường dẫn kiểm tra trở lên).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Thư mục quy tắc YAML bổ sung hoặc thay thế (lặp lại được).
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Chỉ chạy các quy tắc có mã hoặc tiền tố này (cách nhau bởi dấu phẩy).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Không chạy các quy tắc có mã hoặc tiền tố này.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// Bỏ qua tệp/thư mục khớp mẫu glob (lặp lại được).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Tên tệp dùng trong thông báo khi đọc từ đầu vào chuẩn (-).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Không đối chiếu mỗi báo cáo với các báo cáo khác cùng chuỗi (cùng đơn vị ban hành, các
    /// kỳ trong năm); thắng khóa `series:` của soi.yaml.
    #[arg(long)]
    no_series: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Tệp .txt, .md, .docx, thư mục, hoặc - để đọc đầu vào chuẩn.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    common: Common,
    /// Ghi kết quả vào tệp thay vì đầu ra chuẩn.
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// Chỉ in bảng số phát hiện theo từng quy tắc.
    #[arg(long)]
    statistics: bool,
    /// Mức thấp nhất khiến mã thoát là 1.
    #[arg(long, value_enum)]
    fail_on: Option<Level>,
    /// Luôn thoát 0 khi lần chạy không lỗi, dù có phát hiện.
    #[arg(long)]
    exit_zero: bool,
    /// Chỉ in các phát hiện, không in dòng tổng kết.
    #[arg(short, long)]
    quiet: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Ẩn các phát hiện đã ghi trong tệp baseline; phát hiện mới vẫn báo (thắng khóa
    /// `baseline:` của soi.yaml).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Ghi các phát hiện hiện tại thành baseline (thay cho việc in chúng) và thoát 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Với một tệp .docx: ghi bản sao có chú thích (comment) Word tại từng số liệu bị nghi.
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
    /// Sau khi chạy, in ra stderr thời gian của từng giai đoạn (cộng trên mọi tệp), thời gian
    /// thực và tốc độ MiB/s; cũng bật được bằng biến môi trường SOI_TIMINGS=1.
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Args)]
struct ClaimsArgs {
    /// Tệp .txt, .md, .docx, thư mục, hoặc - để đọc đầu vào chuẩn.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// In kèm các quan hệ số học giữa các số liệu (tỷ lệ, tổng, tăng trưởng, nhắc lại…) và kết quả kiểm tra.
    #[arg(long)]
    relations: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct AuditArgs {
    /// Tệp .txt, .md, .docx, thư mục, hoặc - để đọc đầu vào chuẩn.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Tệp kết quả; phần mở rộng chọn định dạng: .xlsx, .csv, .md.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    /// Một trang HTML tự chứa để mở trong trình duyệt (dùng với --output-file).
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs soi and returns the exit code: 0 clean, 1 findings, 2 the run failed.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let mut stdout = std::io::stdout().lock();
    let code = match cli.command {
        Command::Check(args) => check(args, &mut stdout),
        Command::Claims(args) => claims(args, &mut stdout),
        Command::Audit(args) => audit_cmd(args, &mut stdout),
        Command::Rules { format, rules } => list_rules(format, &rules, &mut stdout),
        Command::Rule { code, lang } => explain_rule(&code, lang, &mut stdout),
        Command::Config { path, common } => match setup(&common, &[path]) {
            Some((cfg, _)) => {
                let _ = stdout.write_all(cfg.show().as_bytes());
                0
            }
            None => 2,
        },
    };
    let _ = stdout.flush();
    code
}

/// A diagnostic whose message and help are printed with control characters escaped: they
/// carry file names and report text, which must never reach the terminal raw.
struct Escaped<'a>(&'a dyn Diagnostic);

impl std::fmt::Debug for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&report::escape(&self.0.to_string()))
    }
}
impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&report::escape(&self.0.to_string()))
    }
}
impl std::error::Error for Escaped<'_> {}

impl Diagnostic for Escaped<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.0.help().map(|h| Box::new(report::escape(&h.to_string()).into_owned()) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
}

fn eprint_diagnostic(d: &dyn Diagnostic) {
    let d = &Escaped(d);
    let terminal = std::io::stderr().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none();
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // Wrapped to a terminal; unwrapped in a log, where a message must stay one greppable line.
    let width = if terminal { terminal_width() } else { usize::MAX / 4 };
    let mut s = String::new();
    let _ = GraphicalReportHandler::new_themed(theme).with_width(width).render_report(&mut s, d);
    eprint!("{s}");
}

/// The configuration and rule set for a run; None (after printing why) when they are broken.
fn setup(common: &Common, paths: &[PathBuf]) -> Option<(Config, RuleSet)> {
    let path = common.config.clone().or_else(|| {
        let start = paths.iter().find(|p| p.as_os_str() != "-").cloned().unwrap_or_else(|| PathBuf::from("."));
        config::discover(&start)
    });
    let over = Overrides {
        select: common.select.clone(),
        ignore: common.ignore.clone(),
        rule_dirs: common.rules.clone(),
        lang: common.lang,
        fail_on: None,
        exclude: common.exclude.clone(),
        no_series: common.no_series,
    };
    let mut cfg = match Config::load(path.as_deref(), &over) {
        Ok(c) => c,
        Err(e) => {
            eprint_diagnostic(&*e);
            return None;
        }
    };
    let mut rules = match RuleSet::with_dirs(&cfg.rule_dirs) {
        Ok(r) => r,
        Err(e) => {
            eprint_diagnostic(&Error::Rules(e));
            return None;
        }
    };
    if let Err(e) = cfg.resolve_codes(&rules) {
        eprint_diagnostic(&*e);
        return None;
    }
    rules.rules.retain(|r| cfg.selected(&r.code));
    Some((cfg, rules))
}

/// An input: a file on disk, or standard input under a name.
enum Input {
    File(PathBuf),
    Stdin(String),
}

impl Input {
    fn path(&self) -> Option<&Path> {
        match self {
            Input::File(p) => Some(p),
            Input::Stdin(_) => None,
        }
    }
}

/// Formats a report may come in that soi does not read, with how to export a readable one.
const EXPORT_FIRST: [(&str, &str); 5] = [
    ("pdf", "soi không đọc PDF. Hãy xuất văn bản: trong trình đọc PDF chọn Lưu thành văn bản (“Save as text”), hoặc chuyển bằng `pdftotext -layout bao-cao.pdf bao-cao.txt`, rồi kiểm tra tệp .txt. Nếu có bản Word gốc, kiểm tra thẳng tệp .docx."),
    ("doc", "Mở tệp bằng Word hoặc LibreOffice và Lưu thành .docx (File → Save As → Word Document), rồi kiểm tra tệp .docx."),
    ("odt", "Mở tệp bằng LibreOffice hoặc Word và Lưu thành .docx (File → Save As → Word Document), rồi kiểm tra tệp .docx."),
    ("rtf", "Mở tệp bằng Word hoặc LibreOffice và Lưu thành .docx (File → Save As → Word Document), rồi kiểm tra tệp .docx."),
    ("xlsx", "soi đọc báo cáo dạng văn bản (.txt, .md, .docx); bảng tính thì không."),
];

fn export_error(path: &Path) -> Option<Error> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let (extension, how) = EXPORT_FIRST.iter().find(|(e, _)| *e == ext)?;
    Some(Error::NeedsExport { path: path.into(), extension: (*extension).to_owned(), how })
}

/// Files named on the command line, with directories walked for .txt, .md, .docx (hidden and
/// VCS directories and `exclude` globs skipped, links not followed), in a stable order. A
/// walk that finds no report but files soi cannot read (.pdf, .doc) says how to export them.
fn collect(paths: &[PathBuf], cfg: &Config, stdin_name: Option<&str>, errors: &mut usize) -> Vec<Input> {
    let mut out = Vec::new();
    let mut unreadable: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin(stdin_name.unwrap_or("-").to_owned()));
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p).sort_by_file_name().into_iter().filter_entry(|e| {
                e.depth() == 0 || !(e.file_name().to_str().is_some_and(|n| n.starts_with('.') || n == "node_modules" || n == "target") || cfg.excluded(e.path()))
            });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_ext(e.path(), &["txt", "md", "docx"]) => out.push(Input::File(e.into_path())),
                    Ok(e) if e.file_type().is_file() && export_error(e.path()).is_some() => unreadable.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => {
                        *errors += 1;
                        let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                        let io = err.into_io_error().unwrap_or_else(|| std::io::Error::other("vòng lặp liên kết tượng trưng"));
                        eprint_diagnostic(&Error::Io { path, source: io });
                    }
                }
            }
        } else if !cfg.excluded(p) {
            out.push(Input::File(p.clone()));
        }
    }
    if out.is_empty() {
        const SHOWN: usize = 3;
        for p in unreadable.iter().take(SHOWN) {
            if let Some(e) = export_error(p) {
                *errors += 1;
                eprint_diagnostic(&e);
            }
        }
        if unreadable.len() > SHOWN {
            eprintln!("soi: … và {} tệp khác cũng cần xuất ra .txt hoặc .docx", unreadable.len() - SHOWN);
        }
    }
    out
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn read(input: &Input) -> Result<Document, Error> {
    let start = Instant::now();
    let source = read_source(input)?;
    timings::add(Stage::Read, start);
    timings::file_read(source.original.len());
    Ok(Document::from_source(source))
}

fn read_source(input: &Input) -> Result<Source, Error> {
    match input {
        Input::Stdin(name) => {
            let mut bytes = Vec::new();
            // The same cap as a file on disk: never read more than that into memory.
            std::io::stdin().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|source| Error::Io { path: name.into(), source })?;
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(Error::StdinTooLarge { name: name.clone(), limit: MAX_FILE_BYTES });
            }
            Source::from_bytes(Path::new(name), &bytes)
        }
        Input::File(path) => match export_error(path) {
            Some(e) => Err(e),
            None => Source::read(path),
        },
    }
}

/// One file through the pipeline: checks, suppressions, configuration, baseline.
struct Checked {
    doc: Document,
    findings: Vec<Finding>,
    coverage: Coverage,
    outcomes: Vec<checks::Outcome>,
}

/// Runs every input through the pipeline in parallel and reduces each document with `keep`
/// right away; results come back in input order, a few per thread at a time, so neither the
/// documents nor what `keep` makes of them are ever all held (the HTML page is written as
/// they come).
fn run_all<'a, T: Send + 'a>(
    inputs: &'a [Input],
    cfg: &'a Config,
    rules: &'a RuleSet,
    base: Option<&'a Baseline>,
    keep: impl Fn(Checked) -> T + Sync + 'a,
) -> impl Iterator<Item = Result<T, Error>> + 'a {
    let progress = std::io::stderr().is_terminal() && inputs.len() > 20;
    let done = AtomicUsize::new(0);
    let chunk = rayon::current_num_threads().max(1) * 4;
    let results = inputs.chunks(chunk).flat_map(move |part| {
        part.par_iter()
            .map(|input| {
                let doc = read(input)?;
                // Rules ignored for this file by `per-file-ignores` do not run on it at all, so a
                // suppression comment naming them is not "unused".
                let name = doc.source.name();
                let own;
                let rules = if rules.rules.iter().any(|r| cfg.ignored_in(Path::new(&name), &r.code)) {
                    own = RuleSet { rules: rules.rules.iter().filter(|r| !cfg.ignored_in(Path::new(&name), &r.code)).cloned().collect() };
                    &own
                } else {
                    rules
                };
                let start = Instant::now();
                let (findings, coverage, outcomes) = checks::run_all(&doc, rules, cfg.lang);
                let mut findings = cfg.apply(findings);
                if let Some(b) = base {
                    findings = b.filter(findings);
                }
                timings::add(Stage::Checks, start);
                if progress {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    eprint!("\r\x1b[2K[{n}/{}] {}", inputs.len(), report::escape(&doc.source.name()));
                }
                Ok(keep(Checked { doc, findings, coverage, outcomes }))
            })
            .collect::<Vec<_>>()
    });
    let mut cleared = false;
    results.chain(std::iter::from_fn(move || {
        if progress && !cleared {
            cleared = true;
            eprint!("\r\x1b[2K");
        }
        None
    }))
}

/// The outputs a command writes, checked against its inputs before anything runs.
fn guard_outputs(inputs: &[Input], outputs: &[&Path]) -> Result<(), Error> {
    let guard = Inputs::new(inputs.iter().filter_map(Input::path));
    outputs.iter().try_for_each(|o| guard.guard(o))
}

/// The exit of a run that read no report at all. When a file was named and refused, its own
/// error already said why (exit 2); otherwise one line says that nothing was found to read:
/// exit 2, or (with `--exit-zero`) a warning.
fn nothing_checked(exit_zero: bool, errors: usize) -> i32 {
    if errors > 0 {
        2
    } else if exit_zero {
        eprintln!("soi: cảnh báo: không kiểm tra được báo cáo nào (không có tệp .txt, .md hay .docx đọc được); thoát 0 vì --exit-zero");
        0
    } else {
        eprintln!("soi: không kiểm tra được báo cáo nào (không có tệp .txt, .md hay .docx đọc được)");
        2
    }
}

/// `soi check`, with the time per stage after it when asked (`--timings`, `SOI_TIMINGS=1`).
fn check(args: CheckArgs, stdout: &mut dyn Write) -> i32 {
    let timed = args.timings || std::env::var_os("SOI_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
    let start = Instant::now();
    let mut lang = args.common.lang.unwrap_or_default();
    let code = check_files(args, stdout, &mut lang);
    if timed {
        let _ = stdout.flush();
        eprint!("{}", timings::table(start.elapsed(), lang));
    }
    code
}

fn check_files(args: CheckArgs, stdout: &mut dyn Write, lang: &mut Lang) -> i32 {
    let Some((cfg, rules)) = setup(&args.common, &args.paths) else { return 2 };
    *lang = cfg.lang;
    // `--baseline` wins over soi.yaml's `baseline:`.
    let baseline_path = args.baseline.clone().or_else(|| cfg.baseline.clone());
    let base = match baseline_path.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprint_diagnostic(&e);
            return 2;
        }
    };
    let mut errors = 0;
    let inputs = collect(&args.paths, &cfg, args.common.stdin_filename.as_deref(), &mut errors);
    let outputs: Vec<&Path> = [&args.output_file, &args.write_baseline, &args.annotate].into_iter().flatten().map(PathBuf::as_path).collect();
    if let Err(e) = guard_outputs(&inputs, &outputs) {
        eprint_diagnostic(&e);
        return 2;
    }
    let to_file = args.output_file.is_some();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !to_file && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = if to_file { NOT_A_TERMINAL_WIDTH } else { terminal_width() };
    let style = Style { color, width, lang: cfg.lang };
    let mut all = Vec::new();
    let mut claims = 0;
    let mut read_ok = 0;
    // The one .docx named on the command line to annotate; the other inputs, if any (files or
    // directories, .docx ones included), are reports of its series.
    let docx_inputs: Vec<&Path> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) if has_ext(p, &["docx"]) && args.paths.iter().any(|a| a == p) => Some(p.as_path()),
            _ => None,
        })
        .collect();
    let to_annotate = match (&args.annotate, docx_inputs.as_slice()) {
        (None, _) => None,
        (Some(out), [docx]) => Some((*docx, out.as_path())),
        (Some(_), _) => {
            eprintln!("soi: --annotate cần đúng một tệp .docx (các tệp khác, nếu có, là các báo cáo cùng chuỗi của nó)");
            return 2;
        }
    };
    // Human diagnostics are rendered per file, in parallel, unless only a count is wanted.
    let render = matches!(args.format, Format::Human) && !args.statistics && args.write_baseline.is_none();
    // One report alone is checked as it always was; several are checked against their series.
    let series_on = cfg.series && inputs.len() >= 2;
    let mut summaries = Vec::new();
    let strings = series::Strings::default();
    let mut counts = Vec::new();
    let mut texts = Vec::new();
    let reduce = |c: Checked| {
        let start = Instant::now();
        // With a series, the copy is annotated once the series findings are known.
        let annotated = match to_annotate {
            Some((input, out)) if !series_on && c.doc.source.path == input => annotate(input, &c.doc.source, &c.findings, out),
            _ => Ok(()),
        };
        let text = if render { report::human(&c.doc, &c.findings, style) } else { String::new() };
        let part = matches!(args.format, Format::Html).then(|| html::document(&c.doc, &c.findings, &c.outcomes));
        timings::add(Stage::Report, start);
        let summary = series_on.then(|| timings::time(Stage::Series, || series::summarize(&c.doc, &strings)));
        (c.doc.claims.claims.len(), c.findings, text, annotated, part, summary)
    };
    let mut page = None;
    if matches!(args.format, Format::Html) && args.write_baseline.is_none() {
        match html::Page::create(args.output_file.as_deref(), &mut *stdout, cfg.lang) {
            Ok(p) => page = Some(p),
            Err(e) => {
                eprint_diagnostic(&e);
                return 2;
            }
        }
    }
    for r in run_all(&inputs, &cfg, &rules, base.as_ref(), reduce) {
        match r {
            Ok((n, findings, text, annotated, part, summary)) => {
                read_ok += 1;
                if let Err(e) = annotated {
                    eprint_diagnostic(&e);
                    errors += 1;
                }
                claims += n;
                texts.push(text);
                if let (Some(page), Some(part)) = (&mut page, part) {
                    page.add(part);
                }
                counts.push(findings.len());
                all.extend(findings);
                summaries.extend(summary);
            }
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    let series = if summaries.len() >= 2 { timings::time(Stage::Series, || series_findings(&summaries, &strings, &cfg, &rules, base.as_ref())) } else { Vec::new() };
    let report_start = Instant::now();
    // The page is finished (its summary written) before anything else goes to stdout.
    if let Some(Err(e)) = page.map(|p| p.finish(&all, &series, &rules, errors)) {
        eprint_diagnostic(&e);
        return 2;
    }
    if read_ok == 0 {
        return nothing_checked(args.exit_zero, errors);
    }
    if !series.is_empty() {
        let touched = merge_series(&mut all, &mut counts, &series);
        if render {
            for d in touched {
                let start: usize = counts[..d].iter().sum();
                let mine = &all[start..start + counts[d]];
                texts[d] = match summaries[d].path.as_deref().map(Source::read) {
                    Some(Ok(src)) => report::human_source(&src, mine, style),
                    // Read once, gone now: the series findings at least, one a line.
                    _ => texts[d].clone() + &report::concise(&series.iter().filter(|(x, _)| *x == d).map(|(_, f)| f.clone()).collect::<Vec<_>>()),
                };
            }
        }
    }
    if let (Some((input, out)), true) = (to_annotate, series_on) {
        let annotated = Source::read(input).and_then(|src| {
            let name = src.name();
            let mine: Vec<Finding> = all.iter().filter(|f| f.file == name).cloned().collect();
            annotate(input, &src, &mine, out)
        });
        if let Err(e) = annotated {
            eprint_diagnostic(&e);
            errors += 1;
        }
    }
    let mut human: String = texts.concat();
    if let Some(path) = &args.write_baseline {
        if let Err(e) = baseline::write(path, &all) {
            eprint_diagnostic(&e);
            return 2;
        }
        let line = match cfg.lang {
            Lang::Vi => format!("Đã ghi {} phát hiện vào {}\n", all.len(), report::escape(&path.display().to_string())),
            Lang::En => format!("Wrote {} {} to {}\n", all.len(), report::plural(all.len(), "finding"), report::escape(&path.display().to_string())),
        };
        let _ = stdout.write_all(line.as_bytes());
        return if errors > 0 { 2 } else { 0 };
    }
    let text = if args.statistics {
        // Only the table, like ruff; a clean run still says so.
        match report::statistics(&all) {
            t if t.is_empty() && !args.quiet => report::tally(0, read_ok, cfg.lang),
            t => t,
        }
    } else {
        match args.format {
            Format::Json => report::check_json(&all, read_ok, claims),
            Format::Concise => report::concise(&all),
            Format::Sarif => report::sarif(&all, &rules, cfg.lang),
            Format::Github => report::github(&all),
            // The page went to its file (or stdout) as it was written.
            Format::Html => String::new(),
            Format::Human => {
                if !args.quiet {
                    human.push_str(&report::tally(all.len(), read_ok, cfg.lang));
                }
                human
            }
        }
    };
    let written = match &args.output_file {
        // Only --statistics is left to print when the page went to its file.
        Some(_) if matches!(args.format, Format::Html) => stdout.write_all(text.as_bytes()).map_err(|source| Error::Io { path: "<stdout>".into(), source }),
        Some(p) => output::write_bytes(p, text.as_bytes()),
        None => stdout.write_all(text.as_bytes()).map_err(|source| Error::Io { path: "<stdout>".into(), source }),
    };
    timings::add(Stage::Report, report_start);
    if let Err(e) = written {
        eprint_diagnostic(&e);
        return 2;
    }
    let fail_on = args.fail_on.unwrap_or(cfg.fail_on);
    if errors > 0 {
        2
    } else if !args.exit_zero && all.iter().any(|f| f.severity >= fail_on) {
        1
    } else {
        0
    }
}

/// The series findings of a run (documents in `summaries` order), with the configuration
/// (selection, per-file ignores, levels) and the baseline applied as to any other finding.
fn series_findings(summaries: &[series::Summary], strings: &series::Strings, cfg: &Config, rules: &RuleSet, base: Option<&Baseline>) -> Vec<(usize, Finding)> {
    series_findings_of(series::findings(summaries, strings, rules, cfg.lang), cfg, base)
}

fn series_findings_of(list: Vec<(usize, Finding)>, cfg: &Config, base: Option<&Baseline>) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let d = list[i].0;
        let j = list[i..].iter().position(|(x, _)| *x != d).map(|p| i + p).unwrap_or(list.len());
        let mut mine = cfg.apply(list[i..j].iter().map(|(_, f)| f.clone()).collect());
        if let Some(b) = base {
            mine = b.filter(mine);
        }
        out.extend(mine.into_iter().map(|f| (d, f)));
        i = j;
    }
    out
}

/// Puts each document's series findings among its own (`counts` says how many of `all` are
/// each document's, and is updated), in position order; returns the documents that got some.
fn merge_series(all: &mut Vec<Finding>, counts: &mut [usize], series: &[(usize, Finding)]) -> Vec<usize> {
    let mut merged = Vec::with_capacity(all.len() + series.len());
    let mut rest = std::mem::take(all).into_iter();
    let mut touched = Vec::new();
    for (d, n) in counts.iter_mut().enumerate() {
        let mut mine: Vec<Finding> = rest.by_ref().take(*n).collect();
        let extra: Vec<Finding> = series.iter().filter(|(x, _)| *x == d).map(|(_, f)| f.clone()).collect();
        if !extra.is_empty() {
            touched.push(d);
            mine.extend(extra);
            mine.sort_by(|a, b| (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code)));
            *n = mine.len();
        }
        merged.extend(mine);
    }
    *all = merged;
    touched
}

/// Writes the annotated copy of a .docx: one comment per finding, on the disputed figure.
fn annotate(input: &Path, source: &Source, findings: &[Finding], out: &Path) -> Result<(), Error> {
    let Some(text) = &source.docx else { return Ok(()) };
    let bytes = std::fs::read(input).map_err(|source| Error::Io { path: input.into(), source })?;
    let comments: Vec<crate::docx::Comment> = findings
        .iter()
        .filter_map(|f| {
            let (s, e) = (f.span.start_loc, f.span.end_loc);
            let (start, end) = text.anchor(s.line, s.column, e.line, e.column)?;
            let help = f.help.as_deref().map(|h| format!(" — {h}")).unwrap_or_default();
            Some(crate::docx::Comment { start, end, text: format!("[{}] {}{help}", f.code, f.message) })
        })
        .collect();
    output::write_bytes(out, &crate::docx::annotate(input, &bytes, &comments)?)
}

/// Diagnostics are fitted to this many columns when stdout is not a terminal.
const NOT_A_TERMINAL_WIDTH: usize = 100;

/// COLUMNS when set, else the terminal's width, else `NOT_A_TERMINAL_WIDTH`.
fn terminal_width() -> usize {
    if let Some(c) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0) {
        return c;
    }
    match terminal_size::terminal_size_of(std::io::stdout()) {
        Some((terminal_size::Width(w), _)) if std::io::stdout().is_terminal() && w > 0 => usize::from(w),
        _ => NOT_A_TERMINAL_WIDTH,
    }
}

fn claims(args: ClaimsArgs, out: &mut dyn Write) -> i32 {
    let Some((cfg, rules)) = setup(&args.common, &args.paths) else { return 2 };
    let mut errors = 0;
    let inputs = collect(&args.paths, &cfg, args.common.stdin_filename.as_deref(), &mut errors);
    // Each file is rendered as soon as it is read and its document dropped: the output of a
    // large corpus is held as text, never as one JSON tree of everything.
    let json = matches!(args.format, ListFormat::Json);
    let with_relations = args.relations;
    let series_on = cfg.series && inputs.len() >= 2;
    // Each file in two parts, its series (known once every file is read) between them.
    type Parts = (String, String, Option<series::Summary>);
    let strings = series::Strings::default();
    let results: Vec<Result<Parts, Error>> = inputs
        .par_iter()
        .map(|input| {
            let d = read(input)?;
            let outcomes = with_relations.then(|| checks::run_all(&d, &rules, cfg.lang).2);
            let (head, tail) = match (json, &outcomes) {
                (true, o) => report::claims_json_file_parts(&d, o.as_deref()),
                (false, Some(o)) => {
                    let (h, t) = report::claims_human_parts(&d);
                    (h, t + &report::relations_human(&d, o))
                }
                (false, None) => report::claims_human_parts(&d),
            };
            Ok((head, tail, series_on.then(|| series::summarize(&d, &strings))))
        })
        .collect();
    let mut files = Vec::new();
    let mut summaries = Vec::new();
    for r in results {
        match r {
            Ok((head, tail, summary)) => {
                files.push((head, tail));
                summaries.extend(summary);
            }
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    if files.is_empty() {
        return nothing_checked(false, errors);
    }
    let outcome = if summaries.len() >= 2 { series::check(&summaries, &strings, &rules, cfg.lang) } else { series::Outcome::default() };
    let file_of = |d: usize| summaries.get(d).map(|s| s.file.clone()).unwrap_or_default();
    let parts: Vec<String> = files
        .into_iter()
        .enumerate()
        .map(|(d, (head, tail))| {
            let Some(member) = outcome.members.get(d).and_then(Option::as_ref) else { return head + &tail };
            let mine: Vec<&series::Cross> = outcome.relations.iter().filter(|c| c.result.doc == d).collect();
            if json {
                let relations = with_relations.then(|| mine.iter().map(|c| report::cross_json(c, file_of)).collect());
                head + &report::series_json_entry(member, relations) + &tail
            } else {
                let relations = if with_relations { report::cross_human(&mine, file_of) } else { String::new() };
                head + &report::series_human(member) + &tail + &relations
            }
        })
        .collect();
    let written = if json { report::write_claims_json(out, &parts) } else { out.write_all(parts.join("\n").as_bytes()) };
    if written.is_err() || errors > 0 {
        2
    } else {
        0
    }
}

fn audit_cmd(args: AuditArgs, stdout: &mut dyn Write) -> i32 {
    let Some((cfg, rules)) = setup(&args.common, &args.paths) else { return 2 };
    let ext = args.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "csv" | "md") {
        eprintln!("soi: {}: phần mở rộng phải là .xlsx, .csv hoặc .md", report::escape(&args.output.display().to_string()));
        return 2;
    }
    let mut errors = 0;
    let inputs = collect(&args.paths, &cfg, args.common.stdin_filename.as_deref(), &mut errors);
    if let Err(e) = guard_outputs(&inputs, &[&args.output]) {
        eprint_diagnostic(&e);
        return 2;
    }
    let mut rows = Vec::new();
    let mut read_ok = 0;
    let lang = cfg.lang;
    let series_on = cfg.series && inputs.len() >= 2;
    let mut summaries = Vec::new();
    let strings = series::Strings::default();
    let keep = |c: Checked| (audit::rows(&c.doc, &c.findings, &c.coverage, lang), series_on.then(|| series::summarize(&c.doc, &strings)));
    for r in run_all(&inputs, &cfg, &rules, None, keep) {
        match r {
            Ok((r, summary)) => {
                read_ok += 1;
                rows.extend(r);
                summaries.extend(summary);
            }
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    if summaries.len() >= 2 {
        let outcome = series::check(&summaries, &strings, &rules, cfg.lang);
        let findings: Vec<Finding> = series_findings_of(outcome.findings, &cfg, None).into_iter().map(|(_, f)| f).collect();
        let covered: Vec<audit::Covered> = outcome
            .relations
            .iter()
            .flat_map(|c| std::iter::once(&c.result).chain(&c.operands).map(move |l| (c, l)))
            .filter(|(c, _)| c.status != checks::Status::Unchecked)
            .map(|(c, l)| audit::Covered { file: summaries[l.doc].file.clone(), line: l.span.start_loc.line, column: l.span.start_loc.column, code: c.rule.clone() })
            .collect();
        audit::apply_series(&mut rows, &findings, &covered, lang);
    }
    if read_ok == 0 {
        // No empty workbook for a run that read nothing.
        return nothing_checked(false, errors);
    }
    let written = match ext.as_str() {
        "xlsx" => output::atomically(&args.output, |tmp| audit::xlsx(tmp, &rows, cfg.lang)),
        "csv" => output::write_bytes(&args.output, audit::csv(&rows, cfg.lang).as_bytes()),
        _ => output::write_bytes(&args.output, audit::markdown(&rows, cfg.lang).as_bytes()),
    };
    if let Err(e) = written {
        eprint_diagnostic(&e);
        return 2;
    }
    let name = args.output.display().to_string();
    let name = report::escape(&name);
    let line = match lang {
        Lang::Vi => format!("Đã ghi {} số liệu của {read_ok} tệp vào {name}\n", rows.len()),
        Lang::En => format!("Wrote {} {} of {read_ok} {} to {name}\n", rows.len(), report::plural(rows.len(), "figure"), report::plural(read_ok, "file")),
    };
    let _ = stdout.write_all(line.as_bytes());
    if errors > 0 {
        2
    } else {
        0
    }
}

fn list_rules(format: ListFormat, dirs: &[PathBuf], out: &mut dyn Write) -> i32 {
    let rules = match RuleSet::with_dirs(dirs) {
        Ok(r) => r,
        Err(e) => {
            eprint_diagnostic(&Error::Rules(e));
            return 2;
        }
    };
    let text = match format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .rules
                .iter()
                .map(|r| json!({"code": r.code, "name": r.name, "level": r.level.as_str(), "kind": r.kind.as_str(),
                                "summary": r.summary.as_ref().map(|s| s.vi.clone())}))
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        ListFormat::Markdown => report::rules_table(&rules),
        ListFormat::Human => rules
            .rules
            .iter()
            .map(|r| format!("{:<7} {:<22} {:<8} {:<13} {}\n", r.code, r.name, r.level.as_str(), r.kind.as_str(), r.summary.as_ref().map(|s| s.vi.as_str()).unwrap_or("")))
            .collect(),
    };
    let _ = out.write_all(text.as_bytes());
    0
}

fn explain_rule(code: &str, lang: Lang, out: &mut dyn Write) -> i32 {
    let rules = RuleSet::default_rules();
    let Some(r) = rules.rules.iter().find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code) else {
        let near = rules.resolve(code).err().filter(|n| !n.is_empty()).map(|n| format!("; gần nhất: {}", n.join(", "))).unwrap_or_default();
        eprintln!("soi: không có quy tắc {}{near}; xem `soi rules`", report::escape(code));
        return 2;
    };
    let _ = out.write_all(report::explain(r, lang).as_bytes());
    0
}
