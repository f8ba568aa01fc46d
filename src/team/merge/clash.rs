//! One side renamed an actor (or issue) to a name the other side gave a new one: after the
//! merge two items share a name. They are one and the same, so the new one goes and its
//! references point to the renamed one (its aliases join it where free).

use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use crate::model::{ActorId, Annotation, IssueId, Project, ProjectParts, name_key};

/// Unifies each item new in the merge (not in `base`) with an older item of the same name.
pub(super) fn unify_renamed(
    project: &mut ProjectParts,
    annotations: &mut [Arc<Annotation>],
    base: &Project,
) {
    let base_actors: HashSet<ActorId> = base.actors().iter().map(|a| a.id).collect();
    let old_actors: HashMap<String, ActorId> = (project.actors.iter())
        .filter(|a| base_actors.contains(&a.id))
        .map(|a| (name_key(&a.name), a.id))
        .collect();
    let mut actors: HashMap<ActorId, ActorId> = HashMap::new();
    for a in &project.actors {
        if let (false, Some(&old)) = (
            base_actors.contains(&a.id),
            old_actors.get(&name_key(&a.name)),
        ) {
            actors.insert(a.id, old);
        }
    }
    let base_issues: HashSet<IssueId> = base.issues().iter().map(|i| i.id).collect();
    let old_issues: HashMap<String, IssueId> = (project.issues.iter())
        .filter(|i| base_issues.contains(&i.id))
        .map(|i| (name_key(&i.name), i.id))
        .collect();
    let mut issues: HashMap<IssueId, IssueId> = HashMap::new();
    for i in &project.issues {
        if let (false, Some(&old)) = (
            base_issues.contains(&i.id),
            old_issues.get(&name_key(&i.name)),
        ) {
            issues.insert(i.id, old);
        }
    }
    if actors.is_empty() && issues.is_empty() {
        return;
    }
    move_aliases(project, &actors, &issues);
    project.actors.retain(|a| !actors.contains_key(&a.id));
    project.issues.retain(|i| !issues.contains_key(&i.id));
    for actor in &mut project.actors {
        if let Some(side) = &mut actor.side
            && let Some(&old) = actors.get(side)
        {
            *side = old;
        }
    }
    for a in annotations.iter_mut() {
        // Only what changes is copied: the others stay shared with the merged versions.
        let is_touched = (a.holders.iter().chain(&a.target)).any(|id| actors.contains_key(id))
            || a.issues
                .iter()
                .any(|entry| issues.contains_key(&entry.issue))
            || has_repeats(a.holders.iter())
            || has_repeats(a.issues.iter().map(|entry| &entry.issue));
        if !is_touched {
            continue;
        }
        let a = Arc::make_mut(a);
        for id in a.holders.iter_mut().chain(&mut a.target) {
            if let Some(&old) = actors.get(id) {
                *id = old;
            }
        }
        let mut seen = HashSet::new();
        a.holders.retain(|id| seen.insert(*id));
        for entry in &mut a.issues {
            if let Some(&old) = issues.get(&entry.issue) {
                entry.issue = old;
            }
        }
        let mut seen = HashSet::new();
        a.issues.retain(|entry| seen.insert(entry.issue));
    }
}

/// True if an item comes twice (the merge leaves each once).
fn has_repeats<T: Eq + std::hash::Hash>(mut items: impl Iterator<Item = T>) -> bool {
    let mut seen = HashSet::new();
    !items.all(|item| seen.insert(item))
}

/// The new items' aliases join the old ones, unless they already name something that stays.
fn move_aliases(
    project: &mut ProjectParts,
    actors: &HashMap<ActorId, ActorId>,
    issues: &HashMap<IssueId, IssueId>,
) {
    let taken: HashSet<String> = (project.actors.iter())
        .filter(|a| !actors.contains_key(&a.id))
        .flat_map(|a| a.names().map(name_key).collect::<Vec<_>>())
        .collect();
    let moved: Vec<(ActorId, String)> = (project.actors.iter())
        .filter_map(|a| Some((*actors.get(&a.id)?, a.aliases.clone())))
        .flat_map(|(old, aliases)| aliases.into_iter().map(move |n| (old, n)))
        .filter(|(_, n)| !taken.contains(&name_key(n)))
        .collect();
    for (old, alias) in moved {
        if let Some(a) = project.actors.iter_mut().find(|a| a.id == old) {
            a.aliases.push(alias);
        }
    }
    let taken: HashSet<String> = (project.issues.iter())
        .filter(|i| !issues.contains_key(&i.id))
        .flat_map(|i| i.names().map(name_key).collect::<Vec<_>>())
        .collect();
    let moved: Vec<(IssueId, String)> = (project.issues.iter())
        .filter_map(|i| Some((*issues.get(&i.id)?, i.aliases.clone())))
        .flat_map(|(old, aliases)| aliases.into_iter().map(move |n| (old, n)))
        .filter(|(_, n)| !taken.contains(&name_key(n)))
        .collect();
    for (old, alias) in moved {
        if let Some(i) = project.issues.iter_mut().find(|i| i.id == old) {
            i.aliases.push(alias);
        }
    }
}
