//! Making the three versions speak of the same things with the same ids: documents by text
//! hash, and actors and issues that both sides created under one name.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::model::{ActorId, DocumentId, IssueId, Project, name_key};

/// New ids for old ones, applied to a whole project.
#[derive(Default)]
pub(super) struct Remap {
    documents: HashMap<DocumentId, DocumentId>,
    actors: HashMap<ActorId, ActorId>,
    issues: HashMap<IssueId, IssueId>,
}

impl Remap {
    fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.actors.is_empty() && self.issues.is_empty()
    }

    /// The project with every id renamed, borrowed when nothing is.
    pub fn apply<'a>(&self, project: &'a Project) -> Cow<'a, Project> {
        if self.is_empty() {
            return Cow::Borrowed(project);
        }
        let mut p = project.to_parts();
        let doc = |id: &mut DocumentId| {
            if let Some(new) = self.documents.get(id) {
                *id = *new;
            }
        };
        let actor = |id: &mut ActorId| {
            if let Some(new) = self.actors.get(id) {
                *id = *new;
            }
        };
        for d in &mut p.documents {
            doc(&mut d.id);
        }
        for r in &mut p.preserved {
            doc(&mut r.document);
        }
        for r in &mut p.rejected_suggestions {
            doc(&mut r.document);
        }
        for a in &mut p.actors {
            actor(&mut a.id);
        }
        for i in &mut p.issues {
            if let Some(new) = self.issues.get(&i.id) {
                i.id = *new;
            }
        }
        for a in &mut p.annotations {
            doc(&mut a.document);
            if let Some(h) = &mut a.holder {
                actor(h);
            }
            if let Some(t) = &mut a.target {
                actor(t);
            }
            for i in &mut a.issues {
                if let Some(new) = self.issues.get(i) {
                    *i = *new;
                }
            }
        }
        Cow::Owned(Project::from_parts(p))
    }
}

/// Renames `other`'s document ids to those of `reference` documents with the same text.
pub(super) fn documents_by_hash(reference: &[&Project], other: &Project, remap: &mut Remap) {
    let mut by_hash: HashMap<&str, DocumentId> = HashMap::new();
    for project in reference {
        for d in project.documents() {
            by_hash.entry(d.text_hash.as_str()).or_insert(d.id);
        }
    }
    for d in other.documents() {
        if let Some(&id) = by_hash.get(d.text_hash.as_str())
            && id != d.id
        {
            remap.documents.insert(d.id, id);
        }
    }
}

/// Renames theirs' actors and issues that ours lacks (theirs created them, or ours deleted
/// them) to ours' of the same name that theirs lacks (ours created it): both sides made the
/// same actor independently, or one side deleted it and made it anew.
pub(super) fn same_names(ours: &Project, theirs: &Project, remap: &mut Remap) {
    let ours_actor_ids: HashSet<ActorId> = ours.actors().iter().map(|a| a.id).collect();
    let theirs_actors: HashSet<ActorId> = theirs.actors().iter().map(|a| a.id).collect();
    let ours_actors: HashMap<String, ActorId> = ours
        .actors()
        .iter()
        .filter(|a| !theirs_actors.contains(&a.id))
        .map(|a| (name_key(&a.name), a.id))
        .collect();
    for a in theirs.actors() {
        if ours_actor_ids.contains(&a.id) {
            continue;
        }
        if let Some(&id) = ours_actors.get(&name_key(&a.name)) {
            remap.actors.insert(a.id, id);
        }
    }
    let ours_issue_ids: HashSet<IssueId> = ours.issues().iter().map(|i| i.id).collect();
    let theirs_issues: HashSet<IssueId> = theirs.issues().iter().map(|i| i.id).collect();
    let ours_issues: HashMap<String, IssueId> = ours
        .issues()
        .iter()
        .filter(|i| !theirs_issues.contains(&i.id))
        .map(|i| (name_key(&i.name), i.id))
        .collect();
    for i in theirs.issues() {
        if ours_issue_ids.contains(&i.id) {
            continue;
        }
        if let Some(&id) = ours_issues.get(&name_key(&i.name)) {
            remap.issues.insert(i.id, id);
        }
    }
}
