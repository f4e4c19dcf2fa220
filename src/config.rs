//! `soi.yaml`: the project's settings, found from the checked path upward (or `--config`).
//! Command-line flags win over the file.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::checks::Finding;
use crate::rules::{Lang, Level, RuleSet};
use crate::settings;

pub const FILE_NAME: &str = "soi.yaml";

/// The keys soi.yaml may have, for the message about a key it does not know.
pub const KEYS: [&str; 10] = ["select", "ignore", "levels", "per-file-ignores", "rules", "baseline", "exclude", "lang", "fail-on", "series"];

/// A configuration soi cannot use: a broken soi.yaml (pointing at its line), or a flag
/// naming a rule that does not exist.
#[derive(Debug, Error, Diagnostic)]
#[error("{what}: {reason}")]
#[diagnostic(code(soi::config), help("{help}"))]
pub struct ConfigError {
    /// "path/soi.yaml: tệp cấu hình không hợp lệ", or the flag ("--select").
    pub what: String,
    pub reason: String,
    pub help: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("ở đây")]
    pub span: Option<SourceSpan>,
    pub line: Option<usize>,
}

impl ConfigError {
    fn in_file(path: &Path, text: &str, reason: String, at: Option<usize>) -> Box<ConfigError> {
        let at = at.map(|i| i.min(text.len()));
        let line = at.map(|i| text[..i].matches('\n').count() + 1);
        let reason = match line {
            Some(l) if !reason.starts_with("dòng ") => format!("dòng {l}: {reason}"),
            _ => reason,
        };
        Box::new(ConfigError {
            what: format!("{}: tệp cấu hình {FILE_NAME} không hợp lệ", path.display()),
            reason,
            help: format!("Các khóa hợp lệ của {FILE_NAME}: {}. Xem README, mục `soi.yaml`; `soi rules` liệt kê các mã quy tắc.", KEYS.join(", ")),
            src: NamedSource::new(path.display().to_string(), text.to_owned()),
            span: at.filter(|&i| crate::settings::showable(text, i)).map(|i| SourceSpan::from((i, usize::from(i < text.len())))),
            line,
        })
    }

    fn flag(flag: &str, reason: String) -> Box<ConfigError> {
        Box::new(ConfigError {
            what: flag.to_owned(),
            reason,
            help: "`soi rules` liệt kê các mã và tên quy tắc; một tiền tố (SOI1) chọn mọi mã bắt đầu bằng nó.".to_owned(),
            src: NamedSource::new(flag, String::new()),
            span: None,
            line: None,
        })
    }
}

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Rule codes or prefixes to run ("SOI1", "SOI301"); all when empty.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rule codes or prefixes not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Level per rule code.
    #[serde(default)]
    pub levels: std::collections::BTreeMap<String, Level>,
    /// Glob → codes or prefixes ignored in matching files.
    #[serde(default)]
    pub per_file_ignores: std::collections::BTreeMap<String, Vec<String>>,
    /// Extra rule directories, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    #[serde(default)]
    pub lang: Option<LangName>,
    #[serde(default)]
    pub fail_on: Option<Level>,
    /// Globs of files and directories not to check.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// A baseline file (relative to the configuration file); `--baseline` wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    /// Check each report against the other reports of its series (default true);
    /// `--no-series` wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<bool>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LangName {
    Vi,
    En,
}

impl From<LangName> for Lang {
    fn from(l: LangName) -> Lang {
        match l {
            LangName::Vi => Lang::Vi,
            LangName::En => Lang::En,
        }
    }
}

/// Settings after merging the file and the command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the settings came from, if a file.
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    pub rule_dirs: Vec<PathBuf>,
    pub lang: Lang,
    pub fail_on: Level,
    /// The baseline named in the file, resolved against its directory.
    pub baseline: Option<PathBuf>,
    /// Whether reports are checked against the other reports of their series.
    pub series: bool,
    /// The command line's codes, laid over the file's once the rule set is known.
    over: Overrides,
    /// The file's text, for errors pointing into it.
    text: String,
    exclude: GlobSet,
    per_file: Vec<(GlobSet, Vec<String>)>,
    /// Directory that relative globs are matched against.
    root: PathBuf,
}

