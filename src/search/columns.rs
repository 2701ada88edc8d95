//! The fast-field columns search reads per passage, and the article ids
//! of ranked passages, read from their column rather than the doc store.

use crate::error::Result;
use chrono::DateTime as ChronoDateTime;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex, PoisonError};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{DateTime, DocAddress, Searcher};

/// The fast-field columns read per passage (article key, ordinal, date),
/// opened for every segment at once rather than once per passage, and
/// kept by the engine between searches of the same segments
/// ([`ColumnCache`]).
pub(super) struct Columns {
    pub(super) keys: Vec<tantivy::columnar::Column<u64>>,
    ordinals: Vec<tantivy::columnar::Column<u64>>,
    dates: Vec<tantivy::columnar::Column<DateTime>>,
    /// Whether any segment indexes a caption word (`caption`, the field
    /// given to [`Columns::open`]). When none does, a query's words need
    /// not be looked for in captions: they cannot match there, and their
    /// weights, term lookups and scorers were about 4% of a search's
    /// instructions (benches/README.md, "What was tried").
    pub(super) captions: bool,
}

impl Columns {
    pub(super) fn open(searcher: &Searcher, caption: Field) -> Result<Columns> {
        let mut keys = Vec::new();
        let mut ordinals = Vec::new();
        let mut dates = Vec::new();
        let mut captions = false;
        for r in searcher.segment_readers() {
            keys.push(r.fast_fields().u64("article_key")?);
            ordinals.push(r.fast_fields().u64("ordinal")?);
            dates.push(r.fast_fields().date("date")?);
            captions = captions || has_postings(r, caption)?;
        }
        Ok(Columns {
            keys,
            ordinals,
            dates,
            captions,
        })
    }

    /// The passage's article key.
    pub(super) fn key(&self, addr: DocAddress) -> u64 {
        self.keys[addr.segment_ord as usize]
            .first(addr.doc_id)
            .unwrap_or(0)
    }

    /// Where the passage stands among equals: its article key, then its
    /// ordinal. Unlike a doc address, this is the same in every index
    /// built from the same files, whatever the threads and merges did.
    pub(super) fn tie(&self, addr: DocAddress) -> (u64, u64) {
        (self.key(addr), self.ordinal(addr))
    }

    /// The passage's place in its article (0 first).
    pub(super) fn ordinal(&self, addr: DocAddress) -> u64 {
        self.ordinals[addr.segment_ord as usize]
            .first(addr.doc_id)
            .unwrap_or(0)
    }

    /// The publication day of the passage's article.
    pub(super) fn day(&self, addr: DocAddress) -> Option<chrono::NaiveDate> {
        self.dates[addr.segment_ord as usize]
            .first(addr.doc_id)
            .and_then(|d| ChronoDateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive())
    }
}

/// Whether `field` has postings in the segment. Asked of the segment's
/// files, not through `SegmentReader::inverted_index`, which for a field
/// without postings builds an empty term dictionary (the first time in a
/// process, about 1.3 ms of a one-shot search's 9 ms: benches/README.md,
/// "What was tried").
fn has_postings(reader: &tantivy::SegmentReader, field: Field) -> Result<bool> {
    let name = reader.schema().get_field_name(field);
    Ok(reader
        .fields_metadata()?
        .iter()
        .any(|m| m.field_name == name && m.postings_size.is_some_and(|b| b.get_bytes() > 0)))
}

/// The columns of the segments searched last, kept for the next search
/// of the same segments: opening them (each column looked up by name in
/// every segment and its header read) was about 61,000 instructions of
/// each search, 2.2% of a 100-hit search's (benches/README.md, "What was
/// tried").
#[derive(Default)]
pub(super) struct ColumnCache {
    last: Mutex<Option<(Vec<SegmentId>, Arc<Columns>)>>,
}

