//! What a figure measures: the indicator phrase before it, its normalised key (for comparing
//! claims across the report), and the period it is stated for.

use super::Figure;
use crate::grammar::{Cue, Kind, PeriodKind, Sep, Token};
use crate::layout::describe;
use crate::lexicon::lexicon;
use crate::text::{lower, squash};

/// The words naming what a figure measures: from the last boundary before it to the verb.
pub(super) fn indicator(toks: &[Token], text: &str, low: &str, floor_tok: usize, at: usize, floor_byte: usize) -> (String, usize) {
    let fig_start = toks.get(at).map(|t| t.start).unwrap_or(text.len());
    let mut start = floor_byte.min(fig_start);
    // The ":" or "(" the name was cut at: the name may stand before it.
    let mut opener_before: Option<usize> = None;
    // "dạy nghề thường xuyên (dưới 3 tháng) cho 221 người": the name stands before a
    // parenthesis followed only by filler; where that parenthesis opens.
    let mut before_paren: Option<usize> = None;
    let filler_only = |s: &str| crate::lexicon::plain_words(s).split(' ').all(|w| w.is_empty() || lexicon().indicator_filler.contains(w));
    let mut j = at;
    while j > floor_tok {
        j -= 1;
        let t = toks[j];
        match t.kind {
            Kind::Sep(Sep::Close) if before_paren.is_none() && filler_only(&low[t.end..fig_start]) => {
                // The "(" of this ")", with no other parenthesis between (a nested one: give up).
                let open = (floor_tok..j).rev().find(|&k| matches!(toks[k].kind, Kind::Sep(Sep::Open | Sep::Close))).filter(|&k| toks[k].kind == Kind::Sep(Sep::Open));
                // "Thu ngân sách nhà nước (không kể tiền sử dụng đất) đạt 980 tỷ đồng": a
                // parenthesis that narrows the indicator is part of its name.
                let narrows = open.is_some_and(|k| lexicon().indicator_names.narrowing.iter().any(|w| crate::lexicon::has_word(&low[toks[k].end..t.start], w)));
                match open {
                    // Read on before it, the parenthesis kept in the name.
                    Some(k) if narrows => j = k,
                    Some(k) => {
                        before_paren = Some(toks[k].start);
                        j = k;
                    }
                    None => {
                        start = t.end;
                        break;
                    }
                }
            }
            // "Giá trị sản xuất nông, lâm nghiệp, thủy sản đạt …": a comma inside a noun
            // phrase is crossed when what follows it is only a word or two.
            // A figure right after the comma is the next item of a list, not the rest of a name.
            Kind::Sep(Sep::Comma) if j > floor_tok && (1..=2).contains(&trim_verbs(&text[t.end..fig_start], &low[t.end..fig_start]).split_whitespace().count()) => {}
            Kind::Sep(Sep::Semicolon | Sep::Stop | Sep::Close | Sep::Comma | Sep::Newline) => {
                start = t.end;
                break;
            }
            // "Chi đầu tư: 31.926 triệu đồng", "Số lao động được đào tạo nghề (đạt 88,4% KH
            // giao)": the name may stand before the colon or the parenthesis.
            Kind::Sep(Sep::Colon | Sep::Open) => {
                opener_before = Some(t.start);
                start = t.end;
                break;
            }
            Kind::Cue(Cue::Breakdown | Cue::Compare) => {
                start = t.end;
                break;
            }
            _ => {}
        }
    }
    let end = before_paren.unwrap_or(fig_start);
    let mut name = trim_verbs(&text[start.min(end)..end], &low[start.min(end)..end]);
    let mut name_start = start;
    if name.trim().is_empty() {
        if let Some(c) = opener_before {
            let mut s = 0;
            let mut after_figure = false;
            for t in toks[..j].iter().rev() {
                if matches!(t.kind, Kind::Sep(Sep::Semicolon | Sep::Stop | Sep::Open | Sep::Close | Sep::Comma | Sep::Colon) | Kind::Cue(Cue::Breakdown)) || matches!(t.kind, Kind::Figure(_)) {
                    s = t.end;
                    after_figure = matches!(t.kind, Kind::Figure(_));
                    break;
                }
            }
            // "54,4 ha (48 ha …)": a parenthesis right after a figure annotates it; its
            // figures have no name before it.
            let paren = toks.get(j).is_some_and(|t| t.kind == Kind::Sep(Sep::Open));
            if !(paren && after_figure) {
                name = trim_verbs(&text[s.min(c)..c], &low[s.min(c)..c]);
                name_start = s;
            }
        }
    }
    (name, name_start)
}

