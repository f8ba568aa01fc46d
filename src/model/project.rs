//! [`Project`]: everything an analyst saves, and the rules that make it valid.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::copy_on_write::CopyOnWrite;
use super::derived::{Derived, LastChange, ProjectKey};
use super::{
    Actor, ActorId, Annotation, AnnotationId, Brief, BriefKey, Conflict, Document, DocumentId,
    Issue, IssueId, PartialDate, ProjectIndex, RejectedSuggestion, Relation, Round, RoundId,
    Schema,
};

/// The project file format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 3;

/// Joins the names of an annotation's holders in one label: "United States & Ukraine".
pub const HOLDERS_SEPARATOR: &str = " & ";

/// The oldest project format this build reads (and upgrades on save).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// A line from another tool that Stance cannot model yet, kept verbatim for round trips.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreservedRecord {
    pub document: DocumentId,
    /// The tool's format, e.g. `brat`.
    pub format: String,
    pub line: String,
}

/// A whole project: documents, the tag schema, actors, annotations and relations.
///
/// Annotations are kept in canonical order (document, start, end, id) so saved files diff well.
///
/// The fields are private: read them through the accessors, change them only through
/// [`Project::apply`] with an [`super::Edit`] (which moves the revision, so no cache can miss
/// a change), or build a whole project from its parts ([`Project::from_parts`], for loaders
/// and imports). Inside the core, documents, actors and annotations change only through the
/// storage steps at the end of this file, which keep canonical order and the project's
/// [`ProjectIndex`] up to date, each in time proportional to what it changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// Written by [`Edit::SetTitle`](super::Edit::SetTitle) only.
    pub(super) title: String,
    pub(super) schema: Schema,
    /// Shared with the project's clones until either changes a document (rare: texts are
    /// the bulk of a project, and the recovery mirror and a background save each hold one).
    documents: CopyOnWrite<Vec<Document>>,
    actors: Vec<Actor>,
    /// The subjects under negotiation that annotations refer to.
    pub(super) issues: Vec<Issue>,
    /// Shared with the project's clones (a background save's, the recovery mirror's) until
    /// one of them changes it: see [`Project::annotations`].
    annotations: Vec<Arc<Annotation>>,
    pub(super) relations: Vec<Relation>,
    pub(super) preserved: Vec<PreservedRecord>,
    /// Disagreements a merge left for someone to decide, with every version of the item
    /// (see [`super::conflict`]).
    pub(super) conflicts: Vec<Conflict>,
    /// Attribution suggestions the analyst rejected, so they are not offered again.
    pub(super) rejected_suggestions: Vec<RejectedSuggestion>,
    /// Rounds of talks, in the analyst's order.
    pub(super) rounds: Vec<Round>,
    /// The analyst's edited briefs, one per key, in key order.
    pub(super) briefs: Vec<Brief>,
    /// Which project this is and which state of it, so views can tell when caches are stale.
    key: Derived<ProjectKey>,
    /// Counts and lookups, kept up to date by the storage steps (see [`super::index`]).
    /// Each copy keeps its own: every edit changes it, so a shared index would only move
    /// its copy from the clone to the next edit's frame.
    index: Derived<ProjectIndex>,
    /// What the last applied edit changed, for caches that follow it; written by
    /// [`Project::apply`] only.
    pub(super) last_change: Derived<Option<LastChange>>,
}

/// Everything a project holds, as plain values: what a loader or an import assembles and
/// hands to [`Project::from_parts`], and what [`Project::into_parts`] gives back. No rule is
/// checked here, so a file that breaks rules still loads and lists its problems.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectParts {
    pub title: String,
    pub schema: Schema,
    pub documents: Vec<Document>,
    pub actors: Vec<Actor>,
    pub issues: Vec<Issue>,
    /// In any order: [`Project::from_parts`] puts them into canonical order.
    pub annotations: Vec<Annotation>,
    pub relations: Vec<Relation>,
    pub preserved: Vec<PreservedRecord>,
    pub conflicts: Vec<Conflict>,
    pub rejected_suggestions: Vec<RejectedSuggestion>,
    pub rounds: Vec<Round>,
    pub briefs: Vec<Brief>,
}

