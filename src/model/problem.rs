//! [`Problem`]: a broken rule of a loaded project, typed by kind with the ids it concerns, and
//! [`Project::problems`], which finds them all.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::edits::reaches;
use super::{
    ActorId, Annotation, AnnotationId, DocumentId, IssueId, Project, RETRACTS, Relation,
    RelationId, RoundId, Span, elide, name_key,
    span::{RangeError, check_ranges},
};

/// What a [`Problem`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Project,
    Document(DocumentId),
    Actor(ActorId),
    Annotation(AnnotationId),
    Relation(RelationId),
    Issue(IssueId),
    Round(RoundId),
}

/// A broken rule found by [`Project::problems`]. `Display` gives the message users see,
/// prefixed by its subject (`annotation 3f…: unknown tag "rumour"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    EmptyTagKey,
    DuplicateTagKey {
        key: String,
    },
    EmptyRelationTypeKey,
    DuplicateRelationTypeKey {
        key: String,
    },
    DuplicateDocumentId {
        document: DocumentId,
    },
    DocumentHashMismatch {
        document: DocumentId,
        title: String,
    },
    DuplicateActorId {
        actor: ActorId,
    },
    /// `name` (a name or alias of `actor`) also names `other`: holders become ambiguous.
    NameClash {
        actor: ActorId,
        name: String,
        other: ActorId,
        other_name: String,
    },
    DuplicateAnnotationId {
        annotation: AnnotationId,
    },
    UnknownTag {
        annotation: AnnotationId,
        tag: String,
    },
    UnknownHolder {
        annotation: AnnotationId,
        holder: ActorId,
    },
    MissingDocument {
        annotation: AnnotationId,
        document: DocumentId,
    },
    BadRanges {
        annotation: AnnotationId,
        error: RangeError,
    },
    RangeOutOfDocument {
        annotation: AnnotationId,
        document: DocumentId,
        range: Span,
        len_chars: usize,
    },
    /// Both texts are kept shortened ([`elide`]): a range can cover a whole article.
    QuoteMismatch {
        annotation: AnnotationId,
        document: DocumentId,
        quote: String,
        found: String,
    },
    DuplicateRelationId {
        relation: RelationId,
    },
    /// A relation end that is not an annotation of the project.
    MissingRelationEnd {
        relation: RelationId,
        annotation: AnnotationId,
    },
    /// A relation from an annotation to itself (other than `retracts`, a [`Problem::RetractsCycle`]).
    SelfRelation {
        relation: RelationId,
        annotation: AnnotationId,
    },
    /// A relation whose kind is not a relation type of the schema.
    UnknownRelationType {
        relation: RelationId,
        kind: String,
    },
    /// A `retracts` relation on a cycle of `retracts` (an annotation retracting itself, or
    /// A retracting B retracting A): nothing can be both withdrawn and the withdrawal.
    RetractsCycle {
        relation: RelationId,
        annotation: AnnotationId,
    },
    DuplicateIssueId {
        issue: IssueId,
    },
    EmptyIssueName {
        issue: IssueId,
    },
    /// `name` (a name or alias of `issue`) also names `other`: references become ambiguous.
    IssueNameClash {
        issue: IssueId,
        name: String,
        other: IssueId,
        other_name: String,
    },
    UnknownIssue {
        annotation: AnnotationId,
        issue: IssueId,
    },
    UnknownTarget {
        annotation: AnnotationId,
        target: ActorId,
    },
    BadCue {
        annotation: AnnotationId,
        error: RangeError,
    },
    CueOutOfDocument {
        annotation: AnnotationId,
        range: Span,
        len_chars: usize,
    },
    /// A value of a choice field that is not one of its choices. Kept as it is: the list
    /// may have changed since, and the value is the analyst's data.
    FieldValueNotAllowed {
        annotation: AnnotationId,
        field: String,
        value: String,
    },
    /// An actor listed twice among an annotation's holders.
    RepeatedHolder {
        annotation: AnnotationId,
        holder: ActorId,
    },
    /// An issue listed twice on one annotation: which stance holds would be ambiguous.
    RepeatedIssue {
        annotation: AnnotationId,
        issue: IssueId,
    },
    /// A general stance or condition on an annotation that has issues: each issue carries
    /// its own stance, so the general one would be silently ignored.
    GeneralStanceWithIssues {
        annotation: AnnotationId,
    },
    /// An actor whose side is not an actor of the project.
    UnknownSide {
        actor: ActorId,
        side: ActorId,
    },
    /// An actor on a cycle of sides (A speaks for B, B for A): no side to roll up to.
    SideCycle {
        actor: ActorId,
    },
    DuplicateRoundId {
        round: RoundId,
    },
    EmptyRoundName {
        round: RoundId,
    },
    /// A round of dates that ends before it starts.
    RoundDatesReversed {
        round: RoundId,
    },
    /// A round of documents naming a document the project lacks.
    RoundMissingDocument {
        round: RoundId,
        document: DocumentId,
    },
}