impl ColumnCache {
    /// The columns of `searcher`'s segments (`caption`: the caption field,
    /// [`Columns::captions`]), opened unless the last searcher asked for
    /// had the same segments.
    pub(super) fn of(&self, searcher: &Searcher, caption: Field) -> Result<Arc<Columns>> {
        let readers = searcher.segment_readers();
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((ids, columns)) = last.as_ref()
            && ids.len() == readers.len()
            && ids.iter().zip(readers).all(|(id, r)| *id == r.segment_id())
        {
            return Ok(Arc::clone(columns));
        }
        let columns = Arc::new(Columns::open(searcher, caption)?);
        let ids = readers
            .iter()
            .map(tantivy::SegmentReader::segment_id)
            .collect();
        *last = Some((ids, Arc::clone(&columns)));
        Ok(columns)
    }
}

/// Each searched segment's article ids, read once from its `article_id`
/// column and kept while the segment is searched: `eval` then takes the ids
/// of its ranked passages without the doc store, which it decompressed a
/// block of for each of them before (benches/README.md, "What was tried").
///
/// A column holds a segment's ids as ordinals into a sorted dictionary
/// that is read block by block, each block from its start: looking up 100
/// ordinals walked about as many entries as reading the whole dictionary
/// does. So the whole dictionary is read into one string on first need:
/// about the ids' length plus 8 bytes per article (under 0.5 MB for
/// Reuters-21578's 20,841).
#[derive(Debug, Default)]
pub(super) struct ArticleIds {
    segments: Mutex<HashMap<SegmentId, Arc<Ids>>>,
}

/// A segment's `article_id` column and its ids.
type Opened = (StrColumn, Arc<Ids>);

/// One segment's ids in ordinal order, end to end.
#[derive(Debug)]
struct Ids {
    text: String,
    ends: Vec<usize>,
}

impl Ids {
    fn read(column: &StrColumn) -> Result<Ids> {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(column.num_terms());
        let mut terms = column.dictionary().stream()?;
        while terms.advance() {
            text.push_str(&String::from_utf8_lossy(terms.key()));
            ends.push(text.len());
        }
        Ok(Ids { text, ends })
    }

