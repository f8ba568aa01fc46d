//! [`Issue`]: a subject under negotiation (territory, ceasefire, the process itself), named
//! once per project and referred to by annotations.

use serde::{Deserialize, Serialize};

use super::{IssueId, name_key};

/// What is being negotiated. Names and aliases are unique across issues by [`name_key`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: IssueId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Issue {
    /// A new issue with a fresh id, no aliases and no description.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: IssueId::random(),
            name: name.into(),
            aliases: Vec::new(),
            description: None,
        }
    }

    /// The issue's name, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// True if `name` is the issue's name or one of its aliases, by [`name_key`].
    #[must_use]
    pub fn is_called(&self, name: &str) -> bool {
        let key = name_key(name);
        self.names().any(|n| name_key(n) == key)
    }
}
