//! Stored passages held in memory for a long run of searches.
//!
//! Every hit reads its passage from tantivy's doc store: the block that
//! holds it found in the store's skip index, decompressed (LZ4) and the
//! passage deserialized, about 24,000 instructions a hit before any
//! highlighting (benches/README.md, "Where the time goes"). A process that
//! answers many queries (`search --batch`) can pay that once per passage
//! instead: [`Preloaded::load`] reads each segment's store from start to
//! end, one block after the other, and keeps what a hit shows of each
//! passage ([`Shown`]); a hit then shares its passage's strings, with no
//! copy.
//!
//! Memory is bounded by the caller: segments are loaded in turn while
//! their passages fit in `max_bytes` (strings and per-value overhead). A
//! segment that would not fit is not read, or given up as soon as it is
//! projected not to fit, and it and every later one are read from the
//! doc store as before. Passages are keyed by segment id, so a reader
//! reloaded on a new commit still finds the segments it shares with the
//! one loaded; a merged segment is new and read from its store.

use super::stored::{Shown, Stored};
use crate::error::Result;
use crate::store::schema::Fields;
use std::collections::HashMap;
use tantivy::index::SegmentId;
use tantivy::{DocAddress, Searcher};

/// The stored passages of some of a searcher's segments, by doc id.
#[derive(Debug, Default)]
pub struct Preloaded {
    segments: HashMap<SegmentId, Vec<Option<Shown>>>,
    bytes: usize,
    documents: usize,
    /// Segments that did not fit in the bound.
    left: usize,
}

/// What [`Preloaded::load`] held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreloadReport {
    /// Documents held (passages, teasers and file records).
    pub documents: usize,
    /// Their estimated size in memory.
    pub bytes: usize,
    /// Segments held.
    pub segments: usize,
    /// Segments left to the doc store: the first that did not fit and
    /// every one after it.
    pub segments_left: usize,
}

impl Preloaded {
    /// Reads the doc store of each of `searcher`'s segments, in turn, while
    /// the documents held take at most `max_bytes`.
    pub fn load(searcher: &Searcher, fields: &Fields, max_bytes: usize) -> Result<Preloaded> {
        let mut held = Preloaded::default();
        for reader in searcher.segment_readers() {
            if held.left > 0 {
                held.left += 1;
                continue;
            }
            // No block cache: each block is read once, in order.
            let store = reader.get_store_reader(0)?;
            // A store whose held documents would not fit in what is left
            // is not read (`HELD_PER_STORED_BYTE`).
            let compressed = store.space_usage().data_usage().get_bytes();
            let estimate = usize::try_from(compressed)
                .unwrap_or(usize::MAX)
                .saturating_mul(HELD_PER_STORED_BYTE);
            if held.bytes.saturating_add(estimate) > max_bytes {
                held.left += 1;
                continue;
            }
            let alive = reader.alive_bitset();
            let mut docs: Vec<Option<Shown>> = Vec::new();
            let mut bytes = 0usize;
            let mut count = 0usize;
            let mut ids = (0..reader.max_doc()).filter(|&d| alive.is_none_or(|a| a.is_alive(d)));
            let mut fits = true;
            for doc in store.iter::<Stored>(alive) {
                let doc = Shown::of(doc?, fields);
                let Some(id) = ids.next() else { break };
                bytes += size_of::<Option<Shown>>() * (id as usize + 1 - docs.len());
                bytes += doc.footprint();
                if held.bytes + bytes > max_bytes
                    || (count % 1024 == 1023
                        && !on_course(bytes, id + 1, reader.max_doc(), max_bytes - held.bytes))
                {
                    fits = false;
                    break;
                }
                docs.resize_with(id as usize, || None);
                docs.push(Some(doc));
                count += 1;
            }
            if !fits {
                held.left += 1;
                continue;
            }
            held.bytes += bytes;
            held.documents += count;
            held.segments.insert(reader.segment_id(), docs);
        }
        Ok(held)
    }

    /// What was loaded.
    pub fn report(&self) -> PreloadReport {
        PreloadReport {
            documents: self.documents,
            bytes: self.bytes,
            segments: self.segments.len(),
            segments_left: self.left,
        }
    }