impl Problem {
    /// The project part the problem is about; the repair window and locator key on it.
    #[must_use]
    pub fn subject(&self) -> Subject {
        match self {
            Self::EmptyTagKey
            | Self::DuplicateTagKey { .. }
            | Self::EmptyRelationTypeKey
            | Self::DuplicateRelationTypeKey { .. } => Subject::Project,
            Self::DuplicateDocumentId { document }
            | Self::DocumentHashMismatch { document, .. } => Subject::Document(*document),
            Self::DuplicateActorId { actor }
            | Self::NameClash { actor, .. }
            | Self::UnknownSide { actor, .. }
            | Self::SideCycle { actor } => Subject::Actor(*actor),
            Self::DuplicateAnnotationId { annotation }
            | Self::UnknownTag { annotation, .. }
            | Self::UnknownHolder { annotation, .. }
            | Self::MissingDocument { annotation, .. }
            | Self::BadRanges { annotation, .. }
            | Self::RangeOutOfDocument { annotation, .. }
            | Self::QuoteMismatch { annotation, .. }
            | Self::UnknownIssue { annotation, .. }
            | Self::UnknownTarget { annotation, .. }
            | Self::BadCue { annotation, .. }
            | Self::CueOutOfDocument { annotation, .. }
            | Self::FieldValueNotAllowed { annotation, .. }
            | Self::RepeatedHolder { annotation, .. }
            | Self::RepeatedIssue { annotation, .. }
            | Self::GeneralStanceWithIssues { annotation } => Subject::Annotation(*annotation),
            Self::DuplicateRelationId { relation }
            | Self::MissingRelationEnd { relation, .. }
            | Self::UnknownRelationType { relation, .. }
            | Self::SelfRelation { relation, .. }
            | Self::RetractsCycle { relation, .. } => Subject::Relation(*relation),
            Self::DuplicateIssueId { issue }
            | Self::EmptyIssueName { issue }
            | Self::IssueNameClash { issue, .. } => Subject::Issue(*issue),
            Self::DuplicateRoundId { round }
            | Self::EmptyRoundName { round }
            | Self::RoundDatesReversed { round }
            | Self::RoundMissingDocument { round, .. } => Subject::Round(*round),
        }
    }

    /// True for a second definition of an id or tag key (the first one is fine).
    #[must_use]
    pub fn is_duplicate(&self) -> bool {
        matches!(
            self,
            Self::DuplicateTagKey { .. }
                | Self::DuplicateDocumentId { .. }
                | Self::DuplicateActorId { .. }
                | Self::DuplicateAnnotationId { .. }
                | Self::DuplicateRelationId { .. }
                | Self::DuplicateRelationTypeKey { .. }
                | Self::DuplicateIssueId { .. }
                | Self::DuplicateRoundId { .. }
        )
    }

