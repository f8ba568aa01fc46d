//! [`Round`]s of talks (Geneva, Moscow, Florida) that the analyst names to compare what moved
//! between them, and [`Brief`]s: the analyst's edited summary of a comparison, kept so the
//! report prints what the analyst wrote rather than a fresh draft.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DocumentId, RoundId};

/// A round of talks: a named date range, or a named group of documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: RoundId,
    pub name: String,
    pub span: RoundSpan,
}

/// What a [`Round`] covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundSpan {
    /// Statements made from `from` to `to`, both days included, by the time-order rule
    /// ([`super::Project::statement_day`]; see [`super::Project::in_round`]).
    Dates { from: NaiveDate, to: NaiveDate },
    /// Statements of these documents, whenever they were made.
    Documents(Vec<DocumentId>),
}

impl Round {
    /// A new round with a fresh id.
    #[must_use]
    pub fn new(name: impl Into<String>, span: RoundSpan) -> Self {
        Self {
            id: RoundId::random(),
            name: name.into(),
            span,
        }
    }

    /// The round's dates, for a round of dates.
    #[must_use]
    pub fn dates(&self) -> Option<(NaiveDate, NaiveDate)> {
        match self.span {
            RoundSpan::Dates { from, to } => Some((from, to)),
            RoundSpan::Documents(_) => None,
        }
    }
}

/// Which comparison a [`Brief`] summarises.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BriefKey {
    /// What moved between two rounds, `from` the earlier.
    Rounds { from: RoundId, to: RoundId },
    /// The whole project's report.
    Project,
}

/// The analyst's text for one [`BriefKey`]: drafted by a view, then edited and kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    pub key: BriefKey,
    pub text: String,
}
