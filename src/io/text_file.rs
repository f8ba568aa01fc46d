//! Reading a text file defensively: a size cap, then UTF-16, binary and invalid UTF-8 are told
//! apart so the user learns what the file really is.

use std::io::Read;
use std::path::Path;

use super::error::{ImportError, TextPosition};

/// Every file Stance reads (project, article, annotations) larger than this is refused before
/// it is read: a file that size is not what the user meant to open.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file is not readable as UTF-8 text.
#[derive(Debug)]
pub(crate) enum TextFileError {
    Io(std::io::Error),
    TooLarge {
        size_bytes: u64,
        limit_bytes: u64,
    },
    Utf16,
    /// Where the first NUL byte is.
    Binary {
        position: TextPosition,
    },
    NotUtf8 {
        position: TextPosition,
        byte: u8,
    },
}

/// Reads `path` as UTF-8, refusing files over `limit_bytes` before reading them.
pub(crate) fn read_text_file(path: &Path, limit_bytes: u64) -> Result<String, TextFileError> {
    decode_utf8(read_file_bytes(path, limit_bytes)?)
}

/// Reads `path`'s bytes, refusing files over `limit_bytes` before reading them.
pub(crate) fn read_file_bytes(path: &Path, limit_bytes: u64) -> Result<Vec<u8>, TextFileError> {
    let file = std::fs::File::open(path).map_err(TextFileError::Io)?;
    let size_bytes = file.metadata().map_err(TextFileError::Io)?.len();
    if size_bytes > limit_bytes {
        return Err(TextFileError::TooLarge {
            size_bytes,
            limit_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size_bytes).unwrap_or(0));
    // `take` guards against files that grow, or special files whose metadata says 0.
    file.take(limit_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(TextFileError::Io)?;
    let read_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read_bytes > limit_bytes {
        return Err(TextFileError::TooLarge {
            size_bytes: read_bytes,
            limit_bytes,
        });
    }
    Ok(bytes)
}

/// Checks that `bytes` is UTF-8 text, naming UTF-16 and binary files as such.
pub(crate) fn decode_utf8(bytes: Vec<u8>) -> Result<String, TextFileError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(TextFileError::Utf16);
    }
    if let Some(nul_at) = bytes.iter().position(|&b| b == 0) {
        return Err(if looks_like_utf16(&bytes) {
            TextFileError::Utf16
        } else {
            TextFileError::Binary {
                position: TextPosition::of_raw_byte(&bytes, nul_at),
            }
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        TextFileError::NotUtf8 {
            position: TextPosition::of_raw_byte(bytes, at),
            byte: bytes.get(at).copied().unwrap_or(0),
        }
    })
}

/// UTF-16 without a BOM: mostly ASCII text, so every other byte of the head is NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    if head.len() < 4 {
        return false;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    let (even, odd) = (zeros_at(0), zeros_at(1));
    (even * 4 >= pairs * 3 && odd * 4 < pairs) || (odd * 4 >= pairs * 3 && even * 4 < pairs)
}

impl ImportError {
    /// Names what is wrong with a text file that could not be read for import.
    #[must_use]
    pub(crate) fn from_text_file(path: &Path, error: TextFileError) -> Self {
        let path = path.to_path_buf();
        match error {
            TextFileError::Io(source) => Self::Io { path, source },
            TextFileError::TooLarge {
                size_bytes,
                limit_bytes,
            } => Self::TooLarge {
                path,
                size_bytes,
                limit_bytes,
            },
            TextFileError::Utf16 => Self::Utf16 { path },
            TextFileError::Binary { .. } => Self::Binary { path },
            TextFileError::NotUtf8 { position, byte } => Self::NotUtf8 {
                path,
                position,
                byte,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn tells_encodings_apart() {
        assert!(matches!(
            decode_utf8(utf16le("(format: 1)")),
            Err(TextFileError::Utf16)
        ));
        let mut bom = vec![0xff, 0xfe];
        bom.extend(utf16le("(format: 1)"));
        assert!(matches!(decode_utf8(bom), Err(TextFileError::Utf16)));
        assert!(matches!(
            decode_utf8(vec![0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]),
            Err(TextFileError::Binary { .. })
        ));
        let Err(TextFileError::NotUtf8 { position, byte }) =
            decode_utf8(b"(\n  title: \"caf\xe9\")".to_vec())
        else {
            panic!("latin-1 text must be rejected");
        };
        assert_eq!((position.line, position.col, byte), (2, 14, 0xe9));
        assert_eq!(decode_utf8("ok – fine".into()).unwrap(), "ok – fine");
    }
}