impl ProjectParts {
    /// An empty project called `title`, with the default schema.
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            schema: Schema::default(),
            documents: Vec::new(),
            actors: Vec::new(),
            issues: Vec::new(),
            annotations: Vec::new(),
            relations: Vec::new(),
            preserved: Vec::new(),
            conflicts: Vec::new(),
            rejected_suggestions: Vec::new(),
            rounds: Vec::new(),
            briefs: Vec::new(),
        }
    }
}

impl Default for ProjectParts {
    fn default() -> Self {
        Self::new("Untitled")
    }
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled")
    }
}

impl From<ProjectParts> for Project {
    fn from(parts: ProjectParts) -> Self {
        Self::from_parts(parts)
    }
}

impl Project {
    /// An empty project called `title`, with the default schema.
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self::from_parts(ProjectParts::new(title))
    }

    /// A project of these parts, as they are (rules are not checked: see
    /// [`Project::problems`]), with its annotations put into canonical order. A new project
    /// for every cache: it gets a fresh [`ProjectKey`].
    #[must_use]
    pub fn from_parts(mut parts: ProjectParts) -> Self {
        let mut annotations = std::mem::take(&mut parts.annotations);
        // Sorted before each gets its Arc, so they lie in memory in the order views walk them.
        sort_canonically(&parts.documents, &mut annotations);
        Self::assemble(parts, shared_annotations(annotations))
    }

    /// [`Project::from_parts`] with annotations that stay shared with the projects they came
    /// from (a merge's result): `shared` and the parts' own annotations, in any order.
    #[must_use]
    pub fn from_shared_parts(mut parts: ProjectParts, mut shared: Vec<Arc<Annotation>>) -> Self {
        shared.extend(shared_annotations(std::mem::take(&mut parts.annotations)));
        sort_canonically(&parts.documents, &mut shared);
        Self::assemble(parts, shared)
    }

    /// The project of `parts` with `annotations` (already in canonical order) in place of the
    /// parts' own, which are left out.
    fn assemble(parts: ProjectParts, annotations: Vec<Arc<Annotation>>) -> Self {
        let ProjectParts {
            title,
            schema,
            documents,
            actors,
            issues,
            annotations: _,
            relations,
            preserved,
            conflicts,
            rejected_suggestions,
            rounds,
            briefs,
        } = parts;
        let mut project = Self {
            title,
            schema,
            documents: CopyOnWrite::new(documents),
            actors,
            issues,
            annotations,
            relations,
            preserved,
            conflicts,
            rejected_suggestions,
            rounds,
            briefs,
            key: Derived(ProjectKey::fresh()),
            index: Derived::default(),
            last_change: Derived(None),
        };
        // Parts read from a file (or built by a merge) hold lists that grew by doubling, up
        // to half of them empty room; a project lives for a session, so the room is given
        // back (on 20,000 annotations, about 4 MB). An O(n) copy at most, as the sort and
        // the index below are.
        project.annotations.shrink_to_fit();
        project.relations.shrink_to_fit();
        project.documents.shrink_to_fit();
        // Briefs are looked up by key (a binary search); a file may list them in any order.
        project.briefs.sort_by(|a, b| a.key.cmp(&b.key));
        project.index = Derived(project.index_from_scratch());
        project
    }

    /// The project's parts, to take apart or rebuild (say, a merge or a test that needs a
    /// project breaking a rule); [`Project::from_parts`] makes a project of them again.
    #[must_use]
    pub fn into_parts(self) -> ProjectParts {
        ProjectParts {
            title: self.title,
            schema: self.schema,
            documents: self.documents.into_inner(),
            actors: self.actors,
            issues: self.issues,
            annotations: (self.annotations.into_iter())
                .map(Arc::unwrap_or_clone)
                .collect(),
            relations: self.relations,
            preserved: self.preserved,
            conflicts: self.conflicts,
            rejected_suggestions: self.rejected_suggestions,
            rounds: self.rounds,
            briefs: self.briefs,
        }
    }

    /// Rebuilds the project from its parts after `change`: what a loader, a migration or a
    /// test uses to hold a project as a file may have it (say, one that breaks a rule). It
    /// becomes a new project for every cache (a fresh [`ProjectKey`]), with its annotations
    /// back in canonical order. An analyst's changes go through [`Project::apply`] instead, so
    /// they can be undone.
    pub fn rebuild(&mut self, change: impl FnOnce(&mut ProjectParts)) {
        let mut parts = std::mem::take(self).into_parts();
        change(&mut parts);
        *self = Self::from_parts(parts);
    }

    /// A copy of the project's parts.
    #[must_use]
    pub fn to_parts(&self) -> ProjectParts {
        self.clone().into_parts()
    }

    /// Which project and which state of it this is: equal keys mean the same content.
    #[must_use]
    pub fn key(&self) -> ProjectKey {
        *self.key
    }

    /// What the last edit changed, if it made the project's current state: `None` after a
    /// load, or once anything else changed it.
    #[must_use]
    pub fn last_change(&self) -> Option<&LastChange> {
        (self.last_change.as_ref()).filter(|c| c.after == *self.key)
    }

    /// Changes whenever an edit is applied. Drawn from a process-wide counter, so no other
    /// project, nor a clone edited differently, ever has the same revision.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.key.revision
    }

    /// Marks the project changed: every applied edit calls it.
    pub(super) fn touch(&mut self) {
        self.key.advance();
    }

    /// Every count and lookup the views need, up to date with the project.
    #[must_use]
    pub fn index(&self) -> &ProjectIndex {
        &self.index
    }

    /// The same index built from scratch in one pass over the annotations: what a loaded
    /// project starts with, and what the tests compare the kept one against.
    #[must_use]
    pub fn index_from_scratch(&self) -> ProjectIndex {
        ProjectIndex::of(&self.documents, &self.actors, self.iter_annotations())
    }

    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The tags and relation types annotations and relations use.
    #[must_use]
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The documents, in the project's order.
    #[must_use]
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The actors, in the project's order.
    #[must_use]
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The subjects under negotiation, in the project's order.
    #[must_use]
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Every annotation, in canonical order (document, start, end, id).
    ///
    /// Each is shared between the project and its clones until one of them changes it, so a
    /// clone costs a list of pointers, not a copy of every annotation: a background save
    /// and the recovery worker's mirror each hold one for as long as the session.
    #[must_use]
    pub fn annotations(&self) -> &[Arc<Annotation>] {
        &self.annotations
    }

    /// [`Project::annotations`] as plain references, in canonical order.
    pub fn iter_annotations(&self) -> impl ExactSizeIterator<Item = &Annotation> + '_ {
        self.annotations.iter().map(|a| &**a)
    }

    /// The annotation at `position` of [`Project::annotations`].
    #[must_use]
    pub fn annotation_at(&self, position: usize) -> Option<&Annotation> {
        self.annotations.get(position).map(|a| &**a)
    }

    #[must_use]
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Lines of other tools kept verbatim for round trips.
    #[must_use]
    pub fn preserved(&self) -> &[PreservedRecord] {
        &self.preserved
    }

    /// Disagreements a merge left for someone to decide (see [`super::conflict`]).
    #[must_use]
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Attribution suggestions the analyst rejected, so they are not offered again.
    #[must_use]
    pub fn rejected_suggestions(&self) -> &[RejectedSuggestion] {
        &self.rejected_suggestions
    }

    /// The rounds of talks, in the analyst's order.
    #[must_use]
    pub fn rounds(&self) -> &[Round] {
        &self.rounds
    }

    #[must_use]
    pub fn round(&self, id: RoundId) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The analyst's edited briefs.
    #[must_use]
    pub fn briefs(&self) -> &[Brief] {
        &self.briefs
    }

    /// The analyst's text for one brief, if they wrote or kept one.
    #[must_use]
    pub fn brief(&self, key: &BriefKey) -> Option<&str> {
        self.briefs
            .iter()
            .find(|b| &b.key == key)
            .map(|b| b.text.as_str())
    }

    /// When a statement was made: its `said_on` if set, else its document's date. The one
    /// time-order rule: every view that places statements in time uses this (or
    /// [`Project::statement_day`]), so an old position quoted in a later article is not
    /// taken for a new move.
    #[must_use]
    pub fn statement_date(&self, a: &Annotation) -> Option<PartialDate> {
        a.statement_date(self.document(a.document).and_then(|d| d.date))
    }

    /// The day a statement sorts at: the start of [`Project::statement_date`].
    #[must_use]
    pub fn statement_day(&self, a: &Annotation) -> Option<NaiveDate> {
        self.statement_date(a).map(PartialDate::start)
    }

    /// True if the annotation belongs to the round: its statement day lies in the round's
    /// dates, or its document is one of the round's. An undated statement is in no round of
    /// dates.
    #[must_use]
    pub fn in_round(&self, round: &Round, a: &Annotation) -> bool {
        match &round.span {
            super::RoundSpan::Dates { from, to } => self
                .statement_day(a)
                .is_some_and(|day| (*from..=*to).contains(&day)),
            super::RoundSpan::Documents(documents) => documents.contains(&a.document),
        }
    }

    /// The key that puts statements in time order: by [`Project::statement_date`] (undated
    /// last), then by document order and place in the text, so equal dates keep reading
    /// order.
    #[must_use]
    pub fn time_order_key(
        &self,
        a: &Annotation,
    ) -> (bool, Option<PartialDate>, usize, usize, AnnotationId) {
        let date = self.statement_date(a);
        (
            date.is_none(),
            date,
            self.document_index(a.document).unwrap_or(usize::MAX),
            a.extent().start,
            a.id,
        )
    }

    #[must_use]
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.get(self.document_index(id)?)
    }

    /// Where a document is in [`Project::documents`].
    #[must_use]
    pub fn document_index(&self, id: DocumentId) -> Option<usize> {
        self.index.document_position(id)
    }

    /// Where an actor is in [`Project::actors`].
    #[must_use]
    pub fn actor_index(&self, id: ActorId) -> Option<usize> {
        self.index.actor_position(id)
    }

    #[must_use]
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(self.actor_index(id)?)
    }

    /// The actor called `name` (or with that alias), case-insensitively.
    #[must_use]
    pub fn actor_named(&self, name: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.is_called(name))
    }

    #[must_use]
    pub fn issue(&self, id: IssueId) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    /// The issue called `name` (or with that alias), case-insensitively.
    #[must_use]
    pub fn issue_named(&self, name: &str) -> Option<&Issue> {
        self.issues.iter().find(|i| i.is_called(name))
    }

    /// An issue's display name, or its short id when it is not an issue of this project.
    #[must_use]
    pub fn issue_name(&self, id: IssueId) -> String {
        self.issue(id)
            .map_or_else(|| id.short(), |i| i.name.clone())
    }

    /// The names of an annotation's issues, in its order (a missing issue by its short id):
    /// what exports list, e.g. `;`-joined in CSV.
    #[must_use]
    pub fn issue_names(&self, annotation: &Annotation) -> Vec<String> {
        annotation
            .issue_ids()
            .map(|id| self.issue_name(id))
            .collect()
    }

    /// The target's display name, or `""`.
    #[must_use]
    pub fn target_name(&self, annotation: &Annotation) -> &str {
        annotation
            .target
            .and_then(|t| self.actor(t))
            .map_or("", |a| a.name.as_str())
    }

    #[must_use]
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotation_at(self.annotation_index(id)?)
    }

    /// True if an annotation has this id: a lookup, no search.
    pub(super) fn has_annotation(&self, id: AnnotationId) -> bool {
        self.index.placement(id).is_some() || self.index.is_duplicated(id)
    }

    /// Where an annotation is in [`Project::annotations`]: a binary search by its place in
    /// canonical order, which the index knows.
    #[must_use]
    pub fn annotation_index(&self, id: AnnotationId) -> Option<usize> {
        let Some(placement) = self.index.placement(id) else {
            // Ids several annotations share (a broken file) are found as before, by a scan.
            return (self.index.is_duplicated(id))
                .then(|| self.annotations.iter().position(|a| a.id == id))
                .flatten();
        };
        let key = (
            self.document_index(placement.document)
                .unwrap_or(usize::MAX),
            placement.start,
            placement.end,
            id,
        );
        let at = self
            .annotations
            .partition_point(|a| self.order_key(a) < key);
        (self.annotations.get(at).map(|a| a.id) == Some(id)).then_some(at)
    }

    /// An actor's display name, or its short id when it is not an actor of this project.
    #[must_use]
    pub fn actor_name(&self, id: ActorId) -> String {
        self.actor(id)
            .map_or_else(|| id.short(), |a| a.name.clone())
    }

    /// The holders' display names, in the annotation's order (holders that are not actors of
    /// the project are left out).
    #[must_use]
    pub fn holder_names(&self, annotation: &Annotation) -> Vec<&str> {
        (annotation.holders.iter())
            .filter_map(|&h| self.actor(h))
            .map(|a| a.name.as_str())
            .collect()
    }

    /// The holders' names joined as one label ("United States & Ukraine"), or `""`.
    #[must_use]
    pub fn holders_label(&self, annotation: &Annotation) -> String {
        self.holder_names(annotation).join(HOLDERS_SEPARATOR)
    }

    /// Annotations of one document, in text order.
    pub fn annotations_of(&self, document: DocumentId) -> impl Iterator<Item = &Annotation> + '_ {
        let range = self.document_annotation_range(document);
        self.annotations[range].iter().map(|a| &**a)
    }

    /// The slice of `annotations` belonging to a document (they are contiguous in canonical order).
    #[must_use]
    pub fn document_annotation_range(&self, document: DocumentId) -> std::ops::Range<usize> {
        let Some(doc_index) = self.document_index(document) else {
            return 0..0;
        };
        let key = |a: &Annotation| self.document_index(a.document).unwrap_or(usize::MAX);
        let start = self.annotations.partition_point(|a| key(a) < doc_index);
        let end = start + self.annotations[start..].partition_point(|a| key(a) <= doc_index);
        start..end
    }

    /// The canonical sort key of an annotation.
    pub(super) fn order_key(&self, a: &Annotation) -> (usize, usize, usize, AnnotationId) {
        let extent = a.extent();
        (
            self.document_index(a.document).unwrap_or(usize::MAX),
            extent.start,
            extent.end,
            a.id,
        )
    }

    /// Where an annotation belongs in canonical order.
    pub(crate) fn insertion_index(&self, a: &Annotation) -> usize {
        let key = self.order_key(a);
        self.annotations
            .partition_point(|x| self.order_key(x) < key)
    }

    /// Puts annotations into canonical order (the index does not depend on it).
    fn sort_annotations(&mut self) {
        sort_canonically(&self.documents, &mut self.annotations);
    }
}

