//! In-file suppression for .txt and .md: `<!-- soi-disable CODE[,CODE] -->` … `<!-- soi-enable -->`
//! and `<!-- soi-disable-next-line CODE -->`. A directive that silences nothing is reported
//! itself (like ruff's unused `noqa`).

use crate::checks::{Ctx, Finding};
use crate::rules::{CheckKind, RuleSet};
use crate::source::Source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Codes or prefixes; empty means every rule.
    pub codes: Vec<String>,
    /// First and last line (1-based, inclusive) it covers.
    pub from: usize,
    pub to: usize,
    /// Where the directive itself is written: line, byte range in the original text.
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

impl Directive {
    fn names(&self, code: &str) -> bool {
        self.codes.is_empty() || self.codes.iter().any(|c| code.starts_with(c.as_str()))
    }

    /// Whether it silences a finding of `code` on `line`.
    pub fn covers(&self, line: usize, code: &str) -> bool {
        self.from <= line && line <= self.to && self.names(code)
    }
}

/// The directives indexed by line: a finding finds the ones covering it without scanning all
/// of them (a file may carry tens of thousands).
struct Index {
    /// `soi-disable-next-line` directives by their target line: (line, directive index).
    single: Vec<(usize, usize)>,
    /// `soi-disable` … `soi-enable` ranges, sorted: (from, to, directive index).
    ranges: Vec<(usize, usize, usize)>,
}

impl Index {
    fn new(dirs: &[Directive]) -> Index {
        let mut single = Vec::new();
        let mut ranges = Vec::new();
        for (i, d) in dirs.iter().enumerate() {
            if d.from == d.to && d.line != d.from {
                single.push((d.from, i));
            } else {
                ranges.push((d.from, d.to, i));
            }
        }
        single.sort_unstable();
        ranges.sort_unstable();
        Index { single, ranges }
    }

    /// The first directive (in reading order) that covers a finding of `code` at `line`.
    fn covering(&self, dirs: &[Directive], line: usize, code: &str) -> Option<usize> {
        let lo = self.single.partition_point(|&(l, _)| l < line);
        let singles = self.single[lo..].iter().take_while(|&&(l, _)| l == line).map(|&(_, i)| i);
        // Ranges meet only on a boundary line (a `soi-disable` closes the one before), so at
        // most the last two starting at or before the line cover it.
        let r = self.ranges.partition_point(|&(from, _, _)| from <= line);
        let ranges = self.ranges[r.saturating_sub(2)..r].iter().filter(|&&(_, to, _)| line <= to).map(|&(_, _, i)| i);
        singles.chain(ranges).filter(|&i| dirs[i].names(code)).min()
    }
}

/// Reads the directives of a source.
pub fn directives(src: &Source) -> Vec<Directive> {
    let text = &src.original_lf();
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        text.split('\n')
            .map(|l| {
                let s = at;
                at += l.len() + 1;
                (s, l)
            })
            .collect()
    };
    // For each line, the next line after it that has text (where a next-line directive points).
    let mut next_text = vec![0; lines.len()];
    let mut after = lines.len() + 1;
    for i in (0..lines.len()).rev() {
        next_text[i] = after;
        if !lines[i].1.trim().is_empty() {
            after = i + 1;
        }
    }
    let mut out = Vec::new();
    let mut open: Option<Directive> = None;
    for (i, (start, line)) in lines.iter().enumerate() {
        let n = i + 1;
        let mut rest = *line;
        let mut offset = *start;
        while let Some(at) = rest.find("<!--") {
            let Some(close) = rest[at..].find("-->") else { break };
            let body = rest[at + 4..at + close].trim();
            let (s, e) = (offset + at, offset + at + close + 3);
            let codes = |words: &str| -> Vec<String> {
                words.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
            };
            if let Some(w) = body.strip_prefix("soi-disable-next-line") {
                // The next line that has text.
                let target = if next_text[i] > lines.len() { n + 1 } else { next_text[i] };
                out.push(Directive { codes: codes(w), from: target, to: target, line: n, start: s, end: e });
            } else if let Some(w) = body.strip_prefix("soi-disable") {
                if let Some(d) = open.take() {
                    out.push(Directive { to: n, ..d });
                }
                open = Some(Directive { codes: codes(w), from: n, to: usize::MAX, line: n, start: s, end: e });
            } else if body.starts_with("soi-enable") {
                if let Some(d) = open.take() {
                    out.push(Directive { to: n, ..d });
                }
            }
            rest = &rest[at + close + 3..];
            offset += at + close + 3;
        }
    }
    out.extend(open);
    out
}

/// Drops suppressed findings; adds one finding per directive that suppressed nothing. Only a
/// directive naming a rule that ran can be unused: one for a rule left out by `select` or
/// `ignore` (absent from `rules`) has nothing to suppress in this run.
pub fn apply(ctx: &Ctx, rules: &RuleSet, findings: Vec<Finding>) -> Vec<Finding> {
    let dirs = directives(&ctx.doc.source);
    if dirs.is_empty() {
        return findings;
    }
    let index = Index::new(&dirs);
    let mut used = vec![false; dirs.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        match index.covering(&dirs, f.span.start_loc.line, &f.code) {
            Some(i) => used[i] = true,
            None => kept.push(f),
        }
    }
    // Series rules run after every document, on the run (src/series/ reports their directives).
    let ran = |d: &Directive| rules.rules.iter().any(|r| r.kind != CheckKind::Suppression && !r.kind.is_series() && d.names(&r.code));
    if let Some(rule) = rules.of_kind(CheckKind::Suppression).next() {
        for (d, _) in dirs.iter().zip(&used).filter(|(d, u)| !**u && ran(d)) {
            let span = ctx.original_span(d.start, d.end);
            let stated = ctx.doc.source.original[d.start..d.end].to_owned();
            kept.push(ctx.finding(rule, rule.level, span, Vec::new(), &[("stated", stated)]));
        }
    }
    kept.sort_by(|a, b| (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn reads_ranges_and_next_line() {
        let s = Source::from_text(Path::new("t.md"), "a\n<!-- soi-disable SOI101,SOI2 -->\nb\n<!-- soi-enable -->\n<!-- soi-disable-next-line SOI501 -->\n\nc\n".into());
        let d = directives(&s);
        assert_eq!((d[0].codes.clone(), d[0].from, d[0].to), (vec!["SOI101".to_owned(), "SOI2".to_owned()], 2, 4));
        assert_eq!((d[1].codes.clone(), d[1].from, d[1].to), (vec!["SOI501".to_owned()], 7, 7));
    }
}
