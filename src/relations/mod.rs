//! Relations: which figures of a report are bound by arithmetic, and why. Each finder reads
//! the claims (figures with their roles, clauses and cue words) and produces typed relations:
//! the stated figure a formula predicts, its operands, the cue words that justify the link,
//! and whether the relation is exact or a bound. Checks then do the arithmetic; a check never
//! hunts for its own phrases in the text.

mod aggregate;
mod average;
mod breakdown;
mod contribution;
mod difference;
mod elapsed;
mod named;
mod growth;
mod growth_range;
mod order;
pub mod identity;
mod plan;
mod product;
mod ratio;
mod restatement;
mod share;
mod table;
mod table_assessment;
mod table_compare;
mod table_prose;
mod table_restatement;
mod table_share;
mod table_total;
mod table_unit;
mod view;

pub use table_restatement::agree as restatement_agrees;

use crate::claims::{Claims, FigRef, Figure};
use crate::layout::{Assessment, Layout};

/// What kind of link a relation is; each kind is checked by the rules of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// A percent written next to an explicit a/b ("21/28 trường, đạt 75%").
    Ratio,
    /// A percent of plan against the plan amount ("đạt 34,4% kế hoạch").
    PlanPercent,
    /// A part's percent of its whole ("chiếm 64%").
    Share,
    /// A total and its parts.
    Sum,
    /// A remainder: what is left of one amount after another ("còn lại").
    Difference,
    /// A growth percent against the values it comes from.
    Growth,
    /// The same indicator and period stated twice.
    Restatement,
    /// A total's growth or percent of plan against its parts' values and percents.
    Aggregate,
    /// Contributions to a growth, in percentage points: their sum, and each against its part.
    Contribution,
    /// A list said to be in order ("từ cao đến thấp"): each item against the one before.
    Order,
    /// An output against its area and yield ("420 ha, 58,5 tạ/ha, 2.580 tấn").
    Product,
    /// Years elapsed against the dates that bound them ("50 năm … (30/4/1975 - 30/4/2025)").
    Elapsed,
    /// A count against the names listed with it ("03 xã: Tân Lập, Tân Hòa và Phú Mỹ").
    NamedCount,
    /// An average per unit against the total and the count it divides ("bình quân một doanh
    /// nghiệp 12,5 tỷ đồng" after "114,4 nghìn doanh nghiệp … 1.434,4 nghìn tỷ đồng").
    Average,
    /// A total's growth against the range of its parts' growths, when no part states its
    /// value: a weighted average cannot leave that range.
    GrowthRange,
    /// A table cell comparing two others of its row: "Ước TH/KH (%)", "So cùng kỳ (%)", a
    /// growth column, a row of an index or growth block against the rows it compares.
    TableCompare,
    /// An assessment cell ("Đạt", "Không đạt", "Vượt") against the actual and the plan.
    TableAssessment,
    /// A total row (or column) against the rows (or columns) it adds up.
    TableTotal,
    /// A percent cell against the counts it divides: a share of the column's total, a rate
    /// of two count columns, a row of a share block against the amounts.
    TableShare,
    /// A cell far off the scale of its row: a unit or decimal mark slipped.
    TableUnit,
    /// A figure of the prose stated again in a table for the same indicator and period.
    TableRestatement,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Ratio => "ratio",
            RelationKind::PlanPercent => "plan_percent",
            RelationKind::Share => "share",
            RelationKind::Sum => "sum",
            RelationKind::Difference => "difference",
            RelationKind::Growth => "growth",
            RelationKind::Restatement => "restatement",
            RelationKind::Aggregate => "aggregate",
            RelationKind::Contribution => "contribution",
            RelationKind::Order => "order",
            RelationKind::Product => "product",
            RelationKind::Elapsed => "elapsed",
            RelationKind::NamedCount => "named_count",
            RelationKind::Average => "average",
            RelationKind::GrowthRange => "growth_range",
            RelationKind::TableCompare => "table_compare",
            RelationKind::TableAssessment => "table_assessment",
            RelationKind::TableTotal => "table_total",
            RelationKind::TableShare => "table_share",
            RelationKind::TableUnit => "table_unit",
            RelationKind::TableRestatement => "table_restatement",
        }
    }
}

