//! A total's growth against its parts' growths when the parts state no value: "Tổng sản phẩm
//! tăng 7,5%, gồm: khu vực nông nghiệp tăng 3,2%; công nghiệp - xây dựng tăng 12,1%; dịch vụ
//! tăng 6,8%". The total's growth is a weighted average of its parts', so it lies between the
//! smallest and the largest. Read only for a list said to be complete ("gồm", "phân theo"):
//! a partial list ("trong đó") leaves parts out, and a sector left out may grow faster.

use super::view::{bases_agree, is_plain_growth, views, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigRef;
use crate::grammar::{Cue, Kind};
use crate::lexicon::lexicon;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    // Totals whose growth their parts' values already give (aggregate.rs) are checked exactly.
    let exact: rustc_hash::FxHashSet<FigRef> = out.iter().filter(|r| r.kind == RelationKind::Aggregate).map(|r| r.result).collect();
    for v in views(input) {
        for (ti, t) in v.tokens.iter().enumerate() {
            if t.kind != Kind::Cue(Cue::Breakdown) {
                continue;
            }
            let cue = v.block.lower.get(t.start..t.end).unwrap_or("");
            if !lexicon().breakdowns.complete.iter().any(|w| w == cue) {
                continue;
            }
            if let Some(r) = range(&v, ti).filter(|r| !exact.contains(&r.result)) {
                out.push(r);
            }
        }
    }
}

/// The growth right before the cue at token `ti` and the growths listed after it, to the end
/// of the sentence: each after words of its own, no amount among them, all against the same
/// base as the total's.
fn range(v: &View, ti: usize) -> Option<Relation> {
    let k = v.figs.partition_point(|&r| v.fig(r).tok_start < ti);
    let total = *v.figs.get(k.checked_sub(1)?)?;
    let t = v.fig(total);
    if !is_plain_growth(t) {
        return None;
    }
    // Up to the next list: "…, ăn uống tăng 1,2%; doanh thu vận tải tăng 2%, phân theo: …"
    // ends before the growth that opens it.
    let next_cue = v.tokens[ti + 1..].iter().position(|x| x.kind == Kind::Cue(Cue::Breakdown)).map_or(usize::MAX, |p| ti + 1 + p);
    // Read lazily, so that a sentence of many lists costs its length, not its square.
    let mut rest: Vec<FigRef> = v.figs[k..].iter().copied().take_while(|&r| v.fig(r).sentence == t.sentence && v.fig(r).tok_start <= next_cue).collect();
    if rest.last().is_some_and(|&r| next_cue != usize::MAX && v.fig(r).tok_start < next_cue) && v.figs.get(k + rest.len()).is_some_and(|&r| v.fig(r).sentence == t.sentence) {
        // The growth right before the next cue opens that list.
        rest.pop();
    }
    let parts: Vec<FigRef> = rest.iter().copied().filter(|&r| v.fig(r).depth == t.depth).collect();
    let depth_ok = rest.len() == parts.len();
    let all_growths = parts.iter().all(|&r| is_plain_growth(v.fig(r)) && bases_agree(t, v.fig(r)));
    // Each part is named: words between it and the figure before.
    let named = parts.iter().enumerate().all(|(i, &r)| {
        let before = if i == 0 { v.block.lower.get(v.tokens[ti].end..v.fig(r).block_start) } else { Some(v.between(parts[i - 1], r)) };
        before.is_some_and(|b| b.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    });
    // "…, dịch vụ tăng 6,8% và các ngành khác …": a list that trails off is partial.
    // Read up to the sentence's end or a few words on: in a long sentence the search would
    // otherwise run to its end for every list.
    let after = v.block.lower.get(v.fig(*parts.last()?).block_end..).unwrap_or("");
    let end = after.char_indices().take(120).find(|&(_, c)| c == '.' || c == '\n').map_or_else(|| after.char_indices().nth(120).map_or(after.len(), |(i, _)| i), |(i, _)| i);
    let tail = &after[..end];
    let open = lexicon().breakdowns.partial_after.iter().any(|w| tail.contains(w.as_str()));
    (parts.len() >= 2 && depth_ok && all_growths && named && !open).then(|| Relation::new(RelationKind::GrowthRange, Formula::Between, total, parts))
}
