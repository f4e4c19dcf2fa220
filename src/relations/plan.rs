//! A percent of plan against the plan amount: "đạt 92,6% mục tiêu Nghị quyết (Mục tiêu NQ 4.832
//! tỷ đồng)"; "lũy kế giải ngân là 42.564 triệu đồng, đạt 34,4% kế hoạch" against "Tổng kế hoạch
//! vốn … là 123.643 triệu đồng"; "giải ngân 6.095/14.226 triệu đồng …; ước cả năm 10.153 triệu
//! đồng, đạt 71,4% kế hoạch" against the 14.226 of the same sentence. The plan is, in order:
//! - an amount in parentheses right after the percent, named by a plan word;
//! - the one earlier claim named by the plan the percent names ("kế hoạch vốn"), in the same
//!   paragraph for a bare "kế hoạch", in the same section for a named one;
//! - the whole of an a/b stated just before in the same sentence (a likely link, not certain).

use super::view::{is_amount, views, Break, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{key, FigRef, Figure, FigureRole};
use crate::lexicon::lexicon;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    // Claims that name a plan, found once.
    let plans: Vec<usize> = claims.iter().enumerate().filter(|(_, c)| names_plan(&c.key)).map(|(i, _)| i).collect();
    let ratios: rustc_hash::FxHashSet<FigRef> = out.iter().filter(|r| r.kind == RelationKind::Ratio).map(|r| r.result).collect();
    for v in views(input) {
        for (k, &p) in v.figs.iter().enumerate() {
            let pct = v.fig(p);
            if pct.role != FigureRole::PlanPercent || !pct.is_percent() {
                continue;
            }
            // A percent that an a/b beside it already gives is the ratio's.
            if ratios.contains(&p) {
                continue;
            }
            // The amount is a few figures back at most: a clause of many percents stays linear.
            let Some(vi) = (k.saturating_sub(LOOK_BACK)..k).rev().find(|&i| is_amount(v.fig(v.figs[i])) && v.boundary(v.figs[i], p) <= Break::Comma) else { continue };
            let value = v.figs[vi];
            if v.fig(value).role == FigureRole::RatioDenominator {
                continue;
            }
            // "… đạt 512 triệu USD, kế hoạch năm là 600 triệu USD, đạt 85,3% kế hoạch": the
            // amount right before is the plan, the one before it what is measured against it.
            if let Some(done) = plan_between(&v, vi, p) {
                out.push(Relation::new(RelationKind::PlanPercent, Formula::Percent, p, vec![done, value]));
                continue;
            }
            // "vượt 12% kế hoạch (kế hoạch 1.300 tỷ đồng)": a margin over the plan only where
            // the plan stands right beside it.
            if pct.exceeds {
                if let Some(plan) = in_parentheses(&v, k, value) {
                    out.push(Relation::new(RelationKind::PlanPercent, Formula::Percent, p, vec![value, plan]));
                }
                continue;
            }
            let found = in_parentheses(&v, k, value)
                .or_else(|| stated_after(&v, k, value))
                .map(|plan| (vec![plan], false))
                .or_else(|| named_plan(input, &plans, value, p).map(|plan| (vec![plan], false)))
                .or_else(|| ratio_whole(&v, vi, value).map(|plan| (vec![plan], true)))
                .or_else(|| worded_plan(input, value, p).map(|plan| (vec![plan], true)))
                .or_else(|| same_indicator(input, value).map(|plans| (plans, true)));
            if let Some((plans, inferred)) = found {
                let mut sets = plans.into_iter().map(|plan| vec![value, plan]);
                let Some(first) = sets.next() else { continue };
                let mut r = Relation::new(RelationKind::PlanPercent, Formula::Percent, p, first);
                r.alternatives = sets.collect();
                r.detail.inferred = inferred;
                out.push(r);
            }
        }
    }
}

