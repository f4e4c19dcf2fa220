//! What a bare measure word is of. "Sản lượng 1.520 tấn" names no indicator by itself; the
//! report says whose output it is before the measure ("Cây chè với diện tích 1.120 ha"), in
//! the claim just before it ("diện tích cây quế 860 ha, sản lượng 1.520 tấn") or in a topic
//! label ("Cây Quế: … sản lượng trong năm ước đạt 1.250 tấn"). The words are the lexicon's
//! (`subjects:`); the subject is kept lowercase, beside the name as written.

use crate::lexicon::lexicon;
use crate::text::lower;

/// At most this many words in a subject or a topic label: a longer stretch is a sentence.
const SUBJECT_WORDS: usize = 5;

/// The words of a name that says what it measures: the clause after its last comma ("KH, sản
/// lượng"), lowercase, without a leading "tổng". Read only for a name that holds a word a
/// measure starts with: most names hold none.
pub(super) struct Name {
    words: Vec<String>,
}

pub(super) fn read(name: &str) -> Option<Name> {
    let lex = lexicon();
    let tail = name.rsplit(',').next().unwrap_or(name);
    let split = |s: &str| s.split(|c: char| !crate::text::is_word_char(c) && !c.is_ascii_digit()).filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<String>>();
    // A look at the words as written first: only a capitalised one is lowercased for it.
    let first = &lex.subjects.attribute_first;
    let maybe = tail.split(|c: char| !crate::text::is_word_char(c)).any(|w| first.contains(w) || (w.starts_with(char::is_uppercase) && first.contains(lower(w).as_str())));
    if !maybe {
        return None;
    }
    let mut words = split(&lower(tail));
    // "Tổng diện tích …", "Tổng số …": the whole word says nothing of what is measured.
    let lead = lex.whole_words.iter().filter_map(|w| {
        let n = w.split(' ').count();
        (words.len() > n && w.split(' ').zip(&words).all(|(a, b)| a == b)).then_some(n)
    });
    if let Some(n) = lead.max() {
        words.drain(..n);
    }
    Some(Name { words })
}

/// How many words of `words` an attribute spans from word `at`, the longest.
fn attribute_at(words: &[String], at: usize) -> Option<usize> {
    let first = words.get(at)?;
    if !lexicon().subjects.attribute_first.contains(first.as_str()) {
        return None;
    }
    lexicon().subjects.attribute_words.iter().find_map(|a| (words.len() >= at + a.len() && a.iter().zip(&words[at..]).all(|(x, w)| x == w)).then_some(a.len()))
}

/// The measure a name opens with, as the lexicon writes it ("diện tích" for "Tổng diện tích
/// hiện có").
pub fn measure_in(name: &str) -> Option<String> {
    let words = read(name)?.words;
    attribute_at(&words, 0).map(|n| words[..n].join(" "))
}

/// Whether a name is a measure alone ("Tổng diện tích gieo trồng", "sản lượng năm 2024",
/// "sản lượng trong năm": filler and numbers may follow it).
pub(super) fn bare(name: &Name) -> bool {
    let filler = &lexicon().indicator_filler;
    let words = &name.words;
    attribute_at(words, 0).is_some_and(|n| words[n..].iter().all(|w| filler.contains(w.as_str()) || w.bytes().all(|b| b.is_ascii_digit())))
}

/// The thing a name measures when it names both: "diện tích cây quế", "cây thảo quả diện
/// tích".
fn of_name(name: &str) -> Option<String> {
    let words = read(name)?.words;
    let thing = match attribute_at(&words, 0) {
        Some(n) if n < words.len() => &words[n..],
        _ => {
            let n = (1..words.len()).find(|&k| attribute_at(&words, k) == Some(words.len() - k))?;
            &words[..n]
        }
    };
    (thing.len() <= SUBJECT_WORDS).then(|| thing.join(" "))
}

/// A name that opens with what was done and then names the measure and its thing: "chăm sóc
/// diện tích cây ăn quả" is the area of fruit trees. The measure and the thing, lowercase.
pub(super) fn inside(name: &Name) -> Option<Subject> {
    let words = &name.words;
    let (k, n) = (1..words.len()).find_map(|k| attribute_at(words, k).map(|n| (k, n)))?;
    // "trồng mới diện tích …" is what was planted, not the area there is.
    if !standing(&words[..k]) {
        return None;
    }
    // "… cây ăn quả đến nay hiện (có)": the filler after the thing is not part of it.
    let filler = &lexicon().indicator_filler;
    let end = words.iter().rposition(|w| !filler.contains(w.as_str())).map_or(0, |e| e + 1).max(k + n);
    let thing = &words[k + n..end];
    (!thing.is_empty() && thing.len() <= SUBJECT_WORDS).then(|| Subject { thing: thing.join(" "), measure: Some(words[k..k + n].join(" ")) })
}

