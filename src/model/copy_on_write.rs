//! [`CopyOnWrite`]: a value a project shares with its clones until one of them changes it.

use std::sync::Arc;

/// A value shared between a project and its clones until one of them changes it: reading
/// goes through the shared copy; changing (`DerefMut`) first makes it this owner's own
/// (`Arc::make_mut`), so a clone costs a pointer and an edit after a clone pays one copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyOnWrite<T>(Arc<T>);

impl<T> CopyOnWrite<T> {
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }

    /// The value, copied only if a clone still shares it.
    pub fn into_inner(self) -> T
    where
        T: Clone,
    {
        Arc::unwrap_or_clone(self.0)
    }
}

impl<T> std::ops::Deref for CopyOnWrite<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> std::ops::DerefMut for CopyOnWrite<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}
