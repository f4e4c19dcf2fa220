//! The rule set: YAML files naming a check kind and its parameters. The defaults under rules/
//! are embedded; `--rules DIR` adds or overrides rules by code. Validation is strict: an
//! unknown key, a wrong type or an unknown kind is a diagnostic pointing into the YAML.

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::layout::Role;

const DEFAULT_RULES: &str = include_str!("../rules/default.yaml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The built-in checks a rule can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Ratio,
    PlanPercent,
    Share,
    Sum,
    Difference,
    Repeat,
    Growth,
    Unit,
    DoubledWord,
    StalePeriod,
    UnlabeledPart,
    Suppression,
    Aggregate,
    Contribution,
    /// A list said to be in order, item by item.
    Order,
    /// An output against its area times its yield.
    Product,
    /// Years elapsed against the dates stated with them.
    Elapsed,
    /// An average per unit against the total and the count it divides.
    Average,
    /// A total's growth against the range of its parts' growths.
    GrowthRange,
    /// A count against the names listed with it.
    NamedCount,
    TableCompare,
    TableAssessment,
    TableTotal,
    TableShare,
    TableUnit,
    TableRestatement,
    /// Across the reports of a series (src/series/): a plan figure, a cumulative figure, a
    /// month against its cumulatives, an implied plan, a growth, a restated period; and a
    /// report that could not be placed in its series.
    SeriesPlan,
    SeriesCumulative,
    SeriesMonth,
    SeriesImpliedPlan,
    SeriesGrowth,
    SeriesRestatement,
    SeriesUnplaced,
}

impl CheckKind {
    /// Kinds checked across the reports of a series, not within one document.
    pub fn is_series(self) -> bool {
        matches!(
            self,
            CheckKind::SeriesPlan
                | CheckKind::SeriesCumulative
                | CheckKind::SeriesMonth
                | CheckKind::SeriesImpliedPlan
                | CheckKind::SeriesGrowth
                | CheckKind::SeriesRestatement
                | CheckKind::SeriesUnplaced
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Ratio => "ratio",
            CheckKind::PlanPercent => "plan_percent",
            CheckKind::Share => "share",
            CheckKind::Sum => "sum",
            CheckKind::Difference => "difference",
            CheckKind::Repeat => "repeat",
            CheckKind::Growth => "growth",
            CheckKind::Unit => "unit",
            CheckKind::DoubledWord => "doubled_word",
            CheckKind::StalePeriod => "stale_period",
            CheckKind::UnlabeledPart => "unlabeled_part",
            CheckKind::Suppression => "suppression",
            CheckKind::Aggregate => "aggregate",
            CheckKind::Contribution => "contribution",
            CheckKind::Order => "order",
            CheckKind::Product => "product",
            CheckKind::Elapsed => "elapsed",
            CheckKind::Average => "average",
            CheckKind::GrowthRange => "growth_range",
            CheckKind::NamedCount => "named_count",
            CheckKind::TableCompare => "table_compare",
            CheckKind::TableAssessment => "table_assessment",
            CheckKind::TableTotal => "table_total",
            CheckKind::TableShare => "table_share",
            CheckKind::TableUnit => "table_unit",
            CheckKind::TableRestatement => "table_restatement",
            CheckKind::SeriesPlan => "series_plan",
            CheckKind::SeriesCumulative => "series_cumulative",
            CheckKind::SeriesMonth => "series_month",
            CheckKind::SeriesImpliedPlan => "series_implied_plan",
            CheckKind::SeriesGrowth => "series_growth",
            CheckKind::SeriesRestatement => "series_restatement",
            CheckKind::SeriesUnplaced => "series_unplaced",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    #[serde(default)]
    pub en: Option<String>,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.en.as_deref().unwrap_or(&self.vi),
            Lang::Vi => &self.vi,
        }
    }
}

