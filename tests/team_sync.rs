//! `stance sync` and `stance share` with real git: a temporary bare repository as the team's
//! remote and two clones, each used by someone with no git set-up at all (no user.name, no
//! e-mail, no global config). Covers issue 22's "Done when", line by line.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::DateTime;
use stance::io::{load_project, project_to_ron};
use stance::model::{Actor, AnnotationId, Document, Edit, Project, Span};

/// A person's machine: a home without any git config.
struct Machine {
    home: PathBuf,
}

impl Machine {
    fn new(root: &Path, name: &str) -> Self {
        let home = root.join(name);
        std::fs::create_dir_all(&home).unwrap();
        Self { home }
    }

    fn command(&self, program: &str, dir: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(dir)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.home.join("no-gitconfig"))
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL")
            .env_remove("GIT_COMMITTER_NAME")
            .env_remove("GIT_COMMITTER_EMAIL")
            .env_remove("EMAIL");
        command
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.command("git", dir).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn stance(&self, dir: &Path, args: &[&str]) -> Output {
        self.command(env!("CARGO_BIN_EXE_stance"), dir)
            .args(args)
            .output()
            .unwrap()
    }

    /// `stance sync talks.ron --annotator NAME`; the exit status and what it said.
    fn sync(&self, clone: &Path, annotator: &str) -> (i32, String) {
        let out = self.stance(clone, &["sync", "talks.ron", "--annotator", annotator]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), said)
    }
}

const TEXT: &str = "Kyiv said on Friday it would not cede territory. Moscow said talks could \
                    resume. Washington urged both sides to agree a ceasefire before winter.";

fn project() -> (Project, Vec<AnnotationId>) {
    let mut p = Project::new("talks");
    let doc = Document::new("Talks", TEXT.to_owned());
    let doc_id = doc.id;
    p.apply(p.add_document(doc)).unwrap();
    p.apply(p.add_actor(Actor::new("Kyiv", None)).unwrap())
        .unwrap();
    let now = DateTime::from_timestamp(1_764_900_000, 0).unwrap();
    let ids = [(0, 4), (20, 47), (49, 55)]
        .into_iter()
        .map(|(start, end)| {
            let a = p
                .new_annotation(doc_id, "claim", vec![Span::new(start, end)], now)
                .unwrap();
            let id = a.id;
            p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
            id
        })
        .collect();
    (p, ids)
}

fn load(dir: &Path) -> Project {
    let loaded = load_project(&dir.join("talks.ron")).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.project
}

fn save(dir: &Path, project: &Project) {
    std::fs::write(dir.join("talks.ron"), project_to_ron(project).unwrap()).unwrap();
}

fn edit(dir: &Path, change: impl FnOnce(&Project) -> Edit) {
    let mut p = load(dir);
    let e = change(&p);
    p.apply(e).unwrap();
    save(dir, &p);
}

fn add(dir: &Path, tag: &str, (start, end): (usize, usize)) -> AnnotationId {
    let mut p = load(dir);
    let doc = p.documents()[0].id;
    let now = DateTime::from_timestamp(1_764_900_100, 0).unwrap();
    let a = p
        .new_annotation(doc, tag, vec![Span::new(start, end)], now)
        .unwrap();
    let id = a.id;
    p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    save(dir, &p);
    id
}

fn retag(dir: &Path, id: AnnotationId, tag: &str) {
    let now = DateTime::from_timestamp(1_764_900_200, 0).unwrap();
    edit(dir, |p| p.set_tag(id, tag, now).unwrap());
}

/// The team's bare repository with the project shared by Anna, cloned by Anna and Boris.
struct Team {
    _root: tempfile::TempDir,
    remote: PathBuf,
    anna: (Machine, PathBuf),
    boris: (Machine, PathBuf),
    ids: Vec<AnnotationId>,
}

