//! Claims: what the report asserts, built from the grammar's tokens. Each figure gets a role
//! (value, plan percent, growth, share, ratio operand, part, total); figures that belong
//! together form a claim about one indicator; breakdowns link a total to its parts.

use rust_decimal::Decimal;

use crate::grammar::{self, Cue, Kind, Number, PeriodKind, Sep, Token};
use crate::layout::{describe, Block, BlockKind, Layout, Role};
use crate::lexicon::{lexicon, Unit};
use crate::text::{lower, squash};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureRole {
    Value,
    PlanPercent,
    GrowthPercent,
    GrowthAbsolute,
    SharePercent,
    RatioNumerator,
    RatioDenominator,
    Part,
    Total,
    Other,
}

impl FigureRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureRole::Value => "value",
            FigureRole::PlanPercent => "plan_percent",
            FigureRole::GrowthPercent => "growth_percent",
            FigureRole::GrowthAbsolute => "growth_absolute",
            FigureRole::SharePercent => "share_percent",
            FigureRole::RatioNumerator => "ratio_numerator",
            FigureRole::RatioDenominator => "ratio_denominator",
            FigureRole::Part => "part",
            FigureRole::Total => "total",
            FigureRole::Other => "other",
        }
    }

    /// Roles that state an amount of the indicator itself (not a percent about it).
    pub fn is_amount(self) -> bool {
        matches!(self, FigureRole::Value | FigureRole::Total | FigureRole::Part | FigureRole::RatioNumerator | FigureRole::Other)
    }
}

/// A bound the text puts on a figure: "hơn 50" is above 50, "gần 1,82 triệu" below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Estimate,
    About,
    Above,
    Below,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub role: FigureRole,
    pub number: Number,
    pub unit: Option<Unit>,
    pub qualifier: Option<Qualifier>,
    /// "giảm" growth, or "vượt" a plan by this percent.
    pub negative: bool,
    pub exceeds: bool,
    /// Growth written as a ratio to the base ("bằng 91% so với cùng kỳ").
    pub ratio_form: bool,
    /// Introduced by "còn lại", "chưa phân bổ": what is left of an earlier amount.
    pub remainder: bool,
    /// For a plan percent: the words naming the plan ("kế hoạch vốn giao").
    pub against: Option<String>,
    /// The figure as written, e.g. "42.564 triệu đồng".
    pub text: String,
    /// Byte range in the source text (NFC).
    pub start: usize,
    pub end: usize,
    /// Byte range in the block text.
    pub block_start: usize,
    pub block_end: usize,
}