/// The arithmetic a relation stands for; operand positions refer to `Relation::operands`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    /// result = operands[0] / operands[1] × 100.
    Percent,
    /// result = Σ operands.
    Sum,
    /// result = operands[0] − operands[1].
    Difference,
    /// result = change / (current ∓ change) × 100 with operands [change, current]; `negative`
    /// for a fall ("giảm"), where the earlier value is current + change.
    GrowthFromChange { negative: bool },
    /// result = current / (current ∓ change) × 100: a growth written as the ratio of this
    /// period to the base ("bằng 99,2% (giảm 0,45 tạ/ha)"); operands [change, current].
    RatioFromChange { negative: bool },
    /// result = current / base × 100 − 100 with operands [current, base] (the base stated with
    /// the growth: "tăng 9,1% so với cùng kỳ (cùng kỳ 25.080 tỷ đồng)"); `ratio` when the growth
    /// is written as the ratio itself ("bằng 120% so với cùng kỳ").
    GrowthFromValues { ratio: bool },
    /// result = current − base in percentage points, with operands [current, base]: a rate's
    /// change stated with the earlier rate ("còn 3,2%, giảm 1,5 điểm phần trăm (năm trước
    /// 5,1%)").
    PointsFromValues,
    /// min(operands) ≤ result ≤ max(operands): a total's growth among its parts' growths.
    Between,
    /// result = operands[0] (the same figure stated again).
    Same,
    /// result = operands[0] × operands[2] / operands[1]: two shares of one whole that the text
    /// never states ("6.120 hộ nghèo (18,4%), 2.240 hộ cận nghèo (6,7%)").
    CommonWhole,
    /// A total's growth from its parts: operands [T, p₁, g₁, p₂, g₂, …]; result = T / Σ pᵢ/(1+gᵢ)
    /// − 1, each growth read as a factor (a percent, "bằng P%" or "gấp N lần").
    AggregateGrowth,
    /// A total's percent of plan from its parts': operands [T, p₁, P₁, …]; result = T / Σ pᵢ/Pᵢ.
    AggregatePlan,
    /// One part's contribution to a growth, in points: operands [p₁, g₁, p₂, g₂, …]; result =
    /// (pᵢ − pᵢ/(1+gᵢ)) / Σ pⱼ/(1+gⱼ) × 100 for the part at `part`.
    Contribution { part: usize },
    /// A table's comparison of operands [figure, base], in the form its column states it;
    /// `alt` are other forms the row may use (a rate compared in points, a growth written in
    /// a ratio column, a change in units under "Tăng/giảm").
    Compare { form: CompareForm, alt: &'static [CompareForm] },
    /// What an assessment cell says of operands [actual] or [actual, plan] (the plan may be
    /// a range or bound, in `Detail::cells`); `lower_is_better` reverses the direction.
    Assessment { said: Assessment, lower_is_better: bool },
    /// The result is on the scale of operands (its neighbours in the row).
    Scale,
    /// result = operands[0] − operands[1] exactly, in years; or one more when `inclusive` may
    /// be meant (bare years count a span of whole years: "5 năm (2021 - 2025)").
    Elapsed { inclusive: bool },
    /// result (a count) lies between `min` and `max`: the names listed with it, counted with
    /// and without splitting names at "và". The names are in `Detail::names`.
    Count { min: usize, max: usize },
    /// result = operands[0] × operands[1] in base units (an area times a yield per area).
    Product,
    /// result = operands[0] / operands[1] in the result's unit (a total over a count).
    Quotient,
    /// The growth of a quotient from its terms' growths: operands [g₀, g₁]; result = (1 + g₀)
    /// / (1 + g₁) − 1 (an average's growth from its total's and its count's).
    GrowthOfQuotient,
    /// The result comes after operands[0] in a list said to be in order: no larger than it
    /// when `descending`, no smaller otherwise.
    Order { descending: bool },
}

