//! The same indicator for the same period stated more than once (a headline and its body, the
//! body and the summary, a paragraph and its footnote, two sentences of one section): every
//! statement must agree with the first. Two statements are of one indicator when their names
//! have the same content words (identity.rs), they measure alike, state the same kind of
//! figure (an amount, a growth over the same base, a percent of the same plan, a share) for
//! the same period, and stand where one may restate the other. Distinctive amounts are anchors:
//! two claims that state the same 165.220 lượt khách are about one thing, so their growths and
//! percents of plan must agree too, whatever words name them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use rust_decimal::Decimal;

use super::identity::{self, Words};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{key, Claim, FigRef, Figure, FigureRole};
use crate::layout::Role;
use crate::lexicon::lexicon;
use crate::model::GrowthBase;

/// How many figures back in its claim a percent's amount is looked for.
const AMOUNT_BACK: usize = 16;

/// The amount a percent at `i` of claim `c` is about: the nearest before it, a few figures
/// back at most (a claim of many percents stays linear).
fn amount_before(c: &Claim, i: usize) -> Option<usize> {
    let from = i.saturating_sub(AMOUNT_BACK);
    c.figures[from..i].iter().rposition(|f| f.role.is_amount() && !f.is_percent()).map(|k| from + k)
}

/// A report restates an indicator a few times at most; comparing with the first statements
/// keeps a pathological file linear.
const MAX_EARLIER: usize = 16;

/// The kind of figure a statement gives, with what a percent is measured against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Stated {
    Amount(String),
    Growth(GrowthBase),
    Plan(String),
    Share,
}

fn stated(f: &Figure) -> Option<Stated> {
    let unit = f.unit.as_ref()?;
    Some(match f.role {
        FigureRole::Value | FigureRole::Total | FigureRole::Part | FigureRole::RatioNumerator if !f.is_percent() => {
            // Counts of one head noun measure alike ("hộ nghèo", "hộ").
            let head = unit.dimension.strip_prefix("count:").and_then(|n| n.split(' ').next()).map(|n| format!("count:{n}"));
            Stated::Amount(head.unwrap_or_else(|| unit.base_dimension().to_owned()))
        }
        FigureRole::GrowthPercent if f.is_percent() && f.against.is_none() => {
            // A growth that names no base, or names a year, is against the same period.
            let base = match f.base.as_deref().map(|b| lexicon().growth_base(b)) {
                Some(b @ (GrowthBase::Previous | GrowthBase::Plan)) => b,
                _ => GrowthBase::SamePeriod,
            };
            // "bằng 104,5% so với cùng kỳ" restates "tăng 4,5%": one kind, compared signed.
            Stated::Growth(base)
        }
        FigureRole::PlanPercent if f.is_percent() && !f.exceeds => Stated::Plan(f.against.as_deref().map(plan_key).unwrap_or_default()),
        FigureRole::SharePercent if f.is_percent() => Stated::Share,
        _ => return None,
    })
}

/// Which plan a percent is of, without the words that only say it was set ("KH giao" is
/// "kế hoạch").
fn plan_key(against: &str) -> String {
    let mut k = key(against);
    while let Some(w) = lexicon().plan_assigned.iter().find(|w| k.ends_with(&format!(" {w}"))) {
        k.truncate(k.len() - w.len() - 1);
    }
    k
}

/// The one figure of a claim that states this kind of figure, when it has exactly one: two
/// growths against the same base in one claim leave it open which one is restated.
fn only_alike(c: &Claim, kind: &Stated) -> Option<usize> {
    let mut alike = c.figures.iter().enumerate().filter(|(_, f)| stated(f).as_ref() == Some(kind)).map(|(i, _)| i);
    let first = alike.next()?;
    alike.next().is_none().then_some(first)
}

