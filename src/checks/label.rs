//! `unlabeled_part`: one part of a labelled breakdown has no label, so the reader cannot tell
//! what it counts ("(Trong đó: Nông nghiệp: 482,3 tỷ đồng, 8,1 tỷ đồng, thủy sản: 28 tỷ đồng)").
//! Reported only when at least two other parts are labelled and nothing names this one,
//! neither before nor after the number.

use super::{Ctx, Finding};
use crate::rules::Rule;

pub fn check(ctx: &Ctx, rule: &Rule, out: &mut Vec<Finding>) {
    let c = &ctx.doc.claims;
    for bd in ctx.doc.relations.iter().filter(|r| r.kind == crate::relations::RelationKind::Sum) {
        let claim = &c.claims[bd.result.0];
        if !rule.applies_to(claim.role) || bd.operands.len() < 3 {
            continue;
        }
        let block = &ctx.doc.layout.blocks[c.claims[bd.operands[0].0].block];
        let text = &block.text;
        // The text between the previous separator and each part, and after it to the next.
        let named = |f: &crate::claims::Figure| -> (bool, bool) {
            let before = &text[..f.block_start];
            // "nông nghiệp: 482,3": the label runs up to the colon, so only , ; ( end a segment.
            let seg_start = before.rfind([',', ';', '(']).map(|i| i + 1).unwrap_or(0);
            let after = &text[f.block_end..];
            let seg_end = after.find([',', ';', ')', '.']).unwrap_or(after.len());
            let words = |s: &str| s.chars().any(|ch| ch.is_alphabetic());
            (words(&before[seg_start..]), words(&after[..seg_end]))
        };
        let parts: Vec<_> = bd.operands.iter().map(|&p| (c.figure(p), named(c.figure(p)))).collect();
        let labelled = parts.iter().filter(|(_, (b, _))| *b).count();
        let bare: Vec<_> = parts.iter().filter(|(_, (b, a))| !*b && !*a).collect();
        if labelled >= 2 && bare.len() == 1 {
            let f = bare[0].0;
            ctx.cover(rule, &[f]);
            let vars = [("stated", f.text.clone())];
            out.push(ctx.finding(rule, rule.level, ctx.fig_span(f), Vec::new(), &vars));
        }
    }
}
