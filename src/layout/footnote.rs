//! Linking footnote markers to footnote text, through an index of footnotes by label: one
//! pass over the blocks however many markers there are (a scan per marker made 40k markers
//! quadratic).

use rustc_hash::FxHashMap as HashMap;

use super::Block;

/// A marker links to the first footnote with its label at or after the marker's block
/// (labels restart in some reports, so the nearest following one is the right one), or
/// failing that to the first one anywhere. A footnote keeps the first marker that finds it.
pub(super) fn link_footnotes(blocks: &mut [Block]) {
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::default();
    for (n, b) in blocks.iter().enumerate() {
        if let Some(label) = &b.footnote {
            by_label.entry(label.as_str()).or_default().push(n);
        }
    }
    let mut links = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        for (_, label) in &b.markers {
            let Some(notes) = by_label.get(label.as_str()) else { continue };
            // `notes` is in block order: the first at or after `i`, else the first of all.
            let next = notes.get(notes.partition_point(|&n| n < i)).or(notes.first());
            if let Some(&n) = next {
                links.push((n, i));
            }
        }
    }
    for (n, parent) in links {
        if blocks[n].parent.is_none() {
            blocks[n].parent = Some(parent);
            blocks[n].section = blocks[parent].section.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::{layout, BlockKind};
    use crate::source::Source;
    use std::path::Path;

    #[test]
    fn restarted_labels_link_to_the_nearest_following_note() {
        let text = "Thu đạt 5 tỷ đồng¹.\n\n¹ Ghi chú một.\n\nChi đạt 4 tỷ đồng¹.\n\n¹ Ghi chú hai.\n\nVốn đạt 3 tỷ đồng².\n\n² Ghi chú ba.\n\nNợ còn 2 tỷ đồng².\n";
        let l = layout(&Source::from_text(Path::new("t.md"), text.to_owned()));
        let parents: Vec<(&str, Option<usize>)> =
            l.blocks.iter().filter(|b| b.kind == BlockKind::Footnote).map(|b| (b.text.as_str(), b.parent)).collect();
        // The last marker finds no note after it: it falls back to the first "2", already taken.
        assert_eq!(parents, [("Ghi chú một.", Some(0)), ("Ghi chú hai.", Some(2)), ("Ghi chú ba.", Some(4))]);
    }
}