    /// The held passages of each of `searcher`'s segments, by segment
    /// ordinal (`None`: not held, read from the doc store).
    pub fn for_searcher<'a>(&'a self, searcher: &Searcher) -> Vec<Option<&'a [Option<Shown>]>> {
        searcher
            .segment_readers()
            .iter()
            .map(|r| self.segments.get(&r.segment_id()).map(Vec::as_slice))
            .collect()
    }
}

/// Held, news text takes at least this many times its bytes in the doc
/// store: LZ4 shrinks it, and each string costs a slot and an allocation.
/// Reuters-21578 takes 2.4 times (2.6 at 1x and 16x while passages were
/// held as tantivy values); a store whose held
/// documents would not fit by this estimate is not read (at 16x and the
/// default bound of `search --batch`, reading it to the bound cost 486 ms
/// for nothing). Text that LZ4 cannot shrink would fit in less, and is
/// then read from the store: slower, never wrong.
const HELD_PER_STORED_BYTE: usize = 2;

/// Whether a segment whose first `read` doc ids took `bytes` held is on
/// course to fit in `budget` at `max_doc`: checked from a sixteenth of
/// the segment on, so that a segment the estimate let through is given up
/// early, with 10% to spare for documents that vary.
fn on_course(bytes: usize, read: u32, max_doc: u32, budget: usize) -> bool {
    if read < max_doc / 16 {
        return true;
    }
    let projected = bytes as u128 * u128::from(max_doc) / u128::from(read.max(1));
    projected <= budget as u128 * 11 / 10
}

