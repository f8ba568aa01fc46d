//! Sync with the team through git, the pure part: what to write into a repository so that
//! git merges project files with `stance merge` (`.gitattributes`, the driver's command), who
//! a commit is by, how git's answers read (ahead/behind counts, the log of a project file),
//! and what a sync's outcome means (its exit status and message). The processes themselves
//! run in `io::git`; nothing here touches a file or a process.

use std::fmt;

use crate::model::name_key;

/// The merge driver's name in `.gitattributes` and git's config (`merge.stance.driver`).
pub const DRIVER: &str = "stance";

/// The line `.gitattributes` needs so git merges `pattern` with the Stance driver.
#[must_use]
pub fn attributes_line(pattern: &str) -> String {
    format!("{} merge={DRIVER}", escape_pattern(pattern))
}

/// Spaces in a `.gitattributes` pattern are written as `[ ]` (git's patterns cannot quote).
fn escape_pattern(pattern: &str) -> String {
    pattern.replace(' ', "[ ]")
}

/// `.gitattributes` with the Stance driver set for `pattern`; `None` when it already is.
#[must_use]
pub fn with_attributes(existing: &str, pattern: &str) -> Option<String> {
    let line = attributes_line(pattern);
    if existing.lines().any(|l| l.trim() == line) {
        return None;
    }
    let mut out = existing.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("# Stance project files merge by annotation, not by line.\n");
    }
    out.push_str(&line);
    out.push('\n');
    Some(out)
}

/// The driver's command for git's config: the binary given, quoted for the shell git runs
/// it with, then git's placeholders (ancestor, ours — written in place —, theirs).
#[must_use]
pub fn driver_command(binary: &str) -> String {
    format!("{} merge %O %A %B -o %A", shell_quote(binary))
}

/// `'…'` with any `'` inside closed, escaped and reopened: safe for `sh -c`.
#[must_use]
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Who a sync's commits are by: the annotator, with git's e-mail if set, else one made from
/// the name (`anna-kovac@stance.invalid`: `.invalid` is reserved, so it reaches no one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
}

impl Author {
    #[must_use]
    pub fn new(annotator: &str, git_email: Option<&str>) -> Self {
        let name = annotator.trim();
        let name = if name.is_empty() { "Stance user" } else { name };
        let email = git_email
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map_or_else(|| format!("{}@stance.invalid", slug(name)), str::to_owned);
        Self {
            name: name.to_owned(),
            email,
        }
    }
}

/// Lower-case letters, digits and dashes.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name_key(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "annotator".to_owned()
    } else {
        out
    }
}

/// The commit message of a sync without `-m`.
#[must_use]
pub fn default_message(annotator: &str, file_name: &str) -> String {
    format!("{file_name}: annotations by {}", annotator.trim())
}

/// How far the local branch and its remote are apart, from git's
/// `rev-list --left-right --count HEAD...REMOTE` ("3\t1": 3 to share, 1 incoming).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Divergence {
    /// Local commits the remote lacks.
    pub ahead: usize,
    /// Remote commits not merged here.
    pub behind: usize,
}

impl Divergence {
    #[must_use]
    pub fn parse(output: &str) -> Option<Self> {
        let mut numbers = output.split_whitespace().map(str::parse::<usize>);
        let ahead = numbers.next()?.ok()?;
        let behind = numbers.next()?.ok()?;
        Some(Self { ahead, behind })
    }
}

/// What the status bar says about the team: `2 changes to share · 3 incoming`, `Up to date`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TeamStatus {
    pub divergence: Divergence,
    /// The project file differs from its last commit.
    pub has_uncommitted: bool,
}

impl TeamStatus {
    /// Changes to share: unshared commits, plus the file's own edits if any.
    #[must_use]
    pub fn to_share(&self) -> usize {
        self.divergence.ahead + usize::from(self.has_uncommitted)
    }
}

impl fmt::Display for TeamStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let share = self.to_share();
        let incoming = self.divergence.behind;
        let plural =
            |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        match (share, incoming) {
            (0, 0) => f.write_str("Up to date with the team"),
            (s, 0) => write!(f, "{s} {} to share", plural(s, "change", "changes")),
            (0, i) => write!(f, "{i} incoming"),
            (s, i) => write!(
                f,
                "{s} {} to share · {i} incoming",
                plural(s, "change", "changes")
            ),
        }
    }
}

/// One commit that touched the project file, from git's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub commit: String,
    pub author: String,
    /// ISO 8601, as git's `%aI` writes it.
    pub date: String,
    pub subject: String,
}

