//! `stance desktop install` / `uninstall` into a scratch XDG data folder, checked with the
//! desktop's own tools: `desktop-file-validate` for the entry, `update-mime-database` for the
//! MIME package, and GIO (what GNOME's file manager asks) for the type of a project file and
//! the application that opens it.
//!
//! Needs desktop-file-utils, shared-mime-info and libglib2.0-bin (`gio`), which `.ci/run`
//! installs.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stance(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stance"));
    for arg in args {
        command.arg(arg);
    }
    command
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A system tool a test needs; a missing one fails the test with the package to install.
fn tool(program: &str, package: &str) -> Command {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "this test needs `{program}`: install the {package} package (.ci/run does)"
    );
    Command::new(program)
}

fn install(data: &Path) -> String {
    succeeded(
        &stance(&[&"desktop", &"install", &"--data-dir", &data])
            .output()
            .unwrap(),
    )
}

fn uninstall(data: &Path) -> String {
    succeeded(
        &stance(&[&"desktop", &"uninstall", &"--data-dir", &data])
            .output()
            .unwrap(),
    )
}

/// Every file below `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.push(format!("{}/", path.strip_prefix(root).unwrap().display()));
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn validate_entry(path: &Path) {
    let output = tool("desktop-file-validate", "desktop-file-utils")
        .arg(path)
        .output()
        .unwrap();
    // It prints hints and warnings even when it exits 0: the entry must draw none.
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success() && report.is_empty(), "{report}");
}

/// GIO with only `data` (and the system's types, for text/plain) as its XDG data folders.
fn gio(data: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> String {
    let mut command = tool("gio", "libglib2.0-bin");
    for arg in args {
        command.arg(arg);
    }
    let config = data.parent().unwrap().join("config");
    let output = command
        .env("XDG_DATA_HOME", data)
        .env("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_CONFIG_DIRS", &config)
        .env("GIO_USE_VFS", "local")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    succeeded(&output)
}

fn content_type(data: &Path, file: &Path) -> String {
    let info = gio(data, &[&"info", &"-a", &"standard::content-type", &file]);
    info.lines()
        .find_map(|l| l.trim().strip_prefix("standard::content-type: "))
        .unwrap_or_else(|| panic!("{info}"))
        .to_owned()
}

fn sample_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

#[test]
fn install_into_an_empty_folder_gives_a_valid_entry_icon_and_type_and_uninstall_empties_it() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let said = install(&data);
    assert!(said.contains("ran update-mime-database"), "{said}");

    let files = tree(&data);
    for expected in [
        "applications/stance.desktop",
        "mime/packages/stance.xml",
        "icons/hicolor/scalable/apps/stance.svg",
        "icons/hicolor/16x16/apps/stance.png",
        "icons/hicolor/48x48/apps/stance.png",
        "icons/hicolor/256x256/apps/stance.png",
        "icons/hicolor/512x512/apps/stance.png",
        // update-mime-database compiled the package: it is valid.
        "mime/application/x-stance-project.xml",
    ] {
        assert!(
            files.contains(&expected.to_owned()),
            "{expected}: {files:#?}"
        );
    }
    let entry_path = data.join("applications/stance.desktop");
    validate_entry(&entry_path);
    let entry = std::fs::read_to_string(&entry_path).unwrap();
    assert!(
        entry.contains(&format!("\nExec={} %f\n", env!("CARGO_BIN_EXE_stance"))),
        "{entry}"
    );
    assert!(entry.contains("\nMimeType=application/x-stance-project;\n"));
    assert!(entry.contains("\nIcon=stance\n"));
    let compiled =
        std::fs::read_to_string(data.join("mime/application/x-stance-project.xml")).unwrap();
    assert!(compiled.contains("Stance project"), "{compiled}");

    // Installing again changes nothing.
    install(&data);
    assert_eq!(tree(&data), files);

    let said = uninstall(&data);
    assert!(said.contains("removed"), "{said}");
    assert_eq!(
        tree(&data),
        Vec::<String>::new(),
        "uninstall left files behind"
    );
    let said = uninstall(&data);
    assert!(said.contains("was not installed"), "{said}");
}

