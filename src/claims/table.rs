//! Table cells as claims: the indicator is the row label, the period the column's, the role
//! what the column holds (value, plan, percent of plan, growth, share), the unit the row's,
//! the column's or the table's. Each claim points back at its cell (`Claim::cell`).

use super::{key, Claim, Claims, Figure, FigureRole};
use crate::grammar::Number;
use crate::layout::{Against, Layout, Meaning, Measure, Value, ValueKind};
use crate::lexicon::lexicon;
use crate::text::lower;

/// For each block, the (table, row) it holds, if it is a table row.
pub(super) fn rows_by_block(layout: &Layout) -> Vec<Option<(usize, usize)>> {
    let mut out = vec![None; layout.blocks.len()];
    for (t, table) in layout.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            if let Some(slot) = out.get_mut(row.block) {
                *slot = Some((t, r));
            }
        }
    }
    out
}

/// The claims of one table row, one per figure cell, in column order.
pub(super) fn read_row(layout: &Layout, t: usize, r: usize, doc_period: Option<&str>, out: &mut Claims) {
    let (Some(table), lex) = (layout.tables.get(t), lexicon()) else { return };
    let Some(row) = table.rows.get(r) else { return };
    let Some(block) = layout.blocks.get(row.block) else { return };
    if row.label.is_empty() {
        return;
    }
    // A nested row is named with its parent ("Nam" of "Dân số trung bình"), so equal labels
    // under different parents are different indicators.
    let parent = row.parent.and_then(|p| table.rows.get(p)).map(|p| p.label.as_str());
    let key = key(&match parent {
        Some(p) => format!("{p} {}", row.label),
        None => row.label.clone(),
    });
    // A yearbook's row is a period: the column names the indicator.
    let by_column = row.period.is_some();
    let label_start = table.label_column().and_then(|j| row.cells.get(j)).map(|c| c.start).unwrap_or(row.start);
    let period_of = |j: usize| -> Option<String> {
        match &table.columns.get(j)?.meaning {
            Meaning::Value { period, .. } => period.clone(),
            _ => None,
        }
    };
    let doc_or = |p: Option<String>| match p {
        Some(p) if Some(p.as_str()) != doc_period => p,
        _ => "doc".to_owned(),
    };
    // Columns of the same kind and period measure different things ("Diện tích", "Sản
    // lượng"; "Nam", "Nữ"): their header joins the key.
    // Counted once per row, so a row of 40k cells stays linear.
    let mut same: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in table.columns.iter().filter(|c| matches!(c.meaning, Meaning::Value { .. })) {
        *same.entry(format!("{:?}", c.meaning)).or_default() += 1;
    }
    let shared = |j: usize| table.columns.get(j).is_some_and(|c| matches!(c.meaning, Meaning::Value { .. }) && same.get(&format!("{:?}", c.meaning)).is_some_and(|&n| n > 1));
    for (j, cell) in row.cells.iter().enumerate() {
        let Value::Number(value) = cell.value else { continue };
        let Some(col) = table.columns.get(j) else { continue };
        let measured = match (row.measure, &col.meaning) {
            (Measure::Index, Meaning::Value { .. }) => Some((FigureRole::GrowthPercent, true)),
            (Measure::Growth, Meaning::Value { .. }) => Some((FigureRole::GrowthPercent, false)),
            (Measure::Share, Meaning::Value { .. }) => Some((FigureRole::SharePercent, false)),
            _ => None,
        };
        let (role, period, against) = match &col.meaning {
            _ if by_column => (measured.map(|m| m.0).unwrap_or(FigureRole::Value), doc_or(row.period.clone()), None),
            Meaning::Value { .. } if measured.is_some() => (measured.map(|m| m.0).unwrap_or(FigureRole::Value), doc_or(period_of(j)), None),
            Meaning::Value { kind: ValueKind::Plan, period } => (FigureRole::Plan, format!("kế hoạch {}", period.as_deref().unwrap_or("")).trim_end().to_owned(), None),
            Meaning::Value { kind: ValueKind::Previous, period } => (FigureRole::Value, period.clone().unwrap_or_else(|| "cùng kỳ".into()), None),
            Meaning::Value { period, .. } => (FigureRole::Value, doc_or(period.clone()), None),
            Meaning::Compare { of: Some(of), base, against, .. } => {
                let role = if *against == Against::Plan { FigureRole::PlanPercent } else { FigureRole::GrowthPercent };
                let plan = base.and_then(|b| table.columns.get(b)).map(|c| c.header.clone());
                (role, doc_or(period_of(*of)), plan.filter(|_| *against == Against::Plan))
            }
            Meaning::Share => (FigureRole::SharePercent, "doc".into(), None),
            _ => continue,
        };
        let (Some(bs), Some(be)) = (block.block_offset(cell.start, false), block.block_offset(cell.end, true)) else { continue };
        let unit_text = if measured.is_some() { Some("%") } else { table.unit_of(r, j) };
        let unit = unit_text.and_then(|u| {
            let l = lower(u);
            lex.unit_at(u, &l).filter(|(_, len)| *len == u.len()).map(|(unit, _)| unit)
        });
        let growth = matches!(col.meaning, Meaning::Compare { growth: true, .. }) || measured == Some((FigureRole::GrowthPercent, false));
        let figure = Figure {
            role,
            number: Number { value, ambiguous: false },
            unit,
            qualifier: None,
            negative: false,
            exceeds: false,
            ratio_form: role == FigureRole::GrowthPercent && !growth,
            percent_implied: false,
            remainder: false,
            against,
            base: None,
            text: cell.text.clone(),
            start: cell.start,
            end: cell.end,
            block_start: bs,
            block_end: be,
            block: row.block,
            sentence: 0,
            depth: 0,
            tok_start: 0,
            tok_end: 0,
        };
        let header = || crate::layout::strip_translation(&col.header);
        out.claims.push(Claim {
            indicator: if by_column { header() } else { row.label.clone() },
            key: match table.columns.get(j) {
                _ if by_column => super::key(&header()),
                Some(c) if shared(j) => format!("{key} {}", super::key(&c.header)),
                _ => key.clone(),
            },
            subject: None,
            figures: vec![figure],
            block: row.block,
            role: block.role,
            section: block.section.clone(),
            period,
            start: label_start.min(cell.start),
            end: cell.end,
            cell: Some((t, r, j)),
        });
    }
}
