//! Periods across a series: the period a report covers, where it stands in its year, and the
//! period a figure is about, resolved to months of a year so reports can be compared.
//! A month report "tháng 5" covers month 5 and its cumulative "5 tháng"; a "9 tháng" report
//! the first nine months; an annual report the twelve.

use crate::grammar::{self, Kind};
use crate::layout::{describe, Meta};
use crate::model::PeriodKind;
use crate::text::lower;

/// What a figure is about, within one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum When {
    /// One month's own figure ("trong tháng 5").
    Month(u8),
    /// From January to the end of month n ("lũy kế 5 tháng", "9 tháng đầu năm"); 12 is the year.
    ToMonth(u8),
    Quarter(u8),
}

impl When {
    /// The last month it covers.
    pub fn end(self) -> u8 {
        match self {
            When::Month(m) | When::ToMonth(m) => m,
            When::Quarter(q) => q.saturating_mul(3),
        }
    }

    /// A period of the grammar, when it is one of these (not "3 tháng cuối năm", not a range).
    pub fn of_kind(kind: PeriodKind) -> Option<When> {
        match kind {
            PeriodKind::Month(m) if (1..=12).contains(&m) => Some(When::Month(m)),
            PeriodKind::Months { count, last: false } if (1..=12).contains(&count) => Some(When::ToMonth(count)),
            PeriodKind::Quarter(q) if (1..=4).contains(&q) => Some(When::Quarter(q)),
            PeriodKind::Year => Some(When::ToMonth(12)),
            _ => None,
        }
    }

    /// As people write it: "tháng 5/2024", "5 tháng đầu năm 2024", "năm 2024".
    pub fn describe(self, year: u16) -> String {
        let kind = match self {
            When::Month(m) => PeriodKind::Month(m),
            When::ToMonth(12) => PeriodKind::Year,
            When::ToMonth(n) => PeriodKind::Months { count: n, last: false },
            When::Quarter(q) => PeriodKind::Quarter(q),
        };
        describe(kind, Some(year))
    }
}

/// A figure's period: a span of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct At {
    pub year: u16,
    pub when: When,
}

impl At {
    pub fn describe(self) -> String {
        self.when.describe(self.year)
    }
}

/// The period a report covers, read from its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub year: u16,
    pub kind: PeriodKind,
}

impl ReportPeriod {
    /// The report's period from `layout.meta`; None when its head names none soi can place.
    pub fn read(meta: &Meta) -> Option<ReportPeriod> {
        let text = lower(meta.period.as_deref()?);
        let p = grammar::tokens(&text).into_iter().find_map(|t| if let Kind::Period(p) = t.kind { Some(p) } else { None })?;
        let year = p.year.or(meta.year)?;
        When::of_kind(p.kind)?;
        Some(ReportPeriod { year, kind: p.kind })
    }

    /// The last month the report covers.
    pub fn end(self) -> u8 {
        When::of_kind(self.kind).map(When::end).unwrap_or(12)
    }

    /// Its place in the unit's series: by year, by the month it reaches, then a month before
    /// its quarter, a quarter before "N tháng", "N tháng" before the year.
    pub fn order(self) -> (u16, u8, u8) {
        let rank = match self.kind {
            PeriodKind::Month(_) => 0,
            PeriodKind::Quarter(_) => 1,
            PeriodKind::Months { .. } => 2,
            _ => 3,
        };
        (self.year, self.end(), rank)
    }

    /// What a figure stated for "the report's period" is about. A month report's own figures
    /// may be the month's or the year to date ("Thu ngân sách đạt 80 tỷ đồng"): None, unsure.
    pub fn own(self) -> Option<At> {
        let when = match self.kind {
            PeriodKind::Month(_) => return None,
            k => When::of_kind(k)?,
        };
        Some(At { year: self.year, when })
    }

    /// The month of a month report.
    pub fn month(self) -> Option<u8> {
        match self.kind {
            PeriodKind::Month(m) => Some(m),
            _ => None,
        }
    }

    /// Whether a figure about `at` reports the past or present of this report, not a forecast
    /// ("ước cả năm" in a nine-month report).
    pub fn covers(self, at: At) -> bool {
        at.year < self.year || (at.year == self.year && at.when.end() <= self.end())
    }

    pub fn describe(self) -> String {
        describe(self.kind, Some(self.year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Option<ReportPeriod> {
        ReportPeriod::read(&Meta { unit: None, period: Some(text.to_owned()), year: None })
    }

    #[test]
    fn reports_are_ordered_through_the_year() {
        let order: Vec<(u16, u8, u8)> = ["tháng 5/2024", "quý II/2024", "6 tháng đầu năm 2024", "9 tháng đầu năm 2024", "năm 2024", "tháng 1/2025"]
            .iter()
            .map(|p| period(p).map(ReportPeriod::order).unwrap_or_default())
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        assert_eq!(order[0], (2024, 5, 0));
    }

    #[test]
    fn a_month_report_leaves_its_own_figures_unplaced() {
        assert_eq!(period("tháng 5/2024").and_then(ReportPeriod::own), None);
        assert_eq!(period("9 tháng đầu năm 2023").and_then(ReportPeriod::own), Some(At { year: 2023, when: When::ToMonth(9) }));
        assert_eq!(period("năm 2024").and_then(ReportPeriod::own), Some(At { year: 2024, when: When::ToMonth(12) }));
        assert_eq!(period("3 tháng cuối năm 2024"), None);
    }

    #[test]
    fn a_forecast_is_not_covered() {
        let nine = period("9 tháng đầu năm 2024").unwrap();
        assert!(nine.covers(At { year: 2024, when: When::ToMonth(9) }));
        assert!(!nine.covers(At { year: 2024, when: When::ToMonth(12) }));
    }
}
