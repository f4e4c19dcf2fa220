//! `unit`: a unit that cannot belong to the indicator — a production (sản lượng) in ha or
//! tấn/ha, a % glued to an amount of money, a rate beyond what the indicator can be (a
//! natural population growth of 9,58% written for 9,58‰). Which indicator takes which
//! dimension is data: rules/lexicon.yaml.

use super::{Ctx, Finding};
use crate::claims::FigureRole;
use crate::lexicon::lexicon;
use crate::rules::{Rule, UnitCheck};
use crate::text::{fmt_vi, lower};

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    match rule.params.check.unwrap_or(UnitCheck::Dimension) {
        UnitCheck::Dimension => dimension(ctx, rule, out),
        UnitCheck::PercentWithUnit => percent_with_unit(ctx, rule, out),
        UnitCheck::Bounds => bounds(ctx, rule, out),
        UnitCheck::ContributionPoints => contribution_points(ctx, rule, out),
        UnitCheck::ScaleSlip => scale_slip(ctx, rule, out),
        UnitCheck::SignMissing => sign_missing(ctx, rule, out),
        UnitCheck::ShareWhole => share_whole(ctx, rule, out),
        UnitCheck::ShareOver => share_over(ctx, rule, out),
    }
}

fn dimension(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let lex = lexicon();
    for claim in &ctx.doc.claims.claims {
        if !rule.applies_to(claim.role) {
            continue;
        }
        let name = lower(&claim.indicator);
        // Exactly one kind of indicator named, so "diện tích, sản lượng" is not judged.
        let names = |d: &crate::lexicon::IndicatorDimension, w: &str| if d.leading { name.trim_start_matches(|c: char| !c.is_alphabetic()).starts_with(w) } else { name.contains(w) };
        let named: Vec<_> = lex.indicator_dimensions.iter().filter(|d| d.words.iter().any(|w| names(d, w))).collect();
        let [spec] = named.as_slice() else { continue };
        let Some(f) = claim.main() else { continue };
        let Some(unit) = &f.unit else { continue };
        let dim = unit.dimension.as_str();
        ctx.cover(rule, &[f]);
        if spec.deny.iter().any(|d| d == dim || d == unit.base_dimension() && !dim.contains('/')) {
            let vars = [("indicator", claim.indicator.clone()), ("unit", unit.text.clone()), ("stated", f.text.clone())];
            out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), Vec::new(), &vars));
        }
    }
}

fn percent_with_unit(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let lex = lexicon();
    for claim in &ctx.doc.claims.claims {
        if !rule.applies_to(claim.role) {
            continue;
        }
        let block = &ctx.doc.layout.blocks[claim.block];
        for f in claim.figures.iter().filter(|f| f.is_percent()) {
            // A unit is a few words long: look at a short window, not the rest of the block.
            let mut end = (f.block_end + 40).min(block.text.len());
            while !block.text.is_char_boundary(end) {
                end -= 1;
            }
            let rest = &block.text[f.block_end..end];
            let low = lower(rest);
            let Some((unit, len)) = lex.unit_at(rest, &low) else { continue };
            // A full unit ("9,46% tỷ đồng"), not a bare multiplier ("100% tỷ lệ").
            if !matches!(unit.base_dimension(), "money" | "usd" | "mass" | "area" | "volume") || !unit.text.contains(' ') && unit.dimension == "money" && unit.text.starts_with('t') {
                continue;
            }
            let end = block.source_offset(f.block_end + len, true);
            let vars = [("stated", format!("{} {}", f.text, unit.text)), ("unit", unit.text.clone())];
            out.push(ctx.finding(rule, rule.level, ctx.span(f.start, end), Vec::new(), &vars));
        }
    }
}

fn bounds(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let lex = lexicon();
    // A bound's words are looked for only in names that hold their first word: most hold none.
    let firsts: Vec<String> = lex.indicator_bounds.iter().flat_map(|b| &b.words).filter_map(|w| crate::lexicon::plain_words(w).split(' ').next().map(str::to_owned)).collect();
    for claim in &ctx.doc.claims.claims {
        if !rule.applies_to(claim.role) || claim.indicator.is_empty() {
            continue;
        }
        let low = lower(&claim.indicator);
        if !firsts.iter().any(|f| low.contains(f.as_str())) {
            continue;
        }
        for b in lex.indicator_bounds.iter().filter(|b| b.words.iter().any(|w| names_rate(&claim.indicator, w))) {
            let stated = claim.figures.iter().filter(|f| matches!(f.role, FigureRole::Value | FigureRole::SharePercent | FigureRole::Other));
            for f in stated.filter(|f| f.unit.as_ref().is_some_and(|u| u.text.starts_with(b.unit.as_str()))) {
                if f.value() > b.max {
                    let vars = [("indicator", claim.indicator.clone()), ("stated", f.text.clone()), ("computed", format!("{}{}", fmt_vi(b.max, 0), b.unit))];
                    out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), Vec::new(), &vars));
                }
            }
        }
    }
}

