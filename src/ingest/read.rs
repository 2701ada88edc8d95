//! Reading input files: opened (`.gz` decompressed), read within a cap,
//! one JSON Lines record at a time with bounded memory, and hashed for
//! the manifest.

use super::{EXTRACTION_VERSION, IngestConfig, source};
use crate::error::{Error, Result};
use std::io::{BufRead, Read};
use std::path::Path;

/// The hash recorded for a file: its content, the settings that shape its
/// documents, and the [`EXTRACTION_VERSION`] that made them.
pub(super) fn file_hash(content: blake3::Hash, cfg: &IngestConfig) -> String {
    hash_of_version(content, cfg, EXTRACTION_VERSION)
}

fn hash_of_version(content: blake3::Hash, cfg: &IngestConfig, version: u32) -> String {
    let date = cfg.default_date.map(|d| d.to_string()).unwrap_or_default();
    let hex = content.to_hex();
    match version {
        // Before the version was recorded.
        1 => format!("{hex}:{}:{date}", cfg.passage_words),
        v => format!("{hex}:{}:{date}:x{v}", cfg.passage_words),
    }
}

/// Why a file whose content has not changed is read again: the rest of its
/// recorded hash differs from the one this ingest computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reread {
    /// An older release extracted it: the extraction version it recorded.
    Version(u32),
    /// It was indexed with another passage size or default date.
    Settings,
}

/// Why a file is read again, when its recorded hash (`recorded`) and the
/// one computed now (`now`) hold the same content; `None` when the
/// content changed or nothing did.
pub(super) fn why_reread(recorded: &str, now: &str) -> Option<Reread> {
    let (was_content, was) = recorded.split_once(':')?;
    let (content, is) = now.split_once(':')?;
    if was_content != content || was == is {
        return None;
    }
    // `passage_words:date:xV`, or `passage_words:date` at version 1.
    let version = |rest: &str| {
        rest.rsplit_once(":x")
            .and_then(|(_, v)| v.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let old = version(was);
    Some(if old == version(is) {
        Reread::Settings
    } else {
        Reread::Version(old)
    })
}

pub(super) fn hash_reader(path: &Path) -> Result<blake3::Hash> {
    let f = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(f).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(hasher.finalize())
}

/// Opens a file for reading, decompressing `.gz` files.
pub fn open_reader(path: &Path) -> Result<Box<dyn Read + Send>> {
    let f = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(decompressed(path, f))
}

/// [`open_reader`], also feeding `hasher`, if any, the file's bytes as
/// they are read (before decompression, as [`hash_reader`] hashes them):
/// read to its end, the file's hash costs no pass of its own.
pub(super) fn open_hashing_reader<'h>(
    path: &Path,
    hasher: Option<&'h mut blake3::Hasher>,
) -> Result<Box<dyn Read + Send + 'h>> {
    let f = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(match hasher {
        Some(hasher) => decompressed(path, Hashing { inner: f, hasher }),
        None => decompressed(path, f),
    })
}

fn decompressed<'r, R: Read + Send + 'r>(path: &Path, r: R) -> Box<dyn Read + Send + 'r> {
    if source::is_gzip(path) {
        Box::new(flate2::read::MultiGzDecoder::new(r))
    } else {
        Box::new(r)
    }
}

/// A reader that hashes the bytes it passes on.
struct Hashing<'h, R> {
    inner: R,
    hasher: &'h mut blake3::Hasher,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Reads at most `cap` bytes of a file (decompressed); also returns the
/// size it had (decompressed, as far as it was read plus one byte when cut).
pub fn read_capped(path: &Path, cap: u64) -> Result<(Vec<u8>, u64)> {
    let err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    open_reader(path)?
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(err)?;
    let total = bytes.len() as u64;
    if total > cap {
        bytes.truncate(cap as usize);
        // The real size is unknown without reading it all; report what we know.
        let rest = std::fs::metadata(path).map_or(total, |m| m.len().max(total));
        return Ok((bytes, rest));
    }
    Ok((bytes, total))
}

/// Reads one line (through `\n`) into `buf`, keeping at most `cap` bytes
/// of it: returns the bytes consumed and whether the line fit. Memory stays
/// bounded by `cap` however long the line.
pub fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut whole = true;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed, whole));
        }
        // memchr: a byte loop here was 2% of a Reuters ingest's
        // instructions, on the thread that reads while the workers wait.
        let (piece, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..=i], true),
            None => (chunk, false),
        };
        let len = piece.len();
        if whole && buf.len() + len <= cap {
            buf.extend_from_slice(piece);
        } else {
            whole = false;
            buf.clear();
        }
        r.consume(len);
        consumed += len;
        if done {
            return Ok((consumed, whole));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn lines_are_read_whole_across_buffers_and_cut_past_the_cap() {
        let text = b"first line\n\na line of thirty bytes, or more\nlast";
        // A buffer of 4 bytes: every line spans several fills.
        let mut r = std::io::BufReader::with_capacity(4, &text[..]);
        let mut buf = Vec::new();
        let mut lines = Vec::new();
        loop {
            buf.clear();
            let (n, whole) = read_line_capped(&mut r, &mut buf, 16).unwrap();
            if n == 0 {
                break;
            }
            lines.push((n, whole, String::from_utf8(buf.clone()).unwrap()));
        }
        assert_eq!(
            lines,
            [
                (11, true, "first line\n".to_string()),
                (1, true, "\n".to_string()),
                (32, false, String::new()),
                (4, true, "last".to_string()),
            ]
        );
    }

    #[test]
    fn the_recorded_hash_changes_with_the_extraction_version_and_the_settings() {
        let content = blake3::hash(b"a page");
        let cfg = IngestConfig::new(vec![], PathBuf::from("index"));
        let now = file_hash(content, &cfg);
        // An index written before the version was recorded holds this.
        let before = format!("{}:{}:", content.to_hex(), cfg.passage_words);
        assert_eq!(hash_of_version(content, &cfg, 1), before);
        assert_ne!(now, before);
        assert_ne!(now, hash_of_version(content, &cfg, EXTRACTION_VERSION + 1));
        let other = IngestConfig {
            passage_words: cfg.passage_words + 1,
            ..cfg.clone()
        };
        assert_ne!(now, file_hash(content, &other));
    }

    #[test]
    fn a_file_read_again_says_whether_the_version_or_the_settings_changed() {
        let content = blake3::hash(b"a page");
        let cfg = IngestConfig::new(vec![], PathBuf::from("index"));
        let now = file_hash(content, &cfg);
        for old in 1..EXTRACTION_VERSION {
            let was = hash_of_version(content, &cfg, old);
            assert_eq!(why_reread(&was, &now), Some(Reread::Version(old)));
        }
        let dated = IngestConfig {
            default_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 2),
            ..cfg.clone()
        };
        assert_eq!(
            why_reread(&now, &file_hash(content, &dated)),
            Some(Reread::Settings)
        );
        let longer = IngestConfig {
            passage_words: cfg.passage_words + 1,
            ..cfg.clone()
        };
        assert_eq!(
            why_reread(&file_hash(content, &longer), &now),
            Some(Reread::Settings)
        );
        // Nothing changed, or the content did: not a re-read to explain.
        assert_eq!(why_reread(&now, &now), None);
        let edited = file_hash(blake3::hash(b"another page"), &cfg);
        assert_eq!(why_reread(&edited, &now), None);
        assert_eq!(why_reread("not a hash", &now), None);
    }
}
