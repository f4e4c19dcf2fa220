//! A count against the names listed with it: "công nhận 03 xã: Tân Lập, Tân Hòa và Phú Mỹ",
//! "tại 04 trường (TH Số 1, TH Số 2, THCS Tân Phong, THCS Quyết Tiến)", "tại 02 xã Sùng Phài
//! và San Thàng". Read only when every item of the list is a name (capitalised, perhaps after
//! kind words: "xã", "phân khu"), no item holds a figure, and no word says the list names only
//! some ("như", "trong đó", "…"). A name may hold "và" ("Phòng Văn hóa và Thông tin") and a
//! group of names may share a qualifier ("A, B (huyện X); C (huyện Y)"), so the list counts
//! between its segments and its names split at every comma and "và".

use super::view::views;
use super::{Cue, Formula, Input, Relation, RelationKind};
use crate::claims::FigureRole;
use crate::lexicon::{boundary_after, lexicon, NamedLists};
use rust_decimal::Decimal;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let lex = lexicon();
    for v in views(input) {
        // Where measured figures start: a bare number may be part of a name ("Bản Nậm Loong 3").
        let starts: Vec<usize> = v.figs.iter().map(|&r| v.fig(r)).filter(|f| f.unit.is_some()).map(|f| f.block_start).collect();
        for &r in &v.figs {
            let f = v.fig(r);
            let counted = f.unit.as_ref().filter(|u| u.is_count());
            let plain = f.is_point();
            let small = f.value().scale() == 0 && f.value() >= Decimal::TWO && f.value() < Decimal::ONE_HUNDRED;
            let Some(unit) = counted.filter(|_| plain && small && matches!(f.role, FigureRole::Value | FigureRole::Other | FigureRole::Total)) else { continue };
            // Names may follow the noun itself only when it is a place ("02 xã Sùng Phài và San
            // Thàng"); "02 hộ Tân Lập" counts households of a place.
            let noun = crate::text::lower(&unit.text);
            let place = lex.place_levels.contains(&noun);
            let Some(list) = list_after(&v.block.text, &v.block.lower, f.block_end, &starts, &noun, place, &lex.named_lists) else { continue };
            let mut rel = Relation::new(RelationKind::NamedCount, Formula::Count { min: list.min, max: list.max }, r, Vec::new());
            rel.detail.names = list
                .names
                .iter()
                .map(|&(s, e)| {
                    let (start, end) = v.block.source_range(s, e);
                    Cue { text: v.block.text[s..e].to_owned(), start, end }
                })
                .collect();
            out.push(rel);
        }
    }
}

/// The names of a list: their byte ranges in the block, and how many they may be.
struct List {
    names: Vec<(usize, usize)>,
    min: usize,
    max: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// "(…)": the list ends at its closing parenthesis.
    Paren,
    /// ":" or an opening word: the list runs to the end of the sentence or of its names.
    Colon,
    /// Names right after the noun: they run while they are names.
    Direct,
}

