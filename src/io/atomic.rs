//! Atomic file replacement, the one way Stance writes a file: the target holds either its old
//! bytes or the new ones, never a mix, and no temporary file survives a failure.
//!
//! Steps: write a temporary file in the same directory and fsync it; copy the previous version
//! to `NAME.bak` (optional); rename the temporary file over the target; fsync the directory.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Content is written in chunks of this size, so a failure can be injected part-way.
const CHUNK_BYTES: usize = 1 << 20;

/// A point in [`write_atomic_with`] where a caller (a test) can make the save fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// The temporary file exists and holds the first `written_bytes` of the content.
    Writing { written_bytes: usize },
    /// All content is written and fsynced to the temporary file.
    Synced,
    /// The previous version was copied to the backup file.
    BackedUp,
    /// The temporary file is about to be renamed over the target.
    Renaming,
}

/// Replaces `path` with `bytes` atomically; with `keep_backup`, the previous version (if any)
/// is kept as `path` + `.bak` (e.g. `talks.ron.bak`).
///
/// # Errors
/// Any I/O failure; the target is then unchanged and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    write_atomic_with(path, bytes, keep_backup, &mut |_| Ok(()))
}

/// Creates the folder `path` (and its parents) for files [`write_atomic`] then writes into it,
/// e.g. a brat export; a folder already there is kept as it is.
///
/// # Errors
/// The folder cannot be created.
pub fn create_folder(path: &Path) -> io::Result<()> {
    fs::create_dir_all(path)
}

/// [`write_atomic`] with a hook called at each [`SaveStep`]; an error from the hook aborts the
/// save exactly as a real I/O failure at that point would.
///
/// # Errors
/// Any I/O failure or hook error; the target is then unchanged and no temporary file remains.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_bytes(path, bytes, keep_backup, hook).map(drop)
}

/// Writes the file at `path` atomically, as [`write_atomic`] does, with the bytes `body`
/// writes: a large file is streamed to disk instead of being held whole in memory first.
/// Returns the metadata of the file now at `path`, taken from the temporary file before the
/// rename (a rename keeps the modification time), so a fingerprint built from it cannot
/// describe a later writer's file.
///
/// # Errors
/// Any I/O failure, or an error `body` returns; the target is then unchanged and no
/// temporary file remains.
pub fn write_atomic_streamed(
    path: &Path,
    keep_backup: bool,
    body: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    write_atomic_impl(path, keep_backup, &mut |_| Ok(()), body)
}

fn write_atomic_bytes(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    write_atomic_impl(path, keep_backup, hook, &mut |out| out.write_all(bytes))
}

fn write_atomic_impl(
    path: &Path,
    keep_backup: bool,
    hook: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    body: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<fs::Metadata> {
    let target = resolve_symlink(path);
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(file_name) = target.file_name().map(OsString::from) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not name a file",
        ));
    };
    let previous = fs::metadata(&target).ok().filter(fs::Metadata::is_file);

    let mut temp = TempFile::create(&dir, &file_name)?;
    if let Some(meta) = &previous {
        // Keep the file's permissions: a save must not make a shared project private.
        temp.file.set_permissions(meta.permissions())?;
    }
    let mut chunks = ChunkedWriter {
        file: &mut temp.file,
        chunk: Vec::with_capacity(CHUNK_BYTES),
        written_bytes: 0,
        hook: &mut *hook,
    };
    body(&mut chunks)?;
    chunks.write_chunk()?;
    temp.file.flush()?;
    temp.file.sync_all()?;
    let written = temp.file.metadata()?;
    hook(SaveStep::Synced)?;

    if keep_backup && previous.is_some() {
        let mut backup_name = file_name.clone();
        backup_name.push(".bak");
        backup_previous(&dir, &target, &backup_name)?;
        hook(SaveStep::BackedUp)?;
    }

    hook(SaveStep::Renaming)?;
    temp.persist(&target)?;
    sync_dir(&dir)?;
    // Best effort: a failed sweep must not turn a good save into an error.
    let _swept = sweep_stale_temporaries(&dir, &file_name);
    Ok(written)
}

/// Buffers content into chunks of [`CHUNK_BYTES`], writing each to the file and then calling
/// the hook with [`SaveStep::Writing`], so a failure can be injected part-way whether the
/// content came whole or streamed.
struct ChunkedWriter<'a> {
    file: &'a mut File,
    chunk: Vec<u8>,
    written_bytes: usize,
    hook: &'a mut dyn FnMut(SaveStep) -> io::Result<()>,
}

impl ChunkedWriter<'_> {
    /// Writes what the chunk holds (nothing if it is empty).
    fn write_chunk(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        self.file.write_all(&self.chunk)?;
        self.written_bytes += self.chunk.len();
        self.chunk.clear();
        (self.hook)(SaveStep::Writing {
            written_bytes: self.written_bytes,
        })
    }
}

