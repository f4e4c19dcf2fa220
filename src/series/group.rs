//! Series: the documents of one issuing unit, ordered by period (year, then month reached:
//! tháng 1 … tháng 12, quý, N tháng, năm). A document whose unit or period cannot be read
//! belongs to none.

use std::collections::BTreeMap;

use super::summary::Summary;

/// Where a document stands in its series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The issuing unit, normalised.
    pub unit: String,
    pub year: u16,
    /// 1-based place among the unit's reports of that year, and how many there are.
    pub position: usize,
    pub of: usize,
    /// The report's period as people write it.
    pub period: String,
}

/// The documents of each unit (indices into the summaries), in series order; only placed
/// documents.
pub fn by_unit(summaries: &[Summary]) -> BTreeMap<&str, Vec<usize>> {
    let mut out: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in summaries.iter().enumerate() {
        if let (Some(u), Some(_)) = (&s.unit, s.period) {
            out.entry(u.as_str()).or_default().push(i);
        }
    }
    for docs in out.values_mut() {
        docs.sort_by_key(|&i| (summaries[i].period.map(|p| p.order()), i));
    }
    out
}

/// Each document's place in its series (None for a document that could not be placed).
pub fn members(summaries: &[Summary], units: &BTreeMap<&str, Vec<usize>>) -> Vec<Option<Member>> {
    let mut out = vec![None; summaries.len()];
    for (unit, docs) in units {
        let mut by_year: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
        for &d in docs {
            if let Some(p) = summaries[d].period {
                by_year.entry(p.year).or_default().push(d);
            }
        }
        for (year, docs) in by_year {
            for (k, &d) in docs.iter().enumerate() {
                let period = summaries[d].period.map(|p| p.describe()).unwrap_or_default();
                out[d] = Some(Member { unit: (*unit).to_owned(), year, position: k + 1, of: docs.len(), period });
            }
        }
    }
    out
}