/// Drops the verbs, qualifiers and periods around an indicator: "… 9 tháng đầu năm ước đạt".
pub(super) fn trim_verbs(orig: &str, low: &str) -> String {
    let words = &lexicon().indicator_names;
    let mut end = orig.len();
    loop {
        let l = low[..end].trim_end_matches([' ', ',', ':', '-', '–']);
        let cut = words.trailing.iter().find(|w| l.ends_with(w.as_str()) && (l.len() == w.len() || l[..l.len() - w.len()].ends_with(' ')));
        end = l.len() - cut.map_or(0, |w| w.len());
        if cut.is_none() {
            break;
        }
    }
    let mut s = &orig[..end];
    // "chuẩn bị ao nuôi với tổng diện tích thủy sản": the name follows the last "với" (but
    // "lượt khách du lịch đến với thành phố" is one name).
    if let Some(from) = restart(&low[..end], words) {
        if !low[from..end].trim().is_empty() {
            s = &orig[from..end];
        }
    }
    let mut s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "… và 15/28 trường": a conjunction opens the clause, it does not name anything; nor
    // does "Phấn đấu" opening a target.
    for lead in &words.leading {
        let head = s.get(..lead.len()).filter(|h| crate::text::lower(h) == *lead);
        if let Some(rest) = head.and_then(|h| s[h.len()..].strip_prefix(' ')) {
            s = rest;
        }
    }
    squash(s)
}

/// Where a name starts anew: right after the last `restart` word of `head` that no
/// `restart_kept` phrase ends with.
fn restart(head: &str, words: &crate::lexicon::NameWords) -> Option<usize> {
    let kept = |upto: &str| {
        words.restart_kept.iter().any(|k| upto.strip_suffix(k.as_str()).is_some_and(|before| before.is_empty() || before.ends_with(' ')))
    };
    words
        .restart
        .iter()
        .filter_map(|w| {
            let pat = format!(" {w} ");
            head.rmatch_indices(&pat).map(|(at, _)| at).find(|&at| !kept(&head[..at + pat.len() - 1])).map(|at| at + pat.len())
        })
        .max()
}

/// When nothing precedes a figure, the noun after it names it ("tiêm 5.500 liều vắc-xin").
pub(super) fn following_noun(text: &str, f: &Figure) -> String {
    // For a ratio's numerator, the noun follows the denominator: "7/7 xã, phường".
    // Only a denominator's few digits are skipped: a "1/2/3/…" chain has no noun, and trimming
    // all of it after every figure made such a chain quadratic.
    let after = &text[f.block_end..];
    let skip = after.find(|c: char| c != '/' && !c.is_ascii_digit() && c != '.').unwrap_or(after.len());
    if skip > 32 {
        return String::new();
    }
    // "28 đơn vị trường học và 07 đơn vị …": a figure after a conjunction is the next item;
    // the noun ends before the conjunction.
    let conjunctions = &lexicon().conjunctions;
    let joined = |before: &str| before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next()).is_some_and(|w| conjunctions.iter().any(|c| c == w));
    let noun = words_until(&after[skip..], NOUN_WORDS, |r, i, c| CLAUSE_ENDS.contains(&c) || (c.is_ascii_digit() && joined(&r[..i])));
    let (head, last) = noun.rsplit_once(' ').unwrap_or(("", noun.as_str()));
    if conjunctions.iter().any(|c| c == last) { head.to_owned() } else { noun }
}

/// How many words after a figure name it.
const NOUN_WORDS: usize = 6;

