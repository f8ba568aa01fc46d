//! State computed from saved data: [`Derived`] (never serialized, ignored by equality),
//! [`ProjectKey`] (which project and which state of it) and [`DerivedCache`] (a value
//! derived from one project state, recomputed only when that state or the view's own key
//! changes).

use std::sync::atomic::{AtomicU64, Ordering};

/// Wraps a cache derived from the other fields of its owner. Two values always compare
/// equal, so a derived cache never makes two equal projects differ.
#[derive(Clone, Debug, Default)]
pub struct Derived<T>(pub T);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Derived<T> {}

impl<T> std::ops::Deref for Derived<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Derived<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// Names one state of one project, for caches of values derived from it. Equal keys mean the
/// same content. Never saved: every new or loaded project gets a fresh identity.
///
/// A clone keeps its original's key (it has the same content) until either is edited; each
/// edit then draws its revision from a process-wide counter, so the two diverge for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProjectKey {
    /// Fresh per new or loaded project: tells "another project was opened" from an edit.
    pub identity: u64,
    /// Changes with every applied edit; unique across all projects of the process.
    pub revision: u64,
}

/// Draws identities and revisions; one counter for all projects of the process, so no two
/// projects (nor two diverging clones of one) ever share a revision.
static NEXT_KEY_VALUE: AtomicU64 = AtomicU64::new(1);

fn next_key_value() -> u64 {
    NEXT_KEY_VALUE.fetch_add(1, Ordering::Relaxed)
}

impl ProjectKey {
    /// The key of a project no other has been: a new identity and revision.
    #[must_use]
    pub(super) fn fresh() -> Self {
        Self {
            identity: next_key_value(),
            revision: next_key_value(),
        }
    }

    /// The same project after an edit: a revision no project state has had.
    pub(super) fn advance(&mut self) {
        self.revision = next_key_value();
    }
}

/// What the last applied edit changed: lets a cache built for the state before it catch up
/// with a small edit instead of being built again from the whole project.
#[derive(Clone, Debug, PartialEq)]
pub struct LastChange {
    /// The project state the edit was applied to, and the one it made.
    pub before: ProjectKey,
    pub after: ProjectKey,
    /// The annotations the edit replaced, as they were before it, when replacing annotations
    /// (their stance, holders, issues, tag…) is all it did; `None` for any other edit.
    pub replaced: Option<Vec<super::Annotation>>,
}

/// One value derived from a project state ([`ProjectKey`]) and whatever else the view's
/// value depends on (`K`: a filter, a query, the document shown; `()` for nothing), kept
/// until either changes. Every view cache is one of these, so no cache can key on the wrong
/// thing: the project's key moves with every edit, and nothing changes a project without an
/// edit.
#[derive(Debug)]
pub struct DerivedCache<K, V> {
    entry: Option<Entry<K, V>>,
    builds: u64,
    follows: u64,
}

#[derive(Debug)]
struct Entry<K, V> {
    project: ProjectKey,
    key: K,
    value: V,
}

impl<K, V> Default for DerivedCache<K, V> {
    fn default() -> Self {
        Self {
            entry: None,
            builds: 0,
            follows: 0,
        }
    }
}

impl<K: PartialEq, V> DerivedCache<K, V> {
    /// The value for `project` and `key`, computed by `build` first if either changed since
    /// the last call.
    pub fn get_or_build(&mut self, project: ProjectKey, key: K, build: impl FnOnce() -> V) -> &V {
        if !self.is_current(project, &key) {
            self.entry = None;
            self.builds += 1;
        }
        let entry = self.entry.get_or_insert_with(|| Entry {
            project,
            key,
            value: build(),
        });
        &entry.value
    }

    /// Brings the value of the state `change.before` (and `key`) up to `change.after` in
    /// place with `update`, instead of building it again. `update` returns false when it
    /// cannot: the value is then dropped, and the next [`Self::get_or_build`] builds it.
    /// Returns true if the value is now the one for `change.after`.
    pub fn follow(
        &mut self,
        change: &LastChange,
        key: &K,
        update: impl FnOnce(&mut V) -> bool,
    ) -> bool {
        let Some(entry) =
            (self.entry.as_mut()).filter(|e| e.project == change.before && e.key == *key)
        else {
            return false;
        };
        if !update(&mut entry.value) {
            self.entry = None;
            return false;
        }
        entry.project = change.after;
        self.follows += 1;
        true
    }

    /// How many times [`Self::follow`] brought the value up to date without a build.
    #[must_use]
    pub fn follows(&self) -> u64 {
        self.follows
    }

    /// The value, if it was built for `project` and `key`.
    #[must_use]
    pub fn get(&self, project: ProjectKey, key: &K) -> Option<&V> {
        (self.entry.as_ref())
            .filter(|e| e.project == project && e.key == *key)
            .map(|e| &e.value)
    }

    /// True if the value was built for `project` and `key`.
    #[must_use]
    pub fn is_current(&self, project: ProjectKey, key: &K) -> bool {
        self.get(project, key).is_some()
    }

    /// The value last built, whatever it was built for: what a view may show while a new one
    /// is on its way.
    #[must_use]
    pub fn last(&self) -> Option<&V> {
        self.entry.as_ref().map(|e| &e.value)
    }

    /// The value last built, to change in place (say, to drop a row the user just removed)
    /// without rebuilding; the key it was built for is kept.
    pub fn last_mut(&mut self) -> Option<&mut V> {
        self.entry.as_mut().map(|e| &mut e.value)
    }

    /// Forgets the value: the next [`DerivedCache::get_or_build`] builds.
    pub fn clear(&mut self) {
        self.entry = None;
    }

    /// How many times the value was built: tests and the bench check it is not rebuilt every
    /// frame.
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.builds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_cache_builds_once_per_project_state_and_key() {
        let mut cache: DerivedCache<&str, String> = DerivedCache::default();
        let mut project = ProjectKey::fresh();
        assert_eq!(
            cache.get_or_build(project, "a", || "built a".to_owned()),
            "built a"
        );
        assert_eq!(
            cache.get_or_build(project, "a", || unreachable!()),
            "built a"
        );
        assert_eq!(cache.builds(), 1);
        // Another key, then another project state: each builds once.
        assert_eq!(
            cache.get_or_build(project, "b", || "built b".to_owned()),
            "built b"
        );
        project.advance();
        assert_eq!(cache.get(project, &"b"), None);
        assert_eq!(cache.last().map(String::as_str), Some("built b"));
        cache.get_or_build(project, "b", || "again".to_owned());
        assert_eq!(cache.builds(), 3);
        // Another project with the same revision history is still another project.
        let other = ProjectKey::fresh();
        assert!(!cache.is_current(other, &"b"));
        cache.clear();
        assert_eq!(cache.last(), None);
    }
}
