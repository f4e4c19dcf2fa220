//! Totals in a table: a total row ("Tổng cộng", "Toàn tỉnh") against the rows beside it; a
//! row against the rows under it (all of them when a group line says "Phân theo …" or their
//! labels make a whole, "Nam", "Nữ"; otherwise only as a bound: "Trong đó" parts cannot
//! exceed it); a total column ("Tổng số") against the columns that divide it ("Nam", "Nữ").
//! Only when the rows are complete: a table with rows left out sums nothing exactly.

use super::table::{is_partition, is_total_word, Grid};
use super::{Bound, Completeness, Formula, Relation, RelationKind};
use crate::claims::FigRef;
use crate::layout::{Meaning, Measure};
use crate::lexicon::lexicon;
use crate::text::lower;

pub(super) fn find(g: &Grid, out: &mut Vec<Relation>) {
    if !g.table.period_rows {
        total_rows(g, out);
        children(g, out);
    }
    column_groups(g, out);
}

fn sum(total: FigRef, parts: Vec<FigRef>, exact: bool, by: Option<Completeness>) -> Relation {
    let mut r = Relation::new(RelationKind::TableTotal, Formula::Sum, total, parts);
    r.detail.exhaustive = exact;
    r.detail.complete_by = by;
    if !exact {
        r.bound = Bound::AtLeast;
    }
    r
}

/// Whether rows `parts` count in row `total`'s unit in column `j`, a unit that adds up:
/// rates do not (4% and 5% of two communes are not 9% of both), shares of one whole do.
fn same_unit(g: &Grid, total: usize, parts: &[usize], j: usize) -> bool {
    let u = |r: usize| g.table.unit_of(r, j).map(lower);
    let rate = u(total).is_some_and(|x| matches!(x.trim(), "%" | "‰"));
    let shares = g.table.columns.get(j).is_some_and(|c| c.meaning == Meaning::Share) || g.table.rows.get(total).is_some_and(|r| r.measure == Measure::Share);
    (!rate || shares) && parts.iter().all(|&p| u(p) == u(total))
}

/// The columns rows add up in: values, and shares (which add up to their total's share).
fn summed_columns(g: &Grid) -> Vec<usize> {
    g.table.columns.iter().enumerate().filter(|(_, c)| matches!(c.meaning, Meaning::Value { .. } | Meaning::Share)).map(|(j, _)| j).collect()
}

/// Sums of `total` over `parts` in each column where every one of them is a figure.
fn per_column(g: &Grid, total: usize, parts: &[usize], exact: bool, by: &Option<Completeness>, out: &mut Vec<Relation>) {
    for j in summed_columns(g) {
        if !same_unit(g, total, parts, j) {
            continue;
        }
        let Some(t) = g.fig(total, j) else { continue };
        let figs: Option<Vec<FigRef>> = parts.iter().map(|&p| g.fig(p, j)).collect();
        if let Some(figs) = figs {
            out.push(sum(t, figs, exact, by.clone()));
        }
    }
}

/// A total row and the rows beside it at the top of its list, those in its unit.
fn total_rows(g: &Grid, out: &mut Vec<Relation>) {
    let t = g.table;
    if t.skipped > 0 {
        return;
    }
    for (r, row) in t.rows.iter().enumerate() {
        if !row.total || row.measure != Measure::Amount {
            continue;
        }
        let listed = segment(g, r);
        let parts: Vec<usize> = listed.iter().copied().filter(|&p| !t.rows[p].group && t.rows[p].measure == Measure::Amount).collect();
        if parts.len() < 2 {
            continue;
        }
        // "Tổng số, trong đó:" (or a "Trong đó" line under it) lists some of the whole.
        let subset = lower(&row.label).contains("trong đó") || listed.iter().any(|&p| t.rows[p].group && lower(&t.rows[p].label).starts_with("trong đó"));
        // Rows of other units in the list are other indicators: the total adds up those of
        // its own (a table-wide "Tổng cộng" in tỷ đồng over the rows in tỷ đồng).
        for j in summed_columns(g) {
            let mine: Vec<usize> = parts.iter().copied().filter(|&p| same_unit(g, r, &[p], j)).collect();
            if mine.len() >= 2 {
                per_column_one(g, r, &mine, j, !subset, out);
            }
        }
    }
}

