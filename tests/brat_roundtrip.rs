//! brat → Stance → brat on every pair of the real brat corpora in `tests/data/brat`
//! (see its README for origin and licences): the `.txt` must come back byte-identical and the `.ann` identical
//! line for line, in the documented order (grouped by kind, then by id number).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};

use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, brat_line_order, export};
use stance::io::{ImportError, import_paths};
use stance::model::{Project, Span};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat")
}

fn corpus_ann_files() -> Vec<PathBuf> {
    let root = corpus_root();
    assert!(
        root.is_dir(),
        "the brat corpus is missing at {}",
        root.display()
    );
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ann") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn brat_files(project: &Project) -> Vec<(PathBuf, Vec<u8>)> {
    match export(project, &ExportOptions::new(ExportFormat::Brat)).unwrap() {
        ExportOutput::Folder(files) => files,
        ExportOutput::File(_) => panic!("brat exports a folder"),
    }
}

fn file<'a>(files: &'a [(PathBuf, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(p, _)| p == Path::new(name))
        .unwrap_or_else(|| panic!("no {name} in the export"))
        .1
}

/// The original lines in the order the export documents: stable sort by kind and id number.
fn in_documented_order(ann: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = ann.lines().collect();
    lines.sort_by_key(|l| brat_line_order(l));
    lines
}

#[test]
fn every_corpus_pair_round_trips() {
    let files = corpus_ann_files();
    assert!(
        files.len() >= 29,
        "expected the whole corpus, found {}",
        files.len()
    );
    let (mut total_lines, mut modelled) = (0, 0);
    for ann_path in &files {
        let mut project = Project::new("round trip");
        import_paths(std::slice::from_ref(ann_path), &mut project)
            .unwrap_or_else(|e| panic!("{}: {e}", ann_path.display()));
        assert!(project.problems().is_empty(), "{:?}", project.problems());
        let stem = ann_path.file_stem().unwrap().to_string_lossy().into_owned();
        let exported = brat_files(&project);

        let txt_before = std::fs::read(ann_path.with_extension("txt")).unwrap();
        assert_eq!(
            file(&exported, &format!("{stem}.txt")),
            txt_before,
            "{stem}.txt changed"
        );

        let ann_before = std::fs::read_to_string(ann_path).unwrap();
        let ann_after =
            String::from_utf8(file(&exported, &format!("{stem}.ann")).to_vec()).unwrap();
        let expected = in_documented_order(&ann_before);
        let got: Vec<&str> = ann_after.lines().collect();
        for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
            assert_eq!(e, g, "{stem}.ann line {} differs", i + 1);
        }
        assert_eq!(
            expected.len(),
            got.len(),
            "{stem}.ann has another number of lines"
        );
        total_lines += got.len();
        modelled += got.len() - project.preserved().len();
    }
    // Most lines must become real annotations, attributes, notes and relations, not verbatim text.
    assert!(
        modelled * 10 > total_lines * 8,
        "only {modelled} of {total_lines} lines were modelled"
    );
}

#[test]
fn a_corpus_folder_imports_whole_with_types_as_coloured_tags() {
    let dir = corpus_root().join("tutorials-news");
    let mut project = Project::new("news");
    let summary = import_paths(std::slice::from_ref(&dir), &mut project).unwrap();
    let pairs = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ann")
        })
        .count();
    assert_eq!(summary.documents.len(), pairs);
    let gpe = project
        .schema()
        .get("GPE")
        .expect("entity types become tags");
    assert_eq!(gpe.name, "Geo-political entity");
    assert_eq!(gpe.color.to_hex(), "#ffd412");
    // Declared entity types come first, in annotation.conf's order, after the project's own.
    let keys: Vec<&str> = project
        .schema()
        .tags
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(keys[3..7], ["Person", "Organization", "GPE", "Money"]);
    // Notes, attributes and relations are modelled, not only preserved.
    assert!(project.annotations().iter().any(|a| a.note.is_some()));
    assert!(
        project
            .annotations()
            .iter()
            .any(|a| !a.attributes.is_empty())
    );
    assert!(!project.relations().is_empty());
    // Events and normalisations are kept verbatim.
    assert!(project.preserved().iter().any(|p| p.line.starts_with('E')));
    assert!(project.preserved().iter().any(|p| p.line.starts_with('N')));
}

