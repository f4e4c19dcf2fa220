//! What an indicator is, for telling whether two statements are about the same thing: the
//! content words of its name, normalised through the lexicon (abbreviations expanded, filler
//! and measure words dropped, the place left out: "trên địa bàn thành phố", "của An Giang",
//! "toàn tỉnh"), plus the noun of a counted unit. "Tổng lượt khách du lịch đến địa bàn" and
//! "lượng khách du lịch đến thành phố" are both {khách, du, lịch}; "vốn tỉnh quản lý" and
//! "vốn huyện quản lý" stay apart, since a level word is the place only where a name or
//! "toàn", "trên địa bàn" marks it so.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::claims::{Claim, Figure, Subject};
use crate::grammar::{self, Kind};
use crate::lexicon::lexicon;
use crate::text::{is_word_char, lower};

/// The words of an indicator that say what it measures, in the order written (compared as a
/// set: "khách du lịch đến" and "du lịch khách" are one indicator). Read once per name and
/// document, then shared: a clone costs two counters, not a copy of the words.
#[derive(Debug, Clone, Default)]
pub struct Words {
    order: Rc<[String]>,
    /// The words sorted and joined: the set, as one string.
    key: Rc<str>,
}

impl PartialEq for Words {
    fn eq(&self, o: &Words) -> bool {
        self.key == o.key
    }
}

impl Words {
    /// The words in the order written, each once.
    fn new(words: Vec<String>) -> Words {
        // A name has a few words: a scan is cheaper than a set.
        let mut order: Vec<String> = Vec::with_capacity(words.len());
        for w in words {
            if !order.contains(&w) {
                order.push(w);
            }
        }
        let mut sorted: Vec<&str> = order.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let key: Rc<str> = sorted.join(" ").into();
        Words { order: order.into(), key }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// A key for grouping: the words sorted.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The same key, shared (a map of statements holds one per statement).
    pub fn shared_key(&self) -> Rc<str> {
        Rc::clone(&self.key)
    }

    /// Whether the name has this word.
    pub fn has(&self, w: &str) -> bool {
        self.order.iter().any(|x| x == w)
    }

    /// How many content words the two share.
    pub fn shared(&self, o: &Words) -> usize {
        self.order.iter().filter(|w| o.has(w)).count()
    }

    /// The words of this name that `o` does not have.
    pub fn extra<'a>(&'a self, o: &'a Words) -> impl Iterator<Item = &'a str> + 'a {
        self.order.iter().filter(move |w| !o.has(w)).map(String::as_str)
    }

    /// Whether the words this name has more than `o` all come at its ends, as written, the
    /// shared ones in one run: "(Số lao động) được đào tạo nghề sơ cấp và dạy nghề thường
    /// xuyên", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ (tiêu dùng)".
    pub fn extra_at_the_ends(&self, o: &Words) -> bool {
        let (Some(first), Some(last)) = (self.order.iter().position(|w| o.has(w)), self.order.iter().rposition(|w| o.has(w))) else { return false };
        self.order[first..=last].iter().all(|w| o.has(w))
    }

    /// The words as written, for messages.
    pub fn show(&self) -> String {
        self.order.join(" ")
    }
}

/// The words of a claim's indicator, with the counted noun of a figure's unit.
pub fn of_claim(claim: &Claim, figure: &Figure) -> Words {
    let w = match &claim.subject {
        Some(subject) => with_subject(&claim.indicator, subject),
        None if figure.is_percent() => as_percent(&claim.indicator),
        None => of_text(&claim.indicator),
    };
    // A count alone ("và 1.265 doanh nghiệp") names no indicator: its noun is not enough.
    if w.is_empty() {
        return w;
    }
    let Some(u) = figure.unit.as_ref().filter(|u| u.is_count()) else { return w };
    // Read once per name and noun, like a name alone: a report counts in a few nouns.
    let key = format!("{}\u{1}{}\u{1}{}", claim.indicator, u.text, claim.subject.as_ref().map_or("", |s| s.thing.as_str()));
    if let Some(seen) = SEEN.with(|m| m.borrow().get(&key).cloned()) {
        return seen;
    }
    let words = Words::new(w.order.iter().cloned().chain(of_text(&u.text).order.iter().cloned()).collect());
    SEEN.with(|m| m.borrow_mut().insert(key, words.clone()));
    words
}

/// A measure with what it is of: "KH, sản lượng" of "cây quế" is {sản, quế} (the clause
/// after the last comma is the measure, unless the subject says it: "chăm sóc 1.420 ha thảo quả" is
/// {diện, tích, chè}).
fn with_subject(name: &str, subject: &Subject) -> Words {
    let measure = subject.measure.as_deref().unwrap_or_else(|| name.rsplit(',').next().unwrap_or(name));
    let key = format!("{measure}\u{2}{}", subject.thing);
    if let Some(seen) = SEEN.with(|m| m.borrow().get(&key).cloned()) {
        return seen;
    }
    let words = Words::new(of_text(measure).order.iter().cloned().chain(of_text(&subject.thing).order.iter().cloned()).collect());
    SEEN.with(|m| m.borrow_mut().insert(key, words.clone()));
    words
}

