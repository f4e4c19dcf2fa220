//! A growth percent against the values it comes from: the current value and the change
//! ("đạt 125.797 tấn, tăng 1.677 tấn, tăng 1,3%"; "52.400 ha, giảm 1,6% (-852 ha)"; "giảm 520
//! ha (bằng 1,65%)"), or a growth written as a ratio to the base ("bằng 101,2% (tăng 1.406
//! ha)"); or the current value and the base stated with the growth ("đạt 27.361 tỷ đồng, tăng
//! 9,1% so với cùng kỳ (cùng kỳ 25.080 tỷ đồng)"; "gấp 2,5 lần cùng kỳ (cùng kỳ 0,6 tỷ USD)"); or a
//! rate's change in points against the two rates.

use super::view::{is_amount, is_plain_growth, is_times_growth, views, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, FigureRole};
use crate::grammar::{Cue, Kind, Sep, Token};

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    from_change(input, out);
    for v in views(input) {
        for k in 0..v.figs.len() {
            if let Some(r) = from_values(&v, k).or_else(|| points_from_values(&v, k)) {
                out.push(r);
            }
        }
    }
}

/// The growth at `figs[k]` against the current value before it and the base in the
/// parenthesis right after it: the base alone in it, said to be the same period's ("cùng kỳ …")
/// or right after the growth's comparison words ("so với cùng kỳ (25.080 tỷ đồng)").
fn from_values(v: &View, k: usize) -> Option<Relation> {
    let gr = v.figs[k];
    let g = v.fig(gr);
    if !is_plain_growth(g) && !is_times_growth(g) {
        return None;
    }
    let plain = |r: FigRef| matches!(v.fig(r).role, FigureRole::Value | FigureRole::Other) && is_amount(v.fig(r)) && v.fig(r).unit.is_some();
    let (br, between) = alone_in_parenthesis(v, k)?;
    let open_at = between.iter().position(|t| t.kind == Kind::Sep(Sep::Open))?;
    let said = between[open_at..].iter().any(|t| t.kind == Kind::Cue(Cue::SameTime)) || (g.base.is_some() && open_at + 1 == between.len()) || base_named_again(v, gr, br);
    if !plain(br) || !said {
        return None;
    }
    // The current value: the nearest amount before the growth at its level, measured alike.
    let cr = v.figs[..k].iter().rev().copied().find(|&r| v.fig(r).depth == g.depth && is_amount(v.fig(r)))?;
    let c = v.fig(cr);
    let alike = c.unit.as_ref().zip(v.fig(br).unit.as_ref()).is_some_and(|(x, y)| x.base_dimension() == y.base_dimension());
    if !plain(cr) || !alike || c.sentence != g.sentence {
        return None;
    }
    Some(Relation::new(RelationKind::Growth, Formula::GrowthFromValues { ratio: g.ratio_form }, gr, vec![cr, br]))
}

/// The figure after `figs[k]`, alone in the one parenthesis that opens between them in the
/// same sentence, with nothing closing, ending a clause or opening a list before it: that
/// figure and the tokens between the two.
fn alone_in_parenthesis<'v>(v: &'v View, k: usize) -> Option<(FigRef, &'v [Token])> {
    let g = v.fig(v.figs[k]);
    let br = *v.figs.get(k + 1)?;
    let b = v.fig(br);
    if b.depth != g.depth + 1 || b.sentence != g.sentence || v.figs.get(k + 2).is_some_and(|&n| v.fig(n).depth > g.depth) {
        return None;
    }
    let between = v.tokens.get(g.tok_end..b.tok_start)?;
    let opens = between.iter().filter(|t| t.kind == Kind::Sep(Sep::Open)).count();
    let stops = between.iter().any(|t| matches!(t.kind, Kind::Sep(Sep::Close | Sep::Stop | Sep::Semicolon | Sep::Colon) | Kind::Cue(Cue::Breakdown)));
    (opens == 1 && !stops).then_some((br, between))
}

