//! Format 2 in exchange files: issues, target, stance, condition, attribution, cue, annotator
//! and typed relations survive `import(export(p))` in brat, JSON, JSON Lines and W3C, and
//! show in the CSV and the Markdown brief.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};

use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, export};
use stance::io::{ImportError, import_paths, load_project};
use stance::model::{Issue, Project};

fn sample() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    let project = load_project(&path).unwrap().project;
    assert!(!project.relations().is_empty() && !project.issues().is_empty());
    project
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

fn export_text(project: &Project, format: ExportFormat) -> String {
    let ExportOutput::File(bytes) = export(project, &ExportOptions::new(format)).unwrap() else {
        panic!("{format} is one file");
    };
    String::from_utf8(bytes).unwrap()
}

/// The negotiation fields of each annotation, by names (ids differ after a brat import).
fn fields(project: &Project) -> Vec<String> {
    project
        .annotations()
        .iter()
        .map(|a| {
            let issues: Vec<String> = a.issues.iter().map(|&i| project.issue_name(i)).collect();
            format!(
                "{:?} holder={:?} issues={issues:?} target={:?} {:?} {:?} {:?} cue={:?} {:?}",
                a.quote,
                project.holder_name(a),
                project.target_name(a),
                a.stance,
                a.condition,
                a.attribution,
                a.cue,
                a.annotator
            )
        })
        .collect()
}

/// Each relation by the quotes at its ends, its type and note.
fn relations(project: &Project) -> Vec<String> {
    let quote = |id| project.annotation(id).map_or("?", |a| a.quote.as_str());
    let mut out: Vec<String> = project
        .relations()
        .iter()
        .map(|r| {
            format!(
                "{:?} {} {:?} {:?}",
                quote(r.from),
                r.kind,
                quote(r.to),
                r.note
            )
        })
        .collect();
    out.sort();
    out
}

/// The sample's documents, tags and actors, without annotations, relations or issues.
fn bare(project: &Project) -> Project {
    let mut base = project.clone();
    base.rebuild(|parts| {
        parts.annotations.clear();
    });
    base.rebuild(|parts| {
        parts.relations.clear();
    });
    base.rebuild(|parts| {
        parts.issues.clear();
    });
    base
}

#[test]
fn brat_round_trip_keeps_issues_stance_attribution_target_and_relations() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let folder = export_to(dir.path(), &project, ExportFormat::Brat);
    let mut imported = Project::new("brat");
    import_paths(&[folder], &mut imported).unwrap();
    assert_eq!(fields(&imported), fields(&project));
    assert_eq!(relations(&imported), relations(&project));
    let names = |p: &Project| -> Vec<String> {
        let mut names: Vec<String> = p.issues().iter().map(|i| i.name.clone()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&imported), names(&project));
    // Nothing Stance wrote was left over as a free attribute or a preserved line.
    assert!(
        imported.preserved().is_empty(),
        "{:?}",
        imported.preserved()
    );
    assert!(
        imported
            .annotations()
            .iter()
            .all(|a| a.attributes.is_empty())
    );
    assert!(imported.problems().is_empty(), "{:?}", imported.problems());
}

#[test]
fn brat_lines_spell_the_fields_as_documented() {
    let project = sample();
    let ExportOutput::Folder(files) =
        export(&project, &ExportOptions::new(ExportFormat::Brat)).unwrap()
    else {
        panic!("brat is a folder");
    };
    let file = |ext: &str| {
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| p.to_string_lossy().ends_with(ext))
            .unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let ann = file(".ann");
    let concession = ann
        .lines()
        .find(|l| l.contains("\tconcession ") && l.contains("some American developments"))
        .unwrap();
    let t = concession.split('\t').next().unwrap();
    for expected in [
        format!("\tStance {t} conditional"),
        format!("\tAttribution {t} direct"),
        format!("\tIssue {t} peace_framework"),
        format!("\tTarget {t} United_States"),
        format!("\tStanceCondition {t}\tthey need to be discussed"),
    ] {
        assert!(
            ann.lines().any(|l| l.ends_with(&expected)),
            "no line ending {expected:?}"
        );
    }
    let relation = ann
        .lines()
        .find(|l| l.contains(&format!("concedes-to Arg1:{t} ")))
        .unwrap();
    let r = relation.split('\t').next().unwrap();
    assert!(
        ann.lines()
            .any(|l| l.contains(&format!("\tAnnotatorNotes {r}\tPartial"))),
        "the relation's note"
    );
    let conf = file("annotation.conf");
    assert!(conf.contains("concedes-to\tArg1:<ENTITY>, Arg2:<ENTITY>"));
    assert!(conf.contains("Stance\tArg:<ENTITY>, Value:against|conditional|for|unclear"));
    assert!(conf.contains("Issue\tArg:<ENTITY>, Value:"));
}

