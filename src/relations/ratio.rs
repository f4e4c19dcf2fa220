//! A percent of an explicit a/b: the first percent of the clause after "a/b", whatever words
//! name the thing counted ("142/198 trường mầm non, đạt tỷ lệ 74,2%", "511/528 cơ sở (96,7%)"),
//! a percent followed by its ratio in parentheses ("đạt 80% (4/5 phường)"), and a count out of
//! a stated whole ("5.214 hộ nghèo trong tổng số 38.902 hộ, chiếm tỷ lệ 15,4%"; "trong tổng số
//! 420 thôn đăng ký, có 398 thôn đạt chuẩn (đạt tỷ lệ 94,8%)"), and a percent whose footnote
//! opens with its a/b ("tỷ lệ giáo viên đạt chuẩn là 97,8%¹⁷" and "¹⁷ Có 709 giáo viên đạt
//! chuẩn/725 tổng số giáo viên, …").

use std::collections::{HashMap, HashSet};

use super::view::{is_amount, views, Break, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, FigureRole};
use crate::grammar::Cue;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    // The ratio each footnote opens with, by the footnote's block.
    let mut opening: HashMap<usize, (FigRef, FigRef)> = HashMap::new();
    let mut marked: HashMap<usize, View> = HashMap::new();
    for v in views(input) {
        if v.block.footnote.is_some() {
            if let [num, den, ..] = v.figs[..] {
                if v.fig(num).role == FigureRole::RatioNumerator && v.fig(den).role == FigureRole::RatioDenominator {
                    opening.insert(v.block_index(), (num, den));
                }
            }
        }

        let figs = &v.figs;
        for i in 0..figs.len() {
            let f = v.fig(figs[i]);
            let next = figs.get(i + 1).copied();
            let pair = match next {
                Some(n) if f.role == FigureRole::RatioNumerator && v.fig(n).role == FigureRole::RatioDenominator => Some((figs[i], n)),
                // "X … trên tổng số Y": Y is the whole of X.
                Some(n) if is_amount(f)
                    && is_amount(v.fig(n))
                    && v.cue_before(n) == Some(Cue::OutOf)
                    && v.boundary(figs[i], n) <= Break::Comma
                    && same_measure(&v, figs[i], n) =>
                {
                    Some((figs[i], n))
                }
                // "trong tổng số Y …, (thì) có X …": the whole first, then the count out of it.
                Some(n) if is_amount(f)
                    && is_amount(v.fig(n))
                    && f.role != FigureRole::RatioDenominator
                    && v.cue_before(figs[i]) == Some(Cue::OutOf)
                    && v.boundary(figs[i], n) <= Break::Comma
                    && same_measure(&v, figs[i], n)
                    && v.fig(n).base_value() <= f.base_value() =>
                {
                    Some((n, figs[i]))
                }
                _ => None,
            };
            let Some((num, den)) = pair else { continue };
            // "đạt 80% (4/5 phường), bằng 100% kế hoạch": a ratio in parentheses right after a
            // percent explains that percent, whatever follows.
            let whole_first = den == figs[i];
            let pct = if whole_first {
                // The percent must be a share, of the denominator's thing if it names one ("đạt
                // 102% kế hoạch", "chiếm 2,5% số hộ nghèo toàn tỉnh" are not the ratio).
                percent_after(&v, i + 1).filter(|&p| v.fig(p).role != FigureRole::PlanPercent && names_only(&v, p, den))
            } else {
                percent_before(&v, i).or_else(|| percent_after(&v, i + 1))
            };
            // "822/861 giáo viên đạt chuẩn, đạt 107% kế hoạch giao": a count out of a count may
            // be measured against a plan stated elsewhere, so the link is only likely ("06/07
            // xã, đạt 85,7% kế hoạch" is the ratio); "9.300/31.000 triệu đồng, đạt 30% kế
            // hoạch" is certain (an amount out of its plan).
            let counted = |r: FigRef| v.fig(r).unit.as_ref().is_none_or(|u| u.is_count());
            let unsure = |p: FigRef| v.fig(p).role == FigureRole::PlanPercent && counted(num) && counted(den);
            if let Some(p) = pct {
                let mut r = Relation::new(RelationKind::Ratio, Formula::Percent, p, vec![num, den]);
                r.detail.inferred = unsure(p);
                out.push(r);
            }
        }
        if !v.block.markers.is_empty() {
            marked.insert(v.block_index(), v);
        }
    }
    footnoted(input, &marked, &opening, out);
}

/// A share percent with a footnote marker right after it, no ratio of its own, and a footnote
/// that opens with an a/b: the footnote gives the percent's ratio. Likely, not certain (the
/// footnote may go on about something else), so a mismatch is a warning.
fn footnoted(input: &Input, marked: &HashMap<usize, View>, opening: &HashMap<usize, (FigRef, FigRef)>, out: &mut Vec<Relation>) {
    let taken: HashSet<FigRef> = out.iter().filter(|r| r.kind == RelationKind::Ratio).map(|r| r.result).collect();
    // Few footnotes open with a ratio: each looks up its marker in the block it belongs to.
    let mut notes: Vec<(&usize, &(FigRef, FigRef))> = opening.iter().collect();
    notes.sort();
    // Each paragraph's markers by label, read once for the paragraphs these notes belong to.
    let mut labels: HashMap<usize, HashMap<&str, usize>> = HashMap::new();
    for (&fb, &(num, den)) in notes {
        let note = &input.layout.blocks[fb];
        let Some((p, v)) = note.parent.and_then(|p| Some((p, marked.get(&p)?))) else { continue };
        let by_label = labels.entry(p).or_insert_with(|| v.block.markers.iter().rev().map(|(at, l)| (l.as_str(), *at)).collect());
        let Some(&at) = note.footnote.as_deref().and_then(|l| by_label.get(l)) else { continue };
        // The percent the marker follows, nothing but spaces between.
        let k = v.figs.partition_point(|&r| v.fig(r).block_end <= at);
        let Some(&p) = k.checked_sub(1).and_then(|k| v.figs.get(k)) else { continue };
        let gap = v.block.lower.get(v.fig(p).block_end..at).unwrap_or("x");
        if !gap.trim().is_empty() || !is_share_like(v, p) || v.fig(p).role == FigureRole::PlanPercent || taken.contains(&p) {
            continue;
        }
        let mut r = Relation::new(RelationKind::Ratio, Formula::Percent, p, vec![num, den]);
        r.detail.inferred = true;
        out.push(r);
    }
}