/// Whether words before a measure leave it what there is: nothing, or a verb of looking after
/// it ("chăm sóc", "quản lý": lexicon `subjects.standing`) last, filler aside. "Trồng mới 45
/// ha chè" is what was planted, "thu hoạch 620 ha lúa" what was harvested.
fn standing(before: &[String]) -> bool {
    let lex = lexicon();
    let end = before.iter().rposition(|w| !lex.indicator_filler.contains(w.as_str())).map_or(0, |e| e + 1);
    let before = &before[..end];
    before.is_empty() || lex.subjects.standing.iter().any(|v| v.split(' ').count() <= before.len() && v.split(' ').rev().zip(before.iter().rev()).all(|(a, b)| a == b))
}

/// "chăm sóc 1.420 ha thảo quả hiện có": a measured figure after a verb of looking after it (or none),
/// followed by the thing it measures (a few words up to punctuation or a function word),
/// measured as its unit says (`subjects.measures`: an area is a "diện tích").
pub(super) fn after_figure(name: &str, low: &str, end: usize, dimension: &str) -> Option<Subject> {
    let lex = lexicon();
    // Most figures are no area: the cheap test first.
    let measure = lex.subjects.measures.get(dimension)?;
    let stop = |w: &str| lex.indicator_filler.contains(w) || lex.subjects.stops.iter().any(|s| s == w) || w.bytes().any(|b| b.is_ascii_digit());
    // The words after the figure up to punctuation, a few at most.
    let mut thing: Vec<&str> = Vec::new();
    for w in low.get(end..)?.split_whitespace().take(SUBJECT_WORDS) {
        let cut = w.find([',', ';', '.', '(', ')', ':', '/']);
        let word = &w[..cut.unwrap_or(w.len())];
        if word.is_empty() || stop(word) {
            break;
        }
        thing.push(word);
        if cut.is_some() {
            break;
        }
    }
    if thing.is_empty() {
        return None;
    }
    let tail = lower(name.rsplit(',').next().unwrap_or(name));
    let before: Vec<String> = tail.split(|c: char| !crate::text::is_word_char(c)).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    standing(&before).then(|| Subject { thing: thing.join(" "), measure: Some(measure.clone()) })
}

/// What a claim's figures are of, when its name does not say it all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The thing measured ("cây quế"), lowercase.
    pub thing: String,
    /// The measure, when the name does not give it ("diện tích" for "chăm sóc 1.420 ha thảo quả").
    pub measure: Option<String>,
}

/// Where the claim before stands to the one being named.
pub(super) struct Before<'a> {
    /// Its name, and the subject it was given.
    pub name: &'a str,
    pub subject: Option<&'a Subject>,
    /// Where its last figure ends in the block.
    pub end: usize,
}

/// The subject of a bare measure named at byte `at` of the block (lowercase `low`), with the
/// claim just before it in the same sentence and parenthesis, if any.
pub(super) fn subject(low: &str, at: usize, before: Option<Before>) -> Option<Subject> {
    thing(low, at, before).map(|thing| Subject { thing, measure: None })
}

fn thing(low: &str, at: usize, before: Option<Before>) -> Option<String> {
    let lex = &lexicon().subjects;
    let head = low.get(..at)?;
    // "Cây ăn quả với diện tích …": the thing, then a connector, in the name's own clause
    // (after the figure before, if that is nearer).
    let from = head.rfind([',', ';', ':', '.', '(', ')', '\n']).map_or(0, |k| k + 1);
    let from = before.as_ref().map_or(from, |b| if b.end <= at { from.max(b.end) } else { from });
    let clause = head.get(from..).unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().collect();
    if let [thing @ .., last] = words.as_slice() {
        if lex.connectors.iter().any(|c| c == last) && (1..=SUBJECT_WORDS).contains(&thing.len()) && !thing.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
            return Some(thing.join(" "));
        }
    }
    // "diện tích cây quế 860 ha, sản lượng 1.520 tấn": the claim before, with only a comma
    // and words between, measured the same thing.
    if let Some(b) = before.filter(|b| b.end <= at && !head[b.end..].contains([';', '.', ':', '(', ')', '\n'])) {
        if let Some(s) = b.subject.map(|s| s.thing.clone()).or_else(|| of_name(b.name)) {
            return Some(s);
        }
    }
    topic(head)
}