impl Write for ChunkedWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        // A full chunk is written before new bytes are taken, never after: an error must not
        // come with bytes already taken, which `write_all` would then take a second time.
        if self.chunk.len() == CHUNK_BYTES {
            self.write_chunk()?;
        }
        let room = CHUNK_BYTES - self.chunk.len();
        let taken = bytes.len().min(room);
        self.chunk
            .extend_from_slice(bytes.get(..taken).unwrap_or_default());
        Ok(taken)
    }

    /// The chunks are written as they fill and the last one when the body is done: flushing
    /// in between would break the chunk boundaries the hook reports.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A temporary file left by a process that no longer runs is swept when it is older than this
/// (seconds), so a file that is being renamed into place right now is never taken away.
const DEAD_WRITER_MIN_AGE_SECS: u64 = 2;

/// Any temporary file of ours this old (seconds) is swept even when it is unknown whether its
/// writer runs: no save takes an hour between two chunk writes.
const ABANDONED_AGE_SECS: u64 = 60 * 60;

/// Removes temporaries that killed saves of `file_name` left in `dir` (`.NAME.PID-N.tmp` and
/// the backup's `.NAME.bak.PID-N.tmp`); returns what was removed.
///
/// Conservative: only this module's naming pattern for this very target; only when the
/// writing process is gone (and the file is a couple of seconds old), or the file has not
/// been touched for an hour. Another process's save in progress is never disturbed.
pub fn sweep_stale_temporaries(dir: &Path, file_name: &std::ffi::OsStr) -> Vec<PathBuf> {
    let Some(name) = file_name.to_str() else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.");
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        let Some(entry_name) = entry_name.to_str() else {
            continue;
        };
        let Some(rest) = entry_name.strip_prefix(&prefix) else {
            continue;
        };
        let rest = rest.strip_prefix("bak.").unwrap_or(rest);
        let Some(pid) = temp_writer_pid(rest) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let age_secs = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .map_or(0, |d| d.as_secs());
        let is_writer_dead =
            pid != std::process::id() && super::process::is_process_alive(pid) == Some(false);
        let is_stale = (is_writer_dead && age_secs >= DEAD_WRITER_MIN_AGE_SECS)
            || age_secs >= ABANDONED_AGE_SECS;
        if is_stale && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// The pid in `PID-N.tmp`, the tail of a temporary name; `None` for any other name.
fn temp_writer_pid(tail: &str) -> Option<u32> {
    let (pid, rest) = tail.strip_suffix(".tmp")?.split_once('-')?;
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !is_number(pid) || !is_number(rest) {
        return None;
    }
    pid.parse().ok()
}

/// Keeps the current `target` as `dir/backup_name`. A hard link costs no copy and no fsync:
/// the rename that follows gives the target a new inode and leaves the old one to the backup.
/// File systems without hard links get a copy. (Measured by `stance bench`: on a 13 MB project
/// the copy and its fsync were a sixth of the save.)
fn backup_previous(dir: &Path, target: &Path, backup_name: &OsString) -> io::Result<()> {
    let mut backup = TempFile::create(dir, backup_name)?;
    // The placeholder reserved a unique name; the link takes its place.
    fs::remove_file(&backup.path)?;
    if fs::hard_link(target, &backup.path).is_err() {
        backup.file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&backup.path)?;
        io::copy(&mut File::open(target)?, &mut backup.file)?;
        backup.file.sync_all()?;
    }
    backup.persist(&dir.join(backup_name))
}

/// The file a symlink points to, so saving through a link updates the real file.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// A temporary file that deletes itself unless [`TempFile::persist`] renamed it into place.
struct TempFile {
    path: PathBuf,
    file: File,
    is_persisted: bool,
}

