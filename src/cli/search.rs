//! `stance search PROJECT PATTERN [--regex] [--word] [--case]`: every hit of the corpus
//! search, one per line: `document<TAB>start<TAB>end<TAB>context`, offsets in code points.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis::{SearchQuery, hit_context, search_project};
use crate::io::load_project;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The project file (.ron) to search.
    pub project: PathBuf,
    /// The text to find (a regular expression with --regex).
    pub pattern: String,
    /// Read PATTERN as a regular expression (Rust `regex` syntax).
    #[arg(long)]
    pub regex: bool,
    /// Match whole words only.
    #[arg(long)]
    pub word: bool,
    /// Match case exactly (the default ignores case).
    #[arg(long)]
    pub case: bool,
}

/// Chars of context either side of a hit.
const CONTEXT_CHARS: usize = 40;

/// Prints every hit; exits 0 with hits, 1 with none and 2 on errors, as grep does.
pub fn run(args: &SearchArgs) -> ExitCode {
    let query = SearchQuery {
        pattern: args.pattern.clone(),
        is_regex: args.regex,
        is_whole_word: args.word,
        is_case_sensitive: args.case,
    };
    let loaded = match load_project(&args.project) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("stance search: {e}");
            return ExitCode::from(2);
        }
    };
    let project = loaded.project;
    let hits = match search_project(&project, &query) {
        Ok(hits) => hits,
        Err(e) => {
            eprintln!("stance search: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    for hit in &hits {
        let Some(doc) = project.document(hit.document) else {
            continue;
        };
        let context = hit_context(doc, hit.span, CONTEXT_CHARS)
            .map(|c| c.one_line())
            .unwrap_or_default();
        let title = doc.title.replace(['\t', '\n'], " ");
        let _ = writeln!(
            out,
            "{title}\t{}\t{}\t{context}",
            hit.span.start, hit.span.end
        );
    }
    // A closed pipe (`| head`) is no error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
