//! The cue words right before a figure, which decide its role: "đạt … kế hoạch", "tăng … so
//! với", "chiếm", "tỷ lệ", and the qualifiers that make it a bound ("hơn", "gần", "khoảng").

use super::{Cand, Figure, FigureRole, Qualifier};
use crate::lexicon::lexicon;
use crate::grammar::{Cue, Kind, Sep, Token};

#[derive(Default, Debug)]
pub(super) struct Lead {
    pub(super) qualifier: Option<Qualifier>,
    pub(super) up: bool,
    pub(super) down: bool,
    pub(super) reach: bool,
    pub(super) reach_bang: bool,
    pub(super) exceed: bool,
    pub(super) share: bool,
    pub(super) rate: bool,
    pub(super) remainder: bool,
    /// "mức tăng", "tốc độ tăng", "tăng trưởng" before a percent: a growth, though the verb is
    /// not right before it ("đạt mức tăng cao nhất 10,85%").
    pub(super) growth_word: bool,
    /// "đóng góp" before a figure: a contribution to a growth.
    pub(super) contribute: bool,
    /// "gấp" before a multiple: "gấp 2,1 lần cùng kỳ" is a growth written as a factor.
    pub(super) times: bool,
}

/// The cues between the previous figure (or sentence start) and this one, nearest first.
pub(super) fn lead_cues(toks: &[Token], at: usize, floor: usize) -> Lead {
    let mut lead = Lead::default();
    let mut steps = 0;
    let mut j = at;
    while j > floor {
        j -= 1;
        let t = toks[j];
        match t.kind {
            Kind::Sep(Sep::Semicolon | Sep::Stop | Sep::Open | Sep::Close) => break,
            Kind::Figure(_) => break,
            Kind::Cue(c) => {
                match c {
                    Cue::Qualifier if lead.qualifier.is_none() && steps <= 1 => lead.qualifier = Some(Qualifier::Estimate),
                    Cue::Up if steps <= 2 => lead.up = true,
                    Cue::Down if steps <= 2 => lead.down = true,
                    Cue::Reach if steps <= 2 => lead.reach = true,
                    Cue::Share if steps <= 2 => lead.share = true,
                    Cue::Rate => lead.rate = true,
                    Cue::Remainder if steps <= 2 => lead.remainder = true,
                    Cue::Contribute if steps <= 2 => lead.contribute = true,
                    Cue::Times if steps <= 1 => lead.times = true,
                    _ => {}
                }
                steps += 1;
            }
            _ => {}
        }
        if steps > 6 {
            break;
        }
    }
    lead
}

/// How many bytes before a figure its lead words are read from.
const WINDOW: usize = 200;

