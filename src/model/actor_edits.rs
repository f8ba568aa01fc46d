//! Builders for actor edits: names are trimmed and unique (case-insensitively, aliases
//! included), aliases are a clean list, and a blank affiliation is none.

use super::{Actor, ActorId, AnnotationId, Edit, EditContext, EditError, Project, same_name};

/// Aliases typed as a comma-separated list: trimmed, without blanks, duplicates or `name`.
pub(super) fn parse_aliases<'a>(
    aliases: impl IntoIterator<Item = &'a str>,
    name: &str,
) -> Vec<String> {
    let mut parsed: Vec<String> = Vec::new();
    for alias in aliases.into_iter().map(str::trim) {
        if !alias.is_empty()
            && !same_name(alias, name)
            && !parsed.iter().any(|a| same_name(a, alias))
        {
            parsed.push(alias.to_owned());
        }
    }
    parsed
}

/// `None` for a blank affiliation, so "no affiliation" has one representation.
fn affiliation_of(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

impl Project {
    /// Refuses `name` when an actor other than `except` is called so (name or alias).
    pub(super) fn check_name_is_free(
        &self,
        name: &str,
        except: Option<ActorId>,
    ) -> Result<(), EditError> {
        match self
            .actors
            .iter()
            .find(|a| Some(a.id) != except && a.is_called(name))
        {
            Some(existing) => Err(EditError::DuplicateActorName {
                name: name.to_owned(),
                existing: existing.name.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Refuses a replacement for an actor whose name or aliases would name another actor.
    /// Only names the actor did not answer to before are checked: a clash already in a
    /// loaded file must not block editing the actor's affiliation.
    pub(super) fn check_replacement_names(&self, actor: &Actor) -> Result<(), EditError> {
        let old = self.actor(actor.id);
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            if old.is_none_or(|old| !old.is_called(name)) {
                self.check_name_is_free(name.trim(), Some(actor.id))?;
            }
        }
        Ok(())
    }

    /// Whether a new actor may be called `name` (trimmed): not blank, and not the name or
    /// alias of an actor already there.
    ///
    /// # Errors
    /// Why the name is refused.
    pub fn check_new_actor_name(&self, name: &str) -> Result<(), EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyName);
        }
        self.check_name_is_free(name, None)
    }

    /// Appends a new actor, its name trimmed, its aliases cleaned and a blank affiliation
    /// dropped.
    ///
    /// # Errors
    /// A blank name, or a name or alias that already names another actor.
    pub fn add_actor(&self, mut actor: Actor) -> Result<Edit, EditError> {
        self.check_new_actor_name(&actor.name)?;
        actor.name = actor.name.trim().to_owned();
        actor.aliases = parse_aliases(actor.aliases.iter().map(String::as_str), &actor.name);
        actor.affiliation = actor.affiliation.as_deref().and_then(affiliation_of);
        for alias in &actor.aliases {
            self.check_name_is_free(alias, None)?;
        }
        Ok(Edit::InsertActor {
            index: self.actors.len(),
            actor,
        })
    }

    /// Renames an actor (trimmed); an alias equal to the new name is dropped.
    ///
    /// # Errors
    /// An unknown actor, a blank name, or a name that already names another actor.
    pub fn rename_actor(&self, id: ActorId, name: &str) -> Result<Edit, EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyName);
        }
        self.check_name_is_free(name, Some(id))?;
        self.edit_actor(id, |a| {
            name.clone_into(&mut a.name);
            a.aliases.retain(|alias| !same_name(alias, name));
        })
    }

    /// Sets an actor's aliases from a comma-separated list: trimmed, without blanks,
    /// duplicates or the actor's own name.
    ///
    /// # Errors
    /// An unknown actor, or an alias that names another actor.
    pub fn set_aliases(&self, id: ActorId, text: &str) -> Result<Edit, EditError> {
        let actor = self.actor(id).ok_or(EditError::NoSuchActor(id))?;
        let aliases = parse_aliases(text.split(','), &actor.name);
        for alias in &aliases {
            self.check_name_is_free(alias, Some(id))?;
        }
        self.edit_actor(id, |a| a.aliases = aliases)
    }

    /// Sets an actor's affiliation; a blank one is stored as none. The text is kept as typed
    /// otherwise: it is edited live, and trimming would eat the space before the next word.
    ///
    /// # Errors
    /// An unknown actor.
    pub fn set_affiliation(&self, id: ActorId, text: &str) -> Result<Edit, EditError> {
        let affiliation = affiliation_of(text);
        self.edit_actor(id, |a| a.affiliation = affiliation)
    }

    /// Makes the actor called `name` (name or alias, case-insensitively) the annotation's
    /// holder, adding a new actor of that name only if none is called so.
    ///
    /// # Errors
    /// An unknown annotation, or a blank name.
    pub fn set_holder_named(
        &self,
        id: AnnotationId,
        name: &str,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let (actor_id, add) = self.actor_named_or_new(name)?;
        let Some(add) = add else {
            return self.set_holder(id, Some(actor_id), cx);
        };
        let set = self.edit_annotation(id, cx, |a| a.holder = Some(actor_id))?;
        Ok(Edit::Batch(vec![add, set]))
    }

    /// The actor called `name` (name or alias); if there is none, a new actor's id and the
    /// edit that adds it. Holder and target pickers share this rule.
    ///
    /// # Errors
    /// A blank name.
    pub(crate) fn actor_named_or_new(
        &self,
        name: &str,
    ) -> Result<(crate::model::ActorId, Option<Edit>), EditError> {
        if let Some(existing) = self.actor_named(name.trim()) {
            return Ok((existing.id, None));
        }
        let actor = Actor::new(name, None);
        let actor_id = actor.id;
        Ok((actor_id, Some(self.add_actor(actor)?)))
    }

    /// Whether applying `edit` would change nothing, so the UI records no undo step for it.
    #[must_use]
    pub fn is_no_op(&self, edit: &Edit) -> bool {
        match edit {
            Edit::ReplaceActor(actor) => self.actor(actor.id) == Some(actor),
            Edit::ReplaceIssue(issue) => self.issue(issue.id) == Some(issue),
            Edit::ReplaceRelation(relation) => self.relation(relation.id) == Some(relation),
            Edit::ReplaceTag(tag) => self.schema.get(&tag.key) == Some(tag),
            Edit::ReplaceRelationType(kind) => self.schema.relation_type(&kind.key) == Some(kind),
            Edit::MoveTag { from, to } => from == to,
            Edit::Batch(edits) => edits.iter().all(|e| self.is_no_op(e)),
            _ => false,
        }
    }
}
