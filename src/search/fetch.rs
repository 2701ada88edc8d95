//! Ranked passages -> hits: each passage's stored fields read, its snippet
//! highlighted and, when asked, its score explained.
//!
//! This is most of a search's time with many hits (a doc-store block,
//! [`crate::store::DOCSTORE_BLOCK_BYTES`], decompressed and the passage's
//! words matched, per hit; a passage held in memory by
//! [`super::preload`] shares its strings instead), and
//! every hit is independent of the others, so
//! a long list is shared out among the engine's threads ([`Fetcher`]); the
//! hits keep their ranks. A hit's date and ordinal come from fast-field
//! columns, not the doc store.

use super::Columns;
use super::explain;
use super::highlight_text;
use super::matcher::Matcher;
use super::stored::{Shown, Stored};
use crate::error::Result;
use crate::model::{Hit, passage_id};
use crate::store::schema::Fields;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

/// Below this many hits a search reads them on the calling thread: waking
/// a helper costs about what it saves. Measured with `search --batch
/// --threads 1|2` on Reuters-21578 on 2 cores: no gain at 8 to 24 hits,
/// 7 to 18% at 32, about 30% at 100 (benches/README.md).
pub const PARALLEL_FROM: usize = 32;

/// How many hits a thread takes at a time.
const SHARE: usize = 4;

/// Reads and highlights hits, on a pool of threads made on first need.
#[derive(Debug)]
pub struct Fetcher {
    threads: usize,
    pool: OnceLock<Option<rayon::ThreadPool>>,
}

impl Default for Fetcher {
    /// One thread per core.
    fn default() -> Self {
        Fetcher::with_threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

impl Fetcher {
    /// Reads hits on `threads` threads (1: on the calling thread only).
    pub fn with_threads(threads: usize) -> Fetcher {
        Fetcher {
            threads: threads.max(1),
            pool: OnceLock::new(),
        }
    }

    /// The pool of helpers, made on first use; `None` with one thread
    /// asked for, or when it cannot be made (the hits are then read on the
    /// calling thread alone). It has a thread per thread asked for,
    /// although a search takes one fewer helper (the calling thread works
    /// too): a batch may run on one of them ([`Fetcher::install`]).
    fn pool(&self) -> Option<&rayon::ThreadPool> {
        if self.threads == 1 {
            return None;
        }
        self.pool
            .get_or_init(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(self.threads)
                    .thread_name(|i| format!("newsidx-hits-{i}"))
                    .build()
                    .ok()
            })
            .as_ref()
    }

    /// Runs `work` on a thread of the pool ([`super::Engine::on_pool`]),
    /// or here when there is none.
    pub(super) fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        match self.pool() {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    /// The hits of `top` (score and address, best first), ranked 1, 2, ...
    /// `matcher` marks the query's words; each helper works on a copy.
    pub(super) fn hits(
        &self,
        job: &Job<'_>,
        mut matcher: Matcher,
        top: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>> {
        let pool = match top.len() >= PARALLEL_FROM {
            true => self.pool(),
            false => None,
        };
        let Some(pool) = pool else {
            return top
                .iter()
                .enumerate()
                .map(|(i, &(score, addr))| job.hit(i + 1, score, addr, &mut matcher))
                .collect();
        };
        // Each thread takes the next few hits until none are left, so a
        // thread that starts late or meets long passages does fewer.
        let next = AtomicUsize::new(0);
        let work = |mut matcher: Matcher| {
            let mut done = Vec::new();
            loop {
                let from = next.fetch_add(SHARE, Ordering::Relaxed);
                if from >= top.len() {
                    return done;
                }
                for (i, &(score, addr)) in top.iter().enumerate().skip(from).take(SHARE) {
                    done.push((i, job.hit(i + 1, score, addr, &mut matcher)));
                }
            }
        };
        let mut parts = Vec::with_capacity(self.threads);
        let helped = Mutex::new(Vec::new());
        pool.in_place_scope(|s| {
            for _ in 1..self.threads {
                let matcher = matcher.clone();
                s.spawn(|_| {
                    let part = work(matcher);
                    helped
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(part);
                });
            }
            parts.push(work(matcher));
        });
        parts.extend(helped.into_inner().unwrap_or_else(PoisonError::into_inner));
        let mut all: Vec<(usize, Result<Hit>)> = parts.into_iter().flatten().collect();
        all.sort_unstable_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, hit)| hit).collect()
    }
}

/// What every hit of one search is made with.
pub(super) struct Job<'a> {
    pub searcher: &'a Searcher,
    /// Passages held in memory, by segment ordinal (the rest are read
    /// from the doc store).
    pub held: &'a [Option<&'a [Option<Shown>]>],
    /// The passage's date and ordinal (the doc store holds neither).
    pub columns: &'a Columns,
    pub fields: &'a Fields,
    /// The user's query alone, for explanations (the filters add no score).
    pub user: &'a dyn Query,
    pub snippet_chars: usize,
    pub explain: bool,
}

impl Job<'_> {
    /// The hit at `rank` for the passage at `addr`.
    fn hit(&self, rank: usize, score: f32, addr: DocAddress, matcher: &mut Matcher) -> Result<Hit> {
        let doc = match super::preload::lookup(self.held, addr) {
            Some(doc) => doc.clone(),
            None => Shown::of(self.searcher.doc::<Stored>(addr)?, self.fields),
        };
        let place = Place {
            rank,
            score,
            date: self.columns.day(addr),
            ordinal: self.columns.ordinal(addr),
        };
        let mut hit = hit_of(doc, place, matcher, self.snippet_chars);
        if self.explain {
            let e = self.user.explain(self.searcher, addr)?;
            let names: Vec<String> = self
                .searcher
                .schema()
                .fields()
                .map(|(_, entry)| entry.name().to_string())
                .collect();
            hit.explanation = serde_json::from_str(&e.to_pretty_json())
                .ok()
                .map(|v| explain::summarize(&v, &names));
        }
        Ok(hit)
    }
}

/// A hit's rank and score, and its passage's fast-field values.
struct Place {
    rank: usize,
    score: f32,
    date: Option<chrono::NaiveDate>,
    ordinal: u64,
}

/// A hit from a passage's shown fields, its snippet highlighted.
fn hit_of(doc: Shown, place: Place, matcher: &mut Matcher, snippet_chars: usize) -> Hit {
    let Place {
        rank,
        score,
        date,
        ordinal,
    } = place;
    let mut hl = highlight_text(&doc.body, matcher, snippet_chars);
    if hl.ranges.is_empty()
        && let Some(c) = &doc.caption
    {
        let from_caption = highlight_text(c, matcher, snippet_chars);
        if !from_caption.ranges.is_empty() {
            hl = from_caption;
        }
    }
    Hit {
        rank,
        score,
        passage_id: passage_id(&doc.article_id, ordinal),
        article_id: doc.article_id,
        kind: doc.kind,
        lead_id: doc.lead_id,
        title: doc.title,
        date,
        date_source: doc.date_source,
        source: doc.source,
        url: doc.url,
        caption: doc.caption,
        text: doc.body,
        snippet: hl.snippet,
        highlights: hl.ranges,
        explanation: None,
    }
}
