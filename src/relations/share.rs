//! A part's percent of its whole ("chiếm P%", "(P%)", "tỷ lệ P%", "tương đương P%"). The
//! whole is, in order of certainty:
//! - the figure the words after the percent name ("chiếm 68% diện tích rừng trồng", "chiếm
//!   81% dân số cả tỉnh"), found among the earlier amounts measured like the part;
//! - the total of the breakdown the part belongs to;
//! - a larger amount of the same kind stated just before (several may fit: the percent agrees
//!   when one of them gives it, and it is linked only when one comes close).
//!
//! Shares of a whole the text never states are still bound to each other: "8.201 hộ nghèo
//! (2,42%), 7.614 hộ cận nghèo (2,24%)" imply one number of households, so the two must agree.

use rust_decimal::Decimal;

use super::view::{is_amount, views, View};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{key, FigRef, Figure, FigureRole};
use crate::interval::Interval;

/// Candidates that could be the whole are looked for this many blocks back.
const BLOCKS_BACK: usize = 3;
/// An unstated link is believed only when the figures nearly agree through it: a share that
/// is off by more than this (relative) was about another whole.
const NEAR: Decimal = Decimal::from_parts(20, 0, 0, false, 2);

/// A share percent and the amount it is the share of.
struct Stated {
    pct: FigRef,
    part: FigRef,
    /// Content words of the whole named after the percent, if any.
    base: Vec<String>,
    /// Words that make it a share ("chiếm", "tỷ lệ", "tương đương", a parenthesis right after
    /// the part), as opposed to a bare "đạt P%" or "bằng P%", which are as often a percent of
    /// plan or of last year with the plan or the year left unsaid.
    share_cue: bool,
    /// "chiếm", "tỷ trọng": a part of the whole just named, never a rate of something else.
    accounts_for: bool,
}

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let all: Vec<View> = views(input).collect();
    let mut shares: Vec<(usize, Stated)> = Vec::new();
    for (vi, v) in all.iter().enumerate() {
        for (k, &p) in v.figs.iter().enumerate() {
            if let Some(s) = stated_share(v, k, p) {
                shares.push((vi, s));
            }
        }
    }
    let mut linked = vec![false; shares.len()];
    for (si, (vi, s)) in shares.iter().enumerate() {
        if let Some(r) = explicit_whole(input, &all, *vi, s).or_else(|| whole_after(&all[*vi], s)).or_else(|| breakdown_whole(input, s)).or_else(|| nearby_whole(input, &all, *vi, s)) {
            out.push(r);
            linked[si] = true;
        }
    }
    // Shares of an unstated whole: each against the nearest earlier share of the same whole.
    for (si, (vi, s)) in shares.iter().enumerate() {
        if linked[si] {
            continue;
        }
        let sibling = shares[..si].iter().rev().take(8).find(|(vj, o)| same_whole(input, &all, (*vi, s), (*vj, o)));

        if let Some((_, o)) = sibling {
            if near(input, s.part, s.pct, &[o.part, o.pct], implied_share) {
                let mut r = Relation::new(RelationKind::Share, Formula::CommonWhole, s.pct, vec![s.part, o.part, o.pct]);
                r.detail.inferred = true;
                out.push(r);
            }
        }
    }
}

/// The share percent at `figs[k]` and its part: the amount before it in the same claim.
fn stated_share(v: &View, k: usize, p: FigRef) -> Option<Stated> {
    let f = v.fig(p);
    if f.role != FigureRole::SharePercent || !f.is_percent() || f.exceeds {
        return None;
    }
    let prev = *v.figs.get(k.checked_sub(1)?)?;
    let part = v.fig(prev);
    // The part: the amount right before, in the same claim; a ratio's percent is the ratio's.
    if prev.0 != p.0 || !is_amount(part) || !countable(part) || matches!(part.role, FigureRole::RatioNumerator | FigureRole::RatioDenominator) {
        return None;
    }
    // Between the part and its percent: the part's noun and a cue, nothing that starts
    // another statement ("21 đơn vị …, trong đó …: Công an tỉnh (94,45%)" is not 94,45% of 21).
    let gap = v.between(prev, p);
    let (noun, lead) = match gap.rfind('(') {
        Some(i) => (&gap[..i], &gap[i + 1..]),
        None => gap.rsplit_once(',').unwrap_or(("", gap)),
    };
    if noun.contains([':', ';', '(', ')', ',']) || lead.contains([':', ';', '(', ')']) {
        return None;
    }
    let paren = gap.contains('(') && lead.trim().is_empty();
    let words = &crate::lexicon::lexicon().share_words;
    let share_cue = paren || words.share.iter().any(|w| lead.contains(w.as_str()));
    let accounts_for = words.accounts_for.iter().any(|w| lead.contains(w.as_str()));
    Some(Stated { pct: p, part: prev, base: base_words(v, f), share_cue, accounts_for })
}