impl TempFile {
    fn create(dir: &Path, file_name: &OsString) -> io::Result<Self> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        loop {
            let mut name = OsString::from(".");
            name.push(file_name);
            name.push(format!(
                ".{}-{}.tmp",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            let path = dir.join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(Self {
                        path,
                        file,
                        is_persisted: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn persist(&mut self, target: &Path) -> io::Result<()> {
        fs::rename(&self.path, target)?;
        self.is_persisted = true;
        // POSIX rename does nothing when both names are links to one file (a backup linked
        // to an unchanged target by an earlier, failed save); the temporary name must go.
        if fs::symlink_metadata(&self.path).is_ok() {
            fs::remove_file(&self.path)?;
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.is_persisted {
            // Best effort: the error that aborted the save is the one worth reporting.
            let _removed = fs::remove_file(&self.path);
        }
    }
}

/// Makes the rename durable: on Unix a directory entry is only on disk once the directory is
/// fsynced. Other systems cannot open a directory as a file, and do not need to.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

/// Removes a file Stance wrote (a sync putting the repository back as it was); one that is
/// already gone is fine.
///
/// # Errors
/// The file exists and could not be removed.
pub fn remove_file(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn reads_only_our_temporary_names() {
        assert_eq!(temp_writer_pid("123-4.tmp"), Some(123));
        assert_eq!(temp_writer_pid("123-.tmp"), None);
        assert_eq!(temp_writer_pid("12a-4.tmp"), None);
        assert_eq!(temp_writer_pid("123-4.tmp.x"), None);
        assert_eq!(temp_writer_pid("bak"), None);
    }

    #[test]
    fn sweeps_old_temporaries_of_dead_writers_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let me = std::process::id();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(30);
        let names = [
            format!(".p.ron.{dead}-0.tmp"),     // dead writer, old: swept
            format!(".p.ron.bak.{dead}-1.tmp"), // its backup placeholder: swept
            format!(".p.ron.{me}-7.tmp"),       // a save of ours in progress: kept
            format!(".q.ron.{dead}-0.tmp"),     // another target: kept
            format!(".p.ron.{dead}-x.tmp"),     // not our pattern: kept
            format!("p.ron.{dead}-0.tmp"),      // not hidden, not ours: kept
        ];
        for name in &names {
            let file = File::create(dir.path().join(name)).unwrap();
            file.set_modified(old).unwrap();
        }
        let fresh = format!(".p.ron.{dead}-2.tmp"); // just written: kept for now
        File::create(dir.path().join(&fresh)).unwrap();
        write_atomic(&dir.path().join("p.ron"), b"x", true).unwrap();
        let mut expected: Vec<String> = names[2..].to_vec();
        expected.push(fresh);
        expected.push("p.ron".to_owned());
        expected.sort();
        if cfg!(target_os = "linux") {
            assert_eq!(leftovers(dir.path()), expected);
        }
    }

    #[test]
    fn replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"one", true).unwrap();
        assert_eq!(leftovers(dir.path()), ["p.ron"]);
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(dir.path().join("p.ron.bak")).unwrap(), b"one");
        write_atomic(&path, b"three", false).unwrap();
        assert_eq!(fs::read(dir.path().join("p.ron.bak")).unwrap(), b"one");
        assert_eq!(leftovers(dir.path()), ["p.ron", "p.ron.bak"]);
    }

    #[test]
    fn repeated_failed_saves_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, b"original").unwrap();
        for _ in 0..3 {
            let result = write_atomic_with(&path, b"new", true, &mut |step| {
                if step == SaveStep::Renaming {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            });
            assert!(result.is_err());
            assert_eq!(leftovers(dir.path()), ["p.ron", "p.ron.bak"]);
        }
        assert_eq!(fs::read(&path).unwrap(), b"original");
        assert_eq!(fs::read(dir.path().join("p.ron.bak")).unwrap(), b"original");
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_target_alone() {
        let steps = [
            SaveStep::Writing {
                written_bytes: CHUNK_BYTES,
            },
            SaveStep::Synced,
            SaveStep::BackedUp,
            SaveStep::Renaming,
        ];
        for failing in steps {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.ron");
            fs::write(&path, b"original").unwrap();
            let new = vec![b'x'; CHUNK_BYTES * 3];
            let mut seen = Vec::new();
            let result = write_atomic_with(&path, &new, true, &mut |step| {
                seen.push(step);
                if step == failing {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            });
            assert!(result.is_err(), "{failing:?} must abort the save");
            assert!(seen.contains(&failing));
            assert_eq!(fs::read(&path).unwrap(), b"original", "{failing:?}");
            let names = leftovers(dir.path());
            assert!(
                names.iter().all(|n| !n.ends_with(".tmp")),
                "{failing:?} left {names:?}"
            );
        }
    }

    #[test]
    fn a_streamed_body_is_written_in_the_same_chunks_as_whole_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let content: Vec<u8> = (0..CHUNK_BYTES * 2 + 7).map(|i| (i % 251) as u8).collect();
        let mut whole_steps = Vec::new();
        write_atomic_with(&path, &content, false, &mut |step| {
            whole_steps.push(step);
            Ok(())
        })
        .unwrap();
        let mut streamed_steps = Vec::new();
        write_atomic_impl(
            &path,
            false,
            &mut |step| {
                streamed_steps.push(step);
                Ok(())
            },
            // Pieces of odd sizes, as a serialiser writes them.
            &mut |out| {
                content
                    .chunks(1000)
                    .try_for_each(|piece| out.write_all(piece))
            },
        )
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), content);
        assert_eq!(streamed_steps, whole_steps);
        assert_eq!(
            whole_steps.first(),
            Some(&SaveStep::Writing {
                written_bytes: CHUNK_BYTES
            })
        );
    }

    #[test]
    fn a_failing_body_leaves_the_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, b"original").unwrap();
        let result = write_atomic_streamed(&path, true, &mut |out| {
            out.write_all(&vec![b'x'; CHUNK_BYTES + 1])?;
            Err(io::Error::other("the serialiser gave up"))
        });
        assert_eq!(result.unwrap_err().to_string(), "the serialiser gave up");
        assert_eq!(fs::read(&path).unwrap(), b"original");
        assert_eq!(leftovers(dir.path()), ["p.ron"]);
    }
}
