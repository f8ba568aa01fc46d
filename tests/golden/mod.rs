//! Shared by the golden-file tests (`export_golden`, `report`): the bundled sample, and a
//! byte-for-byte comparison with `tests/data/golden/` that `STANCE_BLESS=1` rewrites instead.
#![allow(
    clippy::unwrap_used,
    dead_code,
    reason = "a test fails loudly on any unexpected error; each test binary uses part of this"
)]

use std::path::{Path, PathBuf};

use stance::io::load_project;
use stance::model::Project;

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_path() -> PathBuf {
    manifest_dir().join("saves/ukraine-talks.ron")
}

/// The bundled sample project, which must load without problems.
pub fn sample() -> Project {
    let loaded = load_project(&sample_path()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.project
}

pub fn golden_dir() -> PathBuf {
    manifest_dir().join("tests/data/golden")
}

/// True when the golden files are to be rewritten (`STANCE_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var_os("STANCE_BLESS").is_some_and(|v| v != "0")
}

/// Compares `bytes` with the golden file `name` (under `tests/data/golden/`), or rewrites it
/// when blessing. A difference names the first line that differs.
pub fn check(name: &Path, bytes: &[u8]) {
    let path = golden_dir().join(name);
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with STANCE_BLESS=1 to create it)",
            path.display()
        )
    });
    if expected != bytes {
        let expected = String::from_utf8_lossy(&expected);
        let got = String::from_utf8_lossy(bytes);
        let line = expected
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(got.lines().count()));
        panic!(
            "{} differs at line {}:\n  golden: {:?}\n  now:    {:?}\n\
             (if the change is intended, rerun with STANCE_BLESS=1)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            got.lines().nth(line)
        );
    }
}
