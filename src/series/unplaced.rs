//! SOI807: a report whose issuing unit or period cannot be read stays out of the series
//! checks; when it sits among a series (in a directory where other reports form one), an
//! `info` finding says so, so a reviewer does not believe it was compared.

use std::collections::BTreeMap;
use std::path::Path;

use super::compare::{Loc, Run};
use crate::checks::Span;
use crate::interval::Verdict;
use crate::rules::{Lang, Rule};
use crate::source::Location;

pub fn check(run: &mut Run, rule: &Rule, units: &BTreeMap<&str, Vec<usize>>) {
    // The series of each directory: a unit with at least two reports of one year there.
    let mut series_in: BTreeMap<&Path, String> = BTreeMap::new();
    for (unit, docs) in units {
        let mut years: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
        for &d in docs {
            if let Some(p) = run.summaries[d].period {
                years.entry(p.year).or_default().push(d);
            }
        }
        for (year, docs) in years.iter().filter(|(_, d)| d.len() >= 2) {
            for &d in docs {
                let dir = Path::new(&run.summaries[d].file).parent().unwrap_or(Path::new(""));
                let named = match run.lang {
                    Lang::Vi => format!("{unit} năm {year}"),
                    Lang::En => format!("{unit} {year}"),
                };
                series_in.entry(dir).or_insert(named);
            }
        }
    }
    let unplaced: Vec<(usize, String)> = run
        .summaries
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.placed())
        .filter_map(|(d, s)| series_in.get(Path::new(&s.file).parent().unwrap_or(Path::new(""))).map(|series| (d, series.clone())))
        .collect();
    for (d, series) in unplaced {
        let s = &run.summaries[d];
        let (unit, period) = match run.lang {
            Lang::Vi => ("đơn vị ban hành", "kỳ báo cáo"),
            Lang::En => ("issuing unit", "period"),
        };
        let and = if run.lang == Lang::Vi { " và " } else { " and " };
        let missing = [(s.unit.is_none(), unit), (s.period.is_none(), period)].iter().filter(|(m, _)| *m).map(|(_, w)| *w).collect::<Vec<_>>().join(and);
        let at = Location { line: 1, column: 1 };
        let result = Loc { doc: d, span: Span { start: 0, end: 0, start_loc: at, end_loc: at }, text: String::new() };
        let vars = [("stated", missing), ("computed", series.clone())];
        run.judge(rule, Verdict::Mismatch, result, Vec::new(), series, &vars);
    }
}