struct Statement {
    fig: FigRef,
    words: Words,
}

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    // (kind, period, words) → statements in document order.
    let mut groups: HashMap<(Stated, &str, Rc<str>), Vec<Statement>> = HashMap::default();
    let mut order: Vec<(Stated, &str, Rc<str>)> = Vec::new();
    for (ci, c) in claims.iter().enumerate() {
        if c.cell.is_some() {
            continue;
        }
        for (fi, f) in c.figures.iter().enumerate() {
            let Some(kind) = stated(f) else { continue };
            // Two rates of one kind in a claim ("… đạt 91,2%, tỷ lệ cơ quan … đạt 98%"): its
            // name is the first one's, not certainly the second's.
            if !matches!(kind, Stated::Amount(_)) && c.figures[..fi].iter().any(|e| stated(e).as_ref() == Some(&kind)) {
                continue;
            }
            let words = identity::of_claim(c, f);
            if words.len() < 2 {
                continue;
            }
            let k = (kind, c.period.as_str(), words.shared_key());
            let list = groups.entry(k.clone()).or_default();
            if list.is_empty() {
                order.push(k);
            }
            list.push(Statement { fig: (ci, fi), words });
        }
    }
    // A part never restates its total ("cấp mới 14 giấy phép⁽²⁾" and "⁽²⁾ Cấp 06 giấy phép
    // nhà ở; …" name alike): the pairs a breakdown binds, either way round.
    let whole_part: HashSet<(FigRef, FigRef)> = out
        .iter()
        .filter(|r| r.kind == RelationKind::Sum)
        .flat_map(|r| r.operands.iter().flat_map(move |&p| [(r.result, p), (p, r.result)]))
        .collect();
    // Pairs already linked, looked up for every anchored pair: a set, so that a report of
    // many restatements stays linear.
    let mut linked: HashSet<(FigRef, FigRef)> = HashSet::default();
    for k in &order {
        let list = &groups[k];
        for j in 1..list.len() {
            let later = &list[j];
            let percent = !matches!(k.0, Stated::Amount(_));
            let fits: Vec<&Statement> = list[..j.min(MAX_EARLIER)]
                .iter()
                .filter(|e| {
                    let (ca, cb) = (&claims[e.fig.0], &claims[later.fig.0]);
                    // Within a paragraph, only a later sentence restates ("21%/20%" sets a
                    // figure against its target).
                    let apart = ca.block != cb.block || input.figure(e.fig).sentence != input.figure(later.fig).sentence;
                    e.fig.0 != later.fig.0 && apart && !whole_part.contains(&(e.fig, later.fig)) && may_restate(input, ca, cb, percent, &later.words) && enough_words(input, ca, cb, &later.words) && (!percent || same_subject(input, e.fig, later.fig)) && base_years_agree(input, e.fig, later.fig) && named_part(ca) == named_part(cb) && nouns_agree(input, e.fig, later.fig)
                })
                .collect();
            // One name for two different figures before ("diện tích gieo trồng 14.200 ha" of
            // rice, "… 2.900 ha" of maize) names neither: the later one is not compared.
            let value = |st: &Statement| input.figure(st.fig).base_value().normalize();
            let earlier = fits.first().filter(|first| fits.iter().all(|e| value(e) == value(first)));
            if let Some(e) = earlier {
                let mut r = Relation::new(RelationKind::Restatement, Formula::Same, later.fig, vec![e.fig]);
                r.detail.why = Some(named(&claims[later.fig.0]).or_else(|| named(&claims[e.fig.0])).unwrap_or_else(|| later.words.show()));
                // The thing of a bare measure is read from around it, not from its name: a
                // warning, not an error.
                r.detail.inferred = claims[e.fig.0].subject.is_some() || claims[later.fig.0].subject.is_some();
                linked.insert((e.fig, later.fig));
                out.push(r);
            }
        }
    }
    contained(input, &groups, &mut linked, out);
    anchors(input, &linked, out);
    percent_anchors(input, &linked, out);
    aligned(input, out);
}

/// How many words after a count's noun may say what it counts.
const NOUN_AFTER_WORDS: usize = 4;