/// The passage at `addr` among `held` (from [`Preloaded::for_searcher`]),
/// if it is there.
pub fn lookup<'a>(held: &[Option<&'a [Option<Shown>]>], addr: DocAddress) -> Option<&'a Shown> {
    let docs = held.get(addr.segment_ord as usize).copied().flatten()?;
    docs.get(addr.doc_id as usize)?.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::search::{Engine, SearchRequest};
    use crate::store::writer::NewsWriter;
    use crate::store::{NewsIndex, Settings};

    /// Articles from two files, several to a commit, then the first file
    /// indexed again: several segments, some with deleted documents.
    fn engine() -> (Engine, NewsWriter) {
        let ni = NewsIndex::in_ram();
        let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(8)).unwrap();
        for i in 0..12 {
            add(&ni, &w, i, if i % 2 == 0 { "/a.jsonl" } else { "/b.jsonl" });
            if i % 4 == 3 {
                w.commit().unwrap();
            }
        }
        w.delete_file("/a.jsonl");
        for i in (0..12).step_by(2).skip(1) {
            add(&ni, &w, i, "/a.jsonl");
        }
        w.commit().unwrap();
        (Engine::new(ni).unwrap(), w)
    }

    /// Article `i` of `file`, in passages of eight words.
    fn add(ni: &NewsIndex, w: &NewsWriter, i: usize, file: &str) {
        let a = Article {
            caption: (i % 3 == 0).then(|| "A field of wheat.".to_string()),
            url: Some(format!("https://example.com/{i}")),
            source: file.into(),
            ..Article::lead(
                format!("{file}{i}"),
                format!("Wheat report {i}"),
                format!(
                    "Wheat prices rose {i} cents in Chicago. Corn fell as the harvest came in.\n\nTraders said gold and oil were quiet, and wheat exports were up."
                ),
            )
        };
        w.add_article(ni, file, &a, 8);
    }

    fn request() -> SearchRequest {
        let mut req = SearchRequest::new("wheat OR \"harvest came\" OR field");
        req.limit = 100;
        req.per_article = 3;
        req
    }

    #[test]
    fn gives_up_on_a_segment_once_it_is_projected_not_to_fit() {
        // Too early to tell: a sixteenth of the segment not yet read.
        assert!(on_course(1_000, 99, 1_600, 1_000));
        // 100 of 1,600 documents in 1,000 bytes: 16,000 in all.
        assert!(!on_course(1_000, 100, 1_600, 14_000));
        assert!(on_course(1_000, 100, 1_600, 15_000));
        assert!(on_course(1_000, 1_600, 1_600, 1_000));
        assert!(!on_course(usize::MAX, u32::MAX, u32::MAX, 1));
    }

    #[test]
    fn holds_each_live_document_as_the_store_has_it() {
        let (e, _w) = engine();
        let searcher = e.searcher();
        assert!(searcher.segment_readers().len() > 2);
        let fields = &e.index().fields;
        let held = Preloaded::load(&searcher, fields, usize::MAX).unwrap();
        let by_ord = held.for_searcher(&searcher);
        let mut live = 0;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..reader.max_doc() {
                let addr = DocAddress::new(ord as u32, doc);
                let got = lookup(&by_ord, addr);
                if reader.is_deleted(doc) {
                    assert_eq!(got, None, "{addr:?} was deleted");
                } else {
                    live += 1;
                    let stored: Stored = searcher.doc(addr).unwrap();
                    assert_eq!(got, Some(&Shown::of(stored, fields)), "{addr:?}");
                }
            }
        }
        let report = held.report();
        assert_eq!(report.documents, live);
        assert!(
            searcher
                .segment_readers()
                .iter()
                .any(|r| r.num_deleted_docs() > 0)
        );
        assert_eq!(report.segments, searcher.segment_readers().len());
        assert_eq!(report.segments_left, 0);
        assert_eq!(lookup(&by_ord, DocAddress::new(99, 0)), None);
    }

    #[test]
    fn holds_only_what_fits_and_hits_stay_the_same() {
        let (mut e, mut w) = engine();
        let want = e.search(&request()).unwrap().hits;
        assert!(want.len() > 10);
        let all = e.preload(usize::MAX).unwrap();
        assert_eq!(e.search(&request()).unwrap().hits, want);
        // Room for some of the segments: the rest come from the doc store.
        let some = e.preload(all.bytes / 2).unwrap();
        assert!(some.segments >= 1 && some.segments_left >= 1, "{some:?}");
        assert!(some.bytes <= all.bytes / 2, "{some:?}");
        assert_eq!(e.search(&request()).unwrap().hits, want);
        let none = e.preload(0).unwrap();
        assert_eq!((none.documents, none.bytes, none.segments), (0, 0, 0));
        assert_eq!(e.search(&request()).unwrap().hits, want);
        // A commit after the preload: held documents it deletes are no
        // longer hits, and its new segment is read from the store.
        e.preload(usize::MAX).unwrap();
        w.delete_file("/b.jsonl");
        add(e.index(), &w, 40, "/c.jsonl");
        w.commit().unwrap();
        e.reload().unwrap();
        let after = e.search(&request()).unwrap().hits;
        assert!(after.iter().any(|h| &*h.article_id == "/c.jsonl40"));
        assert!(!after.iter().any(|h| &*h.source == "/b.jsonl"));
        let held = e.preload(usize::MAX).unwrap();
        assert_eq!(held.segments, e.searcher().segment_readers().len());
        assert_eq!(e.search(&request()).unwrap().hits, after);
        e.preload(0).unwrap();
        assert_eq!(e.search(&request()).unwrap().hits, after);
    }

    #[test]
    fn hits_of_a_held_passage_share_its_strings() {
        let (mut e, _w) = engine();
        e.preload(usize::MAX).unwrap();
        let first = e.search(&request()).unwrap().hits;
        let again = e.search(&request()).unwrap().hits;
        assert_eq!(first, again);
        for (a, b) in first.iter().zip(&again) {
            assert!(std::sync::Arc::ptr_eq(&a.text, &b.text), "{}", a.passage_id);
            assert!(std::sync::Arc::ptr_eq(&a.title, &b.title));
            assert!(std::sync::Arc::ptr_eq(&a.article_id, &b.article_id));
        }
        // Read from the doc store, each search has its own copy.
        e.preload(0).unwrap();
        let read = e.search(&request()).unwrap().hits;
        assert_eq!(read, first);
        assert!(!std::sync::Arc::ptr_eq(&read[0].text, &first[0].text));
    }
}