impl Figure {
    pub fn value(&self) -> Decimal {
        self.number.value
    }
    /// The value in the base unit of its dimension (đồng, m², kg, …).
    pub fn base_value(&self) -> Decimal {
        match &self.unit {
            Some(u) => self.number.value.checked_mul(u.scale).unwrap_or(self.number.value),
            None => self.number.value,
        }
    }
    pub fn dimension(&self) -> Option<&str> {
        self.unit.as_ref().map(|u| u.dimension.as_str())
    }
    pub fn is_percent(&self) -> bool {
        self.unit.as_ref().is_some_and(|u| u.is_percent())
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    /// The indicator as written ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ").
    pub indicator: String,
    /// The indicator normalised through the lexicon, for comparing claims.
    pub key: String,
    pub figures: Vec<Figure>,
    pub block: usize,
    pub role: Role,
    pub section: String,
    /// "doc" for the report's own period, "month" for "trong tháng", or a stated period.
    pub period: String,
    pub start: usize,
    pub end: usize,
}

impl Claim {
    pub fn main(&self) -> Option<&Figure> {
        self.figures.iter().find(|f| f.role.is_amount())
    }
    pub fn find(&self, role: FigureRole) -> Option<&Figure> {
        self.figures.iter().find(|f| f.role == role)
    }
}

/// A figure of a claim: (claim index, figure index).
pub type FigRef = (usize, usize);

#[derive(Debug, Clone)]
pub struct Breakdown {
    pub total: FigRef,
    pub parts: Vec<FigRef>,
    /// The list reads as complete ("gồm", "phân theo", a bare parenthesis), as opposed to a
    /// "trong đó" subset or one that trails off with "…".
    pub exhaustive: bool,
    /// It ends with "…", "v.v." or "khác": certainly partial.
    pub open_ended: bool,
    /// Introduced by "trong đó" (a subset unless it adds up).
    pub subset_cue: bool,
}

#[derive(Debug, Default)]
pub struct Claims {
    pub claims: Vec<Claim>,
    pub breakdowns: Vec<Breakdown>,
}

impl Claims {
    pub fn figure(&self, r: FigRef) -> &Figure {
        &self.claims[r.0].figures[r.1]
    }
}

/// A figure while the block is being read.
#[derive(Debug, Clone)]
struct Cand {
    fig: Figure,
    /// Index of the first token after the figure (and its unit).
    tok_end: usize,
    tok_start: usize,
    /// Paren depth at the figure.
    depth: usize,
    sentence: usize,
}

pub fn extract(layout: &Layout, meta_year: Option<u16>, doc_period: Option<&str>) -> Claims {
    let mut out = Claims::default();
    // Figures just before each footnote marker, for breakdowns written as footnotes.
    let mut before_marker: Vec<Vec<(String, Option<FigRef>)>> = vec![Vec::new(); layout.blocks.len()];
    for (bi, block) in layout.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading || !block.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let first_claim = out.claims.len();
        let footnote_total = block.parent.and_then(|p| {
            before_marker[p].iter().find(|(l, _)| Some(l) == block.footnote.as_ref()).and_then(|(_, r)| *r)
        });
        read_block(bi, block, meta_year, doc_period, footnote_total, &mut out);
        // Remember, for each marker, the last amount figure before it.
        for (at, label) in &block.markers {
            let mut best: Option<FigRef> = None;
            for ci in first_claim..out.claims.len() {
                for (fi, f) in out.claims[ci].figures.iter().enumerate() {
                    // The amount the marker follows: right after it, or later in the same clause
                    // ("05 vụ vi phạm¹").
                    let between = block.text.get(f.block_end..*at).unwrap_or(",");
                    if f.block_end <= *at && f.role.is_amount() && !f.is_percent() && between.len() <= 40 && !between.contains([',', ';', '.', ':', '(', ')']) {
                        best = Some((ci, fi));
                    }
                }
            }
            before_marker[bi].push((label.clone(), best));
        }
    }
    out
}

