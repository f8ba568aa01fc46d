//! The three-way merge of one list of items matched by id or key, and the helpers that merge
//! their fields.

use std::collections::BTreeMap;
use std::hash::Hash;

use crate::model::{Conflict, ConflictReason, FastMap, FastSet, Side, Sides, Versions};

/// An item of a project that merges by key, field by field.
pub(super) trait Item: Clone + PartialEq {
    type Key: Hash + Eq + Clone;
    fn key(&self) -> Self::Key;
    /// The fields merged one by one: a field changed on one side only takes that change;
    /// changed differently on both, it keeps ours and is named in `picker`.
    fn merge_fields(base: Option<&Self>, ours: &Self, theirs: &Self, picker: &mut Picker) -> Self;
    fn versions(sides: Sides<Self>) -> Versions;
}

/// Collects the names of fields both sides changed differently.
#[derive(Default)]
pub(super) struct Picker {
    pub conflicts: Vec<String>,
}

impl Picker {
    /// The value of one field: the side that changed it, or ours when both changed it
    /// differently (a conflict) or there is no base and they differ.
    pub fn pick<'a, F: PartialEq + ?Sized>(
        &mut self,
        name: &str,
        base: Option<&F>,
        ours: &'a F,
        theirs: &'a F,
    ) -> &'a F {
        if ours == theirs {
            return ours;
        }
        match base {
            Some(b) if b == ours => theirs,
            Some(b) if b == theirs => ours,
            _ => {
                self.conflicts.push(name.to_owned());
                ours
            }
        }
    }

    /// A string-keyed map merged key by key; a key changed differently is `name.key`.
    pub fn pick_map(
        &mut self,
        name: &str,
        base: Option<&BTreeMap<String, String>>,
        ours: &BTreeMap<String, String>,
        theirs: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        if ours == theirs {
            return ours.clone();
        }
        let mut out = BTreeMap::new();
        let keys = ours.keys().chain(theirs.keys());
        for key in keys {
            if out.contains_key(key) {
                continue;
            }
            let b = base.and_then(|m| m.get(key));
            let (o, t) = (ours.get(key), theirs.get(key));
            let value = *self.pick(&format!("{name}.{key}"), Some(&b), &o, &t);
            if let Some(value) = value {
                out.insert(key.clone(), value.clone());
            }
        }
        out
    }
}

/// A set (kept as a list) merged three ways: an element added on either side is in, one
/// removed on either side is out. Never a conflict. Order: ours, then what theirs added.
pub(super) fn merge_set<T: PartialEq + Clone>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: &[T],
) -> Vec<T> {
    if ours == theirs || base == Some(theirs) {
        return ours.to_vec();
    }
    if base == Some(ours) {
        return theirs.to_vec();
    }
    let was = |x: &T| base.is_some_and(|b| b.contains(x));
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| theirs.contains(x) || !was(x))
        .cloned()
        .collect();
    out.extend(
        theirs
            .iter()
            .filter(|x| !ours.contains(x) && !was(x))
            .cloned(),
    );
    out
}

/// Merges one list of items by key. Ours keep their order; items only theirs has follow in
/// theirs' order. Deleting an item changed on the other side keeps the changed version.
pub(super) fn merge_items<T: Item>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    if base == theirs {
        return ours.to_vec();
    }
    if base == ours {
        return theirs.to_vec();
    }
    let base_by_key: FastMap<T::Key, &T> = base.iter().map(|x| (x.key(), x)).collect();
    let theirs_by_key: FastMap<T::Key, &T> = theirs.iter().map(|x| (x.key(), x)).collect();
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    for o in ours {
        let key = o.key();
        let b = base_by_key.get(&key).copied();
        match (b, theirs_by_key.get(&key).copied()) {
            (b, Some(t)) => out.push(merge_one(b, o, t, conflicts)),
            (Some(b), None) => {
                // Theirs deleted it: gone, unless ours changed it meanwhile.
                if o != b {
                    conflicts.push(deleted_and_changed(Side::Theirs, b, o));
                    out.push(o.clone());
                }
            }
            (None, None) => out.push(o.clone()),
        }
    }
    let ours_keys: FastSet<T::Key> = ours.iter().map(Item::key).collect();
    for t in theirs {
        let key = t.key();
        if ours_keys.contains(&key) {
            continue;
        }
        match base_by_key.get(&key).copied() {
            None => out.push(t.clone()),
            Some(b) if b == t => {} // ours deleted it
            Some(b) => {
                conflicts.push(deleted_and_changed(Side::Ours, b, t));
                out.push(t.clone());
            }
        }
    }
    out
}

fn merge_one<T: Item>(base: Option<&T>, ours: &T, theirs: &T, conflicts: &mut Vec<Conflict>) -> T {
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    let mut picker = Picker::default();
    let merged = T::merge_fields(base, ours, theirs, &mut picker);
    if !picker.conflicts.is_empty() {
        conflicts.push(Conflict {
            reason: ConflictReason::Changed {
                fields: picker.conflicts,
            },
            versions: T::versions(Sides {
                base: base.cloned(),
                ours: Some(ours.clone()),
                theirs: Some(theirs.clone()),
            }),
        });
    }
    merged
}

fn deleted_and_changed<T: Item>(deleted_by: Side, base: &T, kept: &T) -> Conflict {
    let (ours, theirs) = match deleted_by {
        Side::Theirs => (Some(kept.clone()), None),
        Side::Ours => (None, Some(kept.clone())),
    };
    Conflict {
        reason: ConflictReason::DeletedAndChanged { deleted_by },
        versions: T::versions(Sides {
            base: Some(base.clone()),
            ours,
            theirs,
        }),
    }
}