/// Puts `annotations` into canonical order: by their document's place in `documents`, then
/// start, end and id.
fn sort_canonically<A: std::borrow::Borrow<Annotation>>(
    documents: &[Document],
    annotations: &mut [A],
) {
    let positions: std::collections::HashMap<DocumentId, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    // Each key once (a file is read in canonical order already, so the sort itself is then
    // linear), and annotations come grouped by document: one lookup per run of them, not
    // two per comparison.
    let mut last: Option<(DocumentId, usize)> = None;
    annotations.sort_by_cached_key(|a| {
        let a = a.borrow();
        let position = match last {
            Some((id, position)) if id == a.document => position,
            _ => {
                let position = positions.get(&a.document).copied().unwrap_or(usize::MAX);
                last = Some((a.document, position));
                position
            }
        };
        let e = a.extent();
        (position, e.start, e.end, a.id)
    });
}

/// `annotations`, each behind its own [`Arc`], allocated in the list's order (walking the
/// list then walks memory forward, as it would a plain list), without holding the list twice:
/// it is reversed in place, then taken from its end an eighth at a time, giving its room back
/// after each (on 20,000 annotations the list is 7 MB).
fn shared_annotations(mut annotations: Vec<Annotation>) -> Vec<Arc<Annotation>> {
    let mut shared = Vec::with_capacity(annotations.len());
    annotations.reverse();
    while !annotations.is_empty() {
        let take = (annotations.len() / 8).max(1024);
        let from = annotations.len().saturating_sub(take);
        shared.extend(annotations.drain(from..).rev().map(Arc::new));
        annotations.shrink_to_fit();
    }
    shared
}

