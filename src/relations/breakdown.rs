//! A total and its parts, from the breakdowns the claims stage read ("trong đó", "gồm", a bare
//! parenthesis of labelled amounts, a footnote that lists the parts); their shares and, for
//! ratios, their wholes add up alike.

use std::collections::BTreeSet;

use super::{Bound, Completeness, Detail, Formula, Input, Relation, RelationKind};
use crate::claims::{Breakdown, Claim, FigRef, FigureRole};
use crate::interval::Interval;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for bd in &input.claims.breakdowns {
        let total = input.figure(bd.total);
        if total.unit.is_none() {
            continue;
        }
        let complete_by = match () {
            _ if bd.open_ended => None,
            _ if bd.exhaustive && bd.cue.is_empty() => Some(Completeness::Parenthesis),
            _ if bd.exhaustive => Some(Completeness::Cue(bd.cue.clone())),
            _ if names_cover(input, bd) => Some(Completeness::Names),
            _ => partition(input, bd)
                .map(Completeness::Partition)
                .or_else(|| remainder(input, bd).map(Completeness::Remainder))
                .or_else(|| bare_after(input, bd).then(|| levels(input, bd).then_some(Completeness::Levels).or_else(|| whole(input, bd).map(Completeness::Whole))).flatten()),
        };
        // "Tổng nguồn vốn 18.621 (trong đó: vốn giao 12.152. Vốn đầu tư 10.294; vốn sự nghiệp
        // 1.858; vốn chuyển nguồn 6.469; …)": items and their sub-items in one list.
        if let Some(groups) = nested(input, bd) {
            for (result, operands) in std::iter::once((bd.total, leaves(&groups))).chain(groups.into_iter().filter(|(_, subs)| !subs.is_empty())) {
                let mut r = Relation::new(RelationKind::Sum, Formula::Sum, result, operands);
                r.detail = Detail { exhaustive: true, subset_cue: bd.subset_cue, complete_by: Some(Completeness::Nested), ..Detail::default() };
                out.push(r);
            }
            continue;
        }
        let exhaustive = complete_by.is_some();
        let mut r = Relation::new(RelationKind::Sum, Formula::Sum, bd.total, bd.parts.clone());
        let cross_cutting = !exhaustive && cross_cutting(input, bd);
        r.detail = Detail { exhaustive, open_ended: bd.open_ended, subset_cue: bd.subset_cue, complete_by, cross_cutting, ..Detail::default() };
        if !exhaustive {
            r.bound = Bound::AtLeast;
        }
        // Parts that add up to their total exactly cover it: so do their shares.
        let covered = bd.parts.iter().try_fold(rust_decimal::Decimal::ZERO, |s, &p| s.checked_add(input.figure(p).base_value())) == Some(total.base_value());
        let shares = shares_of(input, bd, out).map(|(t, parts)| {
            let mut s = Relation { result: t, operands: parts, ..r.clone() };
            if covered && !exhaustive {
                s.bound = Bound::Exact;
                s.detail.exhaustive = true;
                s.detail.complete_by = Some(Completeness::Amounts);
            }
            s
        });
        let wholes = wholes_of(input, bd).map(|(t, parts)| Relation { result: t, operands: parts, ..r.clone() });
        out.push(r);
        out.extend(shares);
        out.extend(wholes);
    }
}

/// "709/725 giáo viên, trong đó: mầm non 283/287; tiểu học 244/251; …": when the total and
/// every part are ratios, the wholes add up as the counts do.
fn wholes_of(input: &Input, bd: &Breakdown) -> Option<(FigRef, Vec<FigRef>)> {
    let whole = |(c, f): FigRef| -> Option<FigRef> {
        let me = input.claims.claims[c].figures.get(f)?;
        let next = input.claims.claims[c].figures.get(f + 1)?;
        (me.role == FigureRole::RatioNumerator && next.role == FigureRole::RatioDenominator).then_some((c, f + 1))
    };
    let total = whole(bd.total)?;
    let parts: Vec<FigRef> = bd.parts.iter().map(|&p| whole(p)).collect::<Option<_>>()?;
    Some((total, parts))
}

