//! Random 128-bit identifiers: unique across independently edited copies of a project.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random (v4) id; never reused.
            #[must_use]
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// The first 8 hex digits, for display where space is short.
            #[must_use]
            pub fn short(&self) -> String {
                let mut s = self.0.simple().to_string();
                s.truncate(8);
                s
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies an [`crate::model::Annotation`].
    AnnotationId
);
id_type!(
    /// Identifies an [`crate::model::Actor`].
    ActorId
);
id_type!(
    /// Identifies a [`crate::model::Document`].
    DocumentId
);
id_type!(
    /// Identifies a [`crate::model::Relation`].
    RelationId
);
id_type!(
    /// Identifies an [`crate::model::Issue`].
    IssueId
);
id_type!(
    /// Identifies a [`crate::model::Round`].
    RoundId
);
