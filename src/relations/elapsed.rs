//! Years elapsed since an event against the dates that follow it: "kỷ niệm 50 năm Ngày giải
//! phóng (30/4/1975 - 30/4/2025)" states 2025 − 1975. The claims stage reads the span and its
//! two years only when a parenthesis of two dates (or years) joined by a dash comes right after
//! "N năm" in the same sentence. Two bare years may also count whole years inclusively: "kế
//! hoạch 5 năm (2021 - 2025)".

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::FigureRole;

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    for (ci, claim) in input.claims.claims.iter().enumerate() {
        for (fi, w) in claim.figures.windows(3).enumerate() {
            if w[0].role == FigureRole::Elapsed && w[1].role == FigureRole::Year && w[2].role == FigureRole::Year {
                // A year written alone, not as the end of a date, may count the span inclusively.
                let text = input.layout.blocks.get(w[1].block).map(|b| b.text.as_str()).unwrap_or("");
                let inclusive = !text[..w[1].block_start.min(text.len())].ends_with('/');
                out.push(Relation::new(RelationKind::Elapsed, Formula::Elapsed { inclusive }, (ci, fi), vec![(ci, fi + 2), (ci, fi + 1)]));
            }
        }
    }
}
