//! Breakdowns: a total and its parts, introduced by a cue ("trong đó", "gồm", "phân theo"), a
//! bare parenthesis of labelled amounts, or a footnote that lists the parts.

use super::{Cand, Figure};
use crate::grammar::{Cue, Kind, Sep, Token};
use crate::lexicon::lexicon;

pub(super) struct FoundBreakdown {
    pub(super) total: Option<usize>,
    pub(super) parts: Vec<usize>,
    pub(super) exhaustive: bool,
    pub(super) open_ended: bool,
    pub(super) subset_cue: bool,
    /// The cue word that introduced the list ("gồm", "trong đó"); empty for a bare parenthesis.
    pub(super) cue: String,
    /// The other count nouns written with the total ("27 cán bộ, công chức, viên chức"), read
    /// once, in the total's own block: parts counted in them are parts.
    pub(super) counted_with: Vec<String>,
}

/// Whether "bình quân"/"trung bình" stands right before a figure's token, as an average per
/// unit: "dân số trung bình" is a population (the lexicon's `averages.levels`), a total like
/// any other.
fn averaged(toks: &[Token], low: &str, at: usize) -> bool {
    toks[..at].iter().rev().take(3).any(|t| {
        t.kind == Kind::Cue(Cue::Average)
            && !lexicon().averages.levels.iter().any(|l| low.get(..t.end).is_some_and(|b| b.ends_with(l.as_str())))
    })
}

/// The parts a sentence-initial "Trong đó, …" list goes on with in the sentences after it
/// (ending at token `end`): each next sentence that opens with the first two words of the first
/// part's label and holds exactly one amount of the total's measure at the top level. Returns
/// each part with the token where its sentence ends.
#[allow(clippy::too_many_arguments)]
fn next_sentence_parts(toks: &[Token], low: &str, cands: &[Cand], stop_after: &[usize], cue_end: usize, first: usize, end: usize, tunit: &Option<crate::lexicon::Unit>) -> Vec<(usize, usize)> {
    let label = low.get(cue_end..cands[first].fig.block_start).unwrap_or("");
    let lead: Vec<&str> = label.split(|c: char| !crate::text::is_word_char(c)).filter(|w| !w.is_empty()).take(2).collect();
    let mut out = Vec::new();
    let mut end = end;
    if lead.len() < 2 {
        return out;
    }
    while toks.get(end).is_some_and(|t| matches!(t.kind, Kind::Sep(Sep::Stop))) {
        let from = toks[end].end;
        let words: Vec<&str> = low[from..].split(|c: char| !crate::text::is_word_char(c)).filter(|w| !w.is_empty()).take(2).collect();
        let next_end = stop_after.get(end + 1).copied().unwrap_or(toks.len());
        let upto = toks.get(next_end).map_or(low.len(), |t| t.start);
        let amounts: Vec<usize> = (0..cands.len())
            .filter(|&k| cands[k].fig.block_start >= from && cands[k].fig.block_start < upto && cands[k].depth == 0)
            .filter(|&k| cands[k].fig.role.is_amount() && !cands[k].fig.is_percent() && cands[k].fig.unit.is_some())
            .collect();
        let alike = |k: usize| cands[k].fig.unit.as_ref().zip(tunit.as_ref()).is_some_and(|(u, t)| u.comparable(t));
        let Some(&one) = amounts.first().filter(|_| amounts.len() == 1) else { break };
        // Another period ("Thu nội địa năm 2024 đạt …", "… cùng kỳ năm trước đạt …", "lũy kế …")
        // or the first part named again is not a further part.
        let before = &toks[toks.partition_point(|t| t.start < from)..cands[one].tok_start.min(toks.len())];
        let other_time = before.iter().any(|t| matches!(t.kind, Kind::Period(_) | Kind::Cue(Cue::SameTime | Cue::Cumulative)));
        let same_label = low.get(from..cands[one].fig.block_start).is_some_and(|l| words_of(l) == words_of(label));
        if words != lead || !alike(one) || other_time || same_label {
            break;
        }
        out.push((one, next_end));
        end = next_end;
    }
    out
}

