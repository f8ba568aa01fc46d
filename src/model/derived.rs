//! [`Derived`]: state computed from saved data, never serialized and ignored by equality.

/// Wraps a cache derived from the other fields of its owner. Two values always compare
/// equal, so a derived cache never makes two equal projects differ.
#[derive(Clone, Debug, Default)]
pub struct Derived<T>(pub T);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> std::ops::Deref for Derived<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
