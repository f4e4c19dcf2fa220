//! Finding the figures of a block: numbers with their units, ratios paired, and what is not a
//! figure (list labels, names with digits, years, document numbers) left out.

use rust_decimal::Decimal;

use super::{Cand, Figure, FigureRole};
use crate::grammar::{Kind, Number, Sep, Token};
use crate::layout::Block;
use crate::lexicon::{lexicon, Unit};
use crate::model::Qualifier;

/// Every figure of a block, with its unit; ratios `a/b` paired.
pub(super) fn figures(block: &Block, text: &str, low: &str, toks: &[Token]) -> Vec<Cand> {
    let lex = lexicon();
    let mut out: Vec<Cand> = Vec::new();
    let mut consumed = 0usize;
    let mut depth = 0usize;
    let mut sentence = 0usize;
    // "0.850 tỷ đồng" can only be a decimal: a paragraph that writes one uses the dot for
    // decimals, so its "1.250 tỷ đồng" is 1,25 too.
    let dot_decimals = toks.iter().any(|t| matches!(t.kind, Kind::Figure(_)) && zero_point(&low[t.start..t.end]));
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        match t.kind {
            Kind::Sep(Sep::Open) => depth += 1,
            Kind::Sep(Sep::Close) => depth = depth.saturating_sub(1),
            Kind::Sep(Sep::Stop) if depth == 0 => sentence += 1,
            _ => {}
        }
        let Kind::Figure(number) = t.kind else {
            i += 1;
            continue;
        };
        let number = match dot_decimals.then(|| one_group(&low[t.start..t.end])).flatten() {
            Some(decimal) => Number { value: decimal, ambiguous: false },
            None => number,
        };
        // "12. Làm tốt …", "(4)": the label of a list item, not a figure.
        let label = text[..t.start].trim_start_matches(['-', '+', '(', ' ']).is_empty() && low[t.end..].starts_with(['.', ')']);
        if t.start < consumed || !stands_alone(text, t.start) || label {
            i += 1;
            continue;
        }
        let unit = lex.unit_at(&text[t.end..], &low[t.end..]).filter(|u| !names_place(&text[t.end..], u.1));
        let mut end = t.end + unit.as_ref().map(|u| u.1).unwrap_or(0);
        let mut unit = unit.map(|u| u.0);
        if unit.as_ref().is_some_and(|u| u.dimension == "time" && matches!(u.text.as_str(), "tháng" | "năm" | "quý")) {
            // "50 năm Ngày giải phóng (30/4/1975 - 30/4/2025)": years elapsed, with the years.
            let span = unit.as_ref().filter(|u| u.text == "năm").and_then(|_| elapsed_span(text, toks, toks.partition_point(|x| x.start < end)));
            if let Some((first, last, close)) = span {
                let tok_end_of = |e: usize| toks.partition_point(|x| x.start < e);
                let year = |(s, e): (usize, usize)| text[s..e].parse::<u16>().ok().map(|y| (Number { value: Decimal::from(y), ambiguous: false }, s, e));
                if let (Some(y1), Some(y2)) = (year(first), year(last)) {
                    let mut push = |role, number, s: usize, e: usize, unit: Option<Unit>| {
                        let fig = plain_figure(block, text, role, number, s, e, unit);
                        out.push(Cand { fig, tok_start: tok_end_of(s), tok_end: tok_end_of(e), depth, sentence, range: false });
                    };
                    push(FigureRole::Elapsed, number, t.start, end, unit);
                    push(FigureRole::Year, y1.0, y1.1, y1.2, None);
                    push(FigureRole::Year, y2.0, y2.1, y2.2, None);
                    consumed = toks[close].end;
                    i = close;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        // "7,5-8,0%", "5-7 lá", "6.500 - 7.200 đồng/kg": a range, each end a bound in the
        // unit written after the second.
        if let Some((k, high, range_unit, high_end)) = range_after(text, low, toks, i).filter(|_| unit.is_none()) {
            let tok_end_of = |e: usize| toks.partition_point(|x| x.start < e);
            for (n, s, e, q) in [(number, t.start, t.end, Qualifier::Above), (high, toks[k].start, high_end, Qualifier::Below)] {
                let mut fig = plain_figure(block, text, FigureRole::Other, n, s, e, range_unit.clone());
                fig.qualifier = Some(q);
                out.push(Cand { fig, tok_start: tok_end_of(s), tok_end: tok_end_of(e), depth, sentence, range: true });
            }
            consumed = high_end;
            i = tok_end_of(high_end);
            continue;
        }
        let ratio_next = slash_then_digit(low, t.end).is_some();
        // "trong tổng số 398 xóm": a number right after "out of" words is a whole, not a label.
        let out_of = i > 0 && toks[i - 1].kind == Kind::Cue(crate::grammar::Cue::OutOf);
        if unit.is_none() && !ratio_next && !out_of && !worth_keeping(text, low, t.start, t.end, &number) {
            i += 1;
            continue;
        }
        // a/b: a ratio when both sides measure the same thing ("21/28 trường",
        // "6.847 triệu đồng/30.766 triệu đồng"), two values otherwise ("02 vụ/02 đối tượng").
        let mut denom: Option<(Number, usize, usize, Option<Unit>, usize)> = None;
        // "38 xã /96 xã", "6.847 triệu đồng/30.766 triệu đồng"; not "1,3%/1,3%", which sets an
        // actual against its target.
        let den_at = slash_then_digit(low, end).filter(|_| !unit.as_ref().is_some_and(|u| u.is_percent()));
        // "709 giáo viên đạt chuẩn/725 tổng số giáo viên": a count, a few words of what it
        // counts, then the whole, counted in the same noun.
        let qualified = den_at.is_none().then(|| qualified_slash(low, end, unit.as_ref())).flatten();
        if let Some(at) = den_at.or(qualified) {
            let j = toks.partition_point(|x| x.start < at);
            if let Some(j) = Some(j).filter(|&j| toks.get(j).is_some_and(|x| x.start == at && matches!(x.kind, Kind::Figure(_)))) {
                if let Kind::Figure(dn) = toks[j].kind {
                    let after = toks[j].end;
                    let du = lex.unit_at(&text[after..], &low[after..]);
                    // "/725 tổng số giáo viên": the whole's unit after "tổng số".
                    let du = du.or_else(|| {
                        let rest = &low[after..];
                        let skip = lex.whole_words.iter().find_map(|w| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(w.as_str())).map(|r| rest.len() - r.len()))?;
                        lex.unit_at(&text[after + skip..], &low[after + skip..]).map(|(u, l)| (u, l + skip))
                    });
                    let alike = qualified.is_none() || du.as_ref().zip(unit.as_ref()).is_some_and(|((d, _), n)| d.comparable(n));
                    if alike {
                        let dend = after + du.as_ref().map(|u| u.1).unwrap_or(0);
                        denom = Some((dn, toks[j].start, dend, du.map(|u| u.0), j));
                    }
                }
            }
        }
        let mk = |role: FigureRole, number: Number, s: usize, e: usize, unit: Option<Unit>| plain_figure(block, text, role, number, s, e, unit);
        let tok_end_of = |e: usize| toks.partition_point(|x| x.start < e);
        // "giải ngân đến 30/11 đạt 72%": a day and a month after "đến", "từ", "trước", not a
        // ratio nor two figures.
        if let Some((dn, _, de, None, _)) = &denom {
            if unit.is_none() && day_month(&number, dn) && date_word_before(low, t.start) {
                consumed = *de;
                i = tok_end_of(*de);
                continue;
            }
        }
        match denom {
            Some((dn, ds, de, du, _)) => {
                let same = match (&unit, &du) {
                    (Some(a), Some(b)) => a.dimension == b.dimension,
                    _ => true,
                };
                if same {
                    let shared = unit.clone().or(du.clone());
                    let nume = mk(FigureRole::RatioNumerator, number, t.start, end, unit.clone().or(du.clone()));
                    out.push(Cand { fig: nume, tok_start: i, tok_end: tok_end_of(de), depth, sentence, range: false });
                    let den = mk(FigureRole::RatioDenominator, dn, ds, de, du.or(shared));
                    out.push(Cand { fig: den, tok_start: tok_end_of(ds), tok_end: tok_end_of(de), depth, sentence, range: false });
                    consumed = de;
                    i = tok_end_of(de);
                    continue;
                }
                let f = mk(FigureRole::Value, number, t.start, end, unit.take());
                out.push(Cand { fig: f, tok_start: i, tok_end: tok_end_of(end), depth, sentence, range: false });
                consumed = end;
                i += 1;
                continue;
            }
            None => {
                if unit.is_none() {
                    end = t.end;
                }
                let f = mk(FigureRole::Value, number, t.start, end, unit);
                out.push(Cand { fig: f, tok_start: i, tok_end: tok_end_of(end), depth, sentence, range: false });
                consumed = end;
            }
        }
        i += 1;
    }
    out
}

/// Whether a/b may be a day and a month: whole numbers, 1–31 and 1–12.
fn day_month(a: &Number, b: &Number) -> bool {
    let whole = |n: &Number, max: u8| n.value.scale() == 0 && n.value >= rust_decimal::Decimal::ONE && n.value <= rust_decimal::Decimal::from(max);
    whole(a, 31) && whole(b, 12)
}

/// Whether the text before `at` ends with a word that puts a date after it (the lexicon's
/// `date_before`: "đến", "từ", "tính đến").
fn date_word_before(low: &str, at: usize) -> bool {
    let before = low[..at].trim_end();
    lexicon().date_before.iter().any(|w| crate::lexicon::ends_with_word(before, w))
}

/// The other end of a range that starts at figure token `i`: the token index of the second
/// number, its value, the unit after it and where that unit ends. Only an ascending pair joined
/// by a dash alone ("3-1" is a score, not a range).
fn range_after(text: &str, low: &str, toks: &[Token], i: usize) -> Option<(usize, Number, Option<Unit>, usize)> {
    let (Kind::Figure(low_n), Some(dash), Some(next)) = (toks[i].kind, toks.get(i + 1), toks.get(i + 2)) else { return None };
    let Kind::Figure(high) = next.kind else { return None };
    if dash.kind != Kind::Sep(Sep::Dash) || dash.start != toks[i].end || next.start != dash.end || low_n.value >= high.value {
        return None;
    }
    // Not a date or a phone number ("15-3-2025", "0296-3852123"): the ends are alike in size,
    // neither starts with a zero, and no dash goes on after the second.
    let chained = toks.get(i + 3).is_some_and(|t| t.kind == Kind::Sep(Sep::Dash) && t.start == next.end) || (i > 0 && toks[i - 1].kind == Kind::Sep(Sep::Dash) && toks[i - 1].end == toks[i].start);
    let zero_led = |s: usize, e: usize| low[s..e].starts_with('0') && e - s > 1 && !low[s..e].starts_with("0,");
    let alike = low_n.value > rust_decimal::Decimal::ZERO && high.value <= low_n.value * rust_decimal::Decimal::TEN;
    if chained || zero_led(toks[i].start, toks[i].end) || zero_led(next.start, next.end) || !alike {
        return None;
    }
    let unit = lexicon().unit_at(&text[next.end..], &low[next.end..]);
    let end = next.end + unit.as_ref().map_or(0, |u| u.1);
    Some((i + 2, high, unit.map(|u| u.0), end))
}

/// A figure with nothing known yet beyond its role, number, span (in the block) and unit.
fn plain_figure(block: &Block, text: &str, role: FigureRole, number: Number, s: usize, e: usize, unit: Option<Unit>) -> Figure {
    let (start, end) = block.source_range(s, e);
    Figure {
        role,
        number,
        unit,
        qualifier: None,
        negative: false,
        exceeds: false,
        ratio_form: false,
        percent_implied: false,
        remainder: false,
        against: None,
        base: None,
        text: text[s..e].to_owned(),
        start,
        end,
        block_start: s,
        block_end: e,
        block: 0,
        sentence: 0,
        depth: 0,
        tok_start: 0,
        tok_end: 0,
    }
}

/// A byte range of the block text.
type Bytes = (usize, usize);

/// After "N năm", the dates of the span it counts: the first parenthesis of the sentence, when
/// it holds nothing but two dates or years joined by a dash ("(30/4/1975 - 30/4/2025)",
/// "(1930-2025)") and no other figure, period or date stands before it. Returns the byte
/// ranges of the two years and the index of the closing token.
fn elapsed_span(text: &str, toks: &[Token], from: usize) -> Option<(Bytes, Bytes, usize)> {
    let open = from + toks.get(from..)?.iter().position(|t| !matches!(t.kind, Kind::Cue(_) | Kind::Sep(Sep::Comma | Sep::Dash)))?;
    if toks[open].kind != Kind::Sep(Sep::Open) || toks[open].start.checked_sub(toks.get(from.checked_sub(1)?)?.end)? > 200 {
        return None;
    }
    let year_of = |t: &Token| {
        let s = text[t.start..t.end].trim_end();
        let e = t.start + s.len();
        (e >= t.start + 4 && s[s.len() - 4..].bytes().all(|b| b.is_ascii_digit())).then_some((e - 4, e))
    };
    let first_year = |t: &Token| (t.start + 4 <= t.end && text[t.start..t.start + 4].bytes().all(|b| b.is_ascii_digit())).then_some((t.start, t.start + 4));
    match toks.get(open + 1..)? {
        [a, d, b, c, ..] if a.kind == Kind::Date && d.kind == Kind::Sep(Sep::Dash) && b.kind == Kind::Date && c.kind == Kind::Sep(Sep::Close) => Some((year_of(a)?, year_of(b)?, open + 4)),
        [r, c, ..] if matches!(r.kind, Kind::Period(p) if p.kind == crate::grammar::PeriodKind::YearRange) && c.kind == Kind::Sep(Sep::Close) => Some((first_year(r)?, year_of(r)?, open + 2)),
        _ => None,
    }
}

/// Where the second number of "a/b" starts, when `/` (with at most a space on each side)
/// follows byte `at`.
/// After a count, up to four words and then "/" and a digit ("đạt chuẩn/725"): where the
/// digit starts. Words only: a comma or another figure between makes it no ratio.
fn qualified_slash(low: &str, at: usize, unit: Option<&Unit>) -> Option<usize> {
    unit.filter(|u| u.is_count())?;
    let rest = low.get(at..)?;
    let slash = rest.get(..rest.len().min(48))?.find('/')?;
    let words = &rest[..slash];
    let alpha = words.chars().all(|c| c.is_alphabetic() || c == ' ');
    let count = words.split_whitespace().count();
    (alpha && (1..=4).contains(&count) && words.starts_with(' ')).then_some(())?;
    slash_then_digit(low, at + slash)
}

fn slash_then_digit(low: &str, at: usize) -> Option<usize> {
    let rest = low.get(at..)?;
    let after_space = rest.strip_prefix(' ').unwrap_or(rest);
    let after_slash = after_space.strip_prefix('/')?;
    let digits = after_slash.strip_prefix(' ').unwrap_or(after_slash);
    digits.starts_with(|c: char| c.is_ascii_digit()).then(|| low.len() - digits.len())
}

/// "0.850", "0.0625": a number only the dot-decimal convention can write.
fn zero_point(s: &str) -> bool {
    s.strip_prefix("0.").is_some_and(|f| f.len() >= 3 && f.bytes().all(|b| b.is_ascii_digit()))
}

/// "1.250" (one group of three after a dot) read as a decimal, 1.250 with its three places.
fn one_group(s: &str) -> Option<Decimal> {
    let (int, frac) = s.split_once('.')?;
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    (digits(int) && int.len() <= 3 && frac.len() == 3 && digits(frac)).then(|| s.parse().ok()).flatten()
}

/// A number glued to letters ("Covid-19", "Khâu1") is part of a name.
pub(super) fn stands_alone(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let mut rev = before.chars().rev();
    match rev.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('-') | Some('–') => !rev.next().is_some_and(|c| c.is_alphabetic()),
        _ => true,
    }
}

