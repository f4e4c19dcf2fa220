//! soi ("soi số liệu"): a consistency-audit linter for the figures in Vietnamese government
//! reports. The pipeline runs one way: source → layout → grammar → claims → checks → report.

pub mod audit;
pub mod baseline;
pub mod checks;
pub mod claims;
pub mod cli;
pub mod config;
pub mod document;
pub mod docx;
pub mod error;
pub mod grammar;
pub mod html;
pub mod layout;
pub mod interval;
pub mod lexicon;
pub mod model;
pub mod output;
pub mod relations;
pub mod report;
pub mod rules;
pub mod series;
pub mod settings;
pub mod snippet;
pub mod source;
pub mod suppress;
pub mod text;
pub mod timings;

pub use error::{Error, Result};

/// The names most callers need.
pub mod prelude {
    pub use crate::checks::{Finding, Related, Severity};
    pub use crate::claims::{Claim, FigureRole, Figure};
    pub use crate::document::Document;
    pub use crate::error::{Error, Result};
    pub use crate::layout::Role;
    pub use crate::rules::{Lang, RuleSet};
    pub use crate::source::{Location, Source};
}
