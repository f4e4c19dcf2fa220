//! `doubled_word`: "đạt đạt", "giá giá trị", "Lũy kế lũy kế" — also across joined wraps.
//! Vietnamese reduplicatives that are words in their own right ("dần dần", "ngày ngày") are
//! not reported.

use super::{Ctx, Finding};
use crate::lexicon::lexicon;
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    // Words with their offsets, one buffer for all blocks.
    let mut words: Vec<(usize, usize)> = Vec::new();
    for block in &ctx.doc.layout.blocks {
        if !rule.applies_to(block.role) {
            continue;
        }
        let text = &block.text;
        let low = &block.lower;
        words.clear();
        let mut start = None;
        for (i, c) in low.char_indices().chain(std::iter::once((low.len(), ' '))) {
            let letter = crate::text::is_letter(c) || (start.is_some() && crate::text::is_mark(c));
            match (letter, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        let only_space = |a: (usize, usize), b: (usize, usize)| low[a.1..b.0].chars().all(|c| c == ' ') && b.0 > a.1;
        let w = |x: (usize, usize)| &low[x.0..x.1];
        let mut i = 0;
        while i + 1 < words.len() {
            let (a, b) = (words[i], words[i + 1]);
            // Two-word repeats first: "lũy kế lũy kế".
            if i + 3 < words.len() {
                let (c, d) = (words[i + 2], words[i + 3]);
                if w(a) == w(c) && w(b) == w(d) && w(a) != w(b) && only_space(a, b) && only_space(b, c) && only_space(c, d) {
                    push(ctx, rule, block, a.0, d.1, &text[a.0..b.1], out);
                    i += 4;
                    continue;
                }
            }
            if w(a) != w(b) || !only_space(a, b) {
                i += 1;
                continue;
            }
            // "sản xuất xuất khẩu": the syllable closes one word and opens the next.
            let overlap = i > 0
                && i + 2 < words.len()
                && only_space(words[i - 1], a)
                && only_space(b, words[i + 2])
                && lexicon().is_word_pair(w(words[i - 1]), w(a))
                && lexicon().is_word_pair(w(b), w(words[i + 2]));
            let name = is_name(&text[b.0..b.1]) && !sentence_start(text, a.0);
            if w(a).chars().count() > 1 && !overlap && !lexicon().reduplicatives.iter().any(|r| r == w(a)) && !name {
                push(ctx, rule, block, a.0, b.1, &text[a.0..a.1], out);
                i += 2;
                continue;
            }
            i += 1;
        }
    }
}

/// "Hà Hà", "phân khu Khu du lịch …": a capitalised repeat inside a sentence is more likely a
/// name than a typo. At a sentence start the capital says nothing: "Đã đã" is a typo.
fn is_name(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Nothing but an opening mark since the end of the last sentence (or the block start).
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || "(\"“‘'-–•*".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn push(ctx: &Ctx, rule: &Rule, block: &crate::layout::Block, s: usize, e: usize, word: &str, out: &mut Vec<Finding>) {
    let (start, end) = block.source_range(s, e);
    let vars = [("word", word.to_owned()), ("stated", block.text[s..e].to_owned())];
    out.push(ctx.finding(rule, rule.level, ctx.span(start, end), Vec::new(), &vars));
}
