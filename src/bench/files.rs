//! Load and save timings of a project file, each against the bare ron call it wraps.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::io;
use crate::model::{Project, ProjectParts};

/// Median timings over several rounds.
#[derive(Clone, Copy, Debug)]
pub struct FileFigures {
    pub file_bytes: usize,
    /// `io::load_project`: read, size and encoding checks, version scan, parse, sort, validate.
    pub load: Duration,
    /// `ron` deserialising the same text into a [`Project`], nothing else.
    pub bare_parse: Duration,
    /// `io::save_project`: serialise, temp file, fsync, backup, rename, directory fsync.
    pub save: Duration,
    /// `ron` serialising the project with the same pretty settings, nothing else.
    pub bare_serialise: Duration,
    /// Cloning the project: what the UI thread pays to hand a snapshot to a saving thread.
    pub snapshot: Duration,
}

impl FileFigures {
    #[must_use]
    pub fn load_ratio(&self) -> f64 {
        ratio(self.load, self.bare_parse)
    }

    #[must_use]
    pub fn save_ratio(&self) -> f64 {
        ratio(self.save, self.bare_serialise)
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

/// A scratch directory on the same disk as the temp dir, removed on drop.
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    /// # Errors
    /// The directory could not be created.
    pub fn new() -> std::io::Result<Self> {
        let path = std::env::temp_dir().join(format!("stance-bench-{}", std::process::id()));
        crate::io::atomic::create_folder(&path)?;
        Ok(Self { path })
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ignored = std::fs::remove_dir_all(&self.path);
    }
}

/// Writes `project` to `path` as the file the load and save rounds start from, and checks it
/// loads back equal.
///
/// # Errors
/// Saving or loading failed, or the loaded project differs from `project`.
pub fn write_fixture(project: &Project, path: &Path) -> Result<(), String> {
    io::save_project(path, project).map_err(|e| e.to_string())?;
    let loaded = io::load_project(path).map_err(|e| e.to_string())?;
    if !loaded.problems.is_empty() || loaded.project != *project {
        return Err(format!(
            "{}: the loaded project differs from the saved one ({} problems)",
            path.display(),
            loaded.problems.len()
        ));
    }
    Ok(())
}

/// Loads and saves the project file at `path` for `rounds` rounds (at least one), as the app
/// does, and returns the median timings with the project loaded last.
///
/// # Errors
/// A load, parse, serialise or save failed.
pub fn measure_files(path: &Path, rounds: usize) -> Result<(FileFigures, Project), String> {
    let mut load = Vec::new();
    let mut bare_parse = Vec::new();
    let mut save = Vec::new();
    let mut bare_serialise = Vec::new();
    let mut snapshot = Vec::new();
    let mut file_bytes = 0;
    let mut project = None;
    for _ in 0..rounds.max(1) {
        drop(project.take());
        // The reference parse first, while no project is held: a second copy of the project
        // beside the loaded one is nothing an analyst's session holds, and it set the peak
        // memory that `c.peak_rss` reports as the session's.
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        file_bytes = text.len();
        let started = Instant::now();
        // The file's data alone: no canonical order, no index, no checks.
        let parsed: ProjectParts = ron::from_str(&text).map_err(|e| e.to_string())?;
        bare_parse.push(started.elapsed());
        drop(parsed);
        drop(text);

        let started = Instant::now();
        let loaded = io::load_project(path).map_err(|e| e.to_string())?;
        load.push(started.elapsed());
        if !loaded.problems.is_empty() {
            return Err(format!("{}: {}", path.display(), loaded.problems[0]));
        }
        let loaded = loaded.project;

        let started = Instant::now();
        let mut text = String::new();
        crate::io::formats::ron::serialise_project(&loaded, &mut |block| {
            text.push_str(block);
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        bare_serialise.push(started.elapsed());
        drop(text);

        let started = Instant::now();
        io::save_project(path, &loaded).map_err(|e| e.to_string())?;
        save.push(started.elapsed());

        let started = Instant::now();
        let copy = loaded.clone();
        snapshot.push(started.elapsed());
        drop(copy);
        project = Some(loaded);
    }
    let figures = FileFigures {
        file_bytes,
        load: median(&mut load),
        bare_parse: median(&mut bare_parse),
        save: median(&mut save),
        bare_serialise: median(&mut bare_serialise),
        snapshot: median(&mut snapshot),
    };
    Ok((figures, project.unwrap_or_default()))
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::data::{ManyArticlesSpec, many_articles_project};

    #[test]
    fn bare_serialise_writes_what_save_writes() {
        let project = many_articles_project(ManyArticlesSpec {
            articles: 2,
            text_bytes: 4_000,
            annotations: 20,
            actors: 3,
        })
        .unwrap();
        let mut bare = String::new();
        crate::io::formats::ron::serialise_project(&project, &mut |block| {
            bare.push_str(block);
            Ok(())
        })
        .unwrap();
        bare.push('\n');
        assert_eq!(bare, io::project_to_ron(&project).unwrap());
    }

    #[test]
    fn measures_a_small_project_round_trip() {
        let project = many_articles_project(ManyArticlesSpec {
            articles: 3,
            text_bytes: 9_000,
            annotations: 60,
            actors: 5,
        })
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.ron");
        write_fixture(&project, &path).unwrap();
        let (figures, loaded) = measure_files(&path, 2).unwrap();
        assert_eq!(loaded, project);
        assert!(figures.file_bytes > 9_000);
        assert!(figures.load > Duration::ZERO && figures.bare_parse > Duration::ZERO);
        assert!(dir.path().join("c.ron.bak").exists());
    }
}