/// The list of names that follows the count ending at byte `at`, if one does.
fn list_after(text: &str, low: &str, at: usize, figs: &[usize], counted: &str, place: bool, words: &NamedLists) -> Option<List> {
    // "04 Lễ hội “Hoa Ban” - xã A, Lễ hội Xuống đồng - xã B, Lễ hội Gầu Tào …": the counted noun itself
    // heads the first name, written right after it, and is repeated before the others.
    if !place && text[at..].trim_start_matches([' ', '\u{a0}', '"', '\u{201c}']).starts_with(char::is_uppercase) {
        if let Some(list) = headed(text, low, at, Opener::Colon, figs, counted, &[], words, true) {
            return Some(list);
        }
    }
    // "5 huyện, thị xã, thành phố … (huyện A, thị xã B, …)": levels named with the counted one
    // head items too, and the list is looked for after them.
    let (co_levels, after) = co_levels(text, low, at);
    let (opener, body) = opener(text, low, after, figs, place, words)?;
    if opener != Opener::Direct {
        if let Some(list) = headed(text, low, body, opener, figs, counted, &co_levels, words, false) {
            return Some(list);
        }
    }
    // Each segment with the separator before it.
    let mut segments: Vec<(usize, usize, char)> = Vec::new();
    let mut depth = 0usize;
    let (mut seg, mut sep) = (body, '(');
    let mut end_all = None;
    for (k, c) in text[body..].char_indices() {
        let j = body + k;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            ')' | ']' => {
                segments.push((seg, j, sep));
                end_all = Some(true);
                break;
            }
            ',' | ';' if depth == 0 => {
                segments.push((seg, j, sep));
                (seg, sep) = (j + 1, c);
            }
            '.' | '\n' | '!' | '?' if depth == 0 && !abbreviation(text, j) => {
                segments.push((seg, j, sep));
                end_all = Some(opener != Opener::Paren);
                break;
            }
            _ => {}
        }
    }
    if end_all.is_none() {
        segments.push((seg, text.len(), sep));
        end_all = Some(opener != Opener::Paren);
    }
    if end_all != Some(true) {
        return None;
    }
    // "…, Phú Mỹ...", "…, Phú Mỹ v.v.": the marker of a partial list may stand at its end.
    let last_end = segments.last().map_or(body, |x| x.1);
    let tail_end = (last_end + 5).min(low.len());
    let tail_end = (tail_end..=low.len()).find(|&k| low.is_char_boundary(k)).unwrap_or(low.len());
    if has_partial_in(&text[body..tail_end], &low[body..tail_end], words) {
        return None;
    }
    let mut names = Vec::new();
    let mut joined = 0;
    // Groups of names between semicolons ("A, chức vụ; B, chức vụ"): each group is at least one.
    let mut groups = 0;
    let mut names_at_group = 0;
    for (s, e, sep) in segments {
        if sep != ',' {
            groups += 1;
            names_at_group = names.len();
        }
        if has_partial_in(&text[s..e], &low[s..e], words) {
            return None;
        }
        // A measured figure ends the names only after the list's last "và" ("…, Quyết Thắng và
        // San Thành 100% tổ dân phố …"); anywhere else the list holds figures, so it is no
        // list of names.
        if let Some(&x) = figs.iter().find(|&&x| x >= s && x < e) {
            if opener == Opener::Paren || names.is_empty() {
                return None;
            }
            match name_in(text, low, s, x, words).filter(|n| n.joined > 0 && !n.tail) {
                Some(name) => {
                    joined += name.joined;
                    names.push((name.start, name.end));
                }
                // "…; tổ chức 05 cuộc …": a new clause after the list.
                None if sep == ';' => {}
                None => return None,
            }
            break;
        }
        // "Tân Lập, Tân Hòa, huyện Đồng Phú": a place of a higher level than the counted noun
        // closes the list; it says where the names are.
        if !names.is_empty() && led_by_other_place(low, s, e, counted, words) {
            break;
        }
        let Some(name) = name_in(text, low, s, e, words) else {
            // A clause after the names ends the list ("…; tổ chức …", or after names right
            // after their noun, "…, góp phần …"); inside a parenthesis, or after a comma of a
            // list that was opened, what is not a name may still be an item ("…, đặc biệt là C").
            if opener == Opener::Paren || names.is_empty() || (opener == Opener::Colon && sep == ',') {
                return None;
            }
            break;
        };
        // Inside a parenthesis lowercase words are the end of a long name ("QHCT khu Trung tâm
        // hành chính"); after a colon they may be the sentence going on, and when that follows
        // a semicolon the clause after it is no part of the list ("…; Xã Tân Tiến, Tân Thành
        // đang hoàn thiện hồ sơ").
        if name.tail && opener != Opener::Paren {
            if groups > 1 && opener == Opener::Colon {
                names.truncate(names_at_group);
                groups -= 1;
                break;
            }
            joined += name.joined;
            names.push((name.start, name.end));
            break;
        }
        joined += name.joined;
        names.push((name.start, name.end));
    }
    let min = if groups > 1 { groups } else { names.len() };
    let (min, max) = (min.min(names.len()), names.len() + joined);
    (max >= 2 && (opener != Opener::Direct || max > min || min >= 2)).then_some(List { names, min, max })
}

