//! [`Schema`]: the kinds of span an analyst can mark (tags, with optional fields) and the kinds
//! of link between annotations (relation types), stored in each project.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An sRGB colour, written `"#rrggbb"` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#rrggbb` (the `#` is optional).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    #[must_use]
    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Rgb::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid colour {s:?}, expected \"#rrggbb\""))
        })
    }
}

/// One tag: a stable key used in files, and how it is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagDef {
    /// Stable identifier, e.g. `claim`. Annotations refer to tags by key.
    pub key: String,
    pub name: String,
    pub color: Rgb,
    /// A single key that tags the selection, e.g. `'1'`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<char>,
    #[serde(default)]
    pub description: String,
    /// A retired tag stays valid on old annotations but is not offered for new ones.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
    /// Extra values an annotation of this tag can carry, stored in its `attributes`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDef>,
}

// Takes a reference: serde's `skip_serializing_if` passes one.
fn is_false(value: &bool) -> bool {
    !*value
}

impl TagDef {
    /// A live tag without hotkey, description or fields.
    #[must_use]
    pub fn new(key: impl Into<String>, name: impl Into<String>, color: Rgb) -> Self {
        Self {
            key: key.into(),
            name: name.into(),
            color,
            hotkey: None,
            description: String::new(),
            retired: false,
            fields: Vec::new(),
        }
    }

    #[must_use]
    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// A per-tag field: its value lives in [`super::Annotation::attributes`] under `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub key: String,
    pub name: String,
    pub kind: FieldKind,
}

/// What values a [`FieldDef`] takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// One of these values.
    Choice(Vec<String>),
}

impl FieldKind {
    /// True if `value` is allowed: any text, or one of the choices.
    #[must_use]
    pub fn allows(&self, value: &str) -> bool {
        match self {
            Self::Text => true,
            Self::Choice(choices) => choices.iter().any(|c| c == value),
        }
    }
}

/// A kind of directed link between two annotations: `from` *key* `to` ("A concedes-to B").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationType {
    /// Stable identifier used in files, e.g. `concedes-to`.
    pub key: String,
    pub name: String,
    pub color: Rgb,
}

impl RelationType {
    #[must_use]
    pub fn new(key: impl Into<String>, name: impl Into<String>, color: Rgb) -> Self {
        Self {
            key: key.into(),
            name: name.into(),
            color,
        }
    }
}

/// The key of the relation type whose cycles are refused: nothing can retract itself.
pub const RETRACTS: &str = "retracts";

/// The project's tags and relation types, in display order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Always written; a hand-written file that leaves a list out gets the defaults.
    #[serde(default = "default_tags")]
    pub tags: Vec<TagDef>,
    #[serde(default = "default_relation_types")]
    pub relation_types: Vec<RelationType>,
}

/// The name format 1 code used; same type.
pub type TagSchema = Schema;

impl Default for Schema {
    /// Claim (1), Position (2), Concession (3): blue, amber and green, chosen to stay
    /// distinguishable from each other and readable on light and dark backgrounds; and the
    /// default relation types of negotiation analysis.
    fn default() -> Self {
        Self {
            tags: default_tags(),
            relation_types: default_relation_types(),
        }
    }
}

/// Today's three tags, as format 1 defaulted them.
#[must_use]
pub fn default_tags() -> Vec<TagDef> {
    let tag = |key: &str, name: &str, color: [u8; 3], hotkey: char, description: &str| TagDef {
        hotkey: Some(hotkey),
        description: description.to_owned(),
        ..TagDef::new(key, name, Rgb(color))
    };
    vec![
        tag(
            "claim",
            "Claim",
            [0x3d, 0x8b, 0xf2],
            '1',
            "An assertion of fact or assessment by a party.",
        ),
        tag(
            "position",
            "Position",
            [0xe0, 0x8e, 0x1b],
            '2',
            "What a party wants, demands or stands for.",
        ),
        tag(
            "concession",
            "Concession",
            [0x2e, 0xb0, 0x6a],
            '3',
            "Something a party gives up or accepts.",
        ),
    ]
}