/// How many figures before a parenthesis of items are looked at for its totals: a sentence of
/// many parentheses stays linear.
const TOTALS_BACK: usize = 32;

/// "(về trồng trọt: 5 lớp; về chăn nuôi: 4 lớp), còn lại là các lớp về thủy sản": the rest
/// named right after a parenthesis (`text` starts at its ")"), or after the list's sentence, is
/// not in it.
fn rest_follows(text: &str) -> bool {
    // Right after the parenthesis, or opening the next sentence ("…, 06 cán bộ bồi dưỡng. Còn
    // lại tham gia các lớp ngắn hạn.").
    let rest = &lexicon().breakdowns.remainder;
    if let Some(r) = text.strip_prefix(')') {
        let r = r.trim_start_matches([',', ';', ' ']);
        return rest.iter().any(|w| r.starts_with(w.as_str()));
    }
    // The next sentence's subject: "Còn lại …", "Các đơn còn lại …", "Số còn lại …".
    let Some(r) = text.strip_prefix('.') else { return false };
    let subject: String = r.split_whitespace().take(REST_SUBJECT_WORDS).collect::<Vec<_>>().join(" ");
    let subject = &subject[..subject.find([',', ';', '.', ':']).unwrap_or(subject.len())];
    rest.iter().any(|w| crate::lexicon::has_word(subject, w))
}

/// How many words open a sentence that names the rest of a list ("Các đơn còn lại …").
const REST_SUBJECT_WORDS: usize = 4;

/// "28 trường, 398 lớp, 497 phòng (Cấp Mầm non: 12 trường, 172 phòng, 127 lớp. Cấp Tiểu học:
/// 08 trường, …)": a parenthesis of items, each giving one amount of every measure counted
/// before it, breaks down each of those totals, measure by measure. `inside` are the counts in
/// the parenthesis, `before` the candidates before it.
#[allow(clippy::too_many_arguments)]
fn parallel(low: &str, cands: &[Cand], inside: &[usize], before: usize, open_at: usize, stop_after: &[usize], depth: usize, partial: bool) -> Vec<FoundBreakdown> {
    let noun = |k: usize| cands[k].fig.unit.as_ref().filter(|u| u.is_count());
    // Items end at a full stop or a semicolon between two amounts.
    let mut items: Vec<Vec<usize>> = Vec::new();
    for (i, &k) in inside.iter().enumerate() {
        let new_item = i == 0 || low.get(cands[inside[i - 1]].fig.block_end..cands[k].fig.block_start).is_some_and(|gap| gap.contains(". ") || gap.contains(';'));
        match items.last_mut() {
            Some(item) if !new_item => item.push(k),
            _ => items.push(vec![k]),
        }
    }
    let Some(first) = items.first() else { return Vec::new() };
    // Each item counts the same things, each once, in any order.
    let same = |a: usize, b: usize| noun(a).zip(noun(b)).is_some_and(|(x, y)| x.comparable(y));
    let alike = items.iter().all(|item| {
        item.len() == first.len() && first.iter().all(|&f| item.iter().filter(|&&k| same(k, f)).count() == 1)
    });
    if items.len() < 2 || first.len() < 2 || !alike || first.iter().any(|&k| noun(k).is_none()) {
        return Vec::new();
    }
    // The totals: the nearest amount of each measure before the parenthesis, in its sentence.
    let in_sentence = |k: usize| cands[k].depth == depth && stop_after.get(cands[k].tok_end).is_some_and(|&s| s >= open_at);
    first
        .iter()
        .filter_map(|&f| {
            let total = (0..before).rev().take(TOTALS_BACK).take_while(|&k| in_sentence(k) || cands[k].depth > depth).find(|&k| cands[k].depth == depth && same(k, f))?;
            let parts = items.iter().filter_map(|item| item.iter().copied().find(|&k| same(k, f))).collect();
            Some(FoundBreakdown { total: Some(total), parts, exhaustive: !partial, open_ended: partial, subset_cue: false, cue: String::new(), counted_with: Vec::new() })
        })
        .collect()
}

