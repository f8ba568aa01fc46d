//! What a user gets besides the window: `stance --version`, shell completions, the man page.
//!
//! Needs `bash` and `man` (Debian: man-db, groff-base), which `.ci/run` installs.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

use std::path::Path;
use std::process::{Command, Output};

fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Runs a system tool a test needs; a missing one fails the test with the package to install.
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

#[test]
fn version_names_the_version_the_commit_and_the_build_date() {
    let line = stdout(&stance(&["--version"]));
    let line = line.trim_end();
    let rest = line
        .strip_prefix(concat!("stance ", env!("CARGO_PKG_VERSION"), " ("))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{line}"));
    let (commit, date) = rest
        .rsplit_once(", built ")
        .unwrap_or_else(|| panic!("{line}"));
    // YYYY-MM-DD
    let parts: Vec<&str> = date.split('-').collect();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [4, 2, 2],
        "{line}"
    );
    assert!(
        parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())),
        "{line}"
    );
    assert_eq!(stdout(&stance(&["-V"])).trim_end(), line);

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        assert_eq!(
            commit,
            "commit unknown: built from a source archive without git"
        );
        return;
    }
    let head = Command::new("git")
        .args(["rev-parse", "--short=7", "HEAD"])
        .current_dir(root)
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap();
    let hash = commit
        .strip_prefix("commit ")
        .unwrap_or_else(|| panic!("{line}"));
    assert_eq!(hash.trim_end_matches("-dirty"), head.trim(), "{line}");
}

#[test]
fn the_bash_completions_parse_and_complete_commands_and_options() {
    let script = stdout(&stance(&["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stance.bash");
    std::fs::write(&path, &script).unwrap();
    let check = tool("bash", "bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Complete as bash would on Tab, the last word being the one under the cursor.
    let complete = |words: &[&str]| {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let program = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; \
             COMP_POINT=${{#COMP_LINE}}; \
             _stance stance \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display(),
            quoted.join(" "),
            words.len() - 1,
            words.join(" "),
        );
        let output = Command::new("bash")
            .arg("-c")
            .arg(program)
            .output()
            .unwrap();
        stdout(&output)
    };
    assert_eq!(complete(&["stance", "desk"]).trim(), "desktop");
    let options = complete(&["stance", "desktop", "install", "--"]);
    for option in ["--data-dir", "--exec", "--no-refresh"] {
        assert!(options.lines().any(|l| l == option), "{option}: {options}");
    }
    let shells = complete(&["stance", "completions", ""]);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(shells.lines().any(|l| l == shell), "{shell}: {shells}");
    }
}

#[test]
fn completions_for_the_other_shells_name_every_command() {
    // (clap_complete lists hidden commands too; the one Stance has exists only in debug builds.)
    let cases = [
        ("zsh", "#compdef stance"),
        ("fish", "complete -c stance"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[stance]"),
    ];
    for (shell, marker) in cases {
        let script = stdout(&stance(&["completions", shell]));
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for command in [
            "import",
            "export",
            "agree",
            "desktop",
            "manpage",
            "completions",
        ] {
            assert!(script.contains(command), "{shell} misses {command}");
        }
    }
    assert!(!stance(&["completions", "tcsh"]).status.success());
}

/// `man -l` renders a page as a user reads it; returns the text and groff's complaints.
fn render_man_page(path: &Path) -> (String, String) {
    let output = tool("man", "man-db and groff-base")
        .arg("-l")
        .arg(path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        // Warnings about the roff itself, not only errors.
        .env("MANROFFOPT", "-ww")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_man_page_renders_with_every_command() {
    let roff = stdout(&stance(&["manpage"]));
    assert!(roff.contains("\n.TH stance 1 "), "{roff:.200}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stance.1");
    std::fs::write(&path, &roff).unwrap();
    let (text, warnings) = render_man_page(&path);
    assert_eq!(warnings, "", "groff warned");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "SUBCOMMANDS",
        "VERSION",
    ] {
        assert!(text.contains(section), "no {section} in\n{text}");
    }
    for command in [
        "stance-import(1)",
        "stance-desktop(1)",
        "stance-completions(1)",
    ] {
        assert!(text.contains(command), "no {command} in\n{text}");
    }
    assert!(text.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn manpage_dir_writes_a_rendering_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let listed = stdout(&stance(&["manpage", "--dir", dir.path().to_str().unwrap()]));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(listed.lines().count(), names.len());
    for expected in [
        "stance.1",
        "stance-import.1",
        "stance-export.1",
        "stance-desktop.1",
        "stance-desktop-install.1",
        "stance-desktop-uninstall.1",
        "stance-completions.1",
        "stance-manpage.1",
    ] {
        assert!(
            names.contains(&expected.to_owned()),
            "{expected}: {names:?}"
        );
    }
    assert!(
        !names
            .iter()
            .any(|n| n.contains("help") || n.contains("debug")),
        "{names:?}"
    );
    let (text, warnings) = render_man_page(&dir.path().join("stance-desktop-install.1"));
    assert_eq!(warnings, "", "groff warned");
    assert!(text.contains("--data-dir"), "{text}");
}