/// How a table states a comparison of a figure with its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareForm {
    /// figure / base × 100 ("101,63", "Ước TH/KH (%)").
    Ratio,
    /// figure / base × 100 − 100 ("tăng/giảm (%)": "-7,57").
    Growth,
    /// figure − base, for rates compared in points ("-0,10" for 19,02‰ against 19,12‰).
    Points,
}

/// Whether the stated result must equal what the operands give, or only bound it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// The stated result is at least what the operands give (a total over a partial list of
    /// its parts: "trong đó" naming some of them).
    AtLeast,
}

/// A word or phrase of the text that justifies a relation, as a range of the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: RelationKind,
    pub formula: Formula,
    /// The stated figure that the formula predicts.
    pub result: FigRef,
    pub operands: Vec<FigRef>,
    /// Other operand lists that may be meant (several wholes could fit a share): the relation
    /// agrees when any of them gives the result.
    pub alternatives: Vec<Vec<FigRef>>,
    pub bound: Bound,
    pub cues: Vec<Cue>,
    /// Facts about the relation that its check needs (a list read as complete, …).
    pub detail: Detail,
}

/// What a finder knows about a relation beyond its arithmetic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detail {
    /// Sum: the list reads as complete ("gồm", "phân theo", a bare parenthesis).
    pub exhaustive: bool,
    /// Sum: the list trails off ("…", "khác"): never complete.
    pub open_ended: bool,
    /// Sum: introduced by "trong đó" (a subset unless it adds up).
    pub subset_cue: bool,
    /// Sum: what says the list is complete, when it is.
    pub complete_by: Option<Completeness>,
    /// Sum: the parts name groups of different partitions ("nữ", "dân tộc thiểu số"): they
    /// overlap, so their sum says nothing of what the list leaves out.
    pub cross_cutting: bool,
    /// Restatement: why the two statements were judged the same indicator — the content words
    /// their names share, or (when `anchored`) the distinctive amount both state.
    pub why: Option<String>,
    pub anchored: bool,
    /// Restatement: the name of the restated claim that this one follows in both places.
    pub after: Option<String>,
    /// No word states the link: it was inferred from figures that nearly agree through it,
    /// so a disagreement is reported at most as a warning.
    pub inferred: bool,
    /// Table relations: the cells read that are not figures (an assessment, a plan written as
    /// a range or bound), as (table, row, column) of `Layout::tables`.
    pub cells: Vec<(usize, usize, usize)>,
    /// A count of names: the names listed with it, as written and where.
    pub names: Vec<Cue>,
}

/// The evidence that a list of parts names all of its total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completeness {
    /// A cue word that announces a whole list ("gồm", "phân theo").
    Cue(String),
    /// A parenthesis of labelled parts right after the total.
    Parenthesis,
    /// The parts' names together make up the total's name ("trâu bò": "trâu", "bò").
    Names,
    /// The parts' amounts add up to their total's exactly: their shares of one whole must too.
    Amounts,
    /// The last part is what is left ("còn lại", "khác"): the list was meant to cover.
    Remainder(String),
    /// The parts are the members of a partition, named ("nam, nữ"; "thành thị, nông thôn").
    Partition(String),
    /// A total named as a whole ("Tổng số …") with its parts in a parenthesis right after it.
    Whole(String),
    /// A parenthesis of parts each named by another level of one kind ("tiểu học", "THCS").
    Levels,
    /// Items and their sub-items in one list, read as such because their sums hold.
    Nested,
}

impl Completeness {
    /// Said by the layout of the text rather than by a word: a shortfall is a warning.
    pub fn by_layout(&self) -> bool {
        matches!(self, Completeness::Parenthesis | Completeness::Whole(_) | Completeness::Levels)
    }
}