/// Storage steps: the only code that changes documents, actors and annotations. The checked
/// edit steps (`edits/`) call them after checking the rules; each keeps the annotations in
/// canonical order and brings the index up to date for just what it changed.
impl Project {
    /// Inserts an annotation at its place in canonical order.
    pub(super) fn insert_annotation(&mut self, a: Annotation) {
        self.index.annotation_added(&a);
        let at = self.insertion_index(&a);
        self.annotations.insert(at, Arc::new(a));
    }

    /// Adds many annotations at once, then restores canonical order (a sort of sorted runs:
    /// about linear).
    pub(super) fn extend_annotations(&mut self, mut annotations: Vec<Annotation>) {
        for a in &annotations {
            self.index.annotation_added(a);
        }
        // In order before each gets its Arc: they then lie in memory as views walk them.
        sort_canonically(&self.documents, &mut annotations);
        self.annotations
            .extend(annotations.into_iter().map(Arc::new));
        self.sort_annotations();
    }

    /// Takes out the annotation at `position` of [`Project::annotations`].
    pub(super) fn take_annotation(&mut self, position: usize) -> Annotation {
        let a = Arc::unwrap_or_clone(self.annotations.remove(position));
        self.annotation_gone(&a);
        a
    }

    /// Takes out every annotation `is_taken` picks, keeping the others' order.
    pub(super) fn take_annotations(
        &mut self,
        is_taken: impl Fn(&Annotation) -> bool,
    ) -> Vec<Annotation> {
        let (taken, kept): (Vec<Arc<Annotation>>, Vec<Arc<Annotation>>) =
            std::mem::take(&mut self.annotations)
                .into_iter()
                .partition(|a| is_taken(a));
        self.annotations = kept;
        let taken: Vec<Annotation> = taken.into_iter().map(Arc::unwrap_or_clone).collect();
        for a in &taken {
            self.annotation_gone(a);
        }
        taken
    }