#[test]
fn jsonl_and_w3c_bring_back_issues_and_relations() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    for format in [ExportFormat::Jsonl, ExportFormat::W3c] {
        let path = export_to(dir.path(), &project, format);
        let mut base = bare(&project);
        import_paths(std::slice::from_ref(&path), &mut base).unwrap();
        assert_eq!(base.annotations(), project.annotations(), "{format}");
        assert_eq!(fields(&base), fields(&project), "{format}");
        assert_eq!(
            base.relations().len(),
            project.relations().len(),
            "{format}"
        );
        assert_eq!(relations(&base), relations(&project), "{format}");
        // Issues come back with their ids, so references stay exact.
        let ids = |p: &Project| -> Vec<_> {
            let mut ids: Vec<_> = p.issues().iter().map(|i| (i.id, i.name.clone())).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&base), ids(&project), "{format}");

        // Importing it again changes nothing.
        let again = base.clone();
        import_paths(&[path], &mut base).unwrap();
        assert_eq!(base.annotations(), again.annotations(), "{format}");
        assert_eq!(base.relations(), again.relations(), "{format}");
        assert_eq!(base.issues(), again.issues(), "{format}");
    }
}

#[test]
fn json_rebuilds_issues_and_matches_known_ones_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let path = export_to(dir.path(), &project, ExportFormat::Json);

    let mut empty = Project::new("empty");
    import_paths(std::slice::from_ref(&path), &mut empty).unwrap();
    assert_eq!(empty.issues(), project.issues());
    assert_eq!(empty.relations(), project.relations());

    // A project that already has "Territory" under another id: the import uses it.
    let mut base = Project::new("base");
    let territory = Issue::new("Territory");
    let territory_id = territory.id;
    base.rebuild(|parts| {
        parts.issues.push(territory);
    });
    import_paths(&[path], &mut base).unwrap();
    let named = |name: &str| base.issues().iter().filter(|i| i.is_called(name)).count();
    assert_eq!(named("territory"), 1, "no second territory issue");
    assert_eq!(base.issues().len(), project.issues().len());
    let land = base
        .annotations()
        .iter()
        .find(|a| a.quote.starts_with("The territorial issue"))
        .unwrap();
    assert_eq!(land.issues, vec![territory_id]);
}

#[test]
fn a_version_1_json_export_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let text = export_text(&project, ExportFormat::Json)
        .replace("\"version\": 2", "\"version\": 1")
        .replace("\"type\": \"", "\"kind\": \"");
    let path = dir.path().join("v1.json");
    std::fs::write(&path, text).unwrap();
    let mut empty = Project::new("empty");
    import_paths(&[path], &mut empty).unwrap();
    assert_eq!(empty.relations(), project.relations());
}

#[test]
fn a_stance_outside_the_list_is_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample();
    let jsonl = export_text(&project, ExportFormat::Jsonl);
    let (line_no, _) = jsonl
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"stance\":\"conditional\""))
        .unwrap();
    let path = dir.path().join("bad.jsonl");
    std::fs::write(
        &path,
        jsonl.replace("\"stance\":\"conditional\"", "\"stance\":\"maybe\""),
    )
    .unwrap();
    let mut base = bare(&project);
    let before = base.clone();
    let err = import_paths(&[path], &mut base).unwrap_err();
    let ImportError::Invalid { position, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(position.map(|p| p.line), Some(line_no + 1), "{err}");
    assert!(
        err.to_string().contains("\"maybe\" is not a stance"),
        "{err}"
    );
    assert_eq!(base, before);

    let w3c = export_text(&project, ExportFormat::W3c).replacen(
        "\"value\": \"conditional\"",
        "\"value\": \"maybe\"",
        1,
    );
    let path = dir.path().join("bad.jsonld");
    std::fs::write(&path, w3c).unwrap();
    let err = import_paths(&[path], &mut base).unwrap_err();
    assert!(
        err.to_string().contains("\"maybe\" is not a stance"),
        "{err}"
    );
}