/// Percents, points and multiples are not parts or wholes of anything.
fn countable(f: &Figure) -> bool {
    !matches!(dimension(f), Some("percent" | "permille" | "points" | "times"))
}

/// The words naming the whole after a percent: "chiếm 68% diện tích rừng trồng toàn tỉnh".
fn base_words(v: &View, f: &Figure) -> Vec<String> {
    let rest = v.block.text.get(f.block_end..).unwrap_or("");
    let end = rest.find([',', ';', '.', '(', ')', ':']).unwrap_or(rest.len());
    let phrase = rest[..end].trim();
    // Only words, up to the next figure, and up to a conjunction: "chiếm 37,1% tổng mức và tăng
    // 11,5%" names "tổng mức"; what follows "và" says something else of the part.
    let phrase = &phrase[..phrase.find(|c: char| c.is_ascii_digit()).unwrap_or(phrase.len())];
    let lex = crate::lexicon::lexicon();
    let mut cut = phrase.len();
    let mut at = 0;
    for w in phrase.split(' ') {
        if lex.conjunctions.iter().any(|c| crate::text::lower(w) == *c) {
            cut = at;
            break;
        }
        at += w.len() + 1;
    }
    let mut words = name_words(&phrase[..cut.min(phrase.len())]);
    words.retain(|w| !matches!(w.as_str(), "cả" | "so" | "với"));
    words
}

/// The words of a phrase naming a whole, normalised as indicator keys are, without the link
/// words and "tổng số", "tổng mức" that open it and say nothing of which whole ("so với tổng số
/// hộ", "trong tổng số lao động"; lexicon: share_base_skip).
fn name_words(phrase: &str) -> Vec<String> {
    let skip = &crate::lexicon::lexicon().share_base_skip;
    key(phrase).split_whitespace().skip_while(|w| skip.iter().any(|x| x == w)).map(str::to_owned).collect()
}

fn dimension(f: &Figure) -> Option<&str> {
    f.unit.as_ref().map(|u| u.base_dimension())
}

/// Same kind of amount: same dimension, or a count whose unit is unnamed on one side.
fn measured_alike(a: &Figure, b: &Figure) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.comparable(y),
        (None, None) => true,
        (Some(x), None) | (None, Some(x)) => x.is_count(),
    }
}

/// The words a candidate whole is named by: its indicator and its unit.
fn named_by(input: &Input, r: FigRef) -> String {
    let c = &input.claims.claims[r.0];
    let unit = input.figure(r).unit.as_ref().map(|u| u.text.as_str()).unwrap_or("");
    format!("{} {}", key(&c.indicator), key(unit))
}

/// Earlier amounts (this block first, nearest first, then a few blocks back) that could be the
/// whole of `s`.
fn candidates<'a>(input: &'a Input, all: &'a [View], vi: usize, s: &'a Stated) -> impl Iterator<Item = FigRef> + 'a {
    wholes(input, all, vi, s, Reach::Larger)
}

/// Which amounts may be a share's whole.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Only amounts at least as large as the part.
    Larger,
    /// Also a smaller amount of the part's own sentence, when the whole is named (the name
    /// says which), or when it is unnamed and that amount is no sibling part with its own share.
    SentenceNamed,
    SentenceUnnamed,
}

