//! The build script's findings for `stance --version`: a git checkout, a checkout whose git
//! cannot run, a crates.io package and a bare source archive, and the build date.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

#[path = "../build.rs"]
#[expect(dead_code, reason = "the build script's `main` is not called here")]
mod build_script;

use build_script::{BuildSource, build_date};

#[test]
fn a_folder_without_git_metadata_is_a_source_archive() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(BuildSource::of(dir.path(), "git"), BuildSource::Archive);
    assert_eq!(
        BuildSource::Archive.description(),
        "commit unknown: built from a source archive without git"
    );
}

#[test]
fn a_checkout_whose_git_cannot_run_says_why_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let source = BuildSource::of(dir.path(), "stance-test-no-such-git");
    let BuildSource::GitFailed(reason) = &source else {
        panic!("{source:?}");
    };
    assert!(
        reason.contains("could not run stance-test-no-such-git"),
        "{reason}"
    );
    assert!(source.description().starts_with("commit unknown: "));
}

#[test]
fn a_crates_io_package_names_the_commit_cargo_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let info = dir.path().join(".cargo_vcs_info.json");
    std::fs::write(
        &info,
        "{\n  \"git\": {\n    \"sha1\": \"0123abcd4567ef0123abcd4567ef0123abcd4567\"\n  },\n  \"path_in_vcs\": \"\"\n}",
    )
    .unwrap();
    let source = BuildSource::of(dir.path(), "git");
    assert_eq!(source.description(), "commit 0123abc, from crates.io");
    std::fs::write(
        &info,
        "{\"git\":{\"sha1\":\"0123abcd4567ef0123abcd4567ef0123abcd4567\",\"dirty\":true}}",
    )
    .unwrap();
    assert_eq!(
        BuildSource::of(dir.path(), "git").description(),
        "commit 0123abc-dirty, from crates.io"
    );
}

#[test]
fn this_checkout_is_found_with_its_head_and_index_watched() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        // Tested from a source archive: the archive case above covers it.
        assert_eq!(BuildSource::of(root, "git"), BuildSource::Archive);
        return;
    }
    let source = BuildSource::of(root, "git");
    let BuildSource::Git { commit, watched } = &source else {
        panic!("a git checkout with git installed: {source:?}");
    };
    let hash = commit.trim_end_matches("-dirty");
    assert_eq!(hash.len(), 7, "{commit}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{commit}");
    let names: Vec<String> = watched
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"HEAD".to_owned()), "{watched:?}");
    assert!(names.contains(&"index".to_owned()), "{watched:?}");
    assert!(
        watched.iter().all(|p| p.is_absolute() && p.exists()),
        "{watched:?}"
    );
}

#[test]
fn the_build_date_is_the_utc_day_of_source_date_epoch() {
    assert_eq!(build_date(Some("0")), "1970-01-01");
    assert_eq!(build_date(Some("951782400")), "2000-02-29");
    assert_eq!(build_date(Some("1733529600")), "2024-12-07");
    assert_eq!(build_date(Some("4102444800")), "2100-01-01");
    // Unset or unreadable: today, in the same shape.
    let today = build_date(Some("not a number"));
    assert_eq!(today.len(), 10);
    assert_eq!(today.as_bytes()[4], b'-');
    assert!(today.as_str() >= "2024-01-01", "{today}");
}