impl Relation {
    pub fn new(kind: RelationKind, formula: Formula, result: FigRef, operands: Vec<FigRef>) -> Relation {
        Relation { kind, formula, result, operands, alternatives: Vec::new(), bound: Bound::Exact, cues: Vec::new(), detail: Detail::default() }
    }

    /// Every figure the relation binds: the result first, then the operands.
    pub fn figures(&self) -> impl Iterator<Item = FigRef> + '_ {
        std::iter::once(self.result).chain(self.operands.iter().copied())
    }

    /// The operand lists to try: the primary one, then the alternatives.
    pub fn operand_sets(&self) -> impl Iterator<Item = &[FigRef]> + '_ {
        std::iter::once(self.operands.as_slice()).chain(self.alternatives.iter().map(Vec::as_slice))
    }
}

/// What the finders read: the layout (for block text and roles) and the claims.
pub struct Input<'a> {
    pub layout: &'a Layout,
    pub claims: &'a Claims,
}

impl Input<'_> {
    pub fn figure(&self, r: FigRef) -> &Figure {
        self.claims.figure(r)
    }
}

/// Every relation of a document, in a stable order (by the result's position, then kind).
pub fn find(layout: &Layout, claims: &Claims) -> Vec<Relation> {
    let input = Input { layout, claims };
    let mut out = Vec::new();
    ratio::find(&input, &mut out);
    plan::find(&input, &mut out);
    share::find(&input, &mut out);
    breakdown::find(&input, &mut out);
    aggregate::find(&input, &mut out);
    contribution::find(&input, &mut out);
    order::find(&input, &mut out);
    product::find(&input, &mut out);
    difference::find(&input, &mut out);
    elapsed::find(&input, &mut out);
    average::find(&input, &mut out);
    growth_range::find(&input, &mut out);
    named::find(&input, &mut out);
    growth::find(&input, &mut out);
    restatement::find(&input, &mut out);
    table::find(&input, &mut out);
    table_restatement::find(&input, &mut out);
    // A percent read as a ratio of two stated counts ("trong tổng số Y …, có X … (P%)") is not
    // also a share of a whole found nearby: one relation, one finding.
    let ratios: rustc_hash::FxHashSet<FigRef> = out.iter().filter(|r| r.kind == RelationKind::Ratio).map(|r| r.result).collect();
    out.retain(|r| r.kind != RelationKind::Share || !ratios.contains(&r.result));
    for r in out.iter_mut() {
        attach_cues(&input, r);
    }
    out.sort_by_key(|r| (claims.figure(r.result).start, r.kind));
    out
}

/// The cue words right before the relation's figures ("đạt", "chiếm", "tăng", "gồm", "so với"),
/// with their spans, so a reader sees what in the text binds them; a finder that knows its
/// own cue phrase (an ordered list's "từ cao đến thấp") has already set it.
fn attach_cues(input: &Input, r: &mut Relation) {
    let claims = input.claims;
    let figs: Vec<FigRef> = r.figures().collect();
    for fr in figs {
        let f = claims.figure(fr);
        let Some(bc) = claims.blocks.get(claims.blocks.partition_point(|b| b.end <= fr.0)) else { continue };
        let Some(block) = input.layout.blocks.get(bc.block) else { continue };
        let Some(t) = f.tok_start.checked_sub(1).and_then(|i| bc.tokens.get(i)) else { continue };
        if !matches!(t.kind, crate::grammar::Kind::Cue(_)) {
            continue;
        }
        let (start, end) = (block.source_offset(t.start, false), block.source_offset(t.end, true));
        if r.cues.iter().any(|c| c.start == start) {
            continue;
        }
        let text = block.text.get(t.start..t.end).unwrap_or("").to_owned();
        r.cues.push(Cue { text, start, end });
    }
    r.cues.sort_by_key(|c| c.start);
}
