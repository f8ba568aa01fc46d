//! Actors: the builders (add, rename, aliases, affiliation, merge, delete) and the checked
//! steps. Names are trimmed and unique (case-insensitively, aliases included), aliases are a
//! clean list, and a blank affiliation is none. Setting an annotation's holder or target by
//! name is in `annotation.rs`.

use crate::model::{Actor, ActorId, Edit, EditContext, EditError, Project, same_name};

/// Aliases typed as a comma-separated list: trimmed, without blanks, duplicates or `name`.
pub(in crate::model) fn parse_aliases<'a>(
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
    pub(in crate::model) fn check_name_is_free(
        &self,
        name: &str,
        except: Option<ActorId>,
    ) -> Result<(), EditError> {
        match self
            .actors()
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
    pub(in crate::model) fn check_replacement_names(&self, actor: &Actor) -> Result<(), EditError> {
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
            index: self.actors().len(),
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
}

impl Project {
    /// Changes an actor through `change` (name, aliases, affiliation).
    ///
    /// # Errors
    /// An unknown actor.
    pub fn edit_actor(
        &self,
        id: ActorId,
        change: impl FnOnce(&mut Actor),
    ) -> Result<Edit, EditError> {
        let mut actor = self.actor(id).ok_or(EditError::NoSuchActor(id))?.clone();
        change(&mut actor);
        Ok(Edit::ReplaceActor(actor))
    }

    /// Merges `from` into `into`: its annotations move to `into`, its name and aliases become
    /// aliases of `into`, and `from` is removed.
    ///
    /// # Errors
    /// Unknown actors, or merging an actor into itself.
    pub fn merge_actors(
        &self,
        from: ActorId,
        into: ActorId,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let source = self.actor(from).ok_or(EditError::NoSuchActor(from))?;
        let mut target = self
            .actor(into)
            .ok_or(EditError::NoSuchActor(into))?
            .clone();
        if from == into {
            return Err(EditError::DuplicateId(from.to_string()));
        }
        let cx = cx.into();
        let mut edits = Vec::new();
        let repoint = |actor: &mut Option<ActorId>| {
            if *actor == Some(from) {
                *actor = Some(into);
            }
        };
        for a in
            (self.annotations().iter()).filter(|a| a.holder == Some(from) || a.target == Some(from))
        {
            edits.push(self.edited(a, &cx, |a| {
                repoint(&mut a.holder);
                repoint(&mut a.target);
            })?);
        }
        for name in std::iter::once(&source.name).chain(&source.aliases) {
            // A name a third actor also answers to (possible in older files) stays with it.
            let is_taken = self
                .actors()
                .iter()
                .any(|other| other.id != from && other.id != into && other.is_called(name));
            if !target.is_called(name) && !is_taken {
                target.aliases.push(name.clone());
            }
        }
        if target.affiliation.is_none() {
            target.affiliation.clone_from(&source.affiliation);
        }
        // `from` goes first: until then its names are its own, not free for `into`.
        edits.push(Edit::RemoveActor(from));
        edits.push(Edit::ReplaceActor(target));
        Ok(Edit::Batch(edits))
    }

    /// Removes an actor, clearing it as the holder of its annotations first.
    ///
    /// # Errors
    /// An unknown actor.
    pub fn delete_actor(&self, id: ActorId, cx: impl Into<EditContext>) -> Result<Edit, EditError> {
        let cx = cx.into();
        self.actor(id).ok_or(EditError::NoSuchActor(id))?;
        let mut edits = Vec::new();
        for a in
            (self.annotations().iter()).filter(|a| a.holder == Some(id) || a.target == Some(id))
        {
            edits.push(self.edited(a, &cx, |a| {
                if a.holder == Some(id) {
                    a.holder = None;
                }
                if a.target == Some(id) {
                    a.target = None;
                }
            })?);
        }
        edits.push(Edit::RemoveActor(id));
        Ok(Edit::Batch(edits))
    }
}

/// Checked steps of the actor edits (see [`Edit`]).
impl Project {
    /// Inserts an actor whose names were checked (or need not be); the rest of the rules.
    pub(in crate::model) fn insert_actor(
        &mut self,
        index: usize,
        actor: Actor,
    ) -> Result<Edit, EditError> {
        if index > self.actors().len() {
            return Err(EditError::BadIndex(index));
        }
        if self.actor(actor.id).is_some() {
            return Err(EditError::DuplicateId(actor.id.to_string()));
        }
        if actor.name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        let id = actor.id;
        self.insert_actor_at(index, actor);
        Ok(Edit::RemoveActor(id))
    }

    pub(in crate::model) fn remove_actor(&mut self, id: ActorId) -> Result<Edit, EditError> {
        let index = self.actor_index(id).ok_or(EditError::NoSuchActor(id))?;
        let count = self.index().actor_use_count(id);
        if count > 0 {
            return Err(EditError::ActorInUse {
                name: self.actors()[index].name.clone(),
                count,
            });
        }
        Ok(Edit::RestoreActor {
            index,
            actor: self.take_actor(index),
        })
    }

    pub(in crate::model) fn replace_actor(&mut self, actor: Actor) -> Result<Edit, EditError> {
        if actor.name.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        self.check_replacement_names(&actor)?;
        let index = self
            .actor_index(actor.id)
            .ok_or(EditError::NoSuchActor(actor.id))?;
        Ok(Edit::ReplaceActor(self.replace_actor_at(index, actor)))
    }
}