    /// The message without its subject: `unknown tag "rumour"`.
    #[must_use]
    pub fn detail(&self) -> Detail<'_> {
        Detail(self)
    }
}

/// A [`Problem`]'s message without the subject prefix (see [`Problem::detail`]).
pub struct Detail<'a>(&'a Problem);

impl fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Problem::EmptyTagKey => f.write_str("a tag has an empty key"),
            Problem::DuplicateTagKey { key } => write!(f, "tag key {key:?} is defined twice"),
            Problem::DuplicateDocumentId { .. } => f.write_str("duplicate document id"),
            Problem::DocumentHashMismatch { title, .. } => {
                write!(f, "text_hash does not match the text of {title:?}")
            }
            Problem::DuplicateActorId { .. } => f.write_str("duplicate actor id"),
            Problem::NameClash {
                name, other_name, ..
            } => write!(
                f,
                "{name:?} also names the actor {other_name:?}; merge the two or rename one"
            ),
            Problem::DuplicateAnnotationId { .. } => f.write_str("duplicate annotation id"),
            Problem::UnknownTag { tag, .. } => write!(f, "unknown tag {tag:?}"),
            Problem::UnknownHolder { holder, .. } => {
                write!(f, "holder {holder} is not an actor of this project")
            }
            Problem::MissingDocument { document, .. }
            | Problem::RoundMissingDocument { document, .. } => {
                write!(f, "document {document} does not exist")
            }
            Problem::BadRanges { error, .. } => write!(f, "{error}"),
            Problem::RangeOutOfDocument {
                range, len_chars, ..
            } => write!(
                f,
                "range {range} lies past the end of the document ({len_chars} chars)"
            ),
            Problem::QuoteMismatch { quote, found, .. } => write!(
                f,
                "quote {quote:?} does not match the text at its ranges, {found:?}"
            ),
            Problem::DuplicateRelationId { .. } => f.write_str("duplicate relation id"),
            Problem::MissingRelationEnd { annotation, .. } => {
                write!(f, "annotation {annotation} does not exist")
            }
            Problem::EmptyRelationTypeKey => f.write_str("a relation type has an empty key"),
            Problem::DuplicateRelationTypeKey { key } => {
                write!(f, "relation type key {key:?} is defined twice")
            }
            Problem::SelfRelation { annotation, .. } => {
                write!(f, "links annotation {annotation} to itself")
            }
            Problem::UnknownRelationType { kind, .. } => {
                write!(f, "unknown relation type {kind:?}")
            }
            Problem::RetractsCycle { annotation, .. } => write!(
                f,
                "`retracts` makes a cycle through annotation {annotation}: nothing can retract itself"
            ),
            Problem::DuplicateIssueId { .. } => f.write_str("duplicate issue id"),
            Problem::EmptyIssueName { .. } => f.write_str("an issue needs a name"),
            Problem::IssueNameClash {
                name, other_name, ..
            } => write!(
                f,
                "{name:?} also names the issue {other_name:?}; merge the two or rename one"
            ),
            Problem::UnknownIssue { issue, .. } => {
                write!(f, "issue {issue} is not an issue of this project")
            }
            Problem::UnknownTarget { target, .. } => {
                write!(f, "target {target} is not an actor of this project")
            }
            Problem::BadCue { error, .. } => write!(f, "cue: {error}"),
            Problem::CueOutOfDocument {
                range, len_chars, ..
            } => write!(
                f,
                "cue range {range} lies past the end of the document ({len_chars} chars)"
            ),
            Problem::FieldValueNotAllowed { field, value, .. } => {
                write!(f, "{value:?} is not one of the choices of field {field:?}")
            }
            Problem::RepeatedHolder { holder, .. } => {
                write!(f, "holder {holder} is listed twice")
            }
            Problem::RepeatedIssue { issue, .. } => write!(f, "issue {issue} is listed twice"),
            Problem::GeneralStanceWithIssues { .. } => {
                f.write_str("has issues and a general stance; the stance belongs on each issue")
            }
            Problem::UnknownSide { side, .. } => {
                write!(f, "side {side} is not an actor of this project")
            }
            Problem::SideCycle { .. } => {
                f.write_str("its sides make a cycle: an actor cannot speak for itself")
            }
            Problem::DuplicateRoundId { .. } => f.write_str("duplicate round id"),
            Problem::EmptyRoundName { .. } => f.write_str("a round needs a name"),
            Problem::RoundDatesReversed { .. } => f.write_str("the round ends before it starts"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = self.detail();
        match self.subject() {
            Subject::Project => write!(f, "project: {detail}"),
            Subject::Document(id) => write!(f, "document {id}: {detail}"),
            Subject::Actor(id) => write!(f, "actor {id}: {detail}"),
            Subject::Annotation(id) => write!(f, "annotation {id}: {detail}"),
            Subject::Relation(id) => write!(f, "relation {id}: {detail}"),
            Subject::Issue(id) => write!(f, "issue {id}: {detail}"),
            Subject::Round(id) => write!(f, "round {id}: {detail}"),
        }
    }
}