/// The rows a total adds up when its list holds other totals too: a sub-total ("Cộng")
/// closes the rows since the total before it; a total right after sub-totals adds them up;
/// a total opening a list adds up the rows down to the next total. One total alone adds up
/// its list (`Table::parts_of`).
fn segment(g: &Grid, r: usize) -> Vec<usize> {
    let t = g.table;
    let all = t.parts_of(r);
    let me = &t.rows[r];
    let totals: Vec<usize> = (0..t.rows.len()).filter(|&x| x != r && t.rows[x].total && t.rows[x].parent == me.parent).collect();
    if totals.is_empty() || !g.children(r).is_empty() {
        return all;
    }
    let before = totals.iter().copied().filter(|&x| x < r).max();
    let after = totals.iter().copied().filter(|&x| x > r).min();
    let between: Vec<usize> = all.iter().copied().filter(|&p| before.is_none_or(|b| p > b) && p < r).collect();
    if !between.is_empty() {
        return between;
    }
    if let Some(b) = before {
        // Right after sub-totals: those sub-totals.
        return totals.iter().copied().filter(|&x| x <= b).collect();
    }
    all.into_iter().filter(|&p| p > r && after.is_none_or(|a| p < a)).collect()
}

fn per_column_one(g: &Grid, total: usize, parts: &[usize], j: usize, exact: bool, out: &mut Vec<Relation>) {
    let Some(t) = g.fig(total, j) else { return };
    let figs: Option<Vec<FigRef>> = parts.iter().map(|&p| g.fig(p, j)).collect();
    if let Some(figs) = figs {
        let by = exact.then(|| Completeness::Cue(g.table.rows[total].label.clone()));
        out.push(sum(t, figs, exact, by));
    }
}

/// A group line's words that say its rows are all of the whole ("Phân theo", "Chia ra").
fn complete_group(label: &str) -> bool {
    let l = lower(label);
    let subset = ["trong đó"];
    lexicon().tables.groups.iter().any(|w| l.starts_with(w.as_str())) && !subset.iter().any(|w| l.starts_with(w))
}

/// A row and the rows under it: each group line's rows, and the rows right under it.
fn children(g: &Grid, out: &mut Vec<Relation>) {
    let t = g.table;
    let kids_of = |p: usize| -> Vec<usize> { g.children(p).to_vec() };
    for (p, row) in t.rows.iter().enumerate() {
        if row.total || row.group || !matches!(row.measure, Measure::Amount | Measure::Share) {
            continue;
        }
        let kids = kids_of(p);
        let direct: Vec<usize> = kids.iter().copied().filter(|&k| !t.rows[k].group && t.rows[k].measure == row.measure).collect();
        let mut lists: Vec<(Vec<usize>, bool, Option<Completeness>)> = Vec::new();
        if !direct.is_empty() {
            let labels: Vec<String> = direct.iter().map(|&k| t.rows[k].label.clone()).collect();
            let whole = is_partition(&labels);
            lists.push((direct, whole, whole.then_some(Completeness::Names)));
        }
        for &gk in kids.iter().filter(|&&k| t.rows[k].group) {
            let under: Vec<usize> = kids_of(gk).into_iter().filter(|&k| !t.rows[k].group && t.rows[k].measure == row.measure).collect();
            if under.is_empty() {
                continue;
            }
            let labels: Vec<String> = under.iter().map(|&k| t.rows[k].label.clone()).collect();
            let named = is_partition(&labels);
            let cued = complete_group(&t.rows[gk].label);
            let by = if cued { Some(Completeness::Cue(t.rows[gk].label.clone())) } else if named { Some(Completeness::Names) } else { None };
            lists.push((under, by.is_some(), by));
        }
        for (parts, exact, by) in lists {
            // Rows left out of the table may have been among them.
            let exact = exact && t.skipped == 0;
            if exact {
                per_column(g, p, &parts, true, &by, out);
                continue;
            }
            // A bound holds for the rows of the parent's unit among them (a "GRDP per head"
            // row under the GRDP is not one of its parts).
            for j in summed_columns(g) {
                let mine: Vec<usize> = parts.iter().copied().filter(|&k| same_unit(g, p, &[k], j)).collect();
                if !mine.is_empty() {
                    let Some(tf) = g.fig(p, j) else { continue };
                    let figs: Option<Vec<FigRef>> = mine.iter().map(|&k| g.fig(k, j)).collect();
                    if let Some(figs) = figs {
                        out.push(sum(tf, figs, false, None));
                    }
                }
            }
        }
    }
}