#[test]
fn csv_has_the_negotiation_columns() {
    let project = sample();
    let text = export_text(&project, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows
        .iter()
        .find(|r| r[column("quote")].starts_with("some American developments"))
        .unwrap();
    assert_eq!(&row[column("issues")], "peace framework");
    assert_eq!(&row[column("target")], "United States");
    assert_eq!(&row[column("stance")], "conditional");
    assert_eq!(&row[column("condition")], "they need to be discussed");
    assert_eq!(&row[column("attribution")], "direct");
    assert_eq!(&row[column("cue")], "he said");
    assert_eq!(&row[column("annotator")], "Sample analyst");
    let several = rows
        .iter()
        .find(|r| r[column("quote")].starts_with("real progress"))
        .unwrap();
    assert_eq!(
        &several[column("issues")],
        "ceasefire and peace;negotiation process"
    );
    assert_eq!(&header[12], "ranges", "older columns keep their place");
}

#[test]
fn the_brief_groups_by_issue_and_puts_concessions_beside_what_they_concede_to() {
    let mut project = sample();
    let md = export_text(&project, ExportFormat::Markdown);
    let framework = md.find("\n### peace framework\n").unwrap();
    let after = &md[framework..];
    let concession = after.find("> some American developments").unwrap();
    let next_entry = after[concession + 1..].find("\n> ").unwrap() + concession + 1;
    let entry = &after[concession..next_entry];
    assert!(
        entry.contains(
            "**concedes to:** “pushes Kyiv and Moscow to agree to a U.S.-mediated proposal to \
             end nearly four years of war” (Donald Trump)"
        ),
        "{entry}"
    );
    assert!(entry.contains("stance: conditional (they need to be discussed)"));
    assert!(!md.contains("### No issue"));

    // An annotation without issues goes to a final "No issue" section.
    let index = project
        .annotations()
        .iter()
        .position(|a| a.quote.starts_with("another very productive"))
        .unwrap();
    project.rebuild(|parts| parts.annotations[index].issues.clear());
    let md = export_text(&project, ExportFormat::Markdown);
    let no_issue = md.find("\n### No issue\n").unwrap();
    assert!(md[no_issue..].contains("> another very productive session"));
    assert!(
        !md[no_issue + 1..].contains("\n### "),
        "it is the last section"
    );
}

#[test]
fn brat_values_that_are_not_stance_words_stay_attributes_and_write_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("doc.txt"), "Russia wants land.\n").unwrap();
    let ann = "T1\tclaim 0 6\tRussia\n\
               T2\tposition 7 17\twants land\n\
               R1\tsupports Arg1:T1 Arg2:T2\n\
               A1\tStance T1 Maybe\n\
               A2\tIssue T2 land\n\
               A3\tStance T2 for\n\
               #1\tAnnotatorNotes R1\ta note on a relation\n";
    std::fs::write(data.join("doc.ann"), ann).unwrap();
    let mut project = Project::new("brat");
    import_paths(&[data], &mut project).unwrap();
    let [claim, position] = project.annotations() else {
        panic!("two annotations");
    };
    assert_eq!(claim.stance, None);
    assert_eq!(
        claim.attributes.get("Stance").map(String::as_str),
        Some("Maybe")
    );
    assert_eq!(position.stance, Some(stance::model::Stance::For));
    assert_eq!(project.issue_name(position.issues[0]), "land");
    assert_eq!(
        project.relations()[0].note.as_deref(),
        Some("a note on a relation")
    );
    assert!(project.preserved().is_empty());

    let ExportOutput::Folder(files) =
        export(&project, &ExportOptions::new(ExportFormat::Brat)).unwrap()
    else {
        panic!("brat is a folder");
    };
    let (_, written) = files
        .iter()
        .find(|(p, _)| p.to_string_lossy() == "doc.ann")
        .unwrap();
    assert_eq!(String::from_utf8_lossy(written), ann);
}
