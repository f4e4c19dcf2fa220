//! An average per unit against the total and the count it divides: "vốn đăng ký bình quân một
//! doanh nghiệp đạt 12,5 tỷ đồng" after "cả nước có 114,4 nghìn doanh nghiệp … với tổng số vốn
//! đăng ký 1.434,4 nghìn tỷ đồng"; "bình quân 17,2 tiêu chí/xã" after "12 xã … 206 tiêu chí".
//! And the average's growth from the growths of both: (1 + 28,5%) / (1 + 4,4%) − 1.
//!
//! The average says what it is per (an average word and "một"/"mỗi" before a counted noun, or
//! a unit "X/noun"); the count and the total are the one count of that noun and the one amount
//! of the average's measure in the nearest paragraph that counts the noun, up to the average.
//! The total's name must share the average's words. Inferred, so a mismatch is a warning.

use super::view::{bases_agree, is_amount, is_plain_growth, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, Figure, FigureRole};
use crate::grammar::{Cue, Kind, Sep};
use crate::lexicon::{has_word, lexicon, plain_words, Unit};

/// How many paragraphs before the average the count and total are looked for.
const BACK: usize = 2;

/// How many figures before the average, in one paragraph, are read for its count and total.
const WINDOW: usize = 64;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let blocks = &input.claims.blocks;
    for (b, bc) in blocks.iter().enumerate() {
        // Most blocks state no average: no average word, no unit "X/noun".
        let per_unit = || input.claims.figures_of(bc).any(|r| input.figure(r).unit.as_ref().is_some_and(|u| u.text.contains('/')));
        if !bc.tokens.iter().any(|t| t.kind == Kind::Cue(Cue::Average)) && !per_unit() {
            continue;
        }
        let v = View::new(input, bc);
        // The average words of the block, by token index: most blocks have none.
        let cues: Vec<usize> = v.tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Cue(Cue::Average)).map(|(i, _)| i).collect();
        for (k, &a) in v.figs.iter().enumerate() {
            let Some(avg) = average(&v, a, &cues) else { continue };
            // The nearest paragraph, back from this one, that counts the noun.
            let found = (b.saturating_sub(BACK)..=b).rev().find_map(|i| {
                let w = if i == b { None } else { blocks.get(i).filter(|o| o.block + BACK + 1 >= bc.block).map(|o| View::new(input, o)) };
                let (view, upto) = match &w {
                    Some(w) => (w, w.figs.len()),
                    None => (&v, k),
                };
                terms(view, upto, &avg).map(|(t, c)| (t, c, growths(view, t, c, &avg)))
            });
            let Some((total, count, growth)) = found else { continue };
            let mut r = Relation::new(RelationKind::Average, Formula::Quotient, a, vec![total, count]);
            r.detail.inferred = true;
            out.push(r);
            // The average's growth, right after it, against the total's and the count's.
            let Some((gt, gc)) = growth else { continue };
            let Some(&ga) = v.figs.get(k + 1).filter(|&&g| is_plain_growth(v.fig(g)) && v.boundary(a, g) <= super::view::Break::Comma) else { continue };
            if [gt, gc].iter().all(|&g| bases_agree(input.figure(g), v.fig(ga))) {
                let mut r = Relation::new(RelationKind::Growth, Formula::GrowthOfQuotient, ga, vec![gt, gc]);
                r.detail.inferred = true;
                out.push(r);
            }
        }
    }
}

/// What an average is per, and the words that name it.
struct Average {
    /// The unit of the counted noun ("doanh nghiệp", "xã").
    per: Unit,
    /// The base dimension of the total ("money" for "tỷ đồng", "count:tiêu chí").
    measure: String,
    /// The average's own name before the average word, as `plain_words` gives it ("vốn đăng ký").
    name: Vec<String>,
}

fn average(v: &View, a: FigRef, cues: &[usize]) -> Option<Average> {
    let f = v.fig(a);
    let unit = f.unit.as_ref()?;
    if !matches!(f.role, FigureRole::Value | FigureRole::Other | FigureRole::Total) || f.is_percent() || f.depth > 0 {
        return None;
    }
    let lex = lexicon();
    // "17,2 tiêu chí/xã": the unit names what the average is per.
    if let Some((num, per)) = unit.text.split_once('/') {
        let (nl, pl) = (crate::text::lower(num), crate::text::lower(per));
        let (n, _) = lex.unit_at(num, &nl)?;
        let (p, _) = lex.unit_at(per, &pl).filter(|(p, _)| p.is_count())?;
        return Some(Average { measure: n.base_dimension().to_owned(), per: p, name: Vec::new() });
    }
    // "vốn đăng ký bình quân một doanh nghiệp … đạt 12,5 tỷ đồng": the average word in the
    // clause, then "một"/"mỗi" and the counted noun.
    let (clause, clause_start) = v.start_before(f.tok_start, &[Sep::Stop, Sep::Semicolon]);
    let cue = cues.get(cues.partition_point(|&i| i < clause)).filter(|&&i| i < f.tok_start).and_then(|&i| v.tokens.get(i))?;
    // The average word goes with the first figure after it: "bình quân đầu người 48,6 triệu
    // đồng, …, tổng thu nhập 4.704 tỷ đồng" makes no average of the total.
    let between = v.figs.partition_point(|&r| v.fig(r).block_start < cue.end);
    if v.figs.get(between).is_some_and(|&r| v.fig(r).block_start < f.block_start) {
        return None;
    }
    let after = v.block.lower.get(cue.end..f.block_start)?.trim_start();
    // The lowercase text keeps the byte offsets of the text.
    let from = f.block_start - after.len();
    let per = if lex.averages.per_head.iter().any(|w| after.starts_with(w.as_str())) {
        lex.unit_at("người", "người")?.0
    } else {
        let one = lex.averages.per_one.iter().find(|w| after.starts_with(w.as_str()) && crate::lexicon::boundary_after(after, w.len()))?;
        let rest = &after[one.len()..];
        let original = v.block.text.get(from + one.len()..f.block_start).unwrap_or(rest);
        lex.unit_at(original, rest).filter(|(p, _)| p.is_count())?.0
    };
    let before = v.block.lower.get(clause_start..cue.start).unwrap_or("");
    let name = content_words(before);
    (!name.is_empty()).then(|| Average { measure: unit.base_dimension().to_owned(), per, name })
}

