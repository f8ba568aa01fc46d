//! Editing the schema: tags (add, rename, recolour, hotkey, fields, move, retire) and
//! relation types, with the hotkey rule ([`crate::model::Schema::check_hotkey`]).

use crate::model::{
    AnnotationId, Edit, EditError, FieldDef, FieldError, FieldKind, HotkeyClash, Project,
    RelationType, Rgb, Schema, TagDef,
};

/// Hotkeys are matched without case: `j` and `J` are one key on the keyboard.
fn same_key(a: char, b: char) -> bool {
    a.to_lowercase().eq(b.to_lowercase())
}

impl Schema {
    /// Whether `key` may be the hotkey of the tag `for_tag` (`None` for a new tag): refused
    /// when another tag has it (a retired one too: it could be brought back) or when it is
    /// one of the `reserved` command keys the UI passes (J, K, L, Delete…). Case is ignored.
    ///
    /// # Errors
    /// The clash, naming the other tag or the command key.
    pub fn check_hotkey(
        &self,
        key: char,
        for_tag: Option<&str>,
        reserved: &[char],
    ) -> Result<(), HotkeyClash> {
        if key.is_whitespace() || key.is_control() {
            return Err(HotkeyClash::Unusable { key });
        }
        if reserved.iter().any(|&r| same_key(r, key)) {
            return Err(HotkeyClash::Reserved { key });
        }
        let other = (self.tags.iter())
            .filter(|t| Some(t.key.as_str()) != for_tag)
            .find(|t| t.hotkey.is_some_and(|h| same_key(h, key)));
        match other {
            Some(tag) => Err(HotkeyClash::Tag {
                key,
                tag: tag.name.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// Fields with trimmed keys and names (a blank name becomes the key), checked.
fn clean_fields(tag: &str, fields: Vec<FieldDef>) -> Result<Vec<FieldDef>, EditError> {
    let bad = |error| EditError::BadField {
        tag: tag.to_owned(),
        error,
    };
    let mut out: Vec<FieldDef> = Vec::with_capacity(fields.len());
    for field in fields {
        let key = field.key.trim().to_owned();
        if key.is_empty() {
            return Err(bad(FieldError::EmptyKey));
        }
        if out.iter().any(|f| f.key == key) {
            return Err(bad(FieldError::DuplicateKey(key)));
        }
        let name = match field.name.trim() {
            "" => key.clone(),
            name => name.to_owned(),
        };
        let kind = match field.kind {
            FieldKind::Text => FieldKind::Text,
            FieldKind::Choice(choices) => {
                let mut clean: Vec<String> = Vec::with_capacity(choices.len());
                for choice in choices.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
                    if clean.iter().any(|c| c == choice) {
                        return Err(bad(FieldError::DuplicateChoice {
                            field: key,
                            choice: choice.to_owned(),
                        }));
                    }
                    clean.push(choice.to_owned());
                }
                if clean.is_empty() {
                    return Err(bad(FieldError::NoChoices(key)));
                }
                FieldKind::Choice(clean)
            }
        };
        out.push(FieldDef { key, name, kind });
    }
    Ok(out)
}

/// Checked steps of the schema edits (see [`Edit`]).
impl Project {
    pub(in crate::model) fn insert_tag(
        &mut self,
        index: usize,
        tag: TagDef,
    ) -> Result<Edit, EditError> {
        if index > self.schema.tags.len() {
            return Err(EditError::BadIndex(index));
        }
        if tag.key.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        if self.schema.get(&tag.key).is_some() {
            return Err(EditError::DuplicateId(tag.key));
        }
        let key = tag.key.clone();
        self.schema.tags.insert(index, tag);
        Ok(Edit::RemoveTag(key))
    }

    pub(in crate::model) fn remove_tag(&mut self, key: String) -> Result<Edit, EditError> {
        let index =
            (self.schema.tag_index(&key)).ok_or_else(|| EditError::NoSuchTag(key.clone()))?;
        let count = self.index().tag_count(&key);
        if count > 0 {
            return Err(EditError::TagInUse { key, count });
        }
        Ok(Edit::InsertTag {
            index,
            tag: self.schema.tags.remove(index),
        })
    }

    /// Only the key must match: other rules (a blank name, a hotkey clash) belong to the
    /// builders, so undoing a change always restores what was there.
    pub(in crate::model) fn replace_tag(&mut self, tag: TagDef) -> Result<Edit, EditError> {
        let index = (self.schema.tag_index(&tag.key))
            .ok_or_else(|| EditError::NoSuchTag(tag.key.clone()))?;
        Ok(Edit::ReplaceTag(std::mem::replace(
            &mut self.schema.tags[index],
            tag,
        )))
    }

    pub(in crate::model) fn move_tag(&mut self, from: usize, to: usize) -> Result<Edit, EditError> {
        let len = self.schema.tags.len();
        for index in [from, to] {
            if index >= len {
                return Err(EditError::BadIndex(index));
            }
        }
        let tag = self.schema.tags.remove(from);
        self.schema.tags.insert(to, tag);
        Ok(Edit::MoveTag { from: to, to: from })
    }

    pub(in crate::model) fn insert_relation_type(
        &mut self,
        index: usize,
        relation_type: RelationType,
    ) -> Result<Edit, EditError> {
        if index > self.schema.relation_types.len() {
            return Err(EditError::BadIndex(index));
        }
        if relation_type.key.trim().is_empty() {
            return Err(EditError::EmptyName);
        }
        if self.schema.relation_type(&relation_type.key).is_some() {
            return Err(EditError::DuplicateId(relation_type.key));
        }
        let key = relation_type.key.clone();
        self.schema.relation_types.insert(index, relation_type);
        Ok(Edit::RemoveRelationType(key))
    }

    pub(in crate::model) fn remove_relation_type(
        &mut self,
        key: String,
    ) -> Result<Edit, EditError> {
        let index = (self.schema.relation_type_index(&key))
            .ok_or_else(|| EditError::NoSuchRelationType(key.clone()))?;
        let count = self.relations.iter().filter(|r| r.kind == key).count();
        if count > 0 {
            return Err(EditError::RelationTypeInUse { key, count });
        }
        Ok(Edit::InsertRelationType {
            index,
            relation_type: self.schema.relation_types.remove(index),
        })
    }

    pub(in crate::model) fn replace_relation_type(
        &mut self,
        relation_type: RelationType,
    ) -> Result<Edit, EditError> {
        let index = (self.schema.relation_type_index(&relation_type.key))
            .ok_or_else(|| EditError::NoSuchRelationType(relation_type.key.clone()))?;
        Ok(Edit::ReplaceRelationType(std::mem::replace(
            &mut self.schema.relation_types[index],
            relation_type,
        )))
    }
}

/// Builders for schema edits, as the Schema window asks for them.
impl Project {
    /// Refuses a tag that new annotations cannot use: unknown or retired.
    ///
    /// # Errors
    /// [`EditError::NoSuchTag`] or [`EditError::RetiredTag`].
    pub fn check_tag_is_live(&self, key: &str) -> Result<(), EditError> {
        match self.schema.get(key) {
            None => Err(EditError::NoSuchTag(key.to_owned())),
            Some(tag) if tag.retired => Err(EditError::RetiredTag {
                key: tag.key.clone(),
                name: tag.name.clone(),
            }),
            Some(_) => Ok(()),
        }
    }

    /// Appends a new tag: key and name trimmed, hotkey checked against the other tags and
    /// the `reserved` command keys, fields cleaned.
    ///
    /// # Errors
    /// A blank key or name, a key in use, a clashing hotkey, or bad fields.
    pub fn add_tag(&self, mut tag: TagDef, reserved: &[char]) -> Result<Edit, EditError> {
        tag.key = tag.key.trim().to_owned();
        tag.name = tag.name.trim().to_owned();
        if tag.key.is_empty() || tag.name.is_empty() {
            return Err(EditError::EmptyName);
        }
        if self.schema.get(&tag.key).is_some() {
            return Err(EditError::DuplicateId(tag.key));
        }
        if let Some(key) = tag.hotkey {
            (self.schema.check_hotkey(key, None, reserved)).map_err(EditError::HotkeyClash)?;
        }
        tag.fields = clean_fields(&tag.key, std::mem::take(&mut tag.fields))?;
        Ok(Edit::InsertTag {
            index: self.schema.tags.len(),
            tag,
        })
    }

    /// Changes a tag through `change`; the key cannot change.
    fn edit_tag(&self, key: &str, change: impl FnOnce(&mut TagDef)) -> Result<Edit, EditError> {
        let mut tag = self
            .schema
            .get(key)
            .ok_or_else(|| EditError::NoSuchTag(key.to_owned()))?
            .clone();
        change(&mut tag);
        key.clone_into(&mut tag.key);
        Ok(Edit::ReplaceTag(tag))
    }

    /// Renames a tag (its display name; the key stays).
    ///
    /// # Errors
    /// An unknown tag or a blank name.
    pub fn rename_tag(&self, key: &str, name: &str) -> Result<Edit, EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyName);
        }
        self.edit_tag(key, |t| name.clone_into(&mut t.name))
    }

    /// Recolours a tag.
    ///
    /// # Errors
    /// An unknown tag.
    pub fn set_tag_color(&self, key: &str, color: Rgb) -> Result<Edit, EditError> {
        self.edit_tag(key, |t| t.color = color)
    }

    /// Sets a tag's description (kept as typed).
    ///
    /// # Errors
    /// An unknown tag.
    pub fn set_tag_description(&self, key: &str, text: &str) -> Result<Edit, EditError> {
        self.edit_tag(key, |t| text.clone_into(&mut t.description))
    }

    /// Sets or clears a tag's hotkey, refusing one that clashes (see
    /// [`Schema::check_hotkey`]).
    ///
    /// # Errors
    /// An unknown tag or [`EditError::HotkeyClash`].
    pub fn set_tag_hotkey(
        &self,
        key: &str,
        hotkey: Option<char>,
        reserved: &[char],
    ) -> Result<Edit, EditError> {
        if let Some(h) = hotkey {
            (self.schema.check_hotkey(h, Some(key), reserved)).map_err(EditError::HotkeyClash)?;
        }
        self.edit_tag(key, |t| t.hotkey = hotkey)
    }

    /// Retires a tag (old annotations keep it; new ones cannot choose it) or brings it back.
    ///
    /// # Errors
    /// An unknown tag.
    pub fn set_tag_retired(&self, key: &str, retired: bool) -> Result<Edit, EditError> {
        self.edit_tag(key, |t| t.retired = retired)
    }

    /// Replaces a tag's fields (keys trimmed and unique, choices non-empty and unique).
    /// Values already stored stay; one no longer among its choices is listed as a problem.
    ///
    /// # Errors
    /// An unknown tag or [`EditError::BadField`].
    pub fn set_tag_fields(&self, key: &str, fields: Vec<FieldDef>) -> Result<Edit, EditError> {
        let fields = clean_fields(key, fields)?;
        self.edit_tag(key, |t| t.fields = fields)
    }

    /// Moves a tag to position `to` in the display order.
    ///
    /// # Errors
    /// An unknown tag or a position past the end.
    pub fn move_tag_to(&self, key: &str, to: usize) -> Result<Edit, EditError> {
        let from =
            (self.schema.tag_index(key)).ok_or_else(|| EditError::NoSuchTag(key.to_owned()))?;
        if to >= self.schema.tags.len() {
            return Err(EditError::BadIndex(to));
        }
        Ok(Edit::MoveTag { from, to })
    }

    /// Removes a tag no annotation uses (otherwise, retire it).
    ///
    /// # Errors
    /// An unknown tag or [`EditError::TagInUse`].
    pub fn delete_tag(&self, key: &str) -> Result<Edit, EditError> {
        self.schema
            .get(key)
            .ok_or_else(|| EditError::NoSuchTag(key.to_owned()))?;
        let count = self.index().tag_count(key);
        if count > 0 {
            return Err(EditError::TagInUse {
                key: key.to_owned(),
                count,
            });
        }
        Ok(Edit::RemoveTag(key.to_owned()))
    }

    /// Appends a relation type; key and name trimmed.
    ///
    /// # Errors
    /// A blank key or name, or a key in use.
    pub fn add_relation_type(&self, mut kind: RelationType) -> Result<Edit, EditError> {
        kind.key = kind.key.trim().to_owned();
        kind.name = kind.name.trim().to_owned();
        if kind.key.is_empty() || kind.name.is_empty() {
            return Err(EditError::EmptyName);
        }
        if self.schema.relation_type(&kind.key).is_some() {
            return Err(EditError::DuplicateId(kind.key));
        }
        Ok(Edit::InsertRelationType {
            index: self.schema.relation_types.len(),
            relation_type: kind,
        })
    }

    /// Renames and recolours a relation type (its key stays).
    ///
    /// # Errors
    /// An unknown relation type or a blank name.
    pub fn edit_relation_type(&self, key: &str, name: &str, color: Rgb) -> Result<Edit, EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyName);
        }
        self.schema
            .relation_type(key)
            .ok_or_else(|| EditError::NoSuchRelationType(key.to_owned()))?;
        Ok(Edit::ReplaceRelationType(RelationType::new(
            key, name, color,
        )))
    }

    /// Removes a relation type no relation uses.
    ///
    /// # Errors
    /// An unknown relation type or [`EditError::RelationTypeInUse`].
    pub fn delete_relation_type(&self, key: &str) -> Result<Edit, EditError> {
        self.schema
            .relation_type(key)
            .ok_or_else(|| EditError::NoSuchRelationType(key.to_owned()))?;
        let count = self.relations.iter().filter(|r| r.kind == key).count();
        if count > 0 {
            return Err(EditError::RelationTypeInUse {
                key: key.to_owned(),
                count,
            });
        }
        Ok(Edit::RemoveRelationType(key.to_owned()))
    }

    /// Keys of the tags new annotations may use, in display order.
    #[must_use]
    pub fn live_tag_keys(&self) -> Vec<&str> {
        self.schema.live_tags().map(|t| t.key.as_str()).collect()
    }

    /// Annotations using tag `key`, for the Schema window's "used by" count.
    pub fn annotations_tagged<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = AnnotationId> + 'a {
        (self.annotations().iter())
            .filter(move |a| a.tag == key)
            .map(|a| a.id)
    }
}