fn team() -> Team {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("team.git");
    let lead = Machine::new(root.path(), "lead");
    std::fs::create_dir_all(&remote).unwrap();
    lead.git(&remote, &["init", "-q", "--bare", "-b", "main"]);
    // The lead shares a project that was in no repository.
    let start = root.path().join("start");
    std::fs::create_dir_all(&start).unwrap();
    let (p, ids) = project();
    save(&start, &p);
    let out = lead.stance(
        &start,
        &[
            "share",
            "talks.ron",
            &remote.to_string_lossy(),
            "--annotator",
            "Lead",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clone = |name: &str| {
        let machine = Machine::new(root.path(), &format!("{name}-home"));
        let dir = root.path().join(name);
        machine.git(
            root.path(),
            &["clone", "-q", &remote.to_string_lossy(), name],
        );
        (machine, dir)
    };
    Team {
        anna: clone("anna"),
        boris: clone("boris"),
        remote,
        ids,
        _root: root,
    }
}

#[test]
fn disjoint_edits_meet_in_both_clones_and_the_remote_shows_the_annotators() {
    let t = team();
    let (anna, anna_dir) = &t.anna;
    let (boris, boris_dir) = &t.boris;
    let from_anna = add(anna_dir, "position", (74, 87));
    let from_boris = add(boris_dir, "concession", (89, 99));
    assert_eq!(
        anna.sync(anna_dir, "Anna"),
        (0, "Synced: your changes shared\n".to_owned())
    );
    let (code, said) = boris.sync(boris_dir, "Boris");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("merged in"), "{said}");
    let (code, said) = anna.sync(anna_dir, "Anna");
    assert_eq!(code, 0, "{said}");
    for dir in [anna_dir, boris_dir] {
        let p = load(dir);
        assert!(p.annotation(from_anna).is_some());
        assert!(p.annotation(from_boris).is_some());
        assert!(p.conflicts().is_empty());
    }
    // Nothing left to do: a sync changes nothing.
    assert_eq!(
        boris.sync(boris_dir, "Boris"),
        (0, "Already up to date with the team\n".to_owned())
    );
    // The remote shows commits by the annotators, though neither set up git.
    let authors = anna.git(&t.remote, &["log", "--format=%an <%ae>", "main"]);
    assert!(authors.contains("Anna <anna@stance.invalid>"), "{authors}");
    assert!(
        authors.contains("Boris <boris@stance.invalid>"),
        "{authors}"
    );
    assert!(authors.contains("Lead <lead@stance.invalid>"), "{authors}");
    // The driver was set up in each clone, pointing at this binary.
    let driver = anna.git(anna_dir, &["config", "merge.stance.driver"]);
    assert!(driver.contains(env!("CARGO_BIN_EXE_stance")), "{driver}");
    let attributes = std::fs::read_to_string(anna_dir.join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("talks.ron merge=stance"),
        "{attributes}"
    );
}

#[test]
fn a_clash_is_recorded_pushed_and_reaches_the_other_clone_with_no_link_lost() {
    let t = team();
    let (anna, anna_dir) = &t.anna;
    let (boris, boris_dir) = &t.boris;
    // Both retag one annotation differently; Boris also links it to another.
    retag(anna_dir, t.ids[1], "position");
    retag(boris_dir, t.ids[1], "concession");
    edit(boris_dir, |p| {
        p.add_relation("responds-to", t.ids[1], t.ids[0], Some("in reply"))
            .unwrap()
    });
    // Anna links two others.
    edit(anna_dir, |p| {
        p.add_relation("responds-to", t.ids[2], t.ids[0], None)
            .unwrap()
    });
    let (code, said) = anna.sync(anna_dir, "Anna");
    assert_eq!(code, 0, "{said}");
    let (code, said) = boris.sync(boris_dir, "Boris");
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("conflict"), "{said}");
    let boris_project = load(boris_dir);
    assert_eq!(boris_project.conflicts().len(), 1);
    // Committed and pushed: nothing left to share, and Anna receives it.
    let status = boris.git(boris_dir, &["status", "--porcelain", "--", "talks.ron"]);
    assert_eq!(status, "");
    let (code, said) = anna.sync(anna_dir, "Anna");
    assert_eq!(code, 0, "{said}");
    let anna_project = load(anna_dir);
    assert_eq!(anna_project.conflicts().len(), 1);
    // No link is lost: both links are in both clones.
    for p in [&anna_project, &boris_project] {
        let mut ends: Vec<(AnnotationId, AnnotationId)> =
            p.relations().iter().map(|r| (r.from, r.to)).collect();
        ends.sort();
        let mut expected = vec![(t.ids[1], t.ids[0]), (t.ids[2], t.ids[0])];
        expected.sort();
        assert_eq!(ends, expected);
    }
}

#[test]
fn sync_outside_a_repository_refuses_and_leaves_the_file_untouched() {
    let root = tempfile::tempdir().unwrap();
    let machine = Machine::new(root.path(), "home");
    let dir = root.path().join("alone");
    std::fs::create_dir_all(&dir).unwrap();
    save(&dir, &project().0);
    let before = std::fs::read(dir.join("talks.ron")).unwrap();
    let (code, said) = machine.sync(&dir, "Anna");
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("not in a git repository"), "{said}");
    assert_eq!(std::fs::read(dir.join("talks.ron")).unwrap(), before);
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(entries.len(), 1, "nothing else was written");
}