/// "1.161 hộ, chiếm 0,03% tổng số hộ dân. Trong số này, hộ nghèo 1.121 hộ (0,029%) và hộ cận
/// nghèo 40 hộ (0,001%)": when the total and every part carry a share, all of one whole, the
/// parts' shares add up as the parts do. A part's share above the total's, or one already
/// read as the part over the total, is a share of the total, not of the same whole: then
/// nothing is read.
fn shares_of(input: &Input, bd: &Breakdown, found: &[Relation]) -> Option<(FigRef, Vec<FigRef>)> {
    let of_total = |s: FigRef| found.iter().any(|r| r.kind == RelationKind::Share && r.formula == Formula::Percent && r.result == s && r.operands.contains(&bd.total));
    let share = |(c, f): FigRef| -> Option<FigRef> {
        let next = input.claims.claims[c].figures.get(f + 1)?;
        (next.role == FigureRole::SharePercent && next.is_percent()).then_some((c, f + 1))
    };
    let total = share(bd.total)?;
    let parts: Vec<FigRef> = bd.parts.iter().map(|&p| share(p)).collect::<Option<_>>()?;
    let whole = input.figure(total).value();
    parts.iter().all(|&p| input.figure(p).value() <= whole && !of_total(p)).then_some((total, parts))
}

/// The words of a claim's name that say which part of a whole is meant (filler aside).
fn words(c: &Claim) -> BTreeSet<String> {
    let filler = &crate::lexicon::lexicon().indicator_filler;
    crate::text::lower(&c.indicator).split(|ch: char| !crate::text::is_word_char(ch)).filter(|w| !w.is_empty() && !filler.contains(*w)).map(str::to_owned).collect()
}

/// "… gồm: doanh nghiệp 320 tỷ đồng, hộ kinh doanh 95 tỷ đồng, còn lại 12 tỷ đồng": a last part
/// named as what is left (the lexicon's `breakdowns.remainder`) makes the list cover its total.
/// Returns the word that names it.
fn remainder(input: &Input, bd: &Breakdown) -> Option<String> {
    let [.., before, last] = bd.parts.as_slice() else { return None };
    // The last part's label as written ("còn lại", "các khoản khác").
    let (b, l) = (input.figure(*before), input.figure(*last));
    let text = &input.layout.blocks.get(l.block)?.lower;
    let between = if b.block == l.block { text.get(b.block_end..l.block_start)? } else { text.get(..l.block_start)? };
    // Its own label only: "… 30 hộ chuyển đi nơi khác, 20 hộ …" names no remainder.
    let label = between.rsplit([',', ';', ':', '(']).next().unwrap_or(between);
    crate::lexicon::lexicon().breakdowns.remainder.iter().find(|w| crate::lexicon::has_word(label, w)).cloned()
}

/// "… 215 người (trong đó nam 120 người, nữ 95 người)": parts named by the members of one
/// partition of the lexicon (`tables.partitions`), each by one member and all members named,
/// cover their total. Returns the members, for the message.
fn partition(input: &Input, bd: &Breakdown) -> Option<String> {
    let labels = labels(input, bd);
    let set = crate::lexicon::lexicon().tables.partitions.iter().find(|set| {
        let mut named = vec![false; set.len()];
        labels.len() == set.len()
            && labels.iter().all(|l| match member_of(l, set).as_slice() {
                [m] if !named[*m] => {
                    named[*m] = true;
                    true
                }
                _ => false,
            })
    })?;
    Some(set.join(", "))
}

/// A parenthesis right after the total's clause, of parts labelled after their amounts ("86
/// cơ sở (12 cơ sở bị phạt tiền; 71 cơ sở bị nhắc nhở)", "05 trường trên địa bàn huyện (02
/// trường tiểu học, …)"): by itself it may list what the total has.
fn bare_after(input: &Input, bd: &Breakdown) -> bool {
    if !bd.cue.is_empty() || bd.parts.len() < 2 {
        return false;
    }
    let (t, first) = (input.figure(bd.total), input.figure(bd.parts[0]));
    let Some(block) = input.layout.blocks.get(t.block).filter(|_| t.block == first.block) else { return false };
    let Some(gap) = block.lower.get(t.block_end..first.block_start) else { return false };
    let gap = gap.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    gap.strip_suffix('(').is_some_and(|words| !words.contains([',', ';', '.', ':', '(', ')']))
}

/// Items of a list, each with its sub-items.
type Items = Vec<(FigRef, Vec<FigRef>)>;

/// The figures at the bottom of a two-level list: each item's sub-items, or the item itself
/// when it has none.
fn leaves(groups: &Items) -> Vec<FigRef> {
    groups.iter().flat_map(|(head, subs)| if subs.is_empty() { std::slice::from_ref(head) } else { subs.as_slice() }).copied().collect()
}

