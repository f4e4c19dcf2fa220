//! A percent of plan against the plan amount stated elsewhere in the report ("lũy kế giải ngân
//! là 42.564 triệu đồng, đạt 34,4% kế hoạch" against "Tổng kế hoạch vốn … là 123.643 triệu
//! đồng"). The words after the percent name the plan; a plan named by more than the bare word
//! is looked up in the section, a bare "kế hoạch" only in the same paragraph.

use super::{Formula, Input, Relation, RelationKind};
use crate::claims::{key, FigureRole};

pub(super) fn find(input: &Input, out: &mut Vec<Relation>) {
    let claims = &input.claims.claims;
    // Claims that name a plan, found once.
    let plans: Vec<usize> = claims.iter().enumerate().filter(|(_, c)| c.key.starts_with("kế hoạch") || c.key.starts_with("dự toán")).map(|(i, _)| i).collect();
    for (ci, claim) in claims.iter().enumerate() {
        if claim.figures.iter().any(|f| f.role == FigureRole::RatioDenominator) {
            continue;
        }
        let Some(vi) = claim.figures.iter().position(|f| matches!(f.role, FigureRole::Value | FigureRole::Total | FigureRole::Part) && !f.is_percent()) else { continue };
        let value = &claim.figures[vi];
        let Some(pi) = claim.figures.iter().position(|f| f.role == FigureRole::PlanPercent && !f.exceeds) else { continue };
        let Some(against) = claim.figures[pi].against.as_deref() else { continue };
        let plan_key = key(against);
        let bare = crate::lexicon::lexicon().plan_words.contains(&crate::text::lower(against));
        if plan_key.is_empty() || !plan_key.starts_with("kế hoạch") && !plan_key.starts_with("dự toán") {
            continue;
        }
        // The one earlier claim that names this plan, measured like the value, in the same
        // paragraph (bare "kế hoạch") or section; with two candidates the plan is unclear.
        let before = plans.partition_point(|&p| p < ci);
        let candidates: Vec<usize> = plans[..before]
            .iter()
            .rev()
            .take(64)
            .copied()
            .filter(|&p| {
                let c = &claims[p];
                c.key.starts_with(&plan_key)
                    && (if bare { c.block == claim.block } else { c.section == claim.section })
                    && c.role == claim.role
                    && c.main().is_some_and(|m| m.dimension() == value.dimension() && !m.is_percent())
                    && c.find(FigureRole::PlanPercent).is_none()
            })
            .collect();
        let [plan] = candidates.as_slice() else { continue };
        let Some(mi) = claims[*plan].figures.iter().position(|f| f.role.is_amount()) else { continue };
        out.push(Relation::new(RelationKind::PlanPercent, Formula::Percent, (ci, pi), vec![(ci, vi), (*plan, mi)]));
    }
}
