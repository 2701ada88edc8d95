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
    Ok(if source::is_gzip(path) {
        Box::new(flate2::read::MultiGzDecoder::new(f))
    } else {
        Box::new(f)
    })
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
        let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
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
}
