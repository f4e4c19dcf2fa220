//! Lists said to be in order: "Xếp hạng theo số hộ nghèo từ cao đến thấp: A 3.704 hộ, B 2.753
//! hộ, C 2.569 hộ", "Xếp theo thứ tự, cao nhất là A với 21,4%; tiếp theo là B 19,6%; …".
//! Each item of the list is bound to the one before it. Only the words of rules/lexicon.yaml
//! `order:` make a list ordered; a list that merely opens with "cao nhất" promises nothing
//! about the rest.

use super::view::{is_amount, views, Break, View};
use super::{Cue, Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, Figure, FigureRole};
use crate::grammar::{Kind, Sep};
use crate::lexicon::{has_words, lexicon, plain_words};

/// Fewer items than this are a comparison, not a ranking.
const MIN_ITEMS: usize = 3;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for v in views(input) {
        for figs in v.runs(Break::Sentence) {
            sentence(&v, figs, out);
        }
    }
}

fn sentence(v: &View, figs: &[FigRef], out: &mut Vec<Relation>) {
    let Some(&first) = figs.first() else { return };
    let top = figs.iter().map(|&r| v.fig(r).depth).min().unwrap_or(0);
    // The words of the sentence before its first figure say whether the list is in order.
    let f0 = v.fig(first);
    let from = v.tokens[..f0.tok_start.min(v.tokens.len())]
        .iter()
        .rposition(|t| matches!(t.kind, Kind::Sep(Sep::Stop)))
        .map_or(0, |i| v.tokens[i].end);
    // The items: figures at the sentence's top level, measured like the first, that state a
    // level (not a change or a percent of plan). Counted first: most sentences have too few
    // for their words to matter.
    let items: Vec<FigRef> = figs.iter().copied().filter(|&r| v.fig(r).depth == top && item(v.fig(r)) && alike(v.fig(r), f0)).collect();
    if items.len() < MIN_ITEMS {
        return;
    }
    let lead = v.block.lower.get(from..f0.block_start).unwrap_or("");
    let Some((descending, phrase)) = direction(&plain_words(lead)) else { return };
    let cue = lead.find(phrase.as_str()).map(|at| {
        let (s, e) = (from + at, from + at + phrase.len());
        Cue { text: v.block.text.get(s..e).unwrap_or(&phrase).to_owned(), start: v.block.source_offset(s, false), end: v.block.source_offset(e, true) }
    });
    for pair in items.windows(2) {
        let mut r = Relation::new(RelationKind::Order, Formula::Order { descending }, pair[1], vec![pair[0]]);
        r.cues.extend(cue.clone());
        out.push(r);
    }
}

/// The order the lead words give, and the phrase that gives it.
fn direction(words: &str) -> Option<(bool, String)> {
    let o = &lexicon().order;
    let find = |list: &[String]| list.iter().find(|p| has_words(words, p)).cloned();
    if let Some(p) = find(&o.descending) {
        return Some((true, p));
    }
    if let Some(p) = find(&o.ascending) {
        return Some((false, p));
    }
    let ranked = find(&o.ranked)?;
    match (find(&o.highest), find(&o.lowest)) {
        (Some(_), None) => Some((true, ranked)),
        (None, Some(_)) => Some((false, ranked)),
        _ => None,
    }
}

/// A figure that states an item's level.
fn item(f: &Figure) -> bool {
    is_amount(f) || matches!(f.role, FigureRole::SharePercent | FigureRole::Other | FigureRole::Value)
}

/// Two figures of one measure: the same unit dimension (or neither has a unit).
fn alike(a: &Figure, b: &Figure) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.dimension == y.dimension,
        (None, None) => true,
        _ => false,
    }
}