/// The amounts that may be the whole of a share, nearest first.
fn wholes<'a>(input: &'a Input, all: &'a [View], vi: usize, s: &'a Stated, reach: Reach) -> impl Iterator<Item = FigRef> + 'a {
    let part = input.figure(s.part);
    let here = all[vi].figs.iter().rev().copied().filter(move |&r| input.figure(r).block_start < part.block_start);
    let back = (vi.saturating_sub(BLOCKS_BACK)..vi).rev().flat_map(move |b| all[b].figs.iter().rev().copied());
    here.chain(back).filter(move |&r| {
        let f = input.figure(r);
        // A whole smaller than its part is still the whole when its sentence names it ("14.506
        // thí sinh dự thi, … 14.517 thí sinh đậu, chiếm 88,56%" is an error, not another whole).
        // (not a sibling part with its own share: "2.689 hộ (99,26%), 2.706 hộ (99,55%)").
        let next = input.claims.claims[r.0].figures.get(r.1 + 1).filter(|n| n.role == FigureRole::SharePercent);
        let own_share = next.is_some();
        // A named whole with its own share of another whole may be one ("572.465 người, chiếm
        // 62% dân số; … 523.337 người, chiếm 91,42% so với tổng dân số trong độ tuổi lao
        // động"); a sibling share of the same whole is not ("312.600 người, chiếm 25% dân số;
        // … 937.800 người, chiếm 70% dân số").
        let sibling = next.is_some_and(|n| base_words(&all[vi], n) == s.base);
        // A smaller whole must count the same thing ("15 tuổi" is no whole of 560.210 người) and
        // be overshot by a slip, not many times ("320 hộ" is no whole of "1.850 hộ").
        let close = f.unit.as_ref().zip(part.unit.as_ref()).is_some_and(|(w, p)| w.comparable(p))
            && f.base_value().checked_mul(Decimal::new(12, 1)).is_some_and(|w| part.base_value() <= w);
        let sentence = close && match reach {
            Reach::Larger => false,
            Reach::SentenceNamed => f.block == part.block && f.sentence == part.sentence && !sibling,
            Reach::SentenceUnnamed => f.block == part.block && f.sentence == part.sentence && !own_share,
        };
        r != s.part && is_amount(f) && countable(f) && f.role != FigureRole::GrowthAbsolute && measured_alike(f, part) && (bigger(f, part) || sentence)
    })
}

/// A whole is at least as large as its part.
fn bigger(whole: &Figure, part: &Figure) -> bool {
    Interval::of_figure_base(whole).hi >= Interval::of_figure_base(part).lo
}

/// The whole named after the percent.
fn explicit_whole(input: &Input, all: &[View], vi: usize, s: &Stated) -> Option<Relation> {
    if s.base.is_empty() {
        return None;
    }
    // The whole's name holds the words after the percent, in order ("dân số" in "dân số toàn
    // tỉnh", not in "hộ nghèo dân tộc thiểu số" for "hộ dân").
    let phrase = format!(" {} ", s.base.join(" "));
    // One word ("tổng số hộ" → "hộ") is in many names ("hộ nghèo"): such a match is believed
    // only when the figures nearly agree through it.
    let loose = s.base.len() < 2;
    // A whole named alike in another paragraph is believed only when the figures nearly agree.
    let part_block = input.figure(s.part).block;
    let named = |r: &FigRef| {
        let far = input.figure(*r).block != part_block;
        format!(" {} ", named_by(input, *r)).contains(&phrase) && (!(loose || far) || near(input, s.part, s.pct, &[*r], plain_share))
    };
    // The named whole of the part's own sentence first, however large the part has grown (a
    // part above its named whole is the error to report); then the nearest larger one.
    let part = input.figure(s.part);
    let own = |r: &FigRef| input.figure(*r).block == part.block && input.figure(*r).sentence == part.sentence;
    let whole = wholes(input, all, vi, s, Reach::SentenceNamed).filter(own).find(named).or_else(|| candidates(input, all, vi, s).find(named))?;
    Some(Relation::new(RelationKind::Share, Formula::Percent, s.pct, vec![s.part, whole]))
}

/// "1.250 hộ nghèo, chiếm 3,8% tổng số hộ (tổng số hộ 30.100 hộ)": the whole stated right
/// after the percent, alone in a parenthesis that opens with the whole's name again.
fn whole_after(v: &View, s: &Stated) -> Option<Relation> {
    if s.base.is_empty() {
        return None;
    }
    let pct = v.fig(s.pct);
    let k = v.figs.partition_point(|&r| v.fig(r).block_start <= pct.block_start);
    let w = *v.figs.get(k)?;
    let gap = v.between(s.pct, w);
    let (outside, inside) = gap.split_once('(')?;
    // Named as the percent names it, through the same normalisation ("tổng số hộ" → "hộ").
    let inside_words = name_words(inside);
    let named = inside_words.starts_with(&s.base);
    let alone = !outside.contains([',', ';', '.', ')']) && !inside.contains([',', ';', '.', ')']) && v.fig(w).depth == pct.depth + 1;
    let whole = v.fig(w);
    (named && alone && is_amount(whole) && measured_alike(whole, v.fig(s.part))).then(|| Relation::new(RelationKind::Share, Formula::Percent, s.pct, vec![s.part, w]))
}

