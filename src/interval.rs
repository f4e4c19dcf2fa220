//! Interval arithmetic for written figures: `34,4%` means [34,35; 34,45]; `hơn 50` means
//! above 50. Two statements agree when their intervals meet.

use rust_decimal::Decimal;

use crate::claims::{Figure, Qualifier};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Consistent,
    /// Off by no more than one unit of the last written digit.
    Rounding,
    Mismatch,
}

/// How far "khoảng" (about), "hơn" (a little over) and "gần" (nearly) let a figure move: "khoảng
/// 3.000" was rounded to thousands, "khoảng 18,2%" to tenths, so 5% at most, and no more than
/// one unit of the last digit that is not zero.
fn about_slack(v: Decimal, half: Decimal) -> Decimal {
    let relative = v.abs().checked_mul(ABOUT).unwrap_or(Decimal::MAX);
    relative.min(last_digit_unit(v)).max(half)
}

/// One unit of the last non-zero digit of `v`: 0,1 for 16,4; 1.000 for 3.000; 1 for 0.
fn last_digit_unit(v: Decimal) -> Decimal {
    let n = v.normalize();
    let mut unit = Decimal::new(1, n.scale());
    let mut m = n.mantissa().unsigned_abs();
    if m == 0 {
        return Decimal::ONE;
    }
    while n.scale() == 0 && m.is_multiple_of(10) {
        m /= 10;
        unit = unit.saturating_mul(Decimal::TEN);
    }
    unit
}

/// "khoảng" (about) allows at most this relative slack.
const ABOUT: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

impl Interval {
    pub fn point(v: Decimal) -> Interval {
        Interval { lo: v, hi: v }
    }

    /// What a written figure can mean, in its own unit.
    pub fn of_figure(f: &Figure) -> Interval {
        // A whole count of things ("511 học sinh", "28 trường", "8/10 ấp": a whole number with
        // no unit counts something too) is exact, not rounded.
        let counted = f.unit.as_ref().is_none_or(|u| u.is_count() && u.scale == Decimal::ONE);
        let exact = counted && f.number.value.scale() == 0;
        let half = if exact { Decimal::ZERO } else { f.number.half_unit() };
        Interval::of(f.number.value, half, f.qualifier)
    }

    /// Like `of_figure`, scaled to the base unit of its dimension.
    pub fn of_figure_base(f: &Figure) -> Interval {
        let i = Interval::of_figure(f);
        match &f.unit {
            Some(u) => i.scale(u.scale),
            None => i,
        }
    }

    /// What a figure's written digits round, in the base unit, whatever bound the text puts
    /// on it: "trên 27.361 tỷ đồng" was computed from 27.361 by whoever wrote its growth. A
    /// whole number's trailing zeros are rounding too ("khoảng 2.500" is 2.450 to 2.550).
    pub fn of_written_base(f: &Figure) -> Interval {
        let v = f.number.value;
        let mut half = f.number.half_unit();
        if v.scale() == 0 && !v.is_zero() {
            let mut m = v.mantissa().unsigned_abs();
            while m.is_multiple_of(10) {
                m /= 10;
                half = half.saturating_mul(Decimal::TEN);
            }
        }
        let i = Interval::of(v, half, None);
        match &f.unit {
            Some(u) => i.scale(u.scale),
            None => i,
        }
    }

    pub fn of(v: Decimal, half: Decimal, q: Option<Qualifier>) -> Interval {
        // Saturating: a figure near Decimal's limit is read, not a crash.
        let (lo, hi) = (v.saturating_sub(half), v.saturating_add(half));
        match q {
            Some(Qualifier::Above) => Interval { lo, hi: Decimal::MAX },
            Some(Qualifier::Below) => Interval { lo: Decimal::MIN, hi },
            Some(Qualifier::About) => {
                let slack = about_slack(v, half);
                Interval { lo: v.saturating_sub(slack), hi: v.saturating_add(slack) }
            }
            // "hơn 41.305 tỷ đồng": over by less than what the written digits show.
            Some(Qualifier::Over) => Interval { lo, hi: v.saturating_add(about_slack(v, half)) },
            Some(Qualifier::Nearly) => Interval { lo: v.saturating_sub(about_slack(v, half)), hi },
            _ => Interval { lo, hi },
        }
    }

    pub fn negated(self) -> Interval {
        Interval { lo: -self.hi, hi: -self.lo }
    }

    pub fn widen(self, by: Decimal) -> Interval {
        Interval { lo: self.lo.saturating_sub(by), hi: self.hi.saturating_add(by) }
    }

    pub fn scale(self, k: Decimal) -> Interval {
        // Past Decimal's range the interval is everything: it then agrees with any figure.
        let (Some(a), Some(b)) = (self.lo.checked_mul(k), self.hi.checked_mul(k)) else {
            return Interval { lo: Decimal::MIN, hi: Decimal::MAX };
        };
        Interval { lo: a.min(b), hi: a.max(b) }
    }

    pub fn plus(self, o: Interval) -> Interval {
        Interval { lo: self.lo.saturating_add(o.lo), hi: self.hi.saturating_add(o.hi) }
    }

    pub fn minus(self, o: Interval) -> Interval {
        Interval { lo: self.lo.saturating_sub(o.hi), hi: self.hi.saturating_sub(o.lo) }
    }