/// Reads the qualifier and the verb kind from the words right before a figure.
pub(super) fn refine_lead(lead: &mut Lead, low: &str, start: usize) {
    // The words just before, within a window: a long run with no space or comma ("1/2/3/…")
    // would be searched back to its start for every figure.
    let mut from = start.saturating_sub(WINDOW);
    while !low.is_char_boundary(from) {
        from -= 1;
    }
    let before = low[from..start].trim_end();
    let words: Vec<&str> = before.rsplit(' ').take(3).collect();
    let w0 = words.first().copied().unwrap_or("");
    let w1 = words.get(1).copied().unwrap_or("");
    lead.qualifier = match (w1, w0) {
        (_, "hơn") => Some(Qualifier::Over),
        (_, "gần") => Some(Qualifier::Nearly),
        (_, "trên") | ("tối", "thiểu") | ("ít", "nhất") => Some(Qualifier::Above),
        (_, "dưới") | ("tối", "đa") => Some(Qualifier::Below),
        (_, "khoảng") | ("xấp", "xỉ") => Some(Qualifier::About),
        (_, "ước") | ("ước", _) => Some(Qualifier::Estimate),
        _ => lead.qualifier.filter(|_| before.rsplit(' ').take(4).any(|w| w == "ước")),
    };
    lead.reach_bang = w0 == "bằng";
    lead.exceed = w0 == "vượt";
    // "tăng 5%" but not "Tỷ lệ tăng dân số tự nhiên 9,58%": the verb must stand right before
    // the figure (a qualifier may come between).
    // "tăng lần lượt 2,2% và 3,8%": "respectively" does not separate the verb from its figure.
    let before = before.strip_suffix("lần lượt").map(str::trim_end).unwrap_or(before);
    let near: Vec<&str> = before.rsplit(' ').take(3).collect();
    // "đạt trên 95%": the qualifier hides the verb from the cue scan.
    if near.iter().take(2).any(|w| *w == "đạt") {
        lead.reach = true;
    }
    let verb_near = |v: &str| near.first() == Some(&v) || (near.get(1) == Some(&v) && matches!(near[0], "khoảng" | "gần" | "hơn" | "trên" | "thêm" | "lên" | "ước" | "được" | "là" | "đạt"));
    // "nâng tổng diện tích chè lên 1.009 ha": raised to a level, not by an amount.
    let raised_to = near.first() == Some(&"lên") && near.get(1) != Some(&"nâng") && before.rsplit([',', ';', '(', ':']).next().is_some_and(|c| crate::lexicon::has_word(c, "nâng"));
    lead.up &= !raised_to && (verb_near("tăng") || verb_near("lên") || verb_near("nâng"));
    let clause = before.rsplit([',', ';', '(', ':']).next().unwrap_or(before);
    lead.growth_word = ["mức tăng", "tốc độ tăng", "tăng trưởng", "mức giảm"].iter().any(|w| clause.contains(w));
    lead.down &= verb_near("giảm") || verb_near("hạ");
    // "đóng góp 0,64 điểm phần trăm", not "sự đóng góp … trong mức tăng trưởng gần 7%".
    lead.contribute &= verb_near("góp");
}

/// "(15%)" right after an amount: a share of the figure before.
pub(super) fn in_parens_after_value(toks: &[Token], at: usize) -> bool {
    at > 0 && matches!(toks[at - 1].kind, Kind::Sep(Sep::Open)) && toks.get(at + 1).is_some_and(|t| matches!(t.kind, Kind::Sep(Sep::Close)))
}


/// A minus sign written before a number ("tăng trưởng -4,13%", "lợi nhuận -12 tỷ đồng"): a
/// growth or change is a fall; any other figure is negative. A dash between two numbers is a
/// range or a span, not a sign.
pub(super) fn apply_signs(cands: &mut [Cand], low: &str) {
    for c in cands.iter_mut().filter(|c| !c.range) {
        let before = &low[..c.fig.block_start.min(low.len())];
        let Some(head) = before.strip_suffix(['-', '−']) else { continue };
        // "đạt -4,13%", "(-852 ha)"; not "5%-7%" (a range) nor "-100% xã" opening a line (a
        // bullet).
        let line = &head[head.rfind('\n').map_or(0, |i| i + 1)..];
        if !head.ends_with([' ', '(']) || line.trim().is_empty() || line.trim_end().ends_with(|ch: char| ch.is_ascii_digit() || ch == '%') {
            continue;
        }
        let f = &mut c.fig;
        match f.role {
            FigureRole::GrowthPercent | FigureRole::GrowthAbsolute => f.negative = true,
            FigureRole::RatioNumerator | FigureRole::RatioDenominator | FigureRole::Elapsed | FigureRole::Year => {}
            _ => f.number.value.set_sign_negative(true),
        }
    }
}