/// Whether an indicator names the rate of a bound's `words`: they stand in it as whole words,
/// not as the start of a longer word ("tỷ lệ sinh viên"), and only qualifiers of the same rate
/// follow them ("thô", "năm 2024", a place), not another indicator ("sinh con thứ 3").
fn names_rate(indicator: &str, words: &str) -> bool {
    let lex = lexicon();
    let orig: Vec<&str> = indicator.split(|c: char| !crate::text::is_word_char(c) && !c.is_ascii_digit()).filter(|w| !w.is_empty()).collect();
    let low: Vec<String> = orig.iter().map(|w| lower(w)).collect();
    let pattern = crate::lexicon::plain_words(words);
    let pat: Vec<&str> = pattern.split(' ').collect();
    let Some(&last) = pat.last() else { return false };
    (0..low.len()).filter(|&s| low.len() - s >= pat.len() && low[s..s + pat.len()].iter().zip(&pat).all(|(a, b)| a == b)).any(|s| {
        let rest = s + pat.len();
        let compound = low.get(rest).is_some_and(|next| lex.is_word_pair(last, next));
        !compound && qualifiers_only(&orig[rest..], &low[rest..])
    })
}

/// Nothing but rate qualifiers, numbers and capitalised (place) words.
fn qualifiers_only(orig: &[&str], low: &[String]) -> bool {
    let lex = lexicon();
    let mut i = 0;
    while i < low.len() {
        // The longest qualifier phrase starting at word i.
        let phrase = lex.rate_qualifiers.iter().map(|q| (q, q.split(' ').count())).filter(|&(q, n)| {
            n <= low.len() - i && q.split(' ').eq(low[i..i + n].iter().map(String::as_str))
        });
        if let Some(n) = phrase.map(|(_, n)| n).max() {
            i += n;
        } else if low[i].chars().all(|c| c.is_ascii_digit()) || orig[i].starts_with(char::is_uppercase) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// "đóng góp 3,90 điểm phần trăm; … đóng góp 2,15 phần trăm; …": a contribution to a growth is
/// in percentage points; one written in percent among the others is a slip of the unit.
fn contribution_points(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    use crate::relations::{Formula, RelationKind};
    for rel in ctx.doc.relations.iter().filter(|r| r.kind == RelationKind::Contribution && r.formula == Formula::Sum) {
        if !rule.applies_to(ctx.doc.claims.claims[rel.result.0].role) {
            continue;
        }
        let figs: Vec<&crate::claims::Figure> = rel.operands.iter().map(|&r| ctx.figure(r)).collect();
        let points = figs.iter().filter(|f| f.dimension() == Some("points")).count();
        if points < 2 {
            continue;
        }
        ctx.cover(rule, &figs);
        for f in figs.iter().filter(|f| f.dimension() != Some("points")) {
            let unit = f.unit.as_ref().map(|u| u.text.clone()).unwrap_or_default();
            let vars = [("stated", f.text.clone()), ("unit", unit)];
            out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), Vec::new(), &vars));
        }
    }
}

/// "Tổng lượng khách ước đạt 3.785 lượt …; trong đó khách trong nước 2.281 nghìn lượt, khách
/// quốc tế 1.504 nghìn lượt": the written digits add up, the units do not; a multiplier
/// ("nghìn", "triệu") was dropped from the total or added to the parts.
fn scale_slip(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    use crate::interval::Interval;
    use crate::relations::{Formula, RelationKind};
    use rust_decimal::Decimal;
    for rel in ctx.doc.relations.iter().filter(|r| r.kind == RelationKind::Sum && r.formula == Formula::Sum) {
        if !rule.applies_to(ctx.doc.claims.claims[rel.result.0].role) || rel.operands.len() < 2 {
            continue;
        }
        let total = ctx.figure(rel.result);
        let parts: Vec<&crate::claims::Figure> = rel.operands.iter().map(|&r| ctx.figure(r)).collect();
        let (Some(tu), Some(pu)) = (&total.unit, &parts[0].unit) else { continue };
        // One scale for every part, another for the total, a power of a thousand apart.
        if parts.iter().any(|p| p.unit.as_ref().map(|u| u.scale) != Some(pu.scale)) || tu.scale == pu.scale {
            continue;
        }
        let ratio = if tu.scale > pu.scale { tu.scale.checked_div(pu.scale) } else { pu.scale.checked_div(tu.scale) };
        if !ratio.is_some_and(|r| r == Decimal::from(1000) || r == Decimal::from(1_000_000)) {
            continue;
        }
        // The digits as written add up to the total as written.
        let written = parts.iter().fold(Interval::point(Decimal::ZERO), |acc, p| acc.plus(Interval::of_figure(p)));
        if !written.meets(Interval::of_figure(total)) {
            continue;
        }
        ctx.cover(rule, &[total]);
        let vars = [("stated", total.text.clone()), ("unit", pu.text.clone()), ("computed", format!("{} {}", total.text.split(' ').next().unwrap_or(""), pu.text))];
        out.push(ctx.finding(rule, rule.level, ctx.fig_span(total), parts.iter().map(|p| ctx.related(p)).collect(), &vars));
    }
}

