//! The tantivy index: opening, creating, and the settings it was built with.
//!
//! Named `store` so that it is not confused with the `./index/` folder.
//! [`NewsIndex`] owns the tantivy index, its fields and its settings; the
//! writer lives in [`writer`].

pub mod alloc;
pub mod analysis;
pub mod schema;
pub mod stats;
pub mod stem;
pub mod writer;

use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::Index;

/// The settings an index was built with, stored in its commit payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub schema_version: u32,
    pub passage_words: usize,
    pub analyzer: String,
    /// English stemming in the analyzer (fixed when the index is created).
    #[serde(default = "yes")]
    pub stemming: bool,
    /// When the last ingest committed, RFC 3339.
    pub last_ingest: Option<String>,
}

fn yes() -> bool {
    true
}

impl Settings {
    /// The settings of a new index.
    pub fn new(passage_words: usize) -> Self {
        Settings::with_stemming(passage_words, true)
    }

    /// The settings of a new index, stemming on or off.
    pub fn with_stemming(passage_words: usize, stemming: bool) -> Self {
        let analyzer = if stemming {
            "simple+lowercase+asciifold+english-stem"
        } else {
            "simple+lowercase+asciifold"
        };
        Settings {
            schema_version: SCHEMA_VERSION,
            passage_words,
            analyzer: analyzer.into(),
            stemming,
            last_ingest: None,
        }
    }
}

/// A newsidx index on disk.
pub struct NewsIndex {
    pub index: Index,
    pub fields: Fields,
    pub path: PathBuf,
    /// Whether the analyzer stems (fixed when the index was created).
    pub stemming: bool,
}

impl NewsIndex {
    /// Whether `path` holds an index.
    pub fn exists(path: &Path) -> bool {
        path.join("meta.json").is_file()
    }

    /// Opens an existing index, refusing one of another schema version.
    pub fn open(path: &Path) -> Result<NewsIndex> {
        if !Self::exists(path) {
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(path).map_err(|e| match e {
            tantivy::TantivyError::DataCorruption(c) => unreadable(path, &format!("{c:?}")),
            other => Error::Engine(other),
        })?;
        let (expected, fields) = schema::build();
        let found = index.schema();
        let settings = read_settings(&index);
        let version_ok = settings
            .as_ref()
            .is_none_or(|s| s.schema_version == SCHEMA_VERSION);
        if !version_ok || found != expected {
            return Err(Error::IncompatibleIndex {
                path: path.to_path_buf(),
                found: settings
                    .map(|s| s.schema_version.to_string())
                    .unwrap_or_else(|| "unknown".into()),
                expected: SCHEMA_VERSION.to_string(),
            });
        }
        let stem = settings.as_ref().is_none_or(|s| s.stemming);
        register_tokenizers(&index);
        Ok(NewsIndex {
            index,
            fields,
            path: path.to_path_buf(),
            stemming: stem,
        })
    }

    /// Opens the index at `path`, creating an empty one if there is none;
    /// `stemming` applies to a new index (an existing one keeps its own).
    /// Either way, what it writes has the doc store of [`index_settings`]:
    /// compressed on the indexing thread, in blocks of
    /// [`DOCSTORE_BLOCK_BYTES`].
    pub fn open_or_create(path: &Path, stemming: bool) -> Result<NewsIndex> {
        if Self::exists(path) {
            let mut ni = Self::open(path)?;
            // An index created with other settings keeps them in its
            // meta.json; the next commit records these. Each segment's doc
            // store reads whatever its blocks' size.
            let settings = ni.index.settings_mut();
            settings.docstore_compress_dedicated_thread = false;
            settings.docstore_blocksize = DOCSTORE_BLOCK_BYTES;
            return Ok(ni);
        }
        std::fs::create_dir_all(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(index_settings())
            .create_in_dir(path)?;
        register_tokenizers(&index);
        Ok(NewsIndex {
            index,
            fields,
            path: path.to_path_buf(),
            stemming,
        })
    }

    /// An in-memory index, for tests and benchmarks.
    pub fn in_ram() -> NewsIndex {
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(index_settings())
            .create_in_ram()
            .expect("an index in memory");
        register_tokenizers(&index);
        NewsIndex {
            index,
            fields,
            path: PathBuf::new(),
            stemming: true,
        }
    }

    /// The settings of the last commit, if any.
    pub fn settings(&self) -> Option<Settings> {
        read_settings(&self.index)
    }
}

/// The tokenizer the index's text fields name: the splitter of the text
/// ingest analyzed ([`analysis`]). Queries get the analyzer itself, with
/// `stem` as the index was built ([`analysis::query_tokenizers`]).
fn register_tokenizers(index: &Index) {
    index.tokenizers().register(
        analysis::PRE_ANALYZED,
        tantivy::tokenizer::TextAnalyzer::from(analysis::PreAnalyzed::default()),
    );
}

/// The error for an index whose `meta.json` tantivy could not read: the
/// reason without the file's whole content, which tantivy's message
/// carries, and the line it gives.
fn unreadable(path: &Path, message: &str) -> Error {
    let reason = message.split(". Content: ").next().unwrap_or(message);
    let line = reason
        .rsplit_once("line: ")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok());
    let mut reason: String = reason.chars().take(300).collect();
    reason.push_str("; the index cannot be opened (rebuild it into an empty directory)");
    Error::BadInput {
        path: path.join("meta.json"),
        line,
        reason,
    }
}

fn read_settings(index: &Index) -> Option<Settings> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

/// Settings of a new index. Every search hit reads its passage from the
/// doc store, and reading one decompresses the whole block that holds it:
/// with tantivy's 16 KiB blocks that was the largest cost of a 100-hit
/// search; a batch of many hits now holds the passages in memory first
/// (`search::preload`). Blocks of 12 KiB keep an ingest's two segments
/// (one per indexing thread: [`writer::KEPT_SEGMENTS`]) within 1.2x
/// tantivy-cli's index on Reuters: 1.13x to 1.17x over ten ingests, the
/// size moving with how the two threads happened to share the documents.
/// Blocks of 8 KiB took up to 1.198x, of 4 KiB 1.21x to 1.24x (one
/// segment of 4 KiB blocks: 1.19x). A one-shot search of 100 hits
/// decompresses about 3M instructions more than with 4 KiB blocks, well
/// under a millisecond. benches/README.md, "What was tried".
///
/// Each block is compressed on the indexing thread that filled it, not
/// handed to a compressor thread of its own (tantivy's default, a setting
/// it keeps out of its documentation). The hand-off woke that thread for
/// every block, about 5,200 times on Reuters (4 KiB blocks), and the
/// wake-up preempted the indexing thread, which finishes last: 13,000 to
/// 17,800 context switches an ingest, 1,100 to 1,500 without. The
/// compressing itself (about 80,000 instructions a block) moves to the
/// indexing thread, yet an ingest takes 5 to 10% less CPU time and about
/// 6% less wall time (benches/README.md, "What was tried"). The files
/// written are the same, byte for byte.
pub fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        docstore_compress_dedicated_thread: false,
        ..Default::default()
    }
}

