//! Shared vocabulary of the pipeline: section roles, figure roles, qualifiers, cue kinds and
//! periods. It imports no stage, so every stage can use it without reaching forward.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Body,
    Summary,
    Tasks,
    Footnote,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Summary => "summary",
            Role::Tasks => "tasks",
            Role::Footnote => "footnote",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureRole {
    Value,
    /// A plan's amount, as a table's plan column states it.
    Plan,
    PlanPercent,
    GrowthPercent,
    GrowthAbsolute,
    SharePercent,
    RatioNumerator,
    RatioDenominator,
    Part,
    Total,
    Other,
    /// A contribution to a growth, in percentage points ("đóng góp 0,64 điểm phần trăm").
    Contribution,
    /// Years elapsed since an event whose dates follow ("50 năm Ngày … (30/4/1975 - 30/4/2025)").
    Elapsed,
    /// A year bounding an elapsed span: "1975", "2025" above.
    Year,
}

impl FigureRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureRole::Value => "value",
            FigureRole::Plan => "plan",
            FigureRole::PlanPercent => "plan_percent",
            FigureRole::GrowthPercent => "growth_percent",
            FigureRole::GrowthAbsolute => "growth_absolute",
            FigureRole::SharePercent => "share_percent",
            FigureRole::RatioNumerator => "ratio_numerator",
            FigureRole::RatioDenominator => "ratio_denominator",
            FigureRole::Part => "part",
            FigureRole::Total => "total",
            FigureRole::Other => "other",
            FigureRole::Contribution => "contribution",
            FigureRole::Elapsed => "elapsed",
            FigureRole::Year => "year",
        }
    }

    /// Roles that state an amount of the indicator itself (not a percent about it).
    pub fn is_amount(self) -> bool {
        matches!(self, FigureRole::Value | FigureRole::Total | FigureRole::Part | FigureRole::RatioNumerator | FigureRole::Other)
    }
}

/// What a growth is measured against (rules/lexicon.yaml `growth_bases`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrowthBase {
    /// The same period a year before ("so với cùng kỳ", "so với năm trước").
    SamePeriod,
    /// The period just before ("so với tháng trước").
    Previous,
    /// A plan ("so với kế hoạch").
    Plan,
    /// Something else, named by its own words ("so với năm 2020").
    Other,
}

impl GrowthBase {
    pub fn as_str(self) -> &'static str {
        match self {
            GrowthBase::SamePeriod => "same-period",
            GrowthBase::Previous => "previous",
            GrowthBase::Plan => "plan",
            GrowthBase::Other => "other",
        }
    }
}

/// A bound the text puts on a figure: "trên 50" is above 50, "dưới 5%" below it; "hơn
/// 41.305 tỷ" is a little over (the excess below the written digits), "gần 96 nghìn tấn" a
/// little under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Estimate,
    About,
    Above,
    Below,
    Over,
    Nearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    Qualifier,
    Reach,
    Up,
    Down,
    Share,
    Rate,
    Compare,
    SameTime,
    Breakdown,
    Remainder,
    Cumulative,
    Monthly,
    /// "trên tổng số", "trong tổng số": the figure after it is the whole of the one before.
    OutOf,
    /// "gấp": a growth written as a multiple.
    Times,
    /// "đóng góp": a contribution to a growth, in percentage points.
    Contribute,
    /// "tương đương", "tương ứng": the figure after restates the one before in another form.
    Equivalent,
    /// "bình quân", "trung bình": an average per unit.
    Average,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// "9 tháng đầu năm", "3 tháng cuối năm": a span of months.
    Months { count: u8, last: bool },
    Month(u8),
    Quarter(u8),
    Year,
    YearRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: Option<u16>,
}