/// `responds-to`, `concedes-to`, `conditional-on`, `contradicts`, `reaffirms`, `retracts`,
/// `supports`: the links negotiation analysis draws between statements.
#[must_use]
pub fn default_relation_types() -> Vec<RelationType> {
    [
        ("responds-to", "Responds to", [0x6b, 0x7a, 0x8f]),
        ("concedes-to", "Concedes to", [0x2e, 0xb0, 0x6a]),
        ("conditional-on", "Conditional on", [0xe0, 0x8e, 0x1b]),
        ("contradicts", "Contradicts", [0xd6, 0x45, 0x45]),
        ("reaffirms", "Reaffirms", [0x3d, 0x8b, 0xf2]),
        (RETRACTS, "Retracts", [0x9b, 0x59, 0xb6]),
        ("supports", "Supports", [0x1a, 0xa3, 0xa3]),
    ]
    .into_iter()
    .map(|(key, name, color)| RelationType::new(key, name, Rgb(color)))
    .collect()
}

impl Schema {
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.key == key)
    }

    #[must_use]
    pub fn tag_index(&self, key: &str) -> Option<usize> {
        self.tags.iter().position(|t| t.key == key)
    }

    #[must_use]
    pub fn by_hotkey(&self, key: char) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.hotkey == Some(key))
    }

    /// Display name of a tag key, falling back to the key itself.
    #[must_use]
    pub fn name<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).map_or(key, |t| t.name.as_str())
    }

    /// Tags that new annotations may use, in display order.
    pub fn live_tags(&self) -> impl Iterator<Item = &TagDef> + '_ {
        self.tags.iter().filter(|t| !t.retired)
    }

    #[must_use]
    pub fn relation_type(&self, key: &str) -> Option<&RelationType> {
        self.relation_types.iter().find(|t| t.key == key)
    }

    #[must_use]
    pub fn relation_type_index(&self, key: &str) -> Option<usize> {
        self.relation_types.iter().position(|t| t.key == key)
    }

    /// Display name of a relation type key, falling back to the key itself.
    #[must_use]
    pub fn relation_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.relation_type(key).map_or(key, |t| t.name.as_str())
    }
}

/// Why a key cannot be a tag's hotkey. Displays as a sentence naming the clash.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum HotkeyClash {
    #[error("{key:?} is already the hotkey of the tag {tag:?}")]
    Tag { key: char, tag: String },
    #[error("{key:?} is a command key of the workbench")]
    Reserved { key: char },
    #[error("{key:?} cannot be a hotkey: use a letter, digit or punctuation key")]
    Unusable { key: char },
}

/// Why a tag's fields were refused.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum FieldError {
    #[error("a field needs a key")]
    EmptyKey,
    #[error("field key {0:?} is used twice")]
    DuplicateKey(String),
    #[error("the choice field {0:?} has no choices")]
    NoChoices(String),
    #[error("the field {field:?} lists the choice {choice:?} twice")]
    DuplicateChoice { field: String, choice: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_as_hex() {
        assert_eq!(Rgb::parse("#3d8bf2"), Some(Rgb([0x3d, 0x8b, 0xf2])));
        assert_eq!(Rgb([1, 2, 255]).to_hex(), "#0102ff");
        assert_eq!(Rgb::parse("#3d8bf"), None);
        assert_eq!(Rgb::parse("#3d8bfé"), None);
    }

    #[test]
    fn default_schema_has_three_hotkeyed_tags() {
        let schema = Schema::default();
        assert_eq!(
            schema.by_hotkey('2').map(|t| t.key.as_str()),
            Some("position")
        );
        assert_eq!(schema.tags.len(), 3);
        assert_eq!(schema.relation_types.len(), 7);
        assert_eq!(schema.relation_name("concedes-to"), "Concedes to");
    }

    #[test]
    fn a_schema_without_relation_types_gets_the_default_set() {
        let schema: Schema = ron::from_str("(tags: [])").unwrap();
        assert!(schema.tags.is_empty());
        assert_eq!(schema.relation_types, default_relation_types());
        let schema: Schema = ron::from_str("(relation_types: [])").unwrap();
        assert_eq!(schema.tags, default_tags());
        assert!(schema.relation_types.is_empty());
    }

    #[test]
    fn choice_fields_allow_only_their_values() {
        let kind = FieldKind::Choice(vec!["firm".to_owned(), "soft".to_owned()]);
        assert!(kind.allows("firm"));
        assert!(!kind.allows("Firm"));
        assert!(FieldKind::Text.allows("anything"));
    }
}