/// What the command line says, to be laid over the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub rule_dirs: Vec<PathBuf>,
    pub lang: Option<Lang>,
    pub fail_on: Option<Level>,
    pub exclude: Vec<String>,
    /// `--no-series`.
    pub no_series: bool,
}

/// The nearest `soi.yaml` in `start` or a directory above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

impl Config {
    /// Reads `path` (if any) and keeps `over` to lay on top. The rule codes are checked and
    /// merged by `resolve_codes`, once the rule set (which the file may extend) is loaded.
    pub fn load(path: Option<&Path>, over: &Overrides) -> Result<Config, Box<ConfigError>> {
        let (file, root, text) = match path {
            Some(p) => {
                let text = settings::read_yaml(p).map_err(|r| ConfigError::in_file(p, &r.text, r.reason, r.at))?;
                let file: ConfigFile = match serde_yaml::from_str::<Option<ConfigFile>>(&text) {
                    Ok(f) => f.unwrap_or_default(),
                    Err(e) => return Err(ConfigError::in_file(p, &text, e.to_string(), e.location().map(|l| l.index()))),
                };
                (file, p.parent().map(Path::to_path_buf).unwrap_or_default(), text)
            }
            None => (ConfigFile::default(), PathBuf::from("."), String::new()),
        };
        let bad_glob = |g: &str, e: globset::Error| match path {
            Some(p) => ConfigError::in_file(p, &text, format!("glob không hợp lệ {g:?}: {e}"), text.find(g)),
            None => ConfigError::flag("--exclude", format!("glob không hợp lệ {g:?}: {e}")),
        };
        let mut ex = GlobSetBuilder::new();
        for g in file.exclude.iter().chain(&over.exclude) {
            ex.add(Glob::new(g).map_err(|e| bad_glob(g, e))?);
        }
        let exclude = ex.build().map_err(|e| bad_glob("exclude", e))?;
        let mut per_file = Vec::new();
        for (g, codes) in &file.per_file_ignores {
            let set = GlobSetBuilder::new().add(Glob::new(g).map_err(|e| bad_glob(g, e))?).build().map_err(|e| bad_glob(g, e))?;
            per_file.push((set, codes.clone()));
        }
        let mut rule_dirs: Vec<PathBuf> = file.rules.iter().map(|d| root.join(d)).collect();
        rule_dirs.extend(over.rule_dirs.iter().cloned());
        Ok(Config {
            path: path.map(Path::to_path_buf),
            lang: over.lang.or(file.lang.map(Lang::from)).unwrap_or_default(),
            fail_on: over.fail_on.or(file.fail_on).unwrap_or(Level::Warning),
            baseline: file.baseline.as_ref().map(|b| root.join(b)),
            series: !over.no_series && file.series.unwrap_or(true),
            over: over.clone(),
            text,
            exclude,
            per_file,
            rule_dirs,
            root,
            file,
        })
    }

    /// Checks every rule code, prefix or name of the file and the command line against the
    /// rule set (an unknown one is an error naming the closest codes: a typo must never turn
    /// checking off), writes them as codes, and lays the command line over the file.
    pub fn resolve_codes(&mut self, rules: &RuleSet) -> Result<(), Box<ConfigError>> {
        let text = &self.text;
        let path = self.path.clone().unwrap_or_else(|| PathBuf::from(FILE_NAME));
        let in_file = |list: &[String], key: &str| -> Result<Vec<String>, Box<ConfigError>> {
            resolve_list(list, rules).map_err(|(token, reason)| {
                let at = text.find(key).map(|k| k + text[k..].find(token.as_str()).unwrap_or(0));
                ConfigError::in_file(&path, text, format!("{key}: {reason}"), at)
            })
        };
        let select = in_file(&self.file.select, "select")?;
        let ignore = in_file(&self.file.ignore, "ignore")?;
        let mut levels = std::collections::BTreeMap::new();
        for (code, level) in &self.file.levels {
            let resolved = in_file(std::slice::from_ref(code), "levels")?;
            for c in resolved {
                levels.insert(c, *level);
            }
        }
        let mut per_file_ignores = std::collections::BTreeMap::new();
        for (glob, codes) in &self.file.per_file_ignores {
            per_file_ignores.insert(glob.clone(), in_file(codes, "per-file-ignores")?);
        }
        for (_, codes) in &mut self.per_file {
            *codes = in_file(codes, "per-file-ignores")?;
        }
        let flag = |list: &[String], name: &str| resolve_list(list, rules).map_err(|(_, reason)| ConfigError::flag(name, reason));
        let cli_select = flag(&self.over.select, "--select")?;
        let cli_ignore = flag(&self.over.ignore, "--ignore")?;
        self.file.select = select;
        self.file.ignore = ignore;
        self.file.levels = levels;
        self.file.per_file_ignores = per_file_ignores;
        // `--select` on the command line replaces the file's selection, its ignores included.
        if !cli_select.is_empty() {
            self.file.select = cli_select;
            self.file.ignore.clear();
        }
        self.file.ignore.extend(cli_ignore);
        Ok(())
    }

    fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        let abs_root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        match std::fs::canonicalize(path) {
            Ok(abs) => match abs.strip_prefix(&abs_root) {
                Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
                Err(_) => std::borrow::Cow::Borrowed(path),
            },
            Err(_) => std::borrow::Cow::Borrowed(path),
        }
    }

    /// Whether a file or directory met in a walk is excluded.
    pub fn excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && (self.exclude.is_match(path) || self.exclude.is_match(self.relative(path).as_ref()))
    }

    /// Whether a rule code runs at all.
    pub fn selected(&self, code: &str) -> bool {
        let sel = &self.file.select;
        (sel.is_empty() || sel.iter().any(|s| code.starts_with(s.as_str()))) && !self.file.ignore.iter().any(|s| code.starts_with(s.as_str()))
    }

    /// The level the file sets for a code: the entry with the longest matching code or prefix.
    fn level_of(&self, code: &str) -> Option<Level> {
        self.file.levels.iter().filter(|(k, _)| code.starts_with(k.as_str())).max_by_key(|(k, _)| k.len()).map(|(_, l)| *l)
    }

    /// Whether a rule is ignored for one file by `per-file-ignores`.
    pub fn ignored_in(&self, file: &Path, code: &str) -> bool {
        if self.per_file.is_empty() {
            return false;
        }
        let rel = self.relative(file);
        self.per_file.iter().any(|(set, codes)| (set.is_match(file) || set.is_match(rel.as_ref())) && codes.iter().any(|c| code.starts_with(c.as_str())))
    }

    /// Drops findings of rules not selected or ignored for their file; applies level overrides.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| self.selected(&f.code))
            .filter(|f| !self.ignored_in(Path::new(&f.file), &f.code))
            .map(|mut f| {
                if let Some(l) = self.level_of(&f.code) {
                    f.severity = l;
                }
                f
            })
            .collect()
    }

    /// The resolved settings as YAML, for `soi config`.
    pub fn show(&self) -> String {
        let mut file = self.file.clone();
        file.rules = self.rule_dirs.clone();
        file.baseline = self.baseline.clone();
        file.lang = Some(match self.lang {
            Lang::Vi => LangName::Vi,
            Lang::En => LangName::En,
        });
        file.fail_on = Some(self.fail_on);
        file.series = Some(self.series);
        let source = match &self.path {
            Some(p) => format!("# {}\n", p.display()),
            None => "# không có soi.yaml: cấu hình mặc định\n".to_owned(),
        };
        format!("{source}{}", serde_yaml::to_string(&file).unwrap_or_default())
    }
}

/// Each entry as a rule code or prefix (names become codes; empty entries, as a trailing
/// comma leaves, are dropped); the first unknown one with the reason.
fn resolve_list(list: &[String], rules: &RuleSet) -> Result<Vec<String>, (String, String)> {
    let mut out = Vec::new();
    for token in list.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        match rules.resolve(token) {
            Ok(code) => out.push(code),
            Err(near) => {
                let hint = if near.is_empty() { String::new() } else { format!("; gần nhất: {}", near.join(", ")) };
                return Err((token.to_owned(), format!("không có quy tắc nào có mã, tiền tố hay tên {token:?}{hint}")));
            }
        }
    }
    Ok(out)
}