    /// self / o × 100, for positive intervals; None when o may be zero.
    pub fn percent_of(self, o: Interval) -> Option<Interval> {
        if o.lo <= Decimal::ZERO || self.lo < Decimal::ZERO {
            return None;
        }
        let h = Decimal::ONE_HUNDRED;
        Some(Interval { lo: self.lo.checked_div(o.hi)?.checked_mul(h)?, hi: self.hi.checked_div(o.lo)?.checked_mul(h)? })
    }

    /// self × o for non-negative intervals; None past Decimal's range or for a negative one.
    pub fn times(self, o: Interval) -> Option<Interval> {
        if self.lo < Decimal::ZERO || o.lo < Decimal::ZERO {
            return None;
        }
        Some(Interval { lo: self.lo.checked_mul(o.lo)?, hi: self.hi.checked_mul(o.hi)? })
    }

    /// self / o for positive intervals; None when o may be zero or either may be negative.
    pub fn divided_by(self, o: Interval) -> Option<Interval> {
        if o.lo <= Decimal::ZERO || self.lo < Decimal::ZERO {
            return None;
        }
        Some(Interval { lo: self.lo.checked_div(o.hi)?, hi: self.hi.checked_div(o.lo)? })
    }

    pub fn meets(self, o: Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    /// The gap between two intervals (zero when they meet).
    pub fn gap(self, o: Interval) -> Decimal {
        if self.meets(o) {
            Decimal::ZERO
        } else if self.hi < o.lo {
            o.lo.saturating_sub(self.hi)
        } else {
            self.lo.saturating_sub(o.hi)
        }
    }

    /// Judges a stated interval (self) against a computed one, given the stated figure's
    /// written decimals.
    pub fn verdict(self, computed: Interval, decimals: u32) -> Verdict {
        if self.meets(computed) {
            Verdict::Consistent
        } else if self.gap(computed) <= Decimal::new(5, decimals.saturating_add(1).min(28)) {
            Verdict::Rounding
        } else {
            Verdict::Mismatch
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn written_precision_makes_the_interval() {
        let p = Interval::of(dec!(34.4), dec!(0.05), None);
        assert_eq!(p, Interval { lo: dec!(34.35), hi: dec!(34.45) });
        let a = Interval::of(dec!(42564), dec!(0.5), None);
        let b = Interval::of(dec!(123643), dec!(0.5), None);
        assert!(p.meets(a.percent_of(b).unwrap()));
        let wrong = Interval::of(dec!(37.4), dec!(0.05), None);
        let c = Interval::of(dec!(31926), dec!(0.5), None).percent_of(Interval::of(dec!(83005), dec!(0.5), None)).unwrap();
        assert_eq!(wrong.verdict(c, 1), Verdict::Mismatch);
    }

    #[test]
    fn one_unit_in_the_last_digit_is_rounding() {
        // 511/528 = 96,78% written 96,7% (whole counts are exact).
        let c = Interval::point(dec!(511)).percent_of(Interval::point(dec!(528))).unwrap();
        let s = Interval::of(dec!(96.7), dec!(0.05), None);
        assert_eq!(s.verdict(c, 1), Verdict::Rounding);
    }

    #[test]
    fn more_than_half_a_unit_beyond_is_a_mismatch() {
        // 151 / 383.689 = 0,039%: "0,04%" agrees, "0,05%" is a quarter more, not rounding.
        let c = Interval::of(dec!(151), dec!(0.5), None).percent_of(Interval::of(dec!(383689), dec!(0.5), None)).unwrap();
        assert_eq!(Interval::of(dec!(0.04), dec!(0.005), None).verdict(c, 2), Verdict::Consistent);
        assert_eq!(Interval::of(dec!(0.05), dec!(0.005), None).verdict(c, 2), Verdict::Mismatch);
    }

    #[test]
    fn about_is_as_loose_as_the_rounding_it_shows() {
        assert_eq!(last_digit_unit(dec!(16.4)), dec!(0.1));
        assert_eq!(last_digit_unit(dec!(3000)), dec!(1000));
        assert_eq!(last_digit_unit(dec!(0)), dec!(1));
        // "khoảng 3.000": 5% either way; "khoảng 18,2%": a tenth.
        assert_eq!(Interval::of(dec!(3000), dec!(0.5), Some(Qualifier::About)), Interval { lo: dec!(2850), hi: dec!(3150) });
        assert_eq!(Interval::of(dec!(16.4), dec!(0.05), Some(Qualifier::About)), Interval { lo: dec!(16.3), hi: dec!(16.5) });
    }

    #[test]
    fn over_and_nearly_move_less_than_the_written_digits_show() {
        assert_eq!(Interval::of(dec!(41305), dec!(0.5), Some(Qualifier::Over)), Interval { lo: dec!(41304.5), hi: dec!(41306) });
        assert_eq!(Interval::of(dec!(96), dec!(0.5), Some(Qualifier::Nearly)), Interval { lo: dec!(95), hi: dec!(96.5) });
    }

    #[test]
    fn qualifiers_are_bounds() {
        let above = Interval::of(dec!(50), dec!(0.5), Some(Qualifier::Above));
        assert!(above.meets(Interval::point(dec!(80))));
        assert!(!above.meets(Interval::point(dec!(40))));
    }
}