/// The total of the breakdown the part is listed in; other wholes stated just before are
/// alternatives ("2.130 hộ (chiếm 74,21%)" listed under 2.310 may be of all 2.870 households).
fn breakdown_whole(input: &Input, s: &Stated) -> Option<Relation> {
    // A share that names its whole ("so với tổng số hộ dân") is of that whole, found or not;
    // "chiếm 81,6% trong tổng LLLĐ cả tỉnh" under a total named otherwise may still be of that
    // total when the figures nearly agree through it.
    let named_elsewhere = !s.base.is_empty();
    if !s.share_cue || (named_elsewhere && !s.accounts_for) {
        return None;
    }
    let bd = input.claims.breakdowns.iter().find(|b| b.parts.contains(&s.part))?;
    // "15.287 hộ, tương đương 0,4% tổng số hộ dân. Trong đó, 2.489 hộ (chiếm 0,06%) …": when
    // the total is itself a share of a larger whole, its parts' shares are of that whole too.
    let tc = &input.claims.claims[bd.total.0];
    let total = &tc.figures[bd.total.1];
    let total_is_share = tc.figures.get(bd.total.1 + 1).is_some_and(|f| f.role == FigureRole::SharePercent) && !named_elsewhere;
    if total_is_share || total.role == FigureRole::RatioNumerator {
        return None;
    }
    let total = input.figure(bd.total);
    if !measured_alike(total, input.figure(s.part)) {
        return None;
    }
    // "trong đó: 148 hộ dân tộc thiểu số, đạt tỷ lệ 1,14%": a rate may be of the whole
    // population rather than of the total just named; only "chiếm" says which.
    if (named_elsewhere || !s.accounts_for) && !near(input, s.part, s.pct, &[bd.total], plain_share) {
        return None;
    }
    let mut r = Relation::new(RelationKind::Share, Formula::Percent, s.pct, vec![s.part, bd.total]);
    r.detail.inferred = named_elsewhere;
    Some(r)
}

/// A larger amount of the same kind just before, when it nearly gives the stated percent.
fn nearby_whole(input: &Input, all: &[View], vi: usize, s: &Stated) -> Option<Relation> {
    if !s.base.is_empty() || !s.share_cue {
        return None;
    }
    // A part whose sentence names no period goes on in the period of the text before it
    // ("Tính chung 9 tháng, … 812,4 tỷ đồng … . Doanh thu ăn uống … chiếm 30,2%").
    let unstated = input.claims.claims[s.part.0].period == "doc";
    let mut found: Vec<FigRef> = candidates(input, all, vi, s).filter(|&w| unstated || same_period(input, w, s.part)).take(6).collect();
    if found.is_empty() {
        // No larger amount: the sentence's own whole, though smaller than the part, is the one.
        found = wholes(input, all, vi, s, Reach::SentenceUnnamed).filter(|&w| unstated || same_period(input, w, s.part)).take(6).collect();
    }
    let best = found.iter().copied().filter(|&w| near(input, s.part, s.pct, &[w], plain_share)).min_by_key(|&w| distance(input, s, w))?;
    let mut r = Relation::new(RelationKind::Share, Formula::Percent, s.pct, vec![s.part, best]);
    r.alternatives = found.into_iter().filter(|&w| w != best).map(|w| vec![s.part, w]).collect();
    r.detail.inferred = true;
    Some(r)
}

