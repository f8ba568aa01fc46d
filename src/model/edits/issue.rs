//! Issues: the checked edit steps and the builders (add, rename, aliases, description,
//! delete, merge). Names are unique across issues' names and aliases, by [`name_key`] as for
//! actors.

use super::actor::parse_aliases;
use crate::model::{Edit, EditContext, EditError, Issue, IssueId, Project, name_key, same_name};

/// Checked steps of the issue edits (see [`Edit`]).
impl Project {
    /// Refuses `name` when an issue other than `except` is called so (name or alias).
    pub(in crate::model) fn check_issue_name_is_free(
        &self,
        name: &str,
        except: Option<IssueId>,
    ) -> Result<(), EditError> {
        match (self.issues.iter()).find(|i| Some(i.id) != except && i.is_called(name)) {
            Some(existing) => Err(EditError::DuplicateIssueName {
                name: name.trim().to_owned(),
                existing: existing.name.clone(),
            }),
            None => Ok(()),
        }
    }

    pub(in crate::model) fn insert_issue(
        &mut self,
        index: usize,
        issue: Issue,
    ) -> Result<Edit, EditError> {
        if index > self.issues.len() {
            return Err(EditError::BadIndex(index));
        }
        if self.issue(issue.id).is_some() {
            return Err(EditError::DuplicateId(issue.id.to_string()));
        }
        if issue.name.trim().is_empty() {
            return Err(EditError::EmptyIssueName);
        }
        let id = issue.id;
        self.issues.insert(index, issue);
        Ok(Edit::RemoveIssue(id))
    }

    pub(in crate::model) fn remove_issue(&mut self, id: IssueId) -> Result<Edit, EditError> {
        let index = (self.issues.iter())
            .position(|i| i.id == id)
            .ok_or(EditError::NoSuchIssue(id))?;
        let count = self.annotations_about(id).count();
        if count > 0 {
            return Err(EditError::IssueInUse {
                name: self.issues[index].name.clone(),
                count,
            });
        }
        Ok(Edit::RestoreIssue {
            index,
            issue: self.issues.remove(index),
        })
    }

    /// Names the issue did not answer to before are checked: a clash already in a loaded
    /// file must not block editing its description.
    pub(in crate::model) fn replace_issue(&mut self, issue: Issue) -> Result<Edit, EditError> {
        if issue.name.trim().is_empty() {
            return Err(EditError::EmptyIssueName);
        }
        let index = (self.issues.iter())
            .position(|i| i.id == issue.id)
            .ok_or(EditError::NoSuchIssue(issue.id))?;
        for name in issue.names() {
            if !self.issues[index].is_called(name) {
                self.check_issue_name_is_free(name, Some(issue.id))?;
            }
        }
        Ok(Edit::ReplaceIssue(std::mem::replace(
            &mut self.issues[index],
            issue,
        )))
    }
}

