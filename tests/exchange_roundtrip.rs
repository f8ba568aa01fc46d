//! `import(export(p))` keeps every annotation, range, tag, holder and note: json, jsonl, W3C
//! and brat, on `saves/ukraine-talks.ron`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};

use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, export};
use stance::io::{ImportError, import_paths, load_project};
use stance::model::{Document, Edit, PreservedRecord, Project, TagDef};

fn sample() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    load_project(&path).unwrap().project
}

/// The sample's documents, tags and actors without annotations: what jsonl and W3C import into.
fn without_annotations(project: &Project) -> Project {
    let mut base = project.clone();
    base.rebuild(|parts| {
        parts.annotations.clear();
    });
    base.rebuild(|parts| {
        parts.relations.clear();
    });
    base
}

fn export_to(dir: &Path, project: &Project, format: ExportFormat) -> PathBuf {
    let output = export(project, &ExportOptions::new(format)).unwrap();
    let path = match format.extension() {
        Some(ext) => dir.join(format!("export.{ext}")),
        None => dir.join("brat"),
    };
    output.write(&path, false).unwrap();
    path
}

fn assert_same_annotations(got: &Project, want: &Project) {
    assert_eq!(got.annotations().len(), want.annotations().len());
    for (g, w) in got.annotations().iter().zip(want.annotations()) {
        assert_eq!(g.ranges, w.ranges);
        assert_eq!(g.quote, w.quote);
        assert_eq!(g.tag, w.tag);
        assert_eq!(got.holder_name(g), want.holder_name(w));
        assert_eq!(g.note_text(), w.note_text());
    }
}

#[test]
fn json_rebuilds_the_whole_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let path = export_to(dir.path(), &project, ExportFormat::Json);
    let mut imported = Project::new(project.title().to_owned());
    imported.rebuild(|parts| {
        parts.schema.tags.clear();
    });
    import_paths(std::slice::from_ref(&path), &mut imported).unwrap();
    assert_eq!(imported.documents(), project.documents());
    assert_eq!(imported.actors(), project.actors());
    assert_eq!(imported.issues(), project.issues());
    assert_eq!(imported.schema(), project.schema());
    assert_eq!(
        imported.annotations(),
        project.annotations(),
        "every field of every annotation"
    );
    assert_eq!(imported.relations(), project.relations());
    assert!(imported.problems().is_empty());

    // Importing the same file again changes nothing.
    let again = imported.clone();
    import_paths(&[path], &mut imported).unwrap();
    assert_eq!(imported, again);
}

#[test]
fn jsonl_restores_annotations_onto_their_documents() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let path = export_to(dir.path(), &project, ExportFormat::Jsonl);
    let mut base = without_annotations(&project);
    import_paths(std::slice::from_ref(&path), &mut base).unwrap();
    assert_eq!(base.annotations(), project.annotations());

    // Without the document, the import fails on line 1, naming the document, and changes nothing.
    let mut empty = Project::new("empty");
    let err = import_paths(std::slice::from_ref(&path), &mut empty).unwrap_err();
    let ImportError::Invalid {
        position, message, ..
    } = &err
    else {
        panic!("{err}");
    };
    assert_eq!(position.map(|p| p.line), Some(1));
    assert!(message.contains(&project.documents()[0].title), "{message}");
    assert_eq!(empty, Project::new("empty"));
}

#[test]
fn w3c_restores_annotations_and_anchors_by_quote() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let path = export_to(dir.path(), &project, ExportFormat::W3c);
    let mut base = without_annotations(&project);
    import_paths(std::slice::from_ref(&path), &mut base).unwrap();
    assert_eq!(base.annotations(), project.annotations());

    // The article reprinted under another id with a preface: positions are stale, so each
    // target is found again by its quote, prefix and suffix.
    let original = &project.documents()[0];
    let preface = "Editor's note: reprinted with permission – unchanged.\n\n";
    let shift_chars = preface.chars().count();
    let copy = Document::new("Reprint", format!("{preface}{}", original.text));
    let mut other = Project::new("other");
    other.rebuild(|parts| parts.schema = project.schema().clone());
    other
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(copy),
        })
        .unwrap();
    import_paths(&[path], &mut other).unwrap();
    assert_eq!(other.annotations().len(), project.annotations().len());
    for (got, want) in other.annotations().iter().zip(project.annotations()) {
        assert_eq!(got.quote, want.quote);
        let shifted: Vec<_> = want
            .ranges
            .iter()
            .map(|r| stance::model::Span::new(r.start + shift_chars, r.end + shift_chars))
            .collect();
        assert_eq!(got.ranges, shifted, "{:?}", want.quote);
        assert_eq!(got.document, other.documents()[0].id);
        assert_eq!(other.holder_name(got), project.holder_name(want));
    }
}

#[test]
fn brat_export_reimports_with_holders_notes_and_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let folder = export_to(dir.path(), &project, ExportFormat::Brat);
    let mut imported = Project::new("brat");
    import_paths(&[folder], &mut imported).unwrap();
    assert_eq!(imported.documents()[0].text, project.documents()[0].text);
    assert_same_annotations(&imported, &project);
    assert!(imported.problems().is_empty(), "{:?}", imported.problems());
}