/// The content words of a name: what it measures, filler aside.
fn content_words(s: &str) -> Vec<String> {
    let filler = &lexicon().indicator_filler;
    plain_words(s).split(' ').filter(|w| !w.is_empty() && !filler.contains(*w)).map(str::to_owned).collect()
}

/// The total and the count among a paragraph's first `upto` figures: the one count of the
/// noun, and the one amount of the average's measure whose name shares its words.
fn terms(v: &View, upto: usize, avg: &Average) -> Option<(FigRef, FigRef)> {
    let level = |f: &Figure| is_amount(f) && f.role != FigureRole::GrowthAbsolute && f.depth == 0;
    // The figures just before (a paragraph of thousands stays linear).
    let upto = upto.min(v.figs.len());
    let figs = &v.figs[upto.saturating_sub(WINDOW)..upto];
    let counts: Vec<FigRef> = figs.iter().copied().filter(|&r| level(v.fig(r)) && v.fig(r).unit.as_ref().is_some_and(|u| u.comparable(&avg.per))).collect();
    let [count] = counts.as_slice() else { return None };
    let totals: Vec<FigRef> = figs.iter().copied().filter(|&r| r != *count && level(v.fig(r)) && v.fig(r).unit.as_ref().is_some_and(|u| u.base_dimension() == avg.measure)).collect();
    let [total] = totals.as_slice() else { return None };
    // Stated together: "12.182 doanh nghiệp … với số vốn đăng ký là 143,6 nghìn tỷ đồng".
    let (a, b) = if v.fig(*count).block_start < v.fig(*total).block_start { (*count, *total) } else { (*total, *count) };
    if v.boundary(a, b) > super::view::Break::Comma {
        return None;
    }
    if !avg.name.is_empty() {
        let have = content_words(&v.input.claims.claims[total.0].indicator);
        let shared = avg.name.iter().filter(|w| have.contains(w)).count();
        if shared < avg.name.len().min(2) {
            return None;
        }
    }
    Some((*total, *count))
}

/// The growths of the total and of the count: the growth right after each in its clause, or,
/// in "tăng 4,4% về số doanh nghiệp, tăng 28,5% về vốn đăng ký", the one whose "về" names it.
fn growths(v: &View, total: FigRef, count: FigRef, avg: &Average) -> Option<(FigRef, FigRef)> {
    let noun = avg.per.dimension.strip_prefix("count:").unwrap_or("").to_owned();
    let total_words = content_words(&v.input.claims.claims[total.0].indicator);
    let named = |g: FigRef, words: &dyn Fn(&str) -> bool| -> bool {
        let rest = v.block.lower.get(v.fig(g).block_end..).unwrap_or("");
        let Some(about) = rest.trim_start().strip_prefix("về ") else { return false };
        let end = about.find([',', ';', '.', '(']).unwrap_or(about.len());
        words(&about[..end].replace(" và ", " "))
    };
    let for_total = |s: &str| {
        let have = content_words(s);
        !total_words.is_empty() && total_words.iter().filter(|w| have.contains(w)).count() >= total_words.len().min(2)
    };
    let for_count = |s: &str| !noun.is_empty() && has_word(s, &noun);
    let sentence = v.fig(total).sentence.min(v.fig(count).sentence);
    // The growths of the sentence(s) of the two, from the first of them on (figures are in text order).
    let first = v.figs.partition_point(|&r| v.fig(r).block_start < v.fig(total).block_start.min(v.fig(count).block_start));
    let last_sentence = v.fig(total).sentence.max(v.fig(count).sentence);
    let growth_figs: Vec<FigRef> = v.figs[first..].iter().take(WINDOW).copied().filter(|&r| is_plain_growth(v.fig(r)) && v.fig(r).sentence >= sentence && v.fig(r).sentence <= last_sentence).collect();
    let pick = |of: FigRef, words: &dyn Fn(&str) -> bool| -> Option<FigRef> {
        let by_name: Vec<FigRef> = growth_figs.iter().copied().filter(|&g| named(g, words)).collect();
        if let [one] = by_name.as_slice() {
            return Some(*one);
        }
        let at = v.figs.partition_point(|&r| v.fig(r).block_start < v.fig(of).block_start);
        let next = v.figs.get(at + 1).copied()?;
        (is_plain_growth(v.fig(next)) && v.boundary(of, next) <= super::view::Break::Comma && !named(next, &|_| true)).then_some(next)
    };
    Some((pick(total, &for_total)?, pick(count, &for_count)?))
}