/// Kind-specific keys. Each kind reads the ones it knows; `validate` refuses the others.
#[derive(Debug, Clone, Deserialize, Serialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// sum: which way the parts miss the total ("exceeds" | "short").
    #[serde(default)]
    pub direction: Option<Direction>,
    /// unit: which test ("dimension" by default, "percent_with_unit", "bounds").
    #[serde(default)]
    pub check: Option<UnitCheck>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Exceeds,
    Short,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnitCheck {
    Dimension,
    PercentWithUnit,
    Bounds,
    /// Contributions to a growth written in percent among others in percentage points.
    ContributionPoints,
    /// A total whose written digits are its parts' sum, in a unit a thousand (or million)
    /// times off: "3.785 lượt" for parts in "nghìn lượt".
    ScaleSlip,
    /// A percent written without its sign: "đạt 48,6 dự toán".
    SignMissing,
    /// A share of a whole that cannot hold the part: households as a share of the population.
    ShareWhole,
    /// A share of a whole above 100%: "chiếm 104% tổng số hộ", "107% giấy chứng nhận".
    ShareOver,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub code: String,
    pub name: String,
    pub kind: CheckKind,
    pub level: Level,
    pub message: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub summary: Option<Text>,
    /// Why it matters (for `soi rule` and the README).
    #[serde(default)]
    pub why: Option<Text>,
    /// A sentence this rule reports, and one it leaves alone.
    #[serde(default)]
    pub example: Option<String>,
    #[serde(default)]
    pub consistent: Option<String>,
    #[serde(default)]
    pub tolerance: Decimal,
    #[serde(default = "all_roles")]
    pub scope: Vec<Role>,
    #[serde(default)]
    pub params: Params,
}

fn all_roles() -> Vec<Role> {
    vec![Role::Body, Role::Summary, Role::Tasks, Role::Footnote]
}

impl Rule {
    pub fn applies_to(&self, role: Role) -> bool {
        self.scope.contains(&role)
    }

    /// Fills `{name}` placeholders of the message (or help) in the chosen language.
    pub fn render(template: &str, vars: &[(&str, String)]) -> String {
        let mut out = template.to_owned();
        for (k, v) in vars {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }
}

/// A rule file that could not be read: names the file and points at the line.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}: tệp quy tắc không hợp lệ: {reason}")]
#[diagnostic(code(soi::rules), help("Xem `soi rules` và rules/default.yaml để biết các khóa hợp lệ."))]
pub struct RuleError {
    pub path: PathBuf,
    pub reason: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("ở đây")]
    pub span: Option<SourceSpan>,
    pub line: Option<usize>,
}

impl RuleError {
    /// An error in a YAML file, pointing at byte `at` of its text when known.
    pub fn at(path: &Path, text: &str, reason: String, at: Option<usize>) -> Box<RuleError> {
        let at = at.map(|i| i.min(text.len()));
        Box::new(RuleError {
            path: path.into(),
            reason,
            src: NamedSource::new(path.display().to_string(), text.to_owned()),
            span: at.filter(|&i| crate::settings::showable(text, i)).map(|i| SourceSpan::from((i, usize::from(i < text.len())))),
            line: at.map(|i| text[..i].matches('\n').count() + 1),
        })
    }

