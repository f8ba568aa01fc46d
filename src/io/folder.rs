//! What a folder given to import holds: one brat corpus, a set of articles, or several brat
//! corpora (one per subfolder), so one "Import Folder" serves all three.

use std::path::{Path, PathBuf};

use super::error::ImportError;
use super::file_kind::{ARTICLE_EXTENSIONS, BRAT_EXTENSIONS};
use super::file_name::has_extension;

/// The contents of a folder, as import reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderContents {
    /// `.txt`/`.ann` pairs: one brat corpus.
    Brat,
    /// `.txt`/`.md` articles (no `.ann` files), sorted by file name.
    Articles(Vec<PathBuf>),
    /// No files to import itself, but subfolders that are brat corpora, sorted.
    BratFolders(Vec<PathBuf>),
}

/// Looks at a folder's entries (not deeper than its direct subfolders).
///
/// # Errors
/// The folder cannot be read, or holds neither articles nor brat files.
pub fn survey_folder(dir: &Path) -> Result<FolderContents, ImportError> {
    let entries = list(dir)?;
    if entries
        .iter()
        .any(|p| p.is_file() && has_extension(p, BRAT_EXTENSIONS))
    {
        return Ok(FolderContents::Brat);
    }
    // A README or licence beside brat folders does not make a folder of articles.
    let articles: Vec<PathBuf> = (entries.iter())
        .filter(|p| p.is_file() && has_extension(p, ARTICLE_EXTENSIONS) && !is_readme(p))
        .cloned()
        .collect();
    if !articles.is_empty() {
        return Ok(FolderContents::Articles(articles));
    }
    let brat_folders: Vec<PathBuf> = (entries.into_iter())
        .filter(|p| p.is_dir())
        .filter(|p| {
            list(p).is_ok_and(|inner| {
                (inner.iter()).any(|f| f.is_file() && has_extension(f, BRAT_EXTENSIONS))
            })
        })
        .collect();
    if brat_folders.is_empty() {
        return Err(ImportError::Unsupported {
            path: dir.to_path_buf(),
            what: "a folder without articles or brat .ann files".to_owned(),
        });
    }
    Ok(FolderContents::BratFolders(brat_folders))
}

/// True for a README or licence file: documentation of the folder, not an article.
#[must_use]
pub fn is_readme(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| {
        let stem = s.to_string_lossy().to_ascii_lowercase();
        ["readme", "license", "licence", "copying"]
            .iter()
            .any(|word| stem.starts_with(word))
    })
}

/// The folder's entries, sorted by path.
fn list(dir: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_articles_brat_and_folders_of_brat_apart() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("b.md"), "B").unwrap();
        std::fs::write(root.join("a.txt"), "A").unwrap();
        std::fs::write(root.join("notes.xlsx"), "x").unwrap();
        assert_eq!(
            survey_folder(root).unwrap(),
            FolderContents::Articles(vec![root.join("a.txt"), root.join("b.md")])
        );
        std::fs::write(root.join("a.ann"), "").unwrap();
        assert_eq!(survey_folder(root).unwrap(), FolderContents::Brat);

        let parent = tempfile::tempdir().unwrap();
        for name in ["two", "one"] {
            let sub = parent.path().join(name);
            std::fs::create_dir(&sub).unwrap();
            std::fs::write(sub.join("x.ann"), "").unwrap();
        }
        std::fs::create_dir(parent.path().join("empty")).unwrap();
        assert_eq!(
            survey_folder(parent.path()).unwrap(),
            FolderContents::BratFolders(vec![parent.path().join("one"), parent.path().join("two")])
        );
        let empty = parent.path().join("empty");
        let err = survey_folder(&empty).unwrap_err();
        assert!(err.to_string().contains("without articles"), "{err}");
        assert!(is_readme(Path::new("x/README.md")) && is_readme(Path::new("LICENSE-x.txt")));
        assert!(!is_readme(Path::new("talks-readme.txt")));
        // Documentation beside brat folders leaves them brat folders.
        std::fs::write(parent.path().join("README.md"), "About").unwrap();
        assert!(matches!(
            survey_folder(parent.path()).unwrap(),
            FolderContents::BratFolders(_)
        ));
    }
}