/// How many words after a share written first name it ("81,8% khu dân cư đạt chuẩn văn
/// hóa"): its whole clause, within reason.
const SHARE_NOUN_WORDS: usize = 16;

/// What ends the words that name a figure after it.
const CLAUSE_ENDS: [char; 6] = [',', ';', '.', '(', ')', ':'];

/// The clause after a share written before its noun: "98% cơ quan, đơn vị đạt chuẩn văn hóa,
/// 91,2% hộ gia đình …" names the first share "cơ quan, đơn vị đạt chuẩn văn hóa": a comma ends
/// it only before the next figure.
pub(super) fn share_noun(text: &str, f: &Figure) -> String {
    let figure_at = |r: &str| r.trim_start().starts_with(|d: char| d.is_ascii_digit());
    let ends = |rest: &str, i: usize, c: char| {
        let after = &rest[i + c.len_utf8()..];
        // "…, 85% xã" and "… và 85% xã": the next share.
        match c {
            ',' => figure_at(after),
            ' ' => after.strip_prefix("và ").is_some_and(figure_at),
            _ => CLAUSE_ENDS.contains(&c),
        }
    };
    let noun = words_until(text.get(f.block_end..).unwrap_or(""), SHARE_NOUN_WORDS, ends);
    // "100% dân số được dùng nước hợp vệ sinh, trong đó: …": the list's cue is not the name's.
    let b = &lexicon().breakdowns;
    let cut = noun.rfind(',').filter(|&k| {
        let after = lower(noun[k + 1..].trim());
        b.subset.iter().chain(&b.complete).any(|w| *w == after)
    });
    cut.map_or(noun.as_str(), |k| &noun[..k]).trim_end_matches(',').to_owned()
}

/// The words of `rest` up to the character `ends` says ends them, `max` words at most.
/// Scanning stops at the last word allowed: scanning on to the next comma made a long table
/// row (no commas) quadratic.
fn words_until(rest: &str, max: usize, ends: impl Fn(&str, usize, char) -> bool) -> String {
    let (mut end, mut words, mut in_word) = (rest.len(), 0, false);
    for (i, c) in rest.char_indices() {
        if ends(rest, i, c) {
            end = i;
            break;
        }
        if c.is_whitespace() {
            words += usize::from(in_word);
            in_word = false;
            if words == max {
                end = i;
                break;
            }
        } else {
            in_word = true;
        }
    }
    squash(&rest[..end].split_whitespace().take(max).collect::<Vec<_>>().join(" "))
}

/// For each token, the last token before it that decides a figure's period (a full stop, a
/// period, "trong tháng"), found in one pass so that a sentence of any length costs its length.
pub(super) fn period_markers(toks: &[Token], low: &str) -> Vec<Option<usize>> {
    let mut last = None;
    // The period of the first figure of the sentence: what a "Trong đó" sentence goes on with
    // (not a comparison's year stated later: "…, tăng 20% so với năm 2024. Trong đó, …").
    let mut first_figure: Option<Option<usize>> = None;
    let mut out = Vec::with_capacity(toks.len() + 1);
    // The period before each open parenthesis: "(năm 2024: 950 ha)" dates what is inside it,
    // not the clause after it.
    let mut before_paren: Vec<Option<usize>> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        out.push(last);
        if matches!(t.kind, Kind::Figure(_)) && first_figure.is_none() {
            first_figure = Some(last);
        }
        match t.kind {
            Kind::Sep(Sep::Open) => before_paren.push(last),
            Kind::Sep(Sep::Close) => {
                if let Some(b) = before_paren.pop() {
                    last = b;
                }
                continue;
            }
            _ => {}
        }
        // "tăng 40 ha so với năm 2024": the year compared with, not the one stated.
        let compared = matches!(t.kind, Kind::Period(_)) && i > 0 && toks[i - 1].kind == Kind::Cue(Cue::Compare);
        if compared {
            continue;
        }
        // "Tính chung 6 tháng, … tăng 7,4%. Trong đó, ngành khai khoáng giảm 6,3%": a sentence
        // that opens with a breakdown goes on with the period of the one before.
        let goes_on = t.kind == Kind::Sep(Sep::Stop) && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Cue(Cue::Breakdown));
        // "đào tạo nghề (dưới 3 tháng)": a length of time, not a period.
        let duration = matches!(t.kind, Kind::Period(p) if matches!(p.kind, PeriodKind::Months { .. }))
            && i > 0
            && toks[i - 1].kind == Kind::Cue(Cue::Qualifier)
            && low.get(toks[i - 1].start..toks[i - 1].end).is_some_and(|w| lexicon().duration_bounds.iter().any(|b| b == w));
        if goes_on {
            last = first_figure.unwrap_or(last);
        } else if matches!(t.kind, Kind::Sep(Sep::Stop) | Kind::Cue(Cue::Monthly) | Kind::Period(_)) && !duration {
            last = Some(i);
        }
        if t.kind == Kind::Sep(Sep::Stop) {
            first_figure = None;
        }
    }
    out.push(last);
    out
}

