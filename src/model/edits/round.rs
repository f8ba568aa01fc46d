//! Rounds of talks and briefs: the builders the analysis views ask for and the checked
//! steps. A round has a name and either dates in order or documents of the project.

use crate::model::{
    Brief, BriefKey, DocumentId, Edit, EditError, Project, Round, RoundId, RoundSpan,
};

impl Project {
    /// Appends a round (its name trimmed).
    ///
    /// # Errors
    /// A blank name, dates out of order, or a document the project lacks.
    pub fn add_round(&self, mut round: Round) -> Result<Edit, EditError> {
        round.name = round.name.trim().to_owned();
        self.check_round(&round)?;
        Ok(Edit::InsertRound {
            index: self.rounds.len(),
            round,
        })
    }

    /// Changes a round through `change` (name, span).
    ///
    /// # Errors
    /// An unknown round, or a change that breaks a rule of [`Project::add_round`].
    pub fn edit_round(
        &self,
        id: RoundId,
        change: impl FnOnce(&mut Round),
    ) -> Result<Edit, EditError> {
        let mut round = self.round(id).ok_or(EditError::NoSuchRound(id))?.clone();
        change(&mut round);
        round.name = round.name.trim().to_owned();
        self.check_round(&round)?;
        Ok(Edit::ReplaceRound(round))
    }

    /// Removes a round with the briefs that compare it.
    ///
    /// # Errors
    /// An unknown round.
    pub fn delete_round(&self, id: RoundId) -> Result<Edit, EditError> {
        self.round(id).ok_or(EditError::NoSuchRound(id))?;
        let mut edits: Vec<Edit> = (self.briefs.iter())
            .filter(|b| matches!(b.key, BriefKey::Rounds { from, to } if from == id || to == id))
            .map(|b| Edit::SetBrief {
                key: b.key.clone(),
                text: None,
            })
            .collect();
        edits.push(Edit::RemoveRound(id));
        Ok(Edit::Batch(edits))
    }

    /// Sets the analyst's text of a brief; a blank text drops it (the view then drafts one).
    #[must_use]
    pub fn set_brief(&self, key: BriefKey, text: &str) -> Edit {
        Edit::SetBrief {
            key,
            text: (!text.trim().is_empty()).then(|| text.to_owned()),
        }
    }

    fn check_round(&self, round: &Round) -> Result<(), EditError> {
        if round.name.trim().is_empty() {
            return Err(EditError::EmptyRoundName);
        }
        match &round.span {
            RoundSpan::Dates { from, to } if from > to => Err(EditError::RoundDatesReversed {
                name: round.name.clone(),
            }),
            RoundSpan::Dates { .. } => Ok(()),
            RoundSpan::Documents(documents) => {
                match documents.iter().find(|&&d| self.document(d).is_none()) {
                    Some(&missing) => Err(EditError::NoSuchDocument(missing)),
                    None => Ok(()),
                }
            }
        }
    }

    /// The first round that names `document`, if any: a document in a round stays.
    pub(in crate::model) fn round_naming(&self, document: DocumentId) -> Option<&Round> {
        self.rounds.iter().find(
            |r| matches!(&r.span, RoundSpan::Documents(documents) if documents.contains(&document)),
        )
    }
}

/// Checked steps of the round and brief edits (see [`Edit`]).
impl Project {
    pub(in crate::model) fn insert_round(
        &mut self,
        index: usize,
        round: Round,
    ) -> Result<Edit, EditError> {
        if index > self.rounds.len() {
            return Err(EditError::BadIndex(index));
        }
        if self.round(round.id).is_some() {
            return Err(EditError::DuplicateId(round.id.to_string()));
        }
        self.check_round(&round)?;
        let id = round.id;
        self.rounds.insert(index, round);
        Ok(Edit::RemoveRound(id))
    }

    pub(in crate::model) fn remove_round(&mut self, id: RoundId) -> Result<Edit, EditError> {
        let index =
            (self.rounds.iter().position(|r| r.id == id)).ok_or(EditError::NoSuchRound(id))?;
        let round = self.rounds.remove(index);
        Ok(Edit::InsertRound { index, round })
    }

    pub(in crate::model) fn replace_round(&mut self, round: Round) -> Result<Edit, EditError> {
        let index = (self.rounds.iter().position(|r| r.id == round.id))
            .ok_or(EditError::NoSuchRound(round.id))?;
        self.check_round(&round)?;
        Ok(Edit::ReplaceRound(std::mem::replace(
            &mut self.rounds[index],
            round,
        )))
    }

    /// Sets or drops one brief, keeping the list in key order; returns the inverse.
    pub(in crate::model) fn set_brief_text(&mut self, key: BriefKey, text: Option<String>) -> Edit {
        let at = self.briefs.binary_search_by(|b| b.key.cmp(&key));
        let old = match (at, text) {
            (Ok(i), Some(text)) => Some(std::mem::replace(&mut self.briefs[i].text, text)),
            (Ok(i), None) => Some(self.briefs.remove(i).text),
            (Err(i), Some(text)) => {
                self.briefs.insert(
                    i,
                    Brief {
                        key: key.clone(),
                        text,
                    },
                );
                None
            }
            (Err(_), None) => None,
        };
        Edit::SetBrief { key, text: old }
    }
}