    /// A serde_yaml error, with its line in the message.
    pub fn yaml(path: &Path, text: &str, e: &serde_yaml::Error) -> Box<RuleError> {
        let reason = match e.location() {
            Some(l) => format!("dòng {}: {e}", l.line()),
            None => e.to_string(),
        };
        RuleError::at(path, text, reason, e.location().map(|l| l.index()))
    }
}

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The embedded default rules.
    pub fn default_rules() -> RuleSet {
        #[allow(clippy::expect_used)]
        let mut rules = parse(Path::new("rules/default.yaml"), DEFAULT_RULES).expect("embedded rules/default.yaml is valid");
        rules.sort_by(|a, b| a.code.cmp(&b.code));
        RuleSet { rules }
    }

    /// Defaults plus every `*.yaml`/`*.yml` file of each directory (sorted by name); a rule
    /// with the code of an earlier one replaces it.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<RuleSet, Box<RuleError>> {
        let mut set = RuleSet::default_rules();
        for d in dirs {
            set.add_dir(d)?;
        }
        Ok(set)
    }

    pub fn with_dir(dir: &Path) -> Result<RuleSet, Box<RuleError>> {
        RuleSet::with_dirs(&[dir.to_path_buf()])
    }

    fn add_dir(&mut self, dir: &Path) -> Result<(), Box<RuleError>> {
        let set = self;
        let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        files.sort();
        for path in files {
            let text = crate::settings::read_yaml(&path).map_err(|r| RuleError::at(&path, &r.text, r.reason, r.at))?;
            for rule in parse(&path, &text)? {
                match set.rules.iter_mut().find(|r| r.code == rule.code) {
                    Some(slot) => *slot = rule,
                    None => set.rules.push(rule),
                }
            }
        }
        set.rules.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(())
    }

    /// A code, a prefix of some code, or a rule name, as the code or prefix it stands for
    /// (case does not matter); otherwise the closest codes, for the error message.
    pub fn resolve(&self, token: &str) -> Result<String, Vec<String>> {
        let upper = token.to_uppercase();
        if self.rules.iter().any(|r| r.code.starts_with(&upper)) {
            return Ok(upper);
        }
        if let Some(r) = self.rules.iter().find(|r| r.name.eq_ignore_ascii_case(token)) {
            return Ok(r.code.clone());
        }
        let lower = token.to_lowercase();
        // A letter typed for the digit it looks like ("SOI1O1") is no real difference.
        let fold = |s: &str| -> String { s.chars().map(|c| match c { 'O' => '0', 'I' | 'L' => '1', c => c }).collect() };
        let typed = fold(&upper);
        let scored: Vec<(usize, &Rule)> =
            self.rules.iter().map(|r| (edit_distance(&typed, &fold(&r.code)).min(edit_distance(&lower, &r.name)), r)).collect();
        let Some(best) = scored.iter().map(|(d, _)| *d).min() else { return Err(Vec::new()) };
        // Nothing shares even half the characters: no suggestion beats a wrong one.
        if best > token.chars().count().max(4) / 2 + 1 {
            return Err(Vec::new());
        }
        Err(scored.iter().filter(|(d, _)| *d == best).take(3).map(|(_, r)| format!("{} ({})", r.code, r.name)).collect())
    }

    pub fn get(&self, code: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.code == code)
    }

    pub fn of_kind(&self, kind: CheckKind) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.kind == kind)
    }
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn io_error(path: &Path, e: std::io::Error) -> Box<RuleError> {
    RuleError::at(path, "", e.to_string(), None)
}

/// Parses one rule file strictly.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Rule>, Box<RuleError>> {
    let fail = |reason: String, at: Option<usize>| RuleError::at(path, text, reason, at);
    let rules: Vec<Rule> = match serde_yaml::from_str::<Option<Vec<Rule>>>(text) {
        Ok(r) => r.unwrap_or_default(),
        Err(e) => return Err(RuleError::yaml(path, text, &e)),
    };
    let mut seen = std::collections::BTreeSet::new();
    for r in &rules {
        let at = text.find(&format!("code: {}", r.code));
        if !seen.insert(r.code.clone()) {
            return Err(fail(format!("mã quy tắc {} bị khai báo hai lần", r.code), at));
        }
        if r.code.is_empty() || r.code.chars().any(|c| c.is_whitespace()) {
            return Err(fail(format!("mã quy tắc không hợp lệ: {:?}", r.code), at));
        }
        let p = &r.params;
        let allowed = match r.kind {
            CheckKind::Sum => p.check.is_none(),
            CheckKind::Unit => p.direction.is_none(),
            _ => *p == Params::default(),
        };
        if !allowed {
            return Err(fail(format!("{}: params không dùng được với kind {}", r.code, r.kind.as_str()), at));
        }
        if r.tolerance.is_sign_negative() {
            return Err(fail(format!("{}: tolerance phải ≥ 0", r.code), at));
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_load() {
        let set = RuleSet::default_rules();
        assert!(set.get("SOI101").is_some());
        assert!(set.rules.len() >= 12);
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let yaml = "- code: X1\n  name: x\n  kind: ratio\n  level: error\n  message: { vi: m }\n  colour: red\n";
        let e = parse(Path::new("r.yaml"), yaml).unwrap_err();
        assert_eq!(e.line, Some(6));
        assert!(e.reason.contains("colour"), "{}", e.reason);
    }

    #[test]
    fn unknown_kind_and_wrong_type_are_refused() {
        let bad_kind = "- code: X1\n  name: x\n  kind: magic\n  level: error\n  message: { vi: m }\n";
        let e = parse(Path::new("r.yaml"), bad_kind).unwrap_err();
        assert_eq!(e.line, Some(3));
        let bad_type = "- code: X1\n  name: x\n  kind: ratio\n  level: error\n  message: { vi: m }\n  tolerance: [1]\n";
        let e = parse(Path::new("r.yaml"), bad_type).unwrap_err();
        assert_eq!(e.line, Some(6));
    }
}
