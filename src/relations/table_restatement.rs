//! A figure of the prose stated again in a table: the same indicator (the row label's key and
//! the prose indicator's key), the same period, the same kind of figure and dimension. The
//! table's cell is bound to the prose figure and must agree with it.
//!
//! The indicator identity here is the claims' key; the relations stage's own identity of
//! restatements may replace it (this file keeps the prose↔table matching apart for that).

use rustc_hash::FxHashMap as HashMap;

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, Figure, FigureRole};
use crate::interval::Interval;

/// A prose statement of an indicator, for a table cell to be compared with.
type Stated = (String, String, FigureRole, String);

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    if input.layout.tables.is_empty() {
        return;
    }
    let group = |c: &crate::claims::Claim, f: &Figure| -> Option<Stated> {
        let role = match f.role {
            FigureRole::Value | FigureRole::Total => FigureRole::Value,
            FigureRole::PlanPercent | FigureRole::GrowthPercent => f.role,
            _ => return None,
        };
        // An indicator named by a word or two ("Nam", "Lúa") is not one the report names once.
        if c.key.split(' ').count() < 2 || f.unit.is_none() {
            return None;
        }
        Some((c.key.clone(), c.period.clone(), role, f.unit.as_ref().map(|u| u.base_dimension().to_owned()).unwrap_or_default()))
    };
    let mut prose: HashMap<Stated, Vec<FigRef>> = HashMap::default();
    for (ci, c) in claims.iter().enumerate().filter(|(_, c)| c.cell.is_none()) {
        for (fi, f) in c.figures.iter().enumerate() {
            if let Some(k) = group(c, f) {
                prose.entry(k).or_default().push((ci, fi));
            }
        }
    }
    if prose.is_empty() {
        return;
    }
    for (ci, c) in claims.iter().enumerate() {
        let Some((t, r, j)) = c.cell else { continue };
        // Only a column of a stated period: a column without one may be about anything.
        let dated = input.layout.tables.get(t).and_then(|tb| tb.columns.get(j)).is_some_and(|col| match &col.meaning {
            crate::layout::Meaning::Value { period, .. } => period.is_some(),
            crate::layout::Meaning::Compare { .. } => true,
            _ => false,
        });
        let Some(f) = c.figures.first() else { continue };
        let Some(k) = group(c, f).filter(|_| dated) else { continue };
        let Some(stated) = prose.get(&k) else { continue };
        // A growth measures the amount it follows: the table's growth of the area is not the
        // prose's growth of the output.
        let measured = measured_dimension(input, t, r, j);
        let of_same = |p: &&FigRef| match (&measured, claims[p.0].main().and_then(|m| m.unit.as_ref())) {
            (Some(d), Some(u)) => u.base_dimension() == d,
            _ => true,
        };
        let stated: Vec<FigRef> = stated.iter().filter(of_same).copied().collect();
        // The prose figure that disagrees is the one worth linking; otherwise the first.
        let linked = stated.iter().find(|&&p| !agree(input.figure(p), f)).or_else(|| stated.first());
        if let Some(&p) = linked {
            out.push(Relation::new(RelationKind::TableRestatement, Formula::Same, (ci, 0), vec![p]));
        }
    }
}

/// What a comparison column compares, as a base dimension: "mass" for a growth of the column
/// "Sản lượng, tấn"; None for other columns or an unknown unit.
fn measured_dimension(input: &Input, t: usize, r: usize, j: usize) -> Option<String> {
    let table = input.layout.tables.get(t)?;
    let crate::layout::Meaning::Compare { of: Some(of), .. } = table.columns.get(j)?.meaning else { return None };
    let unit = table.unit_of(r, of)?;
    let (u, _) = crate::lexicon::lexicon().unit_at(unit, &crate::text::lower(unit))?;
    Some(u.base_dimension().to_owned())
}

/// Growths compared as growths: a table's "109,2" (of last year) is the prose's "tăng 9,2%".
fn growth_point(f: &Figure) -> Option<Interval> {
    let i = Interval::of_figure(f);
    if f.ratio_form {
        Some(i.minus(Interval::point(rust_decimal::Decimal::ONE_HUNDRED)))
    } else if f.negative {
        Some(i.negated())
    } else {
        Some(i)
    }
}

/// Whether two statements of one indicator agree.
pub fn agree(a: &Figure, b: &Figure) -> bool {
    if a.role == FigureRole::GrowthPercent && b.role == FigureRole::GrowthPercent {
        return matches!((growth_point(a), growth_point(b)), (Some(x), Some(y)) if x.meets(y));
    }
    Interval::of_figure_base(a).meets(Interval::of_figure_base(b))
}
