//! brat configuration files: entity types from `annotation.conf`, labels and colours from
//! `visual.conf`. Both are looked up in the data folder or, as brat does, its parent. Export
//! writes both from the project's tags.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use super::{brat_token, one_line};
use crate::io::error::ImportError;
use crate::io::formats::ensure_tag;
use crate::io::selection::Selection;
use crate::io::staging::Staging;
use crate::model::Rgb;

/// The file declaring a corpus's types.
pub(super) const ANNOTATION_CONF: &str = "annotation.conf";
/// The file naming and colouring a corpus's types.
pub(super) const VISUAL_CONF: &str = "visual.conf";

/// Entity types declared in `annotation.conf` (in `dir` or its parent, as brat looks them
/// up) become tags in their declared order, so types not used yet can still be annotated.
pub(super) fn add_declared_entities(
    dir: &Path,
    conf: &VisualConf,
    staging: &mut Staging,
) -> Result<(), ImportError> {
    let candidates = [
        Some(dir.join(ANNOTATION_CONF)),
        dir.parent().map(|p| p.join(ANNOTATION_CONF)),
    ];
    let Some((path, text)) = candidates
        .into_iter()
        .flatten()
        .find_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
    else {
        return Ok(());
    };
    for entity in declared_entities(&text) {
        ensure_tag(
            staging,
            &path,
            entity,
            conf.labels.get(entity).map(String::as_str),
            conf.color(entity),
            "Imported from brat.",
        )?;
    }
    Ok(())
}

/// The annotatable types of the `[entities]` section: hierarchy indentation is ignored, and
/// `!Type` (a grouping that cannot be used) and `<MACRO>=…` lines are skipped.
fn declared_entities(conf: &str) -> Vec<&str> {
    let mut section = "";
    let mut out = Vec::new();
    for line in conf.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let Some(entity) = line.split_whitespace().next() else {
            continue;
        };
        if section == "entities"
            && !entity.starts_with(['!', '<'])
            && brat_token(entity) == entity
            && !out.contains(&entity)
        {
            out.push(entity);
        }
    }
    out
}

/// What `visual.conf` says about types: display labels and background colours.
#[derive(Debug, Default)]
pub(super) struct VisualConf {
    pub labels: HashMap<String, String>,
    colors: HashMap<String, Rgb>,
    default_color: Option<Rgb>,
}

impl VisualConf {
    /// Reads `visual.conf` from `dir` or, as brat does, its parent; empty when there is none.
    pub fn find(dir: &Path) -> Self {
        let candidates = [
            Some(dir.join(VISUAL_CONF)),
            dir.parent().map(|p| p.join(VISUAL_CONF)),
        ];
        candidates
            .into_iter()
            .flatten()
            .find_map(|p| std::fs::read_to_string(p).ok())
            .map(|text| Self::parse(&text))
            .unwrap_or_default()
    }

    fn parse(text: &str) -> Self {
        let mut conf = Self::default();
        let mut section = "";
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = if name == "labels" {
                    "labels"
                } else if name == "drawing" {
                    "drawing"
                } else {
                    ""
                };
                continue;
            }
            match section {
                "labels" => {
                    let mut parts = line.split('|').map(str::trim);
                    if let (Some(key), Some(label)) = (parts.next(), parts.next())
                        && !label.is_empty()
                    {
                        conf.labels.insert(key.to_owned(), label.to_owned());
                    }
                }
                "drawing" => {
                    let Some((key, settings)) = line.split_once(char::is_whitespace) else {
                        continue;
                    };
                    let color = settings
                        .split(',')
                        .filter_map(|kv| kv.trim().split_once(':'))
                        .find(|(k, _)| *k == "bgColor")
                        .and_then(|(_, v)| parse_color(v.trim()));
                    if let Some(color) = color {
                        if key == "SPAN_DEFAULT" {
                            conf.default_color = Some(color);
                        } else {
                            conf.colors.insert(key.to_owned(), color);
                        }
                    }
                }
                _ => {}
            }
        }
        conf
    }

    pub fn color(&self, key: &str) -> Option<Rgb> {
        self.colors.get(key).copied().or(self.default_color)
    }
}