/// The most parts a list may have to be read as items and sub-items (2^(n-1) readings).
const NESTED_PARTS: usize = 12;

/// A list whose amounts add up to about twice its total lists items and their sub-items: each
/// item followed by the sub-items that make it up. A reading has its sums: each item's
/// sub-items, the total's items and the total's leaves. It is taken when at least two items
/// have sub-items, every sum holds but those one slip explains (the failing sums share a
/// figure), and no other reading holds as many. Returns each item with its sub-items (none
/// for an item listed alone).
fn nested(input: &Input, bd: &Breakdown) -> Option<Items> {
    let n = bd.parts.len();
    if !(4..=NESTED_PARTS).contains(&n) {
        return None;
    }
    let iv = |r: FigRef| Interval::of_figure_base(input.figure(r));
    let sum = |rs: &[FigRef]| rs.iter().fold(Interval::point(rust_decimal::Decimal::ZERO), |a, &p| a.plus(iv(p)));
    let total = iv(bd.total);
    // Sub-items counted twice: well above the total.
    if sum(&bd.parts).lo <= total.hi.checked_mul(rust_decimal::Decimal::new(15, 1))? {
        return None;
    }
    let mut best: Option<(usize, Items)> = None;
    let mut tied = false;
    // Bit k set: part k + 1 opens an item (part 0 always does).
    for mask in 0u32..(1 << (n - 1)) {
        let mut groups: Items = vec![(bd.parts[0], Vec::new())];
        for k in 1..n {
            if mask & (1 << (k - 1)) != 0 {
                groups.push((bd.parts[k], Vec::new()));
            } else if let Some(g) = groups.last_mut() {
                g.1.push(bd.parts[k]);
            }
        }
        // An item has two sub-items or none.
        if groups.iter().any(|(_, subs)| subs.len() == 1) || groups.iter().filter(|(_, subs)| !subs.is_empty()).count() < 2 {
            continue;
        }
        let heads: Vec<FigRef> = groups.iter().map(|(head, _)| *head).collect();
        let leaves = leaves(&groups);
        // Each sum: whether it holds, and its figures. Two sums that fail together are one
        // slip when they share a figure (a sub-item, an item, the total).
        let with_total = |figs: &[FigRef]| std::iter::once(bd.total).chain(figs.iter().copied()).collect::<Vec<_>>();
        let sums: Vec<(bool, Vec<FigRef>)> = groups
            .iter()
            .filter(|(_, subs)| !subs.is_empty())
            .map(|(head, subs)| (sum(subs).meets(iv(*head)), std::iter::once(*head).chain(subs.iter().copied()).collect()))
            .chain([(sum(&heads).meets(total), with_total(&heads)), (sum(&leaves).meets(total), with_total(&leaves))])
            .collect();
        let failed: Vec<&Vec<FigRef>> = sums.iter().filter(|(ok, _)| !ok).map(|(_, figs)| figs).collect();
        let one_slip = match failed.as_slice() {
            [] | [_] => true,
            [a, b] => a.iter().any(|f| b.contains(f)),
            _ => false,
        };
        if !one_slip {
            continue;
        }
        let held = sums.len() - failed.len();
        match &best {
            Some((b, _)) if *b > held => {}
            Some((b, _)) if *b == held => tied = true,
            _ => {
                best = Some((held, groups));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, groups)| groups)
}

/// The share of its total, in percent, that two parts right after a total stated as the whole
/// must cover to read as all of it: "Tổng số hộ nghèo là 320 hộ (120 hộ dân tộc thiểu số; 85
/// hộ có người khuyết tật)" lists attributes, and covers less.
const WHOLE_NEAR_PERCENT: i64 = 90;

/// "Tổng số cơ sở vi phạm là 86 cơ sở (12 …; 71 …)": a total stated as the whole, broken
/// down right after it into parts that nearly cover it. Returns the whole word.
fn whole(input: &Input, bd: &Breakdown) -> Option<String> {
    let total = input.figure(bd.total).base_value();
    let sum = bd.parts.iter().try_fold(rust_decimal::Decimal::ZERO, |s, &p| s.checked_add(input.figure(p).base_value()))?;
    if total.checked_mul(rust_decimal::Decimal::new(WHOLE_NEAR_PERCENT, 2)).is_none_or(|near| sum < near) {
        return None;
    }
    let name = crate::text::lower(input.claims.claims[bd.total.0].indicator.trim());
    crate::lexicon::lexicon().whole_words.iter().find(|w| name.starts_with(w.as_str()) && crate::lexicon::boundary_after(&name, w.len())).cloned()
}

/// "tại 04 trường (02 trường tiểu học, 02 trường THCS)": each part named by a different level
/// of one kind (the lexicon's `breakdowns.levels`), and by nothing else.
fn levels(input: &Input, bd: &Breakdown) -> bool {
    let labels = labels(input, bd);
    // "(40 sản phẩm 3 sao, 12 sản phẩm 4 sao)": grades ("3 sao") are levels too, each once.
    let lex = crate::lexicon::lexicon();
    let grade = |l: &str| l.trim().split_once(' ').filter(|(n, w)| n.bytes().all(|b| b.is_ascii_digit()) && lex.grades(w)).map(|(n, _)| n.trim_start_matches('0').to_owned());
    let grades: Option<Vec<String>> = labels.iter().map(|l| grade(l)).collect();
    if let Some(mut g) = grades {
        let n = g.len();
        g.sort();
        g.dedup();
        return g.len() == n;
    }
    lex.breakdowns.levels.iter().any(|kind| {
        let mut named = vec![false; kind.len()];
        labels.iter().all(|l| match kind.iter().position(|level| level.iter().any(|w| w == l.trim())) {
            Some(m) if !named[m] => {
                named[m] = true;
                true
            }
            _ => false,
        })
    })
}

/// At most this many words in a label that names a group of a partition.
const GROUP_LABEL_WORDS: usize = 3;

/// The parts' names, lowercase.
fn labels(input: &Input, bd: &Breakdown) -> Vec<String> {
    bd.parts.iter().map(|p| crate::text::lower(&input.claims.claims[p.0].indicator)).collect()
}

/// The members of a partition a label names, the longest only: "vốn ngoài nhà nước" is
/// "ngoài nhà nước", not "nhà nước".
fn member_of(label: &str, set: &[String]) -> Vec<usize> {
    let named: Vec<usize> = (0..set.len()).filter(|&m| crate::lexicon::has_word(label, &set[m])).collect();
    let longest = named.iter().map(|&m| set[m].len()).max().unwrap_or(0);
    named.into_iter().filter(|&m| set[m].len() == longest).collect()
}

/// "640 học sinh, trong đó nữ 310 học sinh, học sinh dân tộc thiểu số 280 học sinh": a part
/// named as a group of a partition beside a part that names no group of it counts along
/// another line, so the parts overlap. The group must be what the label says ("nữ", "lao
/// động nữ"), not a word of a longer name ("Chương trình xây dựng nông thôn mới").
fn cross_cutting(input: &Input, bd: &Breakdown) -> bool {
    let labels = labels(input, bd);
    // "10 công chức có trình độ thạc sĩ, 08 viên chức là đảng viên": what some of them have or
    // are (lexicon `breakdowns.attribute_openers`), not a share of the total.
    let openers = &crate::lexicon::lexicon().breakdowns.attribute_openers;
    if labels.iter().any(|l| l.split_whitespace().count() >= 2 && openers.iter().any(|o| l.starts_with(o.as_str()) && crate::lexicon::boundary_after(l, o.len()))) {
        return true;
    }
    crate::lexicon::lexicon().tables.partitions.iter().any(|set| {
        let named = labels.iter().filter(|l| l.split_whitespace().count() <= GROUP_LABEL_WORDS && !member_of(l, set).is_empty()).count();
        named > 0 && named < labels.len()
    })
}

/// "Tổng đàn trâu bò 12.350 con (trong đó: đàn trâu 7.120 con, đàn bò 5.030 con)": the parts'
/// names together make up the total's name, each adding a word of its own, so the list is
/// complete though "trong đó" alone would not say so.
fn names_cover(input: &Input, bd: &Breakdown) -> bool {
    if bd.parts.len() < 2 {
        return false;
    }
    let claims = &input.claims.claims;
    let whole = words(&claims[bd.total.0]);
    if whole.len() < 2 {
        return false;
    }
    let labels: Vec<BTreeSet<String>> = bd.parts.iter().map(|p| words(&claims[p.0])).collect();
    let union: BTreeSet<&String> = labels.iter().flatten().collect();
    if !whole.iter().all(|w| union.contains(w)) {
        return false;
    }
    // Each part names a word of the whole that no other part names.
    labels.iter().enumerate().all(|(i, l)| {
        l.iter().any(|w| whole.contains(w) && labels.iter().enumerate().all(|(j, o)| j == i || !o.contains(w)))
    })
}
