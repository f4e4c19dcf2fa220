//! `soi.yaml`: the project's settings, found from the checked path upward (or `--config`).
//! Command-line flags win over the file.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::checks::Finding;
use crate::rules::{Lang, Level, RuleError};

pub const FILE_NAME: &str = "soi.yaml";

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
    /// Reads `path` (if any) and lays `over` on top.
    pub fn load(path: Option<&Path>, over: &Overrides) -> Result<Config, Box<RuleError>> {
        let (file, root) = match path {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| RuleError::at(p, "", e.to_string(), None))?;
                let file: ConfigFile = match serde_yaml::from_str::<Option<ConfigFile>>(&text) {
                    Ok(f) => f.unwrap_or_default(),
                    Err(e) => return Err(RuleError::yaml(p, &text, &e)),
                };
                (file, p.parent().map(Path::to_path_buf).unwrap_or_default())
            }
            None => (ConfigFile::default(), PathBuf::from(".")),
        };
        let bad_glob = |g: &str, e: globset::Error| RuleError::at(path.unwrap_or(Path::new("--exclude")), "", format!("glob không hợp lệ {g:?}: {e}"), None);
        let mut ex = GlobSetBuilder::new();
        for g in file.exclude.iter().chain(&over.exclude) {
            ex.add(Glob::new(g).map_err(|e| bad_glob(g, e))?);
        }
        let mut per_file = Vec::new();
        for (g, codes) in &file.per_file_ignores {
            let set = GlobSetBuilder::new().add(Glob::new(g).map_err(|e| bad_glob(g, e))?).build().map_err(|e| bad_glob(g, e))?;
            per_file.push((set, codes.clone()));
        }
        let mut rule_dirs: Vec<PathBuf> = file.rules.iter().map(|d| root.join(d)).collect();
        rule_dirs.extend(over.rule_dirs.iter().cloned());
        let mut file = file;
        // `--select` on the command line replaces the file's selection, its ignores included.
        if !over.select.is_empty() {
            file.select = over.select.clone();
            file.ignore.clear();
        }
        file.ignore.extend(over.ignore.iter().cloned());
        Ok(Config {
            path: path.map(Path::to_path_buf),
            lang: over.lang.or(file.lang.map(Lang::from)).unwrap_or_default(),
            fail_on: over.fail_on.or(file.fail_on).unwrap_or(Level::Warning),
            exclude: ex.build().map_err(|e| bad_glob("exclude", e))?,
            per_file,
            rule_dirs,
            root,
            file,
        })
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

    /// Drops findings of rules not selected or ignored for their file; applies level overrides.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| self.selected(&f.code))
            .filter(|f| {
                let p = Path::new(&f.file);
                let rel = self.relative(p);
                !self.per_file.iter().any(|(set, codes)| (set.is_match(p) || set.is_match(rel.as_ref())) && codes.iter().any(|c| f.code.starts_with(c.as_str())))
            })
            .map(|mut f| {
                if let Some(l) = self.file.levels.get(&f.code) {
                    f.severity = *l;
                }
                f
            })
            .collect()
    }

    /// The resolved settings as YAML, for `soi config`.
    pub fn show(&self) -> String {
        let mut file = self.file.clone();
        file.rules = self.rule_dirs.clone();
        file.lang = Some(match self.lang {
            Lang::Vi => LangName::Vi,
            Lang::En => LangName::En,
        });
        file.fail_on = Some(self.fail_on);
        let source = match &self.path {
            Some(p) => format!("# {}\n", p.display()),
            None => "# không có soi.yaml: cấu hình mặc định\n".to_owned(),
        };
        format!("{source}{}", serde_yaml::to_string(&file).unwrap_or_default())
    }
}
