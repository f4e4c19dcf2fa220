//! Contributions to a growth, in percentage points ("khu vực dịch vụ tăng 7,47%, đóng góp 3,77
//! điểm phần trăm"). Two relations:
//! - the contributions of a complete list add up to the total growth they split ("Trong 8,01%
//!   tăng trưởng, … đóng góp 0,35 …; … 5,43 …; … 1,90 …; … 0,33 điểm phần trăm");
//! - when each part states its value and growth, each contribution is the part's increase over
//!   the total of the year before: (pᵢ − pᵢ/(1+gᵢ)) / Σ pⱼ/(1+gⱼ) × 100.

use super::view::{views, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, FigureRole};
use crate::layout::BlockKind;
use crate::lexicon::lexicon;
use crate::model::GrowthBase;

/// Fewer listed contributions may be a selection of the sectors, not all of them.
const MIN_LISTED: usize = 3;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    per_part(input, out);
    let all: Vec<View> = views(input).collect();
    let mut vi = 0;
    while vi < all.len() {
        let v = &all[vi];
        let contribs: Vec<usize> = (0..v.figs.len()).filter(|&k| v.fig(v.figs[k]).role == FigureRole::Contribution).collect();
        // "… cụ thể như sau:" then one list item per sector, each with its contribution.
        if contribs.is_empty() && v.block.text.trim_end().ends_with(':') {
            let (items, next) = list_items(&all, vi);
            if let (Some(total), true) = (total_in(v, v.figs.len()), items.len() >= MIN_LISTED) {
                out.push(sum(total, items));
            }
            vi = next.max(vi + 1);
            continue;
        }
        if contribs.len() >= MIN_LISTED {
            let first = contribs[0];
            // The total: a growth in the sentence that lists them ("Trong 7,42% tăng trưởng, …"),
            // else the first growth of the paragraph that is not a part's own.
            let total = total_in(v, first).or_else(|| carried_total(input, v));
            let parts: Vec<FigRef> = contribs.iter().map(|&k| v.figs[k]).collect();
            // "Trong 8,01% tăng trưởng, …": the growth restated right before the list, in its
            // sentence, is split by it as well.
            let restated = first.checked_sub(1).map(|k| v.figs[k]).filter(|&r| {
                let f = v.fig(r);
                f.is_percent() && f.role != FigureRole::GrowthPercent && f.sentence == v.fig(v.figs[first]).sentence && Some(r) != total
            });
            if let Some(r) = restated {
                out.push(sum(r, parts.clone()));
            }
            if let Some(total) = total {
                out.push(sum(total, parts));
            }
        }
        vi += 1;
    }
}

fn sum(total: FigRef, parts: Vec<FigRef>) -> Relation {
    Relation::new(RelationKind::Contribution, Formula::Sum, total, parts)
}

/// The first growth before figure `before` that is a total, not a part's own growth: a part's
/// growth is followed by exactly one contribution before the next growth ("tăng 3,31%, đóng góp
/// 0,64 điểm phần trăm; …"), a total by none (its parts state theirs) or by the whole list.
fn total_in(v: &View, before: usize) -> Option<FigRef> {
    let figs = &v.figs;
    let is_growth = |k: usize| {
        let f = v.fig(figs[k]);
        f.role == FigureRole::GrowthPercent && f.is_percent() && f.against.is_none()
    };
    (0..before.min(figs.len()))
        .find(|&k| {
            if !is_growth(k) {
                return false;
            }
            let next_growth = (k + 1..figs.len()).find(|&j| is_growth(j)).unwrap_or(figs.len());
            (k + 1..next_growth).filter(|&j| v.fig(figs[j]).role == FigureRole::Contribution).count() != 1
        })
        .map(|k| figs[k])
}

/// A paragraph that opens with "Trong đó" lists the parts of the growth the paragraph before
/// ended on: that paragraph's total growth.
fn carried_total(input: &Input, v: &View) -> Option<FigRef> {
    let first = *v.figs.first()?;
    let bd = input.claims.breakdowns.iter().find(|b| b.parts.first() == Some(&first))?;
    let claim = &input.claims.claims[bd.total.0];
    let gi = claim.figures.iter().position(|f| f.role == FigureRole::GrowthPercent && f.is_percent() && f.against.is_none())?;
    Some((bd.total.0, gi))
}

/// The contributions of the list items right after block `vi` (one each), and the index of
/// the first view after them.
fn list_items(all: &[View], vi: usize) -> (Vec<FigRef>, usize) {
    let mut items = Vec::new();
    let mut next = vi + 1;
    let mut expected = all[vi].block_index() + 1;
    while let Some(v) = all.get(next) {
        let b = v.block_index();
        // Only the list that follows at once, item by item.
        if b != expected || !matches!(v.block.kind, BlockKind::ListItem | BlockKind::Paragraph) {
            break;
        }
        let c: Vec<FigRef> = v.figs.iter().copied().filter(|&r| v.fig(r).role == FigureRole::Contribution).collect();
        let [one] = c.as_slice() else { break };
        items.push(*one);
        expected = b + 1;
        next += 1;
    }
    (items, next)
}

/// Each part's contribution against its value and growth and the other parts'.
fn per_part(input: &Input, out: &mut Vec<Relation>) {
    for bd in &input.claims.breakdowns {
        let claims = &input.claims.claims;
        // Each part with its own growth and contribution, in its own claim.
        let mut pairs = Vec::new();
        let mut contribs = Vec::new();
        for &p in &bd.parts {
            let c = &claims[p.0];
            let growth = (p.1 + 1..c.figures.len()).find(|&i| c.figures[i].role == FigureRole::GrowthPercent && c.figures[i].is_percent() && c.figures[i].base.as_deref().is_none_or(|b| lexicon().growth_base(b) == GrowthBase::SamePeriod));
            let contrib = (p.1 + 1..c.figures.len()).find(|&i| c.figures[i].role == FigureRole::Contribution && c.figures[i].dimension() == Some("points"));
            match (growth, contrib) {
                (Some(g), Some(k)) => {
                    pairs.push(p);
                    pairs.push((p.0, g));
                    contribs.push((p.0, k));
                }
                _ => {
                    pairs.clear();
                    break;
                }
            }
        }
        if pairs.is_empty() || contribs.len() < 2 {
            continue;
        }
        for (i, &c) in contribs.iter().enumerate() {
            out.push(Relation::new(RelationKind::Contribution, Formula::Contribution { part: i }, c, pairs.clone()));
        }
    }
}