/// "03 dự án: Dự án A, xã X; Dự án B; Dự án C", "(gồm: QHCT A; QHCT B và QHCT C, phường
/// Y)": every item opens with one head, the counted noun itself or a kind code in capitals.
/// Then the items are counted exactly by their heads, whatever commas and "và" stand inside
/// them. Read only when no other capitalised word opens an item (it could be another name).
/// With `noun_first`, the counted noun written before the list heads its first item.
#[allow(clippy::too_many_arguments)]
fn headed(text: &str, low: &str, body: usize, opener: Opener, figs: &[usize], counted: &str, co_levels: &[String], words: &NamedLists, noun_first: bool) -> Option<List> {
    let skip = |i: usize| i + low[i..].len() - low[i..].trim_start_matches([' ', '\u{a0}', '*', '_', '"', '\u{201c}', '\'']).len();
    let first = skip(body);
    let word_end = |i: usize| low[i..].find(|c: char| !word_char(c)).map_or(low.len(), |k| i + k);
    let code = &text[first..word_end(first)];
    // "03 xã (xã Tân Lập, xã Bình Minh và xã An Phú)": a level of the territory (lexicon
    // `place_levels`) counted, written before each capitalised name, heads its items; another
    // level ("…, huyện Yên Sơn") says where they are.
    let level = lexicon().place_levels.iter().any(|l| l == counted);
    let level_at = |i: usize, l: &str| low[i..].starts_with(l) && boundary_after(&low[i..], l.len()) && text.get(i + l.len()..).is_some_and(|r| r.trim_start().starts_with(char::is_uppercase));
    let member_at = |i: usize| level && (level_at(i, counted) || co_levels.iter().any(|l| level_at(i, l)));
    let by_level = !noun_first && member_at(first);
    let head: &str = if noun_first || by_level || (low[first..].starts_with(counted) && boundary_after(&low[first..], counted.len()) && text[first..].starts_with(char::is_uppercase)) {
        counted
    } else if code.chars().count() >= 2 && code.chars().all(|c| c.is_uppercase()) {
        &low[first..word_end(first)]
    } else {
        return None;
    };
    let heads_at = |i: usize| if by_level { member_at(i) } else { low[i..].starts_with(head) && boundary_after(&low[i..], head.len()) };
    // The end of the list, and where each item (a separator's right side) starts.
    let mut starts: Vec<(usize, char)> = vec![(first, '(')];
    let mut depth = 0usize;
    let mut end = text.len();
    for (k, c) in text[body..].char_indices() {
        let j = body + k;
        // A list right after its noun is tried after many counts: it must end soon, or a long
        // sentence of counts would be scanned once per count.
        if noun_first && k > DIRECT_LIST_BYTES {
            return None;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            ')' | ']' => {
                end = j;
                break;
            }
            ',' | ';' if depth == 0 => starts.push((skip(j + 1), c)),
            '.' | '\n' | '!' | '?' if depth == 0 && !abbreviation(text, j) => {
                if opener == Opener::Paren {
                    return None;
                }
                end = j;
                break;
            }
            ' ' if depth == 0 && low[j + 1..].starts_with("và ") => starts.push((skip(j + 4), 'v')),
            _ => {}
        }
    }
    // "…, Lễ hội Cơm mới - xã Làng Chếu, thu hút trên 20.000 lượt khách": a clause with a
    // figure after the last item ends the list; an item holding one is no name.
    if let Some(&x) = figs.iter().find(|&&x| x >= first && x < end) {
        let cut = starts.iter().map(|&(i, _)| i).filter(|&i| i <= x).max().unwrap_or(first);
        if cut == first || heads_at(cut) {
            return None;
        }
        end = text[..cut].trim_end_matches([' ', ',', ';']).len();
    }
    if has_partial_in(&text[first..end], &low[first..end], words) {
        return None;
    }
    let semicolons = starts.iter().any(|&(_, c)| c == ';');
    let mut items: Vec<usize> = Vec::new();
    for &(i, sep) in starts.iter().filter(|&&(i, _)| i < end) {
        if heads_at(i) || (noun_first && i == first) {
            items.push(i);
            continue;
        }
        let capital = text[i..].starts_with(char::is_uppercase);
        let place = words.place_levels.iter().any(|p| low[i..].starts_with(p.as_str()) && boundary_after(&low[i..], p.len()));
        // Each group between semicolons opens with the head; inside one, a comma may be
        // followed by a place or a road ("Quốc lộ 4D"), never "và" by another name.
        let other = match sep {
            ';' => true,
            'v' => capital,
            _ => capital && !place && !semicolons,
        };
        if other {
            return None;
        }
    }
    if items.len() < 2 {
        return None;
    }
    let trim = |s: usize, e: usize| {
        let t = text[s..e].trim_end_matches([' ', ',', ';', '*', '_']);
        let t = t.strip_suffix(" và").unwrap_or(t);
        (s, s + t.len())
    };
    let mut names: Vec<(usize, usize)> = items.iter().enumerate().map(|(k, &s)| trim(s, items.get(k + 1).copied().unwrap_or(end))).collect();
    // The first name shown with the noun that heads it ("Lễ hội “Hoa Ban” - xã Tà Xùa").
    if let (true, Some(first_name)) = (noun_first, names.first_mut()) {
        if let Some(k) = low[..body].rfind(counted) {
            first_name.0 = k;
        }
    }
    let n = names.len();
    Some(List { names, min: n, max: n })
}

/// How many levels may be named with a counted one ("huyện, thị xã, thành phố").
const CO_LEVELS: usize = 4;

