//! The command line: parses arguments, runs the pipeline per file, hands results to report.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use serde_json::json;

use crate::checks;
use crate::document::Document;
use crate::error::Error;
use crate::report::{self, Style};
use crate::rules::{Lang, Level, RuleSet};

#[derive(Debug, Parser)]
#[command(name = "soi", version, about = "Soi số liệu: kiểm tra tính nhất quán của số liệu trong báo cáo kinh tế - xã hội")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Kiểm tra số liệu của các báo cáo (tệp hoặc thư mục).
    Check(CheckArgs),
    /// Liệt kê các số liệu đọc được (chỉ tiêu, giá trị, vai trò, vị trí).
    Claims(ClaimsArgs),
    /// Liệt kê các quy tắc.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Giải thích một quy tắc.
    Rule {
        code: String,
        #[arg(long, value_enum, default_value_t = Lang::Vi)]
        lang: Lang,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Tệp .txt/.md hoặc thư mục chứa chúng.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Thư mục chứa tệp quy tắc YAML bổ sung hoặc thay thế quy tắc mặc định.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Lang::Vi)]
    lang: Lang,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, clap::Args)]
struct ClaimsArgs {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Concise,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
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
        Command::Rules { format, rules } => list_rules(format, rules.as_deref(), &mut stdout),
        Command::Rule { code, lang } => explain_rule(&code, lang, &mut stdout),
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

fn load_rules(dir: Option<&Path>) -> Option<RuleSet> {
    match dir {
        None => Some(RuleSet::default_rules()),
        Some(d) => match RuleSet::with_dir(d) {
            Ok(r) => Some(r),
            Err(e) => {
                eprint_diagnostic(&Error::Rules(e));
                None
            }
        },
    }
}

/// Files named on the command line, with directories walked for .txt and .md (hidden and
/// VCS directories skipped), in a stable order.
fn collect(paths: &[PathBuf], errors: &mut usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p).sort_by_file_name().into_iter().filter_entry(|e| {
                e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.') || n == "node_modules" || n == "target")
            });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_ext(e.path(), &["txt", "md"]) => out.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => {
                        *errors += 1;
                        let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                        let io = err.into_io_error().unwrap_or_else(|| std::io::Error::other("vòng lặp liên kết tượng trưng"));
                        eprint_diagnostic(&Error::Io { path, source: io });
                    }
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn read(path: &Path) -> Result<Document, Error> {
    if has_ext(path, &["docx", "doc", "pdf", "odt", "xlsx"]) {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_owned();
        return Err(Error::UnsupportedFormat { path: path.into(), extension });
    }
    Document::read(path)
}

fn check(args: CheckArgs, out: &mut dyn Write) -> i32 {
    let Some(rules) = load_rules(args.rules.as_deref()) else { return 2 };
    let mut errors = 0;
    let files = collect(&args.paths, &mut errors);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = if std::io::stdout().is_terminal() { terminal_width().unwrap_or(80) } else { 80 };
    let style = Style { color, width, lang: args.lang };
    // Files are read and checked in parallel; results come back in input order, so the
    // output is the same whatever the number of threads.
    let results: Vec<Result<(usize, Vec<checks::Finding>, String), Error>> = files
        .par_iter()
        .map(|path| {
            let doc = read(path)?;
            let findings = checks::run(&doc, &rules, args.lang);
            let human = if matches!(args.format, Format::Human) { report::human(&doc, &findings, style) } else { String::new() };
            Ok((doc.claims.claims.len(), findings, human))
        })
        .collect();
    let mut all = Vec::new();
    let mut claims = 0;
    let mut human = String::new();
    let mut read_ok = 0;
    for r in results {
        match r {
            Ok((n, findings, text)) => {
                read_ok += 1;
                claims += n;
                human.push_str(&text);
                all.extend(findings);
            }
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    let text = match args.format {
        Format::Json => report::check_json(&all, read_ok, claims),
        Format::Concise => report::concise(&all),
        Format::Human => {
            human.push_str(&report::tally(all.len(), read_ok, args.lang));
            human
        }
    };
    let _ = out.write_all(text.as_bytes());
    if errors > 0 {
        2
    } else if all.iter().any(|f| f.severity >= Level::Warning) {
        1
    } else {
        0
    }
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

fn claims(args: ClaimsArgs, out: &mut dyn Write) -> i32 {
    let mut errors = 0;
    let files = collect(&args.paths, &mut errors);
    let mut docs = Vec::new();
    for path in &files {
        match read(path) {
            Ok(d) => docs.push(d),
            Err(e) => {
                errors += 1;
                eprint_diagnostic(&e);
            }
        }
    }
    let text = match args.format {
        ListFormat::Json => report::claims_json(&docs.iter().collect::<Vec<_>>()),
        ListFormat::Human => docs.iter().map(report::claims_human).collect::<Vec<_>>().join("\n"),
    };
    let _ = out.write_all(text.as_bytes());
    if errors > 0 {
        2
    } else {
        0
    }
}

fn list_rules(format: ListFormat, dir: Option<&Path>, out: &mut dyn Write) -> i32 {
    let Some(rules) = load_rules(dir) else { return 2 };
    let text = match format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .rules
                .iter()
                .map(|r| json!({"code": r.code, "name": r.name, "level": r.level.as_str(), "kind": r.kind.as_str(),
                                "summary": r.summary.as_ref().map(|s| s.vi.clone())}))
                .collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Human => rules
            .rules
            .iter()
            .map(|r| format!("{:<7} {:<24} {:<8} {:<13} {}\n", r.code, r.name, r.level.as_str(), r.kind.as_str(), r.summary.as_ref().map(|s| s.vi.as_str()).unwrap_or("")))
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
    let mut s = format!("{} ({}) — {}, kind {}\n", r.code, r.name, r.level, r.kind.as_str());
    if let Some(sum) = &r.summary {
        s.push_str(&format!("\n{}\n", sum.get(lang)));
    }
    if let Some(h) = &r.help {
        s.push_str(&format!("\n{}\n", h.get(lang)));
    }
    let _ = out.write_all(s.as_bytes());
    0
}
