//! Claims: what the report asserts, built from the grammar's tokens. Each figure gets a role
//! (value, plan percent, growth, share, ratio operand, part, total); figures that belong
//! together form a claim about one indicator; breakdowns link a total to its parts.

mod breakdown;
mod figures;
mod indicator;
mod roles;
mod subject;
mod table;

use rust_decimal::Decimal;

use crate::grammar::{self, Cue, Kind, Number, Sep};
use crate::layout::{Block, BlockKind, Layout};
pub use crate::model::{FigureRole, Qualifier, Role};
use crate::lexicon::{lexicon, Unit};
use breakdown::find_breakdowns;
use figures::figures;
pub use indicator::key;
pub use subject::{measure_in, Subject};
use indicator::{claim_period, following_noun, indicator, period_markers, share_noun};
use roles::{apply_signs, implied_percent, in_parens_after_value, lead_cues, refine_changes, refine_lead, same_time_after};

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
    /// A percent written without its sign ("đạt 48,6 dự toán", "vượt 9,4 SCK"): read as
    /// one, and reported.
    pub percent_implied: bool,
    /// Introduced by "còn lại", "chưa phân bổ": what is left of an earlier amount.
    pub remainder: bool,
    /// For a plan percent: the words naming the plan ("kế hoạch vốn giao").
    pub against: Option<String>,
    /// For a growth: the comparison words after it, lowercase ("so với cùng kỳ năm 2023",
    /// "so tháng trước"); None when the growth names no base (it shares the sentence's).
    pub base: Option<String>,
    /// The figure as written, e.g. "42.564 triệu đồng".
    pub text: String,
    /// Byte range in the source text (NFC).
    pub start: usize,
    pub end: usize,
    /// Byte range in the block text.
    pub block_start: usize,
    pub block_end: usize,
    /// Where the figure stands: its block, the sentence of the block (counted at the top
    /// level), its parenthesis depth, and its range of the block's tokens.
    pub block: usize,
    pub sentence: usize,
    pub depth: usize,
    pub tok_start: usize,
    pub tok_end: usize,
}

impl Figure {
    pub fn value(&self) -> Decimal {
        self.number.value
    }
    /// Stated as a point, estimated or not ("ước đạt 518,4 tỷ đồng"), not as a bound ("hơn",
    /// "khoảng", "gần").
    pub fn is_point(&self) -> bool {
        self.qualifier.is_none_or(|q| q == crate::model::Qualifier::Estimate)
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
    /// What a bare measure ("sản lượng") is of, lowercase, when the text says it elsewhere:
    /// "cây quế" for "Cây Quế: … sản lượng 1.250 tấn".
    pub subject: Option<Subject>,
    pub figures: Vec<Figure>,
    pub block: usize,
    pub role: Role,
    pub section: String,
    /// "doc" for the report's own period, "month" for "trong tháng", or a stated period.
    pub period: String,
    pub start: usize,
    pub end: usize,
    /// For a table figure: (table, row, column) in `Layout::tables`.
    pub cell: Option<(usize, usize, usize)>,
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
    /// The cue word that introduced the list ("gồm", "trong đó"); empty for a bare parenthesis.
    pub cue: String,
}

#[derive(Debug, Default)]
pub struct Claims {
    pub claims: Vec<Claim>,
    pub breakdowns: Vec<Breakdown>,
    /// The blocks that hold figures, in order, with their tokens: what the relations stage
    /// reads cue words from without tokenising again.
    pub blocks: Vec<BlockClaims>,
}

/// The claims of one block and the block's tokens.
#[derive(Debug, Default)]
pub struct BlockClaims {
    pub block: usize,
    pub tokens: Vec<grammar::Token>,
    /// The block's claims: `claims[first..end]`.
    pub first: usize,
    pub end: usize,
}

impl Claims {
    pub fn figure(&self, r: FigRef) -> &Figure {
        &self.claims[r.0].figures[r.1]
    }