/// What a count is of, when written after its noun: "28 đơn vị trường học", "07 đơn vị hành
/// chính". The words up to a clause mark, a figure or the conjunction before one.
fn noun_after(input: &Input, r: FigRef) -> Words {
    let f = input.figure(r);
    let Some(block) = input.layout.blocks.get(f.block).filter(|_| f.unit.as_ref().is_some_and(|u| u.is_count())) else { return Words::default() };
    let rest = block.text.get(f.block_end..).unwrap_or("");
    let conjunctions = &lexicon().conjunctions;
    let mut words: Vec<&str> = Vec::new();
    for w in rest.split(' ').filter(|w| !w.is_empty()).take(NOUN_AFTER_WORDS) {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if w.starts_with(|c: char| c.is_ascii_digit() || !c.is_alphanumeric()) || conjunctions.iter().any(|c| c == bare) {
            break;
        }
        words.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    identity::of_text(&words.join(" "))
}

/// Two counts whose nouns go on in different words ("đơn vị trường học", "đơn vị hành
/// chính") count different things; one that says nothing more, or less, may be the other.
fn nouns_agree(input: &Input, a: FigRef, b: FigRef) -> bool {
    let (x, y) = (noun_after(input, a), noun_after(input, b));
    x.is_empty() || y.is_empty() || x.shared(&y) == x.len().min(y.len())
}

/// The part of the territory a claim's name is about, when it names one below the report's
/// own ("Xã Tân Lập diện tích cây quế"; lexicon `place_parts`), lowercase: the place words of
/// a name are left out of its identity, but a commune's figure is not the district's.
fn named_part(c: &Claim) -> Option<String> {
    let lex = lexicon();
    let low = crate::text::lower(&c.indicator);
    lex.place_parts.iter().find_map(|level| {
        let mut from = 0;
        while let Some(k) = low.get(from..)?.find(level.as_str()).map(|k| from + k) {
            from = k + level.len();
            let starts_word = low[..k].chars().next_back().is_none_or(|ch| !crate::text::is_word_char(ch));
            let name = c.indicator.get(from..).map(str::trim_start).filter(|n| n.starts_with(char::is_uppercase));
            // "toàn xã", "trên địa bàn xã …": the report's own place.
            let own = lex.own_place.iter().any(|m| low[..k].trim_end().ends_with(m.as_str()));
            if let (true, Some(name), false) = (starts_word && crate::lexicon::boundary_after(&low, from), name, own) {
                let end = name.find(|ch: char| !crate::text::is_word_char(ch) && ch != ' ').unwrap_or(name.len());
                return Some(format!("{level} {}", crate::text::lower(name[..end].trim())));
            }
        }
        None
    })
}

/// How a claim whose name is a bare measure is named, for the message: the measure and its
/// thing as written ("sản lượng cây quế"), not the content words alone ("sản quế").
fn named(c: &Claim) -> Option<String> {
    let s = c.subject.as_ref()?;
    let measure = s.measure.clone().or_else(|| crate::claims::measure_in(&c.indicator))?;
    Some(format!("{measure} {}", s.thing))
}

/// Whether two claims' periods are one: the same, or the report's own ("doc") and its year
/// written out ("năm 2025" in a report of 2025, or of no stated year); never a month or a
/// quarter against the report's.
fn periods_agree(input: &Input, a: &str, b: &str) -> bool {
    let report_year = |p: &str| p.strip_prefix("năm ").and_then(|y| y.trim().parse::<u16>().ok()).is_some_and(|y| input.layout.meta.year.is_none_or(|d| d == y));
    a == b || (a == "doc" && report_year(b)) || (b == "doc" && report_year(a))
}

/// How many claims on a restated claim are followed, in step, in the two places.
const MAX_ALIGNED: usize = 4;

/// A restated claim carries the claims that follow it in both places under one name: "thành
/// phố đón 228.643 lượt khách …; doanh thu ước đạt 385 tỷ đồng" restated as "tổng số lượt khách
/// … 228.643 lượt …; doanh thu ước đạt 385 tỷ đồng": "doanh thu" alone names nothing, but
/// after the visitors in both places it is the same revenue.
fn aligned(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    let mut linked: HashSet<(FigRef, FigRef)> = HashSet::default();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for r in out.iter().filter(|r| r.kind == RelationKind::Restatement) {
        if let Some(&a) = r.operands.first() {
            linked.insert((a, r.result));
            pairs.push((a.0, r.result.0));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        for step in 1..=MAX_ALIGNED {
            let (Some(na), Some(nb)) = (claims.get(a + step), claims.get(b + step)) else { break };
            let in_step = na.block == claims[a].block && nb.block == claims[b].block && na.cell.is_none() && nb.cell.is_none();
            let (wa, wb) = (identity::of_text(&na.indicator), identity::of_text(&nb.indicator));
            // In the sentence of the restated claim on both sides ("…tăng 7,5%. Hợp tác xã:
            // doanh thu …" is another subject), for the same period.
            let sentence = |c: &Claim| c.figures.first().map(|f| (f.block, f.sentence));
            let same_sentence = sentence(na) == sentence(&claims[a]) && sentence(nb) == sentence(&claims[b]);
            if !in_step || !same_sentence || wa.is_empty() || wa != wb || !periods_agree(input, &na.period, &nb.period) || (a + step) >= b {
                break;
            }
            for (fb, f) in nb.figures.iter().enumerate() {
                let Some(kind) = stated(f) else { continue };
                let Some(fa) = only_alike(na, &kind) else { continue };
                let pair = ((a + step, fa), (b + step, fb));
                if !linked.insert(pair) {
                    continue;
                }
                let mut r = Relation::new(RelationKind::Restatement, Formula::Same, pair.1, vec![pair.0]);
                r.detail.why = Some(wb.show());
                r.detail.after = Some(claims[b].indicator.clone());
                r.detail.inferred = true;
                out.push(r);
            }
        }
    }
}

/// Whether the words the longer name has more are written right after the shorter one's
/// figure, in its clause: "giải quyết việc làm cho 950 người lao động" names "lao động" too.
/// A longer name whose extra words appear nowhere there ("… lao động nông thôn", "… có bằng
/// cấp") is a narrower indicator, not the same one.
fn extra_words_follow(input: &Input, a: &Statement, b: &Statement) -> bool {
    let (short, long) = if a.words.len() <= b.words.len() { (a, b) } else { (b, a) };
    // A long name that only drops a word or two at its ends ("Tổng mức bán lẻ hàng hóa và doanh
    // thu dịch vụ (tiêu dùng)", "(Số lao động) được đào tạo nghề sơ cấp …") is the same
    // indicator: six words or more leave no doubt.
    if short.words.len() >= LONG_NAME && long.words.len() - short.words.len() <= 2 && long.words.extra_at_the_ends(&short.words) {
        return true;
    }
    let f = input.figure(short.fig);
    let Some(block) = input.layout.blocks.get(f.block) else { return false };
    let rest = block.lower.get(f.block_end..).unwrap_or("");
    let clause = &rest[..rest.find([';', '.', '(', '\n']).unwrap_or(rest.len())];
    long.words.extra(&short.words).all(|w| crate::lexicon::has_word(clause, w))
}

/// Content words from which a name is long enough to be cut short at its end.
const LONG_NAME: usize = 6;

/// Whether two growths are against the same year: "so với năm 2020" is not "so với cùng kỳ"
/// in a report of 2024, though "so với năm 2023" is. Growths that name no year agree.
fn base_years_agree(input: &Input, a: FigRef, b: FigRef) -> bool {
    let year_in = |s: &str| crate::text::years(s).next();
    let base_year = |r: FigRef| input.figure(r).base.as_deref().and_then(year_in);
    let claim_year = |r: FigRef| year_in(&input.claims.claims[r.0].period).or(input.layout.meta.year);
    match (base_year(a), base_year(b)) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) => claim_year(b).is_some_and(|y| x.checked_add(1) == Some(y)),
        (None, Some(y)) => claim_year(a).is_some_and(|x| y.checked_add(1) == Some(x)),
        (None, None) => true,
    }
}