/// The words of a label, lowercase, punctuation dropped.
fn words_of(s: &str) -> Vec<&str> {
    s.split(|c: char| !crate::text::is_word_char(c)).filter(|w| !w.is_empty()).collect()
}

/// At most this many words between two amounts that are coordinated ("188 đơn khiếu nại và
/// 64 đơn tố cáo"): the rest of the first one's noun and a conjunction.
const JOINED_WORDS: usize = 4;

/// Whether the words between two amounts join them into one subject: a few words ending with
/// a comma or a conjunction, right before the second amount.
fn joins(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    words.len() <= JOINED_WORDS && (last.ends_with(',') || lexicon().conjunctions.iter().any(|c| c == last))
}

pub(super) fn find_breakdowns(toks: &[Token], low: &str, cands: &[Cand], carried: bool) -> Vec<FoundBreakdown> {
    let mut found = Vec::new();
    let amount = |c: &Cand| c.fig.role.is_amount() && !c.fig.is_percent();
    // One pass: the paren depth before each token, the matching ")" of each "(", and the end
    // of the sentence (or clause) after each token — so each breakdown costs what it spans.
    let n = toks.len();
    let mut depth_before = vec![0usize; n + 1];
    let mut close_of = vec![n; n];
    let mut stack: Vec<usize> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        depth_before[k + 1] = depth_before[k];
        match t.kind {
            Kind::Sep(Sep::Open) => {
                stack.push(k);
                depth_before[k + 1] += 1;
            }
            Kind::Sep(Sep::Close) => {
                if let Some(o) = stack.pop() {
                    close_of[o] = k;
                }
                depth_before[k + 1] = depth_before[k + 1].saturating_sub(1);
            }
            _ => {}
        }
    }
    let mut stop_after = vec![n; n + 1];
    let mut semi_after = vec![n; n + 1];
    for k in (0..n).rev() {
        stop_after[k] = stop_after[k + 1];
        semi_after[k] = semi_after[k + 1];
        let top = depth_before[k] == 0;
        match toks[k].kind {
            Kind::Sep(Sep::Stop) if top => stop_after[k] = k,
            Kind::Sep(Sep::Semicolon) if top => semi_after[k] = k,
            // A ")" closing more than was opened ends a list that started inside parentheses.
            Kind::Sep(Sep::Close) if top => {
                stop_after[k] = k;
                semi_after[k] = k;
            }
            _ => {}
        }
    }
    for (ti, t) in toks.iter().enumerate() {
        let (cue_kind, paren) = match t.kind {
            Kind::Cue(Cue::Breakdown) => (Some(&low[t.start..t.end]), ti > 0 && matches!(toks[ti - 1].kind, Kind::Sep(Sep::Open))),
            Kind::Sep(Sep::Open) => (None, true),
            _ => continue,
        };
        let colon_follows = toks.get(ti + 1).is_some_and(|n| matches!(n.kind, Kind::Sep(Sep::Colon)));
        if !paren && cue_kind.is_some_and(|c| lexicon().breakdowns.inline_only.iter().any(|w| w == c)) {
            continue;
        }
        // Where the list ends: the matching parenthesis, or the end of the sentence; without a
        // colon ("trong đó nguồn vốn … đạt 11.720 tỷ; tổng dư nợ …") at the end of the clause.
        let open_at = if paren { if cue_kind.is_some() { ti - 1 } else { ti } } else { ti };
        let end_tok = if paren {
            close_of[open_at]
        } else if depth_before[ti] == 0 {
            // "Trong đó: …; …." and a sentence that opens with "Trong đó, …; …": the list runs to
            // the end of the sentence, its parts separated by semicolons.
            let opens_sentence = ti == 0 || matches!(toks[ti - 1].kind, Kind::Sep(Sep::Stop | Sep::Semicolon));
            if colon_follows || opens_sentence { stop_after[ti] } else { stop_after[ti].min(semi_after[ti]) }
        } else {
            // Inside parentheses without its own: up to the enclosing ")".
            toks[ti..].iter().position(|x| matches!(x.kind, Kind::Sep(Sep::Close))).map(|p| ti + p).unwrap_or(n)
        };
        if cue_kind.is_none() {
            // A bare parenthesis: "(vốn đầu tư 2.791 triệu đồng; nguồn sự nghiệp 531 triệu đồng)".
            if toks.get(ti + 1).is_some_and(|n| matches!(n.kind, Kind::Cue(Cue::Breakdown))) {
                continue;
            }
        }
        let list_text = &low[t.end..toks.get(end_tok).map(|x| x.start).unwrap_or(low.len()).max(t.end)];
        // A colon after a figure opens a nested list ("riêng tháng 7 đạt 40,10 tỷ đồng, …:
        // …"); a label's colon ("Chè kinh doanh: 941 ha") comes before its item's figure.
        let nested_colon = list_text.split(':').next().is_some_and(|head| head.len() < list_text.len() && head.bytes().any(|b| b.is_ascii_digit()));
        if cue_kind.is_none() && (nested_colon || list_text.contains("riêng") || list_text.contains("trong đó")) {
            continue;
        }
        let outer_depth = depth_before[open_at];
        // The total: the last amount before the list, close by (same sentence, or the one
        // just before a sentence-initial "Trong đó:").
        let limit = open_at + usize::from(paren && cue_kind.is_none());
        let first_after = cands.partition_point(|c| c.tok_end <= limit);
        let total = cands[..first_after].iter().rposition(|c| amount(c) && c.depth <= outer_depth);
        let total = total.filter(|&k| {
            let between = &toks[cands[k].tok_end.min(open_at)..open_at];
            let stops = between.iter().filter(|x| matches!(x.kind, Kind::Sep(Sep::Stop))).count();
            let semis = between.iter().filter(|x| matches!(x.kind, Kind::Sep(Sep::Semicolon))).count();
            // "… tăng 6,56%; trong đó: …" and "… 327,1 tỷ đồng. Trong đó, …": a cue right after
            // the clause or sentence that states the total.
            let right_after = open_at > 0 && matches!(toks[open_at - 1].kind, Kind::Sep(Sep::Semicolon | Sep::Stop));
            let cue = cue_kind.is_some();
            (stops == 0 && semis == 0) || (cue && right_after && stops + semis == 1)
        });
        if total.is_none() && !(carried && cue_kind.is_some() && ti <= 1) {
            continue;
        }
        // "Bình quân mỗi xã đạt 8,6 tiêu chí": an average is no total.
        let total = total.filter(|&k| !averaged(toks, low, cands[k].tok_start)).map(|k| owned_by(low, cands, k, first_after));
        if total.is_none() && !(carried && cue_kind.is_some() && ti <= 1) {
            continue;
        }
        let tunit = total.and_then(|k| cands[k].fig.unit.clone());
        let mut also = total.map(|k| counted_with(low, cands[k].fig.block_end)).unwrap_or_default();
        // "07 đơn vị hành chính (05 phường, 02 xã)", "… gồm 7 huyện, 1 thị xã": a kind's members
        // are counted in their own nouns.
        if let Some(members) = total.and_then(|k| kind_members(low, &cands[k].fig)) {
            also.extend(members.iter().map(|m| format!("count:{m}")));
        }
        let inner_depth = outer_depth + usize::from(paren);
        let lo = cands.partition_point(|c| c.tok_start <= ti);
        let hi = cands.partition_point(|c| c.tok_start < end_tok);
        let parts: Vec<usize> = (lo..hi.max(lo))
            .filter(|&k| amount(&cands[k]) && cands[k].depth == inner_depth)
            .filter(|&k| match (&tunit, &cands[k].fig.unit) {
                // "21 giấy phép, trong đó: 10 giấy phép …, 02 giấy chứng nhận …": counts of one
                // head noun; "07 đơn vị hành chính (05 phường, 02 xã)": units of a count named
                // as what they are.
                // "27 cán bộ, công chức, viên chức, trong đó: … 09 công chức": counted in one of
                // the nouns named with the total.
                (Some(t), Some(u)) => t.comparable(u) || (t.is_count() && u.is_count() && (cue_kind.is_none() || also.contains(&u.dimension))),
                (None, Some(_)) => true,
                _ => false,
            })
            .collect();
        // A bare parenthesis is a breakdown only with at least two amounts in it, or one named
        // as a share of a partition ("140 người (Nữ 50 người)").
        let partition_part = || {
            let label = low.get(t.end..cands[parts[0]].fig.block_start).unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
            lexicon().tables.partitions.iter().flatten().any(|w| w == label)
        };
        if parts.is_empty() || (cue_kind.is_none() && parts.len() < 2 && !partition_part()) {
            continue;
        }
        let (mut parts, mut end_tok) = (parts, end_tok);
        // "Trong đó, doanh thu bán lẻ đạt … . Doanh thu khách sạn đạt … . Doanh thu du lịch
        // đạt …": the next sentences that open with the first part's leading words and state one
        // amount of the total's measure are parts too, while together they stay within it.
        let sentence_list = cue_kind.is_some() && !paren && !colon_follows && depth_before[ti] == 0 && toks.get(end_tok).is_some_and(|x| matches!(x.kind, Kind::Sep(Sep::Stop)));
        if let (true, Some(k)) = (sentence_list, total) {
            let room = cands[k].fig.base_value().checked_mul(rust_decimal::Decimal::new(101, 2)).unwrap_or(rust_decimal::Decimal::MAX);
            let mut sum = parts.iter().try_fold(rust_decimal::Decimal::ZERO, |a, &p| a.checked_add(cands[p].fig.base_value())).unwrap_or(rust_decimal::Decimal::MAX);
            // The parts go on while they stay within the total ("Doanh thu cả năm …" after them
            // is no part).
            for (p, end) in next_sentence_parts(toks, low, cands, &stop_after, t.end, parts[0], end_tok, &tunit) {
                sum = sum.checked_add(cands[p].fig.base_value()).unwrap_or(rust_decimal::Decimal::MAX);
                if sum > room {
                    break;
                }
                parts.push(p);
                end_tok = end;
            }
        }
        // "4 trường … gồm: Trường A, Trường B …; 6 trường …": a list of names ends at its first
        // semicolon, and what follows is not its parts.
        if low.get(t.end..cands[parts[0]].fig.block_start).is_some_and(|gap| gap.contains(';')) {
            continue;
        }
        // "188 đơn khiếu nại và 64 đơn tố cáo; trong đó …": two totals joined before the list,
        // the parts of both after it; which part is whose is not certain. A total with its own
        // subject ("…, còn lại 412 giấy chứng nhận (trong đó …)", "…, lũy kế giải ngân đạt
        // 23.410 triệu đồng (trong đó: …)") is not joined to the amount before it.
        if let Some(k) = total {
            let clause_start = toks[..open_at].iter().rposition(|x| matches!(x.kind, Kind::Sep(Sep::Stop | Sep::Semicolon) | Kind::Cue(Cue::Breakdown)) && x.start < cands[k].fig.block_start).map(|i| toks[i].end).unwrap_or(0);
            let tu = cands[k].fig.unit.as_ref();
            // Candidates are in text order: only those back to the clause start are looked at.
            let rival = cands[..k].iter().rev().take_while(|c| c.fig.block_start >= clause_start).find(|c| amount(c) && c.depth == cands[k].depth && c.fig.unit.as_ref().zip(tu).is_some_and(|(a, b)| a.comparable(b)));
            let joined = rival.is_some_and(|r| low.get(r.fig.block_end..cands[k].fig.block_start).is_some_and(joins));
            if joined && cue_kind.is_some() {
                continue;
            }
        }
        let mut described_after = false;
        if cue_kind.is_none() {
            // Every part of a bare parenthesis must be labelled: by words before it, or, when
            // it counts what its total counts, by words after it in its item ("76 cơ sở (09 cơ
            // sở bị phạt tiền; 67 cơ sở bị nhắc nhở)"). "(12 trường, 172 phòng, 127 lớp)" lists
            // what one thing has, not parts.
            // Words before the parenthesis name the total, not its first part.
            let labelled_before = |p: usize| {
                let prev_end = if p == 0 { 0 } else { cands[p - 1].fig.block_end }.max(t.end);
                let s = cands[p].fig.block_start;
                low[prev_end.min(s)..s].chars().any(|c| c.is_alphabetic())
            };
            // A part counted in a noun named with the total is labelled by it ("05 phường").
            let own_noun = |p: usize| cands[p].fig.unit.as_ref().is_some_and(|u| also.contains(&u.dimension));
            let before: Vec<bool> = parts.iter().map(|&p| labelled_before(p) || own_noun(p)).collect();
            let labelled = parts.iter().zip(&before).all(|(&p, &before)| {
                let e = cands[p].fig.block_end;
                let next = cands.get(p + 1).map_or(low.len(), |c| c.fig.block_start).max(e);
                let item = low[e..next].split([';', ',', ')']).next().unwrap_or("");
                let same_noun = tunit.as_ref().zip(cands[p].fig.unit.as_ref()).is_some_and(|(t, u)| t.comparable(u));
                before || (same_noun && item.chars().any(|c| c.is_alphabetic()))
            });
            // Labels after the amounts as often list attributes of the total ("76 cơ sở (45 cơ
            // sở ăn uống; 20 cơ sở có vi phạm)") as its parts: such a list is not complete by
            // its parenthesis alone.
            described_after = before.contains(&false);
            if !labelled {
                let closed = toks.get(end_tok).map_or(low.len(), |x| x.start);
                let partial = rest_follows(low.get(closed..).unwrap_or(""));
                found.extend(parallel(low, cands, &parts, first_after, open_at, &stop_after, outer_depth, partial));
                continue;
            }
        }
        let tail_start = parts.last().map(|&p| cands[p].fig.block_end).unwrap_or(0);
        let tail_end = toks.get(end_tok).map(|x| x.start).unwrap_or(low.len());
        let tail = &low[tail_start.min(tail_end)..tail_end];
        let head_end = parts.first().map(|&p| cands[p].fig.block_start).unwrap_or(t.end).max(t.end);
        let head = &low[t.end..head_end];
        let words = &lexicon().breakdowns;
        // "… bảy lá một hoa 10,8 ha...": the dots that trail the list end its sentence too;
        // "(…), còn lại là các lớp về thủy sản": the rest, named after a parenthesis, is not
        // in it.
        let trailing = low.get(tail_end..).unwrap_or("");
        let trails_off = rest_follows(trailing) || words.partial_after.iter().any(|w| tail.contains(w.as_str()) || (!w.chars().any(char::is_alphanumeric) && trailing.starts_with(w.as_str())));
        let open_ended = trails_off || words.partial_before.iter().any(|w| crate::lexicon::has_word(head, w));
        let cue = cue_kind.unwrap_or("");
        let subset_cue = words.subset.iter().any(|w| w == cue);
        // A bare parenthesis lists all its total has, unless it names one part of a partition.
        let bare = cue.is_empty() && parts.len() > 1 && !described_after;
        let exhaustive = !open_ended && (bare || words.complete.iter().any(|w| w == cue));
        found.push(FoundBreakdown { total, parts, exhaustive, open_ended, subset_cue, cue: cue.to_owned(), counted_with: also });
    }
    // A footnote that only lists amounts ("Cấp 05 giấy phép …; 04 giấy phép …; 01 giấy phép …",
    // "Dự án do UBND làm chủ đầu tư: 10 dự án. Dự án ngành Điện: 09 dự án.") breaks down the
    // figure its marker follows, though no cue word says so. It is read as a partial list, one
    // amount per item.
    if carried && found.is_empty() && !toks.first().is_some_and(|t| matches!(t.kind, Kind::Cue(Cue::Breakdown))) {
        let parts: Vec<usize> = (0..cands.len()).filter(|&k| amount(&cands[k]) && cands[k].depth == 0 && cands[k].fig.unit.is_some()).collect();
        // Items end at a semicolon or a full stop (not the dots of "10.086.000").
        let items = low.split(';').flat_map(|s| s.split(". ")).filter(|s| !s.trim().trim_end_matches('.').trim().is_empty()).count();
        if parts.len() >= 2 && items == parts.len() {
            found.push(FoundBreakdown { total: None, parts, exhaustive: false, open_ended: false, subset_cue: false, cue: String::new(), counted_with: Vec::new() });
        }
    }
    // A part belongs to the innermost breakdown that lists it.
    let mut seen = rustc_hash::FxHashSet::default();
    found.sort_by_key(|b| std::cmp::Reverse(b.parts.first().copied().unwrap_or(0)));
    for b in found.iter_mut() {
        b.parts.retain(|p| seen.insert(*p));
    }
    found.retain(|b| !b.parts.is_empty());
    found.sort_by_key(|b| b.parts.first().copied().unwrap_or(0));
    found
}