/// Builders for issue edits.
impl Project {
    /// Annotations that refer to issue `id`.
    pub fn annotations_about(&self, id: IssueId) -> impl Iterator<Item = &super::Annotation> + '_ {
        self.iter_annotations().filter(move |a| a.has_issue(id))
    }

    /// Whether a new issue may be called `name` (trimmed): not blank, and not the name or
    /// alias of an issue already there.
    ///
    /// # Errors
    /// Why the name is refused.
    pub fn check_new_issue_name(&self, name: &str) -> Result<(), EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyIssueName);
        }
        self.check_issue_name_is_free(name, None)
    }

    /// Appends a new issue: name trimmed, aliases cleaned, a blank description dropped.
    ///
    /// # Errors
    /// A blank name, or a name or alias that already names an issue.
    pub fn add_issue(&self, mut issue: Issue) -> Result<Edit, EditError> {
        self.check_new_issue_name(&issue.name)?;
        issue.name = issue.name.trim().to_owned();
        issue.aliases = parse_aliases(issue.aliases.iter().map(String::as_str), &issue.name);
        issue.description = description_of(issue.description.as_deref());
        for alias in &issue.aliases {
            self.check_issue_name_is_free(alias, None)?;
        }
        Ok(Edit::InsertIssue {
            index: self.issues.len(),
            issue,
        })
    }

    /// Changes an issue through `change` (checked on apply).
    ///
    /// # Errors
    /// An unknown issue.
    pub fn edit_issue(
        &self,
        id: IssueId,
        change: impl FnOnce(&mut Issue),
    ) -> Result<Edit, EditError> {
        let mut issue = self.issue(id).ok_or(EditError::NoSuchIssue(id))?.clone();
        change(&mut issue);
        Ok(Edit::ReplaceIssue(issue))
    }

    /// Renames an issue (trimmed); an alias equal to the new name is dropped.
    ///
    /// # Errors
    /// An unknown issue, a blank name, or a name that already names another issue.
    pub fn rename_issue(&self, id: IssueId, name: &str) -> Result<Edit, EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyIssueName);
        }
        self.check_issue_name_is_free(name, Some(id))?;
        self.edit_issue(id, |i| {
            name.clone_into(&mut i.name);
            i.aliases.retain(|alias| !same_name(alias, name));
        })
    }

    /// Sets an issue's aliases from a comma-separated list (cleaned as for actors).
    ///
    /// # Errors
    /// An unknown issue, or an alias that names another issue.
    pub fn set_issue_aliases(&self, id: IssueId, text: &str) -> Result<Edit, EditError> {
        let issue = self.issue(id).ok_or(EditError::NoSuchIssue(id))?;
        let aliases = parse_aliases(text.split(','), &issue.name);
        for alias in &aliases {
            self.check_issue_name_is_free(alias, Some(id))?;
        }
        self.edit_issue(id, |i| i.aliases = aliases)
    }

    /// Sets an issue's description; a blank one is none, other text is kept as typed.
    ///
    /// # Errors
    /// An unknown issue.
    pub fn set_issue_description(&self, id: IssueId, text: &str) -> Result<Edit, EditError> {
        let description = description_of(Some(text));
        self.edit_issue(id, |i| i.description = description)
    }

    /// Removes an issue, first taking it off every annotation that refers to it.
    ///
    /// # Errors
    /// An unknown issue.
    pub fn delete_issue(&self, id: IssueId, cx: impl Into<EditContext>) -> Result<Edit, EditError> {
        let cx = cx.into();
        self.issue(id).ok_or(EditError::NoSuchIssue(id))?;
        let mut edits = Vec::new();
        for a in self.annotations_about(id) {
            edits.push(self.edited(a, &cx, |a| a.issues.retain(|i| i.issue != id))?);
        }
        edits.push(Edit::RemoveIssue(id));
        Ok(Edit::Batch(edits))
    }

    /// Merges issue `from` into `into`, as one edit: every annotation referring to `from`
    /// refers to `into` instead (once, in `from`'s place), `from`'s name and aliases become
    /// aliases of `into`, and `from` is removed.
    ///
    /// # Errors
    /// Unknown issues, or merging an issue into itself.
    pub fn merge_issues(
        &self,
        from: IssueId,
        into: IssueId,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let cx = cx.into();
        let source = self.issue(from).ok_or(EditError::NoSuchIssue(from))?;
        let mut target = self
            .issue(into)
            .ok_or(EditError::NoSuchIssue(into))?
            .clone();
        if from == into {
            return Err(EditError::DuplicateId(from.to_string()));
        }
        let mut edits = Vec::new();
        for a in self.annotations_about(from) {
            edits.push(self.edited(a, &cx, |a| {
                // Where both were listed, the first entry stays, taking the other's stance
                // if it had none.
                let mut repointed: Vec<crate::model::IssueStance> = Vec::new();
                for mut entry in std::mem::take(&mut a.issues) {
                    if entry.issue == from {
                        entry.issue = into;
                    }
                    match repointed.iter_mut().find(|e| e.issue == entry.issue) {
                        Some(kept) if kept.stance.is_none() && kept.condition.is_none() => {
                            kept.stance = entry.stance;
                            kept.condition = entry.condition;
                        }
                        Some(_) => {}
                        None => repointed.push(entry),
                    }
                }
                a.issues = repointed;
            })?);
        }
        for name in source.names() {
            // A name a third issue also answers to (possible in older files) stays with it.
            let is_taken = (self.issues.iter())
                .any(|other| other.id != from && other.id != into && other.is_called(name));
            let is_known = target.is_called(name);
            if !is_known && !is_taken {
                target.aliases.push(name.to_owned());
            }
        }
        if target.description.is_none() {
            target.description.clone_from(&source.description);
        }
        // `from` goes first: until then its names are its own, not free for `into`.
        edits.push(Edit::RemoveIssue(from));
        edits.push(Edit::ReplaceIssue(target));
        Ok(Edit::Batch(edits))
    }

    /// The issue called `name` (name or alias), or a new issue of that name: the edit that
    /// adds it (if needed) and its id. For type-ahead chips that create issues inline.
    ///
    /// # Errors
    /// A blank name.
    pub fn issue_for_name(&self, name: &str) -> Result<(Option<Edit>, IssueId), EditError> {
        if let Some(existing) = self.issue_named(name.trim()) {
            return Ok((None, existing.id));
        }
        let issue = Issue::new(name);
        let id = issue.id;
        Ok((Some(self.add_issue(issue)?), id))
    }

    /// Issues whose name or alias starts with `prefix` (case-insensitively), in project
    /// order: the type-ahead list of the issue chips.
    pub fn issues_matching<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a Issue> + 'a {
        let prefix = name_key(prefix);
        (self.issues.iter()).filter(move |i| i.names().any(|n| name_key(n).starts_with(&prefix)))
    }
}

/// `None` for a blank description, so "no description" has one representation.
fn description_of(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty()).map(str::to_owned)
}