/// How many statements of the other place one statement is compared with by containment.
const MAX_CONTAINED: usize = 256;

/// A summary (or footnote) that names an indicator with a word or two more or less than the
/// body: "Giải quyết việc làm cho lao động ước thực hiện 950 người" restates "trong năm đã giải
/// quyết việc làm cho 950 người lao động" ({giải, quyết, việc, làm} within {giải, quyết, việc,
/// làm, lao, động}). The smaller name must have three words or more and fit one statement only.
fn contained(input: &Input, groups: &HashMap<(Stated, &str, Rc<str>), Vec<Statement>>, linked: &mut HashSet<(FigRef, FigRef)>, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    // The statements already linked, looked up for every summary statement.
    let mut taken: HashSet<FigRef> = linked.iter().flat_map(|&(a, b)| [a, b]).collect();
    // The words of the plan each percent of plan was found against ("Tổng kế hoạch vốn đầu tư
    // công …" for "giải ngân … đạt 34,4% kế hoạch"): they name the indicator too.
    let plan_of: HashMap<FigRef, Words> = out
        .iter()
        .filter(|r| r.kind == super::RelationKind::PlanPercent && r.alternatives.is_empty())
        .filter_map(|r| Some((r.result, identity::of_text(&claims[r.operands.get(1)?.0].indicator))))
        .collect();
    // Statements by (kind, period), in document order.
    let mut by_kind: HashMap<(&Stated, &str), Vec<&Statement>> = HashMap::default();
    for ((kind, period, _), list) in groups {
        by_kind.entry((kind, period)).or_default().extend(list.iter());
    }
    let mut lists: Vec<((&Stated, &str), Vec<&Statement>)> = by_kind.into_iter().collect();
    for (_, list) in lists.iter_mut() {
        list.sort_by_key(|s| s.fig);
    }
    lists.sort_by_key(|(_, list)| list.first().map(|s| s.fig));
    for (k, list) in lists {
        let percent = !matches!(k.0, Stated::Amount(_));
        for (j, later) in list.iter().enumerate() {
            let lc = &claims[later.fig.0];
            if lc.role != Role::Summary || taken.contains(&later.fig) {
                continue;
            }
            let fits: Vec<&&Statement> = list
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != j)
                .take(MAX_CONTAINED)
                .map(|(_, s)| s)
                .filter(|e| {
                    // The cheap tests first: most statements fail them.
                    let ec = &claims[e.fig.0];
                    let inner = e.words.len().min(later.words.len());
                    if ec.role == Role::Summary || ec.block == lc.block {
                        return false;
                    }
                    // "Giải ngân vốn đầu tư công đạt 36,4% kế hoạch" restates "lũy kế giải ngân …
                    // đạt 34,4% kế hoạch" of the plan "kế hoạch vốn đầu tư công": the summary's
                    // extra words name that plan.
                    let by_plan = e.words.len() >= 2
                        && e.words.shared(&later.words) == e.words.len()
                        && plan_of.get(&e.fig).is_some_and(|plan| later.words.extra(&e.words).all(|w| plan.has(w)));
                    if by_plan {
                        return may_restate(input, ec, lc, percent, &later.words) && base_years_agree(input, e.fig, later.fig);
                    }
                    if inner < 3 || e.words.len() == later.words.len() {
                        return false;
                    }
                    e.words.shared(&later.words) == inner
                        && extra_words_follow(input, e, later)
                        && may_restate(input, ec, lc, percent, &later.words)
                        && (!percent || same_subject(input, e.fig, later.fig))
                        && base_years_agree(input, e.fig, later.fig)
                })
                .collect();
            let [earlier] = fits.as_slice() else { continue };
            let (a, b) = if earlier.fig < later.fig { (earlier.fig, later.fig) } else { (later.fig, earlier.fig) };
            let mut r = Relation::new(RelationKind::Restatement, Formula::Same, b, vec![a]);
            let (short, long) = if earlier.words.len() <= later.words.len() { (&earlier.words, &later.words) } else { (&later.words, &earlier.words) };
            r.detail.why = Some(format!("{} / {}", short.show(), long.show()));
            r.detail.inferred = true;
            taken.extend([a, b]);
            linked.insert((a, b));
            out.push(r);
        }
    }
}

