//! A report read through the pipeline: source → layout → claims → relations.

use std::path::Path;

use crate::claims::{self, Claims};
use crate::error::Result;
use crate::layout::{self, Layout};
use crate::relations::{self, Relation};
use crate::source::{Location, Source};
use crate::timings::{self, Stage};

#[derive(Debug)]
pub struct Document {
    pub source: Source,
    pub layout: Layout,
    pub claims: Claims,
    pub relations: Vec<Relation>,
}

impl Document {
    pub fn read(path: &Path) -> Result<Document> {
        Ok(Document::from_source(Source::read(path)?))
    }

    pub fn from_source(source: Source) -> Document {
        relations::identity::forget();
        let layout = timings::time(Stage::Layout, || layout::layout(&source));
        let claims = timings::time(Stage::Claims, || claims::extract(&layout, layout.meta.year, layout.meta.period.as_deref()));
        let relations = timings::time(Stage::Relations, || relations::find(&layout, &claims));
        Document { source, layout, claims, relations }
    }

    /// Start and (exclusive) end of a source-text range, in lines and columns of the file.
    pub fn span(&self, start: usize, end: usize) -> (Location, Location) {
        (self.source.location(start), self.source.location(end.max(start)))
    }
}