/// Doc store block size of new indexes.
pub const DOCSTORE_BLOCK_BYTES: usize = 12288;

#[cfg(test)]
mod tests {
    use super::*;

    fn dedicated_thread(path: &Path) -> bool {
        Index::open_in_dir(path)
            .expect("index")
            .settings()
            .docstore_compress_dedicated_thread
    }

    fn block_bytes(path: &Path) -> usize {
        Index::open_in_dir(path)
            .expect("index")
            .settings()
            .docstore_blocksize
    }

    #[test]
    fn an_index_of_older_blocks_gets_new_ones_and_reads_both() {
        use crate::model::Article;
        use tantivy::schema::Value;
        let dir = tempfile::tempdir().expect("tempdir");
        let (schema, _) = schema::build();
        let settings = tantivy::IndexSettings {
            docstore_blocksize: 4096,
            ..index_settings()
        };
        Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir.path())
            .expect("older index");
        let ingest = |ni: NewsIndex, id: &str| {
            let article = Article::lead(
                id,
                format!("Report {id}"),
                format!("Wheat prices rose in {id}."),
            );
            let mut w =
                writer::NewsWriter::open(&ni, 64 << 20, 1, Settings::new(120)).expect("writer");
            w.add_article(&ni, id, &article, 120);
            w.commit().expect("commit");
            w.finish().expect("finish");
        };
        // A segment of 4 KiB blocks, as an older newsidx wrote them.
        ingest(NewsIndex::open(dir.path()).expect("open"), "old");
        assert_eq!(block_bytes(dir.path()), 4096);
        // Opened for ingest, the index takes this version's blocks.
        ingest(
            NewsIndex::open_or_create(dir.path(), true).expect("open"),
            "new",
        );
        assert_eq!(block_bytes(dir.path()), DOCSTORE_BLOCK_BYTES);
        let ni = NewsIndex::open(dir.path()).expect("open");
        let searcher = ni.index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let mut titles = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..reader.max_doc() {
                let d: tantivy::TantivyDocument = searcher
                    .doc(tantivy::DocAddress::new(ord as u32, doc))
                    .expect("stored document");
                if let Some(t) = d.get_first(ni.fields.title_text).and_then(|v| v.as_str()) {
                    titles.push(t.to_string());
                }
            }
        }
        titles.sort();
        assert_eq!(titles, ["Report new", "Report old"]);
    }

    #[test]
    fn the_doc_store_is_compressed_on_the_indexing_thread() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path();
        drop(NewsIndex::open_or_create(path, true).expect("new index"));
        assert!(!dedicated_thread(path));
        assert!(
            !NewsIndex::in_ram()
                .index
                .settings()
                .docstore_compress_dedicated_thread
        );

        // An index created with tantivy's default setting: an ingest
        // compresses on the indexing thread and its commit records it.
        let older = tempfile::tempdir().expect("tempdir");
        let (schema, _) = schema::build();
        let settings = tantivy::IndexSettings {
            docstore_compress_dedicated_thread: true,
            ..index_settings()
        };
        Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(older.path())
            .expect("older index");
        assert!(dedicated_thread(older.path()));
        let ni = NewsIndex::open_or_create(older.path(), true).expect("open");
        assert!(!ni.index.settings().docstore_compress_dedicated_thread);
        let mut w = writer::NewsWriter::open(&ni, 64 << 20, 1, Settings::new(120)).expect("writer");
        w.commit().expect("commit");
        w.finish().expect("finish");
        assert!(!dedicated_thread(older.path()));
    }
}