/// A distinctive percent of plan stated twice, each after an amount measured alike, in places
/// where one restates the other (the summary and the body, a footnote, a headline), with names
/// that share two words: "ước thực hiện 128,5 triệu đồng/ha/năm, đạt 102,7% kế hoạch" restates
/// "đạt 128,5 triệu đồng, đạt 102,7% kế hoạch", so the two amounts must agree.
fn percent_anchors(input: &Input, linked: &HashSet<(FigRef, FigRef)>, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    let mut by_percent: HashMap<(Decimal, String), Vec<(FigRef, FigRef)>> = HashMap::default();
    for (ci, c) in claims.iter().enumerate() {
        if c.cell.is_some() || c.role == Role::Tasks {
            continue;
        }
        for (pi, p) in c.figures.iter().enumerate() {
            // Whichever plan it names ("KH giao", "kế hoạch"): the percent itself ties them.
            let Some(Stated::Plan(_)) = stated(p) else { continue };
            // The amount before it, or a rate right before it ("… mức độ 2 ước đạt 76,7%,
            // đạt 105,6% kế hoạch giao").
            let rate = pi.checked_sub(1).filter(|&k| stated(&c.figures[k]) == Some(Stated::Share));
            let Some(ai) = rate.or_else(|| amount_before(c, pi)) else { continue };
            // Measured exactly alike: "128,5 triệu đồng" is not "128,5 triệu đồng/ha/năm".
            let Some(Stated::Amount(_) | Stated::Share) = stated(&c.figures[ai]) else { continue };
            let measure = c.figures[ai].unit.as_ref().map(|u| u.dimension.clone()).unwrap_or_default();
            if distinctive_percent(p) {
                by_percent.entry((p.value().normalize(), measure)).or_default().push(((ci, ai), (ci, pi)));
            }
        }
    }
    let mut keys: Vec<&(Decimal, String)> = by_percent.keys().collect();
    keys.sort();
    for k in keys {
        // Two statements only: a percent met three times is too common to tie anything.
        let [(a, pa), (b, pb)] = by_percent[k].as_slice() else { continue };
        let (ca, cb) = (&claims[a.0], &claims[b.0]);
        let words = identity::of_claim(cb, input.figure(*b));
        // Another section (an assessment of the targets restating the body) will do too: the
        // percent is what ties them.
        let placed = ca.section != cb.section || may_restate(input, ca, cb, false, &words);
        // Named alike too: plan percents cluster near 100, so the percent alone may be a
        // coincidence ("thu" and "chi ngân sách" both at 102,7% of plan).
        let alike = identity::of_claim(ca, input.figure(*a)).shared(&words) >= 2;
        // A statement that names no period is in the report's own.
        let period = ca.period == cb.period || ca.period == "doc" || cb.period == "doc";
        if ca.block == cb.block || linked.contains(&(*a, *b)) || !period || !placed || !alike {
            continue;
        }
        let mut r = Relation::new(RelationKind::Restatement, Formula::Same, *b, vec![*a]);
        r.detail.why = Some(format!("{} / {}", input.figure(*pa).text, input.figure(*pb).text));
        r.detail.anchored = true;
        r.detail.inferred = true;
        out.push(r);
    }
}