/// A change and its percent written around each other: "giảm 1,6% (-852 ha)", "tăng 2,1%
/// (1,05 tạ/ha)", "giảm 27,4% (bằng 13,2 tạ/ha)" (the amount in parentheses is the change);
/// "giảm 520ha (bằng 1,65%)" (the percent in parentheses is the growth); "bằng 101,2% (tăng
/// 1.406 ha)" (a growth written as a ratio to the base).
pub(super) fn refine_changes(cands: &mut [Cand], low: &str) {
    for i in 1..cands.len() {
        let (prev, cur) = (&cands[i - 1].fig, &cands[i].fig);
        let Some(between) = low.get(prev.block_end..cur.block_start) else { continue };
        if between.contains([';', '.', ')']) {
            continue;
        }
        // Inside a parenthesis opened right after the previous figure, with at most a sign or
        // "bằng", "tăng", "giảm" before the number.
        let Some(open) = between.rfind('(') else { continue };
        if between[..open].chars().any(|c| c.is_alphanumeric()) {
            continue;
        }
        let lead = between[open + 1..].trim();
        let sign = match lead {
            "-" | "giảm" | "giảm -" => Some(true),
            "+" | "tăng" | "tăng +" => Some(false),
            "" | "bằng" => None,
            _ => continue,
        };
        // The change closes the parenthesis, alone or with its comparison base ("(tăng 20,4
        // ngàn tấn so với năm 2017)"), or ends the sentence of a parenthesis left open.
        let closes = low.get(cur.block_end..).is_some_and(|r| {
            let r = r.trim_start();
            let end = r.find([')', '.', ';', ',', '(']).unwrap_or(r.len());
            r.starts_with(')') || (r[..end].starts_with("so ") && r[end..].starts_with([')', '.']))
        });
        let ratio = matches!(cur.role, FigureRole::RatioNumerator | FigureRole::RatioDenominator);
        if ratio || !closes {
            continue;
        }
        let (prev_role, prev_pct, cur_pct) = (prev.role, prev.is_percent(), cur.is_percent());
        if prev_role == FigureRole::GrowthPercent && !cur_pct && !prev.ratio_form {
            let negative = sign.unwrap_or(prev.negative);
            let f = &mut cands[i].fig;
            f.role = FigureRole::GrowthAbsolute;
            f.negative = negative;
        } else if prev_role == FigureRole::GrowthAbsolute && cur_pct && !matches!(cur.role, FigureRole::PlanPercent) {
            let negative = sign.unwrap_or(prev.negative);
            let f = &mut cands[i].fig;
            f.role = FigureRole::GrowthPercent;
            f.negative = negative;
        } else if prev_pct && !cur_pct && sign.is_some() && low[..prev.block_start].trim_end().ends_with("bằng") {
            let negative = sign.unwrap_or(false);
            cands[i].fig.role = FigureRole::GrowthAbsolute;
            cands[i].fig.negative = negative;
            let p = &mut cands[i - 1].fig;
            p.role = FigureRole::GrowthPercent;
            p.ratio_form = true;
            p.negative = negative;
        }
    }
}

/// Whether a number with no unit is a percent whose sign was left out: a verb that compares
/// ("đạt", "bằng", "vượt", "tăng", "giảm") before it and a plan or a comparison base right
/// after it ("đạt 48,6 dự toán", "vượt 9,4 SCK"). A whole number there is a count whose noun
/// is the plan word itself ("đạt 45 chỉ tiêu") or is understood ("giảm 2 so với cùng kỳ"),
/// so only a number with decimals is read as a percent.
pub(super) fn implied_percent(lead: &Lead, f: &Figure, plan_after: bool, compare_after: bool) -> bool {
    let verb = lead.reach || lead.reach_bang || lead.exceed || lead.up || lead.down;
    verb && (plan_after || compare_after) && f.number.value.scale() > 0 && !f.number.ambiguous
}

/// Whether a lowercase text opens with the name of the same period of the year before
/// ("cùng kỳ", "SCK").
pub(super) fn same_time_after(lower: &str) -> bool {
    matches!(lexicon().cue_at(lower), Some((_, Cue::SameTime)))
}