/// The words of a name given with a percent, without the words that say it is a rate: "tỷ
/// lệ khu dân cư đạt chuẩn văn hóa … 88,1%" and "88,1% khu dân cư đạt chuẩn văn hóa" name one
/// rate.
fn as_percent(name: &str) -> Words {
    // Looked up by the name itself (no key to build): most percents' names are asked again.
    if let Some(seen) = AS_PERCENT.with(|m| m.borrow().get(name).cloned()) {
        return seen;
    }
    let rate = rate_words();
    let all = of_text(name);
    let words = if all.order.iter().any(|w| rate.contains(w)) { Words::new(all.order.iter().filter(|w| !rate.contains(w)).cloned().collect()) } else { all };
    AS_PERCENT.with(|m| m.borrow_mut().insert(name.to_owned(), words.clone()));
    words
}

/// The words of the lexicon's rate cues ("tỷ lệ", "tỉ lệ").
fn rate_words() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut out: Vec<String> = lexicon().cue_phrases(crate::grammar::Cue::Rate).flat_map(|p| p.split(' ').map(str::to_owned)).collect();
        out.sort();
        out.dedup();
        out
    })
}

thread_local! {
    /// The words of the texts already read in this thread's current document: the relations
    /// and the series summary ask for the same indicators, and a report repeats its names.
    static SEEN: RefCell<FxHashMap<String, Words>> = RefCell::new(FxHashMap::default());
    /// The same, for names given with a percent (the rate's words left out).
    static AS_PERCENT: RefCell<FxHashMap<String, Words>> = RefCell::new(FxHashMap::default());
}

/// Forgets the texts read so far (a new document starts on this thread): the memory stays
/// bounded by one document, and no document is read faster for the ones before it.
pub fn forget() {
    SEEN.with(|m| m.borrow_mut().clear());
    AS_PERCENT.with(|m| m.borrow_mut().clear());
}

/// The words of a piece of text naming an indicator.
pub fn of_text(name: &str) -> Words {
    if let Some(w) = SEEN.with(|m| m.borrow().get(name).cloned()) {
        return w;
    }
    let w = read_text(name);
    SEEN.with(|m| m.borrow_mut().insert(name.to_owned(), w.clone()));
    w
}

fn read_text(name: &str) -> Words {
    let lex = lexicon();
    // (word, written with a capital), abbreviations expanded on the original case (they are
    // written in capitals), then lowercased.
    let mut words: Vec<(String, bool)> = Vec::new();
    for word in name.split(|c: char| !is_word_char(c) && !c.is_ascii_digit()).filter(|w| !w.is_empty()) {
        match lex.expansion(word) {
            Some(e) => words.extend(e.split_whitespace().map(|p| (lower(p), false))),
            None => words.push((lower(word), word.chars().next().is_some_and(char::is_uppercase))),
        }
    }
    // Periods and numbers are not part of what is measured.
    let joined = words.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join(" ");
    let mut dropped = vec![false; words.len()];
    let starts: Vec<usize> = words.iter().scan(0, |at, w| {
        let s = *at;
        *at += w.0.len() + 1;
        Some(s)
    }).collect();
    // Figures and dates need a digit, and a period without one is only "quý" and a numeral:
    // most names are not tokenised at all.
    let tokens = if joined.bytes().any(|b| b.is_ascii_digit()) || joined.contains("quý") { grammar::tokens(&joined) } else { Vec::new() };
    for t in tokens {
        // "sản phẩm 3 sao": a grade is part of the name.
        let grade = matches!(t.kind, Kind::Figure(_)) && lex.grades(joined.get(t.end..).unwrap_or(""));
        if matches!(t.kind, Kind::Period(_) | Kind::Figure(_) | Kind::Date) && !grade {
            for (i, &s) in starts.iter().enumerate() {
                if s < t.end && s + words[i].0.len() > t.start {
                    dropped[i] = true;
                }
            }
        }
    }
    let plain: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
    // A capitalised word after the first is a proper name: a place or a body, not a measure.
    let name_at = |i: usize| i > 0 && words.get(i).is_some_and(|w| w.1);
    let (levels, markers) = (&lex.place_levels, &lex.place_markers);
    // Only a word that opens some place phrase is matched against them all.
    let opens_place = |i: usize| plain.get(i).is_some_and(|w| lex.place_first_words.contains(*w));
    let level_at = |i: usize| if opens_place(i) { levels.iter().filter_map(|l| starts_with_words(&plain[i..], l)).max() } else { None };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < plain.len() {
        // "trên địa bàn (huyện)", "toàn tỉnh", "của thành phố Lai Châu": the place, to its end.
        if let Some(len) = markers.iter().filter(|_| opens_place(i)).filter_map(|m| starts_with_words(&plain[i..], m)).max() {
            i += len;
            while i < plain.len() && (level_at(i).is_some() || name_at(i)) {
                i += level_at(i).unwrap_or(1);
            }
            continue;
        }
        // A level word followed by a name, or ending the indicator, is the place too.
        if let Some(len) = level_at(i) {
            if name_at(i + len) || i + len >= plain.len() {
                i += len;
                continue;
            }
        }
        if !name_at(i) && !dropped[i] && !lex.indicator_filler.contains(plain[i]) {
            out.push(plain[i].to_owned());
        }
        i += 1;
    }
    Words::new(out)
}

/// How many words of `words` the phrase `phrase` spans when `words` starts with it.
fn starts_with_words(words: &[&str], phrase: &str) -> Option<usize> {
    // Called for every phrase of the lexicon at every word: no allocation.
    let mut n = 0;
    for part in phrase.split(' ') {
        if words.get(n) != Some(&part) {
            return None;
        }
        n += 1;
    }
    Some(n)
}