/// Percents written without their sign, which the claims stage read as percents.
fn sign_missing(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    for claim in ctx.doc.claims.claims.iter().filter(|c| rule.applies_to(c.role)) {
        for f in claim.figures.iter().filter(|f| f.percent_implied) {
            ctx.cover(rule, &[f]);
            // The plan or base as the text writes it ("SCK"; `base` is lowercase).
            let against = match (&f.against, &f.base) {
                (Some(a), _) => a.clone(),
                (None, Some(b)) => {
                    let rest = ctx.doc.layout.blocks[claim.block].text.get(f.block_end..).unwrap_or("").trim_start_matches([' ', ',']);
                    rest.get(..b.len()).unwrap_or(b).to_owned()
                }
                (None, None) => String::new(),
            };
            let vars = [("stated", f.text.clone()), ("against", format!("\"{against}\""))];
            out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), Vec::new(), &vars));
        }
    }
}

/// "3.412 hộ nghèo, chiếm tỷ lệ 9,6% dân số": the part, in the unit of the amount right
/// before the share, cannot be counted in the whole the words after the percent name.
fn share_whole(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    use crate::lexicon::{plain_words, starts_with_words};
    let lex = lexicon();
    for claim in ctx.doc.claims.claims.iter().filter(|c| rule.applies_to(c.role)) {
        let text = &ctx.doc.layout.blocks[claim.block].text;
        for (k, f) in claim.figures.iter().enumerate().filter(|(_, f)| f.role == FigureRole::SharePercent && f.is_percent()) {
            let Some(part) = claim.figures[..k].iter().rev().find(|p| p.role.is_amount() && !p.is_percent()) else { continue };
            let Some(unit) = &part.unit else { continue };
            let after = text.get(f.block_end..).unwrap_or("");
            let after = plain_words(&after[..after.find([',', ';', '.', '(', ')', ':']).unwrap_or(after.len())]);
            let unit_words = plain_words(&unit.text);
            let Some(spec) = lex.share_wholes.iter().find(|w| w.whole.iter().any(|p| starts_with_words(&after, p))) else { continue };
            ctx.cover(rule, &[part, f]);
            if !spec.not_parts.iter().any(|p| starts_with_words(&unit_words, p)) {
                continue;
            }
            let whole = spec.whole.iter().find(|p| starts_with_words(&after, p)).cloned().unwrap_or_default();
            let vars = [("stated", f.text.clone()), ("unit", unit.text.clone()), ("whole", whole)];
            out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), vec![ctx.related(part)], &vars));
        }
    }
}

/// How many words of the whole a share over 100% names in its message.
const WHOLE_WORDS: usize = 8;

/// A share of a whole above 100%: what a whole holds cannot be more than the whole. A share
/// is read as such when it follows an "accounts for" word ("chiếm 104% tổng số hộ") or
/// when a noun right after it names its whole ("107% giấy chứng nhận"), not a plan
/// ("105% kế hoạch") or a comparison.
fn share_over(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    use crate::lexicon::{has_words, plain_words, starts_with_words};
    let lex = lexicon();
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    for claim in ctx.doc.claims.claims.iter().filter(|c| rule.applies_to(c.role)) {
        let low = &ctx.doc.layout.blocks[claim.block].lower;
        for f in claim.figures.iter().filter(|f| f.role == FigureRole::SharePercent && f.is_percent() && f.value() > hundred) {
            // The few words before it, and the words after it to the end of the clause.
            let mut from = f.block_start.saturating_sub(40);
            while !low.is_char_boundary(from) {
                from -= 1;
            }
            let before = plain_words(low.get(from..f.block_start).unwrap_or(""));
            let last: Vec<&str> = before.split(' ').rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
            let lead = last.join(" ");
            let accounts = lex.share_words.accounts_for.iter().any(|w| has_words(&lead, w));
            let rest = low.get(f.block_end..).unwrap_or("");
            let clause = &rest[..rest.find([',', ';', '.', '(', ')', ':', '\n']).unwrap_or(rest.len())];
            let after = plain_words(clause.get(..clause.char_indices().nth(80).map_or(clause.len(), |(i, _)| i)).unwrap_or(clause));
            // "bằng 112% số hộ năm trước", "huy động 102% trẻ 5 tuổi ra lớp": a comparison, or
            // a count that may take in more than its whole (lexicon `share_words.beyond_whole`).
            let bases = &lex.growth_bases;
            let compared = last.last() == Some(&"bằng") || bases.previous.iter().chain(&bases.same_period).chain(&bases.plan).any(|w| has_words(&after, w)) || crate::text::years(&after).next().is_some();
            let beyond = lex.share_words.beyond_whole.iter().any(|w| has_words(&lead, w));
            let noun = rest.starts_with(' ')
                && after.starts_with(|c: char| c.is_alphabetic())
                && !compared
                && !beyond
                && !lex.share_words.not_whole.iter().chain(&lex.plan_words).any(|w| starts_with_words(&after, w));
            if !accounts && !noun {
                continue;
            }
            let whole = after.split(' ').take(WHOLE_WORDS).collect::<Vec<_>>().join(" ");
            let vars = [("stated", f.text.clone()), ("whole", whole)];
            out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), Vec::new(), &vars));
        }
    }
}
