//! Ranked passages -> hits: each passage's stored fields read, its snippet
//! highlighted and, when asked, its score explained.
//!
//! This is most of a search's time with many hits (a doc-store block,
//! [`crate::store::DOCSTORE_BLOCK_BYTES`], decompressed and the passage's
//! words matched, per hit; a passage held in memory by
//! [`super::preload`] shares its strings instead), and
//! every hit is independent of the others, so
//! a long list is shared out among the engine's threads ([`Fetcher`],
//! whose helpers start while the passages are ranked); the hits keep
//! their ranks. A hit's date and ordinal come from fast-field
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
use std::time::{Duration, Instant};
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

    /// Ranks (`rank`: the top passages, best first) and reads the hits,
    /// ranked 1, 2, ..., each thread marking the query's words with a
    /// matcher of its own (`matcher` makes one). Returns the hits and when
    /// the ranking ended.
    ///
    /// When `limit` asks for a list long enough to share
    /// ([`PARALLEL_FROM`]), the helpers are started before the ranking,
    /// and wait for it: a helper woken only once the hits were ready
    /// started 30 to 60 us late on a 2-vCPU VM, a sixth of a 100-hit
    /// list's time on two threads (benches/README.md). A helper waits
    /// spinning for at most [`SPIN`], then in short sleeps. Each thread
    /// takes the next few hits until none are left, so a thread that
    /// starts late or meets long passages does fewer. A helper makes its
    /// matcher while it waits.
    pub(super) fn ranked_hits(
        &self,
        job: &Job<'_>,
        limit: usize,
        matcher: &(dyn Fn() -> Matcher + Sync),
        rank: impl FnOnce() -> Result<Vec<(f32, DocAddress)>>,
    ) -> Result<(Vec<Hit>, Instant)> {
        let pool = match limit >= PARALLEL_FROM {
            true => self.pool(),
            false => None,
        };
        let Some(pool) = pool else {
            let top = rank()?;
            let ranked = Instant::now();
            return Ok((job.alone(&top, matcher())?, ranked));
        };
        // What the helpers are handed: `None` when the ranking failed or
        // found too few passages to share (the calling thread reads them).
        let handoff: OnceLock<Option<Vec<(f32, DocAddress)>>> = OnceLock::new();
        let next = AtomicUsize::new(0);
        let helped = Mutex::new(Vec::new());
        let mut ours = None;
        pool.in_place_scope(|s| {
            for _ in 1..self.threads {
                s.spawn(|_| {
                    let matcher = matcher();
                    let Some(top) = wait_for(&handoff) else {
                        return;
                    };
                    let part = job.share(top, matcher, &next);
                    helped
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(part);
                });
            }
            // Whatever becomes of the ranking (an error, a panic), the
            // helpers are told, or the scope would wait for them forever.
            let _release = Release(&handoff);
            ours = Some(rank().map(|top| {
                let ranked = Instant::now();
                if top.len() < PARALLEL_FROM {
                    return (Err(top), ranked);
                }
                // Set here and only here: the list handed over is ours.
                let part = match handoff.get_or_init(|| Some(top)) {
                    Some(top) => job.share(top, matcher(), &next),
                    None => Vec::new(),
                };
                (Ok(part), ranked)
            }));
        });
        let (part, ranked) = ours.unwrap_or_else(|| unreachable!("the scope ran its body"))?;
        let part = match part {
            Ok(part) => part,
            // Too few to share: read here.
            Err(top) => return Ok((job.alone(&top, matcher())?, ranked)),
        };
        let mut all = part;
        all.extend(
            helped
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .into_iter()
                .flatten(),
        );
        all.sort_unstable_by_key(|(i, _)| *i);
        let hits = all.into_iter().map(|(_, hit)| hit).collect::<Result<_>>()?;
        Ok((hits, ranked))
    }
}

/// How long a helper started before the ranking waits for it spinning,
/// before it waits in short sleeps: longer than a ranking of Reuters'
/// heaviest query (about 0.8 ms), short enough that a slow ranking (a
/// large index, an ordering by date) does not keep a core busy waiting.
const SPIN: Duration = Duration::from_millis(2);

/// The helpers' work, once the ranking is done (see `Fetcher::ranked_hits`).
fn wait_for<T>(handoff: &OnceLock<Option<T>>) -> Option<&T> {
    let started = Instant::now();
    loop {
        if let Some(work) = handoff.get() {
            return work.as_ref();
        }
        if started.elapsed() < SPIN {
            for _ in 0..64 {
                std::hint::spin_loop();
            }
        } else {
            std::thread::sleep(Duration::from_micros(50));
        }
    }
}

