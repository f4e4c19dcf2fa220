//! A block as the finders read it: its figures in text order, its tokens, and questions about
//! the words between and around figures (is there a sentence boundary, which cue words).

use crate::claims::{BlockClaims, FigRef, Figure, FigureRole};
use crate::grammar::{Cue, Kind, Sep, Token};
use crate::layout::Block;
use crate::lexicon::lexicon;
use crate::model::GrowthBase;

use super::Input;

pub(super) struct View<'a> {
    pub input: &'a Input<'a>,
    pub block: &'a Block,
    pub tokens: &'a [Token],
    /// The block's figures, in text order.
    pub figs: Vec<FigRef>,
    /// The tokens that end a clause (full stops, semicolons, colons), by index, in order: a
    /// clause's start is found by a binary search, not a walk back over the block.
    ends: Vec<usize>,
    /// The block's index in the layout.
    index: usize,
}

/// Where one stretch of text stops being the same statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Break {
    None,
    /// A comma or a colon: the same sentence goes on.
    Comma,
    /// A semicolon: another clause of the same sentence.
    Clause,
    /// A full stop (outside parentheses): another sentence.
    Sentence,
}

impl<'a> View<'a> {
    pub fn new(input: &'a Input<'a>, bc: &'a BlockClaims) -> View<'a> {
        // Claims group figures by what they are about, not by position: "đạt 80% (4/5
        // phường); … đạt 90%" puts both percents in one claim. The finders read in text order.
        let mut figs: Vec<FigRef> = input.claims.figures_of(bc).collect();
        figs.sort_by_key(|&r| input.claims.figure(r).block_start);
        let ends = bc.tokens.iter().enumerate().filter(|(_, t)| matches!(t.kind, Kind::Sep(Sep::Stop | Sep::Semicolon | Sep::Colon))).map(|(i, _)| i).collect();
        View { input, block: &input.layout.blocks[bc.block], tokens: &bc.tokens, figs, ends, index: bc.block }
    }

    /// The block's index in the layout.
    pub fn block_index(&self) -> usize {
        self.index
    }

    /// Where the stretch of text that holds token `tok` starts, back to the last of the given
    /// separators before it: the index of its first token and its byte offset in the block.
    pub fn start_before(&self, tok: usize, seps: &[Sep]) -> (usize, usize) {
        let k = self.ends.partition_point(|&i| i < tok);
        self.ends[..k]
            .iter()
            .rev()
            .find(|&&i| matches!(self.tokens[i].kind, Kind::Sep(s) if seps.contains(&s)))
            .map_or((0, 0), |&i| (i + 1, self.tokens[i].end))
    }

    pub fn fig(&self, r: FigRef) -> &'a Figure {
        self.input.claims.figure(r)
    }

    /// The lowercase block text between the end of `a` and the start of `b`.
    pub fn between(&self, a: FigRef, b: FigRef) -> &'a str {
        let (a, b) = (self.fig(a), self.fig(b));
        self.block.lower.get(a.block_end..b.block_start.max(a.block_end)).unwrap_or("")
    }

    /// The strongest boundary between two figures, counted on the tokens at the top level of
    /// the first figure's parentheses.
    pub fn boundary(&self, a: FigRef, b: FigRef) -> Break {
        let (fa, fb) = (self.fig(a), self.fig(b));
        let mut depth = 0i64;
        let mut worst = Break::None;
        for t in self.tokens.get(fa.tok_end..fb.tok_start).unwrap_or(&[]) {
            match t.kind {
                Kind::Sep(Sep::Open) => depth += 1,
                Kind::Sep(Sep::Close) => depth -= 1,
                Kind::Sep(Sep::Stop) if depth <= 0 => worst = worst.max(Break::Sentence),
                Kind::Sep(Sep::Semicolon) if depth <= 0 => worst = worst.max(Break::Clause),
                Kind::Sep(Sep::Comma | Sep::Colon) if depth <= 0 => worst = worst.max(Break::Comma),
                _ => {}
            }
        }
        worst
    }

    /// The block's figures in runs that no boundary as strong as `at` divides: its sentences
    /// (`Break::Sentence`) or its clauses (`Break::Clause`).
    pub fn runs(&self, at: Break) -> Vec<&[FigRef]> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < self.figs.len() {
            let mut end = start + 1;
            while end < self.figs.len() && self.boundary(self.figs[end - 1], self.figs[end]) < at {
                end += 1;
            }
            out.push(&self.figs[start..end]);
            start = end;
        }
        out
    }

    /// The token right before a figure, if it is a cue.
    pub fn cue_before(&self, f: FigRef) -> Option<Cue> {
        let t = self.fig(f).tok_start.checked_sub(1)?;
        match self.tokens.get(t)?.kind {
            Kind::Cue(c) => Some(c),
            _ => None,
        }
    }
}

/// An amount: a figure that states a quantity, not a percent about one.
pub(super) fn is_amount(f: &Figure) -> bool {
    !f.is_percent() && (f.role.is_amount() || f.role == FigureRole::RatioDenominator)
}

/// A growth percent that names no plan it is over: the "tăng 5%" of an amount.
pub(super) fn is_plain_growth(f: &Figure) -> bool {
    f.role == FigureRole::GrowthPercent && f.is_percent() && f.against.is_none()
}

/// A rise written as a factor: "gấp 2,5 lần", "tăng 4,2 lần" (not a fall: "giảm 2 lần" is
/// read two ways).
pub(super) fn is_times_growth(f: &Figure) -> bool {
    f.role == FigureRole::GrowthPercent && f.dimension() == Some("times") && f.against.is_none() && !f.negative
}

/// Every block view of the document.
pub(super) fn views<'a>(input: &'a Input<'a>) -> impl Iterator<Item = View<'a>> + 'a {
    input.claims.blocks.iter().map(move |bc| View::new(input, bc))
}

/// Two growths measured against the same kind of base: a growth that names none, or names a
/// date, goes with any; the same period a year before and the month before do not mix.
pub(super) fn bases_agree(a: &Figure, b: &Figure) -> bool {
    let kind = |f: &Figure| f.base.as_deref().map(|s| lexicon().growth_base(s)).filter(|k| *k != GrowthBase::Other);
    match (kind(a), kind(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}
