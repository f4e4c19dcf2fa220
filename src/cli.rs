//! The command line: parses arguments, resolves the configuration, runs the pipeline per file
//! (in parallel, results in input order) and hands the results to `report`/`audit`.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
use crate::report::{self, Style};
use crate::rules::{Lang, Level, RuleSet};
use crate::source::Source;

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
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Tệp .txt/.md, thư mục, hoặc - để đọc đầu vào chuẩn.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    common: Common,
    /// Ghi kết quả vào tệp thay vì đầu ra chuẩn.
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// In số phát hiện theo từng quy tắc.
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
    /// Ẩn các phát hiện đã ghi trong tệp baseline; phát hiện mới vẫn báo.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Ghi các phát hiện hiện tại thành baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Với một tệp .docx: ghi bản sao có chú thích (comment) Word tại từng số liệu bị nghi.
    #[arg(long, value_name = "OUT.docx")]
    annotate: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ClaimsArgs {
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
        Command::Audit(args) => audit_cmd(args),
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

fn eprint_diagnostic(d: &dyn Diagnostic) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let mut s = String::new();
    let _ = GraphicalReportHandler::new_themed(theme).with_width(80).render_report(&mut s, d);
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
    };
    let cfg = match Config::load(path.as_deref(), &over) {
        Ok(c) => c,
        Err(e) => {
            eprint_diagnostic(&Error::Rules(e));
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
    rules.rules.retain(|r| cfg.selected(&r.code));
    Some((cfg, rules))
}

/// An input: a file on disk, or standard input under a name.
enum Input {
    File(PathBuf),
    Stdin(String),
}

/// Files named on the command line, with directories walked for .txt, .md, .docx (hidden and
/// VCS directories and `exclude` globs skipped, links not followed), in a stable order.
fn collect(paths: &[PathBuf], cfg: &Config, stdin_name: Option<&str>, errors: &mut usize) -> Vec<Input> {
    let mut out = Vec::new();
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
    out
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn read(input: &Input) -> Result<Document, Error> {
    match input {
        Input::Stdin(name) => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|source| Error::Io { path: name.into(), source })?;
            Ok(Document::from_source(Source::from_bytes(Path::new(name), &bytes)?))
        }
        Input::File(path) => {
            if has_ext(path, &["doc", "pdf", "odt", "xlsx"]) {
                let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_owned();
                return Err(Error::UnsupportedFormat { path: path.into(), extension });
            }
            Document::read(path)
        }
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
                let (findings, coverage, outcomes) = checks::run_all(&doc, rules, cfg.lang);
                let mut findings = cfg.apply(findings);
                if let Some(b) = base {
                    findings = b.filter(findings);
                }
                if progress {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    eprint!("\r\x1b[2K[{n}/{}] {}", inputs.len(), doc.source.name());
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

fn check(args: CheckArgs, stdout: &mut dyn Write) -> i32 {
    let Some((cfg, rules)) = setup(&args.common, &args.paths) else { return 2 };
    let base = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprint_diagnostic(&e);
            return 2;
        }
    };
    let mut errors = 0;
    let inputs = collect(&args.paths, &cfg, args.common.stdin_filename.as_deref(), &mut errors);
    let to_file = args.output_file.is_some();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !to_file && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = if !to_file && std::io::stdout().is_terminal() { terminal_width().unwrap_or(80) } else { 80 };
    let style = Style { color, width, lang: cfg.lang };
    let mut all = Vec::new();
    let mut claims = 0;
    let mut human = String::new();
    let mut read_ok = 0;
    if args.annotate.is_some() && !(inputs.len() == 1 && matches!(&inputs[0], Input::File(p) if has_ext(p, &["docx"]))) {
        eprintln!("soi: --annotate cần đúng một tệp .docx");
        return 2;
    }
    let reduce = |c: Checked| {
        let annotated = match (&args.annotate, &inputs[0]) {
            (Some(out), Input::File(input)) => annotate(input, &c.doc, &c.findings, out),
            _ => Ok(()),
        };
        let text = if matches!(args.format, Format::Human) { report::human(&c.doc, &c.findings, style) } else { String::new() };
        let part = matches!(args.format, Format::Html).then(|| html::document(&c.doc, &c.findings, &c.outcomes));
        (c.doc.claims.claims.len(), c.findings, text, annotated, part)
    };
    let mut page = None;
    if matches!(args.format, Format::Html) {
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
            Ok((n, findings, text, annotated, part)) => {
                read_ok += 1;
                if let Err(e) = annotated {
                    eprint_diagnostic(&e);
                    errors += 1;
                }
                claims += n;
                human.push_str(&text);
                if let (Some(page), Some(part)) = (&mut page, part) {
                    page.add(part);
                }
                all.extend(findings);
            }
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        if let Err(e) = baseline::write(path, &all) {
            eprint_diagnostic(&e);
            return 2;
        }
    }
    let finished = page.map(|p| p.finish(&all, &rules, errors));
    let mut text = match args.format {
        Format::Json => report::check_json(&all, read_ok, claims),
        Format::Concise => report::concise(&all),
        Format::Sarif => report::sarif(&all, &rules, cfg.lang),
        Format::Github => report::github(&all),
        Format::Html => match finished {
            Some(Err(e)) => {
                eprint_diagnostic(&e);
                return 2;
            }
            _ => String::new(),
        },
        Format::Human => {
            if !args.quiet {
                human.push_str(&report::tally(all.len(), read_ok, cfg.lang));
            }
            human
        }
    };
    if args.statistics {
        text.push_str(&report::statistics(&all));
    }
    let written = match &args.output_file {
        // The page went to the file as it was written; only --statistics is left to print.
        Some(_) if matches!(args.format, Format::Html) => stdout.write_all(text.as_bytes()).map_err(|source| Error::Io { path: "<stdout>".into(), source }),
        Some(p) => std::fs::write(p, text.as_bytes()).map_err(|source| Error::Io { path: p.clone(), source }),
        None => stdout.write_all(text.as_bytes()).map_err(|source| Error::Io { path: "<stdout>".into(), source }),
    };
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

/// Writes the annotated copy of a .docx: one comment per finding, on the disputed figure.
fn annotate(input: &Path, doc: &Document, findings: &[Finding], out: &Path) -> Result<(), Error> {
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::Write { path: out.into(), reason: "trùng với tệp gốc; soi không sửa tệp của người dùng".into() });
    }
    let Some(text) = &doc.source.docx else { return Ok(()) };
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
    crate::docx::annotate(input, &bytes, &comments, out)
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

fn claims(args: ClaimsArgs, out: &mut dyn Write) -> i32 {
    let Some((cfg, rules)) = setup(&args.common, &args.paths) else { return 2 };
    let mut errors = 0;
    let inputs = collect(&args.paths, &cfg, args.common.stdin_filename.as_deref(), &mut errors);
    let with_relations = args.relations;
    let results: Vec<Result<(Document, Option<Vec<checks::Outcome>>), Error>> = inputs
        .par_iter()
        .map(|i| {
            let doc = read(i)?;
            let outcomes = with_relations.then(|| checks::run_all(&doc, &rules, cfg.lang).2);
            Ok((doc, outcomes))
        })
        .collect();
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    let text = match args.format {
        ListFormat::Json => report::claims_json_with(&docs.iter().map(|(d, o)| (d, o.as_deref())).collect::<Vec<_>>()),
        ListFormat::Human | ListFormat::Markdown => docs
            .iter()
            .map(|(d, o)| report::claims_human(d) + &o.as_deref().map(|o| report::relations_human(d, o)).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let _ = out.write_all(text.as_bytes());
    if errors > 0 {
        2
    } else {
        0
    }
}

fn audit_cmd(args: AuditArgs) -> i32 {
    let Some((cfg, rules)) = setup(&args.common, &args.paths) else { return 2 };
    let ext = args.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "csv" | "md") {
        eprintln!("soi: {}: phần mở rộng phải là .xlsx, .csv hoặc .md", args.output.display());
        return 2;
    }
    let mut errors = 0;
    let inputs = collect(&args.paths, &cfg, args.common.stdin_filename.as_deref(), &mut errors);
    let mut rows = Vec::new();
    let lang = cfg.lang;
    for r in run_all(&inputs, &cfg, &rules, None, |c| audit::rows(&c.doc, &c.findings, &c.coverage, lang)) {
        match r {
            Ok(r) => rows.extend(r),
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    let written = match ext.as_str() {
        "xlsx" => audit::xlsx(&args.output, &rows, cfg.lang),
        "csv" => std::fs::write(&args.output, audit::csv(&rows, cfg.lang)).map_err(|source| Error::Io { path: args.output.clone(), source }),
        _ => std::fs::write(&args.output, audit::markdown(&rows, cfg.lang)).map_err(|source| Error::Io { path: args.output.clone(), source }),
    };
    if let Err(e) = written {
        eprint_diagnostic(&e);
        return 2;
    }
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
        eprintln!("soi: không có quy tắc {code}; xem `soi rules`");
        return 2;
    };
    let _ = out.write_all(report::explain(r, lang).as_bytes());
    0
}