    fn get(&self, ord: u64) -> &str {
        let Some(i) = usize::try_from(ord).ok().filter(|&i| i < self.ends.len()) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

impl ArticleIds {
    /// The article ids of `addrs`, in their order ("" for a passage
    /// without one).
    pub(super) fn of(&self, searcher: &Searcher, addrs: &[DocAddress]) -> Result<Vec<String>> {
        let readers = searcher.segment_readers();
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        // Segments merged away or deleted since are forgotten.
        segments.retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        // Each segment's column and ids once opened; `Some(None)` for a
        // segment without the column (only file markers), asked once.
        let mut open: Vec<Option<Option<Opened>>> = vec![None; readers.len()];
        let mut out = Vec::with_capacity(addrs.len());
        for addr in addrs {
            let s = addr.segment_ord as usize;
            if open[s].is_none() {
                let opened = match readers[s].fast_fields().str("article_id")? {
                    None => None,
                    Some(column) => {
                        let ids = match segments.entry(readers[s].segment_id()) {
                            Entry::Occupied(e) => Arc::clone(e.get()),
                            Entry::Vacant(e) => Arc::clone(e.insert(Arc::new(Ids::read(&column)?))),
                        };
                        Some((column, ids))
                    }
                };
                open[s] = Some(opened);
            }
            let id = open[s]
                .as_ref()
                .and_then(Option::as_ref)
                .and_then(|(column, ids)| column.ords().first(addr.doc_id).map(|ord| ids.get(ord)));
            out.push(id.unwrap_or_default().to_string());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{ArticleIds, ColumnCache};
    use crate::model::Article;
    use crate::search::stored::Stored;
    use crate::store::writer::{NewsWriter, article_key};
    use crate::store::{NewsIndex, Settings};
    use std::sync::Arc;
    use tantivy::DocAddress;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::AllQuery;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// The ids read from the column are the stored ones, for passages
        /// of several segments (one commit per `commit_every` articles), asked
        /// in any order and more than once, ids of shared prefixes and
        /// non-ASCII ones; and again, from the same memory of segments, once
        /// some articles are indexed again (new segments, deleted documents).
        #[test]
        fn ids_from_the_column_are_the_stored_ids(
            ids in proptest::collection::btree_set("[ab/é]{1,6}[0-9]{0,3}", 1..60),
            commit_every in 1..9usize,
            again in proptest::collection::vec(proptest::bool::ANY, 60),
            order in proptest::collection::vec(0..10_000usize, 0..200),
        ) {
            let ni = NewsIndex::in_ram();
            let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(5)).unwrap();
            let article = |id: &str| {
                Article::lead(id, "Report", "Wheat fell. Corn rose. Oil fell again.\n\nGold held.")
            };
            let add = |w: &NewsWriter, file: &str, a: &Article| w.add_article(&ni, file, a, 5);
            for (i, id) in ids.iter().enumerate() {
                add(&w, "/a.jsonl", &article(id));
                if i % commit_every == commit_every - 1 {
                    w.commit().unwrap();
                }
            }
            w.commit().unwrap();
            let reader = ni.index.reader().unwrap();
            let memory = ArticleIds::default();
            let check = |searcher: &tantivy::Searcher| {
                let mut all: Vec<DocAddress> =
                    searcher.search(&AllQuery, &DocSetCollector).unwrap().into_iter().collect();
                all.sort();
                let addrs: Vec<DocAddress> = if all.is_empty() {
                    Vec::new()
                } else {
                    all.iter().copied().chain(order.iter().map(|&i| all[i % all.len()])).collect()
                };
                let stored: Vec<String> = addrs
                    .iter()
                    .map(|&a| {
                        let mut d: Stored = searcher.doc(a).unwrap();
                        d.take_str(ni.fields.article_id).unwrap_or_default()
                    })
                    .collect();
                (memory.of(searcher, &addrs).unwrap(), stored)
            };
            let (got, stored) = check(&reader.searcher());
            proptest::prop_assert_eq!(got, stored);
            // The file again, with some of its articles: the rest deleted.
            w.delete_file("/a.jsonl");
            for (id, _) in ids.iter().zip(&again).filter(|(_, a)| **a) {
                add(&w, "/a.jsonl", &article(id));
            }
            w.commit().unwrap();
            reader.reload().unwrap();
            let (got, stored) = check(&reader.searcher());
            proptest::prop_assert_eq!(got, stored);
        }
    }

    /// The cache gives the same columns while the segments stay, and the
    /// new segments' columns once a commit adds one; they know whether
    /// any segment holds a caption.
    #[test]
    fn cached_columns_follow_the_segments() {
        let ni = NewsIndex::in_ram();
        let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(5)).unwrap();
        let mut add = |id: &str, caption: Option<&str>| {
            let a = Article {
                caption: caption.map(String::from),
                ..Article::lead(id, "Report", "Wheat fell.")
            };
            w.add_article(&ni, "/a.jsonl", &a, 5);
            w.commit().unwrap();
        };
        add("one", None);
        let reader = ni.index.reader().unwrap();
        let cache = ColumnCache::default();
        let first = cache.of(&reader.searcher(), ni.fields.caption).unwrap();
        assert!(Arc::ptr_eq(
            &first,
            &cache.of(&reader.searcher(), ni.fields.caption).unwrap()
        ));
        assert!(!first.captions, "no caption yet");
        add("two", Some("Wheat fields at dawn."));
        reader.reload().unwrap();
        let searcher = reader.searcher();
        let second = cache.of(&searcher, ni.fields.caption).unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(second.captions, "the second article's caption");
        let mut keys: Vec<u64> = searcher
            .search(&AllQuery, &DocSetCollector)
            .unwrap()
            .into_iter()
            .map(|addr| second.key(addr))
            .filter(|&k| k != 0)
            .collect();
        keys.sort_unstable();
        let mut want = vec![article_key("one"), article_key("two")];
        want.sort_unstable();
        assert_eq!(keys, want);
    }
}