/// The leaf of a column under its group ("Tổng dân số Nam" → "Nam").
fn leaf(header: &str, group: Option<&str>) -> String {
    match group {
        Some(gr) => header.strip_prefix(gr).unwrap_or(header).trim().to_owned(),
        None => header.trim().to_owned(),
    }
}

/// Total columns: within a group ("Dân số thành thị": "Tổng", "Nam", "Nữ"), the total leaf
/// against the other leaves when they make a whole; a total column standing alone ("Tổng
/// số") against each run of the columns after it that makes a whole ("Nam", "Nữ";
/// "Thành thị", "Nông thôn").
fn column_groups(g: &Grid, out: &mut Vec<Relation>) {
    let cols = &g.table.columns;
    let values: Vec<usize> = g.value_columns().collect();
    let mut pairs: Vec<(usize, Vec<usize>)> = Vec::new();
    // Within a group.
    let mut seen: Vec<&str> = Vec::new();
    for &j in &values {
        let Some(gr) = cols[j].group.as_deref() else { continue };
        if seen.contains(&gr) {
            continue;
        }
        seen.push(gr);
        let members: Vec<usize> = values.iter().copied().filter(|&i| cols[i].group.as_deref() == Some(gr)).collect();
        let totals: Vec<usize> = members.iter().copied().filter(|&i| is_total_word(&leaf(&cols[i].header, Some(gr)))).collect();
        let [total] = totals.as_slice() else { continue };
        let rest: Vec<usize> = members.iter().copied().filter(|i| i != total).collect();
        let labels: Vec<String> = rest.iter().map(|&i| leaf(&cols[i].header, Some(gr))).collect();
        if rest.len() >= 2 && is_partition(&labels) {
            pairs.push((*total, rest));
        }
    }
    // A total column alone, and the runs after it.
    for (n, &j) in values.iter().enumerate() {
        if cols[j].group.is_some() || !is_total_word(&cols[j].header) {
            continue;
        }
        let mut at = n + 1;
        while at < values.len() {
            let run = (2..=4).filter(|len| at + len <= values.len()).find(|&len| {
                let labels: Vec<String> = values[at..at + len].iter().map(|&i| leaf(&cols[i].header, cols[i].group.as_deref())).collect();
                is_partition(&labels)
            });
            match run {
                Some(len) => {
                    pairs.push((j, values[at..at + len].to_vec()));
                    at += len;
                }
                None => break,
            }
        }
    }
    for (total, parts) in pairs {
        for r in 0..g.table.rows.len() {
            if g.table.rows[r].measure != Measure::Amount {
                continue;
            }
            let u = |j: usize| g.table.unit_of(r, j).map(lower);
            if parts.iter().any(|&p| u(p) != u(total)) || u(total).is_some_and(|x| matches!(x.trim(), "%" | "‰")) {
                continue;
            }
            let Some(t) = g.fig(r, total) else { continue };
            let figs: Option<Vec<FigRef>> = parts.iter().map(|&p| g.fig(r, p)).collect();
            if let Some(figs) = figs {
                out.push(sum(t, figs, true, Some(Completeness::Names)));
            }
        }
    }
}