/// `#rrggbb`, `#rgb` or a common CSS colour name.
fn parse_color(text: &str) -> Option<Rgb> {
    if let Some(hex) = text.strip_prefix('#')
        && hex.len() == 3
        && hex.is_ascii()
    {
        let expanded: String = hex.chars().flat_map(|c| [c, c]).collect();
        return Rgb::parse(&expanded);
    }
    if text.starts_with('#') {
        return Rgb::parse(text);
    }
    let rgb = match text.to_ascii_lowercase().as_str() {
        "white" => [0xff, 0xff, 0xff],
        "black" => [0, 0, 0],
        "gray" | "grey" => [0x80, 0x80, 0x80],
        "lightgray" | "lightgrey" => [0xd3, 0xd3, 0xd3],
        "red" => [0xff, 0, 0],
        "green" => [0, 0x80, 0],
        "lightgreen" => [0x90, 0xee, 0x90],
        "blue" => [0, 0, 0xff],
        "lightblue" => [0xad, 0xd8, 0xe6],
        "yellow" => [0xff, 0xff, 0],
        "orange" => [0xff, 0xa5, 0],
        "pink" => [0xff, 0xc0, 0xcb],
        "purple" => [0x80, 0, 0x80],
        "violet" => [0xee, 0x82, 0xee],
        "cyan" => [0, 0xff, 0xff],
        "magenta" => [0xff, 0, 0xff],
        "brown" => [0xa5, 0x2a, 0x2a],
        "gold" => [0xff, 0xd7, 0],
        "tan" => [0xd2, 0xb4, 0x8c],
        _ => return None,
    };
    Some(Rgb(rgb))
}

/// `annotation.conf`: the project's tags as entities, and the relations and attributes used.
pub(super) fn annotation_conf(
    selection: &Selection,
    attribute_values: &BTreeMap<String, BTreeSet<String>>,
    relation_kinds: &BTreeSet<String>,
) -> String {
    let mut out = String::from("# Written by Stance: the tags of the project.\n\n[entities]\n\n");
    for tag in &selection.project.schema().tags {
        let _ = writeln!(out, "{}", brat_token(&tag.key));
    }
    out.push_str("\n[relations]\n\n");
    for kind in relation_kinds {
        let _ = writeln!(out, "{kind}\tArg1:<ENTITY>, Arg2:<ENTITY>");
    }
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n\n[attributes]\n\n");
    for (name, values) in attribute_values {
        if values.is_empty() {
            let _ = writeln!(out, "{name}\tArg:<ENTITY>");
        } else {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let _ = writeln!(out, "{name}\tArg:<ENTITY>, Value:{}", values.join("|"));
        }
    }
    out
}

/// `visual.conf`: names and colours of the project's tags.
pub(super) fn visual_conf(selection: &Selection) -> String {
    let tags = &selection.project.schema().tags;
    let mut out = String::from(
        "# Written by Stance: names and colours of the project's tags.\n\n[labels]\n\n",
    );
    for tag in tags {
        let _ = writeln!(out, "{} | {}", brat_token(&tag.key), one_line(&tag.name));
    }
    out.push_str(
        "\n[drawing]\n\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n",
    );
    out.push_str("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n\n");
    for tag in tags {
        let _ = writeln!(
            out,
            "{}\tbgColor:{}",
            brat_token(&tag.key),
            tag.color.to_hex()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_come_from_annotation_conf() {
        let conf = "# c\n[entities]\nPerson\n!Group\n\tOrganization\n<POG>=Person|Organization\n[relations]\nLocated Arg1:Person, Arg2:GPE\n";
        assert_eq!(declared_entities(conf), ["Person", "Organization"]);
    }

    #[test]
    fn visual_conf_gives_labels_and_colours() {
        let conf = VisualConf::parse(
            "[labels]\nGPE | Geo-political entity | GPE\n[drawing]\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen\nGPE\tbgColor:#FFD412\nMoney\tbgColor:#007000, fgColor:white\n",
        );
        assert_eq!(conf.labels["GPE"], "Geo-political entity");
        assert_eq!(conf.color("GPE"), Some(Rgb([0xff, 0xd4, 0x12])));
        assert_eq!(conf.color("Money"), Some(Rgb([0, 0x70, 0])));
        assert_eq!(conf.color("Other"), Some(Rgb([0x90, 0xee, 0x90])));
        assert_eq!(parse_color("#abc"), Some(Rgb([0xaa, 0xbb, 0xcc])));
        assert_eq!(parse_color("chartreuse-ish"), None);
    }
}
