//! File names: extensions compared ignoring case, and titles turned into file names that
//! cannot leave the folder they are written to.

use std::path::{Component, Path};

/// The extension of `path` in lower case, `""` if it has none.
#[must_use]
pub fn lowercase_extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// True if `path` has one of `extensions` (ignoring case).
#[must_use]
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    extensions.contains(&lowercase_extension(path).as_str())
}

/// Turns a title into a safe file name stem: letters, digits, `-`, `_` and inner `.` only.
///
/// Path separators, `..`, control characters, spaces and punctuation become one `-`, so a
/// title like `../../x` stays inside the chosen folder and `Florida: 5 Dec` reads
/// `Florida-5-Dec` rather than `Florida_-5-Dec`. Apostrophes vanish (`Putin's` → `Putins`).
/// The result may be empty.
#[must_use]
pub fn sanitize_file_stem(title: &str) -> String {
    let mut mapped = String::with_capacity(title.len());
    for c in title.trim().chars() {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}') {
            continue;
        }
        let keep = if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
            c
        } else {
            '-'
        };
        mapped.push(keep);
    }
    // No hidden files, no `..`: dots may only sit between other characters.
    while mapped.contains("..") {
        mapped = mapped.replace("..", "-");
    }
    let out = collapse_separators(&mapped);
    let out = out.trim_matches(|c| matches!(c, '.' | '-' | '_'));
    out.chars().take(120).collect()
}

/// Collapses each run of two or more `-`/`_` (e.g. `_-` from `: `) into a single `-`; a lone
/// `_` or `-` is kept as the title had it.
fn collapse_separators(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c == '-' || c == '_' {
            run.push(c);
            continue;
        }
        flush_run(&mut out, &mut run);
        out.push(c);
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut String) {
    match run.chars().count() {
        0 => {}
        1 => out.push_str(run),
        _ => out.push('-'),
    }
    run.clear();
}

/// True if `path` is a plain relative path that cannot leave its folder.
#[must_use]
pub fn is_safe_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitized_stems_cannot_escape() {
        assert_eq!(sanitize_file_stem("../../x"), "x");
        assert_eq!(sanitize_file_stem("/etc/passwd"), "etc-passwd");
        assert_eq!(sanitize_file_stem("..."), "");
        assert_eq!(sanitize_file_stem(".hidden"), "hidden");
        assert_eq!(sanitize_file_stem("a\\b:c"), "a-b-c");
        assert_eq!(sanitize_file_stem("snake_case"), "snake_case");
        for title in ["../../x", "..", "/", "a/../../b", "C:\\x", "\u{0}"] {
            let stem = sanitize_file_stem(title);
            assert!(
                stem.is_empty() || is_safe_relative(Path::new(&stem)),
                "{title:?} gave {stem:?}"
            );
            assert!(!stem.contains('/') && !stem.contains(".."));
        }
    }

    #[test]
    fn stems_have_no_mixed_separator_runs() {
        assert_eq!(
            sanitize_file_stem("Ukraine talks in Florida: 5 December 2025"),
            "Ukraine-talks-in-Florida-5-December-2025"
        );
        assert_eq!(
            sanitize_file_stem("Ukraine talks – Dec 5"),
            "Ukraine-talks-Dec-5"
        );
        assert_eq!(
            sanitize_file_stem("Putin's “plan” (draft)"),
            "Putins-plan-draft"
        );
        for title in ["a: b", "a - b", "a _ b", "(a)", "a?!", "– a –"] {
            let stem = sanitize_file_stem(title);
            assert!(
                !stem.contains("_-") && !stem.contains("-_") && !stem.contains("--"),
                "{title:?} gave {stem:?}"
            );
            assert!(
                !stem.starts_with(['-', '_']) && !stem.ends_with(['-', '_']),
                "{title:?} gave {stem:?}"
            );
        }
    }

    #[test]
    fn unsafe_relative_paths_are_rejected() {
        assert!(is_safe_relative(Path::new("a.txt")));
        assert!(is_safe_relative(Path::new("sub/a.txt")));
        assert!(!is_safe_relative(Path::new("../a.txt")));
        assert!(!is_safe_relative(Path::new("/a.txt")));
        assert!(!is_safe_relative(Path::new("")));
    }
}