/// A percent precise enough to tie two statements: three significant digits or more and not
/// a round figure ("102,7%", "88,4%"; not "100%", "95%").
fn distinctive_percent(f: &Figure) -> bool {
    let digits = f.value().normalize().to_string().chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    digits.trim_start_matches('0').trim_end_matches('0').len() >= 3
}

/// Where one statement may restate another: the summary restates the body, a footnote its
/// paragraph, a headline the text. Two places of the body naming alike are more often two
/// things of one list ("vốn tỉnh quản lý: 7.761/20.117" is spent out of planned) than the
/// same figure twice, so they are not compared.
fn may_restate(input: &Input, a: &Claim, b: &Claim, percent: bool, words: &Words) -> bool {
    // A target for the coming period restates other targets only, never a result.
    if (a.role == Role::Tasks) != (b.role == Role::Tasks) {
        return false;
    }
    // A growth or a percent of plan of one fully named indicator is one statement wherever it
    // stands: lists repeat names for amounts, hardly for rates.
    if percent && words.len() >= 4 {
        return true;
    }
    // Two sections that each sum up the report (the targets met, the targets missed; the
    // year's tasks and the measures for them) restate one another.
    if a.role == b.role && matches!(a.role, Role::Summary | Role::Tasks) && a.section != b.section {
        return true;
    }
    let blocks = &input.layout.blocks;
    let footnote_of = |n: &Claim, p: &Claim| blocks[n.block].parent == Some(p.block);
    let summary = (a.role == Role::Summary) != (b.role == Role::Summary);
    let headline = headline(input, a.block) != headline(input, b.block);
    summary || headline || footnote_of(a, b) || footnote_of(b, a)
}