fn read_block(bi: usize, block: &Block, year: Option<u16>, doc_period: Option<&str>, footnote_total: Option<FigRef>, out: &mut Claims) {
    let text = &block.text;
    let low = &block.lower;
    let toks = grammar::tokens(low);
    let cands = figures(block, text, low, &toks);
    if cands.is_empty() {
        return;
    }
    let lex = lexicon();
    let mut roles: Vec<Cand> = cands;
    // Roles from the cues around each figure.
    for i in 0..roles.len() {
        let mut lead = lead_cues(&toks, roles[i].tok_start, if i == 0 { 0 } else { roles[i - 1].tok_end });
        refine_lead(&mut lead, low, roles[i].fig.block_start);
        let parens_share = in_parens_after_value(&toks, roles[i].tok_start);
        let tail = &low[roles[i].fig.block_end..];
        let tail_t = tail.trim_start_matches([' ', ',']);
        let f = &mut roles[i].fig;
        if f.role == FigureRole::RatioNumerator || f.role == FigureRole::RatioDenominator {
            continue;
        }
        f.qualifier = lead.qualifier;
        let plan_after = lex.plan_word_at(tail_t).is_some()
            || tail_t.strip_prefix("so với").map(|r| lex.plan_word_at(r.trim_start()).is_some()).unwrap_or(false);
        let compare_after = tail_t.starts_with("so với") || tail_t.starts_with("so cùng") || tail_t.starts_with("cùng kỳ");
        let dim = f.unit.as_ref().map(|u| u.dimension.clone()).unwrap_or_default();
        if dim == "percent" || dim == "permille" {
            if plan_after {
                f.role = FigureRole::PlanPercent;
                f.exceeds = lead.exceed;
                let phrase_end = tail.find([',', ';', '.', '(', ')', ':']).unwrap_or(tail.len());
                let phrase = text[f.block_end..f.block_end + phrase_end].trim();
                f.against = Some(phrase.strip_prefix("so với").unwrap_or(phrase).trim().to_owned());
            } else if lead.up || lead.down {
                f.role = FigureRole::GrowthPercent;
                f.negative = lead.down;
            } else if lead.reach_bang && compare_after {
                f.role = FigureRole::GrowthPercent;
                f.ratio_form = true;
            } else if lead.share || lead.rate || lead.reach || parens_share {
                f.role = FigureRole::SharePercent;
            } else if compare_after {
                f.role = FigureRole::GrowthPercent;
                f.ratio_form = true;
            } else if tail_t.starts_with(|c: char| c.is_alphabetic()) && !tail_t.starts_with("so ") {
                // "96,3% hộ gia đình đạt tiêu chuẩn", "100% dân số được dùng nước sạch": the
                // share of the noun that follows.
                f.role = FigureRole::SharePercent;
            } else {
                f.role = FigureRole::Other;
            }
        } else if dim == "points" && (lead.up || lead.down) {
            f.role = FigureRole::GrowthAbsolute;
            f.negative = lead.down;
        } else if dim == "times" && lead.up {
            f.role = FigureRole::GrowthPercent;
        } else if (lead.up || lead.down) && compare_after {
            f.role = FigureRole::GrowthAbsolute;
            f.negative = lead.down;
        }
        f.remainder = lead.remainder;
    }
    let breakdowns = find_breakdowns(&toks, low, &roles, footnote_total.is_some());
    // Group figures into claims: an amount opens a claim, percents about it follow.
    let mut claim_of: Vec<usize> = vec![usize::MAX; roles.len()];
    let mut current: Option<usize> = None;
    // The open claim at each parenthesis depth: a percent after ")" belongs to the amount
    // before "(", not to the last part inside it.
    let mut at_depth: Vec<Option<usize>> = Vec::new();
    let base = out.claims.len();
    let mut last_indicator: Option<(usize, String, String)> = None; // (sentence, text, start)
    for i in 0..roles.len() {
        let c = &roles[i];
        if !c.fig.role.is_amount() && i > 0 && c.depth < roles[i - 1].depth {
            if let Some(Some(ci)) = at_depth.get(c.depth) {
                current = Some(*ci);
            }
        }
        let opens = c.fig.role.is_amount() || current.is_none();
        let same_sentence = current.is_some() && i > 0 && roles[i - 1].sentence == c.sentence;
        if opens || !same_sentence {
            let prev_end = if i == 0 { 0 } else { roles[i - 1].tok_end };
            let floor_byte = if i == 0 { 0 } else { roles[i - 1].fig.block_end };
            let (ind, ind_start) = indicator(&toks, text, low, prev_end, c.tok_start, floor_byte);
            // Nothing names it before: a counted noun names itself ("03 vụ vi phạm hàng lậu"),
            // anything else continues the sentence's subject ("…, lũy kế ước đạt 1.931 tỷ").
            let noun = following_noun(text, &c.fig);
            let counted = c.fig.unit.as_ref().is_some_and(|u| u.is_count());
            let (ind, ind_start) = match (ind.is_empty(), &last_indicator) {
                (true, _) if counted && !noun.is_empty() => (noun, c.fig.block_start),
                (true, Some((s, t, _))) if *s == c.sentence => (t.clone(), c.fig.block_start),
                (true, _) => (noun, c.fig.block_start),
                _ => (ind, ind_start),
            };
            last_indicator = Some((c.sentence, ind.clone(), String::new()));
            let period = claim_period(&toks, prev_end, c.tok_start, year, doc_period);
            let start = block.source_offset(ind_start.min(c.fig.block_start), false);
            out.claims.push(Claim {
                key: key(&ind),
                indicator: ind,
                figures: Vec::new(),
                block: bi,
                role: block.role,
                section: block.section.clone(),
                period,
                start,
                end: c.fig.end,
            });
            current = Some(out.claims.len() - 1);
            if at_depth.len() <= c.depth {
                at_depth.resize(c.depth + 1, None);
            }
            at_depth[c.depth] = current;
            at_depth.truncate(c.depth + 1);
        }
        let ci = current.unwrap_or(base);
        if let Some(claim) = out.claims.get_mut(ci) {
            claim.end = claim.end.max(c.fig.end);
            claim.figures.push(c.fig.clone());
            claim_of[i] = ci;
        }
    }
    let figref = |i: usize, claims: &[Claim]| -> Option<FigRef> {
        let ci = claim_of[i];
        let fi = claims.get(ci)?.figures.iter().position(|f| f.block_start == roles[i].fig.block_start)?;
        Some((ci, fi))
    };
    for bd in breakdowns {
        let total = match bd.total {
            Some(t) => figref(t, &out.claims),
            None => footnote_total,
        };
        let Some(total) = total else { continue };
        let tdim = out.claims[total.0].figures[total.1].unit.as_ref().map(|u| u.base_dimension().to_owned());
        let parts: Vec<FigRef> = bd
            .parts
            .iter()
            .filter_map(|&p| figref(p, &out.claims))
            .filter(|p| {
                let d = out.claims[p.0].figures[p.1].unit.as_ref().map(|u| u.base_dimension().to_owned());
                d == tdim || (d.as_deref().is_some_and(|d| d.starts_with("count:")) && tdim.as_deref().is_some_and(|t| t.starts_with("count:")))
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        set_role(&mut out.claims, total, FigureRole::Total);
        for &p in &parts {
            set_role(&mut out.claims, p, FigureRole::Part);
        }

        out.breakdowns.push(Breakdown { total, parts, exhaustive: bd.exhaustive, open_ended: bd.open_ended, subset_cue: bd.subset_cue });
    }
}

fn set_role(claims: &mut [Claim], r: FigRef, role: FigureRole) {
    // A ratio operand keeps its role; it is also a part or total of the breakdown.
    if let Some(f) = claims.get_mut(r.0).and_then(|c| c.figures.get_mut(r.1)) {
        if matches!(f.role, FigureRole::Value | FigureRole::Other | FigureRole::Part | FigureRole::Total) {
            f.role = role;
        }
    }
}

/// Every figure of a block, with its unit; ratios `a/b` paired.
fn figures(block: &Block, text: &str, low: &str, toks: &[Token]) -> Vec<Cand> {
    let lex = lexicon();
    let mut out: Vec<Cand> = Vec::new();
    let mut consumed = 0usize;
    let mut depth = 0usize;
    let mut sentence = 0usize;
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
        // "12. Làm tốt …", "(4)": the label of a list item, not a figure.
        let label = text[..t.start].trim_start_matches(['-', '+', '(', ' ']).is_empty() && low[t.end..].starts_with(['.', ')']);
        if t.start < consumed || !stands_alone(text, t.start) || label {
            i += 1;
            continue;
        }
        let unit = lex.unit_at(&text[t.end..], &low[t.end..]);
        let mut end = t.end + unit.as_ref().map(|u| u.1).unwrap_or(0);
        let mut unit = unit.map(|u| u.0);
        if unit.as_ref().is_some_and(|u| u.dimension == "time" && matches!(u.text.as_str(), "tháng" | "năm" | "quý")) {
            i += 1;
            continue;
        }
        let ratio_next = low[t.end..].starts_with('/') && low[t.end + 1..].starts_with(|c: char| c.is_ascii_digit());
        if unit.is_none() && !ratio_next && !worth_keeping(text, low, t.start, t.end, &number) {
            i += 1;
            continue;
        }
        // a/b: a ratio when both sides measure the same thing ("21/28 trường",
        // "6.847 triệu đồng/30.766 triệu đồng"), two values otherwise ("02 vụ/02 đối tượng").
        let mut denom: Option<(Number, usize, usize, Option<Unit>, usize)> = None;
        if low[end..].starts_with('/') {
            let j = toks.partition_point(|x| x.start < end + 1);
            if let Some(j) = Some(j).filter(|&j| toks.get(j).is_some_and(|x| x.start == end + 1 && matches!(x.kind, Kind::Figure(_)))) {
                if let Kind::Figure(dn) = toks[j].kind {
                    let du = lex.unit_at(&text[toks[j].end..], &low[toks[j].end..]);
                    let dend = toks[j].end + du.as_ref().map(|u| u.1).unwrap_or(0);
                    denom = Some((dn, toks[j].start, dend, du.map(|u| u.0), j));
                }
            }
        }
        let mk = |role: FigureRole, number: Number, s: usize, e: usize, unit: Option<Unit>| {
            let (start, end) = block.source_range(s, e);
            Figure {
                role,
                number,
                unit,
                qualifier: None,
                negative: false,
                exceeds: false,
                ratio_form: false,
                remainder: false,
                against: None,
                text: text[s..e].to_owned(),
                start,
                end,
                block_start: s,
                block_end: e,
            }
        };
        let tok_end_of = |e: usize| toks.partition_point(|x| x.start < e);
        match denom {
            Some((dn, ds, de, du, _)) => {
                let same = match (&unit, &du) {
                    (Some(a), Some(b)) => a.dimension == b.dimension,
                    _ => true,
                };
                if same {
                    let shared = unit.clone().or(du.clone());
                    let nume = mk(FigureRole::RatioNumerator, number, t.start, end, unit.clone().or(du.clone()));
                    out.push(Cand { fig: nume, tok_start: i, tok_end: tok_end_of(de), depth, sentence });
                    let den = mk(FigureRole::RatioDenominator, dn, ds, de, du.or(shared));
                    out.push(Cand { fig: den, tok_start: tok_end_of(ds), tok_end: tok_end_of(de), depth, sentence });
                    consumed = de;
                    i = tok_end_of(de);
                    continue;
                }
                let f = mk(FigureRole::Value, number, t.start, end, unit.take());
                out.push(Cand { fig: f, tok_start: i, tok_end: tok_end_of(end), depth, sentence });
                consumed = end;
                i += 1;
                continue;
            }
            None => {
                if unit.is_none() {
                    end = t.end;
                }
                let f = mk(FigureRole::Value, number, t.start, end, unit);
                out.push(Cand { fig: f, tok_start: i, tok_end: tok_end_of(end), depth, sentence });
                consumed = end;
            }
        }
        i += 1;
    }
    out
}

/// A number glued to letters ("Covid-19", "Khâu1") is part of a name.
fn stands_alone(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let mut rev = before.chars().rev();
    match rev.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('-') | Some('–') => !rev.next().is_some_and(|c| c.is_alphabetic()),
        _ => true,
    }
}