#[test]
fn stance_annotations_get_fresh_ids_above_the_highest() {
    let ann = corpus_root().join("tutorials-news/040-text_span_annotation.ann");
    let mut project = Project::new("p");
    import_paths(std::slice::from_ref(&ann), &mut project).unwrap();
    let doc = project.documents()[0].id;
    let highest = project
        .annotations()
        .iter()
        .filter_map(|a| {
            a.external_ids
                .get("brat")?
                .strip_prefix('T')?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap();
    let a = project
        .new_annotation(doc, "Person", vec![Span::new(0, 4)], chrono::Utc::now())
        .unwrap();
    project
        .apply(stance::model::Edit::AddAnnotation(Box::new(a)))
        .unwrap();
    let files = brat_files(&project);
    let out = String::from_utf8(file(&files, "040-text_span_annotation.ann").to_vec()).unwrap();
    let fresh = format!("T{}\tPerson 0 4\t", highest + 1);
    assert!(
        out.lines().any(|l| l.starts_with(&fresh)),
        "no {fresh:?} line in\n{out}"
    );
}

#[test]
fn text_with_carriage_returns_or_a_bom_is_refused_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("crlf", "One\r\nTwo\r\n"), ("bom", "\u{feff}One")] {
        let txt = dir.path().join(format!("{name}.txt"));
        let ann = dir.path().join(format!("{name}.ann"));
        std::fs::write(&txt, text).unwrap();
        std::fs::write(&ann, "").unwrap();
        let mut project = Project::new("p");
        let err = import_paths(&[ann], &mut project).unwrap_err();
        assert_eq!(err.path(), txt, "{err}");
        assert!(project.documents().is_empty());
    }
}

#[test]
fn malformed_ann_lines_name_the_file_and_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Talks in Miami.\n").unwrap();
    let ann = dir.path().join("a.ann");
    for (content, line, needle) in [
        (
            "T1\tPlace 9 14\tMiami\nT2\tPlace 9 x\tMiami\n",
            2,
            "offsets",
        ),
        ("T1\tPlace 9 14\tMiama\n", 1, "differs"),
        ("T1\tPlace 9 99\tMiami\n", 1, "past the end"),
    ] {
        std::fs::write(&ann, content).unwrap();
        let mut project = Project::new("p");
        let err = import_paths(std::slice::from_ref(&ann), &mut project).unwrap_err();
        let ImportError::Invalid {
            path,
            position,
            message,
        } = &err
        else {
            panic!("unexpected error {err}");
        };
        assert_eq!(path, &ann);
        assert_eq!(position.map(|p| p.line), Some(line), "{err}");
        assert!(message.contains(needle), "{err}");
        assert!(project.documents().is_empty() && project.annotations().is_empty());
    }
}

#[test]
fn unknown_lines_are_kept_and_written_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Lavrov met Witkoff in Moscow.\n").unwrap();
    let ann = dir.path().join("a.ann");
    let content = "T1\tPerson 0 6\tLavrov\nT2\tPerson 11 18\tWitkoff\nT3\tMeet 7 10\tmet\n\
                   E1\tMeet:T3 Arg1:T1 Arg2:T2\nA1\tHolder T1 Sergei_Lavrov\nX9\tsomething new\n\
                   *\tAlias T1 T2\nR1\tMet Arg1:T1 Arg2:T2\t\n#1\tAnnotatorNotes T2\tenvoy\n";
    std::fs::write(&ann, content).unwrap();
    let mut project = Project::new("p");
    import_paths(std::slice::from_ref(&ann), &mut project).unwrap();
    let lavrov = project
        .annotations()
        .iter()
        .find(|a| a.quote == "Lavrov")
        .unwrap();
    assert_eq!(project.holder_name(lavrov), "Sergei Lavrov");
    let witkoff = project
        .annotations()
        .iter()
        .find(|a| a.quote == "Witkoff")
        .unwrap();
    assert_eq!(witkoff.note.as_deref(), Some("envoy"));
    assert_eq!(project.relations().len(), 1);
    assert_eq!(project.preserved().len(), 3, "{:?}", project.preserved());
    let files = brat_files(&project);
    let out = String::from_utf8(file(&files, "a.ann").to_vec()).unwrap();
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        in_documented_order(content)
    );
}

#[test]
fn holders_differing_only_in_case_make_one_actor_and_write_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Putin met Rubio; putin spoke.\n").unwrap();
    let ann = dir.path().join("a.ann");
    let content = "T1\tPerson 0 5\tPutin\nT2\tPerson 10 15\tRubio\nT3\tPerson 17 22\tputin\n\
                   A1\tHolder T1 Vladimir_Putin\nA2\tHolder T2 Marco_Rubio\n\
                   A3\tHolder T3 vladimir_putin\n";
    std::fs::write(&ann, content).unwrap();
    let mut project = Project::new("p");
    let mut rubio = stance::model::Actor::new("Rubio", None);
    rubio.aliases = vec!["Marco Rubio".to_owned()];
    project.apply(project.add_actor(rubio).unwrap()).unwrap();
    import_paths(std::slice::from_ref(&ann), &mut project).unwrap();
    // "vladimir putin" and the alias "Marco Rubio" name actors already there: no second actor
    // answers to them, and the lines that would not write back as they were stay attributes.
    let names: Vec<&str> = project.actors().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Rubio", "Vladimir Putin"]);
    let held: Vec<&str> = project
        .annotations()
        .iter()
        .map(|a| project.holder_name(a))
        .collect();
    assert_eq!(held, ["Vladimir Putin", "", ""]);
    let files = brat_files(&project);
    let out = String::from_utf8(file(&files, "a.ann").to_vec()).unwrap();
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        in_documented_order(content)
    );
}