    /// Puts `a` in place of the annotation at `position` (moving it if its place in canonical
    /// order changed); returns the one it replaced.
    pub(super) fn replace_annotation_at(&mut self, position: usize, a: Annotation) -> Annotation {
        let is_in_place = self
            .annotations
            .get(position)
            .is_some_and(|old| self.order_key(old) == self.order_key(&a));
        if is_in_place {
            // A retag, holder or note change keeps its place: shifting every later
            // annotation twice made merging a busy actor quadratic.
            let old = std::mem::replace(&mut self.annotations[position], Arc::new(a));
            let old = Arc::unwrap_or_clone(old);
            self.annotation_gone(&old);
            self.index.annotation_added(&self.annotations[position]);
            old
        } else {
            let old = self.take_annotation(position);
            self.insert_annotation(a);
            old
        }
    }

    /// Replaces annotations of one document in place (`positions` are their places in
    /// [`Project::annotations`]), then restores canonical order among that document's
    /// annotations, where they stay. Returns the replaced ones, in the same order.
    pub(super) fn replace_annotations_of_document(
        &mut self,
        document: DocumentId,
        positions: &[usize],
        annotations: Vec<Annotation>,
    ) -> Vec<Annotation> {
        let mut old = Vec::with_capacity(annotations.len());
        for (&position, a) in positions.iter().zip(annotations) {
            let replaced = std::mem::replace(&mut self.annotations[position], Arc::new(a));
            let replaced = Arc::unwrap_or_clone(replaced);
            self.annotation_gone(&replaced);
            self.index.annotation_added(&self.annotations[position]);
            old.push(replaced);
        }
        // The document's annotations are one run of the list (its place in the order is
        // unchanged), so sorting that run by extent and id is enough.
        let range = self.document_annotation_range(document);
        self.annotations[range].sort_by_key(|a| {
            let extent = a.extent();
            (extent.start, extent.end, a.id)
        });
        old
    }

