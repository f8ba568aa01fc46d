//! Saving survives `kill -9`: `stance import --force` rewrites a project again and again and
//! is killed at random moments; the file must always load, as the old version or the new one.
//! Leftover temporaries of the killed saves are swept by the next save.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use stance::io::load_project;

const KILLS: usize = 100;

/// A small deterministic generator: the seed is printed, so a failure can be replayed with
/// `STANCE_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// About 300 KB of article text, so a save takes long enough to be hit part-way.
fn write_article(path: &Path) -> usize {
    const WORDS: [&str; 10] = [
        "talks",
        "ceasefire",
        "delegation",
        "territorial",
        "concession",
        "guarantees",
        "sanctions",
        "envoy",
        "statement",
        "progress",
    ];
    let mut rng = Rng(7);
    let mut text = String::new();
    while text.len() < 300_000 {
        text.push_str("The ");
        for _ in 0..80 {
            text.push_str(WORDS[usize::try_from(rng.below(10)).unwrap()]);
            text.push(' ');
        }
        text.push_str("said the envoy.\n\n");
    }
    fs::write(path, text.trim_end()).unwrap();
    text.trim_end().chars().count()
}

fn import(article: &Path, project: &Path, title: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stance"));
    command
        .args(["import", "--force", "--title", title, "-o"])
        .arg(project)
        .arg(article)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_killed_save_leaves_the_old_file_or_the_new_one() {
    let seed = std::env::var("STANCE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
            u64::try_from(now.as_nanos() % u128::from(u64::MAX)).unwrap()
        });
    eprintln!("kill test seed: {seed} (replay with STANCE_KILL_SEED={seed})");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    let project = dir.path().join("talks.ron");
    let article_chars = write_article(&article);

    // The slowest of a few full runs gives the time window to kill in.
    let mut full_run_us = 0;
    for _ in 0..3 {
        let started = Instant::now();
        assert!(import(&article, &project, "v0").status().unwrap().success());
        full_run_us = full_run_us.max(u64::try_from(started.elapsed().as_micros()).unwrap());
    }

    let mut current = "v0".to_owned();
    let (mut kept_old, mut got_new, mut left_temporaries) = (0, 0, 0);
    for k in 1..=KILLS {
        let title = format!("v{k}");
        let mut child = import(&article, &project, &title).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(full_run_us * 13 / 10)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let loaded = load_project(&project)
            .unwrap_or_else(|e| panic!("after kill {k} (seed {seed}) the file is broken: {e}"));
        let found = loaded.project.title().to_owned();
        assert!(
            found == current || found == title,
            "after kill {k} (seed {seed}): title {found:?}, expected {current:?} or {title:?}"
        );
        assert_eq!(loaded.project.documents().len(), 1);
        assert_eq!(loaded.project.documents()[0].len_chars(), article_chars);
        if found == title {
            got_new += 1;
        } else {
            kept_old += 1;
        }
        if !temporaries(dir.path()).is_empty() {
            left_temporaries += 1;
        }
        current = found;
    }
    eprintln!(
        "{KILLS} kills: {kept_old} kept the old file, {got_new} the new one; \
         {left_temporaries} left temporaries behind (full run {full_run_us} µs)"
    );

    // Temporaries of dead writers are swept once they are a couple of seconds old.
    std::thread::sleep(Duration::from_millis(2100));
    assert!(
        import(&article, &project, "last")
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    assert_eq!(load_project(&project).unwrap().project.title(), "last");
}