/// The topic label that heads the text before a claim: the nearest "Label:" outside any
/// parenthesis, short and without figures, starting a sentence or clause ("Cây Chè: …",
/// "- Cây ăn quả: …"). A label of a group ("Cây trồng khác:") names no one thing.
fn topic(head: &str) -> Option<String> {
    let lex = &lexicon().subjects;
    let mut depth = 0usize;
    let colon = head.char_indices().rev().find_map(|(k, c)| {
        match c {
            ')' => depth += 1,
            '(' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => return Some(k),
            _ => {}
        }
        None
    })?;
    let start = head[..colon].rfind(['.', ';', '\n', '(', ')', ',', ':']).map_or(0, |k| k + 1);
    let label = head[start..colon].trim_start_matches(|c: char| c.is_whitespace() || "-+•*_".contains(c)).trim();
    let label = lex.topic_openers.iter().find_map(|o| label.strip_prefix(o.as_str()).filter(|r| r.starts_with(' ')).map(str::trim)).unwrap_or(label);
    let words: Vec<&str> = label.split_whitespace().collect();
    let named = (1..=SUBJECT_WORDS).contains(&words.len()) && !label.bytes().any(|b| b.is_ascii_digit());
    // "Trong đó:", "Gồm:" open a list, not a topic.
    let b = &lexicon().breakdowns;
    let list = b.subset.iter().chain(&b.complete).any(|w| label.starts_with(w.as_str()));
    let group = words.iter().any(|w| lex.groups.iter().any(|g| g == w)) || lex.groups.iter().any(|g| g.contains(' ') && crate::lexicon::has_word(label, g));
    (named && !list && !group).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_bare(name: &str) -> bool {
        read(name).is_some_and(|n| bare(&n))
    }

    fn inside_of(name: &str) -> Option<Subject> {
        read(name).and_then(|n| inside(&n))
    }

    #[test]
    fn bare_measures() {
        assert!(is_bare("sản lượng năm 2024"));
        assert!(is_bare("Tổng diện tích gieo trồng"));
        assert!(is_bare("KH, sản lượng"));
        assert!(!is_bare("sản lượng chè búp tươi"));
        assert!(!is_bare("doanh thu bán lẻ"));
    }

    #[test]
    fn things_named_with_their_measure() {
        assert_eq!(of_name("diện tích cây quế").as_deref(), Some("cây quế"));
        assert_eq!(of_name("cây thảo quả diện tích").as_deref(), Some("cây thảo quả"));
        assert_eq!(of_name("diện tích"), None);
    }

    #[test]
    fn measures_inside_a_name_or_after_a_figure() {
        let s = |thing: &str, measure: &str| Some(Subject { thing: thing.into(), measure: Some(measure.into()) });
        assert_eq!(inside_of("chăm sóc diện tích cây ăn quả"), s("cây ăn quả", "diện tích"));
        assert_eq!(inside_of("chăm sóc diện tích cây ăn quả đến nay hiện"), s("cây ăn quả", "diện tích"));
        assert_eq!(inside_of("diện tích cây ăn quả"), None);
        assert_eq!(inside_of("cây thảo quả diện tích"), None);
        // The thing after the figure written `fig` in `text`.
        let after = |text: &str, fig: &str, dim: &str| {
            let at = text.find(fig).unwrap_or(0);
            after_figure(&text[..at], text, at + fig.len(), dim)
        };
        assert_eq!(after("chăm sóc 1.420ha thảo quả hiện có (trong đó", "1.420ha", "area"), s("thảo quả", "diện tích"));
        assert_eq!(after("quản lý, bảo vệ 3.900 ha rừng phòng hộ, đạt", "3.900 ha", "area"), s("rừng phòng hộ", "diện tích"));
        // A mass after a figure may be output, exports or sales: only an area is read so.
        assert_eq!(after("thu hoạch 1.250 tấn quế", "1.250 tấn", "mass"), None);
        // What was planted or harvested is not what there is.
        assert_eq!(after("trồng mới 45 ha chè", "45 ha", "area"), None);
        assert_eq!(inside_of("trồng mới diện tích cây ăn quả"), None);
        assert_eq!(after("tăng 120 ha so với cùng kỳ", "120 ha", "area"), None);
        assert_eq!(after("đạt 45 ha, tăng", "45 ha", "area"), None);
        assert_eq!(after("đón 200 lượt khách du lịch", "200 lượt khách", "count:lượt"), None);
    }

    #[test]
    fn topic_labels() {
        assert_eq!(topic("cây chè: hướng dẫn chăm sóc 1.210 ha (trong đó: chè kinh doanh 1.100 ha), ").as_deref(), Some("cây chè"));
        assert_eq!(topic("- về du lịch: thành phố đón "), Some("du lịch".to_owned()));
        assert_eq!(topic("cây trồng khác: cây ăn quả "), None);
        assert_eq!(topic("thu các khoản huy động theo quy định của pháp luật: "), None);
    }
}
