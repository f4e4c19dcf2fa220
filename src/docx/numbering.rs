//! Automatic numbering as Word shows it ("I.", "1.2.", "a)"): the levels of numbering.xml and
//! the counters that advance paragraph by paragraph. Every number taken from the file is
//! bounded, so no definition can make a label (or an allocation) grow without limit.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::xml::Walk;

/// Word's list levels are 0 to 8.
pub const MAX_LEVEL: usize = 8;
/// Far above any real list's start value; keeps roman numerals short.
const MAX_START: u32 = 10_000;
/// A label longer than this is not a list number: what is kept of `lvlText` and of the label.
const MAX_LABEL_CHARS: usize = 64;

/// A level of a numbering definition: format, text ("%1.") and start value.
#[derive(Debug, Clone)]
struct Lvl {
    fmt: String,
    text: String,
    start: u32,
}

impl Default for Lvl {
    fn default() -> Lvl {
        Lvl { fmt: String::new(), text: String::new(), start: 1 }
    }
}

/// A level number from the file, clamped to 0–8.
pub fn level(v: Option<String>) -> usize {
    v.and_then(|v| v.trim().parse::<u64>().ok()).map_or(0, |l| usize::try_from(l).unwrap_or(MAX_LEVEL).min(MAX_LEVEL))
}

/// numId → its nine levels, from numbering.xml.
#[derive(Debug, Default)]
pub struct Numbering {
    nums: HashMap<String, Vec<Lvl>>,
}

impl Numbering {
    pub fn parse(xml: &[u8]) -> Result<Numbering, String> {
        let mut abstracts: HashMap<String, Vec<Lvl>> = HashMap::new();
        let mut nums: HashMap<String, String> = HashMap::new();
        let mut walk = Walk::new("word/numbering.xml", xml);
        let (mut abs, mut lvl, mut num): (Option<String>, usize, Option<String>) = (None, 0, None);
        while let Some(ev) = walk.next()? {
            let (Event::Start(e) | Event::Empty(e)) = &ev else { continue };
            match walk.w(e.name()) {
                Some(b"abstractNum") => abs = walk.w_attr(e, b"abstractNumId"),
                Some(b"lvl") => lvl = level(walk.w_attr(e, b"ilvl")),
                Some(b"num") => num = walk.w_attr(e, b"numId"),
                Some(b"abstractNumId") => {
                    if let (Some(n), Some(a)) = (&num, walk.w_attr(e, b"val")) {
                        nums.insert(n.clone(), a);
                    }
                }
                Some(name @ (b"numFmt" | b"lvlText" | b"start")) => {
                    if let Some(a) = &abs {
                        let levels = abstracts.entry(a.clone()).or_insert_with(|| vec![Lvl::default(); MAX_LEVEL + 1]);
                        let v = walk.w_attr(e, b"val").unwrap_or_default();
                        let l = &mut levels[lvl];
                        match name {
                            b"numFmt" => l.fmt = v,
                            b"lvlText" => l.text = v.chars().take(MAX_LABEL_CHARS).collect(),
                            _ => l.start = v.trim().parse::<u64>().map_or(1, |s| u32::try_from(s.min(u64::from(MAX_START))).unwrap_or(MAX_START)),
                        }
                    }
                }
                _ => {}
            }
        }
        let nums = nums.into_iter().filter_map(|(n, a)| abstracts.get(&a).cloned().map(|l| (n, l))).collect();
        Ok(Numbering { nums })
    }

    /// The label of the next paragraph numbered (`id`, `level`), advancing the counters; None
    /// for bullets, "none" and unknown lists.
    pub fn label(&self, counters: &mut Counters, id: &str, level: usize) -> Option<String> {
        let levels = self.nums.get(id)?;
        let level = level.min(MAX_LEVEL);
        let start = |k: usize| levels.get(k).map_or(1, |x| x.start);
        let n = *counters.0.entry((id.to_owned(), level)).and_modify(|c| *c = c.saturating_add(1)).or_insert(start(level));
        // A level restarts when a higher one advances.
        counters.0.retain(|(cid, cl), _| cid != id || *cl <= level);
        let lvl = levels.get(level)?;
        if lvl.fmt == "bullet" {
            return None;
        }
        let mut label = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            // "%k" is level k's current number, formatted in level k's format.
            let k = match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => d as usize - 1,
                _ => {
                    label.push(c);
                    continue;
                }
            };
            chars.next();
            if k <= level {
                let v = if k == level { n } else { counters.0.get(&(id.to_owned(), k)).copied().unwrap_or(start(k)) };
                label.push_str(&format_number(v, levels.get(k).map_or("decimal", |x| x.fmt.as_str())));
            }
            if label.chars().count() > MAX_LABEL_CHARS {
                break;
            }
        }
        let label: String = label.chars().take(MAX_LABEL_CHARS).collect();
        (!label.trim().is_empty()).then_some(label)
    }
}

/// The current number of each (list, level).
#[derive(Debug, Default)]
pub struct Counters(HashMap<(String, usize), u32>);

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v && s.len() < MAX_LABEL_CHARS {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn format_number(n: u32, fmt: &str) -> String {
    let letter = |base: u8| char::from(base + ((n.max(1) - 1) % 26) as u8).to_string();
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(b'A'),
        "lowerLetter" => letter(b'a'),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(lvls: &str) -> Numbering {
        let xml = format!(
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        Numbering::parse(xml.as_bytes()).unwrap()
    }

    #[test]
    fn levels_and_labels_as_word_shows_them() {
        let n = numbering(
            r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>"#,
        );
        let mut c = Counters::default();
        let labels: Vec<_> = [(0, "I."), (1, "I.1."), (1, "I.2."), (0, "II."), (1, "II.1.")]
            .iter()
            .map(|(l, want)| (n.label(&mut c, "1", *l).unwrap(), *want))
            .collect();
        for (got, want) in labels {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn hostile_numbers_are_bounded() {
        // A huge level (read as the last, 8), a start near u32::MAX, ten thousand "%1".
        let n = numbering(&format!(
            r#"<w:lvl w:ilvl="4294967295"><w:start w:val="4294967290"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%9{}"/></w:lvl>"#,
            "%1".repeat(10_000)
        ));
        let mut c = Counters::default();
        let label = n.label(&mut c, "1", level(Some("18446744073709551615".into()))).unwrap();
        assert!(label.chars().count() <= MAX_LABEL_CHARS, "{label}");
        assert!(label.starts_with("MMMMMMMMMM"), "start capped at {MAX_START}: {label}");
        assert_eq!(level(Some("99999999999999999999999".into())), 0, "not a number at all");
        assert_eq!(level(Some("9".into())), MAX_LEVEL);
    }
}