/// "đạt 95,6% dự toán; dự toán giao 2.300 tỷ đồng": the next figure, in the clause right
/// after the percent, opened by a plan word, measured like the amount.
fn stated_after(v: &View, k: usize, value: FigRef) -> Option<FigRef> {
    let p = v.figs[k];
    let next = *v.figs.get(k + 1)?;
    let gap = v.between(p, next);
    let cut = gap.find([',', ';'])?;
    let (own, clause) = (&gap[..cut], gap[cut + 1..].trim_start());
    // The percent's own words ("dự toán") end at the separator; nothing else breaks the clause.
    if own.contains(['(', ')', '.', ':']) || clause.contains(['(', ')', '.', ':', ',', ';']) || v.fig(next).depth != v.fig(p).depth {
        return None;
    }
    let named = lexicon().plan_words.iter().any(|w| clause.starts_with(w.as_str()));
    (named && measured_alike(v.fig(next), v.fig(value)) && is_amount(v.fig(next))).then_some(next)
}

/// When the amount at `vi` is named by a plan word, the amount before it in the same sentence,
/// measured alike and named otherwise: what the percent `p` measures against that plan.
fn plan_between(v: &View, vi: usize, p: FigRef) -> Option<FigRef> {
    let plan = v.figs[vi];
    let claims = &v.input.claims.claims;
    if !names_plan(&claims[plan.0].key) {
        return None;
    }
    // A few figures back at most: a paragraph of percents after one plan stays linear.
    let done = *v.figs[vi.saturating_sub(LOOK_BACK)..vi].iter().rev().find(|&&r| is_amount(v.fig(r)))?;
    let alike = measured_alike(v.fig(done), v.fig(plan)) && v.fig(done).role != FigureRole::RatioDenominator;
    (alike && done.0 != plan.0 && !names_plan(&claims[done.0].key) && v.boundary(done, p) <= Break::Comma).then_some(done)
}

/// How many figures back a percent of plan's amount is looked for.
const LOOK_BACK: usize = 16;

/// A key naming a plan: "kế hoạch vốn giao", "dự toán", "mục tiêu nghị quyết".
fn names_plan(k: &str) -> bool {
    lexicon().plan_words.iter().any(|w| k.starts_with(w.as_str()))
}

fn measured_alike(a: &Figure, b: &Figure) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.comparable(y),
        (None, None) => true,
        _ => false,
    }
}

/// "đạt 160% kế hoạch (kế hoạch giao 10 người)", "đạt 71% mục tiêu Nghị quyết (Mục tiêu NQ
/// đạt 915.000 lượt người)": the next figure, alone in parentheses that open right after the
/// plan's name, named by a plan word.
fn in_parentheses(v: &View, k: usize, value: FigRef) -> Option<FigRef> {
    let p = v.figs[k];
    let next = *v.figs.get(k + 1)?;
    let gap = v.between(p, next);
    let open = gap.find('(')?;
    if gap[..open].contains([',', ';', '.', ')']) {
        return None;
    }
    let lead = gap[open + 1..].trim_start_matches(['*', '_', ' ']);
    let lex = lexicon();
    // "(kế hoạch giao 10 người)", or the amount alone right after the plan's name: "bằng 108%
    // dự toán tỉnh giao (1.400 tỷ đồng)".
    let named = lex.plan_words.iter().any(|w| lead.starts_with(w.as_str())) || lead.is_empty();
    (named && measured_alike(v.fig(next), v.fig(value)) && is_amount(v.fig(next))).then_some(next)
}