/// The first block, when it reads like a title (a heading, or one short line without a full
/// stop): a news headline or a report's title restates its text.
fn headline(input: &Input, block: usize) -> bool {
    let Some(b) = input.layout.blocks.get(block).filter(|_| block == 0) else { return false };
    b.kind == crate::layout::BlockKind::Heading || (b.text.chars().count() < 200 && !b.text.trim_end().ends_with('.'))
}

/// Few words name an indicator loosely ("diện tích"); a headline is terse, the summary and
/// footnotes are not. A measure with what it is of ("sản lượng" of "Cây Quế:") is named.
fn enough_words(input: &Input, a: &Claim, b: &Claim, words: &Words) -> bool {
    let terse = headline(input, a.block) || headline(input, b.block) || a.subject.is_some() || b.subject.is_some();
    let least = if terse { 2 } else { 3 };
    words.len() >= least
}

/// Percents restate each other only when the amounts they are about agree (or one side
/// states none, as a headline often does).
fn same_subject(input: &Input, a: FigRef, b: FigRef) -> bool {
    let claims = &input.claims.claims;
    let amount = |r: FigRef| amount_before(&claims[r.0], r.1).map(|i| &claims[r.0].figures[i]);
    match (amount(a), amount(b)) {
        (Some(x), Some(y)) => match (&x.unit, &y.unit) {
            (Some(u), Some(v)) => u.comparable(v) && crate::interval::Interval::of_figure_base(x).meets(crate::interval::Interval::of_figure_base(y)),
            _ => false,
        },
        _ => true,
    }
}

/// Distinctive amounts stated twice tie their claims: the rates each claim gives for the same
/// base must agree.
fn anchors(input: &Input, linked: &HashSet<(FigRef, FigRef)>, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    let mut by_amount: HashMap<(Decimal, String), Vec<usize>> = HashMap::default();
    for (ci, c) in claims.iter().enumerate() {
        if c.cell.is_some() || c.role == Role::Tasks {
            continue;
        }
        if let Some(f) = c.figures.iter().find(|f| f.role.is_amount() && !f.is_percent() && distinctive(f)) {
            // Measured alike as statements are ("lượt" and "lượt khách" are both counts of lượt).
            let unit = match stated(f) {
                Some(Stated::Amount(m)) => m,
                _ => f.unit.as_ref().map(|u| u.dimension.clone()).unwrap_or_default(),
            };
            by_amount.entry((f.base_value().normalize(), unit)).or_default().push(ci);
        }
    }
    let mut keys: Vec<&(Decimal, String)> = by_amount.keys().collect();
    keys.sort();
    for k in keys {
        let list = &by_amount[k];
        for j in 1..list.len().min(MAX_EARLIER) {
            let (a, b) = (list[0], list[j]);
            if claims[a].block == claims[b].block {
                continue;
            }
            for (fb, f) in claims[b].figures.iter().enumerate() {
                let Some(kind @ (Stated::Growth(_) | Stated::Plan(_))) = stated(f) else { continue };
                let Some(fa) = only_alike(&claims[a], &kind) else { continue };
                let pair = ((a, fa), (b, fb));
                if linked.contains(&pair) || !base_years_agree(input, pair.0, pair.1) {
                    continue;
                }
                let mut r = Relation::new(RelationKind::Restatement, Formula::Same, (b, fb), vec![(a, fa)]);
                r.detail.why = claims[a].figures.iter().find(|f| f.role.is_amount()).map(|f| f.text.clone());
                r.detail.anchored = true;
                out.push(r);
            }
        }
    }
}

/// An amount precise enough that stating it twice means the same figure: four significant
/// digits or more ("165.220", "2.972,5"), not "20" or "5 tỷ".
fn distinctive(f: &Figure) -> bool {
    let digits = f.value().normalize().to_string().chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    digits.trim_start_matches('0').trim_end_matches('0').len() >= 4 || digits.trim_start_matches('0').len() >= 5
}