    /// Updates the index for an annotation taken out of the list.
    fn annotation_gone(&mut self, a: &Annotation) {
        if self.index.annotation_removed(a)
            && let Some(left) = self.annotations.iter().find(|other| other.id == a.id)
        {
            // The last of several annotations sharing an id (a broken file): found by a scan.
            self.index.placed(left);
        }
    }

    pub(super) fn insert_actor_at(&mut self, index: usize, actor: Actor) {
        self.actors.insert(index, actor);
        self.index.actors_changed(&self.actors);
    }

    pub(super) fn take_actor(&mut self, index: usize) -> Actor {
        let actor = self.actors.remove(index);
        self.index.actors_changed(&self.actors);
        actor
    }

    /// Puts `actor` in place of the actor at `index` (the same id); returns the old one.
    pub(super) fn replace_actor_at(&mut self, index: usize, actor: Actor) -> Actor {
        let is_same_id = self.actors[index].id == actor.id;
        let new_side = actor.side;
        let old = std::mem::replace(&mut self.actors[index], actor);
        if is_same_id {
            self.index.side_changed(old.side, new_side);
        } else {
            self.index.actors_changed(&self.actors);
        }
        old
    }

    pub(super) fn insert_document_at(&mut self, index: usize, document: Document) {
        let id = document.id;
        self.documents.insert(index, document);
        self.index.documents_changed(&self.documents);
        // Documents after it move down one place, and so, all together, do their
        // annotations: the order holds. Only annotations that named this document before it
        // existed (a broken file) move from the end to its place.
        if self.index.annotations_in(id) > 0 {
            self.sort_annotations();
        }
    }

    /// Takes out the document at `index`; no annotation may refer to it (the order then holds).
    pub(super) fn take_document(&mut self, index: usize) -> Document {
        let document = self.documents.remove(index);
        self.index.documents_changed(&self.documents);
        document
    }

    /// Gives the document at `index` new properties; returns the old ones. The index does
    /// not depend on them.
    pub(super) fn replace_document_meta_at(
        &mut self,
        index: usize,
        meta: super::DocumentMeta,
    ) -> super::DocumentMeta {
        self.documents[index].set_meta(meta)
    }

    /// Gives the document at `index` a new text and hash; returns the old ones.
    pub(super) fn replace_document_text_at(
        &mut self,
        index: usize,
        text: String,
        text_hash: String,
    ) -> (String, String) {
        self.documents[index].replace_text(text, text_hash)
    }
}

/// Shortens long text for messages.
#[must_use]
pub fn elide(s: &str) -> String {
    const MAX_CHARS: usize = 60;
    if s.chars().count() <= MAX_CHARS {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX_CHARS).collect();
    out.push('…');
    out
}
