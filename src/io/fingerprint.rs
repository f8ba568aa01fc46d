//! File fingerprints: what a project file was when Stance loaded or last saved it, so a save
//! never silently overwrites a file that someone else changed in the meantime.
//!
//! [`check`] is cheap when nothing happened: one `stat`, comparing size and modification time.
//! Only when the size matches but the time differs (a `touch`, a copy that kept the bytes) is
//! the file hashed, so an unchanged file is not reported as changed.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Size, modification time and SHA-256 of a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFingerprint {
    pub size_bytes: u64,
    /// Modification time in nanoseconds since the Unix epoch (negative before it).
    pub mtime_ns: i128,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// What [`check`] found at the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FingerprintStatus {
    /// The file holds the fingerprinted bytes.
    Unchanged,
    /// The file holds other bytes.
    Changed,
    /// There is no file at the path (deleted, moved, or not a regular file any more).
    Missing,
}

impl FileFingerprint {
    /// The fingerprint of `bytes`, read from a file whose metadata was `meta`.
    ///
    /// `meta` should be taken *before* the bytes were read: if the file changes while it is
    /// read, its new time then differs from the recorded one and [`check`] falls back to the
    /// hash instead of trusting a time that belongs to other bytes.
    #[must_use]
    pub fn from_parts(meta: &fs::Metadata, bytes: &[u8]) -> Self {
        Self {
            size_bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            mtime_ns: mtime_ns(meta),
            sha256: hex_sha256(bytes),
        }
    }

    /// Reads and fingerprints the file at `path`.
    ///
    /// # Errors
    /// The file cannot be read.
    pub fn of_file(path: &Path) -> io::Result<Self> {
        let meta = fs::metadata(path)?;
        let bytes = fs::read(path)?;
        Ok(Self::from_parts(&meta, &bytes))
    }
}

/// Passes bytes on to a writer and fingerprints them on the way, so a file streamed to disk
/// need not be held whole, or read back, to be fingerprinted.
pub struct Fingerprinting<W> {
    inner: W,
    hasher: Sha256,
    size_bytes: u64,
}

impl<W: Write> Fingerprinting<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            size_bytes: 0,
        }
    }

    /// What was written, to fingerprint once the file's metadata is known.
    #[must_use]
    pub fn written(self) -> WrittenBytes {
        WrittenBytes {
            size_bytes: self.size_bytes,
            sha256: hex(&self.hasher.finalize()),
        }
    }
}

/// The size and hash of bytes a [`Fingerprinting`] passed on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenBytes {
    size_bytes: u64,
    sha256: String,
}

impl WrittenBytes {
    /// The fingerprint of these bytes in a file whose metadata is `meta`.
    #[must_use]
    pub fn in_file(self, meta: &fs::Metadata) -> FileFingerprint {
        FileFingerprint {
            size_bytes: self.size_bytes,
            mtime_ns: mtime_ns(meta),
            sha256: self.sha256,
        }
    }
}

impl<W: Write> Write for Fingerprinting<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        let written_bytes = bytes.get(..written).unwrap_or(bytes);
        self.hasher.update(written_bytes);
        self.size_bytes += u64::try_from(written_bytes.len()).unwrap_or(u64::MAX);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Whether the file at `path` still holds the bytes `expected` was taken of.
#[must_use]
pub fn check(path: &Path, expected: &FileFingerprint) -> FingerprintStatus {
    let Ok(meta) = fs::metadata(path) else {
        return FingerprintStatus::Missing;
    };
    if !meta.is_file() {
        return FingerprintStatus::Missing;
    }
    if meta.len() != expected.size_bytes {
        return FingerprintStatus::Changed;
    }
    if mtime_ns(&meta) == expected.mtime_ns {
        return FingerprintStatus::Unchanged;
    }
    match hash_file(path) {
        Ok(hash) if hash == expected.sha256 => FingerprintStatus::Unchanged,
        // Vanished between the stat and the read.
        Err(e) if e.kind() == io::ErrorKind::NotFound => FingerprintStatus::Missing,
        // Other bytes, or unreadable now: either way not the file we can vouch for.
        Ok(_) | Err(_) => FingerprintStatus::Changed,
    }
}

/// Nanoseconds since the Unix epoch of the file's modification time (0 where unsupported).
fn mtime_ns(meta: &fs::Metadata) -> i128 {
    let Ok(modified) = meta.modified() else {
        return 0;
    };
    match modified.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
        Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

/// The modification time of a fingerprint as a [`SystemTime`], for display.
#[must_use]
pub fn fingerprint_time(fingerprint: &FileFingerprint) -> SystemTime {
    let nanos = u64::try_from(fingerprint.mtime_ns.unsigned_abs()).unwrap_or(u64::MAX);
    let offset = std::time::Duration::from_nanos(nanos);
    if fingerprint.mtime_ns >= 0 {
        UNIX_EPOCH + offset
    } else {
        UNIX_EPOCH - offset
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Hashes a file in chunks, so checking a 200 MB project does not hold it all in memory.
fn hash_file(path: &Path) -> io::Result<String> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_fingerprinted_on_the_way_match_the_file_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let content = "(title: \"Talks\")\n".repeat(5000);
        let mut file = fs::File::create(&path).unwrap();
        let mut out = Fingerprinting::new(&mut file);
        for piece in content.as_bytes().chunks(333) {
            out.write_all(piece).unwrap();
        }
        let written = out.written();
        drop(file);
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(
            written.in_file(&meta),
            FileFingerprint::of_file(&path).unwrap()
        );
    }

    #[test]
    fn tells_unchanged_touched_changed_and_missing_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, b"one").unwrap();
        let fp = FileFingerprint::of_file(&path).unwrap();
        assert_eq!(fp.size_bytes, 3);
        assert_eq!(check(&path, &fp), FingerprintStatus::Unchanged);

        // Same bytes, another time: the hash decides.
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(UNIX_EPOCH + std::time::Duration::from_secs(1_000))
            .unwrap();
        drop(file);
        assert_eq!(check(&path, &fp), FingerprintStatus::Unchanged);

        fs::write(&path, b"two").unwrap();
        assert_eq!(check(&path, &fp), FingerprintStatus::Changed);
        fs::write(&path, b"three").unwrap();
        assert_eq!(check(&path, &fp), FingerprintStatus::Changed);
        fs::remove_file(&path).unwrap();
        assert_eq!(check(&path, &fp), FingerprintStatus::Missing);
        fs::create_dir(&path).unwrap();
        assert_eq!(check(&path, &fp), FingerprintStatus::Missing);
    }

    #[test]
    fn times_round_trip_for_display() {
        let fp = FileFingerprint {
            size_bytes: 0,
            mtime_ns: 1_500_000_000,
            sha256: String::new(),
        };
        assert_eq!(
            fingerprint_time(&fp),
            UNIX_EPOCH + std::time::Duration::from_millis(1_500)
        );
    }
}