/// Both amounts measure the same thing (or one says nothing of its unit).
fn same_measure(v: &View, a: FigRef, b: FigRef) -> bool {
    match (&v.fig(a).unit, &v.fig(b).unit) {
        (Some(x), Some(y)) => x.comparable(y),
        _ => true,
    }
}

/// Whether a percent can be the share a ratio gives: not a growth, not a margin over plan.
fn is_share_like(v: &View, p: FigRef) -> bool {
    let f = v.fig(p);
    f.is_percent() && !matches!(f.role, FigureRole::GrowthPercent | FigureRole::GrowthAbsolute) && !f.exceeds
}

/// The first figure after `figs[k]` in the same clause, when it is a percent of the ratio.
/// An aside in parentheses between them with no percent ("96/540 xã (tăng 4 xã so với năm
/// trước) …, chiếm 17,8%") is passed over; "511/528 cơ sở (96,7%)" is the percent.
fn percent_after(v: &View, k: usize) -> Option<FigRef> {
    let den = v.figs[k];
    let depth = v.fig(den).depth;
    let next = *v.figs[k + 1..].iter().find(|&&r| v.fig(r).depth <= depth || v.fig(r).is_percent())?;
    if v.boundary(den, next) >= Break::Clause {
        return None;
    }
    if !v.fig(next).is_percent() {
        return named_whole_percent(v, k);
    }
    is_share_like(v, next).then_some(next)
}

/// The words after a percent, up to punctuation, with the words that only open a whole ("so
/// với", "tổng số") passed over.
fn whole_words(v: &View, p: FigRef) -> Vec<String> {
    let after = v.block.lower.get(v.fig(p).block_end..).unwrap_or("");
    let phrase = &after[..after.find([',', ';', '.', '(', ')', ':']).unwrap_or(after.len())];
    let skip = &crate::lexicon::lexicon().share_base_skip;
    phrase.split_whitespace().skip_while(|w| skip.iter().any(|s| s == w) || *w == "tổng").map(str::to_owned).collect()
}

/// Whether the percent names no whole, or names the denominator's thing first ("chiếm 16,4%
/// tổng số đơn vị cấp huyện" for "… /664 đơn vị").
fn names_only(v: &View, p: FigRef, den: FigRef) -> bool {
    let words = whole_words(v, p);
    if words.is_empty() {
        return true;
    }
    let Some(unit) = v.fig(den).unit.as_ref().filter(|u| u.is_count()) else { return false };
    // The count noun the words open with, the longest the lexicon knows ("hộ nghèo", not "hộ").
    let phrase = words.join(" ");
    crate::lexicon::lexicon().unit_at(&phrase, &phrase).is_some_and(|(u, _)| u.dimension == unit.dimension)
}

/// "111/664 đơn vị cấp huyện thuộc 40 tỉnh, …, chiếm khoảng 16,4% tổng số đơn vị cấp huyện":
/// past amounts of other things, a percent in the same clause is the ratio's when the whole
/// it names is the denominator's noun.
fn named_whole_percent(v: &View, k: usize) -> Option<FigRef> {
    let den = v.fig(v.figs[k]);
    den.unit.as_ref().filter(|u| u.is_count())?;
    for &r in &v.figs[k + 1..] {
        let f = v.fig(r);
        if v.boundary(v.figs[k], r) >= Break::Clause {
            return None;
        }
        if f.is_percent() {
            // The noun heads the whole the percent names: "tổng số đơn vị cấp huyện", not
            // "tổng vốn đầu tư của các xã".
            let named = !whole_words(v, r).is_empty() && names_only(v, r, v.figs[k]);
            return (is_share_like(v, r) && named).then_some(r);
        }
        if f.depth <= den.depth && f.dimension() == den.dimension() {
            return None;
        }
    }
    None
}

/// "đạt 86,3%, vượt kế hoạch giao (113/131 tuyến)": a percent, then its ratio alone in
/// parentheses.
fn percent_before(v: &View, i: usize) -> Option<FigRef> {
    let num = v.figs[i];
    let p = *v.figs.get(i.checked_sub(1)?)?;
    let (fp, fnum) = (v.fig(p), v.fig(num));
    if !is_share_like(v, p) || fnum.depth != fp.depth + 1 || v.boundary(p, num) >= Break::Clause {
        return None;
    }
    // The parenthesis opens right before the ratio and holds nothing else with digits.
    let gap = v.between(p, num);
    let open = gap.rfind('(')?;
    if gap[open + 1..].chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    let den = v.fig(*v.figs.get(i + 1)?);
    let rest = v.block.lower.get(den.block_end..).unwrap_or("");
    let inside = &rest[..rest.find(')')?];
    (!inside.chars().any(|c| c.is_ascii_digit())).then_some(p)
}