/// part / whole × 100, at the written values.
fn plain_share(input: &Input, part: FigRef, ops: &[FigRef]) -> Option<Decimal> {
    let whole = input.figure(*ops.first()?).base_value();
    input.figure(part).base_value().checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// part × other percent / other part: the share the other share's whole gives.
fn implied_share(input: &Input, part: FigRef, ops: &[FigRef]) -> Option<Decimal> {
    let (op, opct) = (input.figure(*ops.first()?), input.figure(*ops.get(1)?));
    input.figure(part).base_value().checked_mul(opct.value())?.checked_div(op.base_value())
}

/// Two figures stated for the same period (a share of 2010 is not of the 2012 whole).
fn same_period(input: &Input, a: FigRef, b: FigRef) -> bool {
    input.claims.claims[a.0].period == input.claims.claims[b.0].period
}

/// Whether the stated percent is within `NEAR` (relative) of what the link gives.
fn near(input: &Input, part: FigRef, pct: FigRef, ops: &[FigRef], f: fn(&Input, FigRef, &[FigRef]) -> Option<Decimal>) -> bool {
    let stated = input.figure(pct).value();
    let Some(got) = f(input, part, ops) else { return false };
    if stated.is_zero() {
        return false;
    }
    ((got - stated) / stated).abs() <= NEAR
}

fn distance(input: &Input, s: &Stated, w: FigRef) -> Decimal {
    let stated = input.figure(s.pct).value();
    plain_share(input, s.part, &[w]).map(|g| (g - stated).abs()).unwrap_or(Decimal::MAX)
}

/// Two shares of one unstated whole: in the same sentence with no other whole named (or the
/// same one), counting the same kind of thing, neither led by a proper name (a list of places,
/// each with its own whole); or anywhere nearby when both name the same whole in words.
fn same_whole(input: &Input, all: &[View], a: (usize, &Stated), b: (usize, &Stated)) -> bool {
    let (fa, fb) = (input.figure(a.1.part), input.figure(b.1.part));
    // A sentence that states no period goes on in the one before (as for a nearby whole).
    let unstated = input.claims.claims[a.1.part.0].period == "doc";
    if !measured_alike(fa, fb) || !a.1.share_cue || !b.1.share_cue || !(unstated || same_period(input, a.1.part, b.1.part)) {
        return false;
    }
    let same_base = a.1.base == b.1.base;
    if same_base && a.1.base.len() >= 2 && a.0.abs_diff(b.0) <= 10 {
        return true;
    }
    let compatible = same_base || a.1.base.is_empty() || b.1.base.is_empty();
    // "25.650 hộ nghèo (tỷ lệ 6,06%); … . Hộ cận nghèo là 10.922 hộ (2,58%).": the next
    // sentence, opened by the counted noun itself, goes on with the same population.
    let next = fa.sentence == fb.sentence + 1 && opened_by_its_noun(&all[a.0], fa);
    a.0 == b.0 && (fa.sentence == fb.sentence || next) && compatible && !led_by_name(&all[a.0], fa) && !led_by_name(&all[b.0], fb)
}

/// Whether the figure's sentence opens with nothing but the noun it counts and a verb: "Hộ
/// cận nghèo là 10.922 hộ", not "Khu vực miền núi có 3.308 hộ cận nghèo".
fn opened_by_its_noun(v: &View, f: &Figure) -> bool {
    let Some(unit) = f.unit.as_ref().filter(|u| u.is_count()) else { return false };
    let text = &v.block.text[..f.block_start.min(v.block.text.len())];
    let start = text.rfind(['.', ';', ':']).map_or(0, |i| i + 1);
    let words: Vec<&str> = text[start..].split(|c: char| !crate::text::is_word_char(c)).filter(|w| !w.is_empty()).collect();
    let noun = crate::text::lower(&unit.text);
    let head = noun.split(' ').next().unwrap_or("");
    let first = words.first().map(|w| crate::text::lower(w));
    let capitals = words.iter().skip(1).any(|w| w.starts_with(char::is_uppercase));
    (2..=5).contains(&words.len()) && first.as_deref() == Some(head) && !capitals
}

/// "Ea Lâm có 6.912 hộ", "Krông Nô 6.105 hộ": a capitalised word (not starting the sentence)
/// between the previous figure and this one names a place or body with its own whole.
fn led_by_name(v: &View, f: &Figure) -> bool {
    let text = &v.block.text;
    let before = &text[..f.block_start];
    let from = before.rfind(|c: char| c.is_ascii_digit() || matches!(c, ';' | '.' | ')' | '%')).map(|i| i + 1).unwrap_or(0);
    let label = &before[from..];
    let mut words = label.split(|c: char| !crate::text::is_word_char(c)).filter(|w| !w.is_empty());
    // The first word of a sentence is capitalised anyway.
    let prev = before[..from].trim_end();
    let sentence_start = prev.is_empty() || prev.ends_with('.');
    if sentence_start {
        words.next();
    }
    words.any(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