/// "so với năm 2024 (năm 2024 có 80 doanh nghiệp)", "so với tháng trước (tháng trước đạt …)":
/// the parenthesis opens by naming again the period the growth compares with.
fn base_named_again(v: &View, gr: FigRef, br: FigRef) -> bool {
    let gap = v.between(gr, br);
    let Some((outside, inside)) = gap.split_once('(') else { return false };
    let words: Vec<&str> = outside.split_whitespace().collect();
    let Some(tail) = words.get(words.len().saturating_sub(2)..).filter(|t| t.len() == 2) else { return false };
    // The period's words, not "so với": a year, or a base the lexicon names ("tháng trước").
    let period = tail.join(" ");
    let named = tail[1].bytes().all(|b| b.is_ascii_digit()) || crate::lexicon::lexicon().growth_base(&period) != crate::model::GrowthBase::Other;
    named && inside.trim_start().starts_with(&period)
}

/// A change of a rate in percentage points against the rate before it and the earlier rate
/// alone in the parenthesis right after it: "tỷ lệ hộ nghèo còn 3,2%, giảm 1,5 điểm phần trăm
/// so với năm trước (năm trước 5,1%)".
fn points_from_values(v: &View, k: usize) -> Option<Relation> {
    let gr = v.figs[k];
    let g = v.fig(gr);
    if g.role != FigureRole::GrowthAbsolute || g.dimension() != Some("points") {
        return None;
    }
    let rate = |r: FigRef| v.fig(r).is_percent() && !matches!(v.fig(r).role, FigureRole::GrowthPercent | FigureRole::GrowthAbsolute | FigureRole::PlanPercent);
    // The parenthesis holds the earlier rate alone, right after the change's words.
    let (br, _) = alone_in_parenthesis(v, k)?;
    if !rate(br) {
        return None;
    }
    // The current rate: right before the change, at its level, in the same sentence.
    let cr = *v.figs[..k].last()?;
    let c = v.fig(cr);
    if !rate(cr) || c.depth != g.depth || c.sentence != g.sentence {
        return None;
    }
    Some(Relation::new(RelationKind::Growth, Formula::PointsFromValues, gr, vec![cr, br]))
}

/// A growth against the change stated with it.
fn from_change(input: &Input, out: &mut Vec<Relation>) {
    for (ci, claim) in input.claims.claims.iter().enumerate() {
        let figs = &claim.figures;
        for (gi, g) in figs.iter().enumerate() {
            if !is_plain_growth(g) {
                continue;
            }
            // The change written right before or right after the percent.
            let change = [gi.checked_sub(1), Some(gi + 1)]
                .into_iter()
                .flatten()
                .find(|&k| figs.get(k).is_some_and(|c| c.role == FigureRole::GrowthAbsolute && !c.is_percent() && c.unit.is_some()));
            let Some(di) = change else { continue };
            let c = &figs[di];
            // The current value: the amount the claim is about, measured like the change.
            let Some(vi) = figs.iter().position(|f| f.role.is_amount() && !f.is_percent() && f.unit.as_ref().map(|u| u.base_dimension()) == c.unit.as_ref().map(|u| u.base_dimension()))
            else {
                continue;
            };
            // "đạt 41,30% kế hoạch, tăng 2,2% (81,407 tỷ đồng)", "2.140/31.500 hộ, chiếm tỷ lệ
            // 6,79%; giảm 312 hộ (0,98%)": after a percent of plan, or the rate of a count out
            // of a whole, the growth may be in points of that percent; which one is not certain.
            let rate = figs[vi].role == FigureRole::RatioNumerator && figs[vi..gi].iter().any(|f| f.role == FigureRole::SharePercent);
            if vi > gi.min(di) || rate || figs[vi..gi].iter().any(|f| f.role == FigureRole::PlanPercent) {
                continue;
            }
            let formula = if g.ratio_form { Formula::RatioFromChange { negative: c.negative } } else { Formula::GrowthFromChange { negative: c.negative } };
            out.push(Relation::new(RelationKind::Growth, formula, (ci, gi), vec![(ci, di), (ci, vi)]));
        }
    }
}