/// A number without a unit is a figure only when the words around it say so.
fn worth_keeping(text: &str, low: &str, start: usize, end: usize, n: &Number) -> bool {
    if n.ambiguous {
        return false;
    }
    let before = low[..start].trim_end();
    let prev_word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let prev_orig = text[..start].trim_end().rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    // "(4)", "số 6", "lần thứ 64", "khóa IV", "Phân khu 1", "ISO 9001"
    if before.ends_with('(') && low[end..].starts_with(')') {
        return false;
    }
    if ["số", "thứ", "khóa", "khoá", "điều", "khoản", "mục", "phụ", "lục", "đợt", "kỳ", "lần", "tập", "iso", "năm", "tháng", "ngày", "quý", "độ"]
        .contains(&prev_word.trim_matches(|c: char| !c.is_alphanumeric()))
    {
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

#[derive(Default, Debug)]
struct Lead {
    qualifier: Option<Qualifier>,
    up: bool,
    down: bool,
    reach: bool,
    reach_bang: bool,
    exceed: bool,
    share: bool,
    rate: bool,
    remainder: bool,
}

/// The cues between the previous figure (or sentence start) and this one, nearest first.
fn lead_cues(toks: &[Token], at: usize, floor: usize) -> Lead {
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

/// Reads the qualifier and the verb kind from the words right before a figure.
fn refine_lead(lead: &mut Lead, low: &str, start: usize) {
    let before = low[..start].trim_end();
    let words: Vec<&str> = before.rsplit(' ').take(3).collect();
    let w0 = words.first().copied().unwrap_or("");
    let w1 = words.get(1).copied().unwrap_or("");
    lead.qualifier = match (w1, w0) {
        (_, "hơn") | (_, "trên") | ("tối", "thiểu") | ("ít", "nhất") => Some(Qualifier::Above),
        (_, "gần") | (_, "dưới") | ("tối", "đa") => Some(Qualifier::Below),
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
    lead.up &= verb_near("tăng") || verb_near("lên") || verb_near("nâng");
    lead.down &= verb_near("giảm") || verb_near("hạ");
}

/// "(15%)" right after an amount: a share of the figure before.
fn in_parens_after_value(toks: &[Token], at: usize) -> bool {
    at > 0 && matches!(toks[at - 1].kind, Kind::Sep(Sep::Open)) && toks.get(at + 1).is_some_and(|t| matches!(t.kind, Kind::Sep(Sep::Close)))
}

struct FoundBreakdown {
    total: Option<usize>,
    parts: Vec<usize>,
    exhaustive: bool,
    open_ended: bool,
    subset_cue: bool,
}

/// Breakdowns: a cue ("trong đó", "gồm", "phân theo", …) or a parenthesis after an amount,
/// followed by amounts of the same dimension.
fn find_breakdowns(toks: &[Token], low: &str, cands: &[Cand], footnote: bool) -> Vec<FoundBreakdown> {
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
        // Where the list ends: the matching parenthesis, or the end of the sentence; without a
        // colon ("trong đó nguồn vốn … đạt 11.720 tỷ; tổng dư nợ …") at the end of the clause.
        let open_at = if paren { if cue_kind.is_some() { ti - 1 } else { ti } } else { ti };
        let end_tok = if paren {
            close_of[open_at]
        } else if depth_before[ti] == 0 {
            if colon_follows { stop_after[ti] } else { stop_after[ti].min(semi_after[ti]) }
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
            stops <= 1 && semis == 0 && (stops == 0 || cue_kind.is_some())
        });
        if total.is_none() && !(footnote && cue_kind.is_some() && ti <= 1) {
            continue;
        }
        let tdim = total.and_then(|k| cands[k].fig.unit.as_ref().map(|u| u.base_dimension().to_owned()));
        let inner_depth = outer_depth + usize::from(paren);
        let lo = cands.partition_point(|c| c.tok_start <= ti);
        let hi = cands.partition_point(|c| c.tok_start < end_tok);
        let parts: Vec<usize> = (lo..hi.max(lo))
            .filter(|&k| amount(&cands[k]) && cands[k].depth == inner_depth)
            .filter(|&k| match (&tdim, &cands[k].fig.unit) {
                // "21 giấy phép, trong đó: 10 giấy phép …, 02 giấy chứng nhận …": counts of
                // things listed under a count are its parts whatever their noun.
                (Some(d), Some(u)) => u.base_dimension() == d || (d.starts_with("count:") && u.is_count() && cue_kind.is_some()),
                (None, Some(_)) => true,
                _ => false,
            })
            .collect();
        // A bare parenthesis is a breakdown only with at least two amounts in it.
        if parts.is_empty() || (cue_kind.is_none() && parts.len() < 2) {
            continue;
        }
        if cue_kind.is_none() {
            // Every part of a bare parenthesis must be introduced by words (a label).
            let labelled = parts.iter().all(|&p| {
                let prev_end = if p == 0 { 0 } else { cands[p - 1].fig.block_end };
                let s = cands[p].fig.block_start;
                low[prev_end.min(s)..s].chars().any(|c| c.is_alphabetic())
            });
            if !labelled {
                continue;
            }
        }
        let tail_start = parts.last().map(|&p| cands[p].fig.block_end).unwrap_or(0);
        let tail_end = toks.get(end_tok).map(|x| x.start).unwrap_or(low.len());
        let tail = &low[tail_start.min(tail_end)..tail_end];
        let head_end = parts.first().map(|&p| cands[p].fig.block_start).unwrap_or(t.end).max(t.end);
        let head = &low[t.end..head_end];
        let open_ended = tail.contains("...") || tail.contains('…') || tail.contains("v.v") || tail.contains("khác")
            || head.contains("chủ yếu") || head.contains("một số") || head.contains("như");
        let cue = cue_kind.unwrap_or("");
        let subset_cue = cue == "trong đó" || cue == "cụ thể";
        let exhaustive = !open_ended && (cue.is_empty() || matches!(cue, "gồm" | "bao gồm" | "phân theo" | "chia ra"));
        found.push(FoundBreakdown { total, parts, exhaustive, open_ended, subset_cue });
    }
    // A footnote that only lists amounts ("Cấp 05 giấy phép …; 04 giấy phép …; 01 giấy phép …")
    // breaks down the figure its marker follows, though no cue word says so. It is read as a
    // partial list: never reported as falling short.
    if footnote && found.is_empty() && !toks.first().is_some_and(|t| matches!(t.kind, Kind::Cue(Cue::Breakdown))) {
        let parts: Vec<usize> = (0..cands.len()).filter(|&k| amount(&cands[k]) && cands[k].depth == 0 && cands[k].fig.unit.is_some()).collect();
        let items = low.split(';').filter(|s| !s.trim().is_empty()).count();
        if parts.len() >= 2 && items == parts.len() {
            found.push(FoundBreakdown { total: None, parts, exhaustive: false, open_ended: true, subset_cue: false });
        }
    }
    // A part belongs to the innermost breakdown that lists it.
    let mut seen = std::collections::HashSet::new();
    found.sort_by_key(|b| std::cmp::Reverse(b.parts.first().copied().unwrap_or(0)));
    for b in found.iter_mut() {
        b.parts.retain(|p| seen.insert(*p));
    }
    found.retain(|b| !b.parts.is_empty());
    found.sort_by_key(|b| b.parts.first().copied().unwrap_or(0));
    found
}

/// The words naming what a figure measures: from the last boundary before it to the verb.
fn indicator(toks: &[Token], text: &str, low: &str, floor_tok: usize, at: usize, floor_byte: usize) -> (String, usize) {
    let fig_start = toks.get(at).map(|t| t.start).unwrap_or(text.len());
    let mut start = floor_byte.min(fig_start);
    let mut colon_before: Option<usize> = None;
    let mut j = at;
    while j > floor_tok {
        j -= 1;
        let t = toks[j];
        match t.kind {
            // "Giá trị sản xuất nông, lâm nghiệp, thủy sản đạt …": a comma inside a noun
            // phrase is crossed when what follows it is only a word or two.
            Kind::Sep(Sep::Comma) if j > floor_tok && trim_verbs(&text[t.end..fig_start], &low[t.end..fig_start]).split_whitespace().count() <= 2 => {}
            Kind::Sep(Sep::Semicolon | Sep::Stop | Sep::Open | Sep::Close | Sep::Comma | Sep::Newline) => {
                start = t.end;
                break;
            }
            Kind::Sep(Sep::Colon) => {
                colon_before = Some(t.start);
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
    let mut name = trim_verbs(&text[start.min(fig_start)..fig_start], &low[start.min(fig_start)..fig_start]);
    let mut name_start = start;
    if name.trim().is_empty() {
        if let Some(c) = colon_before {
            // "Chi đầu tư: 31.926 triệu đồng": the name is before the colon.
            let mut s = 0;
            for t in toks[..j].iter().rev() {
                if matches!(t.kind, Kind::Sep(Sep::Semicolon | Sep::Stop | Sep::Open | Sep::Close | Sep::Comma | Sep::Colon) | Kind::Cue(Cue::Breakdown)) || matches!(t.kind, Kind::Figure(_)) {
                    s = t.end;
                    break;
                }
            }
            name = trim_verbs(&text[s.min(c)..c], &low[s.min(c)..c]);
            name_start = s;
        }
    }
    (name, name_start)
}

/// Drops the verbs, qualifiers and periods around an indicator: "… 9 tháng đầu năm ước đạt".
fn trim_verbs(orig: &str, low: &str) -> String {
    const TRAILING: [&str; 24] = [
        "ước tính", "ước thực hiện", "thực hiện", "ước đạt", "đạt được", "đạt trên", "đạt", "ước", "là", "được", "với", "có", "khoảng", "gần",
        "hơn", "trên", "dưới", "bằng", "đến", "cho", "tới", "thêm", "chỉ", "mới",
    ];
    let mut end = orig.len();
    loop {
        let l = low[..end].trim_end_matches([' ', ',', ':', '-', '–']);
        let mut cut = false;
        for w in TRAILING {
            if l.ends_with(w) && (l.len() == w.len() || l[..l.len() - w.len()].ends_with(' ')) {
                end = l.len() - w.len();
                cut = true;
                break;
            }
        }
        if !cut {
            end = l.len();
            break;
        }
    }
    let mut s = &orig[..end];
    // "chuẩn bị ao nuôi với tổng diện tích thủy sản": the name follows the last "với".
    if let Some(at) = low[..end].rfind(" với ") {
        let from = at + " với ".len();
        if !low[from..end].trim().is_empty() {
            s = &orig[from..end];
        }
    }
    let mut s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "… và 15/28 trường": a conjunction opens the clause, it does not name anything.
    for lead in ["và ", "với ", "còn ", "đồng thời "] {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest;
        }
    }
    squash(s)
}

/// When nothing precedes a figure, the noun after it names it ("tiêm 5.500 liều vắc-xin").
fn following_noun(text: &str, f: &Figure) -> String {
    // For a ratio's numerator, the noun follows the denominator: "7/7 xã, phường".
    let rest = text[f.block_end..].trim_start_matches(|c: char| c == '/' || c.is_ascii_digit() || c == '.');
    let end = rest.find([',', ';', '.', '(', ')', ':']).unwrap_or(rest.len());
    squash(&rest[..end].split_whitespace().take(6).collect::<Vec<_>>().join(" "))
}

fn claim_period(toks: &[Token], floor: usize, at: usize, year: Option<u16>, doc_period: Option<&str>) -> String {
    let mut period = "doc".to_owned();
    let from = floor.min(at);
    for t in toks[from..at].iter().rev() {
        match t.kind {
            Kind::Sep(Sep::Semicolon | Sep::Stop) => break,
            Kind::Cue(Cue::Monthly) => return "month".into(),
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
                period = described;
                return period;
            }
            _ => {}
        }
    }
    period
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
        match lex.abbreviations.iter().find(|(a, _)| a == word) {
            Some((_, e)) => s.push_str(e),
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
    const FILLER: [&str; 20] = [
        "tổng", "và", "các", "loại", "của", "toàn", "ước", "đạt", "thực", "hiện", "trên", "địa", "bàn", "là", "huyện", "tỉnh", "thành", "phố", "xã",
        "phường",
    ];
    let mut words: Vec<&str> = Vec::new();
    for w in l.split_whitespace() {
        if FILLER.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_abbreviations_and_typos() {
        assert_eq!(
            key("tổng giá giá trị SXCN và TTCN"),
            key("Tổng giá trị sản xuất công nghiệp - tiểu thủ công nghiệp 9 tháng đầu năm")
        );
        assert_eq!(key("Thu NSNN trên địa bàn"), "thu ngân sách nhà nước");
    }
}