/// The field separator of [`LOG_FORMAT`] (ASCII unit separator: never in a name or subject).
const FIELD: char = '\u{1f}';

/// `git log --format=` for [`parse_log`].
pub const LOG_FORMAT: &str = "%H%x1f%an%x1f%aI%x1f%s";

/// The entries of `git log --format=LOG_FORMAT`, newest first; malformed lines are skipped.
#[must_use]
pub fn parse_log(output: &str) -> Vec<LogEntry> {
    output
        .lines()
        .filter_map(|line| {
            let mut fields = line.splitn(4, FIELD);
            let (commit, author, date, subject) = (
                fields.next()?,
                fields.next()?,
                fields.next()?,
                fields.next()?,
            );
            Some(LogEntry {
                commit: commit.to_owned(),
                author: author.to_owned(),
                date: date.to_owned(),
                subject: subject.to_owned(),
            })
        })
        .collect()
}

/// One commit of a project file, for the History panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub log: LogEntry,
    /// Annotations added, changed and removed (Stance's diff of the file before and after);
    /// `None` when a version could not be read.
    pub annotations: Option<crate::model::Counts>,
}

/// How a sync ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Everyone's work is here and ours is on the remote.
    Clean { shared: bool, received: bool },
    /// Merged, with conflicts recorded in the project, committed and pushed: the team
    /// decides them in the compare view.
    Conflicts { count: usize },
}

impl SyncOutcome {
    /// `stance sync`'s exit status: 0 clean, 1 with conflicts (2 is an error).
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Clean { .. } => 0,
            Self::Conflicts { .. } => 1,
        }
    }
}

impl fmt::Display for SyncOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Clean {
                shared: false,
                received: false,
            } => f.write_str("Already up to date with the team"),
            Self::Clean { shared, received } => {
                let mut parts = Vec::new();
                if *received {
                    parts.push("the team's changes merged in");
                }
                if *shared {
                    parts.push("your changes shared");
                }
                write!(f, "Synced: {}", parts.join(", "))
            }
            // Spelled out here: the team feature stands on the core alone, without the
            // analysis's count words.
            Self::Conflicts { count: 1 } => f.write_str(
                "Synced with 1 conflict, recorded in the project and shared: decide it in the \
                 compare view (Ctrl+3)",
            ),
            Self::Conflicts { count } => write!(
                f,
                "Synced with {count} conflicts, recorded in the project and shared: decide \
                 them in the compare view (Ctrl+3)"
            ),
        }
    }
}

/// `stance sync`'s exit status for an error.
pub const ERROR_EXIT: u8 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_added_once_and_keep_what_was_there() {
        let added = with_attributes("*.png binary", "talks.ron").unwrap();
        assert_eq!(added, "*.png binary\ntalks.ron merge=stance\n");
        assert_eq!(with_attributes(&added, "talks.ron"), None);
        let fresh = with_attributes("", "my talks.ron").unwrap();
        assert!(fresh.ends_with("my[ ]talks.ron merge=stance\n"), "{fresh}");
    }

    #[test]
    fn the_driver_command_quotes_the_binary() {
        assert_eq!(
            driver_command("/opt/it's here/stance"),
            r"'/opt/it'\''s here/stance' merge %O %A %B -o %A"
        );
    }

    #[test]
    fn an_author_always_has_a_name_and_an_address() {
        assert_eq!(
            Author::new(" Anna Kovač ", None),
            Author {
                name: "Anna Kovač".to_owned(),
                email: "anna-kova@stance.invalid".to_owned()
            }
        );
        assert_eq!(Author::new("anna", Some("a@x.org")).email, "a@x.org");
        assert_eq!(Author::new("  ", None).name, "Stance user");
    }

    #[test]
    fn status_reads_as_the_status_bar_says_it() {
        let status = TeamStatus {
            divergence: Divergence::parse("1\t3\n").unwrap(),
            has_uncommitted: true,
        };
        assert_eq!(status.to_string(), "2 changes to share · 3 incoming");
        assert_eq!(
            TeamStatus::default().to_string(),
            "Up to date with the team"
        );
        assert_eq!(Divergence::parse("x"), None);
    }

    #[test]
    fn the_log_is_read_field_by_field() {
        let out = "abc\u{1f}Anna\u{1f}2026-12-07T03:00:00+00:00\u{1f}talks: a \u{1f} b\nbroken\n";
        let log = parse_log(out);
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].author, "Anna");
        assert_eq!(log[0].subject, "talks: a \u{1f} b");
    }
}