    /// The figures of a block's claims, in text order.
    pub fn figures_of(&self, b: &BlockClaims) -> impl Iterator<Item = FigRef> + '_ {
        (b.first..b.end).flat_map(move |c| (0..self.claims[c].figures.len()).map(move |f| (c, f)))
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
    /// One end of a range ("7,5-8,0%", "5-7 lá"): a bound, whatever cue is before it.
    range: bool,
}

pub fn extract(layout: &Layout, meta_year: Option<u16>, doc_period: Option<&str>) -> Claims {
    let mut out = Claims::default();
    // Figures just before each footnote marker, for breakdowns written as footnotes.
    let mut before_marker: Vec<Vec<(String, Option<FigRef>)>> = vec![Vec::new(); layout.blocks.len()];
    let table_rows = table::rows_by_block(layout);
    for (bi, block) in layout.blocks.iter().enumerate() {
        if let Some(&Some((t, r))) = table_rows.get(bi) {
            table::read_row(layout, t, r, doc_period, &mut out);
            continue;
        }
        if block.kind == BlockKind::Heading || !block.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let first_claim = out.claims.len();
        let footnote_total = block.parent.and_then(|p| {
            before_marker[p].iter().find(|(l, _)| Some(l) == block.footnote.as_ref()).and_then(|(_, r)| *r)
        });
        // "Trong đó, …" opening a paragraph breaks down what the paragraph before ended on.
        let carried = footnote_total.or_else(|| opens_with_breakdown(block).then(|| last_subject(&out, layout, bi)).flatten());
        read_block(bi, block, meta_year, doc_period, carried, &mut out);
        // Remember, for each marker, the last amount figure before it. The block's amounts by
        // where they end, so that a paragraph of many markers costs its length.
        let mut amounts: Vec<(usize, FigRef)> = Vec::new();
        if !block.markers.is_empty() {
            for ci in first_claim..out.claims.len() {
                for (fi, f) in out.claims[ci].figures.iter().enumerate() {
                    if f.role.is_amount() && !f.is_percent() {
                        amounts.push((f.block_end, (ci, fi)));
                    }
                }
            }
            amounts.sort();
        }
        for (at, label) in &block.markers {
            // The amount the marker follows: right after it, or later in the same clause ("05
            // vụ vi phạm¹"), within 40 bytes.
            let upto = amounts.partition_point(|&(end, _)| end <= *at);
            let best = amounts[..upto].iter().rev().take_while(|&&(end, _)| at - end <= 40).find(|&&(end, _)| block.text.get(end..*at).is_some_and(|b| !b.contains([',', ';', '.', ':', '(', ')']))).map(|&(_, r)| r);
            before_marker[bi].push((label.clone(), best));
        }
    }
    out
}

/// A block whose first words are a breakdown cue ("Trong đó,", "Trong đó:", "Cụ thể:").
fn opens_with_breakdown(block: &Block) -> bool {
    let low = block.lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    matches!(lexicon().cue_at(low), Some((_, crate::grammar::Cue::Breakdown)))
}

/// The amount the previous paragraph ended on: the first amount of its last clause ("…; giá trị
/// sản xuất ước đạt 315.145 tỷ đồng, bằng 47,3% kế hoạch, tăng 28%."), if that paragraph is the
/// block right before.
fn last_subject(out: &Claims, layout: &Layout, bi: usize) -> Option<FigRef> {
    let prev = out.blocks.last().filter(|b| b.block + 1 == bi || layout.blocks[b.block + 1..bi].iter().all(|x| x.text.trim().is_empty()))?;
    let figs: Vec<FigRef> = out.figures_of(prev).collect();
    let last = out.figure(*figs.last()?);
    let text = &layout.blocks[prev.block].text;
    let clause_start = text[..last.block_start].rfind(';').map(|i| i + 1).unwrap_or(0);
    figs.into_iter().find(|&r| {
        let f = out.figure(r);
        f.sentence == last.sentence && f.block_start >= clause_start && f.role.is_amount() && !f.is_percent()
    })
}

fn read_block(bi: usize, block: &Block, year: Option<u16>, doc_period: Option<&str>, footnote_total: Option<FigRef>, out: &mut Claims) {
    let text = &block.text;
    let low = &block.lower;
    let toks = grammar::tokens(low);
    let markers = period_markers(&toks, low);
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
        let range = roles[i].range;
        let f = &mut roles[i].fig;
        if f.role == FigureRole::Elapsed {
            // "hơn 10 năm (2014 - 2025)": the qualifier bounds the count.
            f.qualifier = lead.qualifier;
        }
        if matches!(f.role, FigureRole::RatioNumerator | FigureRole::RatioDenominator | FigureRole::Elapsed | FigureRole::Year) || range {
            continue;
        }
        f.qualifier = lead.qualifier;
        // "đạt 99% kế hoạch", "đạt 99% so với kế hoạch", "đạt 96,4% so kế hoạch".
        let compared = tail_t.strip_prefix("so với").or_else(|| tail_t.strip_prefix("so ")).map(str::trim_start);
        let plan_after = lex.plan_word_at(tail_t).is_some() || compared.is_some_and(|r| lex.plan_word_at(r).is_some());
        let compare_after = tail_t.starts_with("so với") || tail_t.starts_with("so cùng") || same_time_after(tail_t);
        if f.unit.is_none() && implied_percent(&lead, f, plan_after, compare_after) {
            f.unit = lex.unit_at("%", "%").map(|(u, _)| u);
            f.percent_implied = f.unit.is_some();
        }
        let dim = f.unit.as_ref().map(|u| u.dimension.clone()).unwrap_or_default();
        if lead.contribute && matches!(dim.as_str(), "points" | "percent" | "") {
            // "đóng góp 0,64 điểm phần trăm" (or, loosely, "2,15 phần trăm") to a growth.
            f.role = FigureRole::Contribution;
        } else if dim == "percent" || dim == "permille" {
            if plan_after && (lead.up || lead.down) && !lead.exceed {
                // "tăng 5% so với dự toán": a growth over the plan, not a percent of it.
                f.role = FigureRole::GrowthPercent;
                f.negative = lead.down;
                let phrase_end = tail.find([',', ';', '.', '(', ')', ':']).unwrap_or(tail.len());
                let phrase = text[f.block_end..f.block_end + phrase_end].trim();
                f.against = Some(strip_compare(phrase).to_owned());
            } else if plan_after {
                f.role = FigureRole::PlanPercent;
                f.exceeds = lead.exceed;
                let phrase_end = tail.find([',', ';', '.', '(', ')', ':']).unwrap_or(tail.len());
                let phrase = text[f.block_end..f.block_end + phrase_end].trim();
                f.against = Some(strip_compare(phrase).to_owned());
            } else if lead.up || lead.down || lead.growth_word {
                f.role = FigureRole::GrowthPercent;
                f.negative = lead.down;
            } else if lead.exceed && compare_after {
                // "vượt 12,3% so với cùng kỳ": above the same period by that much.
                f.role = FigureRole::GrowthPercent;
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
        } else if dim == "times" && (lead.up || lead.times) {
            f.role = FigureRole::GrowthPercent;
        } else if lead.up || lead.down {
            // "tăng 1.677 tấn", "giảm 6 vụ": the verb right before an amount makes it a change.
            f.role = FigureRole::GrowthAbsolute;
            f.negative = lead.down;
        }
        f.remainder = lead.remainder;
        if compare_after || tail_t.starts_with("so ") {
            let end = tail_t.find([',', ';', '.', '(', ')', ':']).unwrap_or(tail_t.len());
            f.base = Some(tail_t[..end].trim().to_owned());
        }
    }
    refine_changes(&mut roles, low);
    apply_signs(&mut roles, low);
    let breakdowns = find_breakdowns(&toks, low, &roles, footnote_total.is_some());
    // Group figures into claims: an amount opens a claim, percents about it follow.
    let mut claim_of: Vec<usize> = vec![usize::MAX; roles.len()];
    let mut current: Option<usize> = None;
    // The open claim at each parenthesis depth: a percent after ")" belongs to the amount
    // before "(", not to the last part inside it.
    let mut at_depth: Vec<Option<usize>> = Vec::new();
    let base = out.claims.len();
    let mut last_indicator: Option<(usize, String, String)> = None; // (sentence, text, start)
    // Whether the figure before was a share written before its noun.
    let mut share_first_before = false;
    // The figures of a breakdown: a part names no subject for the claim after its list.
    let mut listed = vec![false; roles.len()];
    for bd in &breakdowns {
        for &k in bd.parts.iter().chain(bd.total.iter()) {
            if let Some(l) = listed.get_mut(k) {
                *l = true;
            }
        }
    }
    for i in 0..roles.len() {
        let c = &roles[i];
        if !c.fig.role.is_amount() && i > 0 && c.depth < roles[i - 1].depth {
            if let Some(Some(ci)) = at_depth.get(c.depth) {
                current = Some(*ci);
            }
        }
        // "…cho 221 người, đạt 88,4% KH; tỷ lệ lao động qua đào tạo đạt 84,8%": a percent
        // after a semicolon, with a name of its own before it, opens its own claim.
        // So does one after a breakdown cue: "… đạt 37% kế hoạch (trong đó: thu tiền đất đạt
        // 9,2% kế hoạch)" gives a part's percent, not the total's.
        let between = if i == 0 { &[][..] } else { toks.get(roles[i - 1].tok_end..c.tok_start).unwrap_or(&[]) };
        // "…; tổng thu ngân sách (đạt 41% KH giao)": a parenthesis opened after the semicolon
        // is the new clause's too.
        let semicolon = between.iter().rposition(|t| t.kind == Kind::Sep(Sep::Semicolon));
        let opened_after = semicolon.is_some_and(|k| between[k..].iter().filter(|t| t.kind == Kind::Sep(Sep::Open)).count() == c.depth);
        let new_clause = i > 0 && ((semicolon.is_some() && (c.depth == 0 || opened_after)) || between.iter().any(|t| t.kind == Kind::Cue(Cue::Breakdown)));
        let prev_end = if i == 0 { 0 } else { roles[i - 1].tok_end };
        let floor_byte = if i == 0 { 0 } else { roles[i - 1].fig.block_end };
        // The name before the figure, read once: it decides a new clause's claim and names it.
        // A sentence may open with a share written before its noun ("- 100% dân số đô thị, …").
        // A lead-in before a colon may narrow what follows ("Kỳ thi tốt nghiệp THPT: 98,7% học
        // sinh tốt nghiệp"): such a share is not named by its noun alone.
        let fresh_share = (i == 0 || roles[i - 1].sentence != c.sentence) && c.fig.role == FigureRole::SharePercent;
        let clause_name = (new_clause || fresh_share).then(|| indicator(&toks, text, low, prev_end, c.tok_start, floor_byte));
        let own_clause = clause_name.as_ref().is_some_and(|(name, _)| name.split_whitespace().count() >= 2);
        // "…; 81,8% khu dân cư đạt chuẩn văn hóa; …": a share written before its noun
        // opens its clause, named by what follows it.
        // So does the next of a list of them after a comma ("100% dân số đô thị, 71,4% dân số
        // nông thôn được sử dụng nước sạch").
        let listed_after = i > 0 && share_first_before && {
            let gap = low.get(roles[i - 1].fig.block_end..c.fig.block_start).unwrap_or("");
            !gap.contains([';', '.', '(', ')', ':']) && gap.rsplit(',').next().is_some_and(|g| g.trim().is_empty() || g.trim() == "và")
        };
        let share_first = (listed_after || ((new_clause || fresh_share) && clause_name.as_ref().is_some_and(|(name, _)| name.trim().is_empty())))
            && c.fig.role == FigureRole::SharePercent
            && !following_noun(text, &c.fig).is_empty();
        share_first_before = share_first;
        let opens = c.fig.role.is_amount() || current.is_none() || own_clause || share_first;
        let same_sentence = current.is_some() && i > 0 && roles[i - 1].sentence == c.sentence;
        if opens || !same_sentence {
            // A share written before its noun is named by what follows it, not by the words
            // between it and the share before ("98% cơ quan, đơn vị …, 91,2% hộ gia đình …").
            let (mut ind, ind_start) = if share_first { (String::new(), c.fig.block_start) } else { clause_name.unwrap_or_else(|| indicator(&toks, text, low, prev_end, c.tok_start, floor_byte)) };
            // "28 đơn vị trường học và 07 đơn vị …": words ending with "và" right after the
            // figure before are that figure's noun, not this one's name.
            let conjunctions = &lexicon().conjunctions;
            let joined = ind.rsplit(' ').next().is_some_and(|w| conjunctions.iter().any(|c| c == w));
            if joined && i > 0 && roles[i - 1].sentence == c.sentence && text.get(roles[i - 1].fig.block_end..ind_start).is_some_and(|g| g.trim().is_empty()) {
                ind.clear();
            }
            // Nothing names it before: a counted noun names itself ("03 vụ vi phạm hàng lậu"),
            // anything else continues the sentence's subject ("…, lũy kế ước đạt 1.931 tỷ").
            let noun = if share_first { share_noun(text, &c.fig) } else { following_noun(text, &c.fig) };
            let counted = c.fig.unit.as_ref().is_some_and(|u| u.is_count());
            let (ind, ind_start) = match (ind.is_empty(), &last_indicator) {
                (true, _) if share_first || (counted && !noun.is_empty()) => (noun, c.fig.block_start),
                // Not across a semicolon: the next clause has a subject of its own.
                (true, Some((s, t, _))) if *s == c.sentence && !new_clause => (t.clone(), c.fig.block_start),
                (true, _) => (noun, c.fig.block_start),
                _ => (ind, ind_start),
            };
            last_indicator = Some((c.sentence, ind.clone(), String::new()));
            let name = subject::read(&ind);
            let bare = name.as_ref().is_some_and(subject::bare);
            let subject = bare.then(|| {
                // The claim just before, in the same sentence and parenthesis, outside any list.
                let before = (i > 0 && out.claims.len() > base && claim_of[i - 1] == out.claims.len() - 1)
                    .then(|| &roles[i - 1])
                    .filter(|p| p.sentence == c.sentence && p.depth == c.depth && !listed[i - 1])
                    .and_then(|p| out.claims.last().map(|pc| subject::Before { name: &pc.indicator, subject: pc.subject.as_ref(), end: p.fig.block_end }));
                // Where the measure itself is written: the name may start before it ("Cây ăn quả
                // với diện tích", "KH, sản lượng").
                let from = ind_start.min(c.fig.block_start);
                let measure = crate::text::lower(ind.rsplit(',').next().unwrap_or(&ind).trim());
                let at = low.get(from..c.fig.block_start).and_then(|w| w.rfind(measure.as_str())).map_or(from, |k| from + k);
                subject::subject(low, at, before)
            });
            // Not bare: the measure inside the name ("chăm sóc diện tích cây ăn quả"), or the
            // thing after the figure ("chăm sóc 1.420 ha thảo quả").
            let subject = match subject {
                Some(Some(s)) => Some(s),
                // "bình quân 1 ha đất trồng trọt": one unit is a denominator, not an amount.
                _ => name.as_ref().and_then(subject::inside).or_else(|| c.fig.unit.as_ref().filter(|_| c.fig.value() != Decimal::ONE).and_then(|u| subject::after_figure(&ind, low, c.fig.block_end, &u.dimension))),
            };
            // The period stated anywhere before the figure in its sentence ("Tính chung 10 tháng
            // năm 2019, cả nước có …, vốn đăng ký là …") holds for every figure of it.
            let period = claim_period(&toks, &markers, c.tok_start, year, doc_period);
            let start = block.source_offset(ind_start.min(c.fig.block_start), false);
            out.claims.push(Claim {
                key: key(&ind),
                subject,
                indicator: ind,
                figures: Vec::new(),
                block: bi,
                role: block.role,
                section: block.section.clone(),
                period,
                start,
                end: c.fig.end,
                cell: None,
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
            let mut fig = c.fig.clone();
            (fig.block, fig.sentence, fig.depth, fig.tok_start, fig.tok_end) = (bi, c.sentence, c.depth, c.tok_start, c.tok_end);
            claim.figures.push(fig);
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
        let tunit = out.claims[total.0].figures[total.1].unit.clone();
        let parts: Vec<FigRef> = bd
            .parts
            .iter()
            .filter_map(|&p| figref(p, &out.claims))
            .filter(|p| match (&tunit, &out.claims[p.0].figures[p.1].unit) {
                (Some(t), Some(u)) => t.comparable(u) || (t.is_count() && u.is_count() && (bd.cue.is_empty() || bd.counted_with.contains(&u.dimension))),
                _ => false,
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        set_role(&mut out.claims, total, FigureRole::Total);
        for &p in &parts {
            set_role(&mut out.claims, p, FigureRole::Part);
        }

        out.breakdowns.push(Breakdown { total, parts, exhaustive: bd.exhaustive, open_ended: bd.open_ended, subset_cue: bd.subset_cue, cue: bd.cue });
    }
    if out.claims.len() > base {
        out.blocks.push(BlockClaims { block: bi, tokens: toks, first: base, end: out.claims.len() });
    }
}

/// "so với kế hoạch", "so kế hoạch": the plan named after the comparison word.
fn strip_compare(phrase: &str) -> &str {
    let l = crate::text::lower(phrase);
    let cut = if l.starts_with("so với") { "so với".len() } else if l.starts_with("so ") { "so ".len() } else { 0 };
    phrase[cut..].trim()
}

fn set_role(claims: &mut [Claim], r: FigRef, role: FigureRole) {
    // A ratio operand keeps its role; it is also a part or total of the breakdown.
    if let Some(f) = claims.get_mut(r.0).and_then(|c| c.figures.get_mut(r.1)) {
        if matches!(f.role, FigureRole::Value | FigureRole::Other | FigureRole::Part | FigureRole::Total) {
            f.role = role;
        }
    }
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