#[test]
fn a_project_is_recognised_by_its_content_and_opens_in_stance() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    install(&data);
    let files = scratch.path().join("files");
    std::fs::create_dir(&files).unwrap();

    let project = files.join("talks.ron");
    std::fs::copy(sample_project(), &project).unwrap();
    assert_eq!(
        content_type(&data, &project),
        "application/x-stance-project"
    );
    // By content, not by name: without a suffix too.
    let renamed = files.join("talks-copy");
    std::fs::copy(sample_project(), &renamed).unwrap();
    assert_eq!(
        content_type(&data, &renamed),
        "application/x-stance-project"
    );
    // A project of the first format, and a new empty one saved by Stance.
    let v1 =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/migration/ukraine-talks.v1.ron");
    assert_eq!(content_type(&data, &v1), "application/x-stance-project");
    let created = files.join("created.ron");
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ukraine-talks-2025-12-05.txt");
    succeeded(
        &stance(&[&"import", &article, &"-o", &created])
            .output()
            .unwrap(),
    );
    assert_eq!(
        content_type(&data, &created),
        "application/x-stance-project"
    );

    // Another program's RON file is not claimed.
    let scene = files.join("scene.ron");
    std::fs::write(
        &scene,
        "(\n    resources: {},\n    entities: {\n        0: (components: {}),\n    },\n)\n",
    )
    .unwrap();
    assert_eq!(content_type(&data, &scene), "text/plain");

    // The file manager's double-click: the type's default application is Stance's entry.
    let mime = gio(&data, &[&"mime", &"application/x-stance-project"]);
    let first = mime.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Default application for") && first.ends_with("stance.desktop"),
        "{mime}"
    );
}

#[test]
fn uninstall_leaves_what_others_installed() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    let other_entry = data.join("applications/other.desktop");
    let other_mime = data.join("mime/packages/other.xml");
    std::fs::create_dir_all(other_entry.parent().unwrap()).unwrap();
    std::fs::create_dir_all(other_mime.parent().unwrap()).unwrap();
    std::fs::write(
        &other_entry,
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\nMimeType=text/x-other;\n",
    )
    .unwrap();
    std::fs::write(
        &other_mime,
        "<?xml version=\"1.0\"?>\n<mime-info xmlns=\"http://www.freedesktop.org/standards/shared-mime-info\">\n  <mime-type type=\"text/x-other\">\n    <comment>Other</comment>\n    <glob pattern=\"*.other\"/>\n  </mime-type>\n</mime-info>\n",
    )
    .unwrap();
    install(&data);
    uninstall(&data);
    assert!(other_entry.exists() && other_mime.exists());
    assert!(!data.join("applications/stance.desktop").exists());
    assert!(!data.join("icons").exists(), "{:#?}", tree(&data));
    // The databases were rebuilt without Stance, with the other program still in them.
    let types = std::fs::read_to_string(data.join("mime/types")).unwrap();
    assert_eq!(types.trim(), "text/x-other");
    let cache = std::fs::read_to_string(data.join("applications/mimeinfo.cache")).unwrap();
    assert!(
        cache.contains("other.desktop") && !cache.contains("stance"),
        "{cache}"
    );
}

#[test]
fn the_data_folder_is_xdg_data_home_else_home_local_share() {
    let scratch = tempfile::tempdir().unwrap();
    let xdg = scratch.path().join("xdg");
    let output = stance(&[&"desktop", &"install", &"--no-refresh"])
        .env("XDG_DATA_HOME", &xdg)
        .output()
        .unwrap();
    succeeded(&output);
    assert!(xdg.join("applications/stance.desktop").exists());

    let home = scratch.path().join("home");
    for xdg_value in [None, Some(""), Some("relative/is/ignored")] {
        let mut command = stance(&[&"desktop", &"install", &"--no-refresh"]);
        command.env("HOME", &home);
        match xdg_value {
            None => command.env_remove("XDG_DATA_HOME"),
            Some(value) => command.env("XDG_DATA_HOME", value),
        };
        succeeded(&command.output().unwrap());
        assert!(
            home.join(".local/share/applications/stance.desktop")
                .exists()
        );
        let mut command = stance(&[&"desktop", &"uninstall", &"--no-refresh"]);
        command.env("HOME", &home);
        match xdg_value {
            None => command.env_remove("XDG_DATA_HOME"),
            Some(value) => command.env("XDG_DATA_HOME", value),
        };
        succeeded(&command.output().unwrap());
        // The data folder itself stays, empty.
        assert_eq!(tree(&home), [".local/", ".local/share/"]);
    }
}

#[test]
fn an_entry_for_a_program_path_with_spaces_and_signs_is_valid() {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    let program = "/opt/My Apps/stance $HOME 100%/stance";
    let output = stance(&[
        &"desktop",
        &"install",
        &"--data-dir",
        &data,
        &"--exec",
        &program,
        &"--no-refresh",
    ])
    .output()
    .unwrap();
    succeeded(&output);
    let entry_path = data.join("applications/stance.desktop");
    validate_entry(&entry_path);
    let entry = std::fs::read_to_string(&entry_path).unwrap();
    assert!(
        entry.contains("\nExec=\"/opt/My Apps/stance \\\\$HOME 100%%/stance\" %f\n"),
        "{entry}"
    );
}
