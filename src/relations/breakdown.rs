//! A total and its parts, from the breakdowns the claims stage read ("trong đó", "gồm", a bare
//! parenthesis of labelled amounts, a footnote that lists the parts).

use std::collections::BTreeSet;

use super::{Bound, Completeness, Detail, Formula, Input, Relation, RelationKind};
use crate::claims::{Breakdown, Claim};

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for bd in &input.claims.breakdowns {
        let total = input.figure(bd.total);
        if total.unit.is_none() {
            continue;
        }
        let complete_by = match () {
            _ if bd.open_ended => None,
            _ if bd.exhaustive && bd.cue.is_empty() => Some(Completeness::Parenthesis),
            _ if bd.exhaustive => Some(Completeness::Cue(bd.cue.clone())),
            _ if names_cover(input, bd) => Some(Completeness::Names),
            _ => None,
        };
        let exhaustive = complete_by.is_some();
        let mut r = Relation::new(RelationKind::Sum, Formula::Sum, bd.total, bd.parts.clone());
        r.detail = Detail { exhaustive, open_ended: bd.open_ended, subset_cue: bd.subset_cue, complete_by, ..Detail::default() };
        if !exhaustive {
            r.bound = Bound::AtLeast;
        }
        out.push(r);
    }
}

/// Words that say nothing about which part of a whole is meant.
const GENERIC: [&str; 12] = ["tổng", "số", "các", "loại", "ước", "đạt", "là", "có", "và", "của", "toàn", "cả"];

fn words(c: &Claim) -> BTreeSet<String> {
    crate::text::lower(&c.indicator).split(|ch: char| !crate::text::is_word_char(ch)).filter(|w| !w.is_empty() && !GENERIC.contains(w)).map(str::to_owned).collect()
}

/// "Tổng đàn trâu bò 12.350 con (trong đó: đàn trâu 7.120 con, đàn bò 5.030 con)": the parts'
/// names together make up the total's name, each adding a word of its own, so the list is
/// complete though "trong đó" alone would not say so.
fn names_cover(input: &Input, bd: &Breakdown) -> bool {
    if bd.parts.len() < 2 {
        return false;
    }
    let claims = &input.claims.claims;
    let whole = words(&claims[bd.total.0]);
    if whole.len() < 2 {
        return false;
    }
    let labels: Vec<BTreeSet<String>> = bd.parts.iter().map(|p| words(&claims[p.0])).collect();
    let union: BTreeSet<&String> = labels.iter().flatten().collect();
    if !whole.iter().all(|w| union.contains(w)) {
        return false;
    }
    // Each part names a word of the whole that no other part names.
    labels.iter().enumerate().all(|(i, l)| {
        l.iter().any(|w| whole.contains(w) && labels.iter().enumerate().all(|(j, o)| j == i || !o.contains(w)))
    })
}