#[test]
fn ann_offsets_after_the_en_dash_point_at_the_same_chars() {
    let project = sample();
    let ExportOutput::Folder(files) =
        export(&project, &ExportOptions::new(ExportFormat::Brat)).unwrap()
    else {
        panic!("brat is a folder");
    };
    let text = files
        .iter()
        .find(|(p, _)| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let ann = files
        .iter()
        .find(|(p, _)| p.extension().is_some_and(|e| e == "ann"))
        .unwrap();
    let text = String::from_utf8(text.1.clone()).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let dash_chars = chars
        .iter()
        .position(|&c| c == '–')
        .expect("the article has an en dash");
    let mut after_dash = 0;
    for line in String::from_utf8(ann.1.clone())
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('T'))
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let (_, offsets) = fields[1].split_once(' ').unwrap();
        let mut pieces = Vec::new();
        for part in offsets.split(';') {
            let (s, e) = part.split_once(' ').unwrap();
            let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
            after_dash += usize::from(s > dash_chars);
            pieces.push(chars[s..e].iter().collect::<String>());
        }
        assert_eq!(pieces.join(" "), fields[2], "{line}");
    }
    assert!(after_dash > 10, "most spans lie after the en dash");
}

#[test]
fn malformed_json_names_the_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"stance-export\",\n  \"version\": 1,\n  oops\n}\n",
    )
    .unwrap();
    let mut project = Project::new("p");
    let err = import_paths(&[path], &mut project).unwrap_err();
    let ImportError::Invalid { position, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(position.map(|p| p.line), Some(4), "{err}");
    assert!(err.to_string().contains("bad.json:4:"), "{err}");
}

#[test]
fn tag_and_preserved_line_edits_undo() {
    let mut project = sample();
    let before = project.clone();
    let tag = TagDef {
        key: "threat".to_owned(),
        name: "Threat".to_owned(),
        color: stance::model::Rgb([1, 2, 3]),
        hotkey: None,
        description: String::new(),
        retired: false,
        fields: Vec::new(),
    };
    let record = PreservedRecord {
        document: project.documents()[0].id,
        format: "brat".to_owned(),
        line: "E1\tMeet:T1".to_owned(),
    };
    let undo = project
        .apply(Edit::Batch(vec![
            Edit::InsertTag {
                index: 3,
                tag: tag.clone(),
            },
            Edit::InsertPreserved { index: 0, record },
        ]))
        .unwrap();
    assert_eq!(project.schema().get("threat"), Some(&tag));
    assert_eq!(project.preserved().len(), 1);
    assert!(
        project.apply(Edit::InsertTag { index: 0, tag }).is_err(),
        "duplicate key"
    );
    assert!(
        project.apply(Edit::RemoveTag("claim".to_owned())).is_err(),
        "claim is in use"
    );
    project.apply(undo).unwrap();
    assert_eq!(project, before);
}

#[test]
fn a_failed_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let good = export_to(dir.path(), &project, ExportFormat::Json);
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"not\": \"a record\"}\n").unwrap();
    let mut target = Project::new("t");
    let before = target.clone();
    assert!(import_paths(&[good, bad], &mut target).is_err());
    assert_eq!(target, before);
}

#[test]
fn a_w3c_annotation_that_cannot_be_placed_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let path = export_to(dir.path(), &project, ExportFormat::W3c);
    let text = std::fs::read_to_string(&path).unwrap();
    // Make the third annotation quote text that no document holds.
    let id = format!("urn:uuid:{}", project.annotations()[2].id);
    let id_at = text.find(&id).unwrap();
    let exact_at = id_at + text[id_at..].find("\"exact\": \"").unwrap() + "\"exact\": \"".len();
    let mut broken = text.clone();
    broken.insert_str(exact_at, "NOWHERE ");
    std::fs::write(&path, &broken).unwrap();

    let mut target = without_annotations(&project);
    let err = import_paths(&[path], &mut target).unwrap_err();
    let ImportError::Invalid { position, .. } = &err else {
        panic!("{err}");
    };
    let id_line = 1 + text[..id_at].matches('\n').count();
    assert_eq!(position.map(|p| p.line), Some(id_line), "{err}");
    assert!(err.to_string().contains("not in any document"), "{err}");
}

#[test]
fn imported_holders_find_actors_by_name_or_alias_whatever_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let path = export_to(dir.path(), &project, ExportFormat::Json);
    // The same people under other ids, one known only by an alias in another case.
    let mut base = Project::new("other");
    let mut renamed = Vec::new();
    for actor in project.actors() {
        let mut other = stance::model::Actor::new(format!("{} (staff)", actor.name), None);
        other.aliases = vec![actor.name.to_uppercase()];
        renamed.push(other.name.clone());
        base.apply(base.add_actor(other).unwrap()).unwrap();
    }
    import_paths(std::slice::from_ref(&path), &mut base).unwrap();
    let names: Vec<&str> = base.actors().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, renamed, "no actor was added");
    for (got, want) in base.annotations().iter().zip(project.annotations()) {
        let expected = match project.holder_name(want) {
            "" => String::new(),
            name => format!("{name} (staff)"),
        };
        assert_eq!(base.holder_name(got), expected);
    }
    assert!(base.problems().is_empty());
}