/// The one earlier claim named by the plan the percent names.
fn named_plan(input: &Input, plans: &[usize], value: FigRef, p: FigRef) -> Option<FigRef> {
    let claims = &input.claims.claims;
    let (vc, pct) = (&claims[value.0], input.figure(p));
    let against = pct.against.as_deref()?;
    let plan_key = key(against);
    if plan_key.is_empty() || !names_plan(&plan_key) {
        return None;
    }
    let bare = lexicon().plan_words.contains(&crate::text::lower(against));
    let before = plans.partition_point(|&c| c < value.0);
    let candidates: Vec<FigRef> = plans[..before]
        .iter()
        .rev()
        .take(64)
        .filter(|&&c| {
            let c = &claims[c];
            c.key.starts_with(&plan_key)
                && (if bare { c.block == vc.block } else { c.section == vc.section })
                && c.role == vc.role
                && c.main().is_some_and(|m| measured_alike(m, input.figure(value)) && !m.is_percent())
                && c.find(FigureRole::PlanPercent).is_none()
        })
        .filter_map(|&c| claims[c].figures.iter().position(|f| f.role.is_amount()).map(|f| (c, f)))
        .collect();
    match candidates.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// How many blocks back a plan named in other words is looked for.
const WORDED_BACK: usize = 8;

/// "đạt 54,4% chỉ tiêu giao phấn đấu về thu ngân sách" against "Hải Phòng đề ra mục tiêu phấn
/// đấu tổng thu ngân sách … đạt hơn 129.519 tỷ đồng": the one earlier amount, a few paragraphs
/// back, whose name holds a plan word and shares at least two more words with the plan the
/// percent names (the plan words themselves and filler aside). A likely link, not certain.
fn worded_plan(input: &Input, value: FigRef, p: FigRef) -> Option<FigRef> {
    let claims = &input.claims.claims;
    let lex = lexicon();
    let pct = input.figure(p);
    let vc = &claims[value.0];
    // The plan words as whole words (" kế hoạch "), read once for every name compared.
    let plan_words: Vec<String> = lex.plan_words.iter().map(|w| format!(" {} ", crate::lexicon::plain_words(w))).collect();
    let content = |s: &str| -> Vec<String> {
        let plain = crate::lexicon::plain_words(s);
        let mut rest = format!(" {plain} ");
        for w in &plan_words {
            rest = rest.replace(w.as_str(), " ");
        }
        rest.split_whitespace().filter(|w| !lex.indicator_filler.contains(*w)).map(str::to_owned).collect()
    };
    let wanted = content(pct.against.as_deref()?);
    if wanted.len() < 2 {
        return None;
    }
    let names_plan = |c: &crate::claims::Claim| {
        let plain = format!(" {} ", crate::lexicon::plain_words(&c.indicator));
        plan_words.iter().any(|w| plain.contains(w.as_str()))
    };
    let mut best: Vec<(usize, FigRef)> = Vec::new();
    for (ci, c) in claims[..value.0].iter().enumerate().rev() {
        if c.block + WORDED_BACK < vc.block {
            break;
        }
        if c.role != vc.role || !names_plan(c) || c.find(FigureRole::PlanPercent).is_some() {
            continue;
        }
        // One amount of the value's measure: with two ("giao dự toán 1.000 …; phấn đấu 1.200
        // …") which one is meant is not certain. A plan for another year ("đến năm 2030") is
        // not this one's.
        let alike: Vec<usize> = (0..c.figures.len()).filter(|&i| c.figures[i].role.is_amount() && !c.figures[i].is_percent() && measured_alike(&c.figures[i], input.figure(value))).collect();
        let [fi] = alike.as_slice() else { continue };
        let fi = *fi;
        if years_of(&c.period).zip(years_of(&vc.period)).is_some_and(|(a, b)| a != b) {
            continue;
        }
        let have = content(&c.indicator);
        let shared = wanted.iter().filter(|w| have.contains(w)).count();
        if shared >= 2 {
            best.push((shared, (ci, fi)));
        }
    }
    let top = best.iter().map(|b| b.0).max()?;
    match best.iter().filter(|b| b.0 == top).collect::<Vec<_>>().as_slice() {
        [one] => Some(one.1),
        _ => None,
    }
}

/// How many plans of one indicator stated elsewhere are tried: a report gives a plan, and
/// perhaps a higher target ("phấn đấu"); more than that is not a plan of this figure.
const MAX_PLANS: usize = 3;

/// How many statements of the same name around a percent are looked at for its plan.
const MAX_SAME_NAME: usize = 16;

/// "thu nội địa là 37.155 tỷ đồng (đạt 72,9% dự toán …)" against "Theo kế hoạch, thu ngân sách
/// … là 118.079 tỷ đồng, trong đó, thu nội địa là 51.000 tỷ đồng": amounts of the same
/// indicator (the same key) in a few paragraphs around, each in a sentence that states a plan
/// before it (a plan word, no percent yet). Any of them may be the plan meant (the relation
/// agrees when one gives the percent); a likely link, not certain.
fn same_indicator(input: &Input, value: FigRef) -> Option<Vec<FigRef>> {
    let claims = &input.claims;
    let vc = &claims.claims[value.0];
    if vc.key.split(' ').count() < 2 {
        return None;
    }
    let v = input.figure(value);
    // The claims of the paragraphs around (claims are in block order), at most a few of the
    // same name: a file that repeats one name thousands of times stays linear.
    let from = claims.claims.partition_point(|c| c.block + WORDED_BACK < vc.block);
    let to = claims.claims.partition_point(|c| c.block <= vc.block + WORDED_BACK);
    let same_name = (from..to).filter(|&ci| ci != value.0 && claims.claims[ci].key == vc.key).take(MAX_SAME_NAME);
    // A plan for a year named in its sentence must be the value's year ("Kế hoạch năm 2026,
    // thu nội địa là …" is next year's).
    let year = years_of(&vc.period).or(input.layout.meta.year);
    let mut found = Vec::new();
    for ci in same_name {
        let c = &claims.claims[ci];
        // A statement with a percent of its own ("đã giải ngân 441,7 tỷ đồng, đạt 28,48%")
        // reports a result, not a plan.
        if c.role != vc.role || c.cell.is_some() || c.figures.iter().any(|f| f.is_percent()) {
            continue;
        }
        if years_of(&c.period).zip(years_of(&vc.period)).is_some_and(|(a, b)| a != b) {
            continue;
        }
        let Some(fi) = c.figures.iter().position(|f| f.role.is_amount() && !f.is_percent() && measured_alike(f, v)) else { continue };
        if plan_sentence(input, (ci, fi), year) {
            found.push((ci, fi));
        }
    }
    (!found.is_empty() && found.len() <= MAX_PLANS).then_some(found)
}

/// Whether the sentence of a figure states a plan before it: a plan word, and no percent yet
/// (after "đạt 60% dự toán", the amounts that follow are results, not plans).
fn plan_sentence(input: &Input, r: FigRef, year: Option<u16>) -> bool {
    let claims = input.claims;
    let f = input.figure(r);
    let Some(bc) = claims.blocks.get(claims.blocks.partition_point(|b| b.end <= r.0)) else { return false };
    let Some(block) = input.layout.blocks.get(bc.block) else { return false };
    let stop = bc.tokens[..f.tok_start.min(bc.tokens.len())].iter().rposition(|t| matches!(t.kind, crate::grammar::Kind::Sep(crate::grammar::Sep::Stop)));
    let start = stop.map_or(0, |i| bc.tokens[i].end);
    let before = block.lower.get(start..f.block_start).unwrap_or("");
    let planned = lexicon().plan_words.iter().any(|w| crate::lexicon::has_word(before, w));
    let percent_before = claims.figures_of(bc).any(|o| {
        let g = claims.figure(o);
        g.sentence == f.sentence && g.block_start < f.block_start && g.is_percent()
    });
    // Any year the sentence names before the figure must be the value's.
    let named: Vec<u16> = crate::text::years(before).collect();
    let right_year = named.is_empty() || year.is_some_and(|y| named.contains(&y));
    planned && !percent_before && right_year
}

/// The year a period names, if any ("năm 2025", "6 tháng đầu năm 2025" → 2025).
fn years_of(period: &str) -> Option<u16> {
    crate::text::years(period).last()
}

/// "Giải ngân … 6.095/14.226 triệu đồng, đạt 42,8% kế hoạch; ước cả năm đạt 10.153 triệu
/// đồng, đạt 71,4% kế hoạch": the plan is the whole of the a/b stated before in the sentence.
fn ratio_whole(v: &View, vi: usize, value: FigRef) -> Option<FigRef> {
    let f = v.fig(value);
    let den = (0..vi).rev().map(|i| v.figs[i]).find(|&r| v.fig(r).role == FigureRole::RatioDenominator)?;
    let d = v.fig(den);
    (d.sentence == f.sentence && d.unit.as_ref().zip(f.unit.as_ref()).is_some_and(|(a, b)| a.comparable(b))).then_some(den)
}
