//! A prose amount that a table of the same report states to more digits, with the growth the
//! prose writes next to it: "… tỉnh X đạt 273,9 nghìn tấn, tăng 20,8%" over a table whose row
//! "X" holds 273,939 tấn this year and 226,793 tấn the year before. The growth is then the
//! table's: this period's cell over the cell of the period before, in the same row.
//!
//! The link needs two pieces of evidence: the prose amount rounds the cell (and no other cell
//! of the report's tables), and the clause of the prose amount names the cell's row.

use super::table::Grid;
use super::view::{is_amount, views, Break};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, Figure, FigureRole};
use crate::grammar::{Kind, Sep};
use crate::interval::Interval;
use crate::lexicon::{has_word, lexicon};
use crate::model::GrowthBase;
use crate::text::lower;

/// Fewer written digits than this round too many cells to single one out.
const MIN_DIGITS: usize = 3;

/// A prose amount with the growth written after it, and the lowercase words of its clause
/// before it (where the row's name must stand).
pub(super) struct Stated {
    amount: FigRef,
    growth: FigRef,
    clause: String,
}

/// The prose amounts a table may state again, each with its growth.
pub(super) fn stated(input: &Input) -> Vec<Stated> {
    let mut out = Vec::new();
    for v in views(input) {
        for pair in v.figs.windows(2) {
            let (a, g) = (v.fig(pair[0]), v.fig(pair[1]));
            let same_period = g.base.as_deref().is_none_or(|b| matches!(lexicon().growth_base(b), GrowthBase::SamePeriod | GrowthBase::Other));
            let plain_growth = g.role == FigureRole::GrowthPercent && g.is_percent() && g.against.is_none() && same_period;
            if input.claims.claims[pair[0].0].cell.is_some() || !plain_growth || !anchorable(a) || a.depth != g.depth || v.boundary(pair[0], pair[1]) > Break::Comma {
                continue;
            }
            // The clause: back to the last full stop, semicolon or colon before the amount.
            let from = v.tokens[..a.tok_start.min(v.tokens.len())]
                .iter()
                .rev()
                .find(|t| matches!(t.kind, Kind::Sep(Sep::Stop | Sep::Semicolon | Sep::Colon)))
                .map_or(0, |t| t.end);
            let clause = v.block.lower.get(from..a.block_start).unwrap_or("").to_owned();
            out.push(Stated { amount: pair[0], growth: pair[1], clause });
        }
    }
    out
}

/// An amount with a unit and enough digits to stand for one cell.
fn anchorable(f: &Figure) -> bool {
    let digits = f.number.value.mantissa().unsigned_abs().to_string().trim_start_matches('0').len();
    is_amount(f) && f.unit.is_some() && f.role != FigureRole::GrowthAbsolute && digits >= MIN_DIGITS
}

/// Whether a cell's value is what the prose amount's written digits round (qualifiers aside:
/// "trên 319,4 nghìn tấn" over 319,368 tấn is the same figure, rounded).
fn rounds_to(prose: &Figure, cell: &Figure) -> bool {
    let (Some(pu), Some(cu)) = (&prose.unit, &cell.unit) else { return false };
    pu.base_dimension() == cu.base_dimension() &&
    Interval::of_written_base(prose).meets(Interval::point(cell.base_value()))
}

pub(super) fn find(input: &Input, grids: &[Grid], stated: &[Stated], out: &mut Vec<Relation>) {
    for s in stated {
        let amount = input.figure(s.amount);
        // Every cell the amount rounds, with the cell of the period before in its row.
        let mut found: Vec<(FigRef, Option<FigRef>, usize, usize, usize)> = Vec::new();
        for g in grids {
            for j in g.value_columns() {
                for r in 0..g.table.rows.len() {
                    let Some(c) = g.fig(r, j).filter(|&c| rounds_to(amount, input.figure(c))) else { continue };
                    found.push((c, g.earlier_column(j).and_then(|p| g.fig(r, p)), g.t, r, j));
                }
            }
        }
        let [(cell, Some(before), t, r, _)] = found.as_slice() else { continue };
        let Some(row) = input.layout.tables.get(*t).and_then(|tb| tb.rows.get(*r)) else { continue };
        let name = lower(crate::layout::strip_translation(&row.label).trim());
        if name.is_empty() || !has_word(&s.clause, &name) {
            continue;
        }
        let g = input.figure(s.growth);
        let mut rel = Relation::new(RelationKind::Growth, Formula::GrowthFromValues { ratio: g.ratio_form }, s.growth, vec![*cell, *before]);
        rel.detail.why = Some(row.label.clone());
        out.push(rel);
    }
}