/// The levels of the territory named right after a counted level (", thị xã, thành phố", "và
/// thị trấn"), lowercase, and where they end.
fn co_levels(text: &str, low: &str, at: usize) -> (Vec<String>, usize) {
    let lex = lexicon();
    let (mut out, mut i) = (Vec::new(), at);
    for _ in 0..CO_LEVELS {
        let rest = &low[i..];
        let Some(skip) = crate::lexicon::joiner_len(rest) else { break };
        let r = low[i + skip..].trim_start();
        let j = low.len() - r.len();
        match lex.place_levels.iter().filter(|l| r.starts_with(l.as_str()) && boundary_after(r, l.len())).max_by_key(|l| l.len()) {
            // A capitalised name after it is an item ("…, huyện Bảo Yên"), not a level.
            Some(l) if !text.get(j + l.len()..).is_some_and(|t| t.trim_start().starts_with(char::is_uppercase)) => {
                out.push(l.clone());
                i = j + l.len();
            }
            _ => break,
        }
    }
    (out, i)
}

/// How long a list of names written right after its noun may be, in bytes.
const DIRECT_LIST_BYTES: usize = 1500;

/// How many words of the counted thing's name may stand between the count and its list
/// ("03 đồ án quy hoạch chi tiết các khu dân cư mới phía bắc thị xã (gồm: …)").
const OPENER_WORDS: usize = 14;

/// How the list opens after the count, and where its first name starts: the rest of the
/// counted noun (a few words, no figure, no partial word) then "(", ":" or an opening word;
/// or, after a place noun, a capitalised name right away.
fn opener(text: &str, low: &str, at: usize, figs: &[usize], place: bool, words: &NamedLists) -> Option<(Opener, usize)> {
    let mut i = at;
    for n in 0..OPENER_WORDS {
        i += low[i..].len() - low[i..].trim_start_matches([' ', '\u{a0}', '*', '_']).len();
        let rest = &low[i..];
        if let Some(r) = rest.strip_prefix('(') {
            // "(gồm: …)", "(Gồm: …)"
            let r = r.trim_start_matches(['*', '_', ' ']);
            let r = words.open.iter().find(|w| r.starts_with(w.as_str()) && boundary_after(r, w.len())).map_or(r, |w| r[w.len()..].trim_start());
            let r = r.strip_prefix(':').unwrap_or(r);
            return Some((Opener::Paren, low.len() - r.len()));
        }
        if let Some(r) = rest.strip_prefix(':') {
            return Some((Opener::Colon, low.len() - r.len()));
        }
        if let Some(w) = words.open.iter().find(|w| rest.starts_with(w.as_str()) && boundary_after(rest, w.len())) {
            let r = rest[w.len()..].trim_start();
            let r = r.strip_prefix(':').unwrap_or(r);
            return Some((Opener::Colon, low.len() - r.len()));
        }
        // "08 cuộc kiểm tra tại: …", "cho các hộ tại thôn: …": the names are of somewhere else.
        let stop = words.not_items.iter().any(|w| rest.starts_with(w.as_str()) && boundary_after(rest, w.len()));
        // "04 đồ án … một số khu vực trên địa bàn thị xã (gồm: …)": an opening word inside
        // the parenthesis ahead says what the list is, whatever the noun phrase says before it.
        if (stop || has_partial_at(rest, words)) && !opens_ahead(rest, words) {
            return None;
        }
        if figs.binary_search(&i).is_ok() {
            return None;
        }
        // "05 xã được công nhận …, gồm: …": a comma right before an opening word.
        if let Some(r) = rest.strip_prefix(',').map(str::trim_start) {
            if words.open.iter().any(|w| r.starts_with(w.as_str()) && boundary_after(r, w.len())) {
                i = low.len() - r.len();
                continue;
            }
        }
        let len = rest.find(|c: char| !word_char(c)).unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        if n == 0 && place && text[i..].starts_with(char::is_uppercase) {
            return Some((Opener::Direct, i));
        }
        i += len;
    }
    None
}

/// Whether the clause goes on to a parenthesis that opens with a word of a whole list ("(gồm:
/// …)"), with nothing but words before it.
fn opens_ahead(rest: &str, words: &NamedLists) -> bool {
    let Some(k) = rest.find(['(', ',', ';', '.', ':', '\n']) else { return false };
    let inside = rest[k..].strip_prefix('(').map(|r| r.trim_start_matches(['*', '_', ' ']));
    inside.is_some_and(|r| words.open.iter().any(|w| r.starts_with(w.as_str()) && boundary_after(r, w.len())))
}