/// Tells the helpers there is nothing for them, when dropped before
/// they were handed anything.
struct Release<'a, T>(&'a OnceLock<Option<T>>);

impl<T> Drop for Release<'_, T> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
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
    /// The hits of `top`, read on this thread.
    fn alone(&self, top: &[(f32, DocAddress)], mut matcher: Matcher) -> Result<Vec<Hit>> {
        top.iter()
            .enumerate()
            .map(|(i, &(score, addr))| self.hit(i + 1, score, addr, &mut matcher))
            .collect()
    }

    /// Hits of `top` taken a few at a time (`next`, shared with the other
    /// threads) until none are left, with their places in `top`.
    fn share(
        &self,
        top: &[(f32, DocAddress)],
        mut matcher: Matcher,
        next: &AtomicUsize,
    ) -> Vec<(usize, Result<Hit>)> {
        let mut done = Vec::new();
        loop {
            let from = next.fetch_add(SHARE, Ordering::Relaxed);
            if from >= top.len() {
                return done;
            }
            for (i, &(score, addr)) in top.iter().enumerate().skip(from).take(SHARE) {
                done.push((i, self.hit(i + 1, score, addr, &mut matcher)));
            }
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::model::Article;
    use crate::search::Engine;
    use crate::store::writer::NewsWriter;
    use crate::store::{NewsIndex, Settings};

    /// An engine over 40 articles that all match `wheat`, on `threads`.
    fn engine(threads: usize) -> Engine {
        let ni = NewsIndex::in_ram();
        let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(8)).unwrap();
        for i in 0..40 {
            let a = Article::lead(
                format!("a{i}"),
                format!("Wheat report {i}"),
                format!("Wheat prices rose {i} cents in Chicago."),
            );
            w.add_article(&ni, "/a.jsonl", &a, 8);
        }
        w.commit().unwrap();
        let mut engine = Engine::new(ni).unwrap();
        engine.set_threads(threads);
        engine
    }

    /// `ranked_hits` on `engine`'s index for `wheat`, ranked by `rank`.
    fn ranked_hits(
        engine: &Engine,
        rank: impl FnOnce(&Engine) -> Result<Vec<(f32, DocAddress)>>,
    ) -> Result<Vec<Hit>> {
        let searcher = engine.searcher();
        let columns = engine.columns(&searcher).unwrap();
        let user = engine.parse("wheat").unwrap();
        let held = engine.held.for_searcher(&searcher);
        let job = Job {
            searcher: &searcher,
            held: &held,
            columns: &columns,
            fields: &engine.ni.fields,
            user: &*user,
            snippet_chars: 80,
            explain: false,
        };
        let fetcher = &engine.fetcher;
        fetcher
            .ranked_hits(&job, 100, &matcher, || rank(engine))
            .map(|(hits, _)| hits)
    }

    /// The top `n` passages for `wheat`, as tantivy ranks them.
    fn top(engine: &Engine, n: usize) -> Result<Vec<(f32, DocAddress)>> {
        let top = tantivy::collector::TopDocs::with_limit(n).order_by_score();
        Ok(engine.searcher().search(&*engine.parse("wheat")?, &top)?)
    }

    fn matcher() -> Matcher {
        Matcher::new(["wheat".to_string()].into(), true)
    }

    #[test]
    fn a_ranking_that_fails_releases_the_helpers_and_says_why() {
        let engine = engine(2);
        let failed = |_: &Engine| {
            Err(Error::Query {
                query: "wheat".into(),
                reason: "no ranking".into(),
            })
        };
        let err = ranked_hits(&engine, failed).unwrap_err();
        assert!(err.to_string().contains("no ranking"), "{err}");
        let err = engine.on_pool(|| ranked_hits(&engine, failed).unwrap_err());
        assert!(err.to_string().contains("no ranking"), "{err}");
    }

    #[test]
    fn a_ranking_that_panics_releases_the_helpers() {
        let engine = engine(2);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ranked_hits(&engine, |_| panic!("ranking panicked"))
        }));
        assert!(caught.is_err());
        // The pool is still there for the next search.
        let hits = ranked_hits(&engine, |e| top(e, 40)).unwrap();
        assert_eq!(hits.len(), 40);
        assert!(hits.iter().enumerate().all(|(i, h)| h.rank == i + 1));
    }

    #[test]
    fn a_short_ranking_is_read_on_the_calling_thread() {
        let engine = engine(2);
        let hits = ranked_hits(&engine, |e| top(e, 3)).unwrap();
        assert_eq!(hits.len(), 3);
        assert!(hits.iter().all(|h| !h.highlights.is_empty()));
    }
}