#[test]
fn a_failed_sync_leaves_the_repository_and_the_file_as_they_were() {
    let t = team();
    let (anna, anna_dir) = &t.anna;
    add(anna_dir, "position", (74, 87));
    let file = std::fs::read(anna_dir.join("talks.ron")).unwrap();
    let head = anna.git(anna_dir, &["rev-parse", "HEAD"]);
    let status = anna.git(anna_dir, &["status", "--porcelain"]);
    // The team's repository has gone away.
    std::fs::rename(&t.remote, t.remote.with_extension("moved")).unwrap();
    let (code, said) = anna.sync(anna_dir, "Anna");
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("Nothing was changed"), "{said}");
    assert_eq!(std::fs::read(anna_dir.join("talks.ron")).unwrap(), file);
    assert_eq!(anna.git(anna_dir, &["rev-parse", "HEAD"]), head);
    assert_eq!(anna.git(anna_dir, &["status", "--porcelain"]), status);
    // Back again, the same sync goes through.
    std::fs::rename(t.remote.with_extension("moved"), &t.remote).unwrap();
    let (code, said) = anna.sync(anna_dir, "Anna");
    assert_eq!(code, 0, "{said}");
}

#[test]
fn a_clone_that_is_behind_merges_the_team_s_work_before_it_pushes() {
    // Boris's clone is behind: Anna pushed after he cloned. His sync merges and pushes.
    let t = team();
    let (anna, anna_dir) = &t.anna;
    let (boris, boris_dir) = &t.boris;
    add(anna_dir, "position", (74, 87));
    assert_eq!(anna.sync(anna_dir, "Anna").0, 0);
    add(boris_dir, "claim", (89, 99));
    let (code, said) = boris.sync(boris_dir, "Boris");
    assert_eq!(code, 0, "{said}");
    let remote_log = boris.git(&t.remote, &["log", "--format=%s", "main"]);
    assert!(
        remote_log.contains("Merge the team's changes"),
        "{remote_log}"
    );
}

/// A `git` in front of the real one, on PATH, that makes the race happen on cue: the first
/// `push` it sees (Anna's, after her sync has fetched and merged) first pushes Boris's
/// waiting commit from his clone, so Anna's push is overtaken exactly between her fetch and
/// her push. Every push is logged.
fn racing_git(root: &Path, boris_dir: &Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt as _;
    let real = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real = String::from_utf8_lossy(&real.stdout).trim().to_owned();
    assert!(!real.is_empty(), "git is on PATH");
    let bin = root.join("racing-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = root.join("pushes.log");
    let script = format!(
        "#!/bin/sh\n\
         for arg in \"$@\"; do\n\
         \x20 if [ \"$arg\" = push ]; then\n\
         \x20   echo push >> '{log}'\n\
         \x20   if [ ! -e '{log}.raced' ]; then\n\
         \x20     touch '{log}.raced'\n\
         \x20     '{real}' -C '{boris}' push -q origin HEAD:main || exit 97\n\
         \x20   fi\n\
         \x20   break\n\
         \x20 fi\n\
         done\n\
         exec '{real}' \"$@\"\n",
        log = log.display(),
        real = real,
        boris = boris_dir.display(),
    );
    let wrapper = bin.join("git");
    std::fs::write(&wrapper, script).unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    (bin, log)
}

#[test]
fn a_push_overtaken_by_someone_else_s_push_is_retried_and_both_edits_arrive() {
    let t = team();
    let (anna, anna_dir) = &t.anna;
    let (boris, boris_dir) = &t.boris;
    // Boris has a commit ready to push, by plain git.
    let from_boris = add(boris_dir, "claim", (89, 99));
    boris.git(boris_dir, &["add", "talks.ron"]);
    boris.git(
        boris_dir,
        &[
            "-c",
            "user.name=Boris",
            "-c",
            "user.email=boris@example.org",
            "commit",
            "-qm",
            "Boris's claim",
        ],
    );
    let from_anna = add(anna_dir, "position", (74, 87));
    let (bin, log) = racing_git(t.anna.1.parent().unwrap(), boris_dir);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = anna
        .command(env!("CARGO_BIN_EXE_stance"), anna_dir)
        .env("PATH", path)
        .args(["sync", "talks.ron", "--annotator", "Anna"])
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    // The race happened: Boris's push went first, and Anna's sync pushed twice.
    let pushes = std::fs::read_to_string(&log).unwrap();
    assert!(log.with_extension("log.raced").exists());
    assert_eq!(
        pushes.lines().count(),
        2,
        "Anna's sync retried once: {pushes}"
    );
    assert!(
        said.contains("merged in"),
        "the retry merged Boris's work: {said}"
    );
    // Both edits are on the remote, and in Anna's file.
    let remote_file = anna.git(&t.remote, &["show", "main:talks.ron"]);
    let remote = stance::io::load_project_from_str("talks.ron", &remote_file)
        .unwrap()
        .project;
    assert!(remote.annotation(from_anna).is_some());
    assert!(remote.annotation(from_boris).is_some());
    let mine = load(anna_dir);
    assert!(mine.annotation(from_anna).is_some());
    assert!(mine.annotation(from_boris).is_some());
    // And Boris, syncing, gets Anna's.
    let (code, said) = boris.sync(boris_dir, "Boris");
    assert_eq!(code, 0, "{said}");
    assert!(load(boris_dir).annotation(from_anna).is_some());
}