/// "66 sản phẩm của 28 chủ thể (…; 56 sản phẩm 3 sao; 10 sản phẩm 4 sao)": an amount after
/// "của" says whose the amount before it is; a list that counts what that one counts breaks
/// it down. Returns the total's candidate: `k`, or the amount it belongs to.
fn owned_by(low: &str, cands: &[Cand], k: usize, first_after: usize) -> usize {
    let comparable = |a: &Cand, b: &Cand| a.fig.unit.as_ref().zip(b.fig.unit.as_ref()).is_some_and(|(x, y)| x.comparable(y));
    let Some(first) = cands.get(first_after) else { return k };
    let owner = k.checked_sub(1).filter(|&h| {
        let gap = low.get(cands[h].fig.block_end..cands[k].fig.block_start).unwrap_or("");
        cands[h].depth == cands[k].depth && crate::lexicon::plain_words(gap) == "của"
    });
    match owner {
        Some(h) if comparable(&cands[h], first) && !comparable(&cands[k], first) => h,
        _ => k,
    }
}

/// The members' count nouns of the kind a total counts ("07 đơn vị hành chính cấp xã"), by
/// the lexicon's `breakdowns.kinds`.
fn kind_members<'a>(low: &str, total: &Figure) -> Option<&'a [String]> {
    let unit = total.unit.as_ref().filter(|u| u.is_count())?;
    let counted = crate::text::lower(&unit.text);
    let after = low.get(total.block_end..)?;
    lexicon().breakdowns.kinds.iter().find_map(|k| {
        let (kind, members) = k.split_first()?;
        let rest = kind.strip_prefix(counted.as_str())?;
        (rest.is_empty() || after.starts_with(rest)).then_some(members)
    })
}

/// How many count nouns may follow a total's own ("27 cán bộ, công chức, viên chức").
const COUNTED_WITH: usize = 6;

/// "27 cán bộ, công chức, viên chức": the count nouns named with a total's after it (their
/// dimensions), so that parts counted in any of them ("10 viên chức") are its parts.
fn counted_with(low: &str, end: usize) -> Vec<String> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut i = end;
    for _ in 0..COUNTED_WITH {
        let Some(rest) = low.get(i..) else { break };
        let Some(skip) = crate::lexicon::joiner_len(rest) else { break };
        let j = i + skip;
        // Units are read on the lowercase text: only their dimension is kept.
        match low.get(j..).and_then(|l| lex.unit_at(l, l)) {
            Some((u, len)) if u.is_count() => {
                out.push(u.dimension);
                i = j + len;
            }
            _ => break,
        }
    }
    out
}