/// The period of a figure at token `at`: the nearest period stated before it in its sentence
/// (or in the sentence before, for one that opens with "Trong đó"),
/// "month" after "trong tháng", else the report's own ("doc"). `markers` is `period_markers`.
pub(super) fn claim_period(toks: &[Token], markers: &[Option<usize>], at: usize, year: Option<u16>, doc_period: Option<&str>) -> String {
    let Some(t) = markers.get(at).copied().flatten().and_then(|m| toks.get(m)) else { return "doc".into() };
    match t.kind {
        Kind::Cue(Cue::Monthly) => "month".into(),
        Kind::Period(p) => {
            let described = describe(p.kind, p.year.or(year));
            if Some(described.as_str()) == doc_period {
                return "doc".into();
            }
            if let PeriodKind::Months { .. } | PeriodKind::Year = p.kind {
                // "9 tháng đầu năm" with the report's own year is the report's period.
                if doc_period.is_some_and(|d| d.starts_with(described.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end())) {
                    return "doc".into();
                }
            }
            described
        }
        _ => "doc".into(),
    }
}

/// An indicator's key: lowercase, abbreviations expanded, filler and punctuation dropped, so
/// "tổng giá giá trị SXCN và TTCN" and "Tổng giá trị sản xuất công nghiệp - tiểu thủ công
/// nghiệp" compare equal.
pub fn key(indicator: &str) -> String {
    let lex = lexicon();
    let mut s = String::with_capacity(indicator.len());
    // Expand abbreviations on the original case (they are written in capitals).
    for (i, word) in indicator.split(|c: char| c.is_whitespace() || "(),;:".contains(c)).enumerate() {
        if i > 0 {
            s.push(' ');
        }
        match lex.expansion(word) {
            Some(e) => s.push_str(e),
            None => s.push_str(word),
        }
    }
    let l = lower(&s);
    let l = l.replace(['-', '–', '/', '.', ',', '*', '"', '“', '”'], " ");
    // Periods are not part of what is measured.
    let l = crate::grammar::tokens(&l).iter().rev().fold(l.clone(), |mut acc, t| {
        if matches!(t.kind, Kind::Period(_) | Kind::Cue(Cue::Cumulative | Cue::Monthly | Cue::Qualifier)) {
            acc.replace_range(t.start..t.end, " ");
        }
        acc
    });
    // Filler, and the place ("trên địa bàn huyện"): a report is about one place.
    let filler = &lex.indicator_names.key_filler;
    let mut words: Vec<&str> = Vec::new();
    let mut all = l.split_whitespace().peekable();
    while let Some(w) = all.next() {
        // "3 sao": a grade's number is part of the name.
        let number = w.chars().all(|c| c.is_ascii_digit()) && !all.peek().is_some_and(|next| lex.grades(next));
        if filler.iter().any(|f| f == w) || number {
            continue;
        }
        // "giá giá trị": a doubled word is a typo, not a different indicator.
        if words.last() == Some(&w) {
            continue;
        }
        words.push(w);
    }
    words.join(" ")
}

