//! A prose amount that a table of the same report states to more digits, with the growth the
//! prose writes next to it: "… tỉnh X đạt 273,9 nghìn tấn, tăng 20,8%" over a table whose row
//! "X" holds 273,939 tấn this year and 226,793 tấn the year before. The growth is then the
//! table's: this period's cell over the cell of the period before, in the same row.
//!
//! The link needs two pieces of evidence: the prose amount rounds the cell (and no other cell
//! of the report's tables), and the clause of the prose amount names the cell's row.

use super::table::Grid;
use super::view::{is_amount, is_plain_growth, views, Break};
use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{FigRef, Figure, FigureRole};
use crate::grammar::Sep;
use crate::interval::Interval;
use crate::lexicon::{has_word, lexicon};
use crate::model::GrowthBase;
use crate::text::lower;
use rust_decimal::Decimal;

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
            // Against the same period a year before: "so với năm 2020" may be any earlier column.
            let same_period = g.base.as_deref().is_none_or(|b| lexicon().growth_base(b) == GrowthBase::SamePeriod);
            let plain_growth = is_plain_growth(g) && same_period;
            if input.claims.claims[pair[0].0].cell.is_some() || !plain_growth || !anchorable(a) || a.depth != g.depth || v.boundary(pair[0], pair[1]) > Break::Comma {
                continue;
            }
            // The clause: back to the last full stop, semicolon or colon before the amount.
            let (_, from) = v.start_before(a.tok_start, &[Sep::Stop, Sep::Semicolon, Sep::Colon]);
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

/// A cell of a value column that a prose amount may round: its value in the base unit, its
/// figure, and its place.
struct Cell {
    value: Decimal,
    fig: FigRef,
    grid: usize,
    row: usize,
    col: usize,
}

pub(super) fn find(input: &Input, grids: &[Grid], stated: &[Stated], out: &mut Vec<Relation>) {
    if stated.is_empty() {
        return;
    }
    // Every value cell once, by value: each prose amount looks up the cells it rounds by a
    // binary search, not a walk over every table.
    let mut cells: Vec<Cell> = Vec::new();
    for (gi, g) in grids.iter().enumerate() {
        for col in g.value_columns() {
            for row in 0..g.table.rows.len() {
                if let Some(fig) = g.fig(row, col).filter(|&c| input.figure(c).unit.is_some()) {
                    cells.push(Cell { value: input.figure(fig).base_value(), fig, grid: gi, row, col });
                }
            }
        }
    }
    cells.sort_by_key(|c| c.value);
    for s in stated {
        let amount = input.figure(s.amount);
        let Some(unit) = &amount.unit else { continue };
        let written = Interval::of_written_base(amount);
        let (from, to) = (cells.partition_point(|c| c.value < written.lo), cells.partition_point(|c| c.value <= written.hi));
        let rounded: Vec<&Cell> = cells[from..to.max(from)].iter().filter(|c| input.figure(c.fig).unit.as_ref().is_some_and(|u| u.base_dimension() == unit.base_dimension())).collect();
        let [cell] = rounded.as_slice() else { continue };
        let g = &grids[cell.grid];
        let Some(before) = g.earlier_column(cell.col).and_then(|p| g.fig(cell.row, p)) else { continue };
        let Some(row) = g.table.rows.get(cell.row) else { continue };
        let name = lower(crate::layout::strip_translation(&row.label).trim());
        if name.is_empty() || !has_word(&s.clause, &name) {
            continue;
        }
        let growth = input.figure(s.growth);
        let mut rel = Relation::new(RelationKind::Growth, Formula::GrowthFromValues { ratio: growth.ratio_form }, s.growth, vec![cell.fig, before]);
        rel.detail.why = Some(row.label.clone());
        out.push(rel);
    }
}
