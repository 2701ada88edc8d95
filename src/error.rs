//! Typed errors for every stage, and the crate's `Result` alias.
//!
//! Errors name what a user can act on: the file and line for bad input, the
//! index directory for index trouble. The CLI adds context with `anyhow`.

use std::path::PathBuf;

/// Everything that can go wrong below the command line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file was read but its content cannot be used.
    #[error("{}{}: {reason}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    BadInput {
        path: PathBuf,
        line: Option<usize>,
        reason: String,
    },
    /// No index exists where one was expected.
    #[error("no index at {}: run `newsidx ingest --index {} PATH...` first", path.display(), path.display())]
    NoIndex { path: PathBuf },
    /// The index was built by an incompatible version of newsidx.
    #[error("the index at {} was built by an incompatible newsidx (schema {found}, this build reads {expected}): rebuild it with `newsidx ingest --index {} PATH...` into an empty directory", path.display(), path.display())]
    IncompatibleIndex {
        path: PathBuf,
        found: String,
        expected: String,
    },
    /// A requested setting conflicts with the existing index.
    #[error("index {}: {reason}; ingest into a new directory to change it", path.display())]
    SettingsMismatch { path: PathBuf, reason: String },
    /// Another process holds the index writer lock.
    #[error("index {} is being written by another newsidx process; wait for it to finish", path.display())]
    IndexLocked { path: PathBuf },
    /// The query could not be parsed.
    #[error("invalid query {query:?}: {reason}")]
    Query { query: String, reason: String },
    /// A date argument could not be parsed.
    #[error("invalid date {input:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Date { input: String },
    /// An error from the search engine library.
    #[error("index error: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// Writing output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