/// "2 Huyện Ea Hleo 20.025": a capitalised place level before a capitalised name is the name
/// of a place (a table's row), not what the number counts.
fn names_place(after: &str, unit_len: usize) -> bool {
    let Some(word) = after.get(..unit_len) else { return false };
    let word = word.trim();
    word.starts_with(char::is_uppercase)
        && lexicon().place_levels.iter().any(|l| crate::text::lower(word) == *l)
        && after[unit_len..].trim_start_matches(' ').starts_with(char::is_uppercase)
}

/// A number without a unit is a figure only when the words around it say so.
pub(super) fn worth_keeping(text: &str, low: &str, start: usize, end: usize, n: &Number) -> bool {
    if n.ambiguous {
        return false;
    }
    // The word before, looked for in the last few dozen bytes only: a chain of numbers with no
    // space ("1/2/3/…") would be searched back to its start for every figure.
    let mut from = start.saturating_sub(64);
    while !low.is_char_boundary(from) {
        from -= 1;
    }
    let before = low[..start].trim_end();
    let near = &before[from.min(before.len())..];
    let prev_word = near.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let prev_orig = text[from..start].trim_end().rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    // "(4)", "số 6", "lần thứ 64", "khóa IV", "Phân khu 1", "ISO 9001"
    if before.ends_with('(') && low[end..].starts_with(')') {
        return false;
    }
    let prev = prev_word.trim_matches(|c: char| !c.is_alphanumeric());
    let lex = lexicon();
    if lex.numbering_words.iter().chain(&lex.bare_numbering_words).any(|w| w.rsplit(' ').next() == Some(prev)) {
        return false;
    }
    // "sản phẩm 3 sao": a grade.
    if lex.grades(&low[end..]) {
        return false;
    }
    // "bản Gia Khâu 1", "Phân khu I": a capitalised word inside a sentence names a place.
    let word_start = before.len() - prev_word.len();
    let sentence_start = low[..word_start].trim_end().is_empty() || low[..word_start].trim_end().ends_with(['.', ';', ':', '(', '-', '–', ',']);
    if prev_orig.chars().next().is_some_and(|c| c.is_uppercase()) && !before.ends_with(':') && !sentence_start {
        return false;
    }
    let v = n.value;
    if v.scale() == 0 && v >= Decimal::from(1900) && v <= Decimal::from(2100) {
        return false;
    }
    // "24/24 giờ" and similar fixed phrases come with units; a bare number after a verb or a
    // colon is a figure ("đạt 15", "Cấp MN: 12").
    true
}