impl Project {
    /// Checks one annotation against the project's rules (not its id's uniqueness).
    ///
    /// # Errors
    /// Every rule the annotation breaks.
    pub fn check_annotation(&self, a: &Annotation) -> Result<(), Vec<Problem>> {
        self.check_annotation_in(a, self.document(a.document))
    }

    /// [`Project::check_annotation`] with its document already looked up (`None`: missing),
    /// so checking a whole project does not search the documents once per annotation.
    fn check_annotation_in(
        &self,
        a: &Annotation,
        found: Option<&super::Document>,
    ) -> Result<(), Vec<Problem>> {
        let annotation = a.id;
        let mut problems = Vec::new();
        if self.schema.get(&a.tag).is_none() {
            problems.push(Problem::UnknownTag {
                annotation,
                tag: a.tag.clone(),
            });
        }
        for (at, &holder) in a.holders.iter().enumerate() {
            if a.holders[..at].contains(&holder) {
                problems.push(Problem::RepeatedHolder { annotation, holder });
            } else if self.actor(holder).is_none() {
                problems.push(Problem::UnknownHolder { annotation, holder });
            }
        }
        if let Some(target) = a.target
            && self.actor(target).is_none()
        {
            problems.push(Problem::UnknownTarget { annotation, target });
        }
        for (at, entry) in a.issues.iter().enumerate() {
            let issue = entry.issue;
            if a.issues[..at].iter().any(|e| e.issue == issue) {
                problems.push(Problem::RepeatedIssue { annotation, issue });
            } else if self.issue(issue).is_none() {
                problems.push(Problem::UnknownIssue { annotation, issue });
            }
        }
        if !a.issues.is_empty() && (a.stance.is_some() || a.condition.is_some()) {
            problems.push(Problem::GeneralStanceWithIssues { annotation });
        }
        let document = a.document;
        match found {
            None => problems.push(Problem::MissingDocument {
                annotation,
                document,
            }),
            Some(doc) => match check_ranges(&a.ranges) {
                Err(error) => problems.push(Problem::BadRanges { annotation, error }),
                Ok(()) => {
                    let len_chars = doc.len_chars();
                    cue_problems(a, len_chars, &mut problems);
                    if let Some(&range) = a.ranges.iter().find(|r| r.end > len_chars) {
                        problems.push(Problem::RangeOutOfDocument {
                            annotation,
                            document,
                            range,
                            len_chars,
                        });
                    } else if let Some(found) = doc.quote(&a.ranges)
                        && found != a.quote
                    {
                        problems.push(Problem::QuoteMismatch {
                            annotation,
                            document,
                            quote: elide(&a.quote),
                            found: elide(&found),
                        });
                    }
                }
            },
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Values of the annotation's choice fields that are not among their choices. Not an
    /// edit rule: changing a field's choices must not lock the annotations that used it.
    #[must_use]
    pub fn field_problems(&self, a: &Annotation) -> Vec<Problem> {
        let Some(tag) = self.schema.get(&a.tag) else {
            return Vec::new();
        };
        (tag.fields.iter())
            .filter_map(|field| {
                let value = a.attributes.get(&field.key)?;
                (!field.kind.allows(value)).then(|| Problem::FieldValueNotAllowed {
                    annotation: a.id,
                    field: field.key.clone(),
                    value: value.clone(),
                })
            })
            .collect()
    }

    /// Every broken rule in the project. An empty list means the project is valid.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.schema_problems(&mut problems);
        self.document_problems(&mut problems);
        self.actor_problems(&mut problems);
        self.issue_problems(&mut problems);
        self.round_problems(&mut problems);
        // The index knows which ids several annotations share (only a broken file has any):
        // only those are remembered here, not every id of a large project once more.
        let mut seen_shared_ids = HashSet::new();
        // Annotations come sorted by document: look each document up once, not per annotation.
        let mut last: Option<(super::DocumentId, Option<&super::Document>)> = None;
        for a in self.annotations() {
            if self.index().is_duplicated(a.id) && !seen_shared_ids.insert(a.id) {
                problems.push(Problem::DuplicateAnnotationId { annotation: a.id });
            }
            let doc = match last {
                Some((id, doc)) if id == a.document => doc,
                _ => self.document(a.document),
            };
            last = Some((a.document, doc));
            if let Err(found) = self.check_annotation_in(a, doc) {
                problems.extend(found);
            }
            problems.extend(self.field_problems(a));
        }
        let mut rel_ids = HashSet::new();
        for r in &self.relations {
            if !rel_ids.insert(r.id) {
                problems.push(Problem::DuplicateRelationId { relation: r.id });
            }
            for end in [r.from, r.to] {
                if !self.has_annotation(end) {
                    problems.push(Problem::MissingRelationEnd {
                        relation: r.id,
                        annotation: end,
                    });
                }
            }
            if r.from == r.to && r.kind != RETRACTS {
                problems.push(Problem::SelfRelation {
                    relation: r.id,
                    annotation: r.from,
                });
            }
            if self.schema.relation_type(&r.kind).is_none() {
                problems.push(Problem::UnknownRelationType {
                    relation: r.id,
                    kind: r.kind.clone(),
                });
            }
        }
        problems.extend(retracts_cycles(&self.relations));
        problems
    }

    fn schema_problems(&self, problems: &mut Vec<Problem>) {
        let mut tag_keys = HashSet::new();
        for tag in &self.schema.tags {
            if tag.key.trim().is_empty() {
                problems.push(Problem::EmptyTagKey);
            } else if !tag_keys.insert(tag.key.as_str()) {
                problems.push(Problem::DuplicateTagKey {
                    key: tag.key.clone(),
                });
            }
        }
        let mut type_keys = HashSet::new();
        for kind in &self.schema.relation_types {
            if kind.key.trim().is_empty() {
                problems.push(Problem::EmptyRelationTypeKey);
            } else if !type_keys.insert(kind.key.as_str()) {
                problems.push(Problem::DuplicateRelationTypeKey {
                    key: kind.key.clone(),
                });
            }
        }
    }

    fn issue_problems(&self, problems: &mut Vec<Problem>) {
        let mut ids = HashSet::new();
        // A name or alias that answers for two issues makes references ambiguous.
        let mut owners: HashMap<String, (IssueId, &str)> = HashMap::new();
        for issue in &self.issues {
            if !ids.insert(issue.id) {
                problems.push(Problem::DuplicateIssueId { issue: issue.id });
            }
            if issue.name.trim().is_empty() {
                problems.push(Problem::EmptyIssueName { issue: issue.id });
            }
            for name in issue.names() {
                match owners.get(&name_key(name)) {
                    Some(&(other, other_name)) if other != issue.id => {
                        problems.push(Problem::IssueNameClash {
                            issue: issue.id,
                            name: name.to_owned(),
                            other,
                            other_name: other_name.to_owned(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        owners.insert(name_key(name), (issue.id, &issue.name));
                    }
                }
            }
        }
    }

    fn round_problems(&self, problems: &mut Vec<Problem>) {
        let mut ids = HashSet::new();
        for round in self.rounds() {
            if !ids.insert(round.id) {
                problems.push(Problem::DuplicateRoundId { round: round.id });
            }
            if round.name.trim().is_empty() {
                problems.push(Problem::EmptyRoundName { round: round.id });
            }
            match &round.span {
                super::RoundSpan::Dates { from, to } => {
                    if from > to {
                        problems.push(Problem::RoundDatesReversed { round: round.id });
                    }
                }
                super::RoundSpan::Documents(documents) => {
                    for &document in documents {
                        if self.document(document).is_none() {
                            problems.push(Problem::RoundMissingDocument {
                                round: round.id,
                                document,
                            });
                        }
                    }
                }
            }
        }
    }

    fn document_problems(&self, problems: &mut Vec<Problem>) {
        let mut doc_ids = HashSet::new();
        for doc in self.documents() {
            if !doc_ids.insert(doc.id) {
                problems.push(Problem::DuplicateDocumentId { document: doc.id });
            }
            if !doc.hash_matches() {
                problems.push(Problem::DocumentHashMismatch {
                    document: doc.id,
                    title: doc.title.clone(),
                });
            }
        }
    }

    fn actor_problems(&self, problems: &mut Vec<Problem>) {
        let mut actor_ids = HashSet::new();
        // A name or alias that answers for two actors makes holders ambiguous.
        let mut owners: HashMap<String, (ActorId, &str)> = HashMap::new();
        for actor in self.actors() {
            if !actor_ids.insert(actor.id) {
                problems.push(Problem::DuplicateActorId { actor: actor.id });
            }
            if let Some(side) = actor.side
                && self.actor(side).is_none()
            {
                problems.push(Problem::UnknownSide {
                    actor: actor.id,
                    side,
                });
            }
            for name in actor.names() {
                match owners.get(&name_key(name)) {
                    Some(&(other, other_name)) if other != actor.id => {
                        problems.push(Problem::NameClash {
                            actor: actor.id,
                            name: name.to_owned(),
                            other,
                            other_name: other_name.to_owned(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        owners.insert(name_key(name), (actor.id, &actor.name));
                    }
                }
            }
        }
        for actor in self.side_cycles() {
            problems.push(Problem::SideCycle { actor });
        }
    }
}

/// The cue's ranges follow the rules of `ranges`, inside a document of `len_chars`.
fn cue_problems(a: &Annotation, len_chars: usize, problems: &mut Vec<Problem>) {
    if a.cue.is_empty() {
        return;
    }
    let annotation = a.id;
    if let Err(error) = check_ranges(&a.cue) {
        problems.push(Problem::BadCue { annotation, error });
    } else if let Some(&range) = a.cue.iter().find(|r| r.end > len_chars) {
        problems.push(Problem::CueOutOfDocument {
            annotation,
            range,
            len_chars,
        });
    }
}

/// Every `retracts` relation that lies on a cycle of `retracts` (including an annotation
/// retracting itself), once each, in file order.
#[must_use]
fn retracts_cycles(relations: &[Relation]) -> Vec<Problem> {
    let mut next: HashMap<AnnotationId, Vec<AnnotationId>> = HashMap::new();
    for r in relations.iter().filter(|r| r.kind == RETRACTS) {
        next.entry(r.from).or_default().push(r.to);
    }
    (relations.iter())
        .filter(|r| r.kind == RETRACTS && reaches(&next, r.to, r.from))
        .map(|r| Problem::RetractsCycle {
            relation: r.id,
            annotation: r.from,
        })
        .collect()
}
