//! Writing articles to the index.
//!
//! Input: articles with their passages. Output: tantivy documents, one per
//! passage, and per file a marker document holding the file's content hash.
//! Replacing a file deletes every document with its `source_key` before
//! adding the new ones, so a re-ingest never duplicates.

use super::analysis::analyze;
use super::schema::Fields;
use super::{NewsIndex, Settings};
use crate::error::{Error, Result};
use crate::model::{Article, Passage};
use chrono::NaiveTime;
use std::collections::{HashMap, HashSet};
use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

/// The `kind` of the marker document recorded per ingested file.
pub const FILE_KIND: &str = "file";

/// What the index knows of one ingested file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub hash: String,
    pub source: String,
}

/// A stable 64-bit key for an article id (for collapsing and counting).
pub fn article_key(id: &str) -> u64 {
    let h = blake3::hash(id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h.as_bytes()[..8]);
    u64::from_le_bytes(b)
}

/// The tantivy documents of one article: one per passage. An article with
/// an empty body gets one passage holding its title.
///
/// The searched fields get the text analyzed here, on the caller's thread
/// (`stem` as the index was built), and the shown text is stored apart
/// ([`analysis`](super::analysis)).
pub fn documents(
    f: &Fields,
    source_key: &str,
    article: &Article,
    passages: &[Passage],
    stem: bool,
) -> Vec<TantivyDocument> {
    let key = article_key(&article.id);
    let source = article.source.to_string_lossy();
    let title = analyze(&article.title, stem);
    // What every passage's document holds besides its text and caption:
    // each string with up to 5 bytes of length, each number in 8.
    let shared = [
        title.as_str(),
        &article.title,
        &article.id,
        article.kind.as_str(),
        article.lead_id.as_deref().unwrap_or_default(),
        source_key,
        &source,
        article.url.as_deref().unwrap_or_default(),
        article.date.as_ref().map_or("", |d| d.source.as_str()),
    ]
    .iter()
    .map(|s| s.len() + 5)
    .sum::<usize>()
        + 5 * 8;
    passages
        .iter()
        .map(|p| {
            let body = analyze(&p.text, stem);
            let caption = match &article.caption {
                Some(c) if p.ordinal == 0 => Some((analyze(c, stem), c)),
                _ => None,
            };
            // Sized once: tantivy's default (1 KiB) grew, copying, for
            // most passages (their text is in the document twice).
            let bytes = shared
                + body.len()
                + p.text.len()
                + caption.as_ref().map_or(0, |(a, c)| a.len() + c.len());
            let mut d = TantivyDocument::with_capacity(bytes + 4 * 5);
            d.add_text(f.title, &title);
            d.add_text(f.title_text, &article.title);
            d.add_text(f.body, body);
            d.add_text(f.body_text, &p.text);
            if let Some((analyzed, c)) = caption {
                d.add_text(f.caption, analyzed);
                d.add_text(f.caption_text, c);
            }
            d.add_text(f.article_id, &article.id);
            d.add_u64(f.article_key, key);
            d.add_u64(f.ordinal, p.ordinal as u64);
            // A title-only article's passage is its title: it has no offset.
            if !article.body.is_empty() {
                d.add_u64(f.offset, p.offset as u64);
            }
            d.add_text(f.kind, article.kind.as_str());
            if let Some(l) = &article.lead_id {
                d.add_text(f.lead_id, l);
            }
            d.add_text(f.source_key, source_key);
            d.add_text(f.source, &source);
            if let Some(u) = &article.url {
                d.add_text(f.url, u);
            }
            match &article.date {
                Some(dated) => {
                    let secs = dated.date.and_time(NaiveTime::MIN).and_utc().timestamp();
                    d.add_date(f.date, DateTime::from_timestamp_secs(secs));
                    d.add_text(f.date_source, &dated.source);
                    d.add_u64(f.dated, 1);
                }
                None => d.add_u64(f.dated, 0),
            }
            d
        })
        .collect()
}

/// Memory kept for the documents on their way to tantivy: up to 10,000
/// queued for its indexing threads (its `PIPELINE_MAX_SIZE_IN_DOCS`), each
/// holding its text twice (stored, and analyzed by [`documents`]), and the
/// batch being prepared. Measured with `FACTORS="1 4 16" MEMORY_MB=64
/// benches/scale.sh`: 76-77 MB of private memory at 4x and 16x without
/// this reserve, 55-66 MB with it (benches/README.md).
const QUEUE_BYTES: usize = 32 << 20;

/// The most new segments an ingest leaves unmerged: one per indexing
/// thread of the default two ([`NewsWriter::finish`]). Their size is what
/// sets the doc store's blocks ([`DOCSTORE_BLOCK_BYTES`](super::DOCSTORE_BLOCK_BYTES)).
pub const KEPT_SEGMENTS: usize = 2;

/// The least indexing memory tantivy accepts per thread (its
/// `MEMORY_BUDGET_NUM_BYTES_MIN`, which tantivy 0.27 does not export).
const MIN_THREAD_BYTES: usize = 15_000_000;

