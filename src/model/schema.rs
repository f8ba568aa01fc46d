//! [`TagSchema`]: the kinds of span an analyst can mark, stored in each project.

use serde::{Deserialize, Serialize};

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
}

/// The project's tags, in display order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagSchema {
    pub tags: Vec<TagDef>,
}

impl Default for TagSchema {
    /// Claim (1), Position (2), Concession (3): blue, amber and green, chosen to stay
    /// distinguishable from each other and readable on light and dark backgrounds.
    fn default() -> Self {
        let tag = |key: &str, name: &str, color: [u8; 3], hotkey: char, description: &str| TagDef {
            key: key.to_owned(),
            name: name.to_owned(),
            color: Rgb(color),
            hotkey: Some(hotkey),
            description: description.to_owned(),
        };
        Self {
            tags: vec![
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
            ],
        }
    }
}

impl TagSchema {
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.key == key)
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
        let schema = TagSchema::default();
        assert_eq!(
            schema.by_hotkey('2').map(|t| t.key.as_str()),
            Some("position")
        );
        assert_eq!(schema.tags.len(), 3);
    }
}