/// A name found in a segment of the list.
struct Name {
    start: usize,
    end: usize,
    /// The "và" inside it: it may be two names.
    joined: usize,
    /// Lowercase words follow the name: the sentence goes on after the list.
    tail: bool,
}

/// The name a segment holds: kind words ("xã", "các", "và"), then a capitalised word, and
/// everything up to its last capitalised word (or number); None when it holds anything else
/// first, or is too long to be a name.
fn name_in(text: &str, low: &str, s: usize, e: usize, words: &NamedLists) -> Option<Name> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut w_start = None;
    for (k, c) in text[s..e].char_indices().chain(std::iter::once((e - s, ' '))) {
        let j = s + k;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if word_char(c) && depth == 0 {
            w_start.get_or_insert(j);
        } else if let Some(ws) = w_start.take() {
            spans.push((ws, j));
        }
    }
    // A document number or a date ("Quyết định số 12/QĐ-UBND") is not a name.
    if spans.is_empty() || spans.len() > 12 || text[s..e].contains('/') {
        return None;
    }
    // A name starts with a capital ("06 cấp sở" is a count); it may end with a number.
    let capital = |&(ws, _): &(usize, usize)| text[ws..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let first = spans.iter().position(capital).filter(|&i| text[spans[i].0..].starts_with(char::is_uppercase))?;
    if !spans[..first].iter().all(|&(ws, we)| words.kinds.contains(&low[ws..we])) {
        return None;
    }
    // "Lớp 3 tại Trung tâm Chính trị huyện": a place word ends the name and the list.
    let cut = spans[first..].iter().position(|&(ws, we)| words.not_items.iter().any(|w| w.split(' ').next() == Some(&low[ws..we]))).map(|k| first + k);
    let (spans, cut_tail) = match cut {
        Some(k) if k > first => (&spans[..k], true),
        _ => (&spans[..], false),
    };
    let last = spans.iter().rposition(capital)?;
    let joined = spans[first..=last].iter().filter(|&&(ws, we)| &low[ws..we] == "và").count();
    // One lowercase word may end a name ("Trường Mầm non", "Phòng Tài chính - Kế hoạch");
    // two or more are the sentence going on ("San Thàng đạt chuẩn").
    let after: Vec<&(usize, usize)> = spans[last + 1..].iter().filter(|&&(ws, we)| !words.kinds.contains(&low[ws..we])).collect();
    let end = if after.len() < 2 { spans.last().map_or(spans[last].1, |w| w.1) } else { spans[last].1 };
    Some(Name { start: spans[first].0, end, joined, tail: cut_tail || after.len() >= 2 })
}

/// Whether a segment opens with a place level that is not the counted noun ("huyện Đồng Phú"
/// after "02 xã …").
fn led_by_other_place(low: &str, s: usize, e: usize, counted: &str, words: &NamedLists) -> bool {
    let seg = low[s..e].trim_start_matches(|c: char| !c.is_alphanumeric());
    words.place_levels.iter().any(|p| p != counted && seg.starts_with(p.as_str()) && boundary_after(seg, p.len()))
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || crate::text::is_mark(c) || c == '&' || c == '-'
}

/// A full stop that ends an abbreviation ("TP. Hà Tĩnh", "TX. Sơn Tây"), not a sentence (nor
/// a short name: "… và Phú Mỹ.").
fn abbreviation(text: &str, dot: usize) -> bool {
    let word = text[..dot].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    (1..=3).contains(&word.chars().count()) && word.chars().all(char::is_uppercase)
}

/// Whether a stretch of the block holds a word of a partial list ("như", "…"), passing over
/// capitalised words: "Như Xuân" is a name, not "như".
fn has_partial_in(text: &str, low: &str, words: &NamedLists) -> bool {
    let (marks, worded): (Vec<&String>, Vec<&String>) = words.partial.iter().partition(|p| !p.starts_with(char::is_alphanumeric));
    if marks.iter().any(|p| low.contains(p.as_str())) {
        return true;
    }
    let mut lowered = String::with_capacity(low.len());
    for (w, l) in text.split(' ').zip(low.split(' ')) {
        if !lowered.is_empty() {
            lowered.push(' ');
        }
        lowered.push_str(if w.starts_with(char::is_uppercase) { "_" } else { l });
    }
    worded.iter().any(|p| crate::lexicon::has_word(&lowered, p))
}

fn has_partial_at(rest: &str, words: &NamedLists) -> bool {
    words.partial.iter().any(|p| rest.starts_with(p.as_str()) && boundary_after(rest, p.len()))
}