/// The index writer with newsidx's bookkeeping.
pub struct NewsWriter {
    writer: IndexWriter,
    fields: Fields,
    settings: Settings,
    /// The segments the index had before this writer wrote anything.
    before: HashSet<SegmentId>,
}

impl NewsWriter {
    /// Takes the index's writer lock; fails at once if another process has it.
    /// On glibc, also fixes the process's mmap threshold so that memory
    /// freed after each segment goes back to the system
    /// ([`return_freed_memory`](super::alloc::return_freed_memory)).
    pub fn open(
        ni: &NewsIndex,
        memory_bytes: usize,
        threads: usize,
        settings: Settings,
    ) -> Result<Self> {
        super::alloc::return_freed_memory();
        // `memory_bytes` bounds the whole process. The documents on their
        // way to tantivy take [`QUEUE_BYTES`] of it. tantivy's budget counts
        // its indexing buffers only; the document store, fast-field columns
        // and the spike when a segment is written take about as much again
        // (measured: benches/README.md), so tantivy gets half of the rest.
        // tantivy needs at least 15 MB per indexing thread: fewer threads
        // rather than a budget overrun (64 MB allows one).
        let share = memory_bytes.saturating_sub(QUEUE_BYTES) / 2;
        let threads = threads.clamp(1, (share / MIN_THREAD_BYTES).max(1));
        let per_thread = (share / threads).max(MIN_THREAD_BYTES);
        let writer: IndexWriter = ni
            .index
            .writer_with_num_threads(threads, per_thread * threads)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::IndexLocked {
                    path: ni.path.clone(),
                },
                other => Error::Engine(other),
            })?;
        // No merges while indexing: they would run beside the indexing
        // threads (more memory at once) and could hold segments that the
        // one merge in `finish` then cannot take.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let before = ni.index.searchable_segment_ids()?.into_iter().collect();
        Ok(NewsWriter {
            writer,
            fields: ni.fields,
            settings,
            before,
        })
    }

    /// Removes every document of one file.
    pub fn delete_file(&self, source_key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.source_key, source_key));
    }

    /// Adds `article` of `file`, cut into passages of `words` words (the
    /// unit tests' way of filling an index).
    #[cfg(test)]
    pub(crate) fn add_article(&self, ni: &NewsIndex, file: &str, article: &Article, words: usize) {
        let passages = crate::ingest::cut(article, words);
        self.add(documents(&ni.fields, file, article, &passages, ni.stemming))
            .expect("add");
    }

    /// Adds prepared documents.
    pub fn add(&self, docs: Vec<TantivyDocument>) -> Result<()> {
        for d in docs {
            self.writer.add_document(d)?;
        }
        Ok(())
    }

    /// Records that a file was ingested completely, with its hash.
    pub fn mark_file(&self, source_key: &str, source: &str, hash: &str) -> Result<()> {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, FILE_KIND);
        d.add_text(f.source_key, source_key);
        d.add_text(f.file_key, source_key);
        d.add_text(f.source, source);
        d.add_text(f.file_hash, hash);
        self.writer.add_document(d)?;
        Ok(())
    }

    /// Commits everything added so far, with the index settings as payload.
    pub fn commit(&mut self) -> Result<()> {
        self.settings.last_ingest = Some(chrono::Utc::now().to_rfc3339());
        let payload = serde_json::to_string(&self.settings).unwrap_or_default();
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        Ok(())
    }

    /// Leaves the segments this writer committed, merged into one when
    /// there are more than [`KEPT_SEGMENTS`]; waits for merges to finish
    /// and releases the lock.
    ///
    /// Each indexing thread writes its own segments. An ingest that ran
    /// in one go on two threads keeps their two: they were written at the
    /// same time, at the end, and merging them would cost what the second
    /// thread saved (a merge took a fifth of the wall time of a Reuters
    /// ingest on two cores: benches/README.md). More (more threads, or
    /// commits and memory flushes along the way) are merged into one,
    /// which keeps the index small and searches over few segments. What
    /// earlier ingests wrote is not re-merged here.
    pub fn finish(mut self) -> Result<()> {
        let new: Vec<SegmentId> = self
            .writer
            .index()
            .searchable_segment_ids()?
            .into_iter()
            .filter(|id| !self.before.contains(id))
            .collect();
        // From here tantivy's own policy may merge older segments too (one
        // or two per earlier ingest), once this merge has ended.
        self.writer
            .set_merge_policy(Box::new(LogMergePolicy::default()));
        if new.len() > KEPT_SEGMENTS {
            self.writer.merge(&new).wait()?;
        }
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// The files recorded in the index, by source key.
pub fn manifest(ni: &NewsIndex) -> Result<HashMap<String, FileRecord>> {
    let reader = ni.index.reader()?;
    let searcher = reader.searcher();
    let f = &ni.fields;
    let query = TermQuery::new(
        Term::from_field_text(f.kind, FILE_KIND),
        IndexRecordOption::Basic,
    );
    let docs = searcher.search(&query, &DocSetCollector)?;
    let mut out = HashMap::with_capacity(docs.len());
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        out.insert(
            text(f.file_key),
            FileRecord {
                hash: text(f.file_hash),
                source: text(f.source),
            },
        );
    }
    Ok(out)
}
