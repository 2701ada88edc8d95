//! A batch of raw documents (or of JSON Lines records still to parse)
//! made into tantivy documents on rayon's workers: cleaned, split, dated,
//! cut into passages and analyzed, in input order, with the counts and
//! per-record errors the summary reports.

use super::{IngestConfig, cap_text, process};
use crate::error::{Error, Result};
use crate::model::{ArticleKind, RawDocument};
use crate::store::NewsIndex;
use crate::store::writer;
use rayon::prelude::*;
use tantivy::TantivyDocument;

/// Records of a JSON Lines file processed together. Their documents wait
/// in memory until the indexing thread takes them: 2,048 records put a 16x
/// Reuters ingest at 65 MB of private memory under `--memory-mb 64`, 512
/// at 57 MB, with no measurable change in speed (benches/README.md).
pub(super) const BATCH_LINES: usize = 512;
/// A batch of JSON Lines ends early once its records hold this many bytes
/// (unparsed text waits for the workers).
pub(super) const BATCH_BYTES: usize = 8 << 20;
/// Small files read and processed together.
pub(super) const BATCH_FILES: usize = 256;

/// A JSON Lines record read but not yet parsed (the workers parse it), or
/// why it could not be read.
pub(super) enum Pending {
    Record {
        line: usize,
        bytes: std::ops::Range<usize>,
    },
    Failed(Error),
}

/// Counts and documents produced from some raw documents.
#[derive(Default)]
pub(super) struct Batch {
    pub(super) docs: Vec<TantivyDocument>,
    pub(super) errors: Vec<Error>,
    pub(super) notes: Vec<String>,
    pub(super) articles: usize,
    pub(super) teasers: usize,
    pub(super) passages: usize,
    pub(super) undated: usize,
}

impl Batch {
    fn absorb(&mut self, other: Batch) {
        self.docs.extend(other.docs);
        self.errors.extend(other.errors);
        self.notes.extend(other.notes);
        self.articles += other.articles;
        self.teasers += other.teasers;
        self.passages += other.passages;
        self.undated += other.undated;
    }
}

pub(super) fn build_batch(
    ni: &NewsIndex,
    key: &str,
    raws: Vec<Result<RawDocument>>,
    cfg: &IngestConfig,
) -> Batch {
    build_batch_with(ni, key, raws, |raw| raw, cfg)
}

/// [`build_batch`] of items that become raw documents on the workers
/// (`read`: JSON Lines records are parsed there, not on the reading thread).
/// The documents keep the items' order.
pub(super) fn build_batch_with<T: Send>(
    ni: &NewsIndex,
    key: &str,
    items: Vec<T>,
    read: impl Fn(T) -> Result<RawDocument> + Sync + Send,
    cfg: &IngestConfig,
) -> Batch {
    items
        .into_par_iter()
        .map(|item| {
            let mut b = Batch::default();
            match read(item) {
                Err(e) => b.errors.push(e),
                Ok(mut raw) => {
                    b.notes.extend(cap_text(&mut raw));
                    for p in process(&raw, cfg.passage_words, cfg.default_date) {
                        match p.article.kind {
                            ArticleKind::Lead => b.articles += 1,
                            ArticleKind::Teaser => b.teasers += 1,
                        }
                        b.undated += usize::from(p.article.date.is_none());
                        b.passages += p.passages.len();
                        b.docs.extend(writer::documents(
                            &ni.fields,
                            key,
                            &p.article,
                            &p.passages,
                            ni.stemming,
                        ));
                    }
                }
            }
            b
        })
        .reduce(Batch::default, |mut a, b| {
            a.absorb(b);
            a
        })
}
