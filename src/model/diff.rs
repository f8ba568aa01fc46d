//! [`ProjectDiff`]: how two versions of a project differ, counted by id, for messages such as
//! "3 annotations added, 2 changed, 1 deleted" when offering a recovery snapshot.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use super::Project;

/// Added, changed and deleted items of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

impl Counts {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added + self.changed + self.deleted == 0
    }

    fn of<T: PartialEq, K: Hash + Eq>(old: &[T], new: &[T], key: impl Fn(&T) -> K) -> Self {
        let before: HashMap<K, &T> = old.iter().map(|x| (key(x), x)).collect();
        let mut counts = Self::default();
        let mut seen = 0;
        for item in new {
            match before.get(&key(item)) {
                None => counts.added += 1,
                Some(previous) => {
                    seen += 1;
                    if *previous != item {
                        counts.changed += 1;
                    }
                }
            }
        }
        counts.deleted = before.len().saturating_sub(seen);
        counts
    }
}

/// From an old project to a new one, matched by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProjectDiff {
    pub annotations: Counts,
    pub documents: Counts,
    pub actors: Counts,
    pub is_title_changed: bool,
}

impl ProjectDiff {
    #[must_use]
    pub fn between(old: &Project, new: &Project) -> Self {
        Self {
            annotations: Counts::of(old.annotations(), new.annotations(), |a| a.id),
            documents: Counts::of(old.documents(), new.documents(), |d| d.id),
            actors: Counts::of(old.actors(), new.actors(), |a| a.id),
            is_title_changed: old.title != new.title,
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty()
            && self.documents.is_empty()
            && self.actors.is_empty()
            && !self.is_title_changed
    }
}

/// `3 annotations added, 2 changed, 1 deleted; 1 actor added`, or `no differences`.
impl fmt::Display for ProjectDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for (counts, one, many) in [
            (self.annotations, "annotation", "annotations"),
            (self.documents, "document", "documents"),
            (self.actors, "actor", "actors"),
        ] {
            let mut items = Vec::new();
            for (n, verb) in [
                (counts.added, "added"),
                (counts.changed, "changed"),
                (counts.deleted, "deleted"),
            ] {
                if n > 0 {
                    let noun = if n == 1 { one } else { many };
                    items.push(if items.is_empty() {
                        format!("{n} {noun} {verb}")
                    } else {
                        format!("{n} {verb}")
                    });
                }
            }
            if !items.is_empty() {
                parts.push(items.join(", "));
            }
        }
        if self.is_title_changed {
            parts.push("title changed".to_owned());
        }
        if parts.is_empty() {
            f.write_str("no differences")
        } else {
            f.write_str(&parts.join("; "))
        }
    }
}
